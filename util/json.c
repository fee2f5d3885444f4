// SPDX-License-Identifier: GPL-2.0-only
/*
 * json.c - every JSON daxlabel and daxlabeld print or read, in one place.
 *
 * Device objects carry the keys of `daxctl list` ("size", "align", "mode")
 * and, with -M, "mappings" whose members are those daxctl 76 prints, in
 * its order: "page_offset" (pages), "start", "end" (inclusive) and "size",
 * all integers.  Addresses are the physical base plus dataoff plus the
 * range offset; without a known base they are namespace-relative and the
 * target object says "addresses":"namespace-relative".
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <stdio.h>

#include "util/json.h"
#include "util/util.h"

/* Sizes, offsets, generations: unsigned 64-bit, never cast to int64. */
static struct json_object *jsize(uint64_t v)
{
	return json_object_new_uint64(v);
}

static struct json_object *dev_to_json(struct daxlabel_dev *dev,
				       uint64_t base, unsigned int flags)
{
	struct daxlabel_target *t = daxlabel_dev_get_target(dev);
	struct json_object *j = json_object_new_object(), *jm;
	unsigned char uuid[16];
	unsigned int uid, gid, mode, i;
	uint64_t pgoff = 0;
	char s[37];

	daxlabel_dev_get_uuid(dev, uuid);
	dl_format_uuid(uuid, s);
	json_object_object_add(j, "id", json_object_new_uint64(
			       daxlabel_dev_get_id(dev)));
	json_object_object_add(j, "uuid", json_object_new_string(s));
	if (daxlabel_dev_get_name(dev)[0])
		json_object_object_add(j, "name", json_object_new_string(
				       daxlabel_dev_get_name(dev)));
	json_object_object_add(j, "size", jsize(daxlabel_dev_get_size(dev)));
	json_object_object_add(j, "align", jsize(daxlabel_dev_get_align(dev)));
	json_object_object_add(j, "mode", json_object_new_string("devdax"));
	if (daxlabel_dev_get_owner(dev, &uid, &gid, &mode)) {
		char m[8];

		snprintf(m, sizeof(m), "%04o", mode);
		json_object_object_add(j, "owner", json_object_new_uint64(uid));
		json_object_object_add(j, "group", json_object_new_uint64(gid));
		json_object_object_add(j, "permissions", json_object_new_string(m));
	}
	/* as daxctl: a device without ranges (size 0) has no "mappings" */
	if (!(flags & DL_JSON_MAPPINGS) || !daxlabel_dev_get_nr_ranges(dev))
		return j;
	jm = json_object_new_array();
	for (i = 0; i < daxlabel_dev_get_nr_ranges(dev); i++) {
		struct json_object *r = json_object_new_object();
		uint64_t start = base + daxlabel_target_get_data_offset(t) +
				 daxlabel_dev_get_range_offset(dev, i);
		uint64_t len = daxlabel_dev_get_range_length(dev, i);

		json_object_object_add(r, "page_offset", jsize(pgoff));
		json_object_object_add(r, "start", jsize(start));
		json_object_object_add(r, "end", jsize(start + len - 1));
		json_object_object_add(r, "size", jsize(len));
		json_object_array_add(jm, r);
		pgoff += len / 4096;
	}
	json_object_object_add(j, "mappings", jm);
	return j;
}

static const char *const health_names[] = {
	[DAXLABEL_HEALTH_OK] = "ok",
	[DAXLABEL_HEALTH_DEGRADED] = "degraded",
	[DAXLABEL_HEALTH_FAILED] = "failed",
};

const char *dl_health_name(struct daxlabel_target *t)
{
	return health_names[daxlabel_target_get_label_health(t)];
}

static int fprint_json(FILE *f, struct json_object *j)
{
	int rc = fprintf(f, "%s\n", json_object_to_json_string_ext(j,
			 JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			 JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(j);
	return rc < 0 ? -EIO : 0;
}

/*
 * The whole label set.  With DL_JSON_DUMP it is the dump/restore document:
 * "format":"daxlabel-set", "version":1, and "base" with the mappings.
 */
int dl_json_target(FILE *f, struct daxlabel_target *t, uint64_t base,
		       unsigned int flags)
{
	static const struct {
		const char *key;
		uint64_t (*get)(struct daxlabel_target *t);
	} geometry[] = {
		{ "label_offset", daxlabel_target_get_label_offset },
		{ "label_size", daxlabel_target_get_label_size },
		{ "data_offset", daxlabel_target_get_data_offset },
		{ "data_size", daxlabel_target_get_data_size },
		{ "align", daxlabel_target_get_align },
		{ "available", daxlabel_target_get_available },
	};
	struct json_object *j = json_object_new_object(), *jd;
	size_t i;
	struct daxlabel_dev *dev;
	unsigned char uuid[16];
	char s[37];

	daxlabel_target_get_uuid(t, uuid);
	dl_format_uuid(uuid, s);
	if (flags & DL_JSON_DUMP) {
		json_object_object_add(j, "format",
				       json_object_new_string("daxlabel-set"));
		json_object_object_add(j, "version", json_object_new_int(1));
		json_object_object_add(j, "base", jsize(base));
	}
	json_object_object_add(j, "target", json_object_new_string(
			       daxlabel_target_get_path(t)));
	json_object_object_add(j, "uuid", json_object_new_string(s));
	json_object_object_add(j, "size", jsize(daxlabel_target_get_size(t)));
	json_object_object_add(j, "generation", jsize(
			       daxlabel_target_get_generation(t)));
	json_object_object_add(j, "labels", json_object_new_string(
			       dl_health_name(t)));
	for (i = 0; i < sizeof(geometry) / sizeof(geometry[0]); i++)
		json_object_object_add(j, geometry[i].key,
				       jsize(geometry[i].get(t)));
	if (flags & DL_JSON_MAPPINGS)
		json_object_object_add(j, "addresses", json_object_new_string(
				       base ? "physical" : "namespace-relative"));
	jd = json_object_new_array();
	daxlabel_dev_foreach(t, dev)
		json_object_array_add(jd, dev_to_json(dev, base, flags));
	json_object_object_add(j, "devices", jd);
	return fprint_json(f, j);
}

int dl_json_dev(FILE *f, struct daxlabel_dev *dev, uint64_t base,
		unsigned int flags)
{
	return fprint_json(f, dev_to_json(dev, base, flags));
}

/*
 * The info-block, as 'key: value' lines or a JSON object with the same
 * keys.  JSON numbers are integers, as everywhere else; the lines show
 * offsets and flags in hex.
 */
int dl_print_infoblock(FILE *f, const struct daxlabel_infoblock *ib,
		       bool json)
{
	const struct {
		const char *key;
		uint64_t v;
		bool hex;
	} num[] = {
		{ "flags", ib->flags, true },
		{ "version_major", ib->version_major, false },
		{ "version_minor", ib->version_minor, false },
		{ "dataoff", ib->dataoff, true },
		{ "npfns", ib->npfns, false },
		{ "mode", ib->mode, false },
		{ "start_pad", ib->start_pad, true },
		{ "end_trunc", ib->end_trunc, true },
		{ "align", ib->align, true },
		{ "page_size", ib->page_size, true },
		{ "page_struct_size", ib->page_struct_size, false },
		{ "label_off", ib->label_off, true },
		{ "label_size", ib->label_size, true },
		{ "checksum", ib->checksum, true },
	};
	struct json_object *j = json_object_new_object();
	char sig[17], u[37], p[37];
	const char *state = ib->problem ? daxlabel_problem_name(ib->problem)
					: "labelled";
	size_t i;
	int rc = 0;

	for (i = 0; i < 16 && ib->signature[i]; i++)
		sig[i] = ib->signature[i] >= 0x20 && ib->signature[i] < 0x7f ?
			 ib->signature[i] : '?';
	sig[i] = 0;
	dl_format_uuid(ib->uuid, u);
	dl_format_uuid(ib->parent_uuid, p);
	if (json) {
		json_object_object_add(j, "signature", json_object_new_string(sig));
		json_object_object_add(j, "uuid", json_object_new_string(u));
		json_object_object_add(j, "parent_uuid", json_object_new_string(p));
		for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
			json_object_object_add(j, num[i].key, jsize(num[i].v));
		json_object_object_add(j, "checksum_ok", json_object_new_boolean(
				       ib->checksum == ib->checksum_want));
		json_object_object_add(j, "state", json_object_new_string(state));
		if (ib->problem)
			json_object_object_add(j, "problem",
					       json_object_new_int(ib->problem));
		return fprint_json(f, j);
	}
	json_object_put(j);
	rc |= fprintf(f, "%-17s %s\n%-17s %s\n%-17s %s\n", "signature", sig,
		      "uuid", u, "parent_uuid", p) < 0;
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		rc |= fprintf(f, num[i].hex ? "%-17s 0x%" PRIx64 "\n" :
			      "%-17s %" PRIu64 "\n", num[i].key, num[i].v) < 0;
	rc |= fprintf(f, "%-17s %s\n%-17s %s\n", "checksum_ok",
		      ib->checksum == ib->checksum_want ? "true" : "false",
		      "state", state) < 0;
	if (ib->problem)
		rc |= fprintf(f, "%-17s %d\n", "problem", ib->problem) < 0;
	return rc ? -EIO : 0;
}

/* ---- restore: the dump document back into device descriptions ---- */

static int jerr(char *msg, size_t len, const char *path, const char *what)
{
	snprintf(msg, len, "%s: %s", path, what);
	return -EINVAL;
}

static int jget(struct json_object *o, const char *key, enum json_type type,
		bool required, struct json_object **out, const char *path,
		char *msg, size_t len)
{
	char p[160];

	snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", key);
	if (!json_object_object_get_ex(o, key, out)) {
		*out = NULL;
		return required ? jerr(msg, len, p, "missing") : 0;
	}
	if (!json_object_is_type(*out, type)) {
		static const char *const names[] = {
			[json_type_boolean] = "a boolean",
			[json_type_int] = "an integer",
			[json_type_string] = "a string",
			[json_type_array] = "an array",
			[json_type_object] = "an object",
		};

		snprintf(msg, len, "%s: expected %s", p,
			 type < sizeof(names) / sizeof(names[0]) && names[type] ?
			 names[type] : "another type");
		return -EINVAL;
	}
	return 0;
}

/*
 * A non-negative integer; with @hex also a "0x..." string (what older
 * daxctl versions and --human print for addresses).
 */
static int ju64(struct json_object *o, const char *key, bool hex,
		uint64_t *v, const char *path, char *msg, size_t len)
{
	struct json_object *j;
	char p[160];
	int rc;

	rc = jget(o, key, hex && json_object_object_get_ex(o, key, &j) &&
		  json_object_is_type(j, json_type_string) ?
		  json_type_string : json_type_int, true, &j, path, msg, len);
	if (rc)
		return rc;
	snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", key);
	if (json_object_is_type(j, json_type_string)) {
		const char *s = json_object_get_string(j);
		char *end;

		errno = 0;
		if (strncmp(s, "0x", 2) || !s[2])
			return jerr(msg, len, p, "expected an integer or a hex string like \"0x200000\"");
		*v = strtoull(s, &end, 16);
		if (errno || *end)
			return jerr(msg, len, p, "bad hex number");
		return 0;
	}
	/* json-c keeps values above INT64_MAX as uint64: read them so */
	errno = 0;
	if (json_object_get_int64(j) < 0 || errno)
		return jerr(msg, len, p, "expected a non-negative integer");
	*v = json_object_get_uint64(j);
	return 0;
}

void dl_json_free_set(struct dl_json_set *r)
{
	unsigned int i;

	for (i = 0; i < r->nr_devs; i++) {
		free((void *)r->devs[i].ranges);
		free((void *)r->devs[i].name);
	}
	free(r->devs);
	memset(r, 0, sizeof(*r));
}

static int parse_dev(struct json_object *jd, const char *path,
		     uint64_t data_start, struct daxlabel_dev_desc *d,
		     char *msg, size_t len)
{
	struct json_object *j, *jm;
	struct daxlabel_range *r;
	uint64_t v, size, sum = 0, pgoff = 0;
	size_t i, n;
	char p[160];
	int rc;

	if (!json_object_is_type(jd, json_type_object))
		return jerr(msg, len, path, "expected an object");
	if ((rc = ju64(jd, "id", false, &v, path, msg, len)))
		return rc;
	if (v > 0x7fffffff)
		return jerr(msg, len, path, "id above INT_MAX");
	d->id = (unsigned int)v;
	if ((rc = jget(jd, "uuid", json_type_string, true, &j, path, msg, len)))
		return rc;
	if (!daxlabel_uuid_parse(json_object_get_string(j), d->uuid)) {
		snprintf(p, sizeof(p), "%s.uuid", path);
		return jerr(msg, len, p, "not a uuid");
	}
	if ((rc = jget(jd, "name", json_type_string, false, &j, path, msg, len)))
		return rc;
	if (j && !(d->name = strdup(json_object_get_string(j))))
		return -ENOMEM;
	if ((rc = ju64(jd, "align", false, &d->align, path, msg, len)) ||
	    (rc = ju64(jd, "size", false, &size, path, msg, len)))
		return rc;
	if ((rc = jget(jd, "permissions", json_type_string, false, &j, path,
		       msg, len)))
		return rc;
	if (j) {
		if (dl_parse_mode(json_object_get_string(j), &d->mode)) {
			snprintf(p, sizeof(p), "%s.permissions", path);
			return jerr(msg, len, p, "expected octal like \"0660\"");
		}
		if ((rc = ju64(jd, "owner", false, &v, path, msg, len)))
			return rc;
		d->uid = (unsigned int)v;
		if ((rc = ju64(jd, "group", false, &v, path, msg, len)))
			return rc;
		d->gid = (unsigned int)v;
		d->has_owner = true;
	}
	if ((rc = jget(jd, "mappings", json_type_array, false, &jm, path, msg,
		       len)))
		return rc;
	/* a device of size 0 keeps its identity and holds no ranges */
	n = jm ? json_object_array_length(jm) : 0;
	if (!n && size) {
		snprintf(p, sizeof(p), "%s.mappings", path);
		return jerr(msg, len, p, "a device of non-zero size needs its mappings");
	}
	if (!n)
		return 0;
	r = calloc(n, sizeof(*r));
	if (!r)
		return -ENOMEM;
	d->ranges = r;
	d->nr_ranges = (unsigned int)n;
	for (i = 0; i < n; i++) {
		struct json_object *m = json_object_array_get_idx(jm, i);
		uint64_t start, end, po;

		snprintf(p, sizeof(p), "%s.mappings[%zu]", path, i);
		if (!json_object_is_type(m, json_type_object))
			return jerr(msg, len, p, "expected an object");
		if ((rc = ju64(m, "start", true, &start, p, msg, len)) ||
		    (rc = ju64(m, "end", true, &end, p, msg, len)) ||
		    (rc = ju64(m, "page_offset", true, &po, p, msg, len)) ||
		    (rc = ju64(m, "size", false, &v, p, msg, len)))
			return rc;
		if (!v || end != start + v - 1 || end < start)
			return jerr(msg, len, p, "end is not start + size - 1");
		if (po != pgoff)
			return jerr(msg, len, p, "page_offset does not follow the previous mappings");
		if (start < data_start)
			return jerr(msg, len, p, "start is below the data area");
		r[i].offset = start - data_start;
		r[i].length = v;
		pgoff += v / 4096;
		sum += v;
	}
	if (sum != size)
		return jerr(msg, len, path, "size is not the sum of the mappings");
	return 0;
}

/**
 * dl_json_parse_set() - a dump document into device descriptions
 * @text: the document
 * @len: its bytes
 * @r: filled in; dl_json_free_set() it whatever the result
 * @msg: a one-line explanation naming the JSON path, on -EINVAL
 * @msglen: bytes of @msg
 *
 * Return: 0, -EINVAL, -EFBIG (over 64 MiB) or -ENOMEM.
 */
int dl_json_parse_set(const char *text, size_t len, struct dl_json_set *r,
		  char *msg, size_t msglen)
{
	struct json_tokener *tok;
	struct json_object *root, *j;
	uint64_t base, data_off, version;
	size_t i, n;
	int rc;

	memset(r, 0, sizeof(*r));
	if (len > DL_JSON_MAX_BYTES)
		return -EFBIG;
	tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	root = json_tokener_parse_ex(tok, text, (int)len);
	if (!root || json_tokener_get_error(tok) != json_tokener_success ||
	    tok->char_offset != (int)len) {
		snprintf(msg, msglen, "not valid JSON (%s at byte %d)",
			 root ? "trailing data" :
			 json_tokener_error_desc(json_tokener_get_error(tok)),
			 tok->char_offset);
		json_object_put(root);
		json_tokener_free(tok);
		return -EINVAL;
	}
	json_tokener_free(tok);
	rc = -EINVAL;
	if (!json_object_is_type(root, json_type_object)) {
		jerr(msg, msglen, "document", "expected an object");
		goto out;
	}
	if ((rc = jget(root, "format", json_type_string, true, &j, "", msg,
		       msglen)))
		goto out;
	if (strcmp(json_object_get_string(j), "daxlabel-set")) {
		rc = jerr(msg, msglen, "format", "not \"daxlabel-set\"");
		goto out;
	}
	if ((rc = ju64(root, "version", false, &version, "", msg, msglen)))
		goto out;
	if (version != 1) {
		rc = jerr(msg, msglen, "version", "only version 1 is understood");
		goto out;
	}
	if ((rc = ju64(root, "base", true, &base, "", msg, msglen)) ||
	    (rc = ju64(root, "data_offset", false, &data_off, "", msg, msglen)) ||
	    (rc = jget(root, "devices", json_type_array, true, &j, "", msg,
		       msglen)))
		goto out;
	n = json_object_array_length(j);
	r->devs = calloc(n ? n : 1, sizeof(*r->devs));
	if (!r->devs) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		char path[32];

		snprintf(path, sizeof(path), "devices[%zu]", i);
		r->nr_devs = (unsigned int)i + 1;
		rc = parse_dev(json_object_array_get_idx(j, i), path,
			       base + data_off, &r->devs[i], msg, msglen);
		if (rc)
			goto out;
	}
	rc = 0;
out:
	json_object_put(root);
	return rc;
}
