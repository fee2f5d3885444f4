/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * dxl_format.h - in-memory view of a labelled namespace and the pure
 * functions that translate between it and the bytes of dxl_ondisk.h.
 *
 * Nothing here allocates, sleeps or logs.  Buffers and scratch space come
 * from the caller; I/O, where a function needs it (dxl_load_*, dxl_commit),
 * goes through struct dxl_media_ops so that the same ordering serves the
 * kernel (nvdimm_{read,write}_bytes), image files and the crash simulator.
 */
#ifndef DXL_FORMAT_H
#define DXL_FORMAT_H

#include "dxl_ondisk.h"
#include "dxl_problem.h"

/* A region's or a device's alignment: 4 KiB, 2 MiB or 1 GiB. */
static inline bool dxl_align_valid(u64 align)
{
	return align == DXL_ALIGN_PTE || align == DXL_ALIGN_PMD ||
	       align == DXL_ALIGN_PUD;
}

/* A label area's size (both copies): a multiple of 8 KiB in [16 KiB, 64 MiB]. */
static inline bool dxl_label_size_valid(u64 label_size)
{
	return label_size >= DXL_LABEL_SIZE_MIN &&
	       label_size <= DXL_LABEL_SIZE_MAX &&
	       !(label_size & (DXL_LABEL_GRAIN - 1));
}

/* The grain of a device of @align: where its extents may start and end. */
static inline u64 dxl_extent_grain(u64 align)
{
	return align > DXL_GRAIN_MIN ? align : DXL_GRAIN_MIN;
}

/**
 * struct dxl_geometry - where things are in a labelled namespace
 * @uuid: info-block uuid (label sets are bound to it)
 * @parent_uuid: namespace uuid recorded in the info-block (zero if none)
 * @label_off: namespace offset of the label area
 * @label_size: bytes of the label area, both copies
 * @data_off: namespace offset of the data area (the info-block's dataoff)
 * @data_size: bytes of the data area (npfns * 4096)
 * @align: the info-block's align (base alignment of the dax region)
 * @end_trunc: bytes of the namespace after the data area left unused
 */
struct dxl_geometry {
	u8 uuid[16];
	u8 parent_uuid[16];
	u64 label_off;
	u64 label_size;
	u64 data_off;
	u64 data_size;
	u32 align;
	u32 end_trunc;
};

/** struct dxl_range - one extent, data-area relative */
struct dxl_range {
	u64 offset;
	u64 length;
};

/**
 * struct dxl_dev - one dax device as recorded in a label set
 * @id: N of daxR.N
 * @flags: DXL_DEV_F_*
 * @uuid: device uuid
 * @name: NUL-terminated name, may be empty
 * @align: mapping alignment of the device
 * @uid: owner (when DXL_DEV_F_OWNER)
 * @gid: group (when DXL_DEV_F_OWNER)
 * @mode: permission bits (when DXL_DEV_F_OWNER)
 * @nr_ranges: number of entries in @ranges
 * @ranges: extents in page-offset order
 */
struct dxl_dev {
	u32 id;
	u32 flags;
	u8 uuid[16];
	char name[DXL_NAME_LEN];
	u64 align;
	u32 uid;
	u32 gid;
	u32 mode;
	u32 nr_ranges;
	struct dxl_range *ranges;
};

/**
 * struct dxl_set - a whole label set
 * @generation: commit counter of the copy it was read from (0 if new)
 * @compat: compat feature bits
 * @ro_compat: read-only compatible feature bits
 * @incompat: incompatible feature bits (DXL_SET_INCOMPAT_EMPTY_DEVS is
 *	derived from @devs when the set is encoded)
 * @nr_devs: number of entries in @devs
 * @devs: devices, in ascending id order
 */
struct dxl_set {
	u64 generation;
	u32 compat;
	u32 ro_compat;
	u32 incompat;
	u32 nr_devs;
	struct dxl_dev *devs;
};

/**
 * struct dxl_set_info - what validating one copy learned about it
 * @generation: the copy's generation
 * @crc: the copy's CRC32
 * @nr_records: device records in the copy
 * @nr_ranges: ranges over all records
 * @bytes: header plus records: the bytes a commit writes
 * @ro_compat: the copy's ro_compat bits (unknown ones forbid writing)
 */
struct dxl_set_info {
	u64 generation;
	u32 crc;
	u32 nr_records;
	u32 nr_ranges;
	u64 bytes;
	u32 ro_compat;
};

/**
 * struct dxl_info_fields - every field of an info-block, as stored
 * @signature: the 16 signature bytes
 * @uuid: info-block uuid
 * @parent_uuid: parent (namespace) uuid
 * @flags: flags word
 * @version_major: major version
 * @version_minor: minor version
 * @dataoff: data offset
 * @npfns: data pages
 * @mode: memmap mode
 * @start_pad: start padding
 * @end_trunc: end truncation
 * @align: alignment
 * @page_size: page size of the writer
 * @page_struct_size: struct page size of the writer
 * @label_off: label area offset (minor 5)
 * @label_size: label area size (minor 5)
 * @checksum: the stored checksum
 * @checksum_want: the checksum the block's contents call for
 */
struct dxl_info_fields {
	u8 signature[DXL_INFO_SIG_LEN];
	u8 uuid[16];
	u8 parent_uuid[16];
	u32 flags;
	u16 version_major;
	u16 version_minor;
	u64 dataoff;
	u64 npfns;
	u32 mode;
	u32 start_pad;
	u32 end_trunc;
	u32 align;
	u32 page_size;
	u16 page_struct_size;
	u64 label_off;
	u64 label_size;
	u64 checksum;
	u64 checksum_want;
};

/* ---- geometry and the info-block (dxl_info.c) ---- */

u64 dxl_fletcher64(const void *buf, size_t len);
u64 dxl_info_checksum(const void *buf);
u64 dxl_copy_size(const struct dxl_geometry *geo);
u64 dxl_copy_offset(const struct dxl_geometry *geo, unsigned int copy);
int dxl_geometry_plan(u64 ns_start, u64 ns_size, u64 label_size, u32 align,
		      struct dxl_geometry *geo);
int dxl_geometry_check(const struct dxl_geometry *geo, u64 ns_size,
		       struct dxl_verdict *v);
void dxl_info_encode(const struct dxl_geometry *geo, void *buf);
void dxl_info_decode(const void *buf, struct dxl_info_fields *f);
int dxl_info_validate(const void *buf, size_t len, u64 ns_size,
		      struct dxl_geometry *geo, struct dxl_verdict *v);

/* ---- one copy of the label set (dxl_set.c) ---- */

size_t dxl_scratch_size(u64 copy_size);
int dxl_set_validate_header(const void *buf, size_t len,
			    const struct dxl_geometry *geo,
			    struct dxl_geometry *own,
			    struct dxl_set_info *info, struct dxl_verdict *v);
int dxl_set_validate(const void *buf, size_t len,
		     const struct dxl_geometry *geo, void *scratch,
		     size_t scratch_len, struct dxl_set_info *info,
		     struct dxl_verdict *v);
int dxl_set_decode(const void *buf, const struct dxl_set_info *info,
		   struct dxl_set *set, struct dxl_dev *devs, u32 nr_devs,
		   struct dxl_range *ranges, u32 nr_ranges);
u32 dxl_set_incompat(const struct dxl_set *set);
int dxl_set_encoded_size(const struct dxl_set *set, u64 *bytes);
int dxl_set_encode(const struct dxl_set *set, const struct dxl_geometry *geo,
		   u64 generation, void *buf, size_t len, void *scratch,
		   size_t scratch_len, struct dxl_set_info *info,
		   struct dxl_verdict *v);
bool dxl_name_valid(const char *name, size_t len);

/* ---- the pair of copies: load, select, commit (dxl_commit.c) ---- */

/**
 * struct dxl_media_ops - how format/ reaches the media
 * @read: read @len bytes at namespace offset @off; -EIO for a bad sector
 * @write: write @len bytes at namespace offset @off (not yet durable)
 * @persist: make every write to [@off, @off + @len) durable: for pmem,
 *	flush those cachelines then fence; for a file, fdatasync
 */
struct dxl_media_ops {
	int (*read)(void *ctx, u64 off, void *buf, size_t len);
	int (*write)(void *ctx, u64 off, const void *buf, size_t len);
	int (*persist)(void *ctx, u64 off, size_t len);
};

/**
 * struct dxl_copy_state - what loading found in one copy
 * @status: 0 valid, -EIO unreadable, -EINVAL (or other) invalid
 * @verdict: why the copy is invalid
 * @info: the copy's facts when @status is 0
 */
struct dxl_copy_state {
	int status;
	struct dxl_verdict verdict;
	struct dxl_set_info info;
};

/* dxl_load.flags, and the flags of dxl_load_geometry() */
/* info-block lost, geometry from a copy */
#define DXL_LOAD_GEO_FROM_LABELS (1U << 0)
/* look for copies even when the info-block reads but is invalid (check) */
#define DXL_LOAD_SCAN		(1U << 1)

/**
 * struct dxl_load - the state of a namespace's metadata after loading
 * @info_status: 0, or why the info-block was not usable
 * @info_verdict: the info-block's problem when @info_status is not 0
 * @flags: DXL_LOAD_*
 * @geo: geometry (from the info-block, or from a copy if the info-block
 *	could not be read)
 * @copy: state of copy 0 and copy 1
 * @auth: index of the authoritative copy, or -1 when none is valid
 * @problem: the selection's finding about the pair (DXL_P_OK, COPY_*,
 *	NO_VALID_COPY); per-copy details are in @copy
 * @resync: bit i set when copy i must be rewritten from @auth
 * @diverged: both copies valid at one generation, with the same length
 *	and CRC but other bytes (set by dxl_load_copies(), which holds the
 *	bytes; cleared when a write makes the copies equal again)
 * @need: when dxl_load_copies() failed with -ENOMEM, the bytes a buffer
 *	must hold for the larger copy (what its header claims; at most
 *	dxl_copy_size()); 0 otherwise
 */
struct dxl_load {
	int info_status;
	struct dxl_verdict info_verdict;
	u32 flags;
	struct dxl_geometry geo;
	struct dxl_copy_state copy[DXL_COPIES];
	int auth;
	enum dxl_problem problem;
	u32 resync;
	bool diverged;
	u64 need;
};

/* How far past the label area's default start a lost copy is searched. */
#define DXL_SCAN_LIMIT		(64ULL << 20)
/*
 * What the scan spends on records, whatever hostile headers claim: at
 * most this many copies read whole, and at most this many bytes of them
 * (two copies of the largest label area).
 */
#define DXL_SCAN_CRC_TRIES	8U
#define DXL_SCAN_CRC_BUDGET	DXL_LABEL_SIZE_MAX

int dxl_load_geometry(const struct dxl_media_ops *ops, void *ctx, u64 ns_size,
		      u32 flags, void *buf, struct dxl_load *ld);
int dxl_load_copies(const struct dxl_media_ops *ops, void *ctx,
		    struct dxl_load *ld, void *bufs[DXL_COPIES], size_t buf_len,
		    void *scratch, size_t scratch_len);
void dxl_select(struct dxl_load *ld);

/**
 * struct dxl_commit_plan - the order in which a new set reaches the media
 * @generation: generation written into both copies
 * @first: copy written and made durable first (the non-authoritative one)
 * @second: copy written after @first is durable
 * @off: namespace offsets of copy 0 and copy 1
 */
struct dxl_commit_plan {
	u64 generation;
	unsigned int first;
	unsigned int second;
	u64 off[2];
};

int dxl_commit_plan(const struct dxl_load *ld, struct dxl_commit_plan *plan);
int dxl_commit_plan_over(const struct dxl_load *ld, const struct dxl_set *ours,
			 struct dxl_commit_plan *plan);
int dxl_commit_write(const struct dxl_media_ops *ops, void *ctx,
		     struct dxl_load *ld, const struct dxl_commit_plan *plan,
		     const void *buf, const struct dxl_set_info *info);
int dxl_resync(const struct dxl_media_ops *ops, void *ctx,
	       struct dxl_load *ld, const void *auth_buf);
int dxl_format(const struct dxl_media_ops *ops, void *ctx,
	       const struct dxl_geometry *geo, void *work);
int dxl_load_error(const struct dxl_load *ld);

#endif /* DXL_FORMAT_H */
