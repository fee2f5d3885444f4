// SPDX-License-Identifier: GPL-2.0-only
/*
 * options.c - command-line options and their --help from one table.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/options.h"

static const struct dl_opt help_opt = {
	'h', "help", no_argument, NULL, "show this help",
};

static const struct dl_opt *opt_at(const struct dl_help *h, size_t i)
{
	return h->opts && h->opts[i].name ? &h->opts[i] : NULL;
}

/*
 * getopt_long() over @h's table: the option's val, -1 after the last
 * option, '?' for an unknown one (getopt has said which), 'h' for help
 * (the caller prints dl_usage()).  The table is rebuilt on each call;
 * getopt's state lives in optind and argv, not in it.
 */
int dl_getopt(int argc, char **argv, const struct dl_help *h)
{
	struct option lo[DL_OPTS_MAX + 2];
	char so[3 * (DL_OPTS_MAX + 1) + 1], *p = so;
	const struct dl_opt *o;
	size_t i, n = 0;

	for (i = 0; i <= DL_OPTS_MAX; i++) {
		o = opt_at(h, i);
		if (!o)
			o = &help_opt;
		lo[n++] = (struct option){ o->name, o->has_arg, NULL, o->val };
		if (o->val < 256) {
			*p++ = (char)o->val;
			if (o->has_arg != no_argument)
				*p++ = ':';
			if (o->has_arg == optional_argument)
				*p++ = ':';
		}
		if (o == &help_opt)
			break;
	}
	if (o != &help_opt)
		abort();	/* a table longer than DL_OPTS_MAX: a bug */
	*p = '\0';
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	return getopt_long(argc, argv, so, lo, NULL);
}

/* The long name of @val in @h's table ("help" for 'h'), or "?". */
const char *dl_opt_name(const struct dl_help *h, int val)
{
	const struct dl_opt *o;
	size_t i;

	for (i = 0; (o = opt_at(h, i)); i++)
		if (o->val == val)
			return o->name;
	return val == 'h' ? help_opt.name : "?";
}

bool dl_has_opt(const struct dl_help *h, int val)
{
	const struct dl_opt *o;
	size_t i;

	for (i = 0; (o = opt_at(h, i)); i++)
		if (o->val == val)
			return true;
	return val == 'h';
}

/* "usage: ..." and one line per option, the help column at 26. */
void dl_usage(FILE *f, const struct dl_help *h)
{
	const struct dl_opt *o;
	const char *line, *nl;
	size_t i;
	int w;

	fprintf(f, "usage: %s\n\n", h->usage);
	for (i = 0; ; i++) {
		o = opt_at(h, i);
		if (!o)
			o = &help_opt;
		if (o->val < 256)
			w = fprintf(f, "  -%c, --%s", o->val, o->name);
		else
			w = fprintf(f, "      --%s", o->name);
		if (o->arg)
			w += fprintf(f, o->has_arg == optional_argument ?
				     "[=%s]" : " %s", o->arg);
		for (line = o->help; line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			fprintf(f, "%*s%.*s\n", w < 25 ? 26 - w : 1, "",
				nl ? (int)(nl - line) : (int)strlen(line), line);
			w = 0;
		}
		if (o == &help_opt)
			break;
	}
	if (h->footer)
		fprintf(f, "\n%s\n", h->footer);
}
