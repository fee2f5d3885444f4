// SPDX-License-Identifier: GPL-2.0-only
/*
 * crash-enum.c - enumerate crash states of label commits on simulated pmem.
 *
 * The simulated media records every store at 8-byte granularity and every
 * cacheline flush and fence.  A random history of create / resize /
 * destroy commits is driven through the real commit path (lib/store.c and
 * format/).  For each commit every crash state below is rebuilt, loaded
 * with the real recovery code, and must yield exactly the old set (at its
 * generation) or the new one (at the next):
 *
 *   prefix   every prefix of the store stream (stores persisting in order);
 *   lines    at each fence, subsets of the cachelines whose stores are not
 *            yet guaranteed durable: all subsets when there are at most
 *            --exhaustive-lines of them (default 10, i.e. 1024 states),
 *            else every single line, every all-but-one, and --samples
 *            random subsets;
 *   words    at each fence, --word-samples random subsets of the pending
 *            8-byte stores (any store order within the epoch).
 *
 * States that need a resync are, one in --resync-every, resynced on a
 * scratch image and loaded again, which must then be clean.
 *
 * --unsafe drops every flush and fence the writer asks for (the media is
 * flushed and fenced once, after the whole commit): the harness must then
 * find bad states, which proves it can.
 *
 * The first commit is the format itself (old: unformatted).  The last line
 * printed is "crash-enum: N states, M bad"; the exit status is 1 if M > 0.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "../lib/store.h"

#define MiB (1ULL << 20)
#define NS_SIZE (256 * MiB)
#define LINE 64
#define GRAN 8

/* ---- options and counters ---- */

static struct {
	unsigned long ops;
	unsigned long seed;
	unsigned int exhaustive_lines;
	unsigned int samples;
	unsigned int word_samples;
	unsigned int resync_every;
	bool verbose;
	bool unsafe;
} opt = { 60, 1, 10, 256, 64, 64, false, false };

enum ev_kind { EV_STORE, EV_FLUSH, EV_FENCE };

struct ev {
	enum ev_kind kind;
	u64 gran;		/* EV_STORE: granule; EV_FLUSH: line */
	u64 value;		/* EV_STORE: the granule's new 8 bytes */
};

/* The media: what the CPU sees (img) and, while recording, the events. */
struct pmsim {
	u8 *img;
	u64 size;
	struct ev *ev;
	size_t nr_ev, cap_ev;
	bool recording;
};

static void ev_push(struct pmsim *s, enum ev_kind k, u64 gran, u64 value)
{
	if (!s->recording)
		return;
	if (s->nr_ev == s->cap_ev) {
		s->cap_ev = s->cap_ev ? 2 * s->cap_ev : 4096;
		s->ev = realloc(s->ev, s->cap_ev * sizeof(*s->ev));
		if (!s->ev)
			abort();
	}
	s->ev[s->nr_ev++] = (struct ev){ k, gran, value };
}

static int sim_read(void *ctx, u64 off, void *buf, size_t len)
{
	struct pmsim *s = ctx;

	if (off > s->size || len > s->size - off)
		return -EIO;
	memcpy(buf, s->img + off, len);
	return 0;
}

static int sim_write(void *ctx, u64 off, const void *buf, size_t len)
{
	struct pmsim *s = ctx;
	u64 g;

	if (off > s->size || len > s->size - off)
		return -EIO;
	memcpy(s->img + off, buf, len);
	for (g = off / GRAN; len && g <= (off + len - 1) / GRAN; g++) {
		u64 v;

		memcpy(&v, s->img + g * GRAN, GRAN);
		ev_push(s, EV_STORE, g, v);
	}
	return 0;
}

static int sim_persist(void *ctx, u64 off, size_t len)
{
	struct pmsim *s = ctx;
	u64 l;

	if (opt.unsafe)
		return 0;	/* a writer with no ordering: see --unsafe */
	for (l = off / LINE; len && l <= (off + len - 1) / LINE; l++)
		ev_push(s, EV_FLUSH, l, 0);
	ev_push(s, EV_FENCE, 0, 0);
	return 0;
}

static const struct dxl_media_ops sim_ops = {
	.read = sim_read, .write = sim_write, .persist = sim_persist,
};

static struct {
	u64 states, bad, prefix, lines, words, exhaustive, sampled, resynced;
	u64 commits, max_pending_lines;
} cnt;

static u64 rng_state;

static u64 rnd(void)
{
	/* xorshift64*: reproducible from --seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static u64 rnd_below(u64 n)
{
	return n ? rnd() % n : 0;
}

/* ---- recovery on a crash image ---- */

struct recovery {
	struct pmsim view;	/* reads the crash image */
	void *bufs[DXL_COPIES];
	void *scratch;
	size_t scratch_len;
	u8 info[DXL_INFO_SIZE];
	struct dxl_dev *devs;
	struct dxl_range *ranges;
	u32 max_devs, max_ranges;
	u8 *spare;		/* for resync checks */
};

/* What a crash state must equal. */
struct outcome {
	bool formatted;		/* false: "not labelled" is the valid state */
	const struct dxl_set *set;
	u64 generation;
};

static const char *cur_kind;
static unsigned long cur_op;

static void report_bad(const char *why, int rc)
{
	cnt.bad++;
	if (cnt.bad <= 10)
		fprintf(stderr, "crash-enum: BAD op %lu (%s state): %s (rc %d)\n",
			cur_op, cur_kind, why, rc);
}

/* Load the image in @r->view and say whether it is @a or @b. */
static void check_state(struct recovery *r, const struct outcome *a,
			const struct outcome *b)
{
	const struct outcome *o[2] = { a, b };
	struct dxl_load ld;
	struct dxl_set got;
	int rc, i;

	cnt.states++;
	rc = dxl_load_geometry(&sim_ops, &r->view, NS_SIZE, 0, r->info, &ld);
	if (rc) {
		for (i = 0; i < 2; i++)
			if (!o[i]->formatted)
				return;
		report_bad("info-block lost", rc);
		return;
	}
	rc = dxl_load_copies(&sim_ops, &r->view, &ld, r->bufs,
			     (size_t)dxl_copy_size(&ld.geo), r->scratch,
			     r->scratch_len);
	if (rc) {
		report_bad("no valid copy", rc);
		return;
	}
	rc = dxl_set_decode(r->bufs[ld.auth], &ld.copy[ld.auth].info, &got,
			    r->devs, r->max_devs, r->ranges, r->max_ranges);
	if (rc) {
		report_bad("decode", rc);
		return;
	}
	for (i = 0; i < 2; i++) {
		if (o[i]->formatted && got.generation == o[i]->generation &&
		    dl_set_equal(&got, o[i]->set))
			break;
	}
	if (i == 2) {
		report_bad("neither the old nor the new set", 0);
		return;
	}
	if (ld.resync && opt.resync_every &&
	    rnd_below(opt.resync_every) == 0) {
		struct pmsim spare = { r->spare, r->view.size, NULL, 0, 0, false };
		struct dxl_load ld2;

		memcpy(r->spare, r->view.img, r->view.size);
		rc = dxl_resync(&sim_ops, &spare, &ld, r->bufs[ld.auth]);
		if (!rc)
			rc = dxl_load_geometry(&sim_ops, &spare, NS_SIZE,
					       0, r->info, &ld2);
		if (!rc)
			rc = dxl_load_copies(&sim_ops, &spare, &ld2, r->bufs,
					     (size_t)dxl_copy_size(&ld2.geo),
					     r->scratch, r->scratch_len);
		if (rc || ld2.problem != DXL_P_OK ||
		    ld2.copy[ld2.auth].info.generation != got.generation)
			report_bad("resync did not leave a clean pair", rc);
		cnt.resynced++;
	}
}

/* ---- state construction ---- */

static void put_gran(u8 *img, u64 g, u64 v)
{
	memcpy(img + g * GRAN, &v, GRAN);
}

static u64 get_gran(const u8 *img, u64 g)
{
	u64 v;

	memcpy(&v, img + g * GRAN, GRAN);
	return v;
}

/* Apply the selected pending stores to @img, check, and undo them. */
static void check_subset(struct recovery *r, const size_t *pend, size_t n,
			 const bool *take, u64 *undo,
			 const struct ev *ev, const struct outcome *a,
			 const struct outcome *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		undo[i] = get_gran(r->view.img, ev[pend[i]].gran);
	for (i = 0; i < n; i++)
		if (take[i])
			put_gran(r->view.img, ev[pend[i]].gran, ev[pend[i]].value);
	check_state(r, a, b);
	for (i = n; i-- > 0;)
		put_gran(r->view.img, ev[pend[i]].gran, undo[i]);
}

/*
 * At a fence: @pend lists the stores not yet guaranteed durable.  Try
 * subsets of their cachelines, then random subsets of the stores.
 */
static void fence_states(struct recovery *r, const struct ev *ev,
			 const size_t *pend, size_t n,
			 const struct outcome *a, const struct outcome *b)
{
	u64 *lines = malloc(sizeof(u64) * (n + 1));
	u64 *undo = malloc(sizeof(u64) * (n + 1));
	bool *take = malloc(n + 1);
	size_t nl = 0, i, j;
	u64 mask, nmasks;

	for (i = 0; i < n; i++) {
		u64 l = ev[pend[i]].gran * GRAN / LINE;

		for (j = 0; j < nl && lines[j] != l; j++)
			;
		if (j == nl)
			lines[nl++] = l;
	}
	if (nl > cnt.max_pending_lines)
		cnt.max_pending_lines = nl;

	cur_kind = "lines";
	if (nl <= opt.exhaustive_lines) {
		nmasks = 1ULL << nl;
		cnt.exhaustive++;
	} else {
		nmasks = 2 * nl + opt.samples;
		cnt.sampled++;
	}
	for (mask = 0; mask < nmasks; mask++) {
		for (i = 0; i < n; i++) {
			u64 l = ev[pend[i]].gran * GRAN / LINE;

			for (j = 0; lines[j] != l; j++)
				;
			if (nl <= opt.exhaustive_lines)
				take[i] = mask >> j & 1;
			else if (mask < nl)
				take[i] = j == mask;		/* one line */
			else if (mask < 2 * nl)
				take[i] = j != mask - nl;	/* all but one */
			else
				take[i] = (rnd() >> (j % 61)) & 1;
		}
		/* random masks are drawn per line: make them consistent */
		if (nl > opt.exhaustive_lines && mask >= 2 * nl) {
			u64 seed = rnd();

			for (i = 0; i < n; i++) {
				u64 l = ev[pend[i]].gran * GRAN / LINE;

				take[i] = ((l * 0x9E3779B97F4A7C15ULL) ^ seed) >> 63;
			}
		}
		check_subset(r, pend, n, take, undo, ev, a, b);
		cnt.lines++;
	}

	cur_kind = "words";
	for (mask = 0; mask < opt.word_samples; mask++) {
		for (i = 0; i < n; i++)
			take[i] = rnd() & 1;
		check_subset(r, pend, n, take, undo, ev, a, b);
		cnt.words++;
	}
	free(lines);
	free(undo);
	free(take);
}

/* --unsafe: the only ordering is one flush of everything at the end. */
static void flush_all(struct pmsim *s)
{
	size_t i, n = s->nr_ev;

	if (!opt.unsafe)
		return;
	for (i = 0; i < n; i++)
		if (s->ev[i].kind == EV_STORE)
			ev_push(s, EV_FLUSH, s->ev[i].gran * GRAN / LINE, 0);
	ev_push(s, EV_FENCE, 0, 0);
}

/* Every crash state of the commit recorded in @s, from image @base. */
static void enumerate(struct recovery *r, struct pmsim *s,
		      const u8 *base, const struct outcome *a,
		      const struct outcome *b)
{
	const struct ev *ev;
	size_t *pend;
	bool *flushed;
	size_t i, k, n = 0;

	s->recording = true;
	flush_all(s);
	s->recording = false;
	ev = s->ev;
	pend = malloc(sizeof(size_t) * (s->nr_ev + 1));
	flushed = calloc(s->nr_ev + 1, 1);
	/* prefixes: stores persist in program order */
	cur_kind = "prefix";
	memcpy(r->view.img, base, r->view.size);
	check_state(r, a, b);
	cnt.prefix++;
	for (i = 0; i < s->nr_ev; i++) {
		if (ev[i].kind != EV_STORE)
			continue;
		put_gran(r->view.img, ev[i].gran, ev[i].value);
		check_state(r, a, b);
		cnt.prefix++;
	}

	/* fences: the durable image plus subsets of the pending stores */
	memcpy(r->view.img, base, r->view.size);
	for (i = 0; i < s->nr_ev; i++) {
		switch (ev[i].kind) {
		case EV_STORE:
			pend[n++] = i;
			break;
		case EV_FLUSH:
			for (k = 0; k < n; k++)
				if (ev[pend[k]].gran * GRAN / LINE == ev[i].gran)
					flushed[pend[k]] = true;
			break;
		case EV_FENCE:
			if (n)
				fence_states(r, ev, pend, n, a, b);
			/* flushed stores are durable now, in program order */
			for (k = 0; k < n; k++)
				if (flushed[pend[k]])
					put_gran(r->view.img, ev[pend[k]].gran,
						 ev[pend[k]].value);
			{
				size_t w = 0;

				for (k = 0; k < n; k++)
					if (!flushed[pend[k]])
						pend[w++] = pend[k];
				n = w;
			}
			break;
		}
	}
	if (n) {
		report_bad("stores never made durable", 0);
		fence_states(r, ev, pend, n, a, b);
	}
	/* after the last fence the media must hold the new set */
	cur_kind = "final";
	check_state(r, b, b);
	free(pend);
	free(flushed);
}

/* ---- the random history ---- */

static int mutate(struct dxl_set *next, const struct dxl_geometry *geo)
{
	u64 unit = 2 * MiB;
	u32 idx;
	int rc;

	for (;;) {
		u64 pick = rnd_below(10);

		if (next->nr_devs && pick < 2) {			/* destroy */
			return dl_set_remove(next, (u32)rnd_below(next->nr_devs));
		} else if (next->nr_devs && pick < 6) {		/* resize */
			struct dxl_dev *d;
			u64 size;

			idx = (u32)rnd_below(next->nr_devs);
			d = &next->devs[idx];
			size = (1 + rnd_below(12)) * unit;
			if (size == dl_dev_size(d))
				continue;
			rc = dl_set_resize(next, geo, idx, size);
			if (rc == -ENOSPC)
				continue;
			return rc;
		} else {						/* create */
			struct dxl_dev t;
			u64 size = (1 + rnd_below(6)) * unit;
			u64 u0, u1;

			if (size > dl_set_avail(next, geo))
				continue;
			u0 = rnd();
			u1 = rnd();

			memset(&t, 0, sizeof(t));
			t.id = dl_set_next_id(next);
			t.align = unit;
			memcpy(t.uuid, &u0, 8);
			memcpy(t.uuid + 8, &u1, 8);
			t.uuid[0] |= 1;
			if (rnd() & 1)
				snprintf(t.name, sizeof(t.name), "dev-%u-%lu",
					 t.id, cur_op);
			if (rnd() & 1) {
				t.flags = DXL_DEV_F_OWNER;
				t.uid = (u32)rnd_below(2000);
				t.gid = (u32)rnd_below(2000);
				t.mode = 0600 | (u32)rnd_below(0100);
			}
			rc = dl_set_add(next, &t, &idx);
			if (!rc)
				rc = dl_set_resize(next, geo, idx, size);
			return rc;
		}
	}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: crash-enum [--ops N] [--seed S] [--exhaustive-lines N]\n"
		"                  [--samples N] [--word-samples N]\n"
		"                  [--resync-every N] [--verbose] [--unsafe]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "ops", required_argument, NULL, 'o' },
		{ "seed", required_argument, NULL, 's' },
		{ "exhaustive-lines", required_argument, NULL, 'x' },
		{ "samples", required_argument, NULL, 'S' },
		{ "word-samples", required_argument, NULL, 'w' },
		{ "resync-every", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "unsafe", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	struct pmsim sim = { 0 };
	struct recovery r;
	struct dxl_geometry geo;
	struct dxl_set cur = { 0 }, next;
	struct outcome before, after;
	u8 *base;
	u64 meta;
	int c, rc;

	while ((c = getopt_long(argc, argv, "o:s:x:S:w:r:vu", lopts, NULL)) != -1) {
		switch (c) {
		case 'o': opt.ops = strtoul(optarg, NULL, 0); break;
		case 's': opt.seed = strtoul(optarg, NULL, 0); break;
		case 'x': opt.exhaustive_lines = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'S': opt.samples = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'w': opt.word_samples = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'r': opt.resync_every = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'v': opt.verbose = true; break;
		case 'u': opt.unsafe = true; break;
		default: usage();
		}
	}
	if (optind != argc || opt.exhaustive_lines > 20)
		usage();
	rng_state = opt.seed * 0x9E3779B97F4A7C15ULL + 1;

	if (dxl_geometry_plan(0, NS_SIZE, DXL_LABEL_SIZE_DEFAULT, 2 * MiB, &geo))
		abort();
	memset(geo.uuid, 0x5a, 16);
	/* the simulated media holds the metadata only: nothing reads data */
	meta = geo.data_off;
	sim.size = meta;
	sim.img = calloc(1, meta);
	base = malloc(meta);
	memset(&r, 0, sizeof(r));
	r.view.size = meta;
	r.view.img = malloc(meta);
	r.spare = malloc(meta);
	r.bufs[0] = malloc(dxl_copy_size(&geo));
	r.bufs[1] = malloc(dxl_copy_size(&geo));
	r.scratch_len = dxl_scratch_size(dxl_copy_size(&geo));
	r.scratch = malloc(r.scratch_len);
	r.max_devs = 4096;
	r.max_ranges = 65536;
	r.devs = calloc(r.max_devs, sizeof(*r.devs));
	r.ranges = calloc(r.max_ranges, sizeof(*r.ranges));
	if (!sim.img || !base || !r.view.img || !r.spare || !r.bufs[0] ||
	    !r.bufs[1] || !r.scratch || !r.devs || !r.ranges)
		abort();

	/* commit 0: the format itself */
	cur_op = 0;
	memcpy(base, sim.img, meta);
	sim.recording = true;
	rc = dl_store_format(&sim_ops, &sim, &geo);
	sim.recording = false;
	if (rc)
		abort();
	before = (struct outcome){ false, NULL, 0 };
	after = (struct outcome){ true, &cur, 1 };
	enumerate(&r, &sim, base, &before, &after);
	cnt.commits++;
	sim.nr_ev = 0;

	for (cur_op = 1; cur_op <= opt.ops; cur_op++) {
		struct dl_store st;
		struct dxl_verdict v;
		u64 gen;

		rc = dl_set_copy(&next, &cur);
		if (!rc)
			rc = mutate(&next, &geo);
		if (rc) {
			fprintf(stderr, "crash-enum: op %lu: edit failed: %d\n",
				cur_op, rc);
			return 1;
		}
		memcpy(base, sim.img, meta);
		rc = dl_store_open(&st, &sim_ops, &sim, NS_SIZE, 0);
		gen = st.set.generation;
		if (!rc) {
			sim.recording = true;
			rc = dl_store_commit(&st, &next, &v);
			sim.recording = false;
		}
		dl_store_close(&st);
		if (rc) {
			fprintf(stderr, "crash-enum: op %lu: commit failed: %d (%s)\n",
				cur_op, rc, dxl_problem_name(v.problem));
			return 1;
		}
		before = (struct outcome){ true, &cur, gen };
		after = (struct outcome){ true, &next, gen + 1 };
		enumerate(&r, &sim, base, &before, &after);
		cnt.commits++;
		sim.nr_ev = 0;
		if (opt.verbose)
			printf("op %lu: %u devices, generation %" PRIu64 ", %" PRIu64 " states\n",
			       cur_op, next.nr_devs, gen + 1, cnt.states);
		dl_set_free(&cur);
		cur = next;
	}

	printf("crash-enum: seed %lu, %" PRIu64 " commits (format + %lu ops), %u devices at the end\n",
	       opt.seed, cnt.commits, opt.ops, cur.nr_devs);
	printf("crash-enum: %" PRIu64 " prefix, %" PRIu64 " line-subset, %" PRIu64 " word-subset states; "
	       "%" PRIu64 " fences exhaustive (<= %u lines), %" PRIu64 " sampled (max %" PRIu64 " lines); %" PRIu64 " resyncs checked\n",
	       cnt.prefix, cnt.lines, cnt.words, cnt.exhaustive,
	       opt.exhaustive_lines, cnt.sampled, cnt.max_pending_lines,
	       cnt.resynced);
	printf("crash-enum: %" PRIu64 " states, %" PRIu64 " bad\n", cnt.states,
	       cnt.bad);
	dl_set_free(&cur);
	free(sim.img);
	free(sim.ev);
	free(base);
	free(r.view.img);
	free(r.spare);
	free(r.bufs[0]);
	free(r.bufs[1]);
	free(r.scratch);
	free(r.devs);
	free(r.ranges);
	return cnt.bad ? 1 : 0;
}
