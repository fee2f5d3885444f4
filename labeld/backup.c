// SPDX-License-Identifier: GPL-2.0-only
/*
 * backup.c - the host-side copies of every label set, as LVM keeps its
 * metadata backups: DIR/<info-block uuid>/current.json is the newest set
 * (what 'daxlabel dump' prints), DIR/<uuid>/history/<generation>.json the
 * sets it replaced, the newest history_depth of them.  Every file is
 * written whole to a temporary name, fsync'd, renamed into place, and its
 * directory fsync'd: a crash leaves the old file or the new one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>

#include "labeld.h"
#include "util/json.h"
#include "util/util.h"


static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd))
		rc = -errno;
	close(fd);
	return rc;
}

/**
 * labeld_write_atomic() - replace DIR/NAME with @buf, crash-safely
 * @dir: an existing directory
 * @name: file name in @dir
 * @buf: contents
 * @len: bytes of @buf
 *
 * Return: 0 or -errno (ENOSPC, EACCES, EROFS...); on failure the old file,
 * if any, is untouched and no temporary file is left.
 */
int labeld_write_atomic(const char *dir, const char *name, const void *buf,
			size_t len)
{
	char tmp[PATH_MAX], dst[PATH_MAX];
	const char *p = buf;
	size_t done = 0;
	int fd, rc = 0;

	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name) >= (int)sizeof(tmp) ||
	    snprintf(dst, sizeof(dst), "%s/%s", dir, name) >= (int)sizeof(dst))
		return -ENAMETOOLONG;
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	while (done < len && !rc) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0 && errno != EINTR)
			rc = -errno;
		else if (n > 0)
			done += (size_t)n;
	}
	if (!rc && fchmod(fd, 0640))
		rc = -errno;
	if (!rc && fsync(fd))
		rc = -errno;
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, dst))
		rc = -errno;
	if (rc) {
		unlink(tmp);
		return rc;
	}
	return fsync_dir(dir);
}

/**
 * labeld_read_file() - a whole file, NUL-terminated
 * @path: the file
 * @buf: malloc'd contents on success
 * @len: bytes read (not counting the NUL)
 *
 * Return: 0 or -errno; -EFBIG above 64 MiB.
 */
int labeld_read_file(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "re");
	int err;

	if (!f)
		return -errno;
	*buf = dl_read_all(f, DL_JSON_MAX_BYTES, len);
	err = errno;	/* before fclose() can change it */
	fclose(f);
	return *buf ? 0 : -err;
}

/* mkdir -p with mode 0750; 0 or -errno */
int labeld_mkdir_p(const char *path)
{
	char p[PATH_MAX], *s;

	if (snprintf(p, sizeof(p), "%s", path) >= (int)sizeof(p))
		return -ENAMETOOLONG;
	for (s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0750) && errno != EEXIST)
				return -errno;
			*s = c;
			if (!c)
				return 0;
		}
	}
}

static int gen_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/**
 * labeld_history() - the generations held in a history directory
 * @dir: DIR/<uuid>/history
 * @gens: filled with up to @max generations, oldest first
 * @max: capacity of @gens
 *
 * Return: how many files there are (may exceed @max), or -errno.
 */
int labeld_history(const char *dir, uint64_t *gens, unsigned int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char *end;
		unsigned long long g;

		if (strlen(e->d_name) != 25 || strcmp(e->d_name + 20, ".json"))
			continue;
		g = strtoull(e->d_name, &end, 10);
		if (end != e->d_name + 20)
			continue;
		if (n < max)
			gens[n] = g;
		n++;
	}
	closedir(d);
	qsort(gens, n < max ? n : max, sizeof(*gens), gen_cmp);
	return (int)n;
}

/* drop the oldest history files beyond @depth */
static int prune(const char *dir, unsigned int depth)
{
	uint64_t gens[1024];
	char path[PATH_MAX + 64];
	int n = labeld_history(dir, gens, 1024), i, rc = 0;

	if (n < 0)
		return n;
	for (i = 0; i < n && i < 1024 && (unsigned int)(n - i) > depth; i++) {
		snprintf(path, sizeof(path), "%s/%020" PRIu64 ".json", dir, gens[i]);
		if (unlink(path) && errno != ENOENT)
			rc = -errno;
	}
	return rc ? rc : fsync_dir(dir);
}

/* the "generation" of a dump document, 0 when it has none */
static uint64_t dump_generation(const char *json)
{
	struct json_object *j = json_tokener_parse(json), *g;
	uint64_t gen = 0;

	if (j && json_object_object_get_ex(j, "generation", &g))
		gen = json_object_get_uint64(g);
	json_object_put(j);
	return gen;
}

/**
 * labeld_backup() - keep @json as the current set of namespace @uuid
 * @c: backup directory and history depth
 * @uuid: the info-block uuid, as text
 * @json: the set as 'daxlabel dump' prints it
 * @len: bytes of @json
 * @changed: set to 1 when a new current.json was written, else 0
 *
 * When the set differs from current.json, the old file moves into the
 * history (named by its generation) before the new one is written, and
 * the history is cut to the configured depth.
 *
 * Return: 0 or -errno; the label sets are never touched.
 */
int labeld_backup(const struct labeld_config *c, const char *uuid,
		  const char *json, size_t len, int *changed)
{
	char dir[PATH_MAX], hist[PATH_MAX + 16], cur[PATH_MAX + 16], name[32];
	char *old = NULL;
	size_t old_len;
	int rc;

	*changed = 0;
	if (snprintf(dir, sizeof(dir), "%s/%s", c->backup_dir, uuid) >= (int)sizeof(dir) - 32)
		return -ENAMETOOLONG;
	snprintf(hist, sizeof(hist), "%s/history", dir);
	snprintf(cur, sizeof(cur), "%s/current.json", dir);
	rc = labeld_mkdir_p(hist);
	if (rc)
		return rc;
	rc = labeld_read_file(cur, &old, &old_len);
	if (rc && rc != -ENOENT)
		return rc;
	if (!rc && old_len == len && !memcmp(old, json, len)) {
		free(old);
		return 0;
	}
	if (!rc && c->history_depth) {
		snprintf(name, sizeof(name), "%020" PRIu64 ".json",
			 dump_generation(old));
		rc = labeld_write_atomic(hist, name, old, old_len);
		if (!rc)
			rc = prune(hist, c->history_depth);
		if (rc) {
			free(old);
			return rc;
		}
	}
	free(old);
	rc = labeld_write_atomic(dir, "current.json", json, len);
	if (!rc)
		*changed = 1;
	return rc;
}
