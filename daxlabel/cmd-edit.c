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

static void edit_usage(FILE *f, const char *cmd)
{
	if (!strcmp(cmd, "create"))
		fprintf(f, "usage: daxlabel create TARGET --size SIZE [--name NAME] [--uuid UUID]\n"
			   "                       [--align SIZE] [--owner USER] [--group GROUP]\n"
			   "                       [--mode MODE] [-M]\n");
	else if (!strcmp(cmd, "resize"))
		fprintf(f, "usage: daxlabel resize TARGET DEVICE --size SIZE [-M]\n");
	else
		fprintf(f, "usage: daxlabel destroy TARGET DEVICE\n");
	fprintf(f, "\nDEVICE is an id (3 or dax0.3), a uuid or a name.\n");
}

struct edit_args {
	const char *cmd;
	const char *target;
	const char *device;
	bool have_size;
	unsigned int json_flags;
	struct daxlabel_dev_spec spec;
	unsigned char uuid[16];
};

/* Parse the options every edit command shares; returns an exit code. */
static int edit_parse(int argc, char **argv, struct edit_args *a)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "name", required_argument, NULL, 'n' },
		{ "uuid", required_argument, NULL, 'u' },
		{ "align", required_argument, NULL, 'a' },
		{ "owner", required_argument, NULL, 'o' },
		{ "group", required_argument, NULL, 'g' },
		{ "mode", required_argument, NULL, 'm' },
		{ "mappings", no_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool create = !strcmp(a->cmd, "create");
	int c, want_args = create ? 1 : 2;

	while ((c = getopt_long(argc, argv, "s:n:u:a:o:g:m:Mh", opts, NULL)) != -1) {
		if (!create && strchr("nuaogm", c)) {
			cmd_error(a->cmd, NULL, "option '%s' is only for create",
			    argv[optind - 1]);
			return EXIT_USAGE;
		}
		switch (c) {
		case 's':
			if (parse_size(optarg, &a->spec.size) || !a->spec.size) {
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
			edit_usage(stdout, a->cmd);
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
		    const char *cmd)
{
	struct edit_args a = { .cmd = cmd };
	struct daxlabel_target *t;
	struct daxlabel_dev *dev = NULL;
	int rc;

	rc = edit_parse(argc, argv, &a);
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
	return edit_run(argc, argv, ctx, "create");
}

int cmd_resize(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	return edit_run(argc, argv, ctx, "resize");
}

int cmd_destroy(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	return edit_run(argc, argv, ctx, "destroy");
}
