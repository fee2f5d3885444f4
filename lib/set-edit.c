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

/*
 * One step of the kernel's dev_dax_resize(): walk the region's children
 * in address order and take the first free gap (before the first child,
 * between two children, or after the last), growing the device's last
 * range in place when the gap follows it, else adding a range.
 * Returns bytes allocated, 0 when the region is full, or -errno.
 */
static s64 dl_grow_step(struct dxl_set *set, const struct dxl_geometry *geo,
			u32 index, u64 to_alloc)
{
	struct dxl_dev *dev = &set->devs[index];
	struct dl_extent *ext;
	size_t n = 0, k;
	u64 alloc = 0;
	s64 rc = 0;
	u32 i, j;

	for (i = 0; i < set->nr_devs; i++)
		n += set->devs[i].nr_ranges;
	if (!n)
		return dl_dev_append(dev, 0, to_alloc) ?: (s64)to_alloc;
	ext = malloc(sizeof(*ext) * n);
	if (!ext)
		return -ENOMEM;
	for (i = 0, k = 0; i < set->nr_devs; i++) {
		for (j = 0; j < set->devs[i].nr_ranges; j++, k++) {
			const struct dxl_range *r = &set->devs[i].ranges[j];

			ext[k] = (struct dl_extent){ r->offset,
				r->offset + r->length, i, j };
		}
	}
	qsort(ext, n, sizeof(*ext), dl_extent_cmp);
	for (k = 0; k < n; k++) {
		const struct dl_extent *res = &ext[k];
		const struct dl_extent *next = k + 1 < n ? &ext[k + 1] : NULL;

		if (k == 0 && res->start > 0) {
			alloc = res->start < to_alloc ? res->start : to_alloc;
			rc = dl_dev_append(dev, 0, alloc);
			break;
		}
		alloc = 0;
		if (next && next->start > res->end)
			alloc = next->start - res->end;
		if (!alloc && !next && res->end < geo->data_size)
			alloc = geo->data_size - res->end;
		if (!alloc)
			continue;
		if (alloc > to_alloc)
			alloc = to_alloc;
		/* adjust_ok(): the gap follows this device's last range */
		if (res->dev == index && res->idx + 1 == dev->nr_ranges)
			dev->ranges[res->idx].length += alloc;
		else
			rc = dl_dev_append(dev, res->end, alloc);
		break;
	}
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
	struct dxl_dev *dev;
	u64 cur, to_alloc;

	if (index >= set->nr_devs)
		return -ENOENT;
	dev = &set->devs[index];
	if (!dxl_aligned(size, dev->align))
		return -EINVAL;
	cur = dl_dev_size(dev);
	if (size <= cur) {
		dl_shrink(dev, cur - size);
		return 0;
	}
	to_alloc = size - cur;
	if (to_alloc > dl_set_avail(set, geo))
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
