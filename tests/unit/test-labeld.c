// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-labeld.c - daxlabeld's configuration parser, atomic writes and
 * backup history.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "labeld.h"

static void test_config_defaults(void **state)
{
	struct labeld_config c;
	char msg[128] = "";

	assert_int_equal(labeld_config_parse("", &c, msg, sizeof(msg)), 0);
	assert_int_equal(c.scrub_interval, 86400);
	assert_int_equal(c.history_depth, 16);
	assert_string_equal(c.backup_dir, "/var/lib/daxlabel");
	assert_string_equal(c.status_file, "/run/daxlabel/status.json");
}

static void test_config_values(void **state)
{
	static const struct {
		const char *text;
		unsigned int interval;
	} t[] = {
		{ "scrub_interval = 90", 90 },
		{ "scrub_interval=90s", 90 },
		{ "  scrub_interval\t=\t15m  # no: comments are whole lines", 0 },
		{ "scrub_interval = 15m", 900 },
		{ "scrub_interval = 6h", 21600 },
		{ "scrub_interval = 1d", 86400 },
		{ "scrub_interval = 0", 0 },
	};
	struct labeld_config c;
	char msg[128];
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int rc = labeld_config_parse(t[i].text, &c, msg, sizeof(msg));

		if (i == 2) {
			assert_int_equal(rc, -EINVAL);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_int_equal(c.scrub_interval, t[i].interval);
	}
	assert_int_equal(labeld_config_parse(
		"# comment\n\nhistory_depth = 3\nbackup_dir = /srv/b\n"
		"status_file = /run/x/s.json\n", &c, msg, sizeof(msg)), 0);
	assert_int_equal(c.history_depth, 3);
	assert_string_equal(c.backup_dir, "/srv/b");
	assert_string_equal(c.status_file, "/run/x/s.json");
}

static void test_config_errors(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} t[] = {
		{ "bogus = 1", "line 1: unknown key 'bogus'" },
		{ "\n\nhistory_depth", "line 3: expected 'key = value'" },
		{ "history_depth = 2\nhistory_depth = 3", "line 2: 'history_depth' given twice" },
		{ "history_depth = 1001", "line 1: bad history_depth '1001' (0 to 1000)" },
		{ "history_depth = -1", "line 1: bad history_depth" },
		{ "history_depth = 3x", "line 1: bad history_depth" },
		{ "scrub_interval = 5w", "line 1: bad scrub_interval" },
		{ "scrub_interval = 367d", "line 1: bad scrub_interval" },
		{ "scrub_interval = 99999999999999999999", "line 1: bad scrub_interval" },
		{ "scrub_interval =", "line 1: bad scrub_interval" },
		{ "backup_dir = relative/dir", "line 1: bad backup_dir 'relative/dir' (an absolute path)" },
	};
	struct labeld_config c, before;
	char msg[128];
	unsigned int i;

	labeld_config_defaults(&c);
	c.history_depth = 7;
	before = c;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		msg[0] = '\0';
		assert_int_equal(labeld_config_parse(t[i].text, &c, msg, sizeof(msg)), -EINVAL);
		assert_true(strncmp(msg, t[i].msg, strlen(t[i].msg)) == 0);
		/* a refused file leaves the configuration as it was */
		assert_memory_equal(&c, &before, sizeof(c));
	}
}

static char *tmpdir(void)
{
	char *d = strdup("/tmp/test-labeld-XXXXXX");

	assert_non_null(d);
	assert_non_null(mkdtemp(d));
	return d;
}

static void rm_rf(const char *path)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	assert_int_equal(system(cmd), 0);
}

/* entries of @dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void test_write_atomic(void **state)
{
	char *d = tmpdir(), path[256], *buf;
	size_t len;

	assert_int_equal(labeld_write_atomic(d, "f.json", "one", 3), 0);
	assert_int_equal(labeld_write_atomic(d, "f.json", "second", 6), 0);
	snprintf(path, sizeof(path), "%s/f.json", d);
	assert_int_equal(labeld_read_file(path, &buf, &len), 0);
	assert_int_equal(len, 6);
	assert_string_equal(buf, "second");
	free(buf);
	assert_int_equal(count_entries(d), 1);	/* no temporary left */
	/* a directory that does not exist: an error, nothing written */
	snprintf(path, sizeof(path), "%s/missing", d);
	assert_int_equal(labeld_write_atomic(path, "f.json", "x", 1), -ENOENT);
	assert_int_equal(count_entries(d), 1);
	rm_rf(d);
	free(d);
}

static void test_backup_history(void **state)
{
	struct labeld_config c;
	char *d = tmpdir(), json[128], hist[512], path[512], *buf;
	uint64_t gens[8];
	size_t len;
	int changed, g;

	labeld_config_defaults(&c);
	snprintf(c.backup_dir, sizeof(c.backup_dir), "%s/b", d);
	c.history_depth = 3;
	for (g = 1; g <= 6; g++) {
		snprintf(json, sizeof(json), "{ \"generation\": %d, \"devices\": [ ] }\n", g);
		assert_int_equal(labeld_backup(&c, "u1", json, strlen(json), &changed), 0);
		assert_int_equal(changed, 1);
		/* the same set again writes nothing */
		assert_int_equal(labeld_backup(&c, "u1", json, strlen(json), &changed), 0);
		assert_int_equal(changed, 0);
	}
	snprintf(hist, sizeof(hist), "%s/b/u1/history", d);
	assert_int_equal(labeld_history(hist, gens, 8), 3);
	assert_true(gens[0] == 3 && gens[1] == 4 && gens[2] == 5);
	snprintf(path, sizeof(path), "%s/b/u1/current.json", d);
	assert_int_equal(labeld_read_file(path, &buf, &len), 0);
	assert_string_equal(buf, json);
	free(buf);
	snprintf(path, sizeof(path), "%s/b/u1/history/00000000000000000004.json", d);
	assert_int_equal(labeld_read_file(path, &buf, &len), 0);
	assert_non_null(strstr(buf, "\"generation\": 4"));
	free(buf);

	/* depth 0 keeps no history */
	c.history_depth = 0;
	assert_int_equal(labeld_backup(&c, "u2", "{ \"generation\": 1 }", 19, &changed), 0);
	assert_int_equal(labeld_backup(&c, "u2", "{ \"generation\": 2 }", 19, &changed), 0);
	snprintf(hist, sizeof(hist), "%s/b/u2/history", d);
	assert_int_equal(labeld_history(hist, gens, 8), 0);

	/* generations are unsigned 64-bit: the history name is the value */
	snprintf(json, sizeof(json), "{ \"generation\": 18446744073709551615 }");
	assert_int_equal(labeld_backup(&c, "u4", json, strlen(json), &changed), 0);
	c.history_depth = 2;
	assert_int_equal(labeld_backup(&c, "u4", "{ \"generation\": 1 }", 19, &changed), 0);
	snprintf(path, sizeof(path), "%s/b/u4/history/18446744073709551615.json", d);
	assert_int_equal(labeld_read_file(path, &buf, &len), 0);
	free(buf);

	/* an unusable backup directory is an error and nothing else */
	snprintf(c.backup_dir, sizeof(c.backup_dir), "%s/b/u1/current.json/x", d);
	assert_int_equal(labeld_backup(&c, "u3", "{}", 2, &changed), -ENOTDIR);
	assert_int_equal(changed, 0);
	rm_rf(d);
	free(d);
}

/* Scrub intervals up to the config's 366 days wait, never overflow. */
static void test_poll_timeout(void **state)
{
	assert_int_equal(labeld_poll_timeout(1000, 0), -1);	/* no scrub */
	assert_int_equal(labeld_poll_timeout(1000, 1010), 10000);
	assert_int_equal(labeld_poll_timeout(1000, 1000), 0);
	assert_int_equal(labeld_poll_timeout(1000, 900), 0);	/* overdue */
	/* 2147483 s is the last whole second poll() can wait */
	assert_int_equal(labeld_poll_timeout(0, 2147483), 2147483000);
	assert_int_equal(labeld_poll_timeout(0, 2147484), INT_MAX);
	assert_int_equal(labeld_poll_timeout(1, 1 + 366 * 86400), INT_MAX);
}

static void test_config_load(void **state)
{
	struct labeld_config c;
	char *d = tmpdir(), path[256], msg[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/none.conf", d);
	assert_int_equal(labeld_config_load(path, &c, msg, sizeof(msg)), 0);
	assert_int_equal(c.history_depth, 16);
	snprintf(path, sizeof(path), "%s/nul.conf", d);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite("history_depth = 1\0x", 1, 20, f);
	fclose(f);
	assert_int_equal(labeld_config_load(path, &c, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "a NUL byte in the file");
	rm_rf(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_defaults),
		cmocka_unit_test(test_config_values),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_config_load),
		cmocka_unit_test(test_write_atomic),
		cmocka_unit_test(test_backup_history),
		cmocka_unit_test(test_poll_timeout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
