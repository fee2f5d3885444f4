// SPDX-License-Identifier: GPL-2.0-only
/*
 * json.c - every JSON the tool prints, in one place.
 *
 * Device objects carry the keys of `daxctl list` ("size", "align", "mode")
 * and, with -M, "mappings" whose members are those of `daxctl list -M`:
 * "start" and "end" (inclusive) as hex address strings, "page_offset" as
 * a hex page count, "size" in bytes.  Addresses are the physical base plus
 * dataoff plus the range offset; the base is 0 unless given (--base), in
 * which case the target object says "addresses":"namespace-relative".
 */
#include <inttypes.h>
#include <json-c/json.h>
#include <stdio.h>

#include "daxlabel.h"

static struct json_object *jhex(uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

static struct json_object *jsize(uint64_t v)
{
	return json_object_new_int64((int64_t)v);
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
	format_uuid(uuid, s);
	json_object_object_add(j, "id", json_object_new_int(
			       (int)daxlabel_dev_get_id(dev)));
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
		json_object_object_add(j, "owner", json_object_new_int64(uid));
		json_object_object_add(j, "group", json_object_new_int64(gid));
		json_object_object_add(j, "permissions", json_object_new_string(m));
	}
	if (!(flags & JSON_MAPPINGS))
		return j;
	jm = json_object_new_array();
	for (i = 0; i < daxlabel_dev_get_nr_ranges(dev); i++) {
		struct json_object *r = json_object_new_object();
		uint64_t start = base + daxlabel_target_get_data_offset(t) +
				 daxlabel_dev_get_range_offset(dev, i);
		uint64_t len = daxlabel_dev_get_range_length(dev, i);

		json_object_object_add(r, "start", jhex(start));
		json_object_object_add(r, "end", jhex(start + len - 1));
		json_object_object_add(r, "page_offset", jhex(pgoff));
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

const char *health_name(struct daxlabel_target *t)
{
	return health_names[daxlabel_target_get_label_health(t)];
}

static void print_json(struct json_object *j)
{
	printf("%s\n", json_object_to_json_string_ext(j,
	       JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(j);
}

int print_target_json(struct daxlabel_target *t, uint64_t base,
		      unsigned int flags)
{
	struct json_object *j = json_object_new_object(), *jd;
	struct daxlabel_dev *dev;
	unsigned char uuid[16];
	char s[37];

	daxlabel_target_get_uuid(t, uuid);
	format_uuid(uuid, s);
	json_object_object_add(j, "target", json_object_new_string(
			       daxlabel_target_get_path(t)));
	json_object_object_add(j, "uuid", json_object_new_string(s));
	json_object_object_add(j, "size", jsize(daxlabel_target_get_size(t)));
	json_object_object_add(j, "generation", jsize(
			       daxlabel_target_get_generation(t)));
	json_object_object_add(j, "labels", json_object_new_string(
			       health_name(t)));
	json_object_object_add(j, "label_offset", jsize(
			       daxlabel_target_get_label_offset(t)));
	json_object_object_add(j, "label_size", jsize(
			       daxlabel_target_get_label_size(t)));
	json_object_object_add(j, "data_offset", jsize(
			       daxlabel_target_get_data_offset(t)));
	json_object_object_add(j, "data_size", jsize(
			       daxlabel_target_get_data_size(t)));
	json_object_object_add(j, "align", jsize(daxlabel_target_get_align(t)));
	json_object_object_add(j, "available", jsize(
			       daxlabel_target_get_available(t)));
	if (flags & JSON_MAPPINGS)
		json_object_object_add(j, "addresses", json_object_new_string(
				       base ? "physical" : "namespace-relative"));
	jd = json_object_new_array();
	daxlabel_dev_foreach(t, dev)
		json_object_array_add(jd, dev_to_json(dev, base, flags));
	json_object_object_add(j, "devices", jd);
	print_json(j);
	return 0;
}

int print_dev_json(struct daxlabel_dev *dev, uint64_t base,
		   unsigned int flags)
{
	print_json(dev_to_json(dev, base, flags));
	return 0;
}

/* The info-block, as 'key: value' lines or a JSON object. */
void print_infoblock(const struct daxlabel_infoblock *ib, bool json)
{
	struct json_object *j = json_object_new_object();
	char sig[17], u[37], p[37], m[16];
	size_t i;

	for (i = 0; i < 16 && ib->signature[i]; i++)
		sig[i] = ib->signature[i] >= 0x20 && ib->signature[i] < 0x7f ?
			 ib->signature[i] : '?';
	sig[i] = 0;
	format_uuid(ib->uuid, u);
	format_uuid(ib->parent_uuid, p);
	snprintf(m, sizeof(m), "%s", ib->mode == 1 ? "ram" :
		 ib->mode == 2 ? "pmem" : "unknown");
	json_object_object_add(j, "signature", json_object_new_string(sig));
	json_object_object_add(j, "uuid", json_object_new_string(u));
	json_object_object_add(j, "parent_uuid", json_object_new_string(p));
	json_object_object_add(j, "flags", jhex(ib->flags));
	json_object_object_add(j, "version_major", json_object_new_int(ib->version_major));
	json_object_object_add(j, "version_minor", json_object_new_int(ib->version_minor));
	json_object_object_add(j, "dataoff", jhex(ib->dataoff));
	json_object_object_add(j, "npfns", jsize(ib->npfns));
	json_object_object_add(j, "mode", json_object_new_string(m));
	json_object_object_add(j, "start_pad", jhex(ib->start_pad));
	json_object_object_add(j, "end_trunc", jhex(ib->end_trunc));
	json_object_object_add(j, "align", jhex(ib->align));
	json_object_object_add(j, "page_size", jhex(ib->page_size));
	json_object_object_add(j, "page_struct_size", jhex(ib->page_struct_size));
	json_object_object_add(j, "label_off", jhex(ib->label_off));
	json_object_object_add(j, "label_size", jhex(ib->label_size));
	json_object_object_add(j, "checksum", jhex(ib->checksum));
	json_object_object_add(j, "checksum_ok", json_object_new_boolean(
			       ib->checksum == ib->checksum_want));
	json_object_object_add(j, "state", json_object_new_string(
			       ib->problem ? daxlabel_problem_name(ib->problem)
					   : "labelled"));
	if (json) {
		print_json(j);
		return;
	}
	{
		json_object_object_foreach(j, key, val)
			printf("%-17s %s\n", key, json_object_get_string(val));
	}
	json_object_put(j);
}
