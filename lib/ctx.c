// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ctx.c - the library context and the problem table.
 */
#define _GNU_SOURCE	/* secure_getenv() */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "private.h"

__attribute__((format(printf, 6, 0)))
static void dl_log_stderr(struct daxlabel_ctx *ctx, int priority,
			  const char *file, int line, const char *fn,
			  const char *format, va_list args)
{
	fprintf(stderr, "libdaxlabel: %s: ", fn);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
}

void dl_log(struct daxlabel_ctx *ctx, int priority, const char *file,
	    int line, const char *fn, const char *format, ...)
{
	va_list args;
	int saved = errno;	/* a log call never changes the caller's errno */

	va_start(args, format);
	ctx->log_fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
	errno = saved;
}

/* "err", "info", "debug" or a number 0..7; anything else is 0 (off). */
static int dl_log_priority_of(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	if (!strcmp(s, "err"))
		return DL_LOG_ERR;
	if (!strcmp(s, "info"))
		return DL_LOG_INFO;
	if (!strcmp(s, "debug"))
		return DL_LOG_DEBUG;
	v = strtol(s, &end, 10);
	return *end || v < 0 || v > DL_LOG_DEBUG ? 0 : (int)v;
}

DAXLABEL_EXPORT int daxlabel_new(struct daxlabel_ctx **ctx)
{
	struct daxlabel_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->refcount = 1;
	c->log_fn = dl_log_stderr;
	c->log_priority = dl_log_priority_of(secure_getenv("DAXLABEL_LOG"));
	*ctx = c;
	return 0;
}

/* NULL restores the default (stderr). */
DAXLABEL_EXPORT void daxlabel_set_log_fn(struct daxlabel_ctx *ctx,
					 daxlabel_log_fn log_fn)
{
	if (ctx)
		ctx->log_fn = log_fn ? log_fn : dl_log_stderr;
}

DAXLABEL_EXPORT int daxlabel_get_log_priority(struct daxlabel_ctx *ctx)
{
	return ctx ? ctx->log_priority : 0;
}

DAXLABEL_EXPORT void daxlabel_set_log_priority(struct daxlabel_ctx *ctx,
					       int priority)
{
	if (ctx)
		ctx->log_priority = priority;
}

DAXLABEL_EXPORT struct daxlabel_ctx *daxlabel_ref(struct daxlabel_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

DAXLABEL_EXPORT struct daxlabel_ctx *daxlabel_unref(struct daxlabel_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return NULL;
	free(ctx);
	return NULL;
}

/* The format's rule: <= 63 bytes of UTF-8, no '/', no controls, not . or .. */
DAXLABEL_EXPORT bool daxlabel_name_is_valid(const char *name)
{
	return name && dxl_name_valid(name, strlen(name));
}

/* The format's rule, the kernel's dax_align_valid(): 4 KiB, 2 MiB or 1 GiB. */
DAXLABEL_EXPORT bool daxlabel_align_is_valid(uint64_t align)
{
	return dxl_align_valid(align);
}

/* The format's rule: a multiple of 8 KiB from 16 KiB to 64 MiB. */
DAXLABEL_EXPORT bool daxlabel_label_size_is_valid(uint64_t label_size)
{
	return dxl_label_size_valid(label_size);
}

/**
 * daxlabel_uuid_parse() - a uuid as the tools and the JSON documents write it
 * @s: 36 characters, 8-4-4-4-12 hex digits, either case
 * @out: the 16 bytes
 *
 * Return: true when @s is exactly such a uuid (nothing before or after).
 */
DAXLABEL_EXPORT bool daxlabel_uuid_parse(const char *s, unsigned char out[16])
{
	return s && strlen(s) == 36 && uuid_parse(s, out) == 0;
}

DAXLABEL_EXPORT const char *daxlabel_problem_name(int problem)
{
	return dxl_problem_name((enum dxl_problem)problem);
}

DAXLABEL_EXPORT const char *daxlabel_problem_text(int problem)
{
	return dxl_problem_text((enum dxl_problem)problem);
}
