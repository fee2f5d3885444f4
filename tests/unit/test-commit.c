// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-commit.c - the pair of copies: format, load, select, commit,
 * resync, refusals, and recovery from every single bad sector.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../support/memmedia.h"
#include "../support/testset.h"
#include "../../lib/store.h"

#define NS_SIZE (16 * MiB)	/* 14 MiB data area */

static struct dxl_range ra[] = { { 0, 4 * MiB } };
static struct dxl_range rb[] = { { 0, 4 * MiB }, { 8 * MiB, 2 * MiB } };

/* Set A: one device; set B: that device grown, plus another. */
static void set_a(struct dxl_set *s, struct dxl_dev *d)
{
	memset(s, 0, sizeof(*s));
	test_dev(&d[0], 0, "a", ra, 1);
	s->devs = d;
	s->nr_devs = 1;
}

static struct dxl_range rb1[] = { { 4 * MiB, 4 * MiB } };

static void set_b(struct dxl_set *s, struct dxl_dev *d)
{
	memset(s, 0, sizeof(*s));
	test_dev(&d[0], 0, "a", rb, 2);
	test_dev(&d[1], 1, "b", rb1, 1);
	s->devs = d;
	s->nr_devs = 2;
}

static void formatted(struct memmedia *m, struct dxl_geometry *g)
{
	assert_int_equal(memmedia_init(m, NS_SIZE), 0);
	test_geometry(g, NS_SIZE);
	assert_int_equal(dl_store_format(&memmedia_ops, m, g), 0);
}

static void commit(struct memmedia *m, const struct dxl_set *s)
{
	struct dl_store st;
	struct dxl_verdict v;

	assert_int_equal(dl_store_open(&st, &memmedia_ops, m, NS_SIZE, 0), 0);
	assert_int_equal(dl_store_commit(&st, s, &v), 0);
	dl_store_close(&st);
}

static void test_format_and_open(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;

	formatted(&m, &g);
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_int_equal(st.set.nr_devs, 0);
	assert_true(st.set.generation == 1);
	assert_int_equal(st.ld.problem, DXL_P_OK);
	assert_int_equal(st.ld.auth, 0);
	assert_memory_equal(&st.ld.geo, &g, sizeof(g));
	dl_store_close(&st);
	/* the first 4 KiB are not ours */
	assert_true(m.bytes[0] == 0 && m.bytes[4095] == 0);
	memmedia_free(&m);
}

static void test_not_labelled(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dxl_info_block *ib;
	struct dl_store st;

	assert_int_equal(memmedia_init(&m, NS_SIZE), 0);
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0),
			 -EINVAL);
	assert_int_equal(st.ld.info_verdict.problem, DXL_P_INFO_BAD_SIGNATURE);
	dl_store_close(&st);
	/* a plain devdax info-block, as ndctl writes it */
	test_geometry(&g, NS_SIZE);
	ib = (struct dxl_info_block *)(m.bytes + DXL_INFO_OFFSET);
	dxl_info_encode(&g, ib);
	ib->flags = 0;
	ib->version_minor = cpu_to_le16(4);
	ib->checksum = cpu_to_le64(dxl_info_checksum(ib));
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0),
			 -ENODATA);
	assert_int_equal(st.ld.info_verdict.problem, DXL_P_INFO_NOT_LABELLED);
	dl_store_close(&st);
	memmedia_free(&m);
}

static void test_commit_round_trip(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_set a, b;
	struct dxl_dev da[1], db[2];
	struct dxl_commit_plan plan;
	u64 gen;

	formatted(&m, &g);
	set_a(&a, da);
	set_b(&b, db);
	for (gen = 2; gen < 6; gen++) {
		const struct dxl_set *want = gen & 1 ? &b : &a;

		assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0),
				 0);
		/* steady state: both copies equal, copy 1 is written first */
		assert_int_equal(dxl_commit_plan(&st.ld, &plan), 0);
		assert_int_equal(plan.first, 1);
		assert_true(plan.generation == gen);
		assert_int_equal(dl_store_commit(&st, want, NULL), 0);
		assert_true(dl_set_equal(&st.set, want));
		dl_store_close(&st);
		assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0),
				 0);
		assert_true(st.set.generation == gen);
		assert_true(dl_set_equal(&st.set, want));
		assert_int_equal(st.ld.problem, DXL_P_OK);
		dl_store_close(&st);
	}
	memmedia_free(&m);
}

/*
 * A write error after the first copy is durable: the commit point has
 * passed, so the store holds the new set with the second copy stale, and
 * a fresh load agrees.  An error on the first copy changes nothing.
 */
static void test_commit_write_errors(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_set a, b;
	struct dxl_dev da[1], db[2];
	unsigned long before;

	(void)state;
	formatted(&m, &g);
	set_a(&a, da);
	set_b(&b, db);
	commit(&m, &a);

	/* first copy fails: old set everywhere, store must be reopened */
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	m.fail_after = m.writes;
	assert_int_equal(dl_store_commit(&st, &b, NULL), -EIO);
	assert_int_equal(st.ld.auth, -1);
	dl_store_close(&st);
	m.fail_after = 0;
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_true(dl_set_equal(&st.set, &a));
	assert_int_equal(st.ld.problem, DXL_P_OK);

	/* second copy fails: committed, degraded, resync repairs */
	before = m.writes;
	m.fail_after = before + 1;
	assert_int_equal(dl_store_commit(&st, &b, NULL), 0);
	assert_int_equal(st.ld.auth, 1);
	assert_int_equal(st.ld.resync, 1U << 0);
	/*
	 * in memory the failed copy's contents are unknown (old or torn):
	 * invalid because its write failed, not unreadable
	 */
	assert_int_equal(st.ld.problem, DXL_P_COPY_INVALID);
	assert_int_equal(st.ld.copy[0].verdict.problem,
			 DXL_P_COPY_WRITE_FAILED);
	assert_true(dl_set_equal(&st.set, &b));
	m.fail_after = 0;
	dl_store_close(&st);
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_true(dl_set_equal(&st.set, &b));
	assert_int_equal(st.ld.problem, DXL_P_COPY_STALE);
	assert_int_equal(dl_store_resync(&st), 0);
	assert_int_equal(st.ld.problem, DXL_P_OK);
	dl_store_close(&st);
	memmedia_free(&m);
}

/* ---- every combination of copy states ---- */

enum cstate { C_OLD, C_NEW, C_TORN, C_EMPTY, C_UNREADABLE, C_INC_NEW,
	      C_INC_OLD, C_NR };
static const char *const cname[] = { "old", "new", "torn", "empty",
				     "unreadable", "incompat-new",
				     "incompat-old" };

/* The rules of Documentation/daxlabel-format.txt, "Recovery". */
static void expect(enum cstate s0, enum cstate s1, int *rc, int *auth,
		   u64 *gen, enum dxl_problem *problem)
{
	enum cstate s[2] = { s0, s1 };
	u64 g[2];
	int i, best = -1;

	for (i = 0; i < 2; i++)
		g[i] = s[i] == C_OLD ? 2 : s[i] == C_NEW ? 3 : 0;
	for (i = 0; i < 2; i++)
		if (g[i] && (best < 0 || g[i] > g[best]))
			best = i;
	for (i = 0; i < 2; i++) {
		if (s[i] == C_INC_NEW || (s[i] == C_INC_OLD && best < 0)) {
			*rc = -EOPNOTSUPP;
			*auth = -1;
			*problem = DXL_P_SET_UNKNOWN_INCOMPAT;
			return;
		}
	}
	*auth = best;
	if (best < 0) {
		*rc = s0 == C_UNREADABLE && s1 == C_UNREADABLE ? -EIO : -EINVAL;
		*problem = DXL_P_NO_VALID_COPY;
		return;
	}
	*rc = 0;
	*gen = g[best];
	if (s[!best] == C_UNREADABLE)
		*problem = DXL_P_COPY_UNREADABLE;
	else if (!g[!best])
		*problem = DXL_P_COPY_INVALID;
	else if (g[!best] < g[best])
		*problem = DXL_P_COPY_STALE;
	else
		*problem = DXL_P_OK;
}

static void test_selection_matrix(void **state)
{
	struct memmedia old_img, new_img;
	struct dxl_geometry g;
	struct dxl_set a, b;
	struct dxl_dev da[1], db[2];
	u64 copy_size, c0, c1;
	int s0, s1;

	/* old_img: set A at generation 2; new_img: set B at generation 3 */
	formatted(&old_img, &g);
	set_a(&a, da);
	set_b(&b, db);
	commit(&old_img, &a);
	assert_int_equal(memmedia_init(&new_img, NS_SIZE), 0);
	memcpy(new_img.bytes, old_img.bytes, NS_SIZE);
	commit(&new_img, &b);
	copy_size = dxl_copy_size(&g);
	c0 = dxl_copy_offset(&g, 0);
	c1 = dxl_copy_offset(&g, 1);

	for (s0 = 0; s0 < C_NR; s0++) {
		for (s1 = 0; s1 < C_NR; s1++) {
			enum cstate s[2] = { s0, s1 };
			struct memmedia m;
			struct dl_store st;
			enum dxl_problem want_problem;
			int want_rc, want_auth, i, rc;
			u64 want_gen = 0;

			assert_int_equal(memmedia_init(&m, NS_SIZE), 0);
			memcpy(m.bytes, old_img.bytes, NS_SIZE);
			for (i = 0; i < 2; i++) {
				u64 off = i ? c1 : c0;
				u8 *p = m.bytes + off;
				struct dxl_set_header *h = (void *)p;

				switch (s[i]) {
				case C_OLD:
					break;
				case C_NEW:
					memcpy(p, new_img.bytes + off, copy_size);
					break;
				case C_TORN:
					memcpy(p, new_img.bytes + off, copy_size);
					p[300] ^= 0x40;
					break;
				case C_EMPTY:
					memset(p, 0, copy_size);
					break;
				case C_UNREADABLE:
					memmedia_bad_sector(&m, off / MEM_SECTOR);
					break;
				case C_INC_NEW:
				case C_INC_OLD:
					if (s[i] == C_INC_NEW)
						memcpy(p, new_img.bytes + off,
						       copy_size);
					else
						h->generation = cpu_to_le64(1);
					h->incompat = cpu_to_le32(0x80);
					h->crc = cpu_to_le32(dxl_crc32(dxl_crc32(0, p, 252),
						p + 256, le64_to_cpu(h->records_bytes)));
					break;
				default:
					break;
				}
			}
			expect(s0, s1, &want_rc, &want_auth, &want_gen,
			       &want_problem);
			rc = dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0);
			if (rc != want_rc || st.ld.auth != want_auth ||
			    st.ld.problem != want_problem ||
			    (!rc && st.set.generation != want_gen))
				fail_msg("copy0 %s copy1 %s: rc %d auth %d %s gen %llu; want rc %d auth %d %s gen %llu",
					 cname[s0], cname[s1], rc, st.ld.auth,
					 dxl_problem_name(st.ld.problem),
					 (unsigned long long)st.set.generation,
					 want_rc, want_auth,
					 dxl_problem_name(want_problem),
					 (unsigned long long)want_gen);
			if (!rc)
				assert_true(dl_set_equal(&st.set,
						want_gen == 3 ? &b : &a));
			/* a usable set with a bad other copy: resync fixes it */
			if (!rc && want_problem != DXL_P_OK) {
				assert_int_equal(st.ld.resync, 1U << !want_auth);
				m.nr_bad = 0;
				assert_int_equal(dl_store_resync(&st), 0);
				dl_store_close(&st);
				assert_int_equal(dl_store_open(&st, &memmedia_ops,
							       &m, NS_SIZE, 0), 0);
				assert_int_equal(st.ld.problem, DXL_P_OK);
				assert_true(st.set.generation == want_gen);
			}
			dl_store_close(&st);
			memmedia_free(&m);
		}
	}
	memmedia_free(&old_img);
	memmedia_free(&new_img);
}

static void test_diverged(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_set a;
	struct dxl_dev da[1];
	struct dxl_dev_record *r;
	u8 *p;

	formatted(&m, &g);
	set_a(&a, da);
	commit(&m, &a);
	/* copy 1: same generation, another (valid) name */
	p = m.bytes + dxl_copy_offset(&g, 1);
	r = (struct dxl_dev_record *)(p + 256);
	r->name[0] = 'z';
	((struct dxl_set_header *)p)->crc = cpu_to_le32(dxl_crc32(
		dxl_crc32(0, p, 252), p + 256, 144));
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_int_equal(st.ld.problem, DXL_P_COPY_DIVERGED);
	assert_int_equal(st.ld.auth, 0);
	assert_string_equal(st.set.devs[0].name, "a");
	dl_store_close(&st);
	memmedia_free(&m);
}

/*
 * Rewrite the 4 bytes at @pos of @buf (@len bytes) so that the CRC32 of
 * @buf is @want: the CRC is affine in the message bits, so solve the 32
 * by 32 system over GF(2) for the window's bits.
 */
static void forge_crc(u8 *buf, size_t len, size_t pos, u32 want)
{
	u32 col[32], base, rhs, x = 0;
	unsigned int i, j, row[32];
	int piv;

	memset(buf + pos, 0, 4);
	base = dxl_crc32(0, buf, len);
	for (i = 0; i < 32; i++) {
		buf[pos + i / 8] = (u8)(1U << (i % 8));
		col[i] = dxl_crc32(0, buf, len) ^ base;
		buf[pos + i / 8] = 0;
		row[i] = 1U << i;	/* which window bits make up col[i] */
	}
	rhs = want ^ base;
	/* Gaussian elimination on the columns: col[i] gets a leading bit */
	for (j = 0, i = 0; j < 32 && i < 32; j++) {
		unsigned int k;
		u32 t;
		unsigned int tr;

		for (piv = -1, k = i; k < 32; k++)
			if (col[k] >> (31 - j) & 1) {
				piv = (int)k;
				break;
			}
		if (piv < 0)
			continue;
		t = col[i], col[i] = col[piv], col[piv] = t;
		tr = row[i], row[i] = row[piv], row[piv] = tr;
		for (k = 0; k < 32; k++)
			if (k != i && (col[k] >> (31 - j) & 1)) {
				col[k] ^= col[i];
				row[k] ^= row[i];
			}
		if (rhs >> (31 - j) & 1) {
			rhs ^= col[i];
			x ^= row[i];
		}
		i++;
	}
	assert_int_equal(rhs, 0);
	for (i = 0; i < 4; i++)
		buf[pos + i] = (u8)(x >> (8 * i));
	assert_int_equal(dxl_crc32(0, buf, len), want);
}

/*
 * Copies at one generation with the same length and the same CRC but
 * other bytes (no crash makes them, a CRC collision or a buggy writer
 * does): diverged, and resync makes copy 1 copy 0's bytes again.
 */
static void test_diverged_same_crc(void **state)
{
	const size_t hdr = sizeof(struct dxl_set_header);
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_set a;
	struct dxl_dev da[1];
	u8 *p0, *p1, buf[256 + 144];
	u32 crc;

	formatted(&m, &g);
	set_a(&a, da);
	commit(&m, &a);
	p0 = m.bytes + dxl_copy_offset(&g, 0);
	p1 = m.bytes + dxl_copy_offset(&g, 1);
	assert_memory_equal(p0, p1, sizeof(buf));
	crc = le32_to_cpu(((struct dxl_set_header *)p1)->crc);
	/* the CRC covers [0, 252) and the records: forge it over both */
	memcpy(buf, p1, 252);
	memcpy(buf + 252, p1 + hdr, 144);
	{
		/* buf + 252 is not 8-aligned: store the field bytewise */
		__le32 gid = cpu_to_le32(0x5eed);

		memcpy(buf + 252 + offsetof(struct dxl_dev_record, gid), &gid,
		       sizeof(gid));
	}
	forge_crc(buf, 252 + 144, 252 + offsetof(struct dxl_dev_record, uid),
		  crc);
	memcpy(p1 + hdr, buf + 252, 144);
	assert_memory_not_equal(p0, p1, sizeof(buf));

	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_int_equal(st.ld.copy[1].status, 0);
	assert_true(st.ld.copy[0].info.crc == st.ld.copy[1].info.crc);
	assert_int_equal(st.ld.problem, DXL_P_COPY_DIVERGED);
	assert_int_equal(st.ld.auth, 0);
	assert_int_equal(st.ld.resync, 1U << 1);
	assert_int_equal(dl_store_resync(&st), 0);
	assert_int_equal(st.ld.problem, DXL_P_OK);
	dl_store_close(&st);
	assert_memory_equal(p0, p1, sizeof(buf));
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_int_equal(st.ld.problem, DXL_P_OK);
	dl_store_close(&st);
	memmedia_free(&m);
}

/* Refused commits write nothing at all. */
static void test_refusals_write_nothing(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_set a, bad;
	struct dxl_dev da[1], dbad[2];
	struct dxl_range overlap[] = { { 2 * MiB, 2 * MiB } };
	struct dxl_verdict v;
	struct dxl_set_header *h;
	u8 *before;
	u8 *p;

	formatted(&m, &g);
	set_a(&a, da);
	commit(&m, &a);
	before = malloc(NS_SIZE);
	memcpy(before, m.bytes, NS_SIZE);

	/* overlapping ranges */
	memset(&bad, 0, sizeof(bad));
	test_dev(&dbad[0], 0, "a", ra, 1);
	test_dev(&dbad[1], 1, "b", overlap, 1);
	bad.devs = dbad;
	bad.nr_devs = 2;
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	m.writes = 0;
	assert_int_equal(dl_store_commit(&st, &bad, &v), -EINVAL);
	assert_int_equal(v.problem, DXL_P_DEV_RANGE_OVERLAP);
	assert_int_equal(m.writes, 0);
	/* the store is still usable after a refusal */
	assert_int_equal(dl_store_commit(&st, &a, &v), 0);
	dl_store_close(&st);
	memcpy(before, m.bytes, NS_SIZE);

	/* unknown read-only feature: -EROFS */
	p = m.bytes + dxl_copy_offset(&g, 0);
	h = (struct dxl_set_header *)p;
	h->ro_compat = cpu_to_le32(4);
	h->generation = cpu_to_le64(le64_to_cpu(h->generation) + 1);
	h->crc = cpu_to_le32(dxl_crc32(dxl_crc32(0, p, 252), p + 256,
				       le64_to_cpu(h->records_bytes)));
	memcpy(before, m.bytes, NS_SIZE);
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_int_equal(st.set.ro_compat, 4);	/* readable... */
	assert_int_equal(st.set.nr_devs, 1);
	memset(&v, 0, sizeof(v));
	assert_int_equal(dl_store_commit(&st, &a, &v), -EROFS); /* ...not writable */
	assert_int_equal(v.problem, DXL_P_SET_UNKNOWN_RO_COMPAT);
	assert_int_equal(v.value, 4);
	dl_store_close(&st);
	assert_memory_equal(before, m.bytes, NS_SIZE);
	free(before);
	memmedia_free(&m);
}

/*
 * Media errors: after two commits, make each 512-byte sector of the
 * metadata unreadable in turn.  The latest set must always come back,
 * and every sector that holds live metadata must be reported.
 */
static void test_every_bad_sector(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dxl_set a, b;
	struct dxl_dev da[1], db[2];
	u64 sector, end, reported = 0, live = 0;
	u64 used;

	formatted(&m, &g);
	set_a(&a, da);
	set_b(&b, db);
	commit(&m, &a);
	commit(&m, &b);
	end = (g.label_off + g.label_size) / MEM_SECTOR;
	used = 256 + 2 * 128 + 3 * 16;
	for (sector = 0; sector < end; sector++) {
		struct dl_store st;
		u64 off = sector * MEM_SECTOR;
		bool in_info = off >= DXL_INFO_OFFSET &&
			       off < DXL_INFO_OFFSET + DXL_INFO_SIZE;
		int in_copy = -1, i, rc;

		for (i = 0; i < 2; i++) {
			u64 c = dxl_copy_offset(&g, i);

			if (off + MEM_SECTOR > c && off < c + used)
				in_copy = i;
		}
		m.nr_bad = 0;
		memmedia_bad_sector(&m, sector);
		rc = dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0);
		if (rc || !dl_set_equal(&st.set, &b) || st.set.generation != 3)
			fail_msg("sector %llu: rc %d, latest set lost",
				 (unsigned long long)sector, rc);
		if (in_info) {
			assert_int_equal(st.ld.info_status, -EIO);
			assert_true(st.ld.flags & DXL_LOAD_GEO_FROM_LABELS);
			assert_memory_equal(&st.ld.geo, &g, sizeof(g));
		} else if (in_copy >= 0) {
			assert_int_equal(st.ld.copy[in_copy].status, -EIO);
			assert_int_equal(st.ld.problem, DXL_P_COPY_UNREADABLE);
			assert_int_equal(st.ld.resync, 1U << in_copy);
		} else {
			assert_int_equal(st.ld.info_status, 0);
			assert_int_equal(st.ld.problem, DXL_P_OK);
		}
		live += in_info || in_copy >= 0;
		reported += st.ld.info_status == -EIO ||
			    st.ld.problem != DXL_P_OK;
		dl_store_close(&st);
	}
	assert_true(reported == live);
	print_message("bad-sector sweep: %llu sectors, %llu live, all recovered\n",
		      (unsigned long long)end, (unsigned long long)live);
	memmedia_free(&m);
}

/* Info-block unreadable and copy 0's header gone: copy 1 is found. */
static void test_fallback_scan(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dxl_set a;
	struct dxl_dev da[1];
	struct dl_store st;

	formatted(&m, &g);
	set_a(&a, da);
	commit(&m, &a);
	memset(m.bytes + dxl_copy_offset(&g, 0), 0, 256);
	memmedia_bad_sector(&m, DXL_INFO_OFFSET / MEM_SECTOR + 3);
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_true(st.ld.flags & DXL_LOAD_GEO_FROM_LABELS);
	assert_int_equal(st.ld.auth, 1);
	assert_int_equal(st.ld.problem, DXL_P_COPY_INVALID);
	assert_true(dl_set_equal(&st.set, &a));
	dl_store_close(&st);
	/* with both headers gone there is nothing to find */
	memset(m.bytes + dxl_copy_offset(&g, 1), 0, 256);
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), -EIO);
	dl_store_close(&st);
	memmedia_free(&m);
}

/* Break the info-block's checksum, its uuid still readable. */
static void spoil_info(struct memmedia *m)
{
	m->bytes[DXL_INFO_OFFSET + 4000] ^= 0xff;	/* padding */
}

/*
 * The scan takes a header only with its CRC: a copy 0 header whose
 * fields parse but whose bytes do not match their CRC (here it names
 * another label size, so another place for copy 1) must not decide the
 * geometry; the real copy 1 is found further on.
 */
static void test_scan_checks_crc(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dxl_set a;
	struct dxl_dev da[1];
	struct dxl_set_header *h;
	struct dl_store st;
	unsigned int bad;

	for (bad = 0; bad < 2; bad++) {
		formatted(&m, &g);
		set_a(&a, da);
		commit(&m, &a);
		h = (struct dxl_set_header *)(m.bytes + dxl_copy_offset(&g, 0));
		h->label_size = cpu_to_le64(MiB);
		if (bad)	/* unreadable, or readable with a bad checksum */
			spoil_info(&m);
		else
			memmedia_bad_sector(&m, DXL_INFO_OFFSET / MEM_SECTOR);
		assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE,
					       DXL_LOAD_SCAN), 0);
		assert_true(st.ld.flags & DXL_LOAD_GEO_FROM_LABELS);
		assert_true(st.ld.geo.label_size == g.label_size);
		assert_int_equal(st.ld.auth, 1);
		assert_true(dl_set_equal(&st.set, &a));
		dl_store_close(&st);
		memmedia_free(&m);
	}
}

/*
 * A namespace formatted again with another label size keeps the old
 * set's copy 0 when the new format's copy 0 never landed.  With the new
 * info-block readable but failing its checksum, the scan must take the
 * copy bound to that info-block's uuid, not the stale, valid old one.
 */
static void test_scan_prefers_info_uuid(void **state)
{
	struct memmedia m;
	struct dxl_geometry g, g2;
	struct dxl_set a, b;
	struct dxl_dev da[1], db[2];
	struct dl_store st;
	u8 *old;

	formatted(&m, &g);
	set_a(&a, da);
	commit(&m, &a);
	commit(&m, &a);		/* the old set has the higher generation */
	/* the old copy 0: its header and records, well inside a page */
	old = malloc(4096);
	assert_non_null(old);
	memcpy(old, m.bytes + dxl_copy_offset(&g, 0), 4096);

	assert_int_equal(dxl_geometry_plan(0, NS_SIZE, MiB, 2 * MiB, &g2), 0);
	memset(g2.uuid, 0x5a, sizeof(g2.uuid));
	assert_int_equal(dl_store_format(&memmedia_ops, &m, &g2), 0);
	set_b(&b, db);
	commit(&m, &b);
	/* the new copy 0 lost: the old one is what the media holds there */
	memcpy(m.bytes + dxl_copy_offset(&g, 0), old, 4096);
	spoil_info(&m);

	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE,
				       DXL_LOAD_SCAN), 0);
	assert_true(st.ld.flags & DXL_LOAD_GEO_FROM_LABELS);
	assert_memory_equal(st.ld.geo.uuid, g2.uuid, 16);
	assert_true(st.ld.geo.label_size == MiB);
	assert_int_equal(st.ld.auth, 1);
	assert_true(dl_set_equal(&st.set, &b));
	dl_store_close(&st);
	free(old);
	memmedia_free(&m);
}

/*
 * Info-block unreadable (no uuid to prefer), the current format's copy 0
 * torn, and a whole copy 1 of an earlier, smaller format left inside the
 * new copy 0's space, ahead of the new copy 1: copy 0's header frame,
 * torn or not, names the current format, and its copy 1 wins.
 */
static void test_scan_prefers_copy0_uuid(void **state)
{
	static struct dxl_range rn[] = { { 4 * MiB, 8 * MiB } };
	struct memmedia m;
	struct dxl_geometry g1, g2;
	struct dxl_set a, b = { 0 };
	struct dxl_dev da[1], db;
	struct dl_store st;

	assert_int_equal(memmedia_init(&m, NS_SIZE), 0);
	assert_int_equal(dxl_geometry_plan(0, NS_SIZE, MiB, 2 * MiB, &g1), 0);
	memset(g1.uuid, 0x11, sizeof(g1.uuid));
	assert_int_equal(dl_store_format(&memmedia_ops, &m, &g1), 0);
	set_a(&a, da);
	commit(&m, &a);
	test_geometry(&g2, NS_SIZE);
	memset(g2.uuid, 0x22, sizeof(g2.uuid));
	assert_int_equal(dl_store_format(&memmedia_ops, &m, &g2), 0);
	test_dev(&db, 0, "new", rn, 1);
	b.devs = &db;
	b.nr_devs = 1;
	commit(&m, &b);
	assert_true(dxl_copy_offset(&g1, 1) < dxl_copy_offset(&g2, 1));
	m.bytes[dxl_copy_offset(&g2, 0) + 256 + 30] ^= 1;	/* torn */
	memmedia_bad_sector(&m, DXL_INFO_OFFSET / MEM_SECTOR);

	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_memory_equal(st.ld.geo.uuid, g2.uuid, 16);
	assert_int_equal(st.ld.auth, 1);
	assert_true(dl_set_equal(&st.set, &b));
	dl_store_close(&st);
	memmedia_free(&m);
}

static unsigned long scan_read_bytes;

static int counting_read(void *ctx, u64 off, void *buf, size_t len)
{
	scan_read_bytes += len;
	return memmedia_ops.read(ctx, off, buf, len);
}

/*
 * Buffers sized by content: a copy larger than the buffers is not read,
 * nothing is chosen (copy 0, older and smaller, must not win over the
 * newer copy 1 it could not see), and need names the size to retry with.
 */
static void test_load_short_buffers(void **state)
{
	struct memmedia m, newer;
	struct dxl_geometry g;
	struct dxl_load ld;
	struct dxl_set a, b;
	struct dxl_dev da[1], db[2];
	u8 info[DXL_INFO_SIZE];
	void *bufs[DXL_COPIES];
	u64 small, large;
	size_t scratch_len;
	void *scratch;
	int i;

	/* copy 0: set A at generation 2; copy 1: set B, larger, at 3 */
	formatted(&m, &g);
	set_a(&a, da);
	set_b(&b, db);
	commit(&m, &a);
	assert_int_equal(memmedia_init(&newer, NS_SIZE), 0);
	memcpy(newer.bytes, m.bytes, NS_SIZE);
	commit(&newer, &b);
	memcpy(m.bytes + dxl_copy_offset(&g, 1),
	       newer.bytes + dxl_copy_offset(&g, 1), dxl_copy_size(&g));
	memmedia_free(&newer);
	assert_int_equal(dxl_load_geometry(&memmedia_ops, &m, NS_SIZE, 0, info,
					   &ld), 0);
	small = sizeof(struct dxl_set_header) + DXL_REC_FIXED_SIZE +
		DXL_RANGE_SIZE;
	large = small + DXL_REC_FIXED_SIZE + 2 * DXL_RANGE_SIZE;
	scratch_len = dxl_scratch_size(large);
	scratch = malloc(scratch_len);
	for (i = 0; i < DXL_COPIES; i++)
		bufs[i] = malloc(large);
	assert_non_null(scratch);

	/* a buffer smaller than a header: need is the header */
	assert_int_equal(dxl_load_copies(&memmedia_ops, &m, &ld, bufs, 16,
					 scratch, scratch_len), -ENOMEM);
	assert_true(ld.need == sizeof(struct dxl_set_header));

	assert_int_equal(dxl_load_copies(&memmedia_ops, &m, &ld, bufs,
					 (size_t)small, scratch, scratch_len),
			 -ENOMEM);
	assert_int_equal(ld.auth, -1);
	assert_true(ld.need == large);
	assert_int_equal(dxl_load_error(&ld), -ENOMEM);

	/* retried with what it asked for */
	assert_int_equal(dxl_load_copies(&memmedia_ops, &m, &ld, bufs,
					 (size_t)ld.need, scratch, scratch_len),
			 0);
	assert_int_equal(ld.auth, 1);
	assert_true(ld.copy[1].info.generation == 3);
	assert_int_equal(ld.resync, 1);
	assert_true(ld.need == 0);
	for (i = 0; i < DXL_COPIES; i++)
		free(bufs[i]);
	free(scratch);
	memmedia_free(&m);
}

/*
 * Hostile media: a header frame at every 4 KiB step of the scan, each
 * claiming a copy as large as its place allows.  The scan reads at most
 * its budget of records, whatever the headers claim, and finds nothing.
 */
static void test_scan_bounded(void **state)
{
	const u64 ns = 96 * MiB;
	struct dxl_media_ops ops = memmedia_ops;
	struct dxl_geometry g, fake;
	struct memmedia m;
	struct dl_store st;
	u64 off;

	ops.read = counting_read;
	assert_int_equal(memmedia_init(&m, ns), 0);
	assert_int_equal(dxl_geometry_plan(0, ns, DXL_LABEL_SIZE_DEFAULT,
					   2 * MiB, &g), 0);
	assert_int_equal(dl_store_format(&memmedia_ops, &m, &g), 0);
	for (off = DXL_LABEL_OFFSET + 4096; off < DXL_LABEL_OFFSET + 64 * MiB;
	     off += 4096) {
		struct dxl_set_header *h = (void *)(m.bytes + off);
		u64 ls = 2 * (off - DXL_LABEL_OFFSET);

		/* copy 1 of a label area of ls bytes: header, bogus CRC */
		memcpy(h, m.bytes + DXL_LABEL_OFFSET, sizeof(*h));
		if (dxl_geometry_plan(0, ns, ls, 2 * MiB, &fake))
			continue;
		h->label_size = cpu_to_le64(fake.label_size);
		h->data_off = cpu_to_le64(fake.data_off);
		h->data_size = cpu_to_le64(fake.data_size);
		h->records_bytes = cpu_to_le64(fake.label_size / 2 - 256);
	}
	memset(m.bytes + DXL_LABEL_OFFSET, 0, 256);	/* no copy 0 */
	memmedia_bad_sector(&m, DXL_INFO_OFFSET / MEM_SECTOR);
	scan_read_bytes = 0;
	assert_int_equal(dl_store_open(&st, &ops, &m, ns, 0), -EIO);
	dl_store_close(&st);
	print_message("hostile scan read %lu bytes\n", scan_read_bytes);
	assert_true(scan_read_bytes <= DXL_SCAN_CRC_BUDGET +
				       2 * (DXL_SCAN_LIMIT / 4096) * 256);
	memmedia_free(&m);
}

/* a copy's CRC, from what its header claims */
static u32 test_copy_crc(const struct dxl_set_header *h)
{
	const u8 *p = (const u8 *)h;

	return dxl_crc32(dxl_crc32(0, p, DXL_SET_CRC_SPAN), p + sizeof(*h),
			 (size_t)le64_to_cpu(h->records_bytes));
}

/* Write @s over the media with dxl_commit_plan_over(@kernel_gen). */
static void commit_over(struct memmedia *m, const struct dxl_set *s,
			u64 kernel_gen, u64 want_gen, unsigned int want_first)
{
	struct dxl_commit_plan plan;
	struct dxl_set_info info;
	struct dxl_verdict v;
	struct dl_store st;

	struct dxl_set ours = *s;

	ours.generation = kernel_gen;
	/* the media may hold no valid copy: the load's states still count */
	dl_store_open(&st, &memmedia_ops, m, NS_SIZE, 0);
	assert_int_equal(dxl_commit_plan_over(&st.ld, &ours, &plan), 0);
	assert_int_equal(plan.generation, want_gen);
	assert_int_equal(plan.first, want_first);
	assert_int_equal(dxl_set_encode(s, &st.ld.geo, plan.generation,
					st.bufs[plan.first],
					(size_t)dxl_copy_size(&st.ld.geo),
					st.scratch, st.scratch_len, &info, &v), 0);
	assert_int_equal(dxl_commit_write(&memmedia_ops, m, &st.ld, &plan,
					  st.bufs[plan.first], &info), 0);
	dl_store_close(&st);
	assert_int_equal(dl_store_open(&st, &memmedia_ops, m, NS_SIZE, 0), 0);
	assert_true(st.set.generation == want_gen);
	assert_true(dl_set_equal(&st.set, s));
	assert_int_equal(st.ld.problem, DXL_P_OK);
	dl_store_close(&st);
}

/*
 * The live writer's set goes back over one it did not commit (4.1): at a
 * generation above its own and every generation a header names, the
 * copy a load would not take written first.
 */
static void test_commit_plan_over(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_set a, b;
	struct dxl_dev da[1], db[2];
	struct dxl_commit_plan plan;
	struct dxl_set_header *h;
	unsigned int i;

	(void)state;
	formatted(&m, &g);
	set_a(&a, da);
	set_b(&b, db);
	commit(&m, &a);		/* the kernel's set, generation 2 */
	commit(&m, &b);		/* a foreign writer's, 3 */
	commit_over(&m, &a, 2, 4, 1);
	/* the writer's own generation above the media's */
	commit(&m, &b);		/* 5 */
	commit_over(&m, &a, 9, 10, 1);

	/* no valid copy: both torn, their generations not trusted */
	commit(&m, &b);		/* 11 */
	for (i = 0; i < DXL_COPIES; i++)
		m.bytes[dxl_copy_offset(&g, i) + sizeof(*h)] ^= 0xff;
	commit_over(&m, &a, 10, 11, 1);

	/*
	 * copy 1 newer with unknown incompat features: counted, and written
	 * last, so that a torn first write does not bring copy 0 back
	 */
	h = (struct dxl_set_header *)(m.bytes + dxl_copy_offset(&g, 1));
	h->generation = cpu_to_le64(40);
	h->incompat |= cpu_to_le32(1U << 31);
	h->crc = cpu_to_le32(test_copy_crc(h));
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0),
			 -EOPNOTSUPP);
	dl_store_close(&st);
	commit_over(&m, &a, 11, 41, 0);

	/* copy 1 authoritative: copy 0 first */
	h = (struct dxl_set_header *)(m.bytes + dxl_copy_offset(&g, 0));
	h->generation = cpu_to_le64(39);
	h->crc = cpu_to_le32(test_copy_crc(h));
	commit_over(&m, &b, 41, 42, 0);

	/* the generation exhausted; unknown ro_compat features of its own */
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	a.generation = U64_MAX;
	assert_int_equal(dxl_commit_plan_over(&st.ld, &a, &plan), -EOVERFLOW);
	a.generation = 2;
	a.ro_compat = 1U << 30;
	assert_int_equal(dxl_commit_plan_over(&st.ld, &a, &plan), -EROFS);
	dl_store_close(&st);
	memmedia_free(&m);
}

/*
 * After a resync the selection may name the other, now equal, copy
 * authoritative: the store's buffer for it must hold the set, not what
 * the torn copy held.
 */
static void test_resync_buffers_mirror_copies(void **state)
{
	struct memmedia m;
	struct dxl_geometry g;
	struct dl_store st;
	struct dxl_set a;
	struct dxl_dev da[1];
	u64 bytes;

	(void)state;
	formatted(&m, &g);
	set_a(&a, da);
	commit(&m, &a);
	m.bytes[dxl_copy_offset(&g, 0) + sizeof(struct dxl_set_header)] ^= 0xff;
	assert_int_equal(dl_store_open(&st, &memmedia_ops, &m, NS_SIZE, 0), 0);
	assert_int_equal(st.ld.auth, 1);
	assert_int_equal(dl_store_resync(&st), 0);
	assert_int_equal(st.ld.auth, 0);	/* a tie: copy 0 */
	bytes = st.ld.copy[0].info.bytes;
	assert_memory_equal(st.bufs[0], m.bytes + dxl_copy_offset(&g, 0), bytes);
	assert_memory_equal(st.bufs[1], m.bytes + dxl_copy_offset(&g, 1), bytes);
	dl_store_close(&st);
	memmedia_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_and_open),
		cmocka_unit_test(test_not_labelled),
		cmocka_unit_test(test_commit_round_trip),
		cmocka_unit_test(test_commit_write_errors),
		cmocka_unit_test(test_selection_matrix),
		cmocka_unit_test(test_diverged),
		cmocka_unit_test(test_diverged_same_crc),
		cmocka_unit_test(test_refusals_write_nothing),
		cmocka_unit_test(test_every_bad_sector),
		cmocka_unit_test(test_fallback_scan),
		cmocka_unit_test(test_scan_checks_crc),
		cmocka_unit_test(test_scan_prefers_info_uuid),
		cmocka_unit_test(test_scan_prefers_copy0_uuid),
		cmocka_unit_test(test_scan_bounded),
		cmocka_unit_test(test_load_short_buffers),
		cmocka_unit_test(test_commit_plan_over),
		cmocka_unit_test(test_resync_buffers_mirror_copies),
	};

	return cmocka_run_group_tests_name("commit", tests, NULL, NULL);
}
