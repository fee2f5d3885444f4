// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd-init.c - daxlabel init: format a target for labels.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "daxlabel.h"

static const struct dl_opt init_opts[] = {
	{ 'l', "label-size", required_argument, "SIZE",
	  "label area (default 2M-8K: no capacity cost)" },
	{ 'a', "align", required_argument, "SIZE",
	  "dax region alignment: 4K, 2M (default) or 1G" },
	{ 'u', "uuid", required_argument, "UUID",
	  "info-block uuid (default: random)" },
	{ 'b', "base", required_argument, "ADDR",
	  "physical address of the namespace" },
	{ 'f', "force", no_argument, NULL, "overwrite what the target holds" },
	{ 'j', "json", no_argument, NULL, "print the new label set as JSON" },
	{ 0 },
};

static const struct dl_help init_help = {
	"daxlabel init TARGET|namespaceX.Y [--label-size SIZE] [--align SIZE]\n"
	"                     [--uuid UUID] [--base ADDR] [--force] [-j]",
	init_opts, NULL,
};

/* "namespaceX.Y" that is not a file here: a live namespace (libndctl). */
static bool is_namespace_name(const char *s)
{
	unsigned int a, b;
	char tail;

	return sscanf(s, "namespace%u.%u%c", &a, &b, &tail) == 2 &&
	       access(s, F_OK) != 0;
}

static int init_namespace(struct daxlabel_ctx *ctx, const char *name,
			  struct daxlabel_format_opts *fo,
			  unsigned char uuid[16])
{
	char u[37];
	int rc;

	if (!fo->uuid) {
		uuid_generate_random(uuid);
		fo->uuid = uuid;
	}
	rc = daxlabel_namespace_format(ctx, name, fo);
	if (rc == -ENODEV)
		cmd_error("init", name, "no such namespace");
	else if (rc == -EBUSY)
		cmd_error("init", name, "namespace is in use (mounted or mapped); use --force to take it");
	else if (rc == -EEXIST)
		cmd_error("init", name, "namespace holds an info-block, labels or data; use --force to overwrite");
	else if (rc == -ENOSPC)
		cmd_error("init", name, "too small for a label area and a data area");
	else if (rc)
		cmd_error("init", name, "format failed: %s", strerror(-rc));
	if (rc)
		return EXIT_OPERATIONAL;
	dl_format_uuid(fo->uuid, u);
	printf("%s: formatted, uuid %s; the kernel has re-probed the namespace\n",
	       name, u);
	return EXIT_CLEAN;
}

int cmd_init(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	struct daxlabel_format_opts fo = { 0 };
	struct daxlabel_target *t;
	unsigned char uuid[16];
	bool json = false;
	const char *path;
	int c, rc;

	while ((c = dl_getopt(argc, argv, &init_help)) != -1) {
		switch (c) {
		case 'l':
			if (parse_size(optarg, &fo.label_size) ||
			    !daxlabel_label_size_is_valid(fo.label_size)) {
				cmd_error("init", NULL, "invalid --label-size '%s': a multiple of 8K from 16K to 64M",
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'a':
			if (parse_align(optarg, &fo.align)) {
				cmd_error("init", NULL, "invalid --align '%s': 4K, 2M or 1G",
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'u':
			if (!daxlabel_uuid_parse(optarg, uuid)) {
				cmd_error("init", NULL, "invalid --uuid '%s'", optarg);
				return EXIT_USAGE;
			}
			fo.uuid = uuid;
			break;
		case 'b':
			if (parse_size(optarg, &fo.phys_start) ||
			    fo.phys_start % (2 << 20)) {
				cmd_error("init", NULL, "invalid --base '%s': a 2M-aligned address",
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'f': fo.force = true; break;
		case 'j': json = true; break;
		case 'h': dl_usage(stdout, &init_help); return EXIT_CLEAN;
		default: return usage_error("init", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return usage_error("init", "expected one TARGET");
	path = argv[optind];
	if (is_namespace_name(path))
		return init_namespace(ctx, path, &fo, uuid);
	rc = open_target(ctx, "init", path, true, &t);
	if (rc)
		return rc;
	rc = daxlabel_target_format(t, &fo);
	if (rc == -EEXIST)
		cmd_error("init", path, "target is in use (an info-block, labels or data in its first 8K); use --force to overwrite");
	else if (rc == -ENOSPC)
		cmd_error("init", path, "too small for a label area and a data area (%" PRIu64 " bytes)",
		    daxlabel_target_get_size(t));
	else if (rc == -EINVAL)
		cmd_error("init", path, "invalid geometry: namespace start or size not 2M aligned, or bad label size");
	else if (rc)
		cmd_error("init", path, "format failed: %s", strerror(-rc));
	if (!rc) {
		if (json) {
			dl_json_target(stdout, t, fo.phys_start, 0);
		} else {
			char u[37], a[32];

			daxlabel_target_get_uuid(t, uuid);
			dl_format_uuid(uuid, u);
			dl_format_size(daxlabel_target_get_data_size(t), a, sizeof(a));
			printf("%s: formatted, uuid %s, data area %s at %#" PRIx64 "\n",
			       path, u, a, daxlabel_target_get_data_offset(t));
		}
	}
	daxlabel_target_unref(t);
	return rc ? EXIT_OPERATIONAL : EXIT_CLEAN;
}
