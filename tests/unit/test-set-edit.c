// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-set-edit.c - the allocator follows drivers/dax/bus.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../support/testset.h"
#include "../../lib/set-edit.h"

static void add(struct dxl_set *s, const struct dxl_geometry *g, u32 id,
		u64 size)
{
	struct dxl_dev t;
	u32 idx;

	test_dev(&t, id, NULL, NULL, 0);
	assert_int_equal(dl_set_add(s, &t, &idx), 0);
	assert_int_equal(dl_set_resize(s, g, idx, size), 0);
}

static void want(const struct dxl_set *s, u32 id, const u64 *r, u32 n)
{
	int i = dl_set_find_id(s, id);
	u32 k;

	assert_true(i >= 0);
	assert_int_equal(s->devs[i].nr_ranges, n);
	for (k = 0; k < n; k++) {
		assert_true(s->devs[i].ranges[k].offset == r[2 * k] * MiB);
		assert_true(s->devs[i].ranges[k].length == r[2 * k + 1] * MiB);
	}
}

static void test_first_fit(void **state)
{
	struct dxl_geometry g;
	struct dxl_set s = { 0 };

	test_geometry(&g, 64 * MiB);		/* 62 MiB data area */
	add(&s, &g, 0, 4 * MiB);
	add(&s, &g, dl_set_next_id(&s), 8 * MiB);
	add(&s, &g, dl_set_next_id(&s), 2 * MiB);
	want(&s, 1, (u64[]){ 4, 8 }, 1);
	/* grow 0: the gap is after device 2, so a new range */
	assert_int_equal(dl_set_resize(&s, &g, 0, 6 * MiB), 0);
	want(&s, 0, (u64[]){ 0, 4, 14, 2 }, 2);
	/* grow 0 again: its last range is last in the region: in place */
	assert_int_equal(dl_set_resize(&s, &g, 0, 8 * MiB), 0);
	want(&s, 0, (u64[]){ 0, 4, 14, 4 }, 2);
	/* destroy 1, create 10 MiB: the hole, then the end */
	assert_int_equal(dl_set_remove(&s, (u32)dl_set_find_id(&s, 1)), 0);
	assert_int_equal(dl_set_next_id(&s), 1);
	add(&s, &g, 1, 10 * MiB);
	want(&s, 1, (u64[]){ 4, 8, 18, 2 }, 2);
	/* shrink from the highest page offset */
	assert_int_equal(dl_set_resize(&s, &g, 1, 6 * MiB), 0);
	want(&s, 1, (u64[]){ 4, 6 }, 1);
	/* no space, bad alignment: set unchanged */
	assert_int_equal(dl_set_resize(&s, &g, 1, 64 * MiB), -ENOSPC);
	assert_int_equal(dl_set_resize(&s, &g, 1, 7 * MiB), -EINVAL);
	want(&s, 1, (u64[]){ 4, 6 }, 1);
	assert_true(dl_set_avail(&s, &g) == 62 * MiB - 16 * MiB);
	/* a hole at the start of the region is used first */
	assert_int_equal(dl_set_resize(&s, &g, 0, 0), 0);
	add(&s, &g, 3, 2 * MiB);
	want(&s, 3, (u64[]){ 0, 2 }, 1);
	dl_set_free(&s);
}

/*
 * Extents start on the device's grain as a namespace offset: a 1 GiB
 * device after a 64 MiB one starts at namespace offset 1 GiB (data offset
 * 1 GiB - 2 MiB), never right after the 64 MiB; free space smaller than a
 * grain is skipped, and a grow that the aligned space cannot hold is
 * refused with the set unchanged.
 */
static void test_aligned_starts(void **state)
{
	struct dxl_geometry g;
	struct dxl_set s = { 0 };
	struct dxl_dev t;
	u32 idx;

	test_geometry(&g, 4 * GiB);		/* data area at 2 MiB */
	assert_true(g.data_off == 2 * MiB);
	add(&s, &g, 0, 64 * MiB);
	test_dev(&t, 1, NULL, NULL, 0);
	t.align = GiB;
	assert_int_equal(dl_set_add(&s, &t, &idx), 0);
	assert_int_equal(dl_set_resize(&s, &g, idx, GiB), 0);
	want(&s, 1, (u64[]){ 1024 - 2, 1024 }, 1);
	/* a 2 MiB device takes the space below the 1 GiB one */
	add(&s, &g, 2, 2 * MiB);
	want(&s, 2, (u64[]){ 64, 2 }, 1);
	/* 1 GiB more: the next grain after the device, in place */
	assert_int_equal(dl_set_resize(&s, &g, idx, 2 * GiB), 0);
	want(&s, 1, (u64[]){ 1024 - 2, 2048 }, 1);
	/* namespace 3..4 GiB is the last whole grain; 956 MiB below is not */
	assert_int_equal(dl_set_resize(&s, &g, idx, 3 * GiB), 0);
	want(&s, 1, (u64[]){ 1024 - 2, 3072 }, 1);
	assert_int_equal(dl_set_resize(&s, &g, idx, 4 * GiB), -ENOSPC);
	want(&s, 1, (u64[]){ 1024 - 2, 3072 }, 1);
	dl_set_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_fit),
		cmocka_unit_test(test_aligned_starts),
	};

	return cmocka_run_group_tests_name("set-edit", tests, NULL, NULL);
}
