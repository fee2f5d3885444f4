// SPDX-License-Identifier: GPL-2.0-only
/*
 * memmedia.c - an in-memory namespace behind struct dxl_media_ops.
 */
#include <stdlib.h>

#include "memmedia.h"

static bool memmedia_range_ok(const struct memmedia *m, u64 off, size_t len)
{
	return off <= m->size && len <= m->size - off;
}

static int memmedia_read(void *ctx, u64 off, void *buf, size_t len)
{
	struct memmedia *m = ctx;
	unsigned int i;

	m->reads++;
	if (!memmedia_range_ok(m, off, len))
		return -EIO;
	for (i = 0; i < m->nr_bad && len; i++)
		if (off / MEM_SECTOR <= m->bad[i] &&
		    (off + len - 1) / MEM_SECTOR >= m->bad[i])
			return -EIO;
	memcpy(buf, m->bytes + off, len);
	return 0;
}

static int memmedia_write(void *ctx, u64 off, const void *buf, size_t len)
{
	struct memmedia *m = ctx;

	if (!memmedia_range_ok(m, off, len))
		return -EIO;
	if (m->fail_after && m->writes >= m->fail_after)
		return -EIO;
	m->writes++;
	m->bytes_written += len;
	memcpy(m->bytes + off, buf, len);
	return 0;
}

static int memmedia_persist(void *ctx, u64 off, size_t len)
{
	struct memmedia *m = ctx;

	(void)off;
	(void)len;
	m->persists++;
	return 0;
}

const struct dxl_media_ops memmedia_ops = {
	.read = memmedia_read,
	.write = memmedia_write,
	.persist = memmedia_persist,
};

int memmedia_init(struct memmedia *m, u64 size)
{
	memset(m, 0, sizeof(*m));
	m->bytes = calloc(1, size);
	if (!m->bytes)
		return -ENOMEM;
	m->size = size;
	return 0;
}

void memmedia_bad_sector(struct memmedia *m, u64 sector)
{
	if (m->nr_bad < sizeof(m->bad) / sizeof(m->bad[0]))
		m->bad[m->nr_bad++] = sector;
}

void memmedia_free(struct memmedia *m)
{
	free(m->bytes);
	m->bytes = NULL;
}
