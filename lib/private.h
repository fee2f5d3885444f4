/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * private.h - libdaxlabel's object layouts, shared by its sources only.
 */
#ifndef DAXLABEL_PRIVATE_H
#define DAXLABEL_PRIVATE_H

#include "libdaxlabel.h"
#include "store.h"

#define DAXLABEL_EXPORT __attribute__((visibility("default")))

struct daxlabel_ctx {
	int refcount;
};

/* A namespace's bytes behind a file descriptor (image file, /dev/pmemX). */
struct dl_file {
	int fd;
	u64 size;
	u64 phys_base;		/* physical address, 0 when unknown */
};

extern const struct dxl_media_ops dl_file_ops;
int dl_file_open(struct dl_file *f, const char *path, bool write, bool nowait);
void dl_file_close(struct dl_file *f);

struct daxlabel_dev {
	struct daxlabel_target *target;
	u32 index;		/* into target->st.set.devs */
};

struct daxlabel_target {
	int refcount;
	struct daxlabel_ctx *ctx;
	char *path;
	unsigned int flags;
	struct dl_file file;
	struct dl_store st;
	int load_rc;
	struct daxlabel_dev *devs;
	struct dxl_verdict last;
};

int dl_target_load(struct daxlabel_target *t);
int dl_target_commit(struct daxlabel_target *t, struct dxl_set *next);
int dl_random_uuid(u8 uuid[16]);

#endif /* DAXLABEL_PRIVATE_H */
