// SPDX-License-Identifier: GPL-2.0-only
/*
 * daxlabel.c - the command table and main().
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "daxlabel.h"

static const struct cmd commands[] = {
	{ "init", cmd_init, "write a daxlabel info-block and an empty label set" },
	{ "list", cmd_list, "list the devices of a label set" },
	{ "create", cmd_create, "add a device (offline)" },
	{ "resize", cmd_resize, "grow or shrink a device (offline)" },
	{ "destroy", cmd_destroy, "remove a device (offline)" },
	{ "dump", cmd_dump, "write the label set as JSON" },
	{ "restore", cmd_restore, "replace the label set from JSON" },
	{ "check", cmd_check, "check and repair label metadata (fsck codes)" },
	{ "info", cmd_info, "print the info-block's fields" },
	{ "udev", cmd_udev, "a dax device's label as udev properties" },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: daxlabel [--version] [--help] COMMAND [ARGS]\n\n"
		   "commands:\n");
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nSee 'daxlabel COMMAND --help'.\n");
}

int main(int argc, char **argv)
{
	struct daxlabel_ctx *ctx;
	size_t i;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "%s: no command; see '%s --help'\n", progname,
			progname);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("daxlabel %s\n", DAXLABEL_VERSION);
		return EXIT_CLEAN;
	}
	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			break;
	if (i == NR_COMMANDS) {
		fprintf(stderr, "%s: '%s' is not a daxlabel command; see '%s --help'\n",
			progname, argv[1], progname);
		return EXIT_USAGE;
	}
	rc = daxlabel_new(&ctx);
	if (rc) {
		fprintf(stderr, "%s: init failed: %s\n", progname, strerror(-rc));
		return EXIT_OPERATIONAL;
	}
	rc = commands[i].fn(argc - 1, argv + 1, ctx);
	daxlabel_unref(ctx);
	/* what a command printed is its result: a lost write is a failure */
	errno = 0;
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: %s: write failed: %s\n", progname,
			argv[1], errno ? strerror(errno) : "stdout");
		if (rc == EXIT_CLEAN || rc == EXIT_CORRECTED)
			rc = EXIT_OPERATIONAL;
	}
	return rc;
}
