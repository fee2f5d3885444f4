/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * dxl_ondisk.h - on-media structures of a labelled devdax namespace.
 *
 * Every byte that daxlabel puts on media is described here and only
 * here; Documentation/daxlabel-format.txt is the normative prose for the
 * same layout.  All integers are little-endian, every struct has explicit
 * reserved padding, and every size and key offset is pinned by the static
 * asserts at the end of this file, which both the kernel and userspace
 * builds evaluate.
 *
 * Namespace layout (offsets relative to the namespace start):
 *
 *   0       4 KiB   untouched (left to the platform)
 *   4 KiB   4 KiB   devdax info-block (kernel NVDIMM_DAX_INFO, extended)
 *   8 KiB           label area: copy 0, then copy 1, each label_size / 2
 *   dataoff         data area: the dax region, npfns pages
 */
#ifndef DXL_ONDISK_H
#define DXL_ONDISK_H

#include "dxl_compat.h"

/* ---- the devdax info-block (drivers/nvdimm/pfn.h, struct nd_pfn_sb) ---- */

#define DXL_INFO_OFFSET		4096ULL	/* namespace offset of the info-block */
#define DXL_INFO_SIZE		4096U
#define DXL_INFO_SIG		"NVDIMM_DAX_INFO\0"
#define DXL_INFO_SIG_LEN	16
#define DXL_INFO_VERSION_MAJOR	1
/* minor 5: flags may carry DXL_INFO_F_LABELS and label_off/label_size */
#define DXL_INFO_VERSION_MINOR	5
#define DXL_INFO_MODE_RAM	1	/* memmap in RAM: metadata gap is free */
#define DXL_INFO_MODE_PMEM	2	/* memmap on media: gap holds struct pages */
#define DXL_INFO_PAGE_SIZE	4096U
#define DXL_INFO_PAGE_STRUCT	64U	/* MAX_STRUCT_PAGE_SIZE */

/*
 * Info-block flags.  Every flag is incompatible: a kernel that does not
 * know a set flag must refuse the namespace (old kernels ignore flags, and
 * DXL_INFO_F_LABELS is designed to be safe for them: they see one static
 * devdax device and never write the label area).
 */
#define DXL_INFO_F_LABELS	(1U << 0)	/* label area present */
#define DXL_INFO_F_KNOWN	(DXL_INFO_F_LABELS)

struct dxl_info_block {
	u8 signature[DXL_INFO_SIG_LEN];	/* "NVDIMM_DAX_INFO\0" */
	u8 uuid[16];		/* info-block uuid; label sets bind to it */
	u8 parent_uuid[16];	/* namespace uuid; zero when label-less */
	__le32 flags;		/* DXL_INFO_F_*; zero before minor 5 */
	__le16 version_major;	/* 1 */
	__le16 version_minor;	/* 5 when DXL_INFO_F_LABELS is set */
	__le64 dataoff;		/* namespace offset of the data area */
	__le64 npfns;		/* data area size in 4 KiB pages */
	__le32 mode;		/* DXL_INFO_MODE_RAM for labelled namespaces */
	/* minor-version-1 */
	__le32 start_pad;	/* deprecated, must be 0 */
	__le32 end_trunc;	/* bytes cut from the namespace end */
	/* minor-version-2 */
	__le32 align;		/* base alignment of the dax region */
	/* minor-version-4 */
	__le32 page_size;	/* PAGE_SIZE of the writer: 4096 */
	__le16 page_struct_size; /* 64 */
	/* minor-version-5 (daxlabel) */
	u8 reserved0[2];	/* zero */
	__le64 label_off;	/* namespace offset of the label area */
	__le64 label_size;	/* bytes of the label area (both copies) */
	u8 padding[3976];	/* zero */
	__le64 checksum;	/* fletcher64 over the block with this field 0 */
};

/* ---- the label area ---- */

#define DXL_LABEL_OFFSET	8192ULL	/* where init puts the label area */
#define DXL_LABEL_SIZE_MIN	16384ULL	/* two copies of 8 KiB */
#define DXL_LABEL_SIZE_DEFAULT	(2 * 1024 * 1024ULL - 8192ULL)
/*
 * Upper bound: a reader holds up to a copy's worth of records in memory,
 * so a hostile header must not name an arbitrary size.  64 MiB holds 4096
 * devices of 256 ranges (17 MiB a copy); a kernel on a small guest can
 * afford the worst case, about 100 MiB, and sizes its buffers by what the
 * copies hold, not by this bound.
 */
#define DXL_LABEL_SIZE_MAX	(64ULL << 20)
#define DXL_LABEL_GRAIN		8192ULL	/* label_size granularity */
#define DXL_COPIES		2

#define DXL_SET_SIG		"DAXLABEL_SET\0\0\0\0"
#define DXL_SET_SIG_LEN		16
#define DXL_SET_VERSION_MAJOR	1
#define DXL_SET_VERSION_MINOR	0

/*
 * Feature flags of a label set (ext4 style):
 *   compat     unknown bits may be ignored;
 *   ro_compat  unknown bits: the set may be read, never written;
 *   incompat   unknown bits: the set must not be interpreted at all.
 */
#define DXL_SET_COMPAT_KNOWN	0U
#define DXL_SET_RO_COMPAT_KNOWN	0U
/*
 * Records may have no ranges: a device that exists at size 0 (after
 * daxctl reconfigure-device -s 0) keeps its id, uuid, name and owner
 * until it is deleted.  Writers set the bit exactly when a record of the
 * set has no ranges; a reader without it would call such a set damaged.
 */
#define DXL_SET_INCOMPAT_EMPTY_DEVS	(1U << 0)
#define DXL_SET_INCOMPAT_KNOWN	DXL_SET_INCOMPAT_EMPTY_DEVS

/*
 * The header of one copy of the label set.  It repeats the info-block's
 * geometry so that a copy can be checked against the info-block it belongs
 * to, and so that a lost info-block can be rebuilt from either copy.
 */
struct dxl_set_header {
	u8 signature[DXL_SET_SIG_LEN];	/* "DAXLABEL_SET\0\0\0\0" */
	__le16 version_major;	/* 1: a different major is not understood */
	__le16 version_minor;	/* 0 */
	__le32 header_size;	/* sizeof(struct dxl_set_header): 256 */
	__le32 compat;		/* DXL_SET_COMPAT_* */
	__le32 ro_compat;	/* DXL_SET_RO_COMPAT_* */
	__le32 incompat;	/* DXL_SET_INCOMPAT_* */
	__le32 nr_records;	/* device records following the header */
	__le64 generation;	/* commit counter, starts at 1 */
	u8 info_uuid[16];	/* uuid of the info-block this set belongs to */
	u8 parent_uuid[16];	/* parent_uuid of that info-block */
	__le64 label_off;	/* copy of the info-block's label_off */
	__le64 label_size;	/* copy of the info-block's label_size */
	__le64 data_off;	/* copy of dataoff */
	__le64 data_size;	/* npfns * 4096: bytes of the data area */
	__le32 data_align;	/* copy of the info-block's align */
	__le32 end_trunc;	/* copy of the info-block's end_trunc */
	__le64 records_bytes;	/* bytes of all records after the header */
	u8 reserved[124];	/* zero */
	__le32 crc;		/* CRC32 of bytes [0, 252) and all records */
};

/* One extent of a device, relative to the start of the data area. */
struct dxl_range_record {
	__le64 offset;		/* aligned to the device's align */
	__le64 length;		/* non-zero, aligned to the device's align */
};

/* dxl_dev_record.flags */
#define DXL_DEV_F_OWNER		(1U << 0)	/* uid, gid and mode apply */
#define DXL_DEV_F_KNOWN		(DXL_DEV_F_OWNER)

#define DXL_NAME_LEN		64	/* name bytes incl. the terminating NUL */
/*
 * The alignments a dax region and a dax device may have: the fault sizes
 * the kernel maps (dax_align_valid(), nd_pfn_supported_alignments()).
 */
#define DXL_ALIGN_PTE		4096ULL
#define DXL_ALIGN_PMD		(2ULL << 20)
#define DXL_ALIGN_PUD		(1ULL << 30)
/*
 * Every extent of a device starts and ends on its grain, max(align,
 * DXL_GRAIN_MIN), counted from the start of the namespace: the kernel maps
 * a device with faults of its align (a huge fault maps the naturally
 * aligned block around the address) and hot-plugs page maps by 2 MiB
 * subsection (memremap_compat_align()).
 */
#define DXL_GRAIN_MIN		DXL_ALIGN_PMD
#define DXL_MODE_MASK		07777U
#define DXL_ID_MAX		((u32)INT_MAX)	/* kernel ids are ints */
/*
 * Ranges of one device: bounds the kernel's per-device range arrays (one
 * allocation each, grown a range at a time) and the restore's work.
 */
#define DXL_DEV_RANGES_MAX	1024U

/*
 * One dax device.  Records are stored back to back in ascending id order;
 * ranges follow the fixed part in page-offset order (the device's first
 * page is in ranges[0]).
 */
struct dxl_dev_record {
	__le32 rec_size;	/* 128 + 16 * nr_ranges */
	__le32 id;		/* N of daxR.N, at most INT_MAX */
	u8 uuid[16];		/* non-zero, unique in the set */
	u8 name[DXL_NAME_LEN];	/* UTF-8, NUL-padded, <= 63 bytes, unique */
	__le64 align;		/* 4 KiB, 2 MiB or 1 GiB */
	__le32 flags;		/* DXL_DEV_F_* */
	__le32 uid;		/* owner, when DXL_DEV_F_OWNER */
	__le32 gid;		/* group, when DXL_DEV_F_OWNER */
	__le32 mode;		/* permission bits (07777), when DXL_DEV_F_OWNER */
	__le32 nr_ranges;	/* at least 1; 0 under INCOMPAT_EMPTY_DEVS */
	u8 reserved[12];	/* zero */
	struct dxl_range_record ranges[];
};

#define DXL_REC_FIXED_SIZE	128U
#define DXL_RANGE_SIZE		16U

/*
 * The fixed layout.  A change here is a format change: bump a version or
 * a feature flag and update Documentation/daxlabel-format.txt with it.
 */
#define DXL_ASSERT_OFFSET(s, m, off) \
	static_assert(offsetof(struct s, m) == (off), #s "." #m " moved")
#define DXL_ASSERT_SIZE(s, size) \
	static_assert(sizeof(struct s) == (size), #s " changed size")

DXL_ASSERT_SIZE(dxl_info_block, 4096);
DXL_ASSERT_OFFSET(dxl_info_block, uuid, 16);
DXL_ASSERT_OFFSET(dxl_info_block, parent_uuid, 32);
DXL_ASSERT_OFFSET(dxl_info_block, flags, 48);
DXL_ASSERT_OFFSET(dxl_info_block, version_major, 52);
DXL_ASSERT_OFFSET(dxl_info_block, version_minor, 54);
DXL_ASSERT_OFFSET(dxl_info_block, dataoff, 56);
DXL_ASSERT_OFFSET(dxl_info_block, npfns, 64);
DXL_ASSERT_OFFSET(dxl_info_block, mode, 72);
DXL_ASSERT_OFFSET(dxl_info_block, start_pad, 76);
DXL_ASSERT_OFFSET(dxl_info_block, end_trunc, 80);
DXL_ASSERT_OFFSET(dxl_info_block, align, 84);
DXL_ASSERT_OFFSET(dxl_info_block, page_size, 88);
DXL_ASSERT_OFFSET(dxl_info_block, page_struct_size, 92);
DXL_ASSERT_OFFSET(dxl_info_block, label_off, 96);
DXL_ASSERT_OFFSET(dxl_info_block, label_size, 104);
DXL_ASSERT_OFFSET(dxl_info_block, padding, 112);
DXL_ASSERT_OFFSET(dxl_info_block, checksum, 4088);

DXL_ASSERT_SIZE(dxl_set_header, 256);
DXL_ASSERT_OFFSET(dxl_set_header, version_major, 16);
DXL_ASSERT_OFFSET(dxl_set_header, header_size, 20);
DXL_ASSERT_OFFSET(dxl_set_header, compat, 24);
DXL_ASSERT_OFFSET(dxl_set_header, ro_compat, 28);
DXL_ASSERT_OFFSET(dxl_set_header, incompat, 32);
DXL_ASSERT_OFFSET(dxl_set_header, nr_records, 36);
DXL_ASSERT_OFFSET(dxl_set_header, generation, 40);
DXL_ASSERT_OFFSET(dxl_set_header, info_uuid, 48);
DXL_ASSERT_OFFSET(dxl_set_header, parent_uuid, 64);
DXL_ASSERT_OFFSET(dxl_set_header, label_off, 80);
DXL_ASSERT_OFFSET(dxl_set_header, label_size, 88);
DXL_ASSERT_OFFSET(dxl_set_header, data_off, 96);
DXL_ASSERT_OFFSET(dxl_set_header, data_size, 104);
DXL_ASSERT_OFFSET(dxl_set_header, data_align, 112);
DXL_ASSERT_OFFSET(dxl_set_header, end_trunc, 116);
DXL_ASSERT_OFFSET(dxl_set_header, records_bytes, 120);
DXL_ASSERT_OFFSET(dxl_set_header, reserved, 128);
DXL_ASSERT_OFFSET(dxl_set_header, crc, 252);

DXL_ASSERT_SIZE(dxl_range_record, DXL_RANGE_SIZE);
DXL_ASSERT_SIZE(dxl_dev_record, DXL_REC_FIXED_SIZE);
DXL_ASSERT_OFFSET(dxl_dev_record, id, 4);
DXL_ASSERT_OFFSET(dxl_dev_record, uuid, 8);
DXL_ASSERT_OFFSET(dxl_dev_record, name, 24);
DXL_ASSERT_OFFSET(dxl_dev_record, align, 88);
DXL_ASSERT_OFFSET(dxl_dev_record, flags, 96);
DXL_ASSERT_OFFSET(dxl_dev_record, uid, 100);
DXL_ASSERT_OFFSET(dxl_dev_record, gid, 104);
DXL_ASSERT_OFFSET(dxl_dev_record, mode, 108);
DXL_ASSERT_OFFSET(dxl_dev_record, nr_ranges, 112);
DXL_ASSERT_OFFSET(dxl_dev_record, ranges, 128);

/* The CRC covers the header up to, not including, the crc field. */
#define DXL_SET_CRC_SPAN	offsetof(struct dxl_set_header, crc)

#endif /* DXL_ONDISK_H */
