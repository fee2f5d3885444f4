/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * testset.h - building geometries and sets for tests.
 */
#ifndef DAXLABEL_TEST_TESTSET_H
#define DAXLABEL_TEST_TESTSET_H

#include <stdlib.h>

#include "../../format/dxl_format.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* A 1 GiB label-less namespace, default label area, 2 MiB align. */
static inline void test_geometry(struct dxl_geometry *geo, u64 ns_size)
{
	int rc = dxl_geometry_plan(0, ns_size, DXL_LABEL_SIZE_DEFAULT, 2 * MiB,
				   geo);

	if (rc)
		abort();
	memset(geo->uuid, 0xa5, sizeof(geo->uuid));
	geo->uuid[0] = 0x11;
}

/* Fill @d as device @id with @n ranges from @r (not copied: borrowed). */
static inline void test_dev(struct dxl_dev *d, u32 id, const char *name,
			    struct dxl_range *r, u32 n)
{
	memset(d, 0, sizeof(*d));
	d->id = id;
	d->uuid[0] = (u8)(id + 1);
	d->uuid[15] = 0x42;
	d->uuid[7] = (u8)(id >> 8);
	if (name)
		strncpy(d->name, name, sizeof(d->name) - 1);
	d->align = 2 * MiB;
	d->nr_ranges = n;
	d->ranges = r;
}

/* Scratch and a copy buffer sized for @geo, freed by the caller. */
struct test_bufs {
	void *copy;
	void *scratch;
	size_t copy_len;
	size_t scratch_len;
};

static inline void test_bufs_init(struct test_bufs *b,
				  const struct dxl_geometry *geo)
{
	b->copy_len = (size_t)dxl_copy_size(geo);
	b->scratch_len = dxl_scratch_size(dxl_copy_size(geo));
	b->copy = calloc(1, b->copy_len);
	b->scratch = malloc(b->scratch_len);
	if (!b->copy || !b->scratch)
		abort();
}

static inline void test_bufs_free(struct test_bufs *b)
{
	free(b->copy);
	free(b->scratch);
}

#endif
