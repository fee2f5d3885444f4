// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * target.c - a namespace (image file or raw namespace) and its label set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <uuid/uuid.h>

#include "private.h"

int dl_random_uuid(u8 uuid[16])
{
	uuid_generate_random(uuid);
	return 0;
}

/* (Re)read the label set and rebuild the device objects. */
int dl_target_load(struct daxlabel_target *t)
{
	u32 i;

	dl_store_close(&t->st);
	free(t->devs);
	t->devs = NULL;
	t->load_rc = dl_store_open(&t->st, &dl_file_ops, &t->file, t->file.size, 0);
	if (t->load_rc)
		return t->load_rc;
	t->devs = calloc(t->st.set.nr_devs ? t->st.set.nr_devs : 1,
			 sizeof(*t->devs));
	if (!t->devs)
		return t->load_rc = -ENOMEM;
	for (i = 0; i < t->st.set.nr_devs; i++) {
		t->devs[i].target = t;
		t->devs[i].index = i;
	}
	return 0;
}

/* Commit @next (consumed) and reload; on refusal @t->last says why. */
int dl_target_commit(struct daxlabel_target *t, struct dxl_set *next)
{
	int rc, load;

	memset(&t->last, 0, sizeof(t->last));
	rc = dl_store_commit(&t->st, next, &t->last);
	dl_set_free(next);
	if (rc == -EINVAL || rc == -ENOSPC || rc == -EROFS)
		return rc;	/* refused: nothing was written */
	/* devices are rebuilt from what is now on media */
	load = dl_target_load(t);
	return rc ? rc : load;
}

DAXLABEL_EXPORT int daxlabel_target_open(struct daxlabel_ctx *ctx,
					 const char *path, unsigned int flags,
					 struct daxlabel_target **target)
{
	struct daxlabel_target *t;
	int rc;

	if (!ctx || !path || !target)
		return -EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->refcount = 1;
	t->flags = flags;
	t->file.fd = -1;
	t->path = strdup(path);
	if (!t->path) {
		free(t);
		return -ENOMEM;
	}
	rc = dl_file_open(ctx, &t->file, path, flags & DAXLABEL_OPEN_WRITE,
			  flags & DAXLABEL_OPEN_NOWAIT);
	if (rc) {
		free(t->path);
		free(t);
		return rc;
	}
	t->ctx = daxlabel_ref(ctx);
	dl_target_load(t);	/* the outcome is the target's state */
	*target = t;
	return 0;
}

DAXLABEL_EXPORT struct daxlabel_target *
daxlabel_target_ref(struct daxlabel_target *target)
{
	if (target)
		target->refcount++;
	return target;
}

DAXLABEL_EXPORT struct daxlabel_target *
daxlabel_target_unref(struct daxlabel_target *t)
{
	if (!t || --t->refcount > 0)
		return NULL;
	dl_store_close(&t->st);
	dl_file_close(&t->file);
	daxlabel_unref(t->ctx);
	free(t->devs);
	free(t->path);
	free(t);
	return NULL;
}

DAXLABEL_EXPORT const char *daxlabel_target_get_path(struct daxlabel_target *t)
{
	return t->path;
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_size(struct daxlabel_target *t)
{
	return t->file.size;
}

/* Physical address of a namespace's first byte; 0 for image files. */
DAXLABEL_EXPORT uint64_t daxlabel_target_get_phys_base(struct daxlabel_target *t)
{
	return t->file.phys_base;
}

DAXLABEL_EXPORT enum daxlabel_state
daxlabel_target_get_state(struct daxlabel_target *t)
{
	const struct dxl_load *ld = &t->st.ld;

	if (!t->load_rc)
		return DAXLABEL_STATE_LABELLED;
	if (t->load_rc == -EOPNOTSUPP)
		return DAXLABEL_STATE_UNSUPPORTED;
	if (ld->info_status && !(ld->flags & DXL_LOAD_GEO_FROM_LABELS) &&
	    ld->info_status != -EIO)
		return DAXLABEL_STATE_UNLABELLED;
	return DAXLABEL_STATE_DAMAGED;
}

DAXLABEL_EXPORT enum daxlabel_health
daxlabel_target_get_label_health(struct daxlabel_target *t)
{
	if (t->load_rc)
		return DAXLABEL_HEALTH_FAILED;
	if (t->st.ld.problem != DXL_P_OK || t->st.ld.info_status)
		return DAXLABEL_HEALTH_DEGRADED;
	return DAXLABEL_HEALTH_OK;
}

DAXLABEL_EXPORT int daxlabel_target_get_load_errno(struct daxlabel_target *t)
{
	return t->load_rc;
}

DAXLABEL_EXPORT int daxlabel_target_get_info_problem(struct daxlabel_target *t)
{
	return t->st.ld.info_status ? (int)t->st.ld.info_verdict.problem : 0;
}

DAXLABEL_EXPORT int
daxlabel_target_get_copies_problem(struct daxlabel_target *t)
{
	if (t->st.ld.info_status && !(t->st.ld.flags & DXL_LOAD_GEO_FROM_LABELS))
		return 0;
	return (int)t->st.ld.problem;
}

DAXLABEL_EXPORT int daxlabel_target_get_copy_problem(struct daxlabel_target *t,
						     unsigned int copy)
{
	if (copy >= DXL_COPIES || !t->st.bufs[0])
		return 0;
	return t->st.ld.copy[copy].status ?
	       (int)t->st.ld.copy[copy].verdict.problem : 0;
}

DAXLABEL_EXPORT bool daxlabel_target_is_writable(struct daxlabel_target *t)
{
	return !t->load_rc && (t->flags & DAXLABEL_OPEN_WRITE) &&
	       !dl_store_plan(&t->st, NULL, NULL);
}

DAXLABEL_EXPORT void daxlabel_target_get_uuid(struct daxlabel_target *t,
					      unsigned char uuid[16])
{
	memcpy(uuid, t->st.ld.geo.uuid, 16);
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_generation(struct daxlabel_target *t)
{
	return t->load_rc ? 0 : t->st.set.generation;
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_label_offset(struct daxlabel_target *t)
{
	return t->st.ld.geo.label_off;
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_label_size(struct daxlabel_target *t)
{
	return t->st.ld.geo.label_size;
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_data_offset(struct daxlabel_target *t)
{
	return t->st.ld.geo.data_off;
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_data_size(struct daxlabel_target *t)
{
	return t->st.ld.geo.data_size;
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_align(struct daxlabel_target *t)
{
	return t->st.ld.geo.align;
}

DAXLABEL_EXPORT uint64_t daxlabel_target_get_available(struct daxlabel_target *t)
{
	return t->load_rc ? 0 : dl_set_avail(&t->st.set, &t->st.ld.geo);
}

DAXLABEL_EXPORT unsigned int daxlabel_target_get_nr_devs(struct daxlabel_target *t)
{
	return t->load_rc ? 0 : t->st.set.nr_devs;
}

DAXLABEL_EXPORT int daxlabel_target_get_last_problem(struct daxlabel_target *t)
{
	return (int)t->last.problem;
}

/* Does the target hold something a format would destroy? */
static int dl_target_in_use(struct daxlabel_target *t)
{
	u8 head[DXL_LABEL_OFFSET];
	int rc;

	if (daxlabel_target_get_state(t) != DAXLABEL_STATE_UNLABELLED)
		return -EEXIST;		/* labelled, damaged or newer */
	if (t->file.size < sizeof(head))
		return 0;
	rc = dl_file_ops.read(&t->file, 0, head, sizeof(head));
	if (rc)
		return rc;
	return dxl_all_zero(head, sizeof(head)) ? 0 : -EEXIST;
}

/**
 * daxlabel_target_format() - write an info-block and an empty label set
 * @t: a target opened with DAXLABEL_OPEN_WRITE
 * @opts: label size, alignment, uuid, physical start, force
 *
 * The label area is written and made durable before the info-block
 * (dxl_format()).  Without @opts->force, a target whose first 8 KiB
 * are not all zero (an info-block, a label set, a file system) is refused.
 *
 * Return: 0; -EBADF (not opened for writing); -EEXIST (in use, no force);
 * -EINVAL (bad size or alignment); -ENOSPC (too small); or an I/O error.
 */
DAXLABEL_EXPORT int daxlabel_target_format(struct daxlabel_target *t,
					   const struct daxlabel_format_opts *opts)
{
	struct dxl_geometry geo;
	u64 label_size = opts->label_size ? opts->label_size
					  : DXL_LABEL_SIZE_DEFAULT;
	u64 align = opts->align ? opts->align : DXL_ALIGN_PMD;
	int rc;

	if (!(t->flags & DAXLABEL_OPEN_WRITE))
		return -EBADF;
	if (align > U32_MAX)
		return -EINVAL;
	if (!opts->force) {
		rc = dl_target_in_use(t);
		if (rc)
			return rc;
	}
	rc = dxl_geometry_plan(opts->phys_start, t->file.size, label_size,
			       (u32)align, &geo);
	if (rc)
		return rc;
	if (opts->uuid)
		memcpy(geo.uuid, opts->uuid, 16);
	else
		dl_random_uuid(geo.uuid);
	rc = dl_store_format(&dl_file_ops, &t->file, &geo);
	if (rc)
		return rc;
	return dl_target_load(t);
}

/**
 * daxlabel_target_read_infoblock() - read and decode the info-block
 * @t: a target
 * @ib: filled in
 * @size: sizeof(*@ib) as the caller knows it
 *
 * Return: 0, -EINVAL for a @size this library does not know, -EIO (or the
 * read's error) when the info-block cannot be read.
 */
DAXLABEL_EXPORT int daxlabel_target_read_infoblock(struct daxlabel_target *t,
						   struct daxlabel_infoblock *ib,
						   size_t size)
{
	struct dxl_info_fields f;
	struct dxl_geometry geo;
	struct dxl_verdict v;
	u8 buf[DXL_INFO_SIZE];
	int rc;

	if (size != sizeof(*ib))
		return -EINVAL;
	rc = dl_file_ops.read(&t->file, DXL_INFO_OFFSET, buf, sizeof(buf));
	if (rc)
		return rc;
	dxl_info_decode(buf, &f);
	memset(ib, 0, sizeof(*ib));
	memcpy(ib->signature, f.signature, sizeof(f.signature));
	memcpy(ib->uuid, f.uuid, 16);
	memcpy(ib->parent_uuid, f.parent_uuid, 16);
	ib->flags = f.flags;
	ib->version_major = f.version_major;
	ib->version_minor = f.version_minor;
	ib->dataoff = f.dataoff;
	ib->npfns = f.npfns;
	ib->mode = f.mode;
	ib->start_pad = f.start_pad;
	ib->end_trunc = f.end_trunc;
	ib->align = f.align;
	ib->page_size = f.page_size;
	ib->page_struct_size = f.page_struct_size;
	ib->label_off = f.label_off;
	ib->label_size = f.label_size;
	ib->checksum = f.checksum;
	ib->checksum_want = f.checksum_want;
	rc = dxl_info_validate(buf, sizeof(buf), t->file.size, &geo, &v);
	ib->problem = rc ? (int)v.problem : 0;
	return 0;
}

/**
 * daxlabel_target_find_dev() - a device by id, "daxR.N", uuid or name
 * @t: a labelled target
 * @ident: "3", "dax0.3", a uuid, or a device name
 *
 * Return: the device, or NULL.
 */
DAXLABEL_EXPORT struct daxlabel_dev *
daxlabel_target_find_dev(struct daxlabel_target *t, const char *ident)
{
	const struct dxl_set *set = &t->st.set;
	unsigned int region, id;
	char tail;
	u8 uuid[16];
	u32 i;

	if (t->load_rc || !ident || !*ident)
		return NULL;
	if ((sscanf(ident, "%u%c", &id, &tail) == 1 && ident[0] != '+' &&
	     ident[0] != '-') ||
	    sscanf(ident, "dax%u.%u%c", &region, &id, &tail) == 2) {
		int idx = dl_set_find_id(set, id);

		if (idx >= 0)
			return &t->devs[idx];
	}
	if (daxlabel_uuid_parse(ident, uuid)) {
		for (i = 0; i < set->nr_devs; i++)
			if (!memcmp(set->devs[i].uuid, uuid, 16))
				return &t->devs[i];
	}
	for (i = 0; i < set->nr_devs; i++)
		if (!strcmp(set->devs[i].name, ident))
			return &t->devs[i];
	return NULL;
}
