// SPDX-License-Identifier: GPL-2.0-only
/*
 * config.c - /etc/daxlabel/labeld.conf: "key = value" lines, '#'
 * comments, blank lines.  Every key is optional; an unknown key, a bad
 * value or a repeated key is an error naming the line, and the caller
 * keeps its previous configuration.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labeld.h"
#include "util/json.h"
#include "util/util.h"

void labeld_config_defaults(struct labeld_config *c)
{
	memset(c, 0, sizeof(*c));
	c->scrub_interval = 24 * 3600;
	c->history_depth = 16;
	snprintf(c->backup_dir, sizeof(c->backup_dir), "%s", DL_BACKUP_DIR);
	snprintf(c->status_file, sizeof(c->status_file), "%s",
		 "/run/daxlabel/status.json");
}

/* "90", "90s", "15m", "6h", "1d": seconds, at most a year */
static int parse_interval(const char *s, unsigned int *out)
{
	unsigned long long v;
	char *end;
	unsigned int mul = 1;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -EINVAL;
	switch (*end) {
	case '\0': break;
	case 's': mul = 1; end++; break;
	case 'm': mul = 60; end++; break;
	case 'h': mul = 3600; end++; break;
	case 'd': mul = 86400; end++; break;
	default: return -EINVAL;
	}
	if (*end || v > 366ULL * 86400 / mul)
		return -EINVAL;
	*out = (unsigned int)(v * mul);
	return 0;
}

static int parse_count(const char *s, unsigned int max, unsigned int *out)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

static int parse_path(const char *s, char *out, size_t len)
{
	if (s[0] != '/' || strlen(s) >= len - 64)
		return -EINVAL;
	snprintf(out, len, "%s", s);
	return 0;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/**
 * labeld_config_parse() - parse a whole configuration
 * @text: the file's contents, NUL-terminated
 * @c: filled in on success only (defaults for keys not given)
 * @msg: "line N: why" on failure
 * @msglen: bytes of @msg
 *
 * Return: 0 or -EINVAL.
 */
int labeld_config_parse(const char *text, struct labeld_config *c, char *msg,
			size_t msglen)
{
	static const char *const keys[] = {
		"scrub_interval", "history_depth", "backup_dir", "status_file",
	};
	struct labeld_config n;
	unsigned int seen = 0, line = 0, k;
	char *copy = strdup(text), *p, *next;
	int rc = 0;

	if (!copy) {
		snprintf(msg, msglen, "out of memory");
		return -ENOMEM;
	}
	labeld_config_defaults(&n);
	for (p = copy; p && !rc; p = next) {
		char *eq, *key, *val;

		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		line++;
		key = trim(p);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			snprintf(msg, msglen, "line %u: expected 'key = value'", line);
			rc = -EINVAL;
			break;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (!strcmp(key, keys[k]))
				break;
		if (k == sizeof(keys) / sizeof(keys[0])) {
			snprintf(msg, msglen, "line %u: unknown key '%.64s'", line, key);
			rc = -EINVAL;
		} else if (seen & (1U << k)) {
			snprintf(msg, msglen, "line %u: '%s' given twice", line, key);
			rc = -EINVAL;
		} else {
			seen |= 1U << k;
			switch (k) {
			case 0: rc = parse_interval(val, &n.scrub_interval); break;
			case 1: rc = parse_count(val, 1000, &n.history_depth); break;
			case 2: rc = parse_path(val, n.backup_dir, sizeof(n.backup_dir)); break;
			case 3: rc = parse_path(val, n.status_file, sizeof(n.status_file)); break;
			}
			if (rc)
				snprintf(msg, msglen, "line %u: bad %s '%.64s' (%s)",
					 line, key, val,
					 k == 0 ? "seconds, or a number with s, m, h or d" :
					 k == 1 ? "0 to 1000" : "an absolute path");
		}
	}
	free(copy);
	if (!rc)
		*c = n;
	return rc;
}

/**
 * labeld_config_load() - read and parse a configuration file
 * @path: the file; a missing file means all defaults
 * @c: as for labeld_config_parse()
 * @msg: why it failed
 * @msglen: bytes of @msg
 *
 * Return: 0, -EINVAL, or the error reading the file.
 */
int labeld_config_load(const char *path, struct labeld_config *c, char *msg,
		       size_t msglen)
{
	char *text;
	size_t len;
	int rc = labeld_read_file(path, &text, &len);

	if (rc == -ENOENT) {
		labeld_config_defaults(c);
		return 0;
	}
	if (rc) {
		snprintf(msg, msglen, "%s", strerror(-rc));
		return rc;
	}
	if (strlen(text) != len) {
		snprintf(msg, msglen, "a NUL byte in the file");
		free(text);
		return -EINVAL;
	}
	rc = labeld_config_parse(text, c, msg, msglen);
	free(text);
	return rc;
}

/**
 * labeld_poll_timeout() - how long poll() waits for the next scrub
 * @now: the time now, seconds
 * @next: when the next scrub is due, seconds; 0 when scrubs are off
 *
 * poll() takes an int of milliseconds (about 24.8 days), while scrub
 * intervals go up to 366 days: a longer wait is cut to INT_MAX and the
 * loop, which scrubs only once @next has passed, simply waits again.
 * (The old "(int)(next - now) * 1000" overflowed to a negative timeout.)
 *
 * Return: milliseconds for poll(): -1 (no scrub), 0 when due, at most
 * INT_MAX.
 */
int labeld_poll_timeout(int64_t now, int64_t next)
{
	int64_t left;

	if (!next)
		return -1;
	if (next <= now)
		return 0;
	left = next - now;
	return left > INT_MAX / 1000 + 1 || left * 1000 > INT_MAX ?
	       INT_MAX : (int)(left * 1000);
}
