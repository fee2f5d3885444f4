// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxlabeld - the daxlabel daemon: host-side backups and history of every
 * label set, scrubbing of both copies, and health.
 *
 *   daxlabeld [-c CONF] [--once]     run (systemd Type=notify)
 *   daxlabeld status [-c CONF] [-j]  what the running daemon last saw
 *
 * At start and after every uevent of the nd and dax subsystems (the
 * patched kernel sends a change event after each label commit and scrub)
 * it reads each labelled namespace's set through the kernel's read-only
 * view (/sys/bus/nd/devices/daxR.M/daxlabel/metadata, via libdaxlabel)
 * and keeps a backup (backup.c).  Every scrub_interval it asks the kernel
 * to verify both copies and rewrite a bad one (daxlabel/scrub).  The
 * daemon never writes a label area itself.  SIGHUP rereads the
 * configuration (a bad one is reported and the old one kept); SIGTERM
 * and SIGINT end it.
 */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <libudev.h>
#include <json-c/json.h>

#include "labeld.h"
#include "util/json.h"
#include "util/options.h"
#include "util/util.h"

#define SYSFS_ND "/sys/bus/nd/devices"

/**
 * struct ns_state - one labelled namespace as last seen
 * @nd_dax: the nd_dax device holding it ("dax0.1")
 * @ns: the namespace ("namespace0.0")
 * @uuid: its info-block uuid, naming its backup directory
 * @generation: generation of the set last read
 * @nr_devs: devices in that set
 * @labels: "ok", "degraded" or "damaged", as 'daxlabel list' says
 * @state: the kernel's view, the problem name of daxlabel/state
 * @read_error: why the set could not be read, or ""
 * @last_backup: when current.json was last found or made equal to the set
 * @backup_error: why the last backup failed, or ""
 * @last_scrub: when the last scrub ran
 * @scrub: its result
 * @seen: found by the current scan
 */
struct ns_state {
	char nd_dax[64];
	char ns[64];
	char uuid[37];
	uint64_t generation;
	unsigned int nr_devs;
	char labels[16];
	char state[64];
	char read_error[128];
	time_t last_backup;
	char backup_error[128];
	time_t last_scrub;
	char scrub[192];
	bool seen;
};

static struct labeld_config cfg;
static struct ns_state *nss;
static unsigned int nr_ns;
static struct daxlabel_ctx *ctx;
static time_t started;

static void logmsg(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void logmsg(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "daxlabeld: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* sd_notify(3), without libsystemd: one datagram to $NOTIFY_SOCKET */
static void notify(const char *msg)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t n;
	int fd;

	if (!path || (path[0] != '/' && path[0] != '@'))
		return;
	n = strlen(path);
	if (n >= sizeof(sa.sun_path))
		return;
	memcpy(sa.sun_path, path, n);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (sendto(fd, msg, strlen(msg), MSG_NOSIGNAL, (struct sockaddr *)&sa,
		   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)) < 0)
		logmsg("sd_notify: %s", strerror(errno));
	close(fd);
}

/*
 * The health of daxlabel/state ("<generation> <PROBLEM>[ read-only][
 * failed]"): everything after the generation, so a read-only or failed
 * label area is reported and counted as needing attention even when its
 * copies are fine (nothing can repair them there).
 */
/*
 * The kernel's "GENERATION PROBLEM[ read-only][ failed]": the words after
 * the generation into @out, the generation into @gen (0 when unreadable).
 */
static void read_state_gen(const char *nd_dax, char *out, size_t len,
			   unsigned long long *gen)
{
	char path[256], line[128], *sp;

	*gen = 0;
	snprintf(path, sizeof(path), SYSFS_ND "/%s/daxlabel/state", nd_dax);
	if (dl_read_line(path, line, sizeof(line))) {
		snprintf(out, len, "UNKNOWN");
		return;
	}
	sp = strchr(line, ' ');
	if (sp)
		*gen = strtoull(line, NULL, 10);
	snprintf(out, len, "%.63s", sp ? sp + 1 : line);
}

static void read_state(const char *nd_dax, char *out, size_t len)
{
	unsigned long long gen;

	read_state_gen(nd_dax, out, len, &gen);
}

static struct ns_state *ns_find(const char *nd_dax)
{
	struct ns_state *n;
	unsigned int i;

	for (i = 0; i < nr_ns; i++)
		if (!strcmp(nss[i].nd_dax, nd_dax))
			return &nss[i];
	n = realloc(nss, sizeof(*nss) * (nr_ns + 1));
	if (!n)
		return NULL;
	nss = n;
	n = &nss[nr_ns++];
	memset(n, 0, sizeof(*n));
	snprintf(n->nd_dax, sizeof(n->nd_dax), "%s", nd_dax);
	return n;
}

/* read one namespace's set and keep its backup */
static void scan_one(struct ns_state *n)
{
	struct daxlabel_target *t;
	unsigned char u[16];
	char *json = NULL;
	size_t len = 0;
	FILE *f;
	int rc, changed;

	rc = daxlabel_target_open(ctx, n->ns, 0, &t);
	if (rc) {
		snprintf(n->read_error, sizeof(n->read_error), "open: %s", strerror(-rc));
		return;
	}
	if (daxlabel_target_get_state(t) != DAXLABEL_STATE_LABELLED) {
		snprintf(n->read_error, sizeof(n->read_error), "no valid label set (%s)",
			 daxlabel_problem_name(daxlabel_target_get_copies_problem(t)));
		snprintf(n->labels, sizeof(n->labels), "damaged");
		daxlabel_target_unref(t);
		return;
	}
	n->read_error[0] = '\0';
	daxlabel_target_get_uuid(t, u);
	dl_format_uuid(u, n->uuid);
	n->generation = daxlabel_target_get_generation(t);
	n->nr_devs = daxlabel_target_get_nr_devs(t);
	snprintf(n->labels, sizeof(n->labels), "%s", dl_health_name(t));
	f = open_memstream(&json, &len);
	rc = f ? dl_json_target(f, t, 0, DL_JSON_DUMP | DL_JSON_MAPPINGS) : -ENOMEM;
	if (f && fclose(f))
		rc = -ENOMEM;
	daxlabel_target_unref(t);
	if (rc) {
		snprintf(n->backup_error, sizeof(n->backup_error), "rendering the set failed");
		free(json);
		return;
	}
	rc = labeld_backup(&cfg, n->uuid, json, len, &changed);
	free(json);
	if (rc) {
		if (strcmp(n->backup_error, strerror(-rc)))
			logmsg("%s: backup to %s/%s failed: %s; the label set is untouched",
			       n->ns, cfg.backup_dir, n->uuid, strerror(-rc));
		snprintf(n->backup_error, sizeof(n->backup_error), "%s", strerror(-rc));
		return;
	}
	n->backup_error[0] = '\0';
	n->last_backup = time(NULL);
	if (changed)
		logmsg("%s: backed up generation %" PRIu64 " (%u device%s) to %s/%s",
		       n->ns, n->generation, n->nr_devs,
		       n->nr_devs == 1 ? "" : "s", cfg.backup_dir, n->uuid);
}

static struct json_object *jstr(const char *s)
{
	return json_object_new_string(s);
}

static void write_status(void)
{
	struct json_object *j = json_object_new_object(), *a = json_object_new_array();
	char dir[PATH_MAX], *slash;
	const char *text;
	unsigned int i;
	int rc;

	json_object_object_add(j, "pid", json_object_new_int(getpid()));
	json_object_object_add(j, "started", json_object_new_int64(started));
	json_object_object_add(j, "updated", json_object_new_int64(time(NULL)));
	json_object_object_add(j, "backup_dir", jstr(cfg.backup_dir));
	json_object_object_add(j, "scrub_interval", json_object_new_uint64(cfg.scrub_interval));
	json_object_object_add(j, "history_depth", json_object_new_uint64(cfg.history_depth));
	for (i = 0; i < nr_ns; i++) {
		struct ns_state *n = &nss[i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "namespace", jstr(n->ns));
		json_object_object_add(o, "nd_dax", jstr(n->nd_dax));
		json_object_object_add(o, "uuid", jstr(n->uuid));
		json_object_object_add(o, "generation", json_object_new_uint64(n->generation));
		json_object_object_add(o, "devices", json_object_new_uint64(n->nr_devs));
		json_object_object_add(o, "labels", jstr(n->labels));
		json_object_object_add(o, "state", jstr(n->state));
		if (n->read_error[0])
			json_object_object_add(o, "read_error", jstr(n->read_error));
		json_object_object_add(o, "last_backup", json_object_new_int64(n->last_backup));
		if (n->backup_error[0])
			json_object_object_add(o, "backup_error", jstr(n->backup_error));
		json_object_object_add(o, "last_scrub", json_object_new_int64(n->last_scrub));
		json_object_object_add(o, "scrub", jstr(n->scrub));
		json_object_array_add(a, o);
	}
	json_object_object_add(j, "namespaces", a);
	text = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	snprintf(dir, sizeof(dir), "%s", cfg.status_file);
	slash = strrchr(dir, '/');
	*slash = '\0';
	rc = labeld_mkdir_p(dir);
	if (!rc)
		rc = labeld_write_atomic(dir, slash + 1, text, strlen(text));
	if (rc)
		logmsg("status file %s: %s", cfg.status_file, strerror(-rc));
	json_object_put(j);
}

/* find every labelled namespace, back up each set, report */
static void scan(void)
{
	char line[256], path[512];
	unsigned int i, bad = 0;
	glob_t g;

	for (i = 0; i < nr_ns; i++)
		nss[i].seen = false;
	if (glob(SYSFS_ND "/*/daxlabel/state", 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			char nd_dax[64];
			struct ns_state *n;
			size_t off = strlen(SYSFS_ND "/");

			snprintf(nd_dax, sizeof(nd_dax), "%.*s",
				 (int)(strlen(g.gl_pathv[i]) - off - strlen("/daxlabel/state")),
				 g.gl_pathv[i] + off);
			snprintf(path, sizeof(path), SYSFS_ND "/%s/namespace", nd_dax);
			if (dl_read_line(path, line, sizeof(line)) || !line[0])
				continue;
			n = ns_find(nd_dax);
			if (!n)
				continue;
			n->seen = true;
			snprintf(n->ns, sizeof(n->ns), "%.63s", line);
			read_state(nd_dax, n->state, sizeof(n->state));
			scan_one(n);
		}
		globfree(&g);
	}
	for (i = 0; i < nr_ns; )
		if (!nss[i].seen)
			nss[i] = nss[--nr_ns];
		else
			i++;
	for (i = 0; i < nr_ns; i++)
		bad += strcmp(nss[i].state, "OK") || nss[i].backup_error[0] ||
		       nss[i].read_error[0];
	write_status();
	snprintf(line, sizeof(line), "STATUS=%u labelled namespace%s, %u with problems",
		 nr_ns, nr_ns == 1 ? "" : "s", bad);
	notify(line);
}

/* ask the kernel to verify both copies of every set and mend a bad one */
static void scrub(void)
{
	char path[256], before[64], after[64];
	unsigned long long gen_before, gen_after;
	unsigned int i;

	for (i = 0; i < nr_ns; i++) {
		struct ns_state *n = &nss[i];
		FILE *f;
		int rc = 0;

		read_state_gen(n->nd_dax, before, sizeof(before), &gen_before);
		snprintf(path, sizeof(path), SYSFS_ND "/%s/daxlabel/scrub", n->nd_dax);
		f = fopen(path, "w");
		if (!f || fputs("1\n", f) == EOF)
			rc = -errno;
		if (f && fclose(f) && !rc)
			rc = -errno;
		read_state_gen(n->nd_dax, after, sizeof(after), &gen_after);
		n->last_scrub = time(NULL);
		if (rc)
			snprintf(n->scrub, sizeof(n->scrub), "failed: %s (state %s)",
				 strerror(-rc), after);
		else if (gen_after != gen_before)
			/*
			 * A scrub commits only to put the kernel's set back
			 * over one it did not commit; a daxctl change may also
			 * have run meanwhile.
			 */
			snprintf(n->scrub, sizeof(n->scrub),
				 "generation %llu to %llu: the kernel's set written back over one it did not commit, or a commit ran meanwhile",
				 gen_before, gen_after);
		else if (!strcmp(after, "OK") && strcmp(before, "OK"))
			snprintf(n->scrub, sizeof(n->scrub), "resynced (was %s)", before);
		else if (!strcmp(after, "OK"))
			snprintf(n->scrub, sizeof(n->scrub), "ok");
		else
			snprintf(n->scrub, sizeof(n->scrub), "not mended: %s", after);
		if (strcmp(n->scrub, "ok"))
			logmsg("%s: scrub: %s", n->ns, n->scrub);
	}
	scan();
}

static int status_cmd(const char *conf, bool json)
{
	struct json_object *j, *a;
	char msg[256], *text;
	size_t len, i;
	int rc, problems = 0;

	rc = labeld_config_load(conf, &cfg, msg, sizeof(msg));
	if (rc) {
		fprintf(stderr, "daxlabeld: %s: %s\n", conf, msg);
		return 16;
	}
	rc = labeld_read_file(cfg.status_file, &text, &len);
	if (rc) {
		fprintf(stderr, "daxlabeld: %s: %s (is daxlabeld running?)\n",
			cfg.status_file, strerror(-rc));
		return 3;
	}
	j = json_tokener_parse(text);
	if (!j || !json_object_object_get_ex(j, "namespaces", &a)) {
		fprintf(stderr, "daxlabeld: %s: not a status file\n", cfg.status_file);
		free(text);
		json_object_put(j);
		return 8;
	}
	if (json)
		fputs(text, stdout);
	for (i = 0; i < json_object_array_length(a); i++) {
		struct json_object *o = json_object_array_get_idx(a, i), *v;
		const char *state = "", *labels = "", *berr = NULL;
		char when[32] = "never";
		time_t tb = 0;

		if (json_object_object_get_ex(o, "state", &v))
			state = json_object_get_string(v);
		if (json_object_object_get_ex(o, "labels", &v))
			labels = json_object_get_string(v);
		if (json_object_object_get_ex(o, "backup_error", &v))
			berr = json_object_get_string(v);
		if (json_object_object_get_ex(o, "last_backup", &v))
			tb = (time_t)json_object_get_int64(v);
		problems += strcmp(state, "OK") != 0 || strcmp(labels, "ok") != 0 || berr;
		if (json)
			continue;
		if (tb)
			strftime(when, sizeof(when), "%F %T", localtime(&tb));
		printf("%s %s: generation %" PRIu64 ", %u devices, labels %s, kernel %s, backup %s%s%s, scrub %s\n",
		       json_object_get_string(json_object_object_get_ex(o, "namespace", &v) ? v : NULL),
		       json_object_get_string(json_object_object_get_ex(o, "uuid", &v) ? v : NULL),
		       json_object_object_get_ex(o, "generation", &v) ? json_object_get_uint64(v) : 0,
		       json_object_object_get_ex(o, "devices", &v) ? (unsigned int)json_object_get_uint64(v) : 0,
		       labels, state, when, berr ? " FAILED: " : "", berr ? berr : "",
		       json_object_get_string(json_object_object_get_ex(o, "scrub", &v) ? v : NULL));
	}
	if (!json && !json_object_array_length(a))
		printf("no labelled namespaces\n");
	json_object_put(j);
	free(text);
	return problems ? 1 : 0;
}

static int reload(const char *conf)
{
	struct labeld_config n;
	char msg[256];
	int rc = labeld_config_load(conf, &n, msg, sizeof(msg));

	if (rc) {
		logmsg("%s: %s; keeping the previous configuration", conf, msg);
		return rc;
	}
	cfg = n;
	return 0;
}

enum { OPT_ONCE = 256, OPT_VERSION };

static const struct dl_opt labeld_opts[] = {
	{ 'c', "config", required_argument, "CONF",
	  "configuration file (default " LABELD_CONFIG ")" },
	{ OPT_ONCE, "once", no_argument, NULL,
	  "scan, back up, scrub once, write the status\n"
	  "and exit" },
	{ 'j', "json", no_argument, NULL, "status: print JSON" },
	{ OPT_VERSION, "version", no_argument, NULL, "print the version" },
	{ 0 },
};

static const struct dl_help labeld_help = {
	"daxlabeld [-c CONF] [--once]\n"
	"       daxlabeld status [-c CONF] [-j]", labeld_opts,
	"Without a command: the daemon (systemd Type=notify).  status: what the\n"
	"running daemon last saw, from its status file.",
};

int main(int argc, char **argv)
{
	const char *conf = LABELD_CONFIG;
	bool once = false, json = false, status = false;
	struct udev_monitor *mon = NULL;
	struct udev *udev = NULL;
	struct pollfd pfd[2];
	time_t next_scrub;
	char msg[256];
	sigset_t mask;
	int c, rc;

	if (argc > 1 && !strcmp(argv[1], "status")) {
		status = true;
		argv++;
		argc--;
	}
	while ((c = dl_getopt(argc, argv, &labeld_help)) != -1) {
		switch (c) {
		case 'c': conf = optarg; break;
		case OPT_ONCE: once = true; break;
		case 'j': json = true; break;
		case 'h': dl_usage(stdout, &labeld_help); return 0;
		case OPT_VERSION:
			printf("daxlabeld %s\n", DAXLABEL_VERSION);
			return 0;
		default: dl_usage(stderr, &labeld_help); return 16;
		}
	}
	if (optind != argc || (json && !status) || (once && status)) {
		dl_usage(stderr, &labeld_help);
		return 16;
	}
	if (status)
		return status_cmd(conf, json);

	rc = labeld_config_load(conf, &cfg, msg, sizeof(msg));
	if (rc) {
		logmsg("%s: %s", conf, msg);
		return 16;
	}
	rc = daxlabel_new(&ctx);
	if (rc) {
		logmsg("libdaxlabel: %s", strerror(-rc));
		return 8;
	}
	started = time(NULL);
	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	pfd[1].fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	pfd[1].events = POLLIN;
	if (!once) {
		udev = udev_new();
		mon = udev ? udev_monitor_new_from_netlink(udev, "kernel") : NULL;
		if (!mon || udev_monitor_filter_add_match_subsystem_devtype(mon, "nd", NULL) ||
		    udev_monitor_filter_add_match_subsystem_devtype(mon, "dax", NULL) ||
		    udev_monitor_enable_receiving(mon) || pfd[1].fd < 0) {
			logmsg("cannot listen for uevents: %s", strerror(errno));
			return 8;
		}
		pfd[0].fd = udev_monitor_get_fd(mon);
		pfd[0].events = POLLIN;
	}

	scan();
	if (once) {
		scrub();
		daxlabel_unref(ctx);
		return 0;
	}
	logmsg("watching %u labelled namespace%s; backups in %s, scrub every %u s",
	       nr_ns, nr_ns == 1 ? "" : "s", cfg.backup_dir, cfg.scrub_interval);
	notify("READY=1");
	next_scrub = cfg.scrub_interval ? time(NULL) + cfg.scrub_interval : 0;
	for (;;) {
		int timeout = labeld_poll_timeout(time(NULL), next_scrub);
		bool rescan = false;

		rc = poll(pfd, 2, timeout);
		if (rc < 0 && errno != EINTR) {
			logmsg("poll: %s", strerror(errno));
			break;
		}
		if (rc > 0 && (pfd[0].revents & POLLIN)) {
			struct udev_device *d;

			while ((d = udev_monitor_receive_device(mon))) {
				udev_device_unref(d);
				rescan = true;
			}
		}
		if (rc > 0 && (pfd[1].revents & POLLIN)) {
			struct signalfd_siginfo si;

			while (read(pfd[1].fd, &si, sizeof(si)) == sizeof(si)) {
				if (si.ssi_signo != SIGHUP)
					goto out;
				notify("RELOADING=1");
				if (!reload(conf))
					logmsg("configuration reloaded");
				next_scrub = cfg.scrub_interval ?
					     time(NULL) + cfg.scrub_interval : 0;
				rescan = true;
				notify("READY=1");
			}
		}
		if (next_scrub && time(NULL) >= next_scrub) {
			scrub();
			next_scrub = time(NULL) + cfg.scrub_interval;
			rescan = false;
		}
		if (rescan)
			scan();
	}
out:
	notify("STOPPING=1");
	logmsg("stopping");
	udev_monitor_unref(mon);
	udev_unref(udev);
	daxlabel_unref(ctx);
	free(nss);
	return 0;
}
