// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * namespace.c - format a live label-less namespace through libndctl.
 *
 * The kernel owns an enabled namespace (as a pmem block device or a dax
 * device), so the bytes are written the way ndctl does for its own
 * info-blocks: disable the namespace, force raw mode, enable it as a plain
 * block device, write through that, then disable, clear raw mode and
 * enable again, which makes the kernel probe the new info-block.
 */
#include <ndctl/libndctl.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>

#include "private.h"

static struct ndctl_namespace *dl_find_ns(struct ndctl_ctx *nctx,
					  const char *name)
{
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(nctx, bus)
		ndctl_region_foreach(bus, region)
			ndctl_namespace_foreach(region, ndns)
				if (!strcmp(ndctl_namespace_get_devname(ndns), name))
					return ndns;
	return NULL;
}

/* Disable, optionally forcing past users (mounted, mapped dax). */
static int dl_ns_disable(struct ndctl_namespace *ndns, bool force)
{
	return force ? ndctl_namespace_disable_invalidate(ndns)
		     : ndctl_namespace_disable_safe(ndns);
}

/**
 * daxlabel_namespace_format() - format a live namespace ("namespaceX.Y")
 * @ctx: library context
 * @name: the namespace's device name
 * @opts: as for daxlabel_target_format(); @opts->phys_start is taken
 *	from the namespace, and @opts->force also disables a busy namespace
 *
 * On success the namespace is enabled again and the kernel has probed the
 * new info-block (an unpatched kernel shows one devdax device over the
 * data area).  On failure after the namespace was disabled, raw mode is
 * cleared and the namespace re-enabled before returning.
 *
 * Return: 0; -ENODEV (no such namespace); -EBUSY (in use, no force);
 * -EEXIST (holds data, no force); the errors of daxlabel_target_format().
 */
DAXLABEL_EXPORT int daxlabel_namespace_format(struct daxlabel_ctx *ctx,
					      const char *name,
					      const struct daxlabel_format_opts *opts)
{
	struct daxlabel_format_opts o = *opts;
	struct daxlabel_target *t = NULL;
	struct ndctl_namespace *ndns;
	struct ndctl_ctx *nctx;
	const char *blk;
	char path[64];
	int rc, rc2;

	rc = ndctl_new(&nctx);
	if (rc)
		return rc < 0 ? rc : -ENOMEM;
	ndns = dl_find_ns(nctx, name);
	if (!ndns) {
		rc = -ENODEV;
		goto out;
	}
	rc = dl_ns_disable(ndns, opts->force);
	if (rc)
		goto out;
	/* set_raw_mode() returns the new mode, or a negative errno */
	rc = ndctl_namespace_set_raw_mode(ndns, 1);
	rc = rc < 0 ? rc : ndctl_namespace_enable(ndns);
	blk = rc ? NULL : ndctl_namespace_get_block_device(ndns);
	if (!rc && (!blk || !*blk))
		rc = -ENXIO;
	if (!rc) {
		snprintf(path, sizeof(path), "/dev/%s", blk);
		rc = daxlabel_target_open(ctx, path, DAXLABEL_OPEN_WRITE, &t);
	}
	if (!rc) {
		o.phys_start = ndctl_namespace_get_resource(ndns);
		if (o.phys_start == ULLONG_MAX)
			o.phys_start = 0;
		rc = daxlabel_target_format(t, &o);
		daxlabel_target_unref(t);
	}
	/* back to normal probing, whatever happened */
	rc2 = ndctl_namespace_disable_invalidate(ndns);
	if (rc2 >= 0)
		rc2 = ndctl_namespace_set_raw_mode(ndns, 0);
	if (rc2 >= 0)
		rc2 = ndctl_namespace_enable(ndns);
	if (!rc && rc2 < 0)
		rc = rc2;
out:
	ndctl_unref(nctx);
	return rc;
}
