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
	int log_priority;
	daxlabel_log_fn log_fn;
};

void dl_log(struct daxlabel_ctx *ctx, int priority, const char *file,
	    int line, const char *fn, const char *format, ...)
	__attribute__((format(printf, 6, 7)));

/* The log's levels, as syslog(3)'s; the arguments are evaluated only when on. */
#define DL_LOG_ERR	3
#define DL_LOG_INFO	6
#define DL_LOG_DEBUG	7
#define dl_log_cond(ctx, prio, ...)					\
	do {								\
		if ((ctx) && (ctx)->log_priority >= (prio))		\
			dl_log(ctx, prio, __FILE__, __LINE__, __func__,	\
			       __VA_ARGS__);				\
	} while (0)
#define dl_err(ctx, ...)	dl_log_cond(ctx, DL_LOG_ERR, __VA_ARGS__)
#define dl_info(ctx, ...)	dl_log_cond(ctx, DL_LOG_INFO, __VA_ARGS__)
#define dl_dbg(ctx, ...)	dl_log_cond(ctx, DL_LOG_DEBUG, __VA_ARGS__)

/* A namespace's bytes behind a file descriptor (image file, /dev/pmemX). */
struct dl_file {
	int fd;
	u64 size;
	u64 phys_base;		/* physical address, 0 when unknown */
};

extern const struct dxl_media_ops dl_file_ops;
int dl_file_open(struct daxlabel_ctx *ctx, struct dl_file *f,
		 const char *path, bool write, bool nowait);
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
