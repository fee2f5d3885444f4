// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd-dump.c - daxlabel dump / restore: the label set as a JSON document.
 *
 * The document is 'list -j -M' plus "format", "version" and "base"; its
 * device objects are daxctl's (mappings with start, end, page_offset,
 * size).  restore parses and checks the whole document, then validates
 * the whole set against the target, before writing anything.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daxlabel.h"

/*
 * -o FILE: a regular file (or a new one) is written as FILE.XXXXXX and
 * renamed over FILE once complete and flushed, so a failed dump leaves
 * the previous document; anything else (a pipe, /dev/stdout) is written
 * in place.  @tmp is empty in that case.
 */
static int dump_open(const char *out, char *tmp, size_t len, FILE **f)
{
	struct stat st;
	int fd;

	tmp[0] = '\0';
	if (stat(out, &st) == 0 && !S_ISREG(st.st_mode)) {
		*f = fopen(out, "w");
	} else if ((size_t)snprintf(tmp, len, "%s.XXXXXX", out) >= len) {
		cmd_error("dump", out, "open failed: name too long");
		return EXIT_OPERATIONAL;
	} else {
		fd = mkstemp(tmp);
		*f = fd < 0 ? NULL : fdopen(fd, "w");
		if (fd >= 0 && !*f) {
			close(fd);
			unlink(tmp);
		}
	}
	if (!*f) {
		cmd_error("dump", out, "open failed: %s", strerror(errno));
		return EXIT_OPERATIONAL;
	}
	return 0;
}

/* Finish -o FILE: flush, sync and rename, or remove the partial file. */
static int dump_close(const char *out, const char *tmp, FILE *f, int rc)
{
	int err = rc ? EIO : 0;

	if (fflush(f) || ferror(f) || (tmp[0] && fsync(fileno(f))))
		err = err ? err : errno;
	if (fclose(f) && !err)
		err = errno;
	if (!err && tmp[0] && rename(tmp, out))
		err = errno;
	if (err) {
		if (tmp[0])
			unlink(tmp);
		cmd_error("dump", out, "write failed: %s; %s", strerror(err),
			  tmp[0] ? "the file is as it was" : "the output is incomplete");
		return -err;
	}
	return 0;
}

int cmd_dump(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	static const struct dl_opt opts[] = {
		{ 'o', "output", required_argument, "FILE",
		  "write the document to FILE (default: stdout)" },
		{ 0 },
	};
	static const struct dl_help help = {
		"daxlabel dump TARGET [-o FILE]", opts,
		"The document is 'daxlabel list -j -M' with the format version;\n"
		"'daxlabel restore' reads it back.",
	};
	struct daxlabel_target *t;
	const char *out = NULL;
	char tmp[4096];
	FILE *f = stdout;
	int c, rc;

	while ((c = dl_getopt(argc, argv, &help)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'h': dl_usage(stdout, &help); return EXIT_CLEAN;
		default: return usage_error("dump", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return usage_error("dump", "expected one TARGET");
	rc = open_target(ctx, "dump", argv[optind], false, &t);
	if (rc)
		return rc;
	rc = require_labelled("dump", t);
	if (!rc && out)
		rc = dump_open(out, tmp, sizeof(tmp), &f);
	if (!rc) {
		rc = dl_json_target(f, t, 0, DL_JSON_DUMP | DL_JSON_MAPPINGS);
		if (f != stdout)
			rc = dump_close(out, tmp, f, rc);
		else if (rc)
			cmd_error("dump", "stdout", "write failed");
		if (rc)
			rc = EXIT_OPERATIONAL;
	}
	daxlabel_target_unref(t);
	return rc;
}

int cmd_restore(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	enum { OPT_FROM_BACKUP = 256 };
	static const struct dl_opt opts[] = {
		{ 'i', "input", required_argument, "FILE",
		  "read the document from FILE (default: stdin)" },
		{ OPT_FROM_BACKUP, "from-backup", optional_argument, "DIR",
		  "read daxlabeld's backup of this label set,\n"
		  "DIR/<uuid>/current.json (default " DL_BACKUP_DIR ")" },
		{ 0 },
	};
	static const struct dl_help help = {
		"daxlabel restore TARGET [-i FILE | --from-backup[=DIR]]", opts,
		"The whole document is checked against the target before anything\n"
		"is written; a refused restore leaves the media as it was.",
	};
	struct dl_json_set set = { 0 };
	struct daxlabel_target *t = NULL;
	const char *in = NULL, *backup = NULL;
	char msg[256] = "", path[4096];
	bool from_backup = false, damaged;
	FILE *f = stdin;
	size_t len;
	char *text;
	int c, rc, saved;

	while ((c = dl_getopt(argc, argv, &help)) != -1) {
		switch (c) {
		case 'i': in = optarg; break;
		case OPT_FROM_BACKUP: from_backup = true; backup = optarg; break;
		case 'h': dl_usage(stdout, &help); return EXIT_CLEAN;
		default: return usage_error("restore", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return usage_error("restore", "expected one TARGET");
	if (in && from_backup)
		return usage_error("restore", "-i and --from-backup exclude each other");
	rc = open_target(ctx, "restore", argv[optind], true, &t);
	if (rc)
		return rc;
	damaged = daxlabel_target_get_state(t) == DAXLABEL_STATE_DAMAGED;
	if (!damaged) {
		rc = require_labelled("restore", t);
		if (rc)
			goto out;
	}
	if (from_backup) {
		unsigned char u[16];
		char us[37];

		/* the backup labeld keeps under the info-block's uuid */
		daxlabel_target_get_uuid(t, u);
		dl_format_uuid(u, us);
		snprintf(path, sizeof(path), "%s/%s/current.json",
			 backup ? backup : DL_BACKUP_DIR, us);
		in = path;
	}
	rc = EXIT_OPERATIONAL;
	if (in && !(f = fopen(in, "r"))) {
		cmd_error("restore", in, "open failed: %s", strerror(errno));
		goto out;
	}
	text = dl_read_all(f, DL_JSON_MAX_BYTES, &len);
	saved = errno;
	if (f != stdin)
		fclose(f);
	if (!text) {
		if (saved == EFBIG)
			cmd_error("restore", in ? in : "stdin",
				  "read failed: larger than %u MiB",
				  DL_JSON_MAX_BYTES >> 20);
		else
			cmd_error("restore", in ? in : "stdin",
				  "read failed: %s", strerror(saved));
		rc = saved == EFBIG ? EXIT_USAGE : EXIT_OPERATIONAL;
		goto out;
	}
	rc = dl_json_parse_set(text, len, &set, msg, sizeof(msg));
	free(text);
	if (rc) {
		cmd_error("restore", in ? in : "stdin", "%s",
		    rc == -EINVAL ? msg : strerror(-rc));
		rc = rc == -ENOMEM ? EXIT_OPERATIONAL : EXIT_USAGE;
		goto out;
	}
	/* labelled: one commit; every copy lost: the label area rebuilt */
	rc = daxlabel_target_rebuild(t, set.devs, set.nr_devs);
	if (rc == -ENODATA) {
		cmd_error("restore", daxlabel_target_get_path(t),
		    "the info-block is lost too: nothing to rebuild on (see 'daxlabel check')");
		rc = EXIT_OPERATIONAL;
	} else if (rc) {
		rc = edit_errno_exit("restore", t, "restore", rc);
	} else {
		fprintf(stderr, "restored %u device%s%s\n", set.nr_devs,
			set.nr_devs == 1 ? "" : "s",
			damaged ? " into a rebuilt label area" : "");
	}
out:
	daxlabel_target_unref(t);
	dl_json_free_set(&set);
	return rc;
}
