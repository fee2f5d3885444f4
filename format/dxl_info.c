// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * dxl_info.c - the extended devdax info-block and the namespace geometry.
 */
#include "dxl_format.h"

/**
 * dxl_fletcher64() - the libnvdimm info-block checksum
 * @buf: data, a whole number of little-endian 32-bit words
 * @len: bytes; a trailing partial word is ignored, as the kernel does
 *
 * Return: the 64-bit fletcher sum (high half: sum of sums, low: sum).
 */
u64 dxl_fletcher64(const void *buf, size_t len)
{
	const u8 *p = buf;
	u32 lo = 0;
	u64 hi = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4) {
		__le32 w;

		memcpy(&w, p + i, sizeof(w));
		lo += le32_to_cpu(w);
		hi += lo;
	}
	return hi << 32 | lo;
}

/**
 * dxl_info_checksum() - the checksum an info-block must carry
 * @buf: DXL_INFO_SIZE bytes
 *
 * The kernel sums the whole block with the checksum field read as zero.
 * Those two zero words leave the low half alone and add the low half twice
 * to the high half, which is computed here instead of copying the block.
 *
 * Return: the value for the checksum field.
 */
u64 dxl_info_checksum(const void *buf)
{
	u64 sum = dxl_fletcher64(buf, offsetof(struct dxl_info_block, checksum));
	u32 lo = (u32)sum;
	u32 hi = (u32)(sum >> 32);

	hi += 2 * lo;
	return (u64)hi << 32 | lo;
}

/**
 * dxl_copy_size() - bytes available to one copy of the label set
 * @geo: namespace geometry
 *
 * Return: half of the label area.
 */
u64 dxl_copy_size(const struct dxl_geometry *geo)
{
	return geo->label_size / DXL_COPIES;
}

/**
 * dxl_copy_offset() - namespace offset of one copy of the label set
 * @geo: namespace geometry
 * @copy: 0 or 1
 *
 * Return: the offset of the copy's header.
 */
u64 dxl_copy_offset(const struct dxl_geometry *geo, unsigned int copy)
{
	return geo->label_off + copy * dxl_copy_size(geo);
}

static u64 dxl_align_up(u64 x, u64 a)
{
	return (x + a - 1) & ~(a - 1);
}

/**
 * dxl_geometry_plan() - lay out a namespace for labelling (the dataoff rule)
 * @ns_start: physical start of the namespace, 0 when unknown (image file)
 * @ns_size: namespace size in bytes
 * @label_size: requested label area size (both copies)
 * @align: dax region alignment (the info-block's align)
 * @geo: filled in; the caller sets the uuids
 *
 * The label area starts at 8 KiB, right after the info-block.  dataoff is
 * the first multiple of max(@align, 2 MiB) (in physical address terms) at
 * or after the end of the label area, and the namespace end is truncated
 * to the same alignment, exactly as the kernel's RAM-mode nd_pfn_init()
 * does with the label area taking the place of nothing.  The default label
 * size therefore costs no capacity with a 2 MiB alignment.
 *
 * Return: 0, -EINVAL for a bad size, alignment or start, -ENOSPC when
 * no data area is left.
 */
int dxl_geometry_plan(u64 ns_start, u64 ns_size, u64 label_size, u32 align,
		      struct dxl_geometry *geo)
{
	u64 a, end, data_end, data_off;

	memset(geo, 0, sizeof(*geo));
	if (!dxl_align_valid(align))
		return -EINVAL;
	if (!dxl_label_size_valid(label_size))
		return -EINVAL;
	a = dxl_extent_grain(align);
	if (!dxl_aligned(ns_start, DXL_GRAIN_MIN))
		return -EINVAL;
	if (dxl_add_overflow(ns_start, ns_size, &end))
		return -EINVAL;
	if (label_size > U64_MAX / 2 ||
	    dxl_add_overflow(ns_start + DXL_LABEL_OFFSET, label_size, &data_off) ||
	    data_off > U64_MAX - a)
		return -ENOSPC;
	data_off = dxl_align_up(data_off, a) - ns_start;
	data_end = (end & ~(a - 1)) - ns_start;
	if (data_off >= data_end)
		return -ENOSPC;

	geo->label_off = DXL_LABEL_OFFSET;
	geo->label_size = label_size;
	geo->data_off = data_off;
	geo->data_size = data_end - data_off;
	geo->align = align;
	geo->end_trunc = (u32)(ns_size - data_end);
	if (ns_size - data_end > U32_MAX)
		return -EINVAL;
	return 0;
}

/**
 * dxl_geometry_check() - is a geometry self-consistent?
 * @geo: geometry from an info-block or a label set header
 * @ns_size: namespace size, or 0 when unknown
 * @v: the first problem found
 *
 * Return: 0 or -EINVAL.
 */
int dxl_geometry_check(const struct dxl_geometry *geo, u64 ns_size,
		       struct dxl_verdict *v)
{
	u64 label_end, data_end;

	if (!dxl_align_valid(geo->align)) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_ALIGN, geo->align);
		return -EINVAL;
	}
	if (geo->label_off < DXL_LABEL_OFFSET ||
	    !dxl_aligned(geo->label_off, DXL_INFO_PAGE_SIZE) ||
	    !dxl_label_size_valid(geo->label_size) ||
	    dxl_add_overflow(geo->label_off, geo->label_size, &label_end)) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_LABEL_AREA, geo->label_off);
		return -EINVAL;
	}
	if (geo->data_off < label_end ||
	    !dxl_aligned(geo->data_off, DXL_INFO_PAGE_SIZE)) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_DATAOFF, geo->data_off);
		return -EINVAL;
	}
	if (!geo->data_size || !dxl_aligned(geo->data_size, DXL_INFO_PAGE_SIZE) ||
	    dxl_add_overflow(geo->data_off, geo->data_size, &data_end) ||
	    dxl_add_overflow(data_end, (u64)geo->end_trunc, &data_end) ||
	    (ns_size && data_end > ns_size)) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_DATA_SIZE, geo->data_size);
		return -EINVAL;
	}
	dxl_verdict_set(v, DXL_P_OK, 0);
	return 0;
}

/**
 * dxl_info_encode() - build a labelled devdax info-block
 * @geo: geometry, as planned by dxl_geometry_plan(), uuids set
 * @buf: DXL_INFO_SIZE bytes, overwritten
 *
 * The block is what the kernel's nd_pfn_init() writes for a RAM-mode
 * devdax namespace (version 1.4 fields), plus version 1.5: the
 * DXL_INFO_F_LABELS flag and the label area's offset and size.
 */
void dxl_info_encode(const struct dxl_geometry *geo, void *buf)
{
	struct dxl_info_block *ib = buf;

	memset(ib, 0, sizeof(*ib));
	memcpy(ib->signature, DXL_INFO_SIG, DXL_INFO_SIG_LEN);
	memcpy(ib->uuid, geo->uuid, sizeof(ib->uuid));
	memcpy(ib->parent_uuid, geo->parent_uuid, sizeof(ib->parent_uuid));
	ib->flags = cpu_to_le32(DXL_INFO_F_LABELS);
	ib->version_major = cpu_to_le16(DXL_INFO_VERSION_MAJOR);
	ib->version_minor = cpu_to_le16(DXL_INFO_VERSION_MINOR);
	ib->dataoff = cpu_to_le64(geo->data_off);
	ib->npfns = cpu_to_le64(geo->data_size / DXL_INFO_PAGE_SIZE);
	ib->mode = cpu_to_le32(DXL_INFO_MODE_RAM);
	ib->end_trunc = cpu_to_le32(geo->end_trunc);
	ib->align = cpu_to_le32(geo->align);
	ib->page_size = cpu_to_le32(DXL_INFO_PAGE_SIZE);
	ib->page_struct_size = cpu_to_le16(DXL_INFO_PAGE_STRUCT);
	ib->label_off = cpu_to_le64(geo->label_off);
	ib->label_size = cpu_to_le64(geo->label_size);
	ib->checksum = cpu_to_le64(dxl_info_checksum(ib));
}

/**
 * dxl_info_decode() - every field of an info-block, unvalidated
 * @buf: DXL_INFO_SIZE bytes
 * @f: filled in, for display (dxl_info_validate() says what is valid)
 */
void dxl_info_decode(const void *buf, struct dxl_info_fields *f)
{
	const struct dxl_info_block *ib = buf;

	memcpy(f->signature, ib->signature, sizeof(f->signature));
	memcpy(f->uuid, ib->uuid, sizeof(f->uuid));
	memcpy(f->parent_uuid, ib->parent_uuid, sizeof(f->parent_uuid));
	f->flags = le32_to_cpu(ib->flags);
	f->version_major = le16_to_cpu(ib->version_major);
	f->version_minor = le16_to_cpu(ib->version_minor);
	f->dataoff = le64_to_cpu(ib->dataoff);
	f->npfns = le64_to_cpu(ib->npfns);
	f->mode = le32_to_cpu(ib->mode);
	f->start_pad = le32_to_cpu(ib->start_pad);
	f->end_trunc = le32_to_cpu(ib->end_trunc);
	f->align = le32_to_cpu(ib->align);
	f->page_size = le32_to_cpu(ib->page_size);
	f->page_struct_size = le16_to_cpu(ib->page_struct_size);
	f->label_off = le64_to_cpu(ib->label_off);
	f->label_size = le64_to_cpu(ib->label_size);
	f->checksum = le64_to_cpu(ib->checksum);
	f->checksum_want = dxl_info_checksum(ib);
}

/*
 * Another libnvdimm personality's info-block at the same offset: fsdax
 * (NVDIMM_PFN_INFO) or a BTT arena (BTT_ARENA_INFO), both summed as ours
 * with the checksum in the block's last 8 bytes.  With the right sum it
 * is a deliberate reformat, not damage: the namespace is no longer
 * labelled, whatever label copies are left in the old gap.
 */
static bool dxl_info_foreign(const struct dxl_info_block *ib, u64 sum)
{
	static const char *const sigs[] = {
		"NVDIMM_PFN_INFO\0", "BTT_ARENA_INFO\0\0",
	};
	unsigned int i;

	if (sum != le64_to_cpu(ib->checksum))
		return false;
	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		if (!memcmp(ib->signature, sigs[i], DXL_INFO_SIG_LEN))
			return true;
	return false;
}

/**
 * dxl_info_validate() - check a devdax info-block and extract its geometry
 * @buf: the block as read from namespace offset 4096
 * @len: bytes in @buf
 * @ns_size: namespace size, or 0 when unknown
 * @geo: filled in on success
 * @v: the first problem found
 *
 * Return: 0 for a valid labelled info-block; -ENODATA for a valid devdax
 * info-block without labels (DXL_P_INFO_NOT_LABELLED) or a valid fsdax or
 * BTT info-block (DXL_P_INFO_FOREIGN); -EOPNOTSUPP for
 * unknown incompatible flags; -EINVAL otherwise.
 */
int dxl_info_validate(const void *buf, size_t len, u64 ns_size,
		      struct dxl_geometry *geo, struct dxl_verdict *v)
{
	const struct dxl_info_block *ib = buf;
	u64 sum, npfns;
	u32 flags;

	if (len < sizeof(*ib)) {
		dxl_verdict_set(v, DXL_P_INFO_TRUNCATED, len);
		return -EINVAL;
	}
	sum = dxl_info_checksum(ib);
	if (memcmp(ib->signature, DXL_INFO_SIG, DXL_INFO_SIG_LEN) != 0) {
		if (dxl_info_foreign(ib, sum)) {
			dxl_verdict_set(v, DXL_P_INFO_FOREIGN, 0);
			return -ENODATA;
		}
		dxl_verdict_set(v, DXL_P_INFO_BAD_SIGNATURE, 0);
		return -EINVAL;
	}
	if (sum != le64_to_cpu(ib->checksum)) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_CHECKSUM, sum);
		return -EINVAL;
	}
	if (le16_to_cpu(ib->version_major) != DXL_INFO_VERSION_MAJOR) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_VERSION,
				le16_to_cpu(ib->version_major));
		return -EINVAL;
	}
	flags = le32_to_cpu(ib->flags);
	if (flags & ~DXL_INFO_F_KNOWN) {
		dxl_verdict_set(v, DXL_P_INFO_UNKNOWN_FLAGS, flags);
		return -EOPNOTSUPP;
	}
	if (!(flags & DXL_INFO_F_LABELS)) {
		dxl_verdict_set(v, DXL_P_INFO_NOT_LABELLED, 0);
		return -ENODATA;
	}
	if (le16_to_cpu(ib->version_minor) < DXL_INFO_VERSION_MINOR) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_VERSION,
				le16_to_cpu(ib->version_minor));
		return -EINVAL;
	}
	if (le32_to_cpu(ib->mode) != DXL_INFO_MODE_RAM) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_MODE, le32_to_cpu(ib->mode));
		return -EINVAL;
	}
	if (ib->start_pad) {
		dxl_verdict_set(v, DXL_P_INFO_START_PAD,
				le32_to_cpu(ib->start_pad));
		return -EINVAL;
	}
	if (le32_to_cpu(ib->page_size) != DXL_INFO_PAGE_SIZE) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_PAGE_SIZE,
				le32_to_cpu(ib->page_size));
		return -EINVAL;
	}
	if (!dxl_all_zero(ib->reserved0, sizeof(ib->reserved0)) ||
	    !dxl_all_zero(ib->padding, sizeof(ib->padding))) {
		dxl_verdict_set(v, DXL_P_INFO_RESERVED, 0);
		return -EINVAL;
	}
	npfns = le64_to_cpu(ib->npfns);
	if (npfns > U64_MAX / DXL_INFO_PAGE_SIZE) {
		dxl_verdict_set(v, DXL_P_INFO_BAD_DATA_SIZE, npfns);
		return -EINVAL;
	}

	memset(geo, 0, sizeof(*geo));
	memcpy(geo->uuid, ib->uuid, sizeof(geo->uuid));
	memcpy(geo->parent_uuid, ib->parent_uuid, sizeof(geo->parent_uuid));
	geo->label_off = le64_to_cpu(ib->label_off);
	geo->label_size = le64_to_cpu(ib->label_size);
	geo->data_off = le64_to_cpu(ib->dataoff);
	geo->data_size = npfns * DXL_INFO_PAGE_SIZE;
	geo->align = le32_to_cpu(ib->align);
	geo->end_trunc = le32_to_cpu(ib->end_trunc);
	return dxl_geometry_check(geo, ns_size, v);
}
