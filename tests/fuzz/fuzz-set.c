// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-set.c - libFuzzer harness for the label set parser.
 *
 * Input: byte 0 is a control byte, the rest is one copy of a label set.
 * Control bit 0 reseals the CRC so that mutations reach the record
 * checks; bit 1 validates against the copy's own geometry instead of the
 * fixed one.  A copy that validates must decode and re-encode to a valid
 * copy of the same set; when it has this version's minor and no unknown
 * compat features, to the very same bytes (the encoding is canonical).
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../format/dxl_format.h"
#include "../../lib/set-edit.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 buf[FUZZ_COPY_SIZE];
	static u8 out[FUZZ_COPY_SIZE];
	static u8 scratch[FUZZ_SCRATCH_SIZE];
	static struct dxl_dev devs[FUZZ_COPY_SIZE / DXL_REC_FIXED_SIZE];
	static struct dxl_range ranges[FUZZ_COPY_SIZE / 16];
	struct dxl_geometry geo, own;
	struct dxl_set_info info, info2;
	struct dxl_verdict v;
	struct dxl_set set;
	size_t len;
	u8 ctl;

	if (dxl_scratch_size(FUZZ_COPY_SIZE) > sizeof(scratch))
		abort();
	if (size < 1)
		return 0;
	ctl = data[0];
	len = size - 1 < sizeof(buf) ? size - 1 : sizeof(buf);
	memset(buf, 0, sizeof(buf));
	memcpy(buf, data + 1, len);
	fuzz_geometry(&geo);
	if (ctl & 1)
		fuzz_reseal(buf, len);
	if (ctl & 2) {
		if (dxl_set_validate_header(buf, len, NULL, &own, &info, &v))
			return 0;
		if (dxl_copy_size(&own) > FUZZ_COPY_SIZE)
			return 0;
		geo = own;
	}
	if (dxl_set_validate(buf, len, &geo, scratch, sizeof(scratch), &info,
			     &v))
		return 0;
	if (dxl_set_decode(buf, &info, &set, devs, sizeof(devs) / sizeof(devs[0]),
			   ranges, sizeof(ranges) / sizeof(ranges[0])))
		abort();
	if (dxl_set_encode(&set, &geo, info.generation, out, sizeof(out),
			   scratch, sizeof(scratch), &info2, &v))
		abort();
	if (info2.bytes != info.bytes || info2.nr_ranges != info.nr_ranges)
		abort();
	if (le16_to_cpu(((struct dxl_set_header *)buf)->version_minor) ==
	    DXL_SET_VERSION_MINOR && !set.compat && memcmp(out, buf, info.bytes))
		abort();
	return 0;
}
