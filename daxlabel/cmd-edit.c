// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd-edit.c - daxlabel create / resize / destroy: offline edits.
 *
 * Each command is one transaction on the target, allocating exactly as
 * the kernel does, so a pre-provisioned image boots to what 'list -M'
 * printed.  Like daxctl, create and resize print the device as JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "daxlabel.h"

#define OPT_SIZE(what) { 's', "size", required_argument, "SIZE", what }
#define OPT_MAPPINGS { 'M', "mappings", no_argument, NULL, \
		       "print the device with its mappings" }

/* create's options are every edit option: the parser's table */
static const struct dl_opt create_opts[] = {
	OPT_SIZE("device size, a multiple of the device's grain"),
	{ 'n', "name", required_argument, "NAME", "device name (daxctl's name)" },
	{ 'u', "uuid", required_argument, "UUID", "device uuid (default: random)" },
	{ 'a', "align", required_argument, "SIZE",
	  "mapping alignment: 4K, 2M (default) or 1G" },
	{ 'o', "owner", required_argument, "USER", "owner of the device node" },
	{ 'g', "group", required_argument, "GROUP", "group of the device node" },
	{ 'm', "mode", required_argument, "MODE",
	  "octal permissions of the device node (default\n"
	  "0600 with --owner or --group)" },
	OPT_MAPPINGS,
	{ 0 },
};

static const struct dl_opt resize_opts[] = {
	OPT_SIZE("new size: shrinks from the end, grows as the\n"
		 "kernel allocates; 0 keeps the device, empty"),
	OPT_MAPPINGS,
	{ 0 },
};

#define DEVICE_HELP "DEVICE is an id (3 or dax0.3), a uuid or a name."

static const struct dl_help create_help = {
	"daxlabel create TARGET --size SIZE [--name NAME] [--uuid UUID]\n"
	"                       [--align SIZE] [--owner USER] [--group GROUP]\n"
	"                       [--mode MODE] [-M]", create_opts, NULL,
};

static const struct dl_help resize_help = {
	"daxlabel resize TARGET DEVICE --size SIZE [-M]", resize_opts,
	DEVICE_HELP,
};

static const struct dl_help destroy_help = {
	"daxlabel destroy TARGET DEVICE", NULL, DEVICE_HELP,
};

struct edit_args {
	const char *cmd;
	const char *target;
	const char *device;
	bool have_size;
	unsigned int json_flags;
	struct daxlabel_dev_spec spec;
	unsigned char uuid[16];
};

/*
 * Parse the options every edit command shares (create's table, so that
 * a create-only option on resize is named as such); returns an exit code.
 */
static int edit_parse(int argc, char **argv, const struct dl_help *help,
		      struct edit_args *a)
{
	bool create = help == &create_help;
	int c, want_args = create ? 1 : 2;

	while ((c = dl_getopt(argc, argv, &create_help)) != -1) {
		if (c != '?' && !dl_has_opt(help, c)) {
			const char *name = dl_opt_name(&create_help, c);

			if (dl_has_opt(&resize_help, c))
				cmd_error(a->cmd, NULL, "option '--%s' is not one of %s's",
				    name, a->cmd);
			else
				cmd_error(a->cmd, NULL, "option '--%s' is only for create",
				    name);
			return EXIT_USAGE;
		}
		switch (c) {
		case 's':
			/* resize -s 0 keeps the device, as the kernel does */
			if (parse_size(optarg, &a->spec.size) ||
			    (!a->spec.size && strcmp(a->cmd, "resize"))) {
				cmd_error(a->cmd, NULL, "invalid --size '%s': a non-zero size like 512M or 4G",
				    optarg);
				return EXIT_USAGE;
			}
			a->have_size = true;
			break;
		case 'n':
			a->spec.name = optarg;
			break;
		case 'u':
			if (!daxlabel_uuid_parse(optarg, a->uuid)) {
				cmd_error(a->cmd, NULL, "invalid --uuid '%s'", optarg);
				return EXIT_USAGE;
			}
			a->spec.uuid = a->uuid;
			break;
		case 'a':
			if (parse_align(optarg, &a->spec.align)) {
				cmd_error(a->cmd, NULL, "invalid --align '%s': 4K, 2M or 1G",
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o':
			if (parse_user(optarg, &a->spec.uid)) {
				cmd_error(a->cmd, NULL, "unknown user '%s'", optarg);
				return EXIT_USAGE;
			}
			a->spec.has_owner = true;
			break;
		case 'g':
			if (parse_group(optarg, &a->spec.gid)) {
				cmd_error(a->cmd, NULL, "unknown group '%s'", optarg);
				return EXIT_USAGE;
			}
			a->spec.has_owner = true;
			break;
		case 'm':
			if (dl_parse_mode(optarg, &a->spec.mode)) {
				cmd_error(a->cmd, NULL, "invalid --mode '%s': octal, at most 07777",
				    optarg);
				return EXIT_USAGE;
			}
			a->spec.has_owner = true;
			break;
		case 'M':
			a->json_flags |= DL_JSON_MAPPINGS;
			break;
		case 'h':
			dl_usage(stdout, help);
			return -1;
		default:
			return usage_error(a->cmd, "unknown option");
		}
	}
	if (argc - optind != want_args)
		return usage_error(a->cmd, create ? "expected one TARGET"
						  : "expected TARGET and DEVICE");
	if (strcmp(a->cmd, "destroy") && !a->have_size) {
		cmd_error(a->cmd, NULL, "--size is required");
		return EXIT_USAGE;
	}
	if (a->spec.name && !*a->spec.name)
		a->spec.name = NULL;
	a->target = argv[optind];
	a->device = create ? NULL : argv[optind + 1];
	return 0;
}

static int edit_run(int argc, char **argv, struct daxlabel_ctx *ctx,
		    const char *cmd, const struct dl_help *help)
{
	struct edit_args a = { .cmd = cmd };
	struct daxlabel_target *t;
	struct daxlabel_dev *dev = NULL;
	int rc;

	rc = edit_parse(argc, argv, help, &a);
	if (rc)
		return rc < 0 ? EXIT_CLEAN : rc;
	if (a.spec.has_owner && !a.spec.mode)
		a.spec.mode = 0600;
	rc = open_target(ctx, cmd, a.target, true, &t);
	if (rc)
		return rc;
	rc = require_labelled(cmd, t);
	if (rc)
		goto out;
	if (a.device) {
		dev = daxlabel_target_find_dev(t, a.device);
		if (!dev) {
			cmd_error(cmd, a.target, "no device '%s'", a.device);
			rc = EXIT_OPERATIONAL;
			goto out;
		}
	}
	if (a.spec.name && !daxlabel_name_is_valid(a.spec.name)) {
		cmd_error(cmd, a.target, "invalid name '%s': at most 63 bytes of UTF-8, no '/', no control characters, not '.' or '..'",
		    a.spec.name);
		rc = EXIT_USAGE;
		goto out;
	}
	if (a.have_size) {
		uint64_t align = a.spec.align ? a.spec.align :
				 dev ? daxlabel_dev_get_align(dev) :
				 daxlabel_target_get_align(t);
		uint64_t grain = align > (2 << 20) ? align : (2 << 20);

		if (a.spec.size % grain) {
			char s1[32], s2[32];

			dl_format_size(a.spec.size, s1, sizeof(s1));
			dl_format_size(grain, s2, sizeof(s2));
			cmd_error(cmd, a.target, "invalid size %s: not a multiple of %s",
			    s1, s2);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (!strcmp(cmd, "create")) {
		rc = daxlabel_target_create_dev(t, &a.spec, &dev);
	} else if (!strcmp(cmd, "resize")) {
		char id[16];

		snprintf(id, sizeof(id), "%u", daxlabel_dev_get_id(dev));
		rc = daxlabel_dev_resize(dev, a.spec.size);
		dev = rc ? NULL : daxlabel_target_find_dev(t, id);
	} else {
		rc = daxlabel_dev_destroy(dev);
		dev = NULL;
	}
	if (rc) {
		rc = edit_errno_exit(cmd, t, cmd, rc);
	} else if (dev) {
		dl_json_dev(stdout, dev, 0, a.json_flags);
	} else {
		fprintf(stderr, "destroyed 1 device\n");
	}
out:
	daxlabel_target_unref(t);
	return rc;
}

int cmd_create(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	return edit_run(argc, argv, ctx, "create", &create_help);
}

int cmd_resize(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	return edit_run(argc, argv, ctx, "resize", &resize_help);
}

int cmd_destroy(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	return edit_run(argc, argv, ctx, "destroy", &destroy_help);
}
