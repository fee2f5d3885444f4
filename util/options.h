/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util/options.h - a program's options as one table: getopt_long()'s
 * entries and the --help text both come from it (ndctl's OPT_*).
 */
#ifndef DAXLABEL_UTIL_OPTIONS_H
#define DAXLABEL_UTIL_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

/*
 * One option.  A @val above 255 is a long-only option.  A table ends
 * with an entry whose @name is NULL; -h/--help is added to every table.
 */
struct dl_opt {
	int val;
	const char *name;
	int has_arg;		/* no_argument, required_argument, ... */
	const char *arg;	/* the argument as --help names it: "SIZE" */
	const char *help;	/* one line; '\n' continues it aligned */
};

/* What --help prints: usage line(s), the options, a closing paragraph. */
struct dl_help {
	const char *usage;		/* after "usage: " */
	const struct dl_opt *opts;	/* NULL: only --help */
	const char *footer;		/* or NULL */
};

#define DL_OPTS_MAX	16

int dl_getopt(int argc, char **argv, const struct dl_help *h);
bool dl_has_opt(const struct dl_help *h, int val);
const char *dl_opt_name(const struct dl_help *h, int val);
void dl_usage(FILE *f, const struct dl_help *h);

#endif /* DAXLABEL_UTIL_OPTIONS_H */
