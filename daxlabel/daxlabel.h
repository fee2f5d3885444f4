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

/* util.c */
extern const char *progname;
void err(const char *cmd, const char *obj, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int usage_error(const char *cmd, const char *what);
int parse_size(const char *s, uint64_t *out);
int read_line(const char *path, char *buf, size_t len);
char *read_all(FILE *f, size_t max, size_t *len);
int parse_align(const char *s, uint64_t *out);
int parse_uuid(const char *s, unsigned char out[16]);
int parse_mode(const char *s, unsigned int *out);
int parse_user(const char *s, unsigned int *uid);
int parse_group(const char *s, unsigned int *gid);
void format_size(uint64_t bytes, char *buf, size_t len);
void format_uuid(const unsigned char uuid[16], char buf[37]);
int open_target(struct daxlabel_ctx *ctx, const char *cmd, const char *path,
		bool write, struct daxlabel_target **t);
int require_labelled(const char *cmd, struct daxlabel_target *t);
int edit_errno_exit(const char *cmd, struct daxlabel_target *t,
		    const char *what, int rc);

/* where daxlabeld keeps its backups: DIR/<info-block uuid>/current.json */
#define DAXLABEL_BACKUP_DIR "/var/lib/daxlabel"

/* json.c */
#define JSON_MAPPINGS	(1U << 0)
#define JSON_DUMP	(1U << 1)	/* the dump/restore document */

struct restore_set {
	struct daxlabel_dev_desc *devs;
	unsigned int nr_devs;
};

int fprint_target_json(FILE *f, struct daxlabel_target *t, uint64_t base,
		       unsigned int flags);
int parse_restore(const char *text, size_t len, struct restore_set *r,
		  char *msg, size_t msglen);
void free_restore(struct restore_set *r);
int print_target_json(struct daxlabel_target *t, uint64_t base,
		      unsigned int flags);
const char *health_name(struct daxlabel_target *t);
void print_infoblock(const struct daxlabel_infoblock *ib, bool json);
int print_dev_json(struct daxlabel_dev *dev, uint64_t base,
		   unsigned int flags);

#endif /* DAXLABEL_TOOL_H */
