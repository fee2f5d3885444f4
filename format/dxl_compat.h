/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * dxl_compat.h - helpers format/ shares with every build world.
 *
 * The names format/ is written against (u8..u64, __le16..__le64,
 * le*_to_cpu, cpu_to_le*, memcpy/memset/memcmp, errno values,
 * static_assert, dxl_crc32()) come from dxl_types.h: format/'s own for
 * userspace and freestanding builds, kernel/dxl_types.h in the kernel
 * series.  What follows is the same in every world.
 */
#ifndef DXL_COMPAT_H
#define DXL_COMPAT_H

#include "dxl_types.h"

/* Overflow-checked arithmetic: true when the result wrapped. */
#define dxl_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define dxl_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

/*
 * True when @len bytes at @buf are all zero; a word at a time, through
 * memcpy() so that @buf needs no alignment (on x86 each is one load).
 */
static inline bool dxl_all_zero(const void *buf, size_t len)
{
	const u8 *p = buf;
	u64 acc = 0, w;
	u32 h;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		acc |= w;
	}
	if (len >= 4) {
		memcpy(&h, p, 4);
		acc |= h;
		p += 4;
		len -= 4;
	}
	while (len--)
		acc |= *p++;
	return acc == 0;
}

static inline bool dxl_aligned(u64 x, u64 align)
{
	return (x & (align - 1)) == 0;
}

#endif /* DXL_COMPAT_H */
