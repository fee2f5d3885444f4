// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd-list.c - daxlabel list: the devices of a label set.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "daxlabel.h"

static const struct dl_opt list_opts[] = {
	{ 'j', "json", no_argument, NULL, "print JSON" },
	{ 'M', "mappings", no_argument, NULL, "include each device's mappings" },
	{ 'b', "base", required_argument, "ADDR",
	  "physical address of the namespace, so that\n"
	  "mappings match 'daxctl list -M' (read from\n"
	  "sysfs for a pmem block device)" },
	{ 0 },
};

static const struct dl_help list_help = {
	"daxlabel list TARGET [-j] [-M] [--base ADDR]", list_opts, NULL,
};

/*
 * A name in a column of @width characters: cut at a character boundary
 * (names are valid UTF-8, dxl_name_valid()), never inside a multi-byte
 * sequence, and padded by characters, not bytes.  Each code point counts
 * as one column.
 */
static void print_name_column(const char *name, unsigned int width)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t end = 0;
	unsigned int cols = 0;

	while (s[end] && cols < width) {
		size_t n = 1;

		while (s[end + n] && (s[end + n] & 0xc0) == 0x80)
			n++;
		end += n;
		cols++;
	}
	printf("%.*s%*s", (int)end, name, (int)(width - cols), "");
}

static void print_human(struct daxlabel_target *t, uint64_t base, bool maps)
{
	struct daxlabel_dev *dev;
	char a[32], b[32], c[32];
	uint64_t doff = daxlabel_target_get_data_offset(t);

	dl_format_size(daxlabel_target_get_size(t), a, sizeof(a));
	printf("%s: %s, generation %" PRIu64 ", %u device%s, labels %s\n",
	       daxlabel_target_get_path(t), a,
	       daxlabel_target_get_generation(t), daxlabel_target_get_nr_devs(t),
	       daxlabel_target_get_nr_devs(t) == 1 ? "" : "s", dl_health_name(t));
	dl_format_size(daxlabel_target_get_data_size(t), a, sizeof(a));
	dl_format_size(daxlabel_target_get_available(t), b, sizeof(b));
	dl_format_size(daxlabel_target_get_align(t), c, sizeof(c));
	printf("data area %s at 0x%" PRIx64 ", %s free, align %s\n", a, doff, b, c);
	if (!daxlabel_target_get_nr_devs(t))
		return;
	printf("%-4s %-16s %10s %9s %3s %s\n", "ID", "NAME", "SIZE", "ALIGN",
	       "RNG", "UUID");
	daxlabel_dev_foreach(t, dev) {
		unsigned char uuid[16];
		char u[37];
		unsigned int i;
		uint64_t pgoff = 0;

		daxlabel_dev_get_uuid(dev, uuid);
		dl_format_uuid(uuid, u);
		dl_format_size(daxlabel_dev_get_size(dev), a, sizeof(a));
		dl_format_size(daxlabel_dev_get_align(dev), b, sizeof(b));
		printf("%-4u ", daxlabel_dev_get_id(dev));
		print_name_column(daxlabel_dev_get_name(dev)[0] ?
				  daxlabel_dev_get_name(dev) : "-", 16);
		printf(" %10s %9s %3u %s\n", a, b,
		       daxlabel_dev_get_nr_ranges(dev), u);
		if (!maps)
			continue;
		for (i = 0; i < daxlabel_dev_get_nr_ranges(dev); i++) {
			uint64_t s = base + doff +
				     daxlabel_dev_get_range_offset(dev, i);
			uint64_t l = daxlabel_dev_get_range_length(dev, i);

			printf("     mapping%u: 0x%" PRIx64 "-0x%" PRIx64 " page_offset 0x%" PRIx64 "\n",
			       i, s, s + l - 1, pgoff);
			pgoff += l / 4096;
		}
	}
}

int cmd_list(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	struct daxlabel_target *t;
	bool json = false, maps = false;
	uint64_t base = 0;
	int c, rc;

	while ((c = dl_getopt(argc, argv, &list_help)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'M': maps = true; break;
		case 'b':
			if (parse_size(optarg, &base)) {
				cmd_error("list", NULL, "invalid --base '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': dl_usage(stdout, &list_help); return EXIT_CLEAN;
		default: return usage_error("list", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return usage_error("list", "expected one TARGET");
	rc = open_target(ctx, "list", argv[optind], false, &t);
	if (rc)
		return rc;
	rc = require_labelled("list", t);
	if (!rc && !base)
		base = daxlabel_target_get_phys_base(t);	/* 0: unknown */
	if (!rc) {
		if (json)
			dl_json_target(stdout, t, base, maps ? DL_JSON_MAPPINGS : 0);
		else
			print_human(t, base, maps);
	}
	daxlabel_target_unref(t);
	return rc;
}
