// SPDX-License-Identifier: GPL-2.0-only
/*
 * dax-pattern - write or verify a per-device data pattern through mmap of
 * a device-dax character device (which has no read/write).
 *
 *   dax-pattern write|verify /dev/daxR.N SEED
 *
 * Every 4 KiB page gets a 64-bit word derived from SEED and the page
 * index at its start and end, so a device whose ranges moved, shrank or
 * were swapped fails verification.  Prints one line; exit 0 when the
 * pattern was written or matched, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static uint64_t word(uint64_t seed, uint64_t page)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ULL ^ (page + 1) * 0xbf58476d1ce4e5b9ULL;

	x ^= x >> 31;
	return x * 0x94d049bb133111ebULL;
}

static int dev_size(const char *path, uint64_t *size)
{
	char sys[256], buf[64];
	const char *name = strrchr(path, '/');
	FILE *f;

	snprintf(sys, sizeof(sys), "/sys/bus/dax/devices/%s/size",
		 name ? name + 1 : path);
	f = fopen(sys, "r");
	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	*size = strtoull(buf, NULL, 0);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t size, seed, p, bad = 0;
	volatile uint64_t *m;
	int write, fd;

	if (argc != 4 || (strcmp(argv[1], "write") && strcmp(argv[1], "verify"))) {
		fprintf(stderr, "usage: dax-pattern write|verify /dev/daxR.N SEED\n");
		return 2;
	}
	write = !strcmp(argv[1], "write");
	seed = strtoull(argv[3], NULL, 0);
	if (dev_size(argv[2], &size) || !size) {
		fprintf(stderr, "dax-pattern: %s: no size in sysfs\n", argv[2]);
		return 1;
	}
	fd = open(argv[2], O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "dax-pattern: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	/*
	 * DAX_PATTERN_BEFORE_MMAP: a shell command run between open() and
	 * mmap(), e.g. a disable/enable of the device, so the mapping goes
	 * through a file opened under the previous bind.
	 */
	if (getenv("DAX_PATTERN_BEFORE_MMAP") &&
	    system(getenv("DAX_PATTERN_BEFORE_MMAP")) != 0) {
		fprintf(stderr, "dax-pattern: DAX_PATTERN_BEFORE_MMAP failed\n");
		return 1;
	}
	m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		fprintf(stderr, "dax-pattern: mmap %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	for (p = 0; p < size / PAGE; p++) {
		volatile uint64_t *first = m + p * (PAGE / 8);
		volatile uint64_t *last = first + PAGE / 8 - 1;
		uint64_t w = word(seed, p);

		if (write) {
			*first = w;
			*last = ~w;
		} else if (*first != w || *last != ~w) {
			bad++;
		}
	}
	if (write)
		msync((void *)m, size, MS_SYNC);
	munmap((void *)m, size);
	close(fd);
	printf("PATTERN %s %s %s %" PRIu64 " pages %" PRIu64 " bad\n",
	       argv[1], argv[2], argv[3], size / PAGE, bad);
	return bad ? 1 : 0;
}
