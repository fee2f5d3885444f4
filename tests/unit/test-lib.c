// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-lib.c - libdaxlabel's public API on image files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libdaxlabel.h"

#define MiB (1ULL << 20)

static char path[64];

static int setup(void **state)
{
	int fd;

	strcpy(path, "/tmp/test-lib-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, 64 * MiB))
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	unlink(path);
	return 0;
}

static struct daxlabel_target *open_fmt(struct daxlabel_ctx *ctx)
{
	struct daxlabel_format_opts fo = { 0 };
	struct daxlabel_target *t;

	assert_int_equal(daxlabel_target_open(ctx, path, DAXLABEL_OPEN_WRITE,
					      &t), 0);
	assert_int_equal(daxlabel_target_get_state(t), DAXLABEL_STATE_UNLABELLED);
	assert_int_equal(daxlabel_target_format(t, &fo), 0);
	return t;
}

static void test_lifecycle(void **state)
{
	struct daxlabel_ctx *ctx;
	struct daxlabel_target *t;
	struct daxlabel_dev *dev, *d;
	struct daxlabel_dev_spec spec = { .size = 4 * MiB, .name = "db" };
	unsigned char uuid[16];
	char ident[40];
	int i, n;

	assert_null(daxlabel_unref(NULL));
	assert_null(daxlabel_target_unref(NULL));
	assert_int_equal(daxlabel_new(&ctx), 0);
	assert_int_equal(daxlabel_target_open(ctx, "/nonexistent/x", 0, &t),
			 -ENOENT);
	t = open_fmt(ctx);
	assert_int_equal(daxlabel_target_get_state(t), DAXLABEL_STATE_LABELLED);
	assert_int_equal(daxlabel_target_get_label_health(t), DAXLABEL_HEALTH_OK);
	assert_true(daxlabel_target_get_generation(t) == 1);
	assert_true(daxlabel_target_get_data_offset(t) == 2 * MiB);
	assert_true(daxlabel_target_get_available(t) == 62 * MiB);
	assert_null(daxlabel_dev_get_first(t));

	assert_int_equal(daxlabel_target_create_dev(t, &spec, &dev), 0);
	assert_int_equal(daxlabel_dev_get_id(dev), 0);
	assert_string_equal(daxlabel_dev_get_name(dev), "db");
	assert_true(daxlabel_dev_get_size(dev) == 4 * MiB);
	assert_true(daxlabel_dev_get_align(dev) == 2 * MiB);
	daxlabel_dev_get_uuid(dev, uuid);
	spec.name = "db";
	assert_int_equal(daxlabel_target_create_dev(t, &spec, NULL), -EEXIST);
	spec.name = NULL;
	spec.size = 3 * MiB;
	assert_int_equal(daxlabel_target_create_dev(t, &spec, NULL), -EINVAL);
	spec.size = 64 * MiB;
	assert_int_equal(daxlabel_target_create_dev(t, &spec, NULL), -ENOSPC);

	/* lookups: id, daxR.N, name, uuid */
	d = daxlabel_target_find_dev(t, "0");
	assert_non_null(d);
	assert_ptr_equal(daxlabel_target_find_dev(t, "dax3.0"), d);
	assert_ptr_equal(daxlabel_target_find_dev(t, "db"), d);
	for (i = 0, n = 0; i < 16; i++)
		n += snprintf(ident + n, sizeof(ident) - n, "%s%02x",
			      i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "",
			      uuid[i]);
	assert_int_equal(n, 36);
	assert_ptr_equal(daxlabel_target_find_dev(t, ident), d);
	assert_null(daxlabel_target_find_dev(t, "7"));
	assert_null(daxlabel_target_find_dev(t, ""));

	assert_int_equal(daxlabel_dev_resize(d, 8 * MiB), 0);
	d = daxlabel_target_find_dev(t, "db");
	assert_true(daxlabel_dev_get_size(d) == 8 * MiB);
	assert_int_equal(daxlabel_dev_destroy(d), 0);
	assert_int_equal(daxlabel_target_get_nr_devs(t), 0);
	assert_true(daxlabel_target_get_generation(t) == 4);
	daxlabel_target_unref(t);
	daxlabel_unref(ctx);
}

static void test_locking(void **state)
{
	struct daxlabel_ctx *ctx;
	struct daxlabel_target *w, *r, *x;
	struct daxlabel_dev_spec spec = { .size = 2 * MiB };

	assert_int_equal(daxlabel_new(&ctx), 0);
	w = open_fmt(ctx);
	/* a second writer or a reader fails at once with NOWAIT */
	assert_int_equal(daxlabel_target_open(ctx, path, DAXLABEL_OPEN_WRITE |
					      DAXLABEL_OPEN_NOWAIT, &x),
			 -EWOULDBLOCK);
	assert_int_equal(daxlabel_target_open(ctx, path, DAXLABEL_OPEN_NOWAIT,
					      &x), -EWOULDBLOCK);
	daxlabel_target_unref(w);
	/* readers share; a reader cannot edit */
	assert_int_equal(daxlabel_target_open(ctx, path, DAXLABEL_OPEN_NOWAIT,
					      &r), 0);
	assert_int_equal(daxlabel_target_open(ctx, path, DAXLABEL_OPEN_NOWAIT,
					      &x), 0);
	assert_false(daxlabel_target_is_writable(r));
	assert_int_equal(daxlabel_target_create_dev(r, &spec, NULL), -EBADF);
	daxlabel_target_unref(x);
	daxlabel_target_unref(r);
	daxlabel_unref(ctx);
}

static void test_damage_reported(void **state)
{
	struct daxlabel_ctx *ctx;
	struct daxlabel_target *t;
	int fd;

	assert_int_equal(daxlabel_new(&ctx), 0);
	t = open_fmt(ctx);
	daxlabel_target_unref(t);
	/* scribble over copy 1's header */
	fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "junk", 4, 8192 + (2 * MiB - 8192) / 2), 4);
	close(fd);
	assert_int_equal(daxlabel_target_open(ctx, path, 0, &t), 0);
	assert_int_equal(daxlabel_target_get_state(t), DAXLABEL_STATE_LABELLED);
	assert_int_equal(daxlabel_target_get_label_health(t),
			 DAXLABEL_HEALTH_DEGRADED);
	assert_string_equal(daxlabel_problem_name(
			    daxlabel_target_get_copies_problem(t)),
			    "COPY_INVALID");
	assert_string_equal(daxlabel_problem_name(
			    daxlabel_target_get_copy_problem(t, 1)),
			    "SET_BAD_SIGNATURE");
	daxlabel_target_unref(t);
	daxlabel_unref(ctx);
}

static char logged[1024];
static int log_calls;

__attribute__((format(printf, 6, 0)))
static void capture_log(struct daxlabel_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args)
{
	size_t n = strlen(logged);

	log_calls++;
	vsnprintf(logged + n, sizeof(logged) - n, format, args);
	n = strlen(logged);
	if (n + 1 < sizeof(logged))
		strcat(logged, "\n");
}

/* The log is silent by default and says why a namespace name failed. */
static void test_log(void **state)
{
	struct daxlabel_ctx *ctx;
	struct daxlabel_target *t;

	unsetenv("DAXLABEL_LOG");
	assert_int_equal(daxlabel_new(&ctx), 0);
	assert_int_equal(daxlabel_get_log_priority(ctx), 0);
	daxlabel_set_log_fn(ctx, capture_log);
	logged[0] = '\0';
	log_calls = 0;
	assert_int_equal(daxlabel_target_open(ctx, "namespace977.3", 0, &t),
			 -ENOENT);
	assert_int_equal(log_calls, 0);
	daxlabel_set_log_priority(ctx, 7);
	assert_int_equal(daxlabel_target_open(ctx, "namespace977.3", 0, &t),
			 -ENOENT);
	assert_true(log_calls >= 1);
	assert_non_null(strstr(logged,
			"/sys/bus/nd/devices/namespace977.3/holder"));
	/* info (6) is below debug: the same failure says nothing */
	daxlabel_set_log_priority(ctx, 6);
	log_calls = 0;
	assert_int_equal(daxlabel_target_open(ctx, "namespace977.3", 0, &t),
			 -ENOENT);
	assert_int_equal(log_calls, 0);
	daxlabel_unref(ctx);

	setenv("DAXLABEL_LOG", "debug", 1);
	assert_int_equal(daxlabel_new(&ctx), 0);
	assert_int_equal(daxlabel_get_log_priority(ctx), 7);
	daxlabel_unref(ctx);
	setenv("DAXLABEL_LOG", "loud", 1);
	assert_int_equal(daxlabel_new(&ctx), 0);
	assert_int_equal(daxlabel_get_log_priority(ctx), 0);
	daxlabel_unref(ctx);
	unsetenv("DAXLABEL_LOG");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_locking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damage_reported, setup,
						teardown),
		cmocka_unit_test(test_log),
	};

	return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
