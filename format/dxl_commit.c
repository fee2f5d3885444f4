// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * dxl_commit.c - the pair of label set copies: load, select, commit.
 *
 * The commit protocol (Documentation/daxlabel-format.txt, "Commit"):
 * the new set, with generation g + 1, is written to the copy that is not
 * authoritative and made durable; only then is the other copy rewritten
 * with the same bytes.  Loading takes the valid copy with the highest
 * generation.  A crash at any point therefore yields either the old set
 * (the new copy is torn, so invalid, or was never started) or the new set
 * (the first copy is complete and durable).
 */
#include "dxl_format.h"

/* The scan's work so far, against DXL_SCAN_CRC_TRIES and _BUDGET. */
struct dxl_scan {
	const struct dxl_media_ops *ops;
	void *ctx;
	u64 ns_size;
	u8 *buf;		/* DXL_INFO_SIZE bytes */
	unsigned int tries;
	u64 spent;
};

/*
 * A header frame of our own at @off whose geometry places a copy exactly
 * there, with the label area at DXL_LABEL_OFFSET, and passes 2.4 for the
 * namespace: a candidate, costing one header read.  Fills @own, @info.
 */
static bool dxl_scan_frame_at(struct dxl_scan *sc, u64 off,
			      struct dxl_geometry *own,
			      struct dxl_set_info *info)
{
	const size_t hlen = sizeof(struct dxl_set_header);
	unsigned int i;

	if (sc->ns_size && off + hlen > sc->ns_size)
		return false;
	if (sc->ops->read(sc->ctx, off, sc->buf, hlen) ||
	    dxl_set_validate_header(sc->buf, hlen, NULL, own, info, NULL) ||
	    own->label_off != DXL_LABEL_OFFSET ||
	    dxl_geometry_check(own, sc->ns_size, NULL))
		return false;
	for (i = 0; i < DXL_COPIES; i++)
		if (dxl_copy_offset(own, i) == off)
			return true;
	return false;	/* its own geometry puts no copy here */
}

/*
 * Whether the candidate whose header dxl_scan_frame_at() left in the
 * buffer is whole: its records, read a page at a time into the same
 * buffer (the header's CRC taken first), match that CRC.  Refused
 * unread once the scan's tries or budget are spent.
 */
static bool dxl_scan_whole(struct dxl_scan *sc, u64 off,
			   const struct dxl_set_info *info)
{
	const size_t hlen = sizeof(struct dxl_set_header);
	const struct dxl_set_header *h = (const void *)sc->buf;
	u64 left = info->bytes - hlen, pos = off + hlen;
	u32 want, crc;

	if (sc->tries >= DXL_SCAN_CRC_TRIES ||
	    left > DXL_SCAN_CRC_BUDGET - sc->spent)
		return false;
	sc->tries++;
	sc->spent += left;
	want = le32_to_cpu(h->crc);
	crc = dxl_crc32(0, sc->buf, DXL_SET_CRC_SPAN);
	while (left) {
		size_t n = left < DXL_INFO_SIZE ? (size_t)left : DXL_INFO_SIZE;

		if (sc->ops->read(sc->ctx, pos, sc->buf, n))
			return false;
		crc = dxl_crc32(crc, sc->buf, n);
		pos += n;
		left -= n;
	}
	return crc == want;
}

/*
 * One pass of the scan: the first whole candidate, only those bound to
 * @uuid when it is not NULL.
 */
static bool dxl_scan_pass(struct dxl_scan *sc, const u8 *uuid,
			  struct dxl_geometry *geo)
{
	struct dxl_geometry own;
	struct dxl_set_info info;
	u64 off;

	for (off = DXL_LABEL_OFFSET; off < DXL_LABEL_OFFSET + DXL_SCAN_LIMIT;
	     off += DXL_INFO_PAGE_SIZE) {
		if (!dxl_scan_frame_at(sc, off, &own, &info) ||
		    (uuid && memcmp(own.uuid, uuid, 16)))
			continue;
		if (dxl_scan_whole(sc, off, &info)) {
			*geo = own;
			return true;
		}
	}
	return false;
}

/*
 * The info-block is unusable: find the label area from a whole copy
 * (spec 5.1).  Copy 0 sits at the fixed DXL_LABEL_OFFSET; copy 1 is looked
 * for at each 4 KiB step up to DXL_SCAN_LIMIT; a copy only counts where
 * its own geometry places a copy, and whole (its records match its CRC).
 * The format that is current is named by @uuid, the uuid field of an
 * info-block that read but failed validation, or else by the header
 * frame at DXL_LABEL_OFFSET, torn or not (every format writes it; a torn
 * commit leaves its frame): copies bound to it are taken first, another
 * only when none is whole (the set of an earlier format left in the gap
 * loses to the current one).  Records read are bounded by
 * DXL_SCAN_CRC_TRIES and DXL_SCAN_CRC_BUDGET, header reads by the
 * scan's 16384 steps, twice.
 */
static int dxl_geometry_from_labels(const struct dxl_media_ops *ops,
				    void *ctx, u64 ns_size, const u8 *uuid,
				    void *buf, struct dxl_geometry *geo)
{
	struct dxl_scan sc = { ops, ctx, ns_size, buf, 0, 0 };
	struct dxl_geometry own;
	struct dxl_set_info info;
	u8 hint[16];

	if (!uuid && !ops->read(ctx, DXL_LABEL_OFFSET, buf,
				sizeof(struct dxl_set_header)) &&
	    !dxl_set_validate_header(buf, sizeof(struct dxl_set_header), NULL,
				     &own, &info, NULL)) {
		memcpy(hint, own.uuid, sizeof(hint));
		uuid = hint;
	}
	if (uuid && dxl_scan_pass(&sc, uuid, geo))
		return 0;
	return dxl_scan_pass(&sc, NULL, geo) ? 0 : -ENODATA;
}

/**
 * dxl_load_geometry() - read and check the info-block
 * @ops: media access
 * @ctx: passed to @ops
 * @ns_size: namespace size, 0 when unknown
 * @flags: DXL_LOAD_SCAN or 0
 * @buf: DXL_INFO_SIZE bytes of work space
 * @ld: reset, then filled with the geometry and the info-block's state
 *
 * When the info-block cannot be read at all, the geometry is taken from a
 * label set copy instead (DXL_LOAD_GEO_FROM_LABELS) so that a single bad
 * sector never loses the set; @ld->info_status still says what happened.
 * An info-block that reads but is invalid is not second-guessed unless
 * @flags has DXL_LOAD_SCAN (a valid plain devdax info-block never is: it
 * means the namespace was deliberately reformatted).
 *
 * Return: 0 when @ld->geo is usable; otherwise the info-block's error
 * (-ENODATA: not labelled; -EOPNOTSUPP: unknown flags; -EIO; -EINVAL).
 */
int dxl_load_geometry(const struct dxl_media_ops *ops, void *ctx, u64 ns_size,
		      u32 flags, void *buf, struct dxl_load *ld)
{
	u8 uuid[16];
	int rc;

	memset(ld, 0, sizeof(*ld));
	ld->auth = -1;
	ld->problem = DXL_P_NO_VALID_COPY;
	if (ns_size && ns_size < DXL_INFO_OFFSET + DXL_INFO_SIZE) {
		/* no room for an info-block, let alone a label area */
		ld->info_status = -EINVAL;
		dxl_verdict_set(&ld->info_verdict, DXL_P_INFO_TRUNCATED, ns_size);
		return -EINVAL;
	}
	rc = ops->read(ctx, DXL_INFO_OFFSET, buf, DXL_INFO_SIZE);
	if (rc) {
		ld->info_status = rc;
		dxl_verdict_set(&ld->info_verdict, DXL_P_INFO_UNREADABLE, 0);
		if (dxl_geometry_from_labels(ops, ctx, ns_size, NULL, buf,
					     &ld->geo))
			return rc;
		ld->flags |= DXL_LOAD_GEO_FROM_LABELS;
		return 0;
	}
	rc = dxl_info_validate(buf, DXL_INFO_SIZE, ns_size, &ld->geo,
			       &ld->info_verdict);
	ld->info_status = rc;
	if (!rc || !(flags & DXL_LOAD_SCAN) || rc == -ENODATA ||
	    rc == -EOPNOTSUPP)
		return rc;
	memcpy(uuid, ((const struct dxl_info_block *)buf)->uuid, 16);
	if (dxl_geometry_from_labels(ops, ctx, ns_size, uuid, buf, &ld->geo))
		return rc;
	ld->flags |= DXL_LOAD_GEO_FROM_LABELS;
	return 0;
}

static int dxl_load_copy(const struct dxl_media_ops *ops, void *ctx,
			 struct dxl_load *ld, unsigned int i, u8 *buf,
			 size_t buf_len, void *scratch, size_t scratch_len)
{
	const size_t hlen = sizeof(struct dxl_set_header);
	u64 copy_size = dxl_copy_size(&ld->geo);
	u64 off = dxl_copy_offset(&ld->geo, i);
	struct dxl_copy_state *cs = &ld->copy[i];
	struct dxl_geometry own;
	int rc;

	if (buf_len < hlen) {
		ld->need = hlen > ld->need ? hlen : ld->need;
		return -ENOMEM;
	}
	/* Read the header first and only the bytes it claims after it. */
	rc = ops->read(ctx, off, buf, hlen);
	if (!rc) {
		rc = dxl_set_validate_header(buf, (size_t)copy_size, &ld->geo,
					     &own, &cs->info, &cs->verdict);
		if (rc)
			return rc;
		if (cs->info.bytes > buf_len) {
			if (cs->info.bytes > ld->need)
				ld->need = cs->info.bytes;
			return -ENOMEM;
		}
		rc = ops->read(ctx, off + hlen, buf + hlen,
			       (size_t)(cs->info.bytes - hlen));
	}
	if (rc) {
		dxl_verdict_set(&cs->verdict, DXL_P_COPY_UNREADABLE, off);
		return -EIO;
	}
	return dxl_set_validate(buf, (size_t)copy_size, &ld->geo, scratch,
				scratch_len, &cs->info, &cs->verdict);
}

/**
 * dxl_load_copies() - read, validate and choose between the two copies
 * @ops: media access
 * @ctx: passed to @ops
 * @ld: loaded by dxl_load_geometry(); copy states and selection filled in
 * @bufs: two buffers of @buf_len bytes; bufs[@ld->auth] holds the
 *	authoritative set afterwards
 * @buf_len: bytes of each buffer: dxl_copy_size() always suffices; less
 *	lets the caller size its memory by what the copies hold
 * @scratch: dxl_scratch_size(@buf_len) bytes
 * @scratch_len: bytes of @scratch
 *
 * A copy whose header claims more than @buf_len bytes is not read: the
 * load fails with -ENOMEM, chooses nothing, and @ld->need says how large
 * the buffers must be.  Choosing with one copy unread could roll a newer
 * set back.
 *
 * Return: 0 when a valid copy was found (see dxl_load_error()).
 */
int dxl_load_copies(const struct dxl_media_ops *ops, void *ctx,
		    struct dxl_load *ld, void *bufs[DXL_COPIES], size_t buf_len,
		    void *scratch, size_t scratch_len)
{
	const struct dxl_copy_state *c = ld->copy;
	unsigned int i;

	ld->need = 0;
	for (i = 0; i < DXL_COPIES; i++)
		ld->copy[i].status = dxl_load_copy(ops, ctx, ld, i, bufs[i],
						   buf_len, scratch,
						   scratch_len);
	for (i = 0; i < DXL_COPIES; i++) {
		if (c[i].status == -ENOMEM) {
			ld->auth = -1;
			ld->resync = 0;
			ld->diverged = false;
			return -ENOMEM;
		}
	}
	/*
	 * Equal generation, length and CRC do not make equal copies (a CRC
	 * collision, a buggy writer): canonical form (3.4) makes equal sets
	 * byte-identical, so compare the bytes.
	 */
	ld->diverged = !c[0].status && !c[1].status &&
		       c[0].info.generation == c[1].info.generation &&
		       c[0].info.bytes == c[1].info.bytes &&
		       memcmp(bufs[0], bufs[1], (size_t)c[0].info.bytes) != 0;
	dxl_select(ld);
	return dxl_load_error(ld);
}

/**
 * dxl_load_error() - the errno that describes a load without a valid copy
 * @ld: after dxl_select()
 *
 * Return: 0 when a copy is authoritative; -EOPNOTSUPP when a copy needs
 * features this code lacks; -EIO when no copy could be read; -ENOMEM when
 * scratch space was short; else -EINVAL.
 */
int dxl_load_error(const struct dxl_load *ld)
{
	unsigned int i, unreadable = 0;

	if (ld->auth >= 0)
		return 0;
	for (i = 0; i < DXL_COPIES; i++) {
		if (ld->copy[i].status == -EOPNOTSUPP)
			return -EOPNOTSUPP;
		if (ld->copy[i].status == -ENOMEM)
			return -ENOMEM;
		if (ld->copy[i].status == -EIO)
			unreadable++;
	}
	return unreadable == DXL_COPIES ? -EIO : -EINVAL;
}

/**
 * dxl_select() - choose the authoritative copy
 * @ld: copy states filled in
 *
 * The valid copy with the higher generation wins; on a tie copy 0 wins.
 * The other copy is marked for resync when it is unreadable, invalid,
 * stale, or differs at the same generation (another CRC or length, or
 * @ld->diverged: which no crash can produce; it is reported as
 * COPY_DIVERGED).  A copy needing unknown incompatible
 * features at a generation at least as new as the best valid one makes
 * the whole set unusable: the newer writer's set must not be rolled back.
 */
void dxl_select(struct dxl_load *ld)
{
	const struct dxl_copy_state *c = ld->copy;
	int best = -1, other;
	unsigned int i;

	ld->resync = 0;
	for (i = 0; i < DXL_COPIES; i++) {
		if (c[i].status)
			continue;
		if (best < 0 || c[i].info.generation > c[best].info.generation)
			best = (int)i;
	}
	for (i = 0; i < DXL_COPIES; i++) {
		if (c[i].status == -EOPNOTSUPP &&
		    (best < 0 || c[i].info.generation >= c[best].info.generation)) {
			ld->auth = -1;
			ld->problem = DXL_P_SET_UNKNOWN_INCOMPAT;
			return;
		}
	}
	ld->auth = best;
	if (best < 0) {
		ld->problem = DXL_P_NO_VALID_COPY;
		return;
	}
	other = !best;
	ld->resync = 1U << other;
	if (c[other].status == -EIO) {
		ld->problem = DXL_P_COPY_UNREADABLE;
	} else if (c[other].status) {
		ld->problem = DXL_P_COPY_INVALID;
	} else if (c[other].info.generation < c[best].info.generation) {
		ld->problem = DXL_P_COPY_STALE;
	} else if (c[other].info.crc != c[best].info.crc ||
		   c[other].info.bytes != c[best].info.bytes || ld->diverged) {
		ld->problem = DXL_P_COPY_DIVERGED;
	} else {
		ld->problem = DXL_P_OK;
		ld->resync = 0;
	}
}

/**
 * dxl_commit_plan() - decide where and with which generation to commit
 * @ld: a load with an authoritative copy
 * @plan: filled in
 *
 * Return: 0; -EINVAL without an authoritative copy (format or repair
 * first); -EROFS when the set has read-only features this code lacks;
 * -EOVERFLOW when the generation is exhausted.
 */
int dxl_commit_plan(const struct dxl_load *ld, struct dxl_commit_plan *plan)
{
	const struct dxl_copy_state *auth;
	unsigned int i;

	if (ld->auth < 0)
		return -EINVAL;
	auth = &ld->copy[ld->auth];
	if (auth->info.ro_compat & ~DXL_SET_RO_COMPAT_KNOWN)
		return -EROFS;
	if (auth->info.generation == U64_MAX)
		return -EOVERFLOW;
	plan->generation = auth->info.generation + 1;
	plan->first = ld->auth == 1 ? 0 : 1;
	plan->second = !plan->first;
	for (i = 0; i < DXL_COPIES; i++)
		plan->off[i] = dxl_copy_offset(&ld->geo, i);
	return 0;
}

/**
 * dxl_commit_plan_over() - plan a commit over copies the writer did not write
 * @ld: what the media holds now (dxl_load_copies()), with or without an
 *	authoritative copy
 * @ours: the set the writer last committed (its generation and features)
 * @plan: filled in
 *
 * For the one writer of a live namespace (the kernel) that finds on media
 * a set it did not commit, or none (section 4.1): its own set goes back at
 * a generation above @ours and above every copy whose header names one,
 * valid or with unknown incompat features, so that the next load returns
 * it.  The copy written first is the one a load would not take now; with
 * no copy taken, not one with unknown incompat features: a crash before
 * the commit point leaves the media as it was found.
 *
 * Return: 0; -EROFS when @ours has read-only features this code lacks;
 * -EOVERFLOW when the generation is exhausted.
 */
int dxl_commit_plan_over(const struct dxl_load *ld, const struct dxl_set *ours,
			 struct dxl_commit_plan *plan)
{
	const struct dxl_copy_state *c = ld->copy;
	u64 generation = ours->generation;
	unsigned int i;

	if (ours->ro_compat & ~DXL_SET_RO_COMPAT_KNOWN)
		return -EROFS;
	for (i = 0; i < DXL_COPIES; i++)
		if ((!c[i].status || c[i].status == -EOPNOTSUPP) &&
		    c[i].info.generation > generation)
			generation = c[i].info.generation;
	if (generation == U64_MAX)
		return -EOVERFLOW;
	plan->generation = generation + 1;
	if (ld->auth >= 0)
		plan->first = ld->auth == 1 ? 0 : 1;
	else
		plan->first = c[1].status == -EOPNOTSUPP &&
			      c[0].status != -EOPNOTSUPP ? 0 : 1;
	plan->second = !plan->first;
	for (i = 0; i < DXL_COPIES; i++)
		plan->off[i] = dxl_copy_offset(&ld->geo, i);
	return 0;
}

static int dxl_write_durable(const struct dxl_media_ops *ops, void *ctx,
			     u64 off, const void *buf, u64 len)
{
	int rc = ops->write(ctx, off, buf, (size_t)len);

	return rc ? rc : ops->persist(ctx, off, (size_t)len);
}

/**
 * dxl_commit_write() - put an encoded set on media, crash-consistently
 * @ops: media access
 * @ctx: passed to @ops
 * @ld: the load the plan came from; updated to the new state once the
 *	first copy is durable, invalidated (auth -1: reload before the next
 *	commit) when the first copy failed
 * @plan: from dxl_commit_plan()
 * @buf: the copy, encoded by dxl_set_encode() with @plan->generation
 * @info: what dxl_set_encode() returned for @buf
 *
 * Ordering: (1) write @buf to copy @plan->first; (2) persist it (flush +
 * fence): from here on a load returns the new set; (3) write @buf to copy
 * @plan->second; (4) persist it.  Nothing else is written.
 *
 * Step (2) is the commit point.  An error in step (3) or (4) leaves the
 * new set committed with the second copy stale or torn: @ld says so
 * (@ld->auth is @plan->first, @ld->resync names the second copy) and
 * dxl_resync() repairs it.
 *
 * Return: 0 or the media's error; after an error, @ld->auth >= 0 means
 * the new set was committed nonetheless.
 */
int dxl_commit_write(const struct dxl_media_ops *ops, void *ctx,
		     struct dxl_load *ld, const struct dxl_commit_plan *plan,
		     const void *buf, const struct dxl_set_info *info)
{
	int rc;

	ld->auth = -1;
	ld->problem = DXL_P_NO_VALID_COPY;
	ld->diverged = false;	/* the copies' generations differ from here */
	rc = dxl_write_durable(ops, ctx, plan->off[plan->first], buf,
			       info->bytes);
	if (rc)
		return rc;
	ld->copy[plan->first].status = 0;
	ld->copy[plan->first].info = *info;
	dxl_verdict_set(&ld->copy[plan->first].verdict, DXL_P_OK, 0);
	rc = dxl_write_durable(ops, ctx, plan->off[plan->second], buf,
			       info->bytes);
	if (rc) {
		/*
		 * Unknown contents: torn, or still the old set.  Invalid (a
		 * write failed), not unreadable: reads of it may well work.
		 */
		ld->copy[plan->second].status = -EINVAL;
		dxl_verdict_set(&ld->copy[plan->second].verdict,
				DXL_P_COPY_WRITE_FAILED, plan->off[plan->second]);
	} else {
		ld->copy[plan->second] = ld->copy[plan->first];
	}
	dxl_select(ld);
	return rc;
}

/**
 * dxl_resync() - rewrite damaged or stale copies from the authoritative one
 * @ops: media access
 * @ctx: passed to @ops
 * @ld: a load; copies in @ld->resync are rewritten and marked valid
 * @auth_buf: the authoritative copy's bytes (bufs[@ld->auth] of the load)
 *
 * Each rewrite is made durable before the next; the authoritative copy is
 * never written, so a crash leaves the authoritative set as it was.
 *
 * Return: 0 or the media's error.
 */
int dxl_resync(const struct dxl_media_ops *ops, void *ctx,
	       struct dxl_load *ld, const void *auth_buf)
{
	unsigned int i;
	int rc;

	if (ld->auth < 0)
		return -EINVAL;
	for (i = 0; i < DXL_COPIES; i++) {
		if (!(ld->resync & (1U << i)))
			continue;
		rc = dxl_write_durable(ops, ctx, dxl_copy_offset(&ld->geo, i),
				       auth_buf, ld->copy[ld->auth].info.bytes);
		if (rc)
			return rc;
		ld->copy[i] = ld->copy[ld->auth];
	}
	ld->diverged = false;
	dxl_select(ld);
	return 0;
}

/**
 * dxl_format() - write an empty label set to both copies, then the info-block
 * @ops: media access
 * @ctx: passed to @ops
 * @geo: the new geometry (dxl_geometry_plan(), uuids set)
 * @work: DXL_INFO_SIZE bytes of work space; holds the info-block written
 *
 * The set is generation 1 with no devices.  Ordering: both copies are
 * written and made durable before the info-block is written and made
 * durable.  Until the info-block lands the namespace reads as it did
 * before (the new copies are bound to a uuid no info-block carries yet);
 * afterwards it reads as the new format.  @work doubles as the encoder's
 * buffer, so the caller needs no other memory (the kernel calls this from
 * namespace probe).
 *
 * Return: 0, -EINVAL for a geometry no set can be bound to, or the
 * media's error.
 */
int dxl_format(const struct dxl_media_ops *ops, void *ctx,
	       const struct dxl_geometry *geo, void *work)
{
	const size_t hdr = sizeof(struct dxl_set_header);
	struct dxl_set empty = { 0 };
	struct dxl_set_info si;
	unsigned int i;
	int rc;

	rc = dxl_set_encode(&empty, geo, 1, work, hdr, (u8 *)work + hdr,
			    DXL_INFO_SIZE - hdr, &si, NULL);
	if (rc)
		return -EINVAL;
	for (i = 0; i < DXL_COPIES; i++) {
		rc = ops->write(ctx, dxl_copy_offset(geo, i), work,
				(size_t)si.bytes);
		if (rc)
			return rc;
	}
	rc = ops->persist(ctx, geo->label_off, (size_t)geo->label_size);
	if (rc)
		return rc;
	dxl_info_encode(geo, work);
	return dxl_write_durable(ops, ctx, DXL_INFO_OFFSET, work, DXL_INFO_SIZE);
}
