// SPDX-License-Identifier: GPL-2.0-only
/*
 * util.c - argument parsing, messages and target opening for commands.
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daxlabel.h"

const char *const progname = "daxlabel";

/* "daxlabel: CMD OBJ: message" on stderr, one line. */
void cmd_error(const char *cmd, const char *obj, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s", progname, cmd);
	if (obj)
		fprintf(stderr, " %s", obj);
	fprintf(stderr, ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A usage error: one line, pointing at --help. */
int usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "%s: %s: %s; see '%s %s --help'\n", progname, cmd, what,
		progname, cmd);
	return EXIT_USAGE;
}

/*
 * SIZE: a number of bytes as strtoull(3) base 0 reads it (decimal, 0x
 * hex, and a leading 0 makes it octal, as daxctl's sizes), optionally
 * followed by one of K M G T (binary multiples, either case).  Overflow,
 * a missing number or trailing junk is -EINVAL; zero is allowed here,
 * callers decide.
 */
int parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "kmgt";
	const char *u;
	char *end;
	unsigned long long v;
	unsigned int shift = 0;

	if (!s || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	if (*end) {
		u = strchr(units, tolower((unsigned char)*end));
		if (!u || end[1])
			return -EINVAL;
		shift = 10 * (unsigned int)(u - units + 1);
	}
	if (shift && v > (UINT64_MAX >> shift))
		return -EINVAL;
	*out = (uint64_t)v << shift;
	return 0;
}

/* ALIGN: a device or region alignment the kernel supports: 4K, 2M or 1G. */
int parse_align(const char *s, uint64_t *out)
{
	uint64_t v;

	if (parse_size(s, &v) || !daxlabel_align_is_valid(v))
		return -EINVAL;
	*out = v;
	return 0;
}

static int parse_id(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v >= UINT32_MAX)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

int parse_user(const char *s, unsigned int *uid)
{
	struct passwd *pw;

	if (!parse_id(s, uid))
		return 0;
	pw = getpwnam(s);
	if (!pw)
		return -ENOENT;
	*uid = pw->pw_uid;
	return 0;
}

int parse_group(const char *s, unsigned int *gid)
{
	struct group *gr;

	if (!parse_id(s, gid))
		return 0;
	gr = getgrnam(s);
	if (!gr)
		return -ENOENT;
	*gid = gr->gr_gid;
	return 0;
}

/* Open TARGET; a writer waits for other writers (advisory lock). */
int open_target(struct daxlabel_ctx *ctx, const char *cmd, const char *path,
		bool write, struct daxlabel_target **t)
{
	int rc = daxlabel_target_open(ctx, path,
				      write ? DAXLABEL_OPEN_WRITE : 0, t);

	if (rc == -ENOTBLK)
		cmd_error(cmd, path, "open failed: not an image file or block device");
	else if (rc == -EROFS)
		cmd_error(cmd, path, "the kernel holds this namespace: change its devices with daxctl");
	else if (rc == -ENOENT && !strncmp(path, "namespace", 9) &&
		 !strchr(path, '/'))
		cmd_error(cmd, path, "open failed: no such file, and no labelled devdax namespace of that name in sysfs (DAXLABEL_LOG=debug says why)");
	else if (rc)
		cmd_error(cmd, path, "open failed: %s", strerror(-rc));
	return rc ? EXIT_OPERATIONAL : 0;
}

/* Explain why a target has no usable label set; 0 when it has one. */
int require_labelled(const char *cmd, struct daxlabel_target *t)
{
	const char *path = daxlabel_target_get_path(t);
	int p;

	switch (daxlabel_target_get_state(t)) {
	case DAXLABEL_STATE_LABELLED:
		return 0;
	case DAXLABEL_STATE_UNLABELLED:
		p = daxlabel_target_get_info_problem(t);
		cmd_error(cmd, path, "not a daxlabel namespace (%s: %s)",
		    daxlabel_problem_name(p), daxlabel_problem_text(p));
		break;
	case DAXLABEL_STATE_UNSUPPORTED:
		cmd_error(cmd, path, "formatted by a newer version: unknown incompatible features");
		break;
	case DAXLABEL_STATE_DAMAGED:
		p = daxlabel_target_get_copies_problem(t);
		if (!p) {
			/* the copies were never reached: the info-block failed */
			p = daxlabel_target_get_info_problem(t);
			cmd_error(cmd, path, "no label area found: info-block unusable (%s: %s) and no label set copy to take the geometry from",
			    daxlabel_problem_name(p), daxlabel_problem_text(p));
			break;
		}
		cmd_error(cmd, path, "no valid label set (%s: %s)%s",
		    daxlabel_problem_name(p), daxlabel_problem_text(p),
		    strcmp(cmd, "check") ? "; see 'daxlabel check'" : "");
		break;
	}
	return EXIT_OPERATIONAL;
}

/*
 * Report a failed edit: the validator's finding when there is one (it names
 * the rule), else the errno.  The exit code is always operational.
 */
int edit_errno_exit(const char *cmd, struct daxlabel_target *t,
		    const char *what, int rc)
{
	const char *path = daxlabel_target_get_path(t);
	int p = daxlabel_target_get_last_problem(t);

	if (p)
		cmd_error(cmd, path, "%s failed: %s (%s)", what,
		    daxlabel_problem_text(p), daxlabel_problem_name(p));
	else if (rc == -ENOSPC)
		cmd_error(cmd, path, "%s failed: not enough free space in the data area",
		    what);
	else if (rc == -EROFS)
		cmd_error(cmd, path, "%s failed: label set has read-only features this version does not know",
		    what);
	else if (rc == -EBADF)
		cmd_error(cmd, path, "%s failed: target not opened for writing", what);
	else
		cmd_error(cmd, path, "%s failed: %s", what, strerror(-rc));
	return EXIT_OPERATIONAL;
}

