/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memmedia.h - a namespace held in memory, with unreadable sectors on
 * request, behind struct dxl_media_ops.  For tests, fuzzers and benches.
 */
#ifndef DAXLABEL_TEST_MEMMEDIA_H
#define DAXLABEL_TEST_MEMMEDIA_H

#include "../../format/dxl_format.h"

#define MEM_SECTOR 512

struct memmedia {
	u8 *bytes;
	u64 size;
	u64 bad[4];		/* sector indexes that fail reads */
	unsigned int nr_bad;
	unsigned long reads, writes, persists;
	unsigned long fail_after;	/* writes that succeed before every
					 * later one fails with -EIO; 0: none */
	u64 bytes_written;
};

extern const struct dxl_media_ops memmedia_ops;

int memmedia_init(struct memmedia *m, u64 size);
void memmedia_bad_sector(struct memmedia *m, u64 sector);
void memmedia_free(struct memmedia *m);

#endif
