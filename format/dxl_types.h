/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * dxl_types.h - kernel names for format/ in its two userspace worlds.
 *
 * format/ is written in kernel style against kernel names (u8..u64,
 * __le16..__le64, le*_to_cpu, cpu_to_le*, memcpy/memset/memcmp, errno
 * values, static_assert) and one CRC32, dxl_crc32() (zlib's crc32()).
 * This header provides them:
 *
 *   DXL_FREESTANDING  compiler builtins only (-ffreestanding -nostdinc),
 *                     proving that format/ needs nothing from a libc;
 *   otherwise         a hosted C11 userspace with zlib.
 *
 * The kernel has its own dxl_types.h (kernel/dxl_types.h in daxlabel),
 * which the kernel series carries in place of this file.
 */
#ifndef DXL_TYPES_H
#define DXL_TYPES_H

#if defined(DXL_FREESTANDING)

typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
typedef __INT32_TYPE__ s32;
typedef __INT64_TYPE__ s64;
typedef __SIZE_TYPE__ size_t;
typedef __UINTPTR_TYPE__ uintptr_t;
#define bool _Bool
#define true 1
#define false 0
#define NULL ((void *)0)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#define INT_MAX __INT_MAX__
#define offsetof(type, member) __builtin_offsetof(type, member)
#define memcpy(d, s, n) __builtin_memcpy(d, s, n)
#define memset(d, c, n) __builtin_memset(d, c, n)
#define memcmp(a, b, n) __builtin_memcmp(a, b, n)
/* Linux errno values: format/ returns them negated, as the kernel does. */
#define EIO		5
#define ENOMEM		12
#define EEXIST		17
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENODATA		61
#define EOVERFLOW	75
#define EUCLEAN		117
#define EOPNOTSUPP	95
#define EROFS		30
#define ENOENT		2
/* Provided by whoever links format/ (zlib-compatible CRC32). */
u32 dxl_crc32(u32 crc, const void *buf, size_t len);

#else /* hosted userspace */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <zlib.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
#ifndef U32_MAX
#define U32_MAX UINT32_MAX
#endif
#ifndef U64_MAX
#define U64_MAX UINT64_MAX
#endif

static inline u32 dxl_crc32(u32 crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uLong c = crc;

	/* zlib takes uInt lengths: feed it in pieces that fit. */
	while (len) {
		uInt chunk = len > 0x40000000u ? 0x40000000u : (uInt)len;

		c = crc32(c, p, chunk);
		p += chunk;
		len -= chunk;
	}
	return (u32)c;
}

#endif /* DXL_FREESTANDING */

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#ifndef static_assert
#define static_assert(expr, msg) _Static_assert(expr, msg)
#endif

/*
 * Little-endian on-media integers.  In the kernel these are sparse
 * "bitwise" types; hosted Linux userspace takes the same names from
 * <linux/types.h>; freestanding builds make them plain integers of the
 * right width.  Every access goes through the conversion helpers below.
 */
#if defined(DXL_FREESTANDING)
typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;
#else
#include <linux/types.h>
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define le16_to_cpu(x) ((u16)__builtin_bswap16(x))
#define le32_to_cpu(x) ((u32)__builtin_bswap32(x))
#define le64_to_cpu(x) ((u64)__builtin_bswap64(x))
#else
#define le16_to_cpu(x) ((u16)(x))
#define le32_to_cpu(x) ((u32)(x))
#define le64_to_cpu(x) ((u64)(x))
#endif
#define cpu_to_le16(x) le16_to_cpu(x)
#define cpu_to_le32(x) le32_to_cpu(x)
#define cpu_to_le64(x) le64_to_cpu(x)

#endif /* DXL_TYPES_H */
