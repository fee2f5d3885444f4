// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-commit.c - what one commit costs on media: bytes written, write
 * calls and flush points (dxl_media_ops.persist, nvdimm_flush() in the
 * kernel, which runs the same format/ code), and the CPU time of the
 * commit itself, with 16, 1000 and 4096 devices present.  The commit adds
 * one 2 MiB device, as 'daxctl create-device -s 2M' does.
 * A benchmark, not a test: it prints figures and fails only on errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../support/memmedia.h"
#include "../support/testset.h"
#include "../../lib/store.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* @n 2 MiB devices at the start of the data area */
static int make_set(struct dxl_set *s, u32 n)
{
	u32 i;

	memset(s, 0, sizeof(*s));
	s->devs = calloc(n, sizeof(*s->devs));
	if (!s->devs)
		return -1;
	for (i = 0; i < n; i++) {
		struct dxl_range *r = malloc(sizeof(*r));

		if (!r)
			return -1;
		r->offset = (u64)i * 2 * MiB;
		r->length = 2 * MiB;
		test_dev(&s->devs[i], i, NULL, r, 1);
	}
	s->nr_devs = n;
	return 0;
}

static int bench(u32 n)
{
	struct dxl_set with, without;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_verdict v;
	struct memmedia m;
	unsigned long w0, p0;
	u64 b0, ns = ((u64)n + 16) * 2 * MiB + 4 * MiB;
	double best = 1e18;
	int r, rc = -1;

	if (memmedia_init(&m, ns) || make_set(&with, n + 1))
		return -1;
	without = with;
	without.nr_devs = n;
	if (dxl_geometry_plan(0, ns, DXL_LABEL_SIZE_DEFAULT, 2 * MiB, &g) ||
	    dl_store_format(&memmedia_ops, &m, &g) ||
	    dl_store_open(&st, &memmedia_ops, &m, ns, 0) ||
	    dl_store_commit(&st, &without, &v))
		goto out;
	w0 = m.writes;
	p0 = m.persists;
	b0 = m.bytes_written;
	if (dl_store_commit(&st, &with, &v))
		goto out_close;
	printf("bench-commit: %u devices present: one create writes %llu bytes in %lu writes, %lu flush points",
	       n, (unsigned long long)(m.bytes_written - b0), m.writes - w0,
	       m.persists - p0);
	/* CPU cost: best of 20 create/destroy pairs, per commit */
	for (r = 0; r < 20; r++) {
		double t0 = now_us();

		if (dl_store_commit(&st, &without, &v) ||
		    dl_store_commit(&st, &with, &v))
			goto out_close;
		if ((now_us() - t0) / 2 < best)
			best = (now_us() - t0) / 2;
	}
	printf(", %.0f us of CPU (memory media)\n", best);
	rc = 0;
out_close:
	dl_store_close(&st);
out:
	memmedia_free(&m);
	dl_set_free(&with);
	return rc;
}

int main(void)
{
	static const u32 counts[] = { 16, 1000, 4096 };
	unsigned int i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		if (bench(counts[i])) {
			fprintf(stderr, "bench-commit: %u devices: failed\n",
				counts[i]);
			return 1;
		}
	}
	return 0;
}
