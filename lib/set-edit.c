// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * set-edit.c - owning in-memory label sets and the kernel's allocator.
 */
#include <stdlib.h>

#include "set-edit.h"

void dl_set_free(struct dxl_set *set)
{
	u32 i;

	if (!set)
		return;
	for (i = 0; i < set->nr_devs; i++)
		free(set->devs[i].ranges);
	free(set->devs);
	set->devs = NULL;
	set->nr_devs = 0;
}

/* Deep copy; @dst is overwritten (not freed) and owns its memory after. */
int dl_set_copy(struct dxl_set *dst, const struct dxl_set *src)
{
	u32 i;

	*dst = *src;
	dst->devs = NULL;
	dst->nr_devs = 0;
	if (!src->nr_devs)
		return 0;
	dst->devs = calloc(src->nr_devs, sizeof(*dst->devs));
	if (!dst->devs)
		return -ENOMEM;
	for (i = 0; i < src->nr_devs; i++) {
		struct dxl_dev *d = &dst->devs[i];

		*d = src->devs[i];
		d->ranges = malloc(sizeof(*d->ranges) * (d->nr_ranges ? d->nr_ranges : 1));
		if (!d->ranges) {
			dst->nr_devs = i;
			dl_set_free(dst);
			return -ENOMEM;
		}
		if (d->nr_ranges)
			memcpy(d->ranges, src->devs[i].ranges,
			       sizeof(*d->ranges) * d->nr_ranges);
		dst->nr_devs = i + 1;
	}
	return 0;
}

/* Index of the device with @id, or -1. */
int dl_set_find_id(const struct dxl_set *set, u32 id)
{
	u32 i;

	for (i = 0; i < set->nr_devs; i++)
		if (set->devs[i].id == id)
			return (int)i;
	return -1;
}

/* The id the kernel's ida would hand out next: the lowest unused one. */
u32 dl_set_next_id(const struct dxl_set *set)
{
	u32 id = 0, i;

	/* devs are in ascending id order */
	for (i = 0; i < set->nr_devs; i++) {
		if (set->devs[i].id != id)
			break;
		id++;
	}
	return id;
}

u64 dl_dev_size(const struct dxl_dev *dev)
{
	u64 size = 0;
	u32 i;

	for (i = 0; i < dev->nr_ranges; i++)
		size += dev->ranges[i].length;
	return size;
}

u64 dl_set_avail(const struct dxl_set *set, const struct dxl_geometry *geo)
{
	u64 used = 0;
	u32 i;

	for (i = 0; i < set->nr_devs; i++)
		used += dl_dev_size(&set->devs[i]);
	return geo->data_size - used;
}

/* Insert a copy of @tmpl (no ranges yet) in id order. */
int dl_set_add(struct dxl_set *set, const struct dxl_dev *tmpl, u32 *index)
{
	struct dxl_dev *devs;
	u32 pos = 0;

	if (dl_set_find_id(set, tmpl->id) >= 0)
		return -EEXIST;
	devs = realloc(set->devs, sizeof(*devs) * (set->nr_devs + 1));
	if (!devs)
		return -ENOMEM;
	set->devs = devs;
	while (pos < set->nr_devs && devs[pos].id < tmpl->id)
		pos++;
	memmove(&devs[pos + 1], &devs[pos],
		sizeof(*devs) * (set->nr_devs - pos));
	devs[pos] = *tmpl;
	devs[pos].nr_ranges = 0;
	devs[pos].ranges = NULL;
	set->nr_devs++;
	*index = pos;
	return 0;
}

int dl_set_remove(struct dxl_set *set, u32 index)
{
	if (index >= set->nr_devs)
		return -ENOENT;
	free(set->devs[index].ranges);
	memmove(&set->devs[index], &set->devs[index + 1],
		sizeof(*set->devs) * (set->nr_devs - index - 1));
	set->nr_devs--;
	return 0;
}

/* An allocated extent of the region, as a child resource of the region. */
struct dl_extent {
	u64 start;
	u64 end;	/* exclusive */
	u32 dev;
	u32 idx;
};

static int dl_extent_cmp(const void *a, const void *b)
{
	const struct dl_extent *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int dl_dev_append(struct dxl_dev *dev, u64 start, u64 len)
{
	struct dxl_range *r;

	r = realloc(dev->ranges, sizeof(*r) * (dev->nr_ranges + 1));
	if (!r)
		return -ENOMEM;
	dev->ranges = r;
	r[dev->nr_ranges].offset = start;
	r[dev->nr_ranges].length = len;
	dev->nr_ranges++;
	return 0;
}

static u64 dl_align_up(u64 x, u64 align)
{
	return (x + align - 1) & ~(align - 1);
}

/* Every extent of @set, in address order; *@n set.  NULL on ENOMEM. */
static struct dl_extent *dl_set_extents(const struct dxl_set *set, size_t *n)
{
	struct dl_extent *ext;
	size_t k = 0;
	u32 i, j;

	*n = 0;
	for (i = 0; i < set->nr_devs; i++)
		*n += set->devs[i].nr_ranges;
	ext = malloc(sizeof(*ext) * (*n ? *n : 1));
	if (!ext)
		return NULL;
	for (i = 0; i < set->nr_devs; i++) {
		for (j = 0; j < set->devs[i].nr_ranges; j++, k++) {
			const struct dxl_range *r = &set->devs[i].ranges[j];

			ext[k] = (struct dl_extent){ r->offset,
				r->offset + r->length, i, j };
		}
	}
	qsort(ext, *n, sizeof(*ext), dl_extent_cmp);
	return ext;
}

/*
 * The kernel's dax_region_gap(): the first free extent at or after
 * extent @from (-1: the data area's start) that starts on @grain (a
 * namespace offset, data_off + offset) and holds at least one grain.
 * Sets *@prev to the extent it follows (-1: none) and *@start.  Returns
 * its usable length, a multiple of @grain, or 0.
 */
static u64 dl_gap(const struct dl_extent *ext, size_t n,
		  const struct dxl_geometry *geo, u64 grain, long from,
		  long *prev, u64 *start)
{
	u64 gap_start = from < 0 ? 0 : ext[from].end;
	size_t k = (size_t)(from + 1);

	for (;;) {
		u64 gap_end = k < n ? ext[k].start : geo->data_size;
		u64 s = dl_align_up(geo->data_off + gap_start, grain) -
			geo->data_off;

		if (s < gap_end && gap_end - s >= grain) {
			*prev = from;
			*start = s;
			return (gap_end - s) & ~(grain - 1);
		}
		if (k >= n)
			return 0;
		from = (long)k;
		gap_start = ext[k].end;
		k++;
	}
}

/*
 * The kernel's dax_region_usable(): the space dl_grow_step() can
 * allocate for a device of @grain, counted until it reaches @want.
 */
static u64 dl_usable(const struct dl_extent *ext, size_t n,
		     const struct dxl_geometry *geo, u64 grain, u64 want)
{
	u64 usable = 0, start, len;
	long from = -1, prev;

	while ((len = dl_gap(ext, n, geo, grain, from, &prev, &start))) {
		usable += len;
		if (usable >= want || (size_t)(prev + 1) >= n)
			break;
		from = prev + 1;
	}
	return usable;
}

/*
 * One step of the kernel's dev_dax_resize(): take the first usable free
 * extent, growing the device's last range in place when the extent
 * follows it, else adding a range.  Returns bytes allocated, 0 when the
 * data area is full, or -errno.
 */
static s64 dl_grow_step(struct dxl_set *set, const struct dxl_geometry *geo,
			u32 index, u64 to_alloc)
{
	struct dxl_dev *dev = &set->devs[index];
	u64 grain = dxl_extent_grain(dev->align), start, alloc;
	struct dl_extent *ext;
	long prev;
	size_t n;
	s64 rc = 0;

	ext = dl_set_extents(set, &n);
	if (!ext)
		return -ENOMEM;
	alloc = dl_gap(ext, n, geo, grain, -1, &prev, &start);
	if (alloc > to_alloc)
		alloc = to_alloc;
	/* adjust_ok(): the extent follows this device's last range */
	if (alloc && prev >= 0 && ext[prev].end == start &&
	    ext[prev].dev == index && ext[prev].idx + 1 == dev->nr_ranges)
		dev->ranges[ext[prev].idx].length += alloc;
	else if (alloc)
		rc = dl_dev_append(dev, start, alloc);
	free(ext);
	if (rc)
		return rc;
	return (s64)alloc;
}

/* The kernel's dev_dax_shrink(): give back from the highest page offset. */
static void dl_shrink(struct dxl_dev *dev, u64 to_shrink)
{
	while (to_shrink && dev->nr_ranges) {
		struct dxl_range *r = &dev->ranges[dev->nr_ranges - 1];

		if (r->length <= to_shrink) {
			to_shrink -= r->length;
			dev->nr_ranges--;
		} else {
			r->length -= to_shrink;
			to_shrink = 0;
		}
	}
}

/**
 * dl_set_resize() - grow or shrink a device as the kernel would
 * @set: the set
 * @geo: its geometry (data area size)
 * @index: device index in @set
 * @size: new size, a multiple of the device's align
 *
 * Return: 0; -EINVAL for a misaligned size; -ENOSPC when the region lacks
 * the space (the set is unchanged); -ENOMEM.
 */
int dl_set_resize(struct dxl_set *set, const struct dxl_geometry *geo,
		  u32 index, u64 size)
{
	struct dl_extent *ext;
	struct dxl_dev *dev;
	u64 cur, to_alloc, usable;
	size_t n;

	if (index >= set->nr_devs)
		return -ENOENT;
	dev = &set->devs[index];
	if (!dxl_aligned(size, dxl_extent_grain(dev->align)))
		return -EINVAL;
	cur = dl_dev_size(dev);
	if (size <= cur) {
		dl_shrink(dev, cur - size);
		return 0;
	}
	to_alloc = size - cur;
	ext = dl_set_extents(set, &n);
	if (!ext)
		return -ENOMEM;
	usable = dl_usable(ext, n, geo, dxl_extent_grain(dev->align), to_alloc);
	free(ext);
	/* refused before anything changes, as the kernel does */
	if (usable < to_alloc)
		return -ENOSPC;
	while (to_alloc) {
		s64 got = dl_grow_step(set, geo, index, to_alloc);

		if (got < 0)
			return (int)got;
		if (got == 0)
			return -ENOSPC;
		to_alloc -= (u64)got;
	}
	return 0;
}
