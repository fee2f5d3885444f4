// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ctx.c - the library context and the problem table.
 */
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "private.h"

DAXLABEL_EXPORT int daxlabel_new(struct daxlabel_ctx **ctx)
{
	struct daxlabel_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->refcount = 1;
	*ctx = c;
	return 0;
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
