// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dev.c - devices of a label set: accessors and offline edits.
 *
 * Every edit is one transaction: copy the set, change the copy with the
 * kernel's allocation rules (set-edit.c), and commit it; a refused edit
 * writes nothing.  Device objects are rebuilt after each edit.
 */
#include <stdlib.h>

#include "private.h"

static struct dxl_dev *dl_dev(struct daxlabel_dev *dev)
{
	return &dev->target->st.set.devs[dev->index];
}

DAXLABEL_EXPORT struct daxlabel_dev *
daxlabel_dev_get_first(struct daxlabel_target *t)
{
	return !t->load_rc && t->st.set.nr_devs ? &t->devs[0] : NULL;
}

DAXLABEL_EXPORT struct daxlabel_dev *daxlabel_dev_get_next(struct daxlabel_dev *dev)
{
	struct daxlabel_target *t = dev->target;

	return dev->index + 1 < t->st.set.nr_devs ? &t->devs[dev->index + 1]
						  : NULL;
}

DAXLABEL_EXPORT struct daxlabel_target *
daxlabel_dev_get_target(struct daxlabel_dev *dev)
{
	return dev->target;
}

DAXLABEL_EXPORT unsigned int daxlabel_dev_get_id(struct daxlabel_dev *dev)
{
	return dl_dev(dev)->id;
}

DAXLABEL_EXPORT void daxlabel_dev_get_uuid(struct daxlabel_dev *dev,
					   unsigned char uuid[16])
{
	memcpy(uuid, dl_dev(dev)->uuid, 16);
}

DAXLABEL_EXPORT const char *daxlabel_dev_get_name(struct daxlabel_dev *dev)
{
	return dl_dev(dev)->name;
}

DAXLABEL_EXPORT uint64_t daxlabel_dev_get_size(struct daxlabel_dev *dev)
{
	return dl_dev_size(dl_dev(dev));
}

DAXLABEL_EXPORT uint64_t daxlabel_dev_get_align(struct daxlabel_dev *dev)
{
	return dl_dev(dev)->align;
}

DAXLABEL_EXPORT bool daxlabel_dev_get_owner(struct daxlabel_dev *dev,
					    unsigned int *uid,
					    unsigned int *gid,
					    unsigned int *mode)
{
	const struct dxl_dev *d = dl_dev(dev);

	if (!(d->flags & DXL_DEV_F_OWNER))
		return false;
	*uid = d->uid;
	*gid = d->gid;
	*mode = d->mode;
	return true;
}

DAXLABEL_EXPORT unsigned int daxlabel_dev_get_nr_ranges(struct daxlabel_dev *dev)
{
	return dl_dev(dev)->nr_ranges;
}

DAXLABEL_EXPORT uint64_t daxlabel_dev_get_range_offset(struct daxlabel_dev *dev,
						       unsigned int i)
{
	const struct dxl_dev *d = dl_dev(dev);

	return i < d->nr_ranges ? d->ranges[i].offset : 0;
}

DAXLABEL_EXPORT uint64_t daxlabel_dev_get_range_length(struct daxlabel_dev *dev,
						       unsigned int i)
{
	const struct dxl_dev *d = dl_dev(dev);

	return i < d->nr_ranges ? d->ranges[i].length : 0;
}

/* Common preconditions of an edit: labelled, writable. */
static int dl_edit_begin(struct daxlabel_target *t, struct dxl_set *next)
{
	if (!(t->flags & DAXLABEL_OPEN_WRITE))
		return -EBADF;
	if (t->load_rc)
		return t->load_rc == -EOPNOTSUPP ? -EOPNOTSUPP : -ENODATA;
	memset(&t->last, 0, sizeof(t->last));
	if (dl_store_plan(&t->st, NULL, &t->last) == -EROFS)
		return -EROFS;
	return dl_set_copy(next, &t->st.set);
}

/* The kernel's alloc_is_aligned(): a multiple of the device's grain. */
static bool dl_size_ok(u64 size, u64 align)
{
	return size && dxl_aligned(size, dxl_extent_grain(align));
}

/**
 * daxlabel_target_create_dev() - add a device, allocated as the kernel would
 * @t: a writable labelled target
 * @spec: size, align, name, uuid, owner
 * @dev: the new device (may be NULL)
 *
 * The device gets the lowest unused id, as the kernel's seed device would.
 *
 * Return: 0; -EINVAL for a bad size, align, name or mode (nothing
 * written); -ENOSPC when the region lacks the space or the label area is
 * full; -EEXIST for a name or uuid already in use; or an I/O error.
 */
DAXLABEL_EXPORT int daxlabel_target_create_dev(struct daxlabel_target *t,
					       const struct daxlabel_dev_spec *spec,
					       struct daxlabel_dev **dev)
{
	struct dxl_set next;
	struct dxl_dev tmpl;
	u32 idx, id;
	int rc;

	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.align = spec->align ? spec->align : t->st.ld.geo.align;
	if (!dxl_align_valid(tmpl.align) || !dl_size_ok(spec->size, tmpl.align))
		return -EINVAL;
	if (spec->name) {
		if (!dxl_name_valid(spec->name, strlen(spec->name)))
			return -EINVAL;
		strcpy(tmpl.name, spec->name);
	}
	if (spec->has_owner) {
		if (spec->mode & ~DXL_MODE_MASK)
			return -EINVAL;
		tmpl.flags = DXL_DEV_F_OWNER;
		tmpl.uid = spec->uid;
		tmpl.gid = spec->gid;
		tmpl.mode = spec->mode;
	}
	if (spec->uuid)
		memcpy(tmpl.uuid, spec->uuid, 16);
	else
		dl_random_uuid(tmpl.uuid);
	if (dxl_all_zero(tmpl.uuid, 16))
		return -EINVAL;

	rc = dl_edit_begin(t, &next);
	if (rc)
		return rc;
	tmpl.id = id = dl_set_next_id(&next);
	rc = dl_set_add(&next, &tmpl, &idx);
	if (!rc)
		rc = dl_set_resize(&next, &t->st.ld.geo, idx, spec->size);
	if (rc) {
		dl_set_free(&next);
		return rc;
	}
	rc = dl_target_commit(t, &next);
	if (rc == -EINVAL && (t->last.problem == DXL_P_DEV_DUP_NAME ||
			      t->last.problem == DXL_P_DEV_DUP_UUID))
		rc = -EEXIST;
	if (!rc && dev)
		*dev = &t->devs[dl_set_find_id(&t->st.set, id)];
	return rc;
}

/**
 * daxlabel_dev_resize() - grow or shrink a device as the kernel would
 * @dev: a device of a writable target
 * @size: new size, a multiple of max(align, 2 MiB); 0 keeps the device,
 *	with its id, uuid, name and owner, holding no space (as
 *	daxctl reconfigure-device -s 0)
 *
 * Return: 0, -EINVAL, -ENOSPC, or an I/O error.  Device objects of the
 * target, @dev included, are invalid afterwards (look up by id).
 */
DAXLABEL_EXPORT int daxlabel_dev_resize(struct daxlabel_dev *dev, uint64_t size)
{
	struct daxlabel_target *t = dev->target;
	struct dxl_set next;
	u32 idx = dev->index;
	int rc;

	if (!dxl_aligned(size, dxl_extent_grain(dl_dev(dev)->align)))
		return -EINVAL;
	rc = dl_edit_begin(t, &next);
	if (rc)
		return rc;
	rc = dl_set_resize(&next, &t->st.ld.geo, idx, size);
	if (rc) {
		dl_set_free(&next);
		return rc;
	}
	return dl_target_commit(t, &next);
}

/**
 * daxlabel_dev_destroy() - remove a device and free its ranges
 * @dev: a device of a writable target; invalid afterwards
 *
 * Return: 0 or an I/O error.
 */
DAXLABEL_EXPORT int daxlabel_dev_destroy(struct daxlabel_dev *dev)
{
	struct daxlabel_target *t = dev->target;
	struct dxl_set next;
	int rc;

	rc = dl_edit_begin(t, &next);
	if (rc)
		return rc;
	rc = dl_set_remove(&next, dev->index);
	if (rc) {
		dl_set_free(&next);
		return rc;
	}
	return dl_target_commit(t, &next);
}

static_assert(sizeof(struct daxlabel_range) == sizeof(struct dxl_range) &&
	      offsetof(struct daxlabel_range, length) ==
	      offsetof(struct dxl_range, length),
	      "public and format ranges must share a layout");

static int dl_desc_cmp(const void *a, const void *b)
{
	const struct dxl_dev *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* @devs as a set in id order, in @next (owned); -EINVAL names the rule. */
static int dl_set_from_descs(struct daxlabel_target *t,
			     const struct dxl_set *base,
			     const struct daxlabel_dev_desc *devs,
			     unsigned int nr_devs, struct dxl_set *next)
{
	unsigned int i;

	/* every header field from @base, never from the caller's stack */
	*next = (struct dxl_set){
		.generation = base->generation,
		.compat = base->compat,
		.ro_compat = base->ro_compat,
		.incompat = base->incompat,
	};
	next->devs = calloc(nr_devs ? nr_devs : 1, sizeof(*next->devs));
	if (!next->devs)
		return -ENOMEM;
	for (i = 0; i < nr_devs; i++) {
		const struct daxlabel_dev_desc *s = &devs[i];
		struct dxl_dev *d = &next->devs[i];

		next->nr_devs = i + 1;
		d->id = s->id;
		memcpy(d->uuid, s->uuid, 16);
		if (s->name && strlen(s->name) >= DXL_NAME_LEN) {
			dxl_verdict_at(&t->last, DXL_P_DEV_BAD_NAME, i,
				       DXL_NO_INDEX, s->id);
			return -EINVAL;
		}
		if (s->name)
			strcpy(d->name, s->name);
		d->align = s->align;
		if (s->has_owner) {
			d->flags = DXL_DEV_F_OWNER;
			d->uid = s->uid;
			d->gid = s->gid;
			d->mode = s->mode;
		}
		d->nr_ranges = s->nr_ranges;
		d->ranges = malloc(sizeof(*d->ranges) *
				   (s->nr_ranges ? s->nr_ranges : 1));
		if (!d->ranges)
			return -ENOMEM;
		/* a device of size 0 may come with no ranges array at all */
		if (s->nr_ranges)
			memcpy(d->ranges, s->ranges,
			       sizeof(*d->ranges) * s->nr_ranges);
	}
	qsort(next->devs, next->nr_devs, sizeof(*next->devs), dl_desc_cmp);
	return 0;
}

/**
 * daxlabel_target_restore() - replace the whole label set
 * @t: a writable labelled target
 * @devs: the devices, any order, with their exact ranges
 * @nr_devs: entries in @devs
 *
 * The new set is validated in full (every rule of the format, against
 * this target's data area) before anything is written, and committed in
 * one transaction.
 *
 * Return: 0; -EINVAL with daxlabel_target_get_last_problem() naming the
 * rule; -ENOSPC when the label area cannot hold the set; or an I/O error.
 */
DAXLABEL_EXPORT int daxlabel_target_restore(struct daxlabel_target *t,
					    const struct daxlabel_dev_desc *devs,
					    unsigned int nr_devs)
{
	struct dxl_set next;
	int rc;

	rc = dl_edit_begin(t, &next);
	if (rc)
		return rc;
	dl_set_free(&next);
	rc = dl_set_from_descs(t, &t->st.set, devs, nr_devs, &next);
	if (rc) {
		dl_set_free(&next);
		return rc;
	}
	return dl_target_commit(t, &next);
}

/**
 * daxlabel_target_rebuild() - write back a label set whose copies are lost
 * @t: a writable target
 * @devs: the devices, any order, with their exact ranges
 * @nr_devs: entries in @devs
 *
 * On a labelled target this is daxlabel_target_restore().  On a damaged
 * one whose info-block is intact (every copy unreadable, torn or zeroed)
 * the set is first validated against the info-block's geometry; then the
 * label area is formatted again with that geometry and uuid (an empty set
 * in both copies, then the same info-block, dxl_format()) and @devs are
 * committed on top.  Nothing is written when the set is invalid.
 *
 * Return: as daxlabel_target_restore(); -ENODATA when the info-block is
 * not usable either; -EOPNOTSUPP for a newer format.
 */
DAXLABEL_EXPORT int daxlabel_target_rebuild(struct daxlabel_target *t,
					    const struct daxlabel_dev_desc *devs,
					    unsigned int nr_devs)
{
	static const struct dxl_set empty;
	struct dl_store *st = &t->st;
	struct dxl_geometry geo;
	struct dxl_set_info si;
	struct dxl_set next;
	u64 copy_size;
	void *buf, *scratch;
	size_t scratch_len;
	int rc;

	if (!(t->flags & DAXLABEL_OPEN_WRITE))
		return -EBADF;
	if (!t->load_rc)
		return daxlabel_target_restore(t, devs, nr_devs);
	if (t->load_rc == -EOPNOTSUPP)
		return -EOPNOTSUPP;
	if (st->ld.info_status || (st->ld.flags & DXL_LOAD_GEO_FROM_LABELS))
		return -ENODATA;
	geo = st->ld.geo;
	memset(&t->last, 0, sizeof(t->last));
	/* the label area is formatted again: the set starts as dxl_format()'s */
	rc = dl_set_from_descs(t, &empty, devs, nr_devs, &next);
	if (rc)
		goto out;
	copy_size = dxl_copy_size(&geo);
	scratch_len = dxl_scratch_size(copy_size);
	buf = malloc((size_t)copy_size);
	scratch = malloc(scratch_len);
	rc = -ENOMEM;
	if (buf && scratch)
		rc = dxl_set_encode(&next, &geo, 2, buf, (size_t)copy_size,
				    scratch, scratch_len, &si, &t->last);
	free(buf);
	free(scratch);
	if (rc)
		goto out;
	rc = dl_store_format(&dl_file_ops, &t->file, &geo);
	if (!rc)
		rc = dl_target_load(t);
	if (!rc)
		return dl_target_commit(t, &next);
out:
	dl_set_free(&next);
	return rc;
}
