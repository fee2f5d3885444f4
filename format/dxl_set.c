// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * dxl_set.c - validate, decode and encode one copy of the label set.
 *
 * The media is hostile: every length, count and offset is checked for
 * overflow before it is used, and the validator is the only way bytes
 * become a set (the encoder runs it on its own output).  Checks that need
 * more than one pass over the records (overlap, duplicate uuids and names)
 * use caller-provided scratch space: no allocation, O(n) for sets written
 * in allocation order, O(n log n) at worst: the duplicate tables give up
 * after DXL_PROBE_MAX probes of one key (keys crafted to collide) and
 * sort instead.
 */
#include "dxl_format.h"

/* One range of one record, for the overlap check. */
struct dxl_extent {
	u64 start;
	u64 end;	/* exclusive */
	u32 rec;
	u32 idx;
};

/* How the caller's scratch buffer is cut up. */
struct dxl_scratch {
	struct dxl_extent *ext;	/* one per range */
	u32 *recoff;		/* byte offset of each record */
	u64 *uuids;		/* open addressing: hash << 32 | (record + 1) */
	u64 *names;		/* the same, for non-empty names */
	u32 tbits;		/* log2 of the table's entries */
};

static u32 dxl_table_bits(u64 nr_records)
{
	u32 bits = 4;

	while ((1ULL << bits) < 2 * nr_records)
		bits++;
	return bits;
}

static u64 dxl_round8(u64 x)
{
	return (x + 7) & ~7ULL;
}

static u64 dxl_scratch_need(u64 nr_records, u64 nr_ranges)
{
	return dxl_round8(nr_ranges * sizeof(struct dxl_extent)) +
	       dxl_round8(nr_records * sizeof(u32)) +
	       2 * (sizeof(u64) << dxl_table_bits(nr_records));
}

/**
 * dxl_scratch_size() - scratch bytes that validating any copy needs
 * @copy_size: bytes of one copy (dxl_copy_size())
 *
 * Return: a size for which dxl_set_validate() never fails with -ENOMEM
 * on a copy of @copy_size bytes.  About 1.1 times the copy size.
 */
size_t dxl_scratch_size(u64 copy_size)
{
	u64 body = copy_size > sizeof(struct dxl_set_header) ?
		   copy_size - sizeof(struct dxl_set_header) : 0;

	return (size_t)dxl_scratch_need(body / DXL_REC_FIXED_SIZE,
					body / DXL_RANGE_SIZE);
}

static void dxl_scratch_carve(void *scratch, u64 nr_records, u64 nr_ranges,
			      struct dxl_scratch *s)
{
	u8 *p = scratch;

	s->ext = (struct dxl_extent *)p;
	p += dxl_round8(nr_ranges * sizeof(struct dxl_extent));
	s->recoff = (u32 *)p;
	p += dxl_round8(nr_records * sizeof(u32));
	s->tbits = dxl_table_bits(nr_records);
	s->uuids = (u64 *)p;
	s->names = s->uuids + (1ULL << s->tbits);
	memset(s->uuids, 0, 2 * (sizeof(u64) << s->tbits));
}

/**
 * dxl_name_valid() - may this string name a device?
 * @name: the name's bytes (no terminating NUL needed)
 * @len: bytes in @name
 *
 * A name is at most 63 bytes of UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF) with no '/', no NUL and no C0/C1 control
 * characters, and is neither "." nor "..": it is safe as a file name
 * under /dev/dax/by-name/.  The empty name means "no name".
 *
 * Return: true when valid.
 */
bool dxl_name_valid(const char *name, size_t len)
{
	const u8 *s = (const u8 *)name;
	size_t i = 0;

	if (len >= DXL_NAME_LEN)
		return false;
	if ((len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.'))
		return false;
	while (i < len) {
		u32 cp, min;
		size_t n, k;

		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7f || s[i] == '/')
				return false;
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			n = 1;
			cp = s[i] & 0x1f;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 2;
			cp = s[i] & 0x0f;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 3;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp <= 0x9f))
			return false;
		i += n + 1;
	}
	return true;
}

#define DXL_ONES	0x0101010101010101ULL
#define DXL_HIGHS	0x8080808080808080ULL

/*
 * High bit set in each byte of @x that is zero.  Exact for the lowest such
 * byte; bytes above it may be flagged falsely (borrow), never below.
 */
static inline u64 dxl_zero_bytes(u64 x)
{
	return (x - DXL_ONES) & ~x & DXL_HIGHS;
}

/*
 * A NUL-padded on-media name: a NUL within the field, zeros after it.
 * Checked a word at a time.  Plain printable ASCII (the common case) is
 * settled here; anything that might not be (a flagged byte can only be a
 * false alarm, which the exact path then clears) goes to dxl_name_valid().
 */
static bool dxl_name_field_valid(const u8 *field)
{
	size_t i, n = DXL_NAME_LEN;
	bool plain = true;

	for (i = 0; i < DXL_NAME_LEN / 8 && n == DXL_NAME_LEN; i++) {
		u64 x, z, live;
		__le64 w;

		memcpy(&w, field + 8 * i, 8);
		x = le64_to_cpu(w);
		z = dxl_zero_bytes(x);
		if (z) {
			unsigned int k = (unsigned int)__builtin_ctzll(z) / 8;

			n = 8 * i + k;
			live = k ? (1ULL << (8 * k)) - 1 : 0;
			if (k < 7 && (x >> (8 * (k + 1))))
				return false;	/* junk after the NUL */
		} else {
			live = ~0ULL;
		}
		if ((x & live & DXL_HIGHS) ||
		    (((x - 0x2020202020202020ULL) & ~x & DXL_HIGHS) & live) ||
		    (dxl_zero_bytes(x ^ 0x2f2f2f2f2f2f2f2fULL) & live) ||
		    (dxl_zero_bytes(x ^ 0x7f7f7f7f7f7f7f7fULL) & live))
			plain = false;
	}
	/* no NUL, or a word after the NUL's that is not padding */
	if (n == DXL_NAME_LEN ||
	    !dxl_all_zero(field + 8 * i, DXL_NAME_LEN - 8 * i))
		return false;
	if (plain && n > 2)
		return true;
	return dxl_name_valid((const char *)field, n);
}

/*
 * Hash a key for the duplicate tables: a uuid (16 bytes) or a name field
 * (64 bytes, already checked to be NUL-padded), a word at a time, then a
 * multiplicative mix.  A name's hash stops at the word holding its NUL:
 * every word after it is zero, so equal fields still hash alike, and a
 * short name costs one or two words instead of eight.  The table indexes
 * by the top bits of the result and keeps it whole, so most probes
 * compare a hash, not the key.
 */
static inline u32 dxl_hash_key(const u8 *p, size_t len, bool nul_padded)
{
	u64 h = 0xcbf29ce484222325ULL, w;
	size_t i;

	for (i = 0; i < len; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 31;
		if (nul_padded && dxl_zero_bytes(w))
			break;
	}
	h *= 0x9e3779b97f4a7c15ULL;
	return (u32)(h >> 32);
}

/*
 * Random keys at the tables' load (at most one half) need two or three
 * probes (slots looked at); this many means keys made to collide, and the
 * sort takes over.  A test build sets 0: every lookup sorts.
 */
#ifndef DXL_PROBE_MAX
#define DXL_PROBE_MAX	64
#endif
#define DXL_TABLE_GAVE_UP	(DXL_NO_INDEX - 1)

/*
 * Insert record @rec (whose key is @len bytes at @field_off) into the hash
 * table; return the index of an earlier record with the same key,
 * DXL_NO_INDEX, or DXL_TABLE_GAVE_UP after DXL_PROBE_MAX probes.
 */
static inline u32 dxl_table_insert(struct dxl_scratch *s, u64 *table,
				   const u8 *recs, u32 rec, size_t field_off,
				   size_t len)
{
	const u8 *key = recs + s->recoff[rec] + field_off;
	u32 mask = (1U << s->tbits) - 1;
	u32 hash = dxl_hash_key(key, len, len == DXL_NAME_LEN);
	u32 slot = hash >> (32 - s->tbits);
	u32 probes, other;

	for (probes = 0; ; probes++) {
		if (probes == DXL_PROBE_MAX)
			return DXL_TABLE_GAVE_UP;
		if (!table[slot])
			break;
		other = (u32)table[slot] - 1;
		if ((u32)(table[slot] >> 32) == hash &&
		    !memcmp(recs + s->recoff[other] + field_off, key, len))
			return other;
		slot = (slot + 1) & mask;
	}
	table[slot] = (u64)hash << 32 | (rec + 1);
	return DXL_NO_INDEX;
}

struct dxl_keys {
	const struct dxl_scratch *s;
	const u8 *recs;
	size_t field_off;
	size_t len;
};

/*
 * The one heapsort of this file (in place, no recursion, no allocation),
 * over @n elements of @size bytes, a multiple of 4, in @less's order.
 */
typedef bool (*dxl_less_fn)(const void *a, const void *b, const void *ctx);

/* Elements are whole u32s (indexes, struct dxl_extent) and so aligned. */
static inline void dxl_swap(u8 *a, u8 *b, size_t size)
{
	u32 *x = (u32 *)a, *y = (u32 *)b, t;

	for (size /= sizeof(u32); size--; x++, y++) {
		t = *x;
		*x = *y;
		*y = t;
	}
}

static inline void dxl_sift_down(u8 *base, size_t size, size_t root,
				 size_t n, dxl_less_fn less, const void *ctx)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && less(base + child * size,
					  base + (child + 1) * size, ctx))
			child++;
		if (!less(base + root * size, base + child * size, ctx))
			return;
		dxl_swap(base + root * size, base + child * size, size);
		root = child;
	}
}

static inline void dxl_heapsort(void *base, size_t n, size_t size,
				dxl_less_fn less, const void *ctx)
{
	u8 *p = base;
	size_t i;

	for (i = n / 2; i-- > 0;)
		dxl_sift_down(p, size, i, n, less, ctx);
	for (i = n; i-- > 1;) {
		dxl_swap(p, p + i * size, size);
		dxl_sift_down(p, size, 0, i, less, ctx);
	}
}

/* Record order by key, then by index: equal keys sit together, in order. */
static bool dxl_key_less(const void *pa, const void *pb, const void *ctx)
{
	const struct dxl_keys *k = ctx;
	u32 a = *(const u32 *)pa, b = *(const u32 *)pb;
	int c = memcmp(k->recs + k->s->recoff[a] + k->field_off,
		       k->recs + k->s->recoff[b] + k->field_off, k->len);

	return c < 0 || (c == 0 && a < b);
}

/*
 * The first record, in record order, whose key an earlier record has
 * (what the table finds), by sorting the @n indexes in @order: the
 * second record of each group of equal keys, the lowest of them.
 */
static u32 dxl_sorted_dup(const struct dxl_keys *k, u32 *order, size_t n)
{
	u32 first = DXL_NO_INDEX;
	size_t i;

	dxl_heapsort(order, n, sizeof(*order), dxl_key_less, k);
	for (i = 1; i < n; i++)
		if (!memcmp(k->recs + k->s->recoff[order[i]] + k->field_off,
			    k->recs + k->s->recoff[order[i - 1]] + k->field_off,
			    k->len) && order[i] < first)
			first = order[i];
	return first;
}

/*
 * After the table gave up on keys made to collide: the first of @nr
 * records whose key (@len bytes at @field_off; empty names skipped when
 * @skip_empty) an earlier record has, or DXL_NO_INDEX, by
 * dxl_sorted_dup() over the indexes, held in the table's memory (2^tbits
 * u64s, at least 4 * @nr bytes).
 */
static u32 dxl_find_dup_sorted(const struct dxl_scratch *s, u64 *table,
			       const u8 *recs, u32 nr, size_t field_off,
			       size_t len, bool skip_empty)
{
	struct dxl_keys k = { s, recs, field_off, len };
	u32 *order = (u32 *)table;
	u32 i, n = 0;

	for (i = 0; i < nr; i++)
		if (!skip_empty || recs[s->recoff[i] + field_off])
			order[n++] = i;
	return dxl_sorted_dup(&k, order, n);
}

static bool dxl_extent_less(const void *a, const void *b, const void *ctx)
{
	return ((const struct dxl_extent *)a)->start <
	       ((const struct dxl_extent *)b)->start;
}

/* Extents by start; sets written in allocation order are already sorted. */
static void dxl_sort_extents(struct dxl_extent *a, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (a[i].start < a[i - 1].start)
			break;
	if (i < n)
		dxl_heapsort(a, n, sizeof(*a), dxl_extent_less, NULL);
}

static void dxl_header_geometry(const struct dxl_set_header *h,
				struct dxl_geometry *g)
{
	memset(g, 0, sizeof(*g));
	memcpy(g->uuid, h->info_uuid, sizeof(g->uuid));
	memcpy(g->parent_uuid, h->parent_uuid, sizeof(g->parent_uuid));
	g->label_off = le64_to_cpu(h->label_off);
	g->label_size = le64_to_cpu(h->label_size);
	g->data_off = le64_to_cpu(h->data_off);
	g->data_size = le64_to_cpu(h->data_size);
	g->align = le32_to_cpu(h->data_align);
	g->end_trunc = le32_to_cpu(h->end_trunc);
}

static bool dxl_geometry_equal(const struct dxl_geometry *a,
			       const struct dxl_geometry *b)
{
	return !memcmp(a->parent_uuid, b->parent_uuid, 16) &&
	       a->label_off == b->label_off && a->label_size == b->label_size &&
	       a->data_off == b->data_off && a->data_size == b->data_size &&
	       a->align == b->align && a->end_trunc == b->end_trunc;
}

/**
 * dxl_set_validate_header() - check a copy's frame, without its CRC
 * @buf: the copy, at least its first 256 bytes
 * @len: bytes in @buf
 * @geo: geometry of the info-block the copy must belong to, or NULL to
 *	check the header's own geometry for consistency (info-block lost)
 * @own: filled with the geometry the header records
 * @info: generation, record count and @info->bytes (header + records)
 * @v: the first problem found
 *
 * Only the frame that every version shares (spec 3.6): signature, major
 * version, the uuid binding and records_bytes, which says how many bytes
 * to read and the CRC covers.  Header size and geometry are a newer
 * writer's to change under an incompat feature, so dxl_set_validate()
 * checks them after the CRC and the incompat bits.  This is enough to
 * know how many bytes of the copy to read; only dxl_set_validate() makes
 * a copy trustworthy.
 *
 * Return: 0 or -EINVAL.
 */
int dxl_set_validate_header(const void *buf, size_t len,
			    const struct dxl_geometry *geo,
			    struct dxl_geometry *own,
			    struct dxl_set_info *info, struct dxl_verdict *v)
{
	const struct dxl_set_header *h = buf;
	u64 copy_size, records_bytes;

	memset(info, 0, sizeof(*info));
	if (len < sizeof(*h)) {
		dxl_verdict_set(v, DXL_P_SET_TRUNCATED, len);
		return -EINVAL;
	}
	if (memcmp(h->signature, DXL_SET_SIG, DXL_SET_SIG_LEN) != 0) {
		dxl_verdict_set(v, DXL_P_SET_BAD_SIGNATURE, 0);
		return -EINVAL;
	}
	if (le16_to_cpu(h->version_major) != DXL_SET_VERSION_MAJOR) {
		dxl_verdict_set(v, DXL_P_SET_BAD_VERSION,
				le16_to_cpu(h->version_major));
		return -EINVAL;
	}
	dxl_header_geometry(h, own);
	if (geo) {
		if (memcmp(own->uuid, geo->uuid, 16) != 0) {
			dxl_verdict_set(v, DXL_P_SET_FOREIGN, 0);
			return -EINVAL;
		}
		copy_size = dxl_copy_size(geo);
	} else {
		/* nothing to compare with: the header must be ours in full */
		if (le32_to_cpu(h->header_size) != sizeof(*h)) {
			dxl_verdict_set(v, DXL_P_SET_BAD_HEADER_SIZE,
					le32_to_cpu(h->header_size));
			return -EINVAL;
		}
		if (dxl_geometry_check(own, 0, NULL)) {
			dxl_verdict_set(v, DXL_P_SET_GEOMETRY, own->data_off);
			return -EINVAL;
		}
		copy_size = dxl_copy_size(own);
	}
	records_bytes = le64_to_cpu(h->records_bytes);
	if (records_bytes > copy_size - sizeof(*h)) {
		dxl_verdict_set(v, DXL_P_SET_RECORDS_OVERFLOW, records_bytes);
		return -EINVAL;
	}
	info->generation = le64_to_cpu(h->generation);
	info->nr_records = le32_to_cpu(h->nr_records);
	info->bytes = sizeof(*h) + records_bytes;
	info->ro_compat = le32_to_cpu(h->ro_compat);
	dxl_verdict_set(v, DXL_P_OK, 0);
	return 0;
}

/*
 * Check one record's fixed part; its ranges are checked by the caller.
 * Reserved bytes must be zero unless @lenient: the set has compat
 * features this code does not know, whose writer may use them.
 */
static int dxl_record_check(const struct dxl_dev_record *r, u32 i,
			    u32 prev_id, bool lenient, struct dxl_verdict *v)
{
	u32 id = le32_to_cpu(r->id);
	u64 align = le64_to_cpu(r->align);
	u32 flags = le32_to_cpu(r->flags);

	if (id > DXL_ID_MAX) {
		dxl_verdict_at(v, DXL_P_DEV_BAD_ID, i, DXL_NO_INDEX, id);
		return -EINVAL;
	}
	if (i > 0 && id <= prev_id) {
		dxl_verdict_at(v, DXL_P_DEV_ID_ORDER, i, DXL_NO_INDEX, id);
		return -EINVAL;
	}
	if (dxl_all_zero(r->uuid, sizeof(r->uuid))) {
		dxl_verdict_at(v, DXL_P_DEV_NULL_UUID, i, DXL_NO_INDEX, id);
		return -EINVAL;
	}
	if (!dxl_name_field_valid(r->name)) {
		dxl_verdict_at(v, DXL_P_DEV_BAD_NAME, i, DXL_NO_INDEX, id);
		return -EINVAL;
	}
	if (!dxl_align_valid(align)) {
		dxl_verdict_at(v, DXL_P_DEV_BAD_ALIGN, i, DXL_NO_INDEX, align);
		return -EINVAL;
	}
	if (flags & ~DXL_DEV_F_KNOWN) {
		dxl_verdict_at(v, DXL_P_DEV_UNKNOWN_FLAGS, i, DXL_NO_INDEX, flags);
		return -EINVAL;
	}
	if (le32_to_cpu(r->mode) & ~DXL_MODE_MASK) {
		dxl_verdict_at(v, DXL_P_DEV_BAD_MODE, i, DXL_NO_INDEX,
			       le32_to_cpu(r->mode));
		return -EINVAL;
	}
	if (!lenient && !dxl_all_zero(r->reserved, sizeof(r->reserved))) {
		dxl_verdict_at(v, DXL_P_DEV_RESERVED, i, DXL_NO_INDEX, id);
		return -EINVAL;
	}
	return 0;
}

/**
 * dxl_set_validate() - fully validate one copy of the label set
 * @buf: the copy: header and records (at least @info->bytes)
 * @len: bytes in @buf
 * @geo: geometry of the info-block the copy must belong to, or NULL to
 *	trust the header's own (consistent) geometry
 * @scratch: work space of dxl_scratch_size(copy size) bytes, 8-aligned
 * @scratch_len: bytes of @scratch
 * @info: filled in (generation and crc are set as soon as the CRC holds,
 *	even when a later check fails)
 * @v: the first problem found, naming the record and range
 *
 * Return: 0 when the copy is a valid set; -EOPNOTSUPP for unknown
 * incompatible features; -ENOMEM when @scratch is too small; else -EINVAL.
 */
int dxl_set_validate(const void *buf, size_t len,
		     const struct dxl_geometry *geo, void *scratch,
		     size_t scratch_len, struct dxl_set_info *info,
		     struct dxl_verdict *v)
{
	const struct dxl_set_header *h = buf;
	const u8 *recs = (const u8 *)buf + sizeof(*h);
	struct dxl_geometry own;
	struct dxl_scratch s;
	u64 records_bytes, off, max_ranges, data_size;
	u32 nr, i, j, nr_ext = 0, prev_id = 0, crc;
	bool lenient, empty_ok, empty_seen = false;
	int rc;

	rc = dxl_set_validate_header(buf, len, geo, &own, info, v);
	if (rc)
		return rc;
	if (info->bytes > len) {
		dxl_verdict_set(v, DXL_P_SET_TRUNCATED, len);
		return -EINVAL;
	}
	records_bytes = info->bytes - sizeof(*h);
	crc = dxl_crc32(0, buf, DXL_SET_CRC_SPAN);
	crc = dxl_crc32(crc, recs, records_bytes);
	if (crc != le32_to_cpu(h->crc)) {
		dxl_verdict_set(v, DXL_P_SET_BAD_CRC, crc);
		return -EINVAL;
	}
	info->crc = crc;
	/*
	 * The order of spec 3.6: a newer writer's copy is known by its
	 * incompat bits before anything it may have changed is judged.
	 */
	if (le32_to_cpu(h->incompat) & ~DXL_SET_INCOMPAT_KNOWN) {
		dxl_verdict_set(v, DXL_P_SET_UNKNOWN_INCOMPAT,
				le32_to_cpu(h->incompat));
		return -EOPNOTSUPP;
	}
	if (le32_to_cpu(h->header_size) != sizeof(*h)) {
		dxl_verdict_set(v, DXL_P_SET_BAD_HEADER_SIZE,
				le32_to_cpu(h->header_size));
		return -EINVAL;
	}
	if (geo && !dxl_geometry_equal(&own, geo)) {
		dxl_verdict_set(v, DXL_P_SET_GEOMETRY, own.data_off);
		return -EINVAL;
	}
	if (!info->generation) {
		dxl_verdict_set(v, DXL_P_SET_BAD_GENERATION, 0);
		return -EINVAL;
	}
	lenient = le32_to_cpu(h->compat) & ~DXL_SET_COMPAT_KNOWN;
	if (!lenient && !dxl_all_zero(h->reserved, sizeof(h->reserved))) {
		dxl_verdict_set(v, DXL_P_SET_RESERVED, 0);
		return -EINVAL;
	}

	empty_ok = le32_to_cpu(h->incompat) & DXL_SET_INCOMPAT_EMPTY_DEVS;
	nr = info->nr_records;
	if ((u64)nr * (DXL_REC_FIXED_SIZE + (empty_ok ? 0 : DXL_RANGE_SIZE)) >
	    records_bytes) {
		dxl_verdict_set(v, DXL_P_SET_RECORD_COUNT, nr);
		return -EINVAL;
	}
	/* at most one device per grain, sized or not: bounds a restore */
	if (nr > own.data_size / DXL_GRAIN_MIN) {
		dxl_verdict_set(v, DXL_P_SET_TOO_MANY_DEVS, nr);
		return -EINVAL;
	}
	max_ranges = (records_bytes - (u64)nr * DXL_REC_FIXED_SIZE) /
		     DXL_RANGE_SIZE;
	if (dxl_scratch_need(nr, max_ranges) > scratch_len)
		return -ENOMEM;
	dxl_scratch_carve(scratch, nr, max_ranges, &s);
	data_size = own.data_size;

	for (i = 0, off = 0; i < nr; i++) {
		const struct dxl_dev_record *r;
		u64 rec_size, want, align, dev_size = 0;
		u32 nr_ranges;

		if (records_bytes - off < DXL_REC_FIXED_SIZE) {
			dxl_verdict_at(v, DXL_P_DEV_BAD_RECORD_SIZE, i,
				       DXL_NO_INDEX, records_bytes - off);
			return -EINVAL;
		}
		r = (const struct dxl_dev_record *)(recs + off);
		rec_size = le32_to_cpu(r->rec_size);
		nr_ranges = le32_to_cpu(r->nr_ranges);
		want = DXL_REC_FIXED_SIZE + (u64)nr_ranges * DXL_RANGE_SIZE;
		if (!nr_ranges && !empty_ok) {
			dxl_verdict_at(v, DXL_P_DEV_NO_RANGES, i, DXL_NO_INDEX,
				       le32_to_cpu(r->id));
			return -EINVAL;
		}
		empty_seen |= !nr_ranges;
		if (nr_ranges > DXL_DEV_RANGES_MAX) {
			dxl_verdict_at(v, DXL_P_DEV_TOO_MANY_RANGES, i,
				       DXL_NO_INDEX, nr_ranges);
			return -EINVAL;
		}
		if (rec_size != want || rec_size > records_bytes - off) {
			dxl_verdict_at(v, DXL_P_DEV_BAD_RECORD_SIZE, i,
				       DXL_NO_INDEX, rec_size);
			return -EINVAL;
		}
		rc = dxl_record_check(r, i, prev_id, lenient, v);
		if (rc)
			return rc;
		s.recoff[i] = (u32)off;
		prev_id = le32_to_cpu(r->id);
		align = le64_to_cpu(r->align);
		for (j = 0; j < nr_ranges; j++) {
			u64 ro = le64_to_cpu(r->ranges[j].offset);
			u64 rl = le64_to_cpu(r->ranges[j].length);
			u64 end;

			if (!rl) {
				dxl_verdict_at(v, DXL_P_DEV_RANGE_EMPTY, i, j, ro);
				return -EINVAL;
			}
			/*
			 * As the kernel allocates and maps: start (namespace
			 * offset) and length on the device's grain.
			 */
			if (!dxl_aligned(own.data_off + ro,
					 dxl_extent_grain(align)) ||
			    !dxl_aligned(rl, dxl_extent_grain(align))) {
				dxl_verdict_at(v, DXL_P_DEV_RANGE_MISALIGNED, i,
					       j, ro);
				return -EINVAL;
			}
			if (dxl_add_overflow(ro, rl, &end) || end > data_size) {
				dxl_verdict_at(v, DXL_P_DEV_RANGE_OUTSIDE, i, j,
					       ro);
				return -EINVAL;
			}
			if (dxl_add_overflow(dev_size, rl, &dev_size)) {
				dxl_verdict_at(v, DXL_P_DEV_SIZE_OVERFLOW, i, j,
					       rl);
				return -EINVAL;
			}
			s.ext[nr_ext].start = ro;
			s.ext[nr_ext].end = end;
			s.ext[nr_ext].rec = i;
			s.ext[nr_ext].idx = j;
			nr_ext++;
		}
		off += rec_size;
	}
	if (off != records_bytes) {
		dxl_verdict_set(v, DXL_P_SET_RECORD_COUNT, nr);
		return -EINVAL;
	}
	/* canonical form (3.4): the bit exactly when a record is empty */
	if (empty_ok && !empty_seen && !lenient) {
		dxl_verdict_set(v, DXL_P_SET_EMPTY_DEVS_UNUSED, 0);
		return -EINVAL;
	}

	dxl_sort_extents(s.ext, nr_ext);
	for (j = 1; j < nr_ext; j++) {
		if (s.ext[j].start < s.ext[j - 1].end) {
			dxl_verdict_at(v, DXL_P_DEV_RANGE_OVERLAP, s.ext[j].rec,
				       s.ext[j].idx, s.ext[j].start);
			return -EINVAL;
		}
	}

	/*
	 * Uniqueness, one table per key, after every record is known sane;
	 * the sort answers when the table gives up.
	 */
	for (i = 0; i < nr; i++) {
		j = dxl_table_insert(&s, s.uuids, recs, i,
				     offsetof(struct dxl_dev_record, uuid), 16);
		if (j == DXL_TABLE_GAVE_UP)
			i = dxl_find_dup_sorted(&s, s.uuids, recs, nr,
						offsetof(struct dxl_dev_record,
							 uuid), 16, false);
		if (j != DXL_NO_INDEX)
			break;
	}
	if (i < nr) {
		dxl_verdict_at(v, DXL_P_DEV_DUP_UUID, i, DXL_NO_INDEX, 0);
		return -EINVAL;
	}
	for (i = 0; i < nr; i++) {
		const u8 *name = recs + s.recoff[i] +
				 offsetof(struct dxl_dev_record, name);

		if (!name[0])
			continue;
		j = dxl_table_insert(&s, s.names, recs, i,
				     offsetof(struct dxl_dev_record, name),
				     DXL_NAME_LEN);
		if (j == DXL_TABLE_GAVE_UP)
			i = dxl_find_dup_sorted(&s, s.names, recs, nr,
						offsetof(struct dxl_dev_record,
							 name),
						DXL_NAME_LEN, true);
		if (j != DXL_NO_INDEX)
			break;
	}
	if (i < nr) {
		dxl_verdict_at(v, DXL_P_DEV_DUP_NAME, i, DXL_NO_INDEX, 0);
		return -EINVAL;
	}

	info->nr_ranges = nr_ext;
	dxl_verdict_set(v, DXL_P_OK, 0);
	return 0;
}

/**
 * dxl_set_decode() - turn a validated copy into a struct dxl_set
 * @buf: a copy that dxl_set_validate() accepted
 * @info: what dxl_set_validate() returned for it
 * @set: filled in; @set->devs points at @devs
 * @devs: room for @info->nr_records devices
 * @nr_devs: entries in @devs
 * @ranges: room for @info->nr_ranges ranges, shared by all devices
 * @nr_ranges: entries in @ranges
 *
 * Return: 0, or -ENOSPC when @devs or @ranges is too small.
 */
int dxl_set_decode(const void *buf, const struct dxl_set_info *info,
		   struct dxl_set *set, struct dxl_dev *devs, u32 nr_devs,
		   struct dxl_range *ranges, u32 nr_ranges)
{
	const struct dxl_set_header *h = buf;
	const u8 *p = (const u8 *)buf + sizeof(*h);
	u32 i, j, used = 0;

	if (nr_devs < info->nr_records || nr_ranges < info->nr_ranges)
		return -ENOSPC;
	memset(set, 0, sizeof(*set));
	set->generation = le64_to_cpu(h->generation);
	set->compat = le32_to_cpu(h->compat);
	set->ro_compat = le32_to_cpu(h->ro_compat);
	set->incompat = le32_to_cpu(h->incompat);
	set->nr_devs = info->nr_records;
	set->devs = devs;
	for (i = 0; i < info->nr_records; i++) {
		const struct dxl_dev_record *r = (const void *)p;
		struct dxl_dev *d = &devs[i];

		d->id = le32_to_cpu(r->id);
		d->flags = le32_to_cpu(r->flags);
		memcpy(d->uuid, r->uuid, sizeof(d->uuid));
		memcpy(d->name, r->name, sizeof(d->name));
		d->align = le64_to_cpu(r->align);
		d->uid = le32_to_cpu(r->uid);
		d->gid = le32_to_cpu(r->gid);
		d->mode = le32_to_cpu(r->mode);
		d->nr_ranges = le32_to_cpu(r->nr_ranges);
		d->ranges = &ranges[used];
		for (j = 0; j < d->nr_ranges; j++) {
			ranges[used].offset = le64_to_cpu(r->ranges[j].offset);
			ranges[used].length = le64_to_cpu(r->ranges[j].length);
			used++;
		}
		p += le32_to_cpu(r->rec_size);
	}
	return 0;
}

/**
 * dxl_set_encoded_size() - bytes one copy of @set takes on media
 * @set: the set
 * @bytes: header plus records
 *
 * Return: 0 or -EOVERFLOW.
 */
int dxl_set_encoded_size(const struct dxl_set *set, u64 *bytes)
{
	u64 total = sizeof(struct dxl_set_header);
	u32 i;

	for (i = 0; i < set->nr_devs; i++) {
		u64 rec = DXL_REC_FIXED_SIZE +
			  (u64)set->devs[i].nr_ranges * DXL_RANGE_SIZE;

		if (dxl_add_overflow(total, rec, &total))
			return -EOVERFLOW;
	}
	*bytes = total;
	return 0;
}

/**
 * dxl_set_incompat() - the incompat word a copy of @set carries
 * @set: the set
 *
 * @set's own bits, with DXL_SET_INCOMPAT_EMPTY_DEVS set exactly when a
 * device has no ranges (the canonical form of spec 3.4).
 *
 * Return: the word to encode.
 */
u32 dxl_set_incompat(const struct dxl_set *set)
{
	u32 bits = set->incompat & ~DXL_SET_INCOMPAT_EMPTY_DEVS;
	u32 i;

	for (i = 0; i < set->nr_devs; i++)
		if (!set->devs[i].nr_ranges)
			return bits | DXL_SET_INCOMPAT_EMPTY_DEVS;
	return bits;
}

static size_t dxl_name_len(const char *name)
{
	size_t n = 0;

	while (n < DXL_NAME_LEN && name[n])
		n++;
	return n;
}

/**
 * dxl_set_encode() - write one copy of @set, and validate what was written
 * @set: devices in ascending id order
 * @geo: geometry of the namespace (the header binds to @geo->uuid)
 * @generation: generation to record
 * @buf: output; at least dxl_set_encoded_size() bytes
 * @len: bytes in @buf
 * @scratch: as for dxl_set_validate()
 * @scratch_len: bytes of @scratch
 * @info: the encoded copy's facts (bytes to write, crc)
 * @v: why the set was refused
 *
 * The output is run through dxl_set_validate(), so a set that could not be
 * read back is never returned for writing.
 *
 * Return: 0; -ENOSPC if the set does not fit one copy; -EINVAL (with @v)
 * for an invalid set.
 */
int dxl_set_encode(const struct dxl_set *set, const struct dxl_geometry *geo,
		   u64 generation, void *buf, size_t len, void *scratch,
		   size_t scratch_len, struct dxl_set_info *info,
		   struct dxl_verdict *v)
{
	struct dxl_set_header *h = buf;
	u8 *p = (u8 *)buf + sizeof(*h);
	u64 bytes;
	u32 crc, i, j;

	if (dxl_set_encoded_size(set, &bytes) || bytes > len ||
	    bytes > dxl_copy_size(geo)) {
		dxl_verdict_set(v, DXL_P_SET_RECORDS_OVERFLOW, set->nr_devs);
		return -ENOSPC;
	}
	memset(buf, 0, (size_t)bytes);
	memcpy(h->signature, DXL_SET_SIG, DXL_SET_SIG_LEN);
	h->version_major = cpu_to_le16(DXL_SET_VERSION_MAJOR);
	h->version_minor = cpu_to_le16(DXL_SET_VERSION_MINOR);
	h->header_size = cpu_to_le32(sizeof(*h));
	h->compat = cpu_to_le32(set->compat);
	h->ro_compat = cpu_to_le32(set->ro_compat);
	h->incompat = cpu_to_le32(dxl_set_incompat(set));
	h->nr_records = cpu_to_le32(set->nr_devs);
	h->generation = cpu_to_le64(generation);
	memcpy(h->info_uuid, geo->uuid, sizeof(h->info_uuid));
	memcpy(h->parent_uuid, geo->parent_uuid, sizeof(h->parent_uuid));
	h->label_off = cpu_to_le64(geo->label_off);
	h->label_size = cpu_to_le64(geo->label_size);
	h->data_off = cpu_to_le64(geo->data_off);
	h->data_size = cpu_to_le64(geo->data_size);
	h->data_align = cpu_to_le32(geo->align);
	h->end_trunc = cpu_to_le32(geo->end_trunc);
	h->records_bytes = cpu_to_le64(bytes - sizeof(*h));

	for (i = 0; i < set->nr_devs; i++) {
		const struct dxl_dev *d = &set->devs[i];
		struct dxl_dev_record *r = (struct dxl_dev_record *)p;
		size_t n = dxl_name_len(d->name);

		if (n >= DXL_NAME_LEN) {
			dxl_verdict_at(v, DXL_P_DEV_BAD_NAME, i, DXL_NO_INDEX,
				       d->id);
			return -EINVAL;
		}
		r->rec_size = cpu_to_le32(DXL_REC_FIXED_SIZE +
					  d->nr_ranges * DXL_RANGE_SIZE);
		r->id = cpu_to_le32(d->id);
		memcpy(r->uuid, d->uuid, sizeof(r->uuid));
		memcpy(r->name, d->name, n);
		r->align = cpu_to_le64(d->align);
		r->flags = cpu_to_le32(d->flags);
		r->uid = cpu_to_le32(d->uid);
		r->gid = cpu_to_le32(d->gid);
		r->mode = cpu_to_le32(d->mode);
		r->nr_ranges = cpu_to_le32(d->nr_ranges);
		for (j = 0; j < d->nr_ranges; j++) {
			r->ranges[j].offset = cpu_to_le64(d->ranges[j].offset);
			r->ranges[j].length = cpu_to_le64(d->ranges[j].length);
		}
		p += DXL_REC_FIXED_SIZE + d->nr_ranges * DXL_RANGE_SIZE;
	}
	crc = dxl_crc32(0, buf, DXL_SET_CRC_SPAN);
	crc = dxl_crc32(crc, (u8 *)buf + sizeof(*h), bytes - sizeof(*h));
	h->crc = cpu_to_le32(crc);
	return dxl_set_validate(buf, (size_t)bytes, geo, scratch, scratch_len,
				info, v);
}
