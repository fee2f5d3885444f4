/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * store.h - a labelled namespace opened for reading and committing.
 *
 * The one userspace path from media to a decoded set and back: it owns
 * the copy buffers and scratch space that format/ works in, and is what
 * libdaxlabel's public objects, the crash enumerator and the tests use.
 */
#ifndef DAXLABEL_STORE_H
#define DAXLABEL_STORE_H

#include "set-edit.h"

struct dl_store {
	const struct dxl_media_ops *ops;
	void *ctx;
	u64 ns_size;
	struct dxl_load ld;
	void *bufs[DXL_COPIES];
	void *scratch;
	size_t scratch_len;
	struct dxl_set set;	/* the authoritative set, decoded, owned */
};

int dl_store_open(struct dl_store *st, const struct dxl_media_ops *ops,
		  void *ctx, u64 ns_size, u32 flags);
void dl_store_close(struct dl_store *st);
int dl_store_plan(const struct dl_store *st, struct dxl_commit_plan *plan,
		  struct dxl_verdict *v);
int dl_store_commit(struct dl_store *st, const struct dxl_set *next,
		    struct dxl_verdict *v);
int dl_store_resync(struct dl_store *st);
int dl_store_format(const struct dxl_media_ops *ops, void *ctx,
		    const struct dxl_geometry *geo);
bool dl_set_equal(const struct dxl_set *a, const struct dxl_set *b);

#endif /* DAXLABEL_STORE_H */
