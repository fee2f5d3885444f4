// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check.c - find and repair damage to a namespace's label metadata.
 *
 * One table says, for every problem the checker can meet, how it is fixed
 * and whether the fix is safe unattended (fsck -p).  Detection goes
 * through dl_report() only, and only dl_report() looks at the mode.
 *
 * Fixes never touch the authoritative copy: a damaged, stale or diverged
 * copy is rewritten from it (dxl_resync()), and a lost or corrupt
 * info-block is rebuilt from the geometry the copies record.  A namespace
 * without a valid copy cannot be repaired here (restore from a backup).
 */
#include <stdlib.h>

#include "private.h"

enum dl_fix {
	DL_FIX_NONE,
	DL_FIX_RESYNC,		/* rewrite a copy from the authoritative one */
	DL_FIX_INFO,		/* rebuild the info-block from the copies */
};

static const struct dl_check_rule {
	enum dxl_problem problem;
	enum dl_fix fix;
	bool safe;
} dl_rules[] = {
	/* an unreadable info-block: the copies name its geometry and uuid */
	{ DXL_P_INFO_UNREADABLE, DL_FIX_INFO, true },
	/* a readable but invalid one may be someone else's: ask (-y) */
	{ DXL_P_INFO_BAD_CHECKSUM, DL_FIX_INFO, false },
	{ DXL_P_INFO_BAD_SIGNATURE, DL_FIX_INFO, false },
	{ DXL_P_INFO_TRUNCATED, DL_FIX_INFO, false },
	{ DXL_P_COPY_UNREADABLE, DL_FIX_RESYNC, true },
	{ DXL_P_COPY_INVALID, DL_FIX_RESYNC, true },
	{ DXL_P_COPY_STALE, DL_FIX_RESYNC, true },
	/* same generation, other bytes: no crash does this; copy 0 wins */
	{ DXL_P_COPY_DIVERGED, DL_FIX_RESYNC, false },
	{ DXL_P_NO_VALID_COPY, DL_FIX_NONE, false },
	{ DXL_P_SET_UNKNOWN_INCOMPAT, DL_FIX_NONE, false },
};

struct dl_check {
	enum daxlabel_check_mode mode;
	daxlabel_report_fn fn;
	void *arg;
	unsigned int found, fixed;
};

static const struct dl_check_rule *dl_rule(enum dxl_problem p)
{
	size_t i;

	for (i = 0; i < sizeof(dl_rules) / sizeof(dl_rules[0]); i++)
		if (dl_rules[i].problem == p)
			return &dl_rules[i];
	return NULL;
}

/*
 * Report one problem; the only place the mode is consulted.  Returns the
 * fix to apply now (DL_FIX_NONE: leave it).  @possible is false when the
 * rule's fix has nothing to work from (no authoritative copy).
 */
static enum dl_fix dl_report(struct dl_check *c, struct daxlabel_report *r,
			     bool possible)
{
	const struct dl_check_rule *rule = dl_rule((enum dxl_problem)r->problem);

	c->found++;
	r->fixable = possible && rule && rule->fix != DL_FIX_NONE;
	r->safe = rule && rule->safe;
	if (!r->fixable || c->mode == DAXLABEL_CHECK_READONLY ||
	    (c->mode == DAXLABEL_CHECK_SAFE && !r->safe))
		return DL_FIX_NONE;
	return rule->fix;
}

static void dl_done(struct dl_check *c, struct daxlabel_report *r, int rc)
{
	r->fixed = !rc;
	r->fix_errno = rc;
	c->fixed += !rc;
	if (c->fn)
		c->fn(r, c->arg);
}

static int dl_rebuild_info(struct daxlabel_target *t)
{
	u8 buf[DXL_INFO_SIZE];
	int rc;

	dxl_info_encode(&t->st.ld.geo, buf);
	rc = dl_file_ops.write(&t->file, DXL_INFO_OFFSET, buf, sizeof(buf));
	return rc ? rc : dl_file_ops.persist(&t->file, DXL_INFO_OFFSET,
					     sizeof(buf));
}

/**
 * daxlabel_target_check() - check, and in a writing mode repair, a target
 * @t: a target (opened with DAXLABEL_OPEN_WRITE unless READONLY)
 * @mode: report only, fix safe problems, or fix all fixable problems
 * @fn: called once per problem, after any fix was attempted
 * @arg: passed to @fn
 * @found: problems found
 * @fixed: problems fixed
 *
 * Copies are repaired before the info-block, so an interrupted repair
 * leaves at least what it found.  The target is reloaded afterwards.
 *
 * Return: 0 when the check ran (see @found and @fixed); -ENODATA when the
 * target holds no daxlabel metadata at all; -EOPNOTSUPP when the
 * info-block or the newest copy needs features this code lacks (nothing
 * is reported or written); -EBADF for a repair on a
 * target opened read-only; or an I/O error.
 */
DAXLABEL_EXPORT int daxlabel_target_check(struct daxlabel_target *t,
					  enum daxlabel_check_mode mode,
					  daxlabel_report_fn fn, void *arg,
					  unsigned int *found,
					  unsigned int *fixed)
{
	struct dl_check c = { mode, fn, arg, 0, 0 };
	struct dxl_load *ld = &t->st.ld;
	struct daxlabel_report r;
	enum dl_fix fix;
	int rc;

	if (mode != DAXLABEL_CHECK_READONLY && !(t->flags & DAXLABEL_OPEN_WRITE))
		return -EBADF;
	dl_store_close(&t->st);
	rc = dl_store_open(&t->st, &dl_file_ops, &t->file, t->file.size,
			   DXL_LOAD_SCAN);
	if (ld->info_status && !(ld->flags & DXL_LOAD_GEO_FROM_LABELS)) {
		dl_target_load(t);
		return ld->info_status == -EOPNOTSUPP ? -EOPNOTSUPP : -ENODATA;
	}
	/*
	 * A newer writer's set (a copy with unknown incompat features at
	 * the newest generation) is not damage: nothing here may judge or
	 * roll it back, as for an info-block with unknown flags.
	 */
	if (ld->problem == DXL_P_SET_UNKNOWN_INCOMPAT) {
		dl_target_load(t);
		return -EOPNOTSUPP;
	}

	/* the pair of copies */
	if (ld->problem != DXL_P_OK && ld->auth >= 0) {
		unsigned int other = !ld->auth;

		memset(&r, 0, sizeof(r));
		r.problem = (int)ld->problem;
		r.object = other ? "copy 1" : "copy 0";
		r.detail = ld->copy[other].status ?
			   (int)ld->copy[other].verdict.problem : 0;
		fix = dl_report(&c, &r, true);
		if (fix == DL_FIX_RESYNC)
			dl_done(&c, &r, dl_store_resync(&t->st));
		else if (c.fn)
			c.fn(&r, c.arg);
	} else if (ld->problem != DXL_P_OK) {
		unsigned int i;

		/* nothing to repair from: say why each copy failed */
		for (i = 0; i < DXL_COPIES; i++) {
			memset(&r, 0, sizeof(r));
			r.problem = ld->copy[i].status == -EIO ?
				    DXL_P_COPY_UNREADABLE : DXL_P_COPY_INVALID;
			r.object = i ? "copy 1" : "copy 0";
			r.detail = (int)ld->copy[i].verdict.problem;
			dl_report(&c, &r, false);
			if (c.fn)
				c.fn(&r, c.arg);
		}
		memset(&r, 0, sizeof(r));
		r.problem = (int)ld->problem;
		r.object = "label set";
		dl_report(&c, &r, false);
		if (c.fn)
			c.fn(&r, c.arg);
	}

	/* the info-block, rebuilt from a valid set's geometry */
	if (ld->info_status) {
		memset(&r, 0, sizeof(r));
		r.problem = (int)ld->info_verdict.problem;
		r.object = "info-block";
		fix = dl_report(&c, &r, !rc);
		if (fix == DL_FIX_INFO)
			dl_done(&c, &r, dl_rebuild_info(t));
		else if (c.fn)
			c.fn(&r, c.arg);
	}

	*found = c.found;
	*fixed = c.fixed;
	rc = dl_target_load(t);
	return rc == -EIO ? -EIO : 0;
}
