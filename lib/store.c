// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * store.c - a labelled namespace opened for reading and committing.
 */
#include <stdlib.h>

#include "store.h"

static int dl_store_buffers(struct dl_store *st)
{
	u64 copy_size = dxl_copy_size(&st->ld.geo);
	unsigned int i;

	for (i = 0; i < DXL_COPIES; i++) {
		st->bufs[i] = calloc(1, (size_t)copy_size);
		if (!st->bufs[i])
			return -ENOMEM;
	}
	st->scratch_len = dxl_scratch_size(copy_size);
	st->scratch = malloc(st->scratch_len);
	return st->scratch ? 0 : -ENOMEM;
}

static int dl_store_decode(struct dl_store *st)
{
	const struct dxl_set_info *info = &st->ld.copy[st->ld.auth].info;
	struct dxl_dev *devs;
	struct dxl_range *ranges;
	struct dxl_set tmp;
	int rc;

	devs = calloc(info->nr_records ? info->nr_records : 1, sizeof(*devs));
	ranges = calloc(info->nr_ranges ? info->nr_ranges : 1, sizeof(*ranges));
	rc = devs && ranges ? 0 : -ENOMEM;
	if (!rc)
		rc = dxl_set_decode(st->bufs[st->ld.auth], info, &tmp, devs,
				    info->nr_records, ranges, info->nr_ranges);
	if (!rc)
		rc = dl_set_copy(&st->set, &tmp);
	free(devs);
	free(ranges);
	return rc;
}

/**
 * dl_store_open() - load a namespace's label set
 * @st: filled in; dl_store_close() it whatever the result
 * @ops: media access
 * @ctx: passed to @ops
 * @ns_size: namespace size, 0 when unknown
 * @flags: DXL_LOAD_SCAN (the checker) or 0
 *
 * Nothing is written: damage is only reported in @st->ld (see
 * dl_store_resync()).
 *
 * Return: 0 with @st->set holding the authoritative set; otherwise the
 * error of dxl_load_geometry() or dxl_load_copies(), with @st->ld saying
 * what was found.
 */
int dl_store_open(struct dl_store *st, const struct dxl_media_ops *ops,
		  void *ctx, u64 ns_size, u32 flags)
{
	u8 *info = malloc(DXL_INFO_SIZE);
	int rc;

	memset(st, 0, sizeof(*st));
	st->ops = ops;
	st->ctx = ctx;
	st->ns_size = ns_size;
	if (!info)
		return -ENOMEM;
	rc = dxl_load_geometry(ops, ctx, ns_size, flags, info, &st->ld);
	free(info);
	if (rc)
		return rc;
	rc = dl_store_buffers(st);
	if (!rc)
		rc = dxl_load_copies(ops, ctx, &st->ld, st->bufs,
				     (size_t)dxl_copy_size(&st->ld.geo),
				     st->scratch, st->scratch_len);
	if (!rc)
		rc = dl_store_decode(st);
	return rc;
}

void dl_store_close(struct dl_store *st)
{
	unsigned int i;

	if (!st)
		return;
	for (i = 0; i < DXL_COPIES; i++) {
		free(st->bufs[i]);
		st->bufs[i] = NULL;
	}
	free(st->scratch);
	st->scratch = NULL;
	dl_set_free(&st->set);
}

/**
 * dl_store_plan() - whether, and where, a commit over @st's set may go
 * @st: an open store
 * @plan: filled in (may be NULL: only the answer)
 * @v: SET_UNKNOWN_RO_COMPAT with the unknown bits for -EROFS
 *
 * Return: dxl_commit_plan()'s: 0, -EINVAL, -EROFS or -EOVERFLOW.
 */
int dl_store_plan(const struct dl_store *st, struct dxl_commit_plan *plan,
		  struct dxl_verdict *v)
{
	struct dxl_commit_plan p;
	int rc = dxl_commit_plan(&st->ld, plan ? plan : &p);

	if (rc == -EROFS)
		dxl_verdict_set(v, DXL_P_SET_UNKNOWN_RO_COMPAT,
				st->ld.copy[st->ld.auth].info.ro_compat &
				~DXL_SET_RO_COMPAT_KNOWN);
	return rc;
}

/**
 * dl_store_commit() - replace the set on media with @next
 * @st: an open store with an authoritative copy
 * @next: the new set (its generation is ignored)
 * @v: why @next was refused, for -EINVAL
 *
 * @next is encoded and validated in full before anything is written; the
 * write itself is dxl_commit_write()'s two-step protocol.
 *
 * Return: 0 once the new set is committed (the second copy may still be
 * stale after a media error: @st->ld.resync); -EINVAL (invalid set,
 * nothing written); -ENOSPC (does not fit the label area, nothing
 * written); -EROFS; or the media's error on the first copy, after which
 * the store must be reopened.
 */
int dl_store_commit(struct dl_store *st, const struct dxl_set *next,
		    struct dxl_verdict *v)
{
	struct dxl_commit_plan plan;
	struct dxl_set_info info;
	struct dxl_set copy;
	void *buf;
	int rc;

	rc = dl_store_plan(st, &plan, v);
	if (rc)
		return rc;
	/*
	 * bufs[plan.second] is the authoritative copy (resync reads it);
	 * bufs[plan.first] is free to hold the new encoding.
	 */
	buf = st->bufs[plan.first];
	rc = dxl_set_encode(next, &st->ld.geo, plan.generation, buf,
			    (size_t)dxl_copy_size(&st->ld.geo), st->scratch,
			    st->scratch_len, &info, v);
	if (rc)
		return rc;
	rc = dl_set_copy(&copy, next);
	if (rc)
		return rc;
	rc = dxl_commit_write(st->ops, st->ctx, &st->ld, &plan, buf, &info);
	if (rc && st->ld.auth < 0) {
		dl_set_free(&copy);
		return rc;
	}
	/*
	 * Committed, possibly with the second copy stale (st->ld.resync says
	 * so; dl_store_resync() repairs it).  Both buffers hold the new
	 * bytes, whichever copy is now authoritative.
	 */
	memcpy(st->bufs[plan.second], buf, (size_t)info.bytes);
	copy.generation = plan.generation;
	dl_set_free(&st->set);
	st->set = copy;
	return 0;
}

/**
 * dl_store_resync() - rewrite stale or damaged copies from the good one
 * @st: an open store
 *
 * Return: 0 (also when nothing needed doing) or the media's error.
 */
int dl_store_resync(struct dl_store *st)
{
	u32 resync = st->ld.resync;
	int auth = st->ld.auth, rc;
	unsigned int i;

	if (!resync)
		return 0;
	rc = dxl_resync(st->ops, st->ctx, &st->ld, st->bufs[auth]);
	if (rc)
		return rc;
	/*
	 * Each buffer mirrors its copy: with the copies equal the selection
	 * may now name the other one authoritative.
	 */
	for (i = 0; i < DXL_COPIES; i++)
		if (resync & (1U << i))
			memcpy(st->bufs[i], st->bufs[auth],
			       (size_t)st->ld.copy[auth].info.bytes);
	return 0;
}

/**
 * dl_store_format() - write an empty label set and a labelled info-block
 * @ops: media access
 * @ctx: passed to @ops
 * @geo: the geometry to write, uuids set
 *
 * Return: 0 or the media's error (dxl_format()).
 */
int dl_store_format(const struct dxl_media_ops *ops, void *ctx,
		    const struct dxl_geometry *geo)
{
	u8 work[DXL_INFO_SIZE];

	return dxl_format(ops, ctx, geo, work);
}

/* Same devices, same everything, generation aside: as encoded. */
bool dl_set_equal(const struct dxl_set *a, const struct dxl_set *b)
{
	u32 i;

	if (a->nr_devs != b->nr_devs || a->compat != b->compat ||
	    a->ro_compat != b->ro_compat ||
	    dxl_set_incompat(a) != dxl_set_incompat(b))
		return false;
	for (i = 0; i < a->nr_devs; i++) {
		const struct dxl_dev *x = &a->devs[i], *y = &b->devs[i];

		if (x->id != y->id || x->flags != y->flags ||
		    memcmp(x->uuid, y->uuid, 16) ||
		    strncmp(x->name, y->name, sizeof(x->name)) ||
		    x->align != y->align || x->uid != y->uid ||
		    x->gid != y->gid || x->mode != y->mode ||
		    x->nr_ranges != y->nr_ranges ||
		    (x->nr_ranges && memcmp(x->ranges, y->ranges,
					    sizeof(*x->ranges) * x->nr_ranges)))
			return false;
	}
	return true;
}
