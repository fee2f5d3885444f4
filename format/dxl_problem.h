/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * dxl_problem.h - stable problem ids for everything a validator rejects.
 *
 * The numbers are ABI: the checker prints them, tests and golden images
 * match on them, and the kernel names them in its messages.  Never reuse
 * or renumber an id; add new ones at the end of their block.
 *
 *   1xx  info-block          2xx  one copy of the label set
 *   3xx  device records      4xx  the pair of copies (selection, recovery)
 */
#ifndef DXL_PROBLEM_H
#define DXL_PROBLEM_H

#include "dxl_compat.h"

#define DXL_PROBLEMS(X)							\
	X(OK, 0, "no problem")						\
	X(INFO_TRUNCATED, 101, "info-block shorter than 4096 bytes: buffer or namespace too small") \
	X(INFO_BAD_SIGNATURE, 102, "info-block signature is not NVDIMM_DAX_INFO") \
	X(INFO_BAD_CHECKSUM, 103, "info-block fletcher64 checksum mismatch") \
	X(INFO_BAD_VERSION, 104, "info-block major version is not 1") \
	X(INFO_NOT_LABELLED, 105, "info-block has no label area (plain devdax)") \
	X(INFO_UNKNOWN_FLAGS, 106, "info-block has unknown incompatible flags") \
	X(INFO_BAD_MODE, 107, "labelled info-block must use the RAM memmap mode") \
	X(INFO_START_PAD, 108, "info-block start_pad is not zero")	\
	X(INFO_BAD_ALIGN, 109, "info-block align is not a power of two >= 4 KiB") \
	X(INFO_BAD_PAGE_SIZE, 110, "info-block page size is not 4096")	\
	X(INFO_BAD_LABEL_AREA, 111, "label area misplaced, misaligned or overlapping") \
	X(INFO_BAD_DATAOFF, 112, "dataoff misaligned or not after the label area") \
	X(INFO_BAD_DATA_SIZE, 113, "data area empty or beyond the namespace") \
	X(INFO_UNREADABLE, 114, "info-block could not be read")		\
	X(INFO_RESERVED, 115, "info-block reserved bytes are not zero")	\
	X(INFO_FOREIGN, 116, "info-block is a valid fsdax or BTT info-block (not labelled)") \
	X(SET_TRUNCATED, 201, "label set copy shorter than its header")	\
	X(SET_BAD_SIGNATURE, 202, "label set signature is not DAXLABEL_SET") \
	X(SET_BAD_VERSION, 203, "label set major version is not 1")	\
	X(SET_BAD_HEADER_SIZE, 204, "label set header size is not 256")	\
	X(SET_RECORDS_OVERFLOW, 205, "label set records exceed the copy")	\
	X(SET_BAD_CRC, 206, "label set CRC32 mismatch")			\
	X(SET_UNKNOWN_INCOMPAT, 207, "label set has unknown incompatible features") \
	X(SET_FOREIGN, 208, "label set belongs to another info-block (uuid)") \
	X(SET_GEOMETRY, 209, "label set geometry differs from the info-block") \
	X(SET_BAD_GENERATION, 210, "label set generation is zero")	\
	X(SET_RECORD_COUNT, 211, "records do not fill records_bytes exactly") \
	X(SET_UNKNOWN_RO_COMPAT, 212, "label set has unknown read-only features") \
	X(SET_RESERVED, 213, "label set header reserved bytes are not zero") \
	X(DEV_BAD_RECORD_SIZE, 301, "device record size wrong or beyond the set") \
	X(DEV_BAD_ID, 302, "device id above INT_MAX")			\
	X(DEV_ID_ORDER, 303, "device ids not strictly ascending")	\
	X(DEV_NULL_UUID, 304, "device uuid is all zero")		\
	X(DEV_DUP_UUID, 305, "device uuid used twice")			\
	X(DEV_BAD_NAME, 306, "device name not NUL-padded UTF-8 without '/' or control characters") \
	X(DEV_DUP_NAME, 307, "device name used twice")			\
	X(DEV_BAD_ALIGN, 308, "device align not a power of two in 4 KiB..1 GiB") \
	X(DEV_UNKNOWN_FLAGS, 309, "device record has unknown flags")	\
	X(DEV_BAD_MODE, 310, "device mode has bits outside 07777")	\
	X(DEV_NO_RANGES, 311, "device record has no ranges")		\
	X(DEV_RANGE_EMPTY, 312, "device range has zero length")	\
	X(DEV_RANGE_MISALIGNED, 313, "device range start or length not on the device grain, max(align, 2 MiB)") \
	X(DEV_RANGE_OUTSIDE, 314, "device range outside the data area")	\
	X(DEV_RANGE_OVERLAP, 315, "device ranges overlap")		\
	X(DEV_SIZE_OVERFLOW, 316, "device size overflows 64 bits")	\
	X(DEV_RESERVED, 317, "device record reserved bytes are not zero") \
	X(COPY_UNREADABLE, 401, "label set copy could not be read")	\
	X(COPY_INVALID, 402, "label set copy is invalid")		\
	X(COPY_STALE, 403, "label set copy is older than the other copy") \
	X(COPY_DIVERGED, 404, "label set copies share a generation but differ") \
	X(NO_VALID_COPY, 405, "no valid copy of the label set")	\
	X(COPY_WRITE_FAILED, 406, "writing the copy failed: old or torn until resynced")

#define DXL_PROBLEM_ENUM(name, num, text) DXL_P_##name = num,
enum dxl_problem {
	DXL_PROBLEMS(DXL_PROBLEM_ENUM)
};
#undef DXL_PROBLEM_ENUM

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
