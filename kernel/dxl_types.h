/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * dxl_types.h - the kernel's names for the daxlabel on-media format code.
 *
 * The format code (dxl_*.c) is shared, unchanged, with the daxlabel
 * userspace tools and is written against kernel names.  Here they come
 * from the kernel's own headers.  CRC32 is zlib's crc32(), which is
 * ~crc32_le(~crc, buf, len).
 */
#ifndef DXL_TYPES_H
#define DXL_TYPES_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/build_bug.h>
#include <linux/crc32.h>
#include <asm/byteorder.h>

static inline u32 dxl_crc32(u32 crc, const void *buf, size_t len)
{
	return ~crc32_le(~crc, buf, len);
}

#endif /* DXL_TYPES_H */
