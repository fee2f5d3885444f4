/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * dxl_problem.h - stable problem ids for everything a validator rejects.
 *
 * The numbers are ABI: the checker prints them, tests and golden images
 * match on them, and the kernel names them in its messages.  Never reuse
 * or renumber an id; add new ones at the end of their block, here and in
 * dxl_problem.c's table (a unit test checks that the two agree).
 *
 *   1xx  info-block          2xx  one copy of the label set
 *   3xx  device records      4xx  the pair of copies (selection, recovery)
 */
#ifndef DXL_PROBLEM_H
#define DXL_PROBLEM_H

#include "dxl_compat.h"

enum dxl_problem {
	DXL_P_OK = 0,
	DXL_P_INFO_TRUNCATED = 101,
	DXL_P_INFO_BAD_SIGNATURE = 102,
	DXL_P_INFO_BAD_CHECKSUM = 103,
	DXL_P_INFO_BAD_VERSION = 104,
	DXL_P_INFO_NOT_LABELLED = 105,
	DXL_P_INFO_UNKNOWN_FLAGS = 106,
	DXL_P_INFO_BAD_MODE = 107,
	DXL_P_INFO_START_PAD = 108,
	DXL_P_INFO_BAD_ALIGN = 109,
	DXL_P_INFO_BAD_PAGE_SIZE = 110,
	DXL_P_INFO_BAD_LABEL_AREA = 111,
	DXL_P_INFO_BAD_DATAOFF = 112,
	DXL_P_INFO_BAD_DATA_SIZE = 113,
	DXL_P_INFO_UNREADABLE = 114,
	DXL_P_INFO_RESERVED = 115,
	DXL_P_INFO_FOREIGN = 116,
	DXL_P_SET_TRUNCATED = 201,
	DXL_P_SET_BAD_SIGNATURE = 202,
	DXL_P_SET_BAD_VERSION = 203,
	DXL_P_SET_BAD_HEADER_SIZE = 204,
	DXL_P_SET_RECORDS_OVERFLOW = 205,
	DXL_P_SET_BAD_CRC = 206,
	DXL_P_SET_UNKNOWN_INCOMPAT = 207,
	DXL_P_SET_FOREIGN = 208,
	DXL_P_SET_GEOMETRY = 209,
	DXL_P_SET_BAD_GENERATION = 210,
	DXL_P_SET_RECORD_COUNT = 211,
	DXL_P_SET_UNKNOWN_RO_COMPAT = 212,
	DXL_P_SET_RESERVED = 213,
	DXL_P_SET_TOO_MANY_DEVS = 214,
	DXL_P_SET_EMPTY_DEVS_UNUSED = 215,
	DXL_P_DEV_BAD_RECORD_SIZE = 301,
	DXL_P_DEV_BAD_ID = 302,
	DXL_P_DEV_ID_ORDER = 303,
	DXL_P_DEV_NULL_UUID = 304,
	DXL_P_DEV_DUP_UUID = 305,
	DXL_P_DEV_BAD_NAME = 306,
	DXL_P_DEV_DUP_NAME = 307,
	DXL_P_DEV_BAD_ALIGN = 308,
	DXL_P_DEV_UNKNOWN_FLAGS = 309,
	DXL_P_DEV_BAD_MODE = 310,
	DXL_P_DEV_NO_RANGES = 311,
	DXL_P_DEV_RANGE_EMPTY = 312,
	DXL_P_DEV_RANGE_MISALIGNED = 313,
	DXL_P_DEV_RANGE_OUTSIDE = 314,
	DXL_P_DEV_RANGE_OVERLAP = 315,
	DXL_P_DEV_SIZE_OVERFLOW = 316,
	DXL_P_DEV_RESERVED = 317,
	DXL_P_DEV_TOO_MANY_RANGES = 318,
	DXL_P_COPY_UNREADABLE = 401,
	DXL_P_COPY_INVALID = 402,
	DXL_P_COPY_STALE = 403,
	DXL_P_COPY_DIVERGED = 404,
	DXL_P_NO_VALID_COPY = 405,
	DXL_P_COPY_WRITE_FAILED = 406,
};

#define DXL_NO_INDEX U32_MAX

/**
 * struct dxl_verdict - what a validator found, precise enough to print.
 * @problem: DXL_P_OK, or the first problem found
 * @record: index of the offending device record, or DXL_NO_INDEX
 * @range: index of the offending range in that record, or DXL_NO_INDEX
 * @value: the offending value (an offset, id, size...), for messages
 */
struct dxl_verdict {
	enum dxl_problem problem;
	u32 record;
	u32 range;
	u64 value;
};

/* Record a finding; @v may be NULL when the caller wants only the errno. */
static inline void dxl_verdict_at(struct dxl_verdict *v, enum dxl_problem p,
				  u32 record, u32 range, u64 value)
{
	if (!v)
		return;
	v->problem = p;
	v->record = record;
	v->range = range;
	v->value = value;
}

static inline void dxl_verdict_set(struct dxl_verdict *v, enum dxl_problem p,
				   u64 value)
{
	dxl_verdict_at(v, p, DXL_NO_INDEX, DXL_NO_INDEX, value);
}

const char *dxl_problem_name(enum dxl_problem p);
const char *dxl_problem_text(enum dxl_problem p);

#endif /* DXL_PROBLEM_H */
