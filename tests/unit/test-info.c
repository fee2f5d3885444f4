// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-info.c - the info-block, the geometry plan and the checksums.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../support/testset.h"

static void test_struct_layout(void **state)
{
	assert_int_equal(sizeof(struct dxl_info_block), 4096);
	assert_int_equal(offsetof(struct dxl_info_block, page_struct_size), 92);
	assert_int_equal(offsetof(struct dxl_info_block, label_off), 96);
	assert_int_equal(offsetof(struct dxl_info_block, label_size), 104);
	assert_int_equal(offsetof(struct dxl_info_block, checksum), 4088);
	assert_int_equal(sizeof(struct dxl_set_header), 256);
	assert_int_equal(offsetof(struct dxl_set_header, generation), 40);
	assert_int_equal(offsetof(struct dxl_set_header, crc), 252);
	assert_int_equal(sizeof(struct dxl_dev_record), 128);
	assert_int_equal(offsetof(struct dxl_dev_record, name), 24);
	assert_int_equal(offsetof(struct dxl_dev_record, nr_ranges), 112);
	assert_int_equal(sizeof(struct dxl_range_record), 16);
}

static void test_crc32_known_answers(void **state)
{
	static const u8 zeros[32];

	assert_int_equal(dxl_crc32(0, "123456789", 9), 0xCBF43926u);
	assert_int_equal(dxl_crc32(0, "", 0), 0);
	assert_int_equal(dxl_crc32(0, "a", 1), 0xE8B7BE43u);
	assert_int_equal(dxl_crc32(0, zeros, sizeof(zeros)), 0x190A55ADu);
	/* incremental == one shot */
	assert_int_equal(dxl_crc32(dxl_crc32(0, "1234", 4), "56789", 5),
			 0xCBF43926u);
}

static void test_fletcher64_known_answers(void **state)
{
	u8 words[12] = { 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0 };
	static u8 ones[4096];

	/* lo = 1 + 2 + 3, hi = 1 + 3 + 6 */
	assert_true(dxl_fletcher64(words, sizeof(words)) == (10ULL << 32 | 6));
	/* a trailing partial word is ignored, as in the kernel */
	assert_true(dxl_fletcher64(words, 11) == (4ULL << 32 | 3));
	memset(ones, 0xff, sizeof(ones));
	assert_true(dxl_fletcher64(ones, sizeof(ones)) == 0xFFF7FE00FFFFFC00ULL);
	assert_true(dxl_fletcher64(ones, 0) == 0);
	/* the info-block sum counts the zeroed checksum field: 4 KiB of 0xff
	 * with the last 8 bytes zero */
	memset(ones + 4088, 0, 8);
	assert_true(dxl_info_checksum(ones) == dxl_fletcher64(ones, 4096));
}

static void test_plan_default_costs_no_capacity(void **state)
{
	struct dxl_geometry g;

	assert_int_equal(dxl_geometry_plan(0, GiB, DXL_LABEL_SIZE_DEFAULT,
					   2 * MiB, &g), 0);
	assert_true(g.label_off == 8192);
	assert_true(g.data_off == 2 * MiB);
	assert_true(g.data_size == GiB - 2 * MiB);
	assert_int_equal(g.end_trunc, 0);
	assert_true(dxl_copy_offset(&g, 1) == 8192 + (2 * MiB - 8192) / 2);
	assert_int_equal(dxl_geometry_check(&g, GiB, NULL), 0);
}

static void test_plan_rules(void **state)
{
	struct dxl_geometry g;

	/* unaligned end: truncated to the 2 MiB compat alignment */
	assert_int_equal(dxl_geometry_plan(0, GiB + MiB, DXL_LABEL_SIZE_DEFAULT,
					   2 * MiB, &g), 0);
	assert_int_equal(g.end_trunc, MiB);
	assert_true(g.data_size == GiB - 2 * MiB);
	/* 1 GiB align: dataoff moves to 1 GiB */
	assert_int_equal(dxl_geometry_plan(0, 4 * GiB, DXL_LABEL_SIZE_DEFAULT,
					   GiB, &g), 0);
	assert_true(g.data_off == GiB && g.data_size == 3 * GiB);
	assert_int_equal(dxl_geometry_plan(0, GiB, DXL_LABEL_SIZE_DEFAULT,
					   GiB, &g), -ENOSPC);
	/* a larger label area pushes dataoff to the next 2 MiB */
	assert_int_equal(dxl_geometry_plan(0, GiB, 4 * MiB, 2 * MiB, &g), 0);
	assert_true(g.data_off == 6 * MiB);
	/* the largest label area, and one grain more */
	assert_int_equal(dxl_geometry_plan(0, GiB, DXL_LABEL_SIZE_MAX, 2 * MiB,
					   &g), 0);
	assert_true(g.label_size == 64 * MiB && g.data_off == 66 * MiB);
	assert_int_equal(dxl_geometry_check(&g, GiB, NULL), 0);
	assert_int_equal(dxl_geometry_plan(0, GiB, DXL_LABEL_SIZE_MAX + 8192,
					   2 * MiB, &g), -EINVAL);
	/* physical start matters for alignment */
	assert_int_equal(dxl_geometry_plan(2 * MiB, 4 * GiB,
					   DXL_LABEL_SIZE_DEFAULT, GiB, &g), 0);
	assert_true((2 * MiB + g.data_off) % GiB == 0);
	/* bad requests: an align no fault maps, an unaligned start */
	assert_int_equal(dxl_geometry_plan(0, GiB, DXL_LABEL_SIZE_DEFAULT,
					   4 * MiB, &g), -EINVAL);
	assert_int_equal(dxl_geometry_plan(4096, GiB, DXL_LABEL_SIZE_DEFAULT,
					   2 * MiB, &g), -EINVAL);
	assert_int_equal(dxl_geometry_plan(0, GiB, 12288, 2 * MiB, &g), -EINVAL);
	assert_int_equal(dxl_geometry_plan(0, GiB, 8192, 2 * MiB, &g), -EINVAL);
	assert_int_equal(dxl_geometry_plan(0, GiB, DXL_LABEL_SIZE_DEFAULT,
					   3 * MiB, &g), -EINVAL);
	assert_int_equal(dxl_geometry_plan(0, 2 * MiB, DXL_LABEL_SIZE_DEFAULT,
					   2 * MiB, &g), -ENOSPC);
	assert_int_equal(dxl_geometry_plan(0, GiB, U64_MAX & ~8191ULL,
					   2 * MiB, &g), -EINVAL);
	assert_int_equal(dxl_geometry_plan(0, 4 * GiB, GiB, 2 * MiB, &g),
			 -EINVAL);
}

static void test_encode_validate_round_trip(void **state)
{
	struct dxl_geometry g, back;
	struct dxl_verdict v;
	u8 buf[4096];

	test_geometry(&g, GiB);
	dxl_info_encode(&g, buf);
	assert_int_equal(dxl_info_validate(buf, sizeof(buf), GiB, &back, &v), 0);
	assert_int_equal(v.problem, DXL_P_OK);
	assert_memory_equal(&g, &back, sizeof(g));
	/* what the kernel checks: signature, v1.5, RAM mode, dataoff */
	assert_memory_equal(buf, "NVDIMM_DAX_INFO\0", 16);
	assert_int_equal(buf[54], 5);
	assert_int_equal(buf[72], DXL_INFO_MODE_RAM);
	assert_int_equal(buf[48], DXL_INFO_F_LABELS);
}

enum mut_field { M_NONE, M_LEN, M_SIG, M_SIG_SUM, M_BTT, M_SUM, M_MAJOR, M_MINOR, M_FLAGS,
		 M_MODE, M_PAD, M_PAGE, M_ALIGN, M_LOFF, M_LSIZE, M_DOFF,
		 M_NPFNS, M_ENDT, M_RES0, M_PADDING };

/* One row per validation rule of the info-block. */
static const struct info_case {
	const char *what;
	enum mut_field field;
	u64 value;
	u64 ns_size;
	int rc;
	enum dxl_problem problem;
} info_cases[] = {
	{ "valid", M_NONE, 0, GiB, 0, DXL_P_OK },
	{ "short buffer", M_LEN, 4095, GiB, -EINVAL, DXL_P_INFO_TRUNCATED },
	/* a valid fsdax or BTT info-block is someone else's: stop (-ENODATA) */
	{ "pfn signature", M_SIG, 0, GiB, -ENODATA, DXL_P_INFO_FOREIGN },
	{ "btt signature", M_BTT, 0, GiB, -ENODATA, DXL_P_INFO_FOREIGN },
	/* the same with a bad checksum: nobody's, so damaged */
	{ "pfn signature, bad checksum", M_SIG_SUM, 1, GiB, -EINVAL,
	  DXL_P_INFO_BAD_SIGNATURE },
	{ "other signature", M_SIG, 1, GiB, -EINVAL, DXL_P_INFO_BAD_SIGNATURE },
	{ "checksum", M_SUM, 1, GiB, -EINVAL, DXL_P_INFO_BAD_CHECKSUM },
	{ "major 2", M_MAJOR, 2, GiB, -EINVAL, DXL_P_INFO_BAD_VERSION },
	{ "plain devdax", M_FLAGS, 0, GiB, -ENODATA, DXL_P_INFO_NOT_LABELLED },
	{ "unknown flag", M_FLAGS, 3, GiB, -EOPNOTSUPP,
	  DXL_P_INFO_UNKNOWN_FLAGS },
	{ "minor 4 with labels", M_MINOR, 4, GiB, -EINVAL,
	  DXL_P_INFO_BAD_VERSION },
	{ "pmem memmap", M_MODE, DXL_INFO_MODE_PMEM, GiB, -EINVAL,
	  DXL_P_INFO_BAD_MODE },
	{ "start_pad", M_PAD, 4096, GiB, -EINVAL, DXL_P_INFO_START_PAD },
	{ "64K pages", M_PAGE, 65536, GiB, -EINVAL, DXL_P_INFO_BAD_PAGE_SIZE },
	{ "align 3 MiB", M_ALIGN, 3 * MiB, GiB, -EINVAL, DXL_P_INFO_BAD_ALIGN },
	{ "align 2 GiB", M_ALIGN, 2 * GiB, GiB, -EINVAL, DXL_P_INFO_BAD_ALIGN },
	{ "align 16 MiB", M_ALIGN, 16 * MiB, GiB, -EINVAL, DXL_P_INFO_BAD_ALIGN },
	{ "label over info", M_LOFF, 4096, GiB, -EINVAL,
	  DXL_P_INFO_BAD_LABEL_AREA },
	{ "label size odd", M_LSIZE, 12288, GiB, -EINVAL,
	  DXL_P_INFO_BAD_LABEL_AREA },
	{ "label size wraps", M_LSIZE, U64_MAX & ~8191ULL, GiB, -EINVAL,
	  DXL_P_INFO_BAD_LABEL_AREA },
	{ "label size above 1 GiB", M_LSIZE, GiB + 8192, 0, -EINVAL,
	  DXL_P_INFO_BAD_LABEL_AREA },
	{ "label size above 64 MiB", M_LSIZE, 64 * MiB + 8192, 0, -EINVAL,
	  DXL_P_INFO_BAD_LABEL_AREA },
	{ "dataoff in labels", M_DOFF, MiB, GiB, -EINVAL,
	  DXL_P_INFO_BAD_DATAOFF },
	{ "dataoff unaligned", M_DOFF, 2 * MiB + 512, GiB, -EINVAL,
	  DXL_P_INFO_BAD_DATAOFF },
	{ "npfns zero", M_NPFNS, 0, GiB, -EINVAL, DXL_P_INFO_BAD_DATA_SIZE },
	{ "npfns past end", M_NPFNS, GiB / 4096, GiB, -EINVAL,
	  DXL_P_INFO_BAD_DATA_SIZE },
	{ "npfns overflow", M_NPFNS, U64_MAX / 2048, 0, -EINVAL,
	  DXL_P_INFO_BAD_DATA_SIZE },
	{ "end_trunc past end", M_ENDT, 4 * MiB, GiB, -EINVAL,
	  DXL_P_INFO_BAD_DATA_SIZE },
	{ "size unknown", M_NONE, 0, 0, 0, DXL_P_OK },
	{ "reserved0", M_RES0, 0, GiB, -EINVAL, DXL_P_INFO_RESERVED },
	{ "padding", M_PADDING, 3975, GiB, -EINVAL, DXL_P_INFO_RESERVED },
};

static void test_info_rules(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(info_cases) / sizeof(info_cases[0]); i++) {
		const struct info_case *c = &info_cases[i];
		struct dxl_info_block ib;
		struct dxl_geometry g, out;
		struct dxl_verdict v;
		size_t len = sizeof(ib);
		int rc;

		test_geometry(&g, GiB);
		dxl_info_encode(&g, &ib);
		switch (c->field) {
		case M_NONE: break;
		case M_LEN: len = c->value; break;
		case M_SIG:
		case M_SIG_SUM:
			memcpy(ib.signature, c->value && c->field == M_SIG ?
			       "NVDIMM_BLK_INFO" : "NVDIMM_PFN_INFO", 16);
			break;
		case M_BTT: memcpy(ib.signature, "BTT_ARENA_INFO", 15); break;
		case M_SUM: break;
		case M_MAJOR: ib.version_major = cpu_to_le16(c->value); break;
		case M_MINOR: ib.version_minor = cpu_to_le16(c->value); break;
		case M_FLAGS: ib.flags = cpu_to_le32(c->value); break;
		case M_MODE: ib.mode = cpu_to_le32(c->value); break;
		case M_PAD: ib.start_pad = cpu_to_le32(c->value); break;
		case M_PAGE: ib.page_size = cpu_to_le32(c->value); break;
		case M_ALIGN: ib.align = cpu_to_le32(c->value); break;
		case M_LOFF: ib.label_off = cpu_to_le64(c->value); break;
		case M_LSIZE: ib.label_size = cpu_to_le64(c->value); break;
		case M_DOFF: ib.dataoff = cpu_to_le64(c->value); break;
		case M_NPFNS: ib.npfns = cpu_to_le64(c->value); break;
		case M_ENDT: ib.end_trunc = cpu_to_le32(c->value); break;
		case M_RES0: ib.reserved0[1] = 1; break;
		case M_PADDING: ib.padding[c->value] = 0x80; break;
		}
		ib.checksum = cpu_to_le64(dxl_info_checksum(&ib) +
					  (c->field == M_SUM || c->field == M_SIG_SUM ?
					   c->value : 0));
		rc = dxl_info_validate(&ib, len, c->ns_size, &out, &v);
		if (rc != c->rc || v.problem != c->problem)
			fail_msg("%s: rc %d problem %s, want rc %d problem %s",
				 c->what, rc, dxl_problem_name(v.problem), c->rc,
				 dxl_problem_name(c->problem));
	}
}

static void test_problem_table(void **state)
{
	assert_string_equal(dxl_problem_name(DXL_P_SET_BAD_CRC), "SET_BAD_CRC");
	assert_int_equal(DXL_P_SET_BAD_CRC, 206);
	assert_int_equal(DXL_P_DEV_RANGE_OVERLAP, 315);
	assert_int_equal(DXL_P_COPY_STALE, 403);
	assert_string_equal(dxl_problem_name((enum dxl_problem)9999), "UNKNOWN");
	assert_non_null(dxl_problem_text(DXL_P_INFO_BAD_MODE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_struct_layout),
		cmocka_unit_test(test_crc32_known_answers),
		cmocka_unit_test(test_fletcher64_known_answers),
		cmocka_unit_test(test_plan_default_costs_no_capacity),
		cmocka_unit_test(test_plan_rules),
		cmocka_unit_test(test_encode_validate_round_trip),
		cmocka_unit_test(test_info_rules),
		cmocka_unit_test(test_problem_table),
	};

	return cmocka_run_group_tests_name("info", tests, NULL, NULL);
}
