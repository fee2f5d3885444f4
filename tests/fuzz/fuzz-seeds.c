// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-seeds.c - write seed corpora of valid images for the harnesses.
 *
 * usage: fuzz-seeds SET_DIR MEDIA_DIR
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../lib/store.h"
#include "../support/memmedia.h"
#include "fuzz-common.h"

#define MiB (1ULL << 20)

static void put(const char *dir, const char *name, u8 ctl, u8 bad,
		bool media, const void *buf, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fputc(ctl, f) == EOF || (media && fputc(bad, f) == EOF) ||
	    fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/*
 * As many empty devices as a copy holds, on a namespace large enough that
 * the 2 MiB grain bound allows them all: records of 128 bytes, the
 * smallest there are.
 */
static int empty_devices_seed(const char *dir)
{
	static u8 buf[FUZZ_COPY_SIZE], scratch[FUZZ_SCRATCH_SIZE];
	static struct dxl_dev devs[FUZZ_COPY_SIZE / DXL_REC_FIXED_SIZE];
	struct dxl_set set = { .devs = devs };
	struct dxl_geometry geo;
	struct dxl_set_info info;
	struct dxl_verdict v;

	if (dxl_geometry_plan(0, 1ULL << 30, DXL_LABEL_SIZE_MIN, 2 * MiB, &geo))
		return 1;
	memset(geo.uuid, 0x77, sizeof(geo.uuid));
	for (;;) {
		struct dxl_dev *d = &devs[set.nr_devs];

		d->id = set.nr_devs;
		d->uuid[0] = 1 + set.nr_devs % 255;
		d->uuid[1] = 1 + set.nr_devs / 255;
		d->align = 2 * MiB;
		set.nr_devs++;
		if (dxl_set_encode(&set, &geo, 1, buf, sizeof(buf), scratch,
				   sizeof(scratch), &info, &v)) {
			set.nr_devs--;
			break;
		}
	}
	if (!set.nr_devs || dxl_set_encode(&set, &geo, 1, buf, sizeof(buf),
					   scratch, sizeof(scratch), &info, &v))
		return 1;
	put(dir, "set-own-empty", 2, 0, false, buf, (size_t)info.bytes);
	printf("fuzz-seeds: set-own-empty holds %u empty devices\n",
	       set.nr_devs);
	return 0;
}

int main(int argc, char **argv)
{
	struct dxl_range r0[] = { { 0, 4 * MiB }, { 20 * MiB, 2 * MiB } };
	struct dxl_range r1[] = { { 4 * MiB, 16 * MiB } };
	struct dxl_range r2[] = { { 30 * MiB, 2 * MiB } };
	struct dxl_dev devs[3] = {
		{ .id = 0, .uuid = { 1 }, .name = "alpha", .align = 2 * MiB,
		  .nr_ranges = 2, .ranges = r0 },
		{ .id = 1, .uuid = { 2 }, .name = "beta", .align = 2 * MiB,
		  .nr_ranges = 1, .ranges = r1 },
		{ .id = 7, .uuid = { 3 }, .align = 2 * MiB,
		  .flags = DXL_DEV_F_OWNER, .uid = 1000, .gid = 6,
		  .mode = 0660, .nr_ranges = 1, .ranges = r2 },
	};
	struct dxl_geometry geo;
	struct memmedia m;
	struct dl_store st;
	unsigned int n;
	char name[32];

	if (argc != 3) {
		fprintf(stderr, "usage: fuzz-seeds SET_DIR MEDIA_DIR\n");
		return 2;
	}
	fuzz_geometry(&geo);
	if (memmedia_init(&m, FUZZ_MEDIA_MAX) ||
	    dl_store_format(&memmedia_ops, &m, &geo))
		return 1;
	/* 0 to 3 devices; 4: the three, beta at size 0 (EMPTY_DEVS) */
	for (n = 0; n <= 4; n++) {
		struct dxl_set set = { .nr_devs = n < 3 ? n : 3, .devs = devs };

		if (n == 4)
			devs[1].nr_ranges = 0;

		if (dl_store_open(&st, &memmedia_ops, &m, 0, 0) ||
		    (n && dl_store_commit(&st, &set, NULL)))
			return 1;
		snprintf(name, sizeof(name), "set-%u", n);
		put(argv[1], name, 0, 0, false, st.bufs[0],
		    (size_t)st.ld.copy[0].info.bytes);
		snprintf(name, sizeof(name), "set-own-%u", n);
		put(argv[1], name, 2, 0, false, st.bufs[0],
		    (size_t)st.ld.copy[0].info.bytes);
		snprintf(name, sizeof(name), "media-%u", n);
		put(argv[2], name, 0, 0, true, m.bytes, (size_t)m.size);
		snprintf(name, sizeof(name), "media-bad-%u", n);
		put(argv[2], name, 4, 9, true, m.bytes, (size_t)m.size);
		dl_store_close(&st);
	}
	memmedia_free(&m);
	return empty_devices_seed(argv[1]);
}
