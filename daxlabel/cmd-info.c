// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd-info.c - daxlabel info: the info-block's fields.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "daxlabel.h"

int cmd_info(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	static const struct dl_opt opts[] = {
		{ 'j', "json", no_argument, NULL, "print JSON" },
		{ 0 },
	};
	static const struct dl_help help = {
		"daxlabel info TARGET [-j]", opts,
		"Prints the info-block's fields as stored, valid or not.",
	};
	struct daxlabel_infoblock ib;
	struct daxlabel_target *t;
	bool json = false;
	int c, rc;

	while ((c = dl_getopt(argc, argv, &help)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'h': dl_usage(stdout, &help); return EXIT_CLEAN;
		default: return usage_error("info", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return usage_error("info", "expected one TARGET");
	rc = open_target(ctx, "info", argv[optind], false, &t);
	if (rc)
		return rc;
	rc = daxlabel_target_read_infoblock(t, &ib, sizeof(ib));
	if (rc) {
		cmd_error("info", argv[optind], "read failed: %s", strerror(-rc));
		daxlabel_target_unref(t);
		return EXIT_OPERATIONAL;
	}
	dl_print_infoblock(stdout, &ib, json);
	daxlabel_target_unref(t);
	return EXIT_CLEAN;
}
