/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * daxlabel.h - the daxlabel tool's shared declarations.
 */
#ifndef DAXLABEL_TOOL_H
#define DAXLABEL_TOOL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libdaxlabel.h"
#include "util/json.h"
#include "util/options.h"
#include "util/util.h"

/* Exit codes, as fsck(8) defines them. */
#define EXIT_CLEAN		0
#define EXIT_CORRECTED		1
#define EXIT_UNCORRECTED	4
#define EXIT_OPERATIONAL	8
#define EXIT_USAGE		16

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv, struct daxlabel_ctx *ctx);
	const char *summary;
};

int cmd_init(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_list(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_create(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_resize(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_check(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_dump(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_restore(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_info(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_destroy(int argc, char **argv, struct daxlabel_ctx *ctx);
int cmd_udev(int argc, char **argv, struct daxlabel_ctx *ctx);

/* util.c: messages, argument parsing and opening targets for commands */
extern const char *const progname;
void cmd_error(const char *cmd, const char *obj, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int usage_error(const char *cmd, const char *what);
int parse_size(const char *s, uint64_t *out);
int parse_align(const char *s, uint64_t *out);
int parse_user(const char *s, unsigned int *uid);
int parse_group(const char *s, unsigned int *gid);
int open_target(struct daxlabel_ctx *ctx, const char *cmd, const char *path,
		bool write, struct daxlabel_target **t);
int require_labelled(const char *cmd, struct daxlabel_target *t);
int edit_errno_exit(const char *cmd, struct daxlabel_target *t,
		    const char *what, int rc);

#endif /* DAXLABEL_TOOL_H */
