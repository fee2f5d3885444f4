// SPDX-License-Identifier: GPL-2.0-only
/*
 * vm-time - time one command inside a VM guest (busybox has no
 * sub-second clock).
 *
 *   vm-time LABEL CMD [ARG...]
 *
 * Runs CMD with its output discarded and prints "TIME LABEL MS rc=RC":
 * the wall-clock milliseconds (CLOCK_MONOTONIC) from fork to exit.  Exits
 * with CMD's status.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	double t0, t1;
	int status, rc;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: vm-time LABEL CMD [ARG...]\n");
		return 2;
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("vm-time: fork");
		return 1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("vm-time: waitpid");
		return 1;
	}
	t1 = now_ms();
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("TIME %s %.1f rc=%d\n", argv[1], t1 - t0, rc);
	return rc;
}
