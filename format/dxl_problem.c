// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * dxl_problem.c - names and texts of the stable problem ids.
 */
#include "dxl_problem.h"

/* every problem id with its name and text, in id order */
#define DXL_P(_name, _text) { DXL_P_##_name, #_name, _text }
static const struct dxl_problem_desc {
	enum dxl_problem id;
	const char *name;
	const char *text;
} dxl_problems[] = {
	DXL_P(OK, "no problem"),
	DXL_P(INFO_TRUNCATED,
	      "info-block shorter than 4096 bytes: buffer or namespace too small"),
	DXL_P(INFO_BAD_SIGNATURE,
	      "info-block signature is not NVDIMM_DAX_INFO"),
	DXL_P(INFO_BAD_CHECKSUM, "info-block fletcher64 checksum mismatch"),
	DXL_P(INFO_BAD_VERSION, "info-block major version is not 1"),
	DXL_P(INFO_NOT_LABELLED, "info-block has no label area (plain devdax)"),
	DXL_P(INFO_UNKNOWN_FLAGS, "info-block has unknown incompatible flags"),
	DXL_P(INFO_BAD_MODE,
	      "labelled info-block must use the RAM memmap mode"),
	DXL_P(INFO_START_PAD, "info-block start_pad is not zero"),
	DXL_P(INFO_BAD_ALIGN, "info-block align is not 4 KiB, 2 MiB or 1 GiB"),
	DXL_P(INFO_BAD_PAGE_SIZE, "info-block page size is not 4096"),
	DXL_P(INFO_BAD_LABEL_AREA,
	      "label area misplaced, misaligned or overlapping"),
	DXL_P(INFO_BAD_DATAOFF,
	      "dataoff misaligned or not after the label area"),
	DXL_P(INFO_BAD_DATA_SIZE, "data area empty or beyond the namespace"),
	DXL_P(INFO_UNREADABLE, "info-block could not be read"),
	DXL_P(INFO_RESERVED, "info-block reserved bytes are not zero"),
	DXL_P(INFO_FOREIGN,
	      "info-block is a valid fsdax or BTT info-block (not labelled)"),
	DXL_P(SET_TRUNCATED, "label set copy shorter than its header"),
	DXL_P(SET_BAD_SIGNATURE, "label set signature is not DAXLABEL_SET"),
	DXL_P(SET_BAD_VERSION, "label set major version is not 1"),
	DXL_P(SET_BAD_HEADER_SIZE, "label set header size is not 256"),
	DXL_P(SET_RECORDS_OVERFLOW, "label set records exceed the copy"),
	DXL_P(SET_BAD_CRC, "label set CRC32 mismatch"),
	DXL_P(SET_UNKNOWN_INCOMPAT,
	      "label set has unknown incompatible features"),
	DXL_P(SET_FOREIGN, "label set belongs to another info-block (uuid)"),
	DXL_P(SET_GEOMETRY, "label set geometry differs from the info-block"),
	DXL_P(SET_BAD_GENERATION, "label set generation is zero"),
	DXL_P(SET_RECORD_COUNT, "records do not fill records_bytes exactly"),
	DXL_P(SET_UNKNOWN_RO_COMPAT,
	      "label set has unknown read-only features"),
	DXL_P(SET_RESERVED, "label set header reserved bytes are not zero"),
	DXL_P(SET_TOO_MANY_DEVS,
	      "more devices than the data area has 2 MiB grains"),
	DXL_P(SET_EMPTY_DEVS_UNUSED,
	      "EMPTY_DEVS is set but no device record is empty"),
	DXL_P(DEV_BAD_RECORD_SIZE,
	      "device record size wrong or beyond the set"),
	DXL_P(DEV_BAD_ID, "device id above INT_MAX"),
	DXL_P(DEV_ID_ORDER, "device ids not strictly ascending"),
	DXL_P(DEV_NULL_UUID, "device uuid is all zero"),
	DXL_P(DEV_DUP_UUID, "device uuid used twice"),
	DXL_P(DEV_BAD_NAME,
	      "device name not NUL-padded UTF-8 without '/' or control characters"),
	DXL_P(DEV_DUP_NAME, "device name used twice"),
	DXL_P(DEV_BAD_ALIGN, "device align is not 4 KiB, 2 MiB or 1 GiB"),
	DXL_P(DEV_UNKNOWN_FLAGS, "device record has unknown flags"),
	DXL_P(DEV_BAD_MODE, "device mode has bits outside 07777"),
	DXL_P(DEV_NO_RANGES, "device record has no ranges"),
	DXL_P(DEV_RANGE_EMPTY, "device range has zero length"),
	DXL_P(DEV_RANGE_MISALIGNED,
	      "device range start or length not on the device grain, max(align, 2 MiB)"),
	DXL_P(DEV_RANGE_OUTSIDE, "device range outside the data area"),
	DXL_P(DEV_RANGE_OVERLAP, "device ranges overlap"),
	DXL_P(DEV_SIZE_OVERFLOW, "device size overflows 64 bits"),
	DXL_P(DEV_RESERVED, "device record reserved bytes are not zero"),
	DXL_P(DEV_TOO_MANY_RANGES,
	      "device record has more than 1024 ranges"),
	DXL_P(COPY_UNREADABLE, "label set copy could not be read"),
	DXL_P(COPY_INVALID, "label set copy is invalid"),
	DXL_P(COPY_STALE, "label set copy is older than the other copy"),
	DXL_P(COPY_DIVERGED, "label set copies share a generation but differ"),
	DXL_P(NO_VALID_COPY, "no valid copy of the label set"),
	DXL_P(COPY_WRITE_FAILED,
	      "writing the copy failed: old or torn until resynced"),
};

#undef DXL_P

static const struct dxl_problem_desc *dxl_problem_find(enum dxl_problem p)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dxl_problems); i++)
		if (dxl_problems[i].id == p)
			return &dxl_problems[i];
	return NULL;
}

/**
 * dxl_problem_name() - the symbolic name of a problem id
 * @p: problem id
 *
 * Return: e.g. "SET_BAD_CRC", or "UNKNOWN" for an id not in the table.
 */
const char *dxl_problem_name(enum dxl_problem p)
{
	const struct dxl_problem_desc *d = dxl_problem_find(p);

	return d ? d->name : "UNKNOWN";
}

/**
 * dxl_problem_text() - one line describing a problem id
 * @p: problem id
 *
 * Return: a constant sentence fragment without a trailing full stop.
 */
const char *dxl_problem_text(enum dxl_problem p)
{
	const struct dxl_problem_desc *d = dxl_problem_find(p);

	return d ? d->text : "unknown problem";
}
