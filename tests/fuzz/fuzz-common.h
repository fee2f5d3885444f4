/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz-common.h - geometry and CRC resealing shared by the harnesses and
 * the seed generator.  The fuzz geometry uses the smallest label area
 * (two 8 KiB copies) so that inputs stay small.
 */
#ifndef DAXLABEL_FUZZ_COMMON_H
#define DAXLABEL_FUZZ_COMMON_H

#include "../../format/dxl_format.h"

#define FUZZ_COPY_SIZE	(DXL_LABEL_SIZE_MIN / 2)
#define FUZZ_SCRATCH_SIZE (2 * FUZZ_COPY_SIZE)
#define FUZZ_MEDIA_MAX	(DXL_LABEL_OFFSET + DXL_LABEL_SIZE_MIN)

static inline void fuzz_geometry(struct dxl_geometry *geo)
{
	if (dxl_geometry_plan(0, 64ULL << 20, DXL_LABEL_SIZE_MIN, 2U << 20, geo))
		__builtin_trap();
	memset(geo->uuid, 0x77, sizeof(geo->uuid));
}

/* Recompute a copy's CRC from what its header claims, where it fits. */
static inline void fuzz_reseal(u8 *buf, size_t len)
{
	struct dxl_set_header *h = (struct dxl_set_header *)buf;
	u64 rb;
	u32 crc;

	if (len < sizeof(*h))
		return;
	rb = le64_to_cpu(h->records_bytes);
	if (rb > len - sizeof(*h))
		return;
	crc = dxl_crc32(0, buf, DXL_SET_CRC_SPAN);
	crc = dxl_crc32(crc, buf + sizeof(*h), (size_t)rb);
	h->crc = cpu_to_le32(crc);
}

#endif
