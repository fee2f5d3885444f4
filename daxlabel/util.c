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
#include <uuid/uuid.h>

#include "daxlabel.h"

const char *progname = "daxlabel";

/* "daxlabel: CMD OBJ: message" on stderr, one line. */
void err(const char *cmd, const char *obj, const char *fmt, ...)
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

/*
 * SIZE: a decimal or 0x number of bytes, optionally followed by one of
 * K M G T (binary multiples, either case).  Overflow, a missing number or
 * trailing junk is -EINVAL; zero is allowed here, callers decide.
 */
/* A usage error: one line, pointing at --help. */
int usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "%s: %s: %s; see '%s %s --help'\n", progname, cmd, what,
		progname, cmd);
	return EXIT_USAGE;
}

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

	if (parse_size(s, &v) ||
	    (v != 4096 && v != (2ULL << 20) && v != (1ULL << 30)))
		return -EINVAL;
	*out = v;
	return 0;
}

int parse_uuid(const char *s, unsigned char out[16])
{
	if (strlen(s) != 36 || uuid_parse(s, out))
		return -EINVAL;
	return 0;
}

int parse_mode(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 8);
	if (errno || end == s || *end || v > 07777)
		return -EINVAL;
	*out = (unsigned int)v;
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

/* "512.00 MiB", or plain bytes below 1 KiB. */
void format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB", "PiB",
					    "EiB" };
	double v = (double)bytes;
	int i = -1;

	if (bytes < 1024) {
		snprintf(buf, len, "%" PRIu64 " B", bytes);
		return;
	}
	while (v >= 1024 && i < 5) {
		v /= 1024;
		i++;
	}
	snprintf(buf, len, "%.2f %s", v, unit[i]);
}

void format_uuid(const unsigned char uuid[16], char buf[37])
{
	uuid_unparse_lower(uuid, buf);
}

/* Open TARGET; a writer waits for other writers (advisory lock). */
int open_target(struct daxlabel_ctx *ctx, const char *cmd, const char *path,
		bool write, struct daxlabel_target **t)
{
	int rc = daxlabel_target_open(ctx, path,
				      write ? DAXLABEL_OPEN_WRITE : 0, t);

	if (rc == -ENOTBLK)
		err(cmd, path, "open failed: not an image file or block device");
	else if (rc == -EROFS)
		err(cmd, path, "the kernel holds this namespace: change its devices with daxctl");
	else if (rc)
		err(cmd, path, "open failed: %s", strerror(-rc));
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
		err(cmd, path, "not a daxlabel namespace (%s: %s)",
		    daxlabel_problem_name(p), daxlabel_problem_text(p));
		break;
	case DAXLABEL_STATE_UNSUPPORTED:
		err(cmd, path, "formatted by a newer version: unknown incompatible features");
		break;
	case DAXLABEL_STATE_DAMAGED:
		p = daxlabel_target_get_copies_problem(t);
		if (!p) {
			/* the copies were never reached: the info-block failed */
			p = daxlabel_target_get_info_problem(t);
			err(cmd, path, "no label area found: info-block unusable (%s: %s) and no label set copy to take the geometry from",
			    daxlabel_problem_name(p), daxlabel_problem_text(p));
			break;
		}
		err(cmd, path, "no valid label set (%s: %s)%s",
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
		err(cmd, path, "%s failed: %s (%s)", what,
		    daxlabel_problem_text(p), daxlabel_problem_name(p));
	else if (rc == -ENOSPC)
		err(cmd, path, "%s failed: not enough free space in the data area",
		    what);
	else if (rc == -EROFS)
		err(cmd, path, "%s failed: label set has read-only features this version does not know",
		    what);
	else if (rc == -EBADF)
		err(cmd, path, "%s failed: target not opened for writing", what);
	else
		err(cmd, path, "%s failed: %s", what, strerror(-rc));
	return EXIT_OPERATIONAL;
}

/*
 * The first line of a small file (a sysfs attribute), without its
 * newline.  Return: 0, -errno, or -ENODATA for an empty file.
 */
int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int rc = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		rc = ferror(f) ? -EIO : -ENODATA;
	fclose(f);
	if (!rc)
		buf[strcspn(buf, "\n")] = '\0';
	return rc;
}

/*
 * All of @f, at most @max bytes, NUL-terminated (the NUL is not counted
 * in @len).  NULL with errno set on failure: EFBIG above @max.
 */
char *read_all(FILE *f, size_t max, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap), *p;

	while (buf) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		n += got;
		if (got == 0) {
			if (ferror(f)) {
				free(buf);
				return NULL;
			}
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		if (n > max) {
			free(buf);
			errno = EFBIG;
			return NULL;
		}
		if (n + 1 == cap) {
			p = realloc(buf, cap *= 2);
			if (!p)
				free(buf);
			buf = p;
		}
	}
	errno = ENOMEM;
	return NULL;
}
