// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd-check.c - daxlabel check: find and repair label metadata damage.
 *
 * Read-only by default (-n); -p fixes what is safe unattended; -y fixes
 * everything fixable.  Exit codes are fsck's: 0 clean, 1 all problems
 * corrected, 4 problems left, 8 operational error, 16 usage.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "daxlabel.h"

struct check_out {
	const char *path;
	unsigned int left;
};

static void report(const struct daxlabel_report *r, void *arg)
{
	struct check_out *o = arg;
	char detail[160] = "";
	const char *outcome;
	char failed[96];

	if (r->detail)
		snprintf(detail, sizeof(detail), " (%d %s: %s)", r->detail,
			 daxlabel_problem_name(r->detail),
			 daxlabel_problem_text(r->detail));
	if (r->fixed) {
		outcome = "fixed";
	} else if (r->fix_errno) {
		snprintf(failed, sizeof(failed), "fix failed: %s",
			 strerror(-r->fix_errno));
		outcome = failed;
	} else if (!r->fixable) {
		outcome = "cannot be fixed here";
	} else {
		outcome = r->safe ? "not fixed (-p or -y fixes it)"
				  : "not fixed (-y fixes it)";
	}
	if (!r->fixed)
		o->left++;
	printf("%s: %s: %d %s: %s%s: %s\n", o->path, r->object, r->problem,
	       daxlabel_problem_name(r->problem),
	       daxlabel_problem_text(r->problem), detail, outcome);
}

int cmd_check(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	static const struct dl_opt opts[] = {
		{ 'n', "no-change", no_argument, NULL, "report only (default)" },
		{ 'p', "preen", no_argument, NULL,
		  "fix the problems safe to fix unattended" },
		{ 'y', "yes", no_argument, NULL, "fix every fixable problem" },
		{ 0 },
	};
	static const struct dl_help help = {
		"daxlabel check TARGET [-n | -p | -y]", opts,
		"Exit status as fsck(8): 0 clean, 1 corrected, 4 problems left,\n"
		"8 operational error, 16 usage error.",
	};
	enum daxlabel_check_mode mode = DAXLABEL_CHECK_READONLY;
	struct check_out o = { NULL, 0 };
	struct daxlabel_target *t;
	unsigned int found, fixed;
	int c, rc, modes = 0;

	while ((c = dl_getopt(argc, argv, &help)) != -1) {
		switch (c) {
		case 'n': mode = DAXLABEL_CHECK_READONLY; modes++; break;
		case 'p': mode = DAXLABEL_CHECK_SAFE; modes++; break;
		case 'y': mode = DAXLABEL_CHECK_ALL; modes++; break;
		case 'h': dl_usage(stdout, &help); return EXIT_CLEAN;
		default: return usage_error("check", "unknown option");
		}
	}
	if (modes > 1)
		return usage_error("check", "-n, -p and -y exclude each other");
	if (optind + 1 != argc)
		return usage_error("check", "expected one TARGET");
	o.path = argv[optind];
	rc = open_target(ctx, "check", o.path,
			 mode != DAXLABEL_CHECK_READONLY, &t);
	if (rc)
		return rc;
	rc = daxlabel_target_check(t, mode, report, &o, &found, &fixed);
	if (rc == -ENODATA) {
		rc = require_labelled("check", t);
	} else if (rc == -EOPNOTSUPP) {
		cmd_error("check", o.path, "formatted by a newer version: unknown incompatible features");
		rc = EXIT_OPERATIONAL;
	} else if (rc) {
		cmd_error("check", o.path, "check failed: %s", strerror(-rc));
		rc = EXIT_OPERATIONAL;
	} else {
		if (!found)
			printf("%s: clean, generation %" PRIu64 ", %u device%s\n",
			       o.path, daxlabel_target_get_generation(t),
			       daxlabel_target_get_nr_devs(t),
			       daxlabel_target_get_nr_devs(t) == 1 ? "" : "s");
		else
			printf("%s: %u problem%s, %u fixed\n", o.path, found,
			       found == 1 ? "" : "s", fixed);
		rc = !found ? EXIT_CLEAN : o.left ? EXIT_UNCORRECTED
						  : EXIT_CORRECTED;
	}
	daxlabel_target_unref(t);
	return rc;
}
