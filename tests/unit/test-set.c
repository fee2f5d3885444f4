// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-set.c - one copy of the label set: encode, decode, every rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../support/testset.h"

/* Three devices: 0 "alpha" (2 ranges), 1 "beta", 5 unnamed with owner. */
static struct dxl_range r0[] = { { 0, 4 * MiB }, { 20 * MiB, 2 * MiB } };
static struct dxl_range r1[] = { { 4 * MiB, 16 * MiB } };
static struct dxl_range r5[] = { { 64 * MiB, 8 * MiB } };

static void three_devs(struct dxl_set *set, struct dxl_dev devs[3])
{
	memset(set, 0, sizeof(*set));
	test_dev(&devs[0], 0, "alpha", r0, 2);
	test_dev(&devs[1], 1, "beta", r1, 1);
	test_dev(&devs[2], 5, NULL, r5, 1);
	devs[2].flags = DXL_DEV_F_OWNER;
	devs[2].uid = 1000;
	devs[2].gid = 6;
	devs[2].mode = 0660;
	set->devs = devs;
	set->nr_devs = 3;
}

static void reseal(void *buf)
{
	struct dxl_set_header *h = buf;
	u64 rb = le64_to_cpu(h->records_bytes);
	u32 crc = dxl_crc32(0, buf, DXL_SET_CRC_SPAN);

	crc = dxl_crc32(crc, (u8 *)buf + sizeof(*h), rb);
	h->crc = cpu_to_le32(crc);
}

static void test_round_trip(void **state)
{
	struct dxl_geometry g;
	struct dxl_set set, back;
	struct dxl_dev devs[3], bdevs[3];
	struct dxl_range branges[4];
	struct dxl_set_info info, info2;
	struct dxl_verdict v;
	struct test_bufs b;
	u32 i, j;

	test_geometry(&g, GiB);
	test_bufs_init(&b, &g);
	three_devs(&set, devs);
	assert_int_equal(dxl_set_encode(&set, &g, 7, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	assert_int_equal(info.nr_records, 3);
	assert_int_equal(info.nr_ranges, 4);
	assert_true(info.bytes == 256 + 3 * 128 + 4 * 16);
	assert_true(info.generation == 7);
	assert_int_equal(dxl_set_validate(b.copy, b.copy_len, &g, b.scratch,
					  b.scratch_len, &info2, &v), 0);
	assert_memory_equal(&info, &info2, sizeof(info));
	assert_int_equal(dxl_set_decode(b.copy, &info, &back, bdevs, 2,
					branges, 4), -ENOSPC);
	assert_int_equal(dxl_set_decode(b.copy, &info, &back, bdevs, 3,
					branges, 4), 0);
	assert_true(back.generation == 7);
	assert_int_equal(back.nr_devs, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(bdevs[i].id, devs[i].id);
		assert_string_equal(bdevs[i].name, devs[i].name);
		assert_memory_equal(bdevs[i].uuid, devs[i].uuid, 16);
		assert_true(bdevs[i].align == devs[i].align);
		assert_int_equal(bdevs[i].flags, devs[i].flags);
		assert_int_equal(bdevs[i].uid, devs[i].uid);
		assert_int_equal(bdevs[i].gid, devs[i].gid);
		assert_int_equal(bdevs[i].mode, devs[i].mode);
		assert_int_equal(bdevs[i].nr_ranges, devs[i].nr_ranges);
		for (j = 0; j < devs[i].nr_ranges; j++)
			assert_memory_equal(&bdevs[i].ranges[j],
					    &devs[i].ranges[j],
					    sizeof(struct dxl_range));
	}
	/* same set, same bytes: the encoding is canonical */
	{
		u8 *again = malloc(info.bytes);

		assert_int_equal(dxl_set_encode(&back, &g, 7, again, info.bytes,
						b.scratch, b.scratch_len,
						&info2, &v), 0);
		assert_memory_equal(again, b.copy, info.bytes);
		free(again);
	}
	test_bufs_free(&b);
}

static void test_empty_set(void **state)
{
	struct dxl_geometry g;
	struct dxl_set set = { 0 };
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct test_bufs b;

	test_geometry(&g, GiB);
	test_bufs_init(&b, &g);
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	assert_true(info.bytes == 256);
	assert_int_equal(info.nr_records, 0);
	test_bufs_free(&b);
}

/*
 * A device at size 0 keeps its record: the copy says so with
 * INCOMPAT_EMPTY_DEVS, set exactly when a record has no ranges, and
 * without the bit the same record is damage.
 */
static void test_empty_device(void **state)
{
	struct dxl_geometry g;
	struct dxl_set set, back;
	struct dxl_dev devs[3], bdevs[3];
	struct dxl_range branges[4];
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct dxl_set_header *h;
	struct test_bufs b;

	test_geometry(&g, GiB);
	test_bufs_init(&b, &g);
	h = b.copy;
	three_devs(&set, devs);
	devs[1].nr_ranges = 0;
	assert_int_equal(dxl_set_incompat(&set), DXL_SET_INCOMPAT_EMPTY_DEVS);
	assert_int_equal(dxl_set_encode(&set, &g, 4, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	assert_int_equal(le32_to_cpu(h->incompat), DXL_SET_INCOMPAT_EMPTY_DEVS);
	assert_true(info.bytes == 256 + 3 * 128 + 3 * 16);
	assert_int_equal(info.nr_records, 3);
	assert_int_equal(info.nr_ranges, 3);
	assert_int_equal(dxl_set_decode(b.copy, &info, &back, bdevs, 3,
					branges, 4), 0);
	assert_int_equal(bdevs[1].id, 1);
	assert_int_equal(bdevs[1].nr_ranges, 0);
	assert_string_equal(bdevs[1].name, "beta");
	assert_memory_equal(bdevs[1].uuid, devs[1].uuid, 16);
	assert_int_equal(bdevs[2].nr_ranges, 1);

	/* the same bytes without the bit: record 1 is damaged */
	h->incompat = 0;
	reseal(b.copy);
	assert_int_equal(dxl_set_validate(b.copy, b.copy_len, &g, b.scratch,
					  b.scratch_len, &info, &v), -EINVAL);
	assert_int_equal(v.problem, DXL_P_DEV_NO_RANGES);
	assert_int_equal(v.record, 1);

	/* a set given the bit with every device sized drops it */
	devs[1].nr_ranges = 1;
	set.incompat = DXL_SET_INCOMPAT_EMPTY_DEVS;
	assert_int_equal(dxl_set_incompat(&set), 0);
	assert_int_equal(dxl_set_encode(&set, &g, 5, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	assert_int_equal(le32_to_cpu(h->incompat), 0);

	/*
	 * the bit on a copy with every device sized is not canonical (3.4):
	 * a copy no writer makes, invalid (found by libFuzzer)
	 */
	h->incompat = cpu_to_le32(DXL_SET_INCOMPAT_EMPTY_DEVS);
	reseal(b.copy);
	assert_int_equal(dxl_set_validate(b.copy, b.copy_len, &g, b.scratch,
					  b.scratch_len, &info, &v), -EINVAL);
	assert_int_equal(v.problem, DXL_P_SET_EMPTY_DEVS_UNUSED);
	/* ...unless a compat bit this reader lacks makes it lenient */
	h->compat = cpu_to_le32(1U << 31);
	reseal(b.copy);
	assert_int_equal(dxl_set_validate(b.copy, b.copy_len, &g, b.scratch,
					  b.scratch_len, &info, &v), 0);
	h->compat = 0;

	/* only empty records: 128 bytes each are enough under the bit */
	devs[0].nr_ranges = devs[1].nr_ranges = devs[2].nr_ranges = 0;
	assert_int_equal(dxl_set_encode(&set, &g, 6, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	assert_true(info.bytes == 256 + 3 * 128);
	assert_int_equal(info.nr_ranges, 0);
	test_bufs_free(&b);
}

/*
 * A set holds no more devices than its data area has 2 MiB grains, as
 * before empty records: hostile media cannot make a small namespace
 * restore hundreds of thousands of devices, and the encoder refuses to
 * write such a set.
 */
static void test_device_count_bound(void **state)
{
	struct dxl_geometry g;
	struct dxl_set set;
	struct dxl_dev *devs;
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct test_bufs b;
	u32 i, cap;

	test_geometry(&g, 64 * MiB);
	test_bufs_init(&b, &g);
	cap = (u32)(g.data_size / (2 * MiB));
	devs = calloc(cap + 1, sizeof(*devs));
	assert_non_null(devs);
	for (i = 0; i <= cap; i++)
		test_dev(&devs[i], i, NULL, NULL, 0);
	memset(&set, 0, sizeof(set));
	set.devs = devs;
	set.nr_devs = cap;
	assert_int_equal(dxl_set_encode(&set, &g, 2, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	assert_int_equal(info.nr_records, cap);

	set.nr_devs = cap + 1;
	assert_int_equal(dxl_set_encode(&set, &g, 3, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), -EINVAL);
	assert_int_equal(v.problem, DXL_P_SET_TOO_MANY_DEVS);
	free(devs);
	test_bufs_free(&b);
}

enum set_mut {
	S_NONE, S_LEN, S_SIG, S_MAJOR, S_HSIZE, S_RBYTES, S_CRC, S_INCOMPAT,
	S_RO_COMPAT, S_UUID, S_GEO, S_GEN, S_NREC, S_RSIZE, S_ID, S_UUID0,
	S_UUIDDUP, S_NAME, S_NAMEDUP, S_ALIGN, S_FLAGS, S_MODE, S_NRANGES,
	S_RLEN, S_ROFF, S_SCRATCH, S_HRES, S_RRES, S_COMPAT, S_NEWER_HSIZE,
	S_NEWER_GEO, S_NEWER_UUID,
};

/* One row per validation rule: mutation of a valid three-device copy. */
static const struct set_case {
	const char *what;
	enum set_mut field;
	u32 rec;		/* record (0..2) the mutation applies to */
	u64 value;
	const char *name;
	bool reseal;		/* recompute the CRC after the mutation */
	int rc;
	enum dxl_problem problem;
	u32 want_rec;
} set_cases[] = {
	{ "valid", S_NONE, 0, 0, NULL, true, 0, DXL_P_OK, DXL_NO_INDEX },
	{ "short buffer", S_LEN, 0, 100, NULL, true, -EINVAL,
	  DXL_P_SET_TRUNCATED, DXL_NO_INDEX },
	{ "records past buffer", S_LEN, 0, 300, NULL, true, -EINVAL,
	  DXL_P_SET_TRUNCATED, DXL_NO_INDEX },
	{ "signature", S_SIG, 0, 0, NULL, true, -EINVAL,
	  DXL_P_SET_BAD_SIGNATURE, DXL_NO_INDEX },
	{ "major 2", S_MAJOR, 0, 2, NULL, true, -EINVAL, DXL_P_SET_BAD_VERSION,
	  DXL_NO_INDEX },
	{ "header size", S_HSIZE, 0, 512, NULL, true, -EINVAL,
	  DXL_P_SET_BAD_HEADER_SIZE, DXL_NO_INDEX },
	{ "records beyond copy", S_RBYTES, 0, 1 * MiB, NULL, true, -EINVAL,
	  DXL_P_SET_RECORDS_OVERFLOW, DXL_NO_INDEX },
	{ "records_bytes wraps", S_RBYTES, 0, U64_MAX - 100, NULL, true,
	  -EINVAL, DXL_P_SET_RECORDS_OVERFLOW, DXL_NO_INDEX },
	{ "torn (crc)", S_CRC, 0, 0, NULL, false, -EINVAL, DXL_P_SET_BAD_CRC,
	  DXL_NO_INDEX },
	{ "unknown incompat", S_INCOMPAT, 0, 2, NULL, true, -EOPNOTSUPP,
	  DXL_P_SET_UNKNOWN_INCOMPAT, DXL_NO_INDEX },
	/* a newer writer's copy: its incompat bit is seen before what it changed */
	{ "newer: incompat and header size", S_NEWER_HSIZE, 0, 512, NULL, true,
	  -EOPNOTSUPP, DXL_P_SET_UNKNOWN_INCOMPAT, DXL_NO_INDEX },
	{ "newer: incompat and geometry", S_NEWER_GEO, 0, 4 * MiB, NULL, true,
	  -EOPNOTSUPP, DXL_P_SET_UNKNOWN_INCOMPAT, DXL_NO_INDEX },
	{ "newer but foreign", S_NEWER_UUID, 0, 0, NULL, true, -EINVAL,
	  DXL_P_SET_FOREIGN, DXL_NO_INDEX },
	{ "unknown ro_compat reads", S_RO_COMPAT, 0, 1, NULL, true, 0,
	  DXL_P_OK, DXL_NO_INDEX },
	{ "foreign uuid", S_UUID, 0, 0, NULL, true, -EINVAL, DXL_P_SET_FOREIGN,
	  DXL_NO_INDEX },
	{ "geometry", S_GEO, 0, 4 * MiB, NULL, true, -EINVAL,
	  DXL_P_SET_GEOMETRY, DXL_NO_INDEX },
	{ "generation 0", S_GEN, 0, 0, NULL, true, -EINVAL,
	  DXL_P_SET_BAD_GENERATION, DXL_NO_INDEX },
	{ "too many records", S_NREC, 0, 4, NULL, true, -EINVAL,
	  DXL_P_SET_RECORD_COUNT, DXL_NO_INDEX },
	{ "huge record count", S_NREC, 0, 0xffffffff, NULL, true, -EINVAL,
	  DXL_P_SET_RECORD_COUNT, DXL_NO_INDEX },
	{ "too few records", S_NREC, 0, 2, NULL, true, -EINVAL,
	  DXL_P_SET_RECORD_COUNT, DXL_NO_INDEX },
	{ "record size", S_RSIZE, 1, 160, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_RECORD_SIZE, 1 },
	{ "id above INT_MAX", S_ID, 2, 0x80000000u, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_ID, 2 },
	{ "duplicate id", S_ID, 1, 0, NULL, true, -EINVAL, DXL_P_DEV_ID_ORDER,
	  1 },
	{ "descending id", S_ID, 2, 0, NULL, true, -EINVAL, DXL_P_DEV_ID_ORDER,
	  2 },
	{ "null uuid", S_UUID0, 1, 0, NULL, true, -EINVAL, DXL_P_DEV_NULL_UUID,
	  1 },
	{ "duplicate uuid", S_UUIDDUP, 2, 0, NULL, true, -EINVAL,
	  DXL_P_DEV_DUP_UUID, 2 },
	{ "name with /", S_NAME, 1, 0, "a/b", true, -EINVAL, DXL_P_DEV_BAD_NAME,
	  1 },
	{ "name with newline", S_NAME, 1, 0, "a\nb", true, -EINVAL,
	  DXL_P_DEV_BAD_NAME, 1 },
	{ "name ..", S_NAME, 1, 0, "..", true, -EINVAL, DXL_P_DEV_BAD_NAME, 1 },
	{ "name overlong utf8", S_NAME, 1, 0, "\xc0\xaf", true, -EINVAL,
	  DXL_P_DEV_BAD_NAME, 1 },
	{ "name 64 bytes, no NUL", S_NAME, 1, 64, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_NAME, 1 },
	{ "name junk after NUL", S_NAME, 1, 65, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_NAME, 1 },
	{ "name junk in the last byte", S_NAME, 1, 66, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_NAME, 1 },
	{ "name junk in the NUL's word", S_NAME, 1, 67, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_NAME, 1 },
	{ "name utf8 ok", S_NAME, 1, 0, "caf\xc3\xa9-\xe2\x82\xac", true, 0,
	  DXL_P_OK, DXL_NO_INDEX },
	{ "duplicate name", S_NAMEDUP, 2, 0, NULL, true, -EINVAL,
	  DXL_P_DEV_DUP_NAME, 2 },
	{ "align 3 MiB", S_ALIGN, 0, 3 * MiB, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_ALIGN, 0 },
	{ "align 2 KiB", S_ALIGN, 0, 2048, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_ALIGN, 0 },
	{ "align 64 KiB (a power of two no fault size maps)", S_ALIGN, 0,
	  65536, NULL, true, -EINVAL, DXL_P_DEV_BAD_ALIGN, 0 },
	{ "align 512 MiB", S_ALIGN, 0, 512 * MiB, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_ALIGN, 0 },
	{ "align 4 KiB ok", S_ALIGN, 0, 4096, NULL, true, 0, DXL_P_OK,
	  DXL_NO_INDEX },
	{ "unknown flags", S_FLAGS, 0, 2, NULL, true, -EINVAL,
	  DXL_P_DEV_UNKNOWN_FLAGS, 0 },
	{ "mode 010000", S_MODE, 2, 010000, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_MODE, 2 },
	{ "no ranges, without INCOMPAT_EMPTY_DEVS", S_NRANGES, 1, 0, NULL, true,
	  -EINVAL, DXL_P_DEV_NO_RANGES, 1 },
	{ "too many ranges", S_NRANGES, 1, DXL_DEV_RANGES_MAX + 1, NULL, true,
	  -EINVAL, DXL_P_DEV_TOO_MANY_RANGES, 1 },
	{ "range count lies", S_NRANGES, 1, 2, NULL, true, -EINVAL,
	  DXL_P_DEV_BAD_RECORD_SIZE, 1 },
	{ "empty range", S_RLEN, 1, 0, NULL, true, -EINVAL,
	  DXL_P_DEV_RANGE_EMPTY, 1 },
	{ "misaligned length", S_RLEN, 1, 3 * MiB, NULL, true, -EINVAL,
	  DXL_P_DEV_RANGE_MISALIGNED, 1 },
	{ "offset off the page", S_ROFF, 2, 64 * MiB + 512, NULL, true, -EINVAL,
	  DXL_P_DEV_RANGE_MISALIGNED, 2 },
	{ "offset on a page, off the 2 MiB grain", S_ROFF, 2, 65 * MiB + 4096,
	  NULL, true, -EINVAL, DXL_P_DEV_RANGE_MISALIGNED, 2 },
	{ "offset on the grain: ok", S_ROFF, 2, 66 * MiB, NULL, true, 0,
	  DXL_P_OK, DXL_NO_INDEX },
	{ "4 KiB align, 4 KiB length off the grain", S_RLEN, 1, 4096 * 3,
	  NULL, true, -EINVAL, DXL_P_DEV_RANGE_MISALIGNED, 1 },
	{ "past data area", S_ROFF, 2, GiB - 4 * MiB, NULL, true, -EINVAL,
	  DXL_P_DEV_RANGE_OUTSIDE, 2 },
	{ "offset wraps", S_ROFF, 2, U64_MAX & ~(2 * MiB - 1), NULL, true,
	  -EINVAL, DXL_P_DEV_RANGE_OUTSIDE, 2 },
	{ "overlap across devices", S_ROFF, 2, 2 * MiB, NULL, true, -EINVAL,
	  DXL_P_DEV_RANGE_OVERLAP, DXL_NO_INDEX },
	{ "overlap within a device", S_RLEN, 0, 22 * MiB, NULL, true, -EINVAL,
	  DXL_P_DEV_RANGE_OVERLAP, DXL_NO_INDEX },
	{ "scratch too small", S_SCRATCH, 0, 64, NULL, true, -ENOMEM,
	  DXL_P_OK, DXL_NO_INDEX },
	{ "header reserved", S_HRES, 0, 0, NULL, true, -EINVAL,
	  DXL_P_SET_RESERVED, DXL_NO_INDEX },
	{ "record reserved", S_RRES, 2, 0, NULL, true, -EINVAL,
	  DXL_P_DEV_RESERVED, 2 },
	{ "reserved used by unknown compat", S_COMPAT, 2, 1, NULL, true, 0,
	  DXL_P_OK, DXL_NO_INDEX },
};

static struct dxl_dev_record *record(void *buf, u32 i)
{
	u8 *p = (u8 *)buf + sizeof(struct dxl_set_header);

	while (i--)
		p += le32_to_cpu(((struct dxl_dev_record *)p)->rec_size);
	return (struct dxl_dev_record *)p;
}

static void test_set_rules(void **state)
{
	struct dxl_geometry g;
	struct test_bufs b;
	size_t i;

	test_geometry(&g, GiB);
	test_bufs_init(&b, &g);
	for (i = 0; i < sizeof(set_cases) / sizeof(set_cases[0]); i++) {
		const struct set_case *c = &set_cases[i];
		struct dxl_set_header *h = b.copy;
		struct dxl_set set;
		struct dxl_dev devs[3];
		struct dxl_set_info info;
		struct dxl_verdict v = { 0 };
		struct dxl_dev_record *r;
		size_t len = b.copy_len, scratch_len = b.scratch_len;
		int rc;

		three_devs(&set, devs);
		assert_int_equal(dxl_set_encode(&set, &g, 3, b.copy, b.copy_len,
						b.scratch, b.scratch_len, &info,
						&v), 0);
		r = record(b.copy, c->rec);
		switch (c->field) {
		case S_NONE: break;
		case S_LEN: len = c->value; break;
		case S_SIG: h->signature[0] ^= 1; break;
		case S_MAJOR: h->version_major = cpu_to_le16(c->value); break;
		case S_HSIZE: h->header_size = cpu_to_le32(c->value); break;
		case S_RBYTES: h->records_bytes = cpu_to_le64(c->value); break;
		case S_CRC: r->ranges[0].length ^= cpu_to_le64(1ULL << 21); break;
		case S_INCOMPAT: h->incompat = cpu_to_le32(c->value); break;
		case S_RO_COMPAT: h->ro_compat = cpu_to_le32(c->value); break;
		case S_UUID: h->info_uuid[3] ^= 0x80; break;
		case S_GEO: h->data_off = cpu_to_le64(c->value); break;
		case S_GEN: h->generation = cpu_to_le64(c->value); break;
		case S_NREC: h->nr_records = cpu_to_le32(c->value); break;
		case S_RSIZE: r->rec_size = cpu_to_le32(c->value); break;
		case S_ID: r->id = cpu_to_le32(c->value); break;
		case S_UUID0: memset(r->uuid, 0, 16); break;
		case S_UUIDDUP: memcpy(r->uuid, record(b.copy, 0)->uuid, 16); break;
		case S_NAME:
			memset(r->name, 0, sizeof(r->name));
			if (c->name) {
				memcpy(r->name, c->name, strlen(c->name));
			} else if (c->value == 64) {
				memset(r->name, 'x', 64);
			} else if (c->value == 65) {
				r->name[10] = 'x';
			} else {	/* "ab", junk at byte 63 or in its word */
				memcpy(r->name, "ab", 2);
				r->name[c->value == 66 ? 63 : 5] = 'x';
			}
			break;
		case S_NAMEDUP: memcpy(r->name, "alpha", 6); break;
		case S_ALIGN: r->align = cpu_to_le64(c->value); break;
		case S_FLAGS: r->flags = cpu_to_le32(c->value); break;
		case S_MODE: r->mode = cpu_to_le32(c->value); break;
		case S_NRANGES: r->nr_ranges = cpu_to_le32(c->value); break;
		case S_RLEN: r->ranges[0].length = cpu_to_le64(c->value); break;
		case S_ROFF: r->ranges[0].offset = cpu_to_le64(c->value); break;
		case S_SCRATCH: scratch_len = c->value; break;
		case S_HRES: h->reserved[17] = 1; break;
		case S_RRES: r->reserved[0] = 1; break;
		case S_NEWER_HSIZE:
			h->incompat = cpu_to_le32(0x80);
			h->header_size = cpu_to_le32(c->value);
			break;
		case S_NEWER_GEO:
			h->incompat = cpu_to_le32(0x80);
			h->data_off = cpu_to_le64(c->value);
			break;
		case S_NEWER_UUID:
			h->incompat = cpu_to_le32(0x80);
			h->info_uuid[3] ^= 0x80;
			break;
		case S_COMPAT:
			h->compat = cpu_to_le32(c->value);
			h->reserved[0] = 1;
			r->reserved[11] = 1;
			break;
		}
		if (c->reseal && c->field != S_RBYTES)
			reseal(b.copy);
		memset(&v, 0, sizeof(v));
		rc = dxl_set_validate(b.copy, len, &g, b.scratch, scratch_len,
				      &info, &v);
		if (rc != c->rc || v.problem != c->problem ||
		    (c->want_rec != DXL_NO_INDEX && v.record != c->want_rec))
			fail_msg("%s: rc %d problem %s record %u, want rc %d problem %s record %u",
				 c->what, rc, dxl_problem_name(v.problem),
				 v.record, c->rc, dxl_problem_name(c->problem),
				 c->want_rec);
		if (c->field == S_RO_COMPAT)
			assert_int_equal(info.ro_compat, 1);
	}
	test_bufs_free(&b);
}

/* Overflow of a device's size is caught before the overlap check. */
static void test_size_overflow(void **state)
{
	struct dxl_geometry g;
	struct dxl_range r[2] = { { 0, 1ULL << 63 }, { 0, 1ULL << 63 } };
	struct dxl_dev d;
	struct dxl_set set = { .nr_devs = 1, .devs = &d };
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct test_bufs b;

	test_geometry(&g, GiB);
	g.data_off = 2 * MiB;
	g.data_size = 1ULL << 63;
	g.end_trunc = 0;
	test_bufs_init(&b, &g);
	test_dev(&d, 0, "big", r, 2);
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v),
			 -EINVAL);
	assert_int_equal(v.problem, DXL_P_DEV_SIZE_OVERFLOW);
	test_bufs_free(&b);
}

/* Ranges out of address order take the sorting path, still exact. */
static void test_unsorted_ranges(void **state)
{
	struct dxl_geometry g;
	struct dxl_range ra[] = { { 100 * MiB, 2 * MiB }, { 10 * MiB, 2 * MiB },
				  { 50 * MiB, 4 * MiB } };
	struct dxl_range rb[] = { { 0, 2 * MiB }, { 60 * MiB, 2 * MiB } };
	struct dxl_dev d[2];
	struct dxl_set set = { .nr_devs = 2, .devs = d };
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct test_bufs b;

	test_geometry(&g, GiB);
	test_bufs_init(&b, &g);
	test_dev(&d[0], 0, "a", ra, 3);
	test_dev(&d[1], 1, "b", rb, 2);
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	rb[1].offset = 52 * MiB;	/* inside a's third range */
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v),
			 -EINVAL);
	assert_int_equal(v.problem, DXL_P_DEV_RANGE_OVERLAP);
	test_bufs_free(&b);
}

/* The default label area holds at least 4096 devices; 256-range devices. */
static void test_capacity(void **state)
{
	struct dxl_geometry g;
	struct dxl_set set = { 0 };
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct test_bufs b;
	struct dxl_dev *devs;
	struct dxl_range *ranges;
	u32 n = 4096, i, max;

	test_geometry(&g, 64 * GiB);
	test_bufs_init(&b, &g);
	devs = calloc(n + 4000, sizeof(*devs));
	ranges = calloc(n + 4000, sizeof(*ranges));
	for (i = 0; i < n + 4000; i++) {
		ranges[i].offset = (u64)i * 2 * MiB;
		ranges[i].length = 2 * MiB;
		test_dev(&devs[i], i, NULL, &ranges[i], 1);
		devs[i].uuid[8] = (u8)(i >> 16);
	}
	set.devs = devs;
	set.nr_devs = n;
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	max = (u32)((dxl_copy_size(&g) - 256) / 144);
	set.nr_devs = max;
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	set.nr_devs = max + 1;
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v),
			 -ENOSPC);
	print_message("default label area: %u single-range devices\n", max);

	/* one device with 256 ranges of 2 MiB, every other 2 MiB */
	for (i = 0; i < 256; i++) {
		ranges[i].offset = (u64)i * 4 * MiB;
		ranges[i].length = 2 * MiB;
	}
	test_dev(&devs[0], 0, "many", ranges, 256);
	set.nr_devs = 1;
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	assert_int_equal(info.nr_ranges, 256);

	/* the per-device cap: 1024 ranges encode, 1025 are refused */
	for (i = 0; i <= DXL_DEV_RANGES_MAX; i++) {
		ranges[i].offset = (u64)i * 4 * MiB;
		ranges[i].length = 2 * MiB;
	}
	test_dev(&devs[0], 0, "many", ranges, DXL_DEV_RANGES_MAX);
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v), 0);
	test_dev(&devs[0], 0, "many", ranges, DXL_DEV_RANGES_MAX + 1);
	assert_int_equal(dxl_set_encode(&set, &g, 1, b.copy, b.copy_len,
					b.scratch, b.scratch_len, &info, &v),
			 -EINVAL);
	assert_int_equal(v.problem, DXL_P_DEV_TOO_MANY_RANGES);
	free(devs);
	free(ranges);
	test_bufs_free(&b);
}

static const struct name_case {
	const char *name;
	bool ok;
} name_cases[] = {
	{ "", true }, { "db", true }, { "pmem-0_a.b", true },
	{ "\xe6\x97\xa5\xe6\x9c\xac", true }, { "\xf0\x9f\x98\x80", true },
	{ ".", false }, { "..", false }, { "...", true }, { "a/b", false },
	{ "/", false }, { "tab\there", false }, { "del\x7f", false },
	{ "\xc2\x85", false }, /* C1 control U+0085 */
	{ "\xc3", false }, { "\xe2\x82", false }, { "\x80", false },
	{ "\xed\xa0\x80", false }, /* surrogate */
	{ "\xf4\x90\x80\x80", false }, /* > U+10FFFF */
	{ "\xe0\x80\xaf", false }, /* overlong */
	{ "\xf8\x88\x80\x80\x80", false },
	{ "123456789012345678901234567890123456789012345678901234567890123", true },
	{ "1234567890123456789012345678901234567890123456789012345678901234", false },
};

static void test_names(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
		const struct name_case *c = &name_cases[i];

		if (dxl_name_valid(c->name, strlen(c->name)) != c->ok)
			fail_msg("name '%s': want %s", c->name,
				 c->ok ? "valid" : "invalid");
	}
	assert_false(dxl_name_valid("a\0b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_empty_set),
		cmocka_unit_test(test_empty_device),
		cmocka_unit_test(test_device_count_bound),
		cmocka_unit_test(test_set_rules),
		cmocka_unit_test(test_size_overflow),
		cmocka_unit_test(test_unsorted_ranges),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("set", tests, NULL, NULL);
}
