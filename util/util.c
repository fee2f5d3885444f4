// SPDX-License-Identifier: GPL-2.0-only
/*
 * util.c - small helpers daxlabel and daxlabeld share: sizes, uuids and
 * whole-file reads.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "util/util.h"

/* "512.00 MiB", or plain bytes below 1 KiB. */
void dl_format_size(uint64_t bytes, char *buf, size_t len)
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

void dl_format_uuid(const unsigned char uuid[16], char buf[37])
{
	uuid_unparse_lower(uuid, buf);
}

/* MODE: octal permission bits, at most 07777. */
int dl_parse_mode(const char *s, unsigned int *out)
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

/*
 * The first line of a small file (a sysfs attribute), without its
 * newline.  Return: 0, -errno, or -ENODATA for an empty file.
 */
int dl_read_line(const char *path, char *buf, size_t len)
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
char *dl_read_all(FILE *f, size_t max, size_t *len)
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
