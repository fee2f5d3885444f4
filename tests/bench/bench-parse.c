// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-parse.c - parse + validate of label sets versus CRC32 alone.
 *
 * For sets of 64, 1024 and 4096 single-range devices, laid out as the
 * allocator makes them (address order) and shuffled (worst case for the
 * overlap check), time dxl_set_validate() + dxl_set_decode() and zlib's
 * crc32() over the same bytes.  Target: ratio <= 2 in allocation order.
 * A benchmark, not a test: it prints figures and fails only on errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../support/testset.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Seconds per call of @fn, over enough calls to take ~0.2 s, best of 5. */
#define TIME_PER_CALL(result, body)					\
	do {								\
		double best_ = 1e9;					\
		int r_;							\
		unsigned long n_ = 1, i_;				\
		for (;;) {						\
			double t0_ = now();				\
			for (i_ = 0; i_ < n_; i_++) { body; }		\
			if (now() - t0_ > 0.02)				\
				break;					\
			n_ *= 2;					\
		}							\
		n_ *= 10;						\
		for (r_ = 0; r_ < 5; r_++) {				\
			double t0_ = now(), t_;				\
			for (i_ = 0; i_ < n_; i_++) { body; }		\
			t_ = (now() - t0_) / n_;			\
			if (t_ < best_)					\
				best_ = t_;				\
		}							\
		result = best_;						\
	} while (0)

static volatile u32 sink;

static int bench(u32 n, bool shuffled, double *ratio)
{
	struct dxl_geometry g;
	struct dxl_set set = { 0 };
	struct dxl_dev *devs = calloc(n, sizeof(*devs));
	struct dxl_dev *out = calloc(n, sizeof(*out));
	struct dxl_range *r = calloc(n, sizeof(*r));
	struct dxl_range *rout = calloc(n, sizeof(*rout));
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct dxl_set back;
	struct test_bufs b;
	double t_parse, t_crc;
	u32 i;

	test_geometry(&g, 64 * GiB);
	test_bufs_init(&b, &g);
	for (i = 0; i < n; i++) {
		r[i].offset = (u64)i * 2 * MiB;
		r[i].length = 2 * MiB;
	}
	if (shuffled) {
		srand(42);
		for (i = n - 1; i > 0; i--) {
			u32 j = (u32)rand() % (i + 1);
			struct dxl_range t = r[i];

			r[i] = r[j];
			r[j] = t;
		}
	}
	for (i = 0; i < n; i++) {
		char name[16];

		snprintf(name, sizeof(name), "dev%u", i);
		test_dev(&devs[i], i, name, &r[i], 1);
		devs[i].uuid[8] = (u8)(i >> 16);
	}
	set.devs = devs;
	set.nr_devs = n;
	if (dxl_set_encode(&set, &g, 1, b.copy, b.copy_len, b.scratch,
			   b.scratch_len, &info, &v)) {
		fprintf(stderr, "bench: encode of %u devices failed: %s\n", n,
			dxl_problem_name(v.problem));
		return 1;
	}
	TIME_PER_CALL(t_parse, {
		if (dxl_set_validate(b.copy, b.copy_len, &g, b.scratch,
				     b.scratch_len, &info, &v) ||
		    dxl_set_decode(b.copy, &info, &back, out, n, rout, n))
			abort();
	});
	TIME_PER_CALL(t_crc, {
		sink = (u32)crc32(0, b.copy, (uInt)info.bytes);
	});
	*ratio = t_parse / t_crc;
	printf("bench-parse: %4u devices %-9s %7llu bytes: parse+validate %8.1f us, crc32 %8.1f us, ratio %.2f\n",
	       n, shuffled ? "shuffled" : "in-order",
	       (unsigned long long)info.bytes, t_parse * 1e6, t_crc * 1e6,
	       *ratio);
	test_bufs_free(&b);
	free(devs);
	free(out);
	free(r);
	free(rout);
	return 0;
}

int main(void)
{
	static const u32 sizes[] = { 64, 1024, 4096 };
	double ratio, worst = 0;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (bench(sizes[i], false, &ratio))
			return 1;
		if (ratio > worst)
			worst = ratio;
		if (bench(sizes[i], true, &ratio))
			return 1;
	}
	printf("bench-parse: worst in-order ratio %.2f (target <= 2): %s\n",
	       worst, worst <= 2.0 ? "met" : "NOT met");
	return 0;
}
