/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * set-edit.h - owning in-memory label sets and the kernel's allocator.
 *
 * format/ describes a set with caller-owned arrays; here every device owns
 * its ranges (heap), so sets can be copied, edited and freed.  The editing
 * functions allocate space exactly as drivers/dax/bus.c does for a dynamic
 * region, so an offline edit boots to the layout it printed.
 */
#ifndef DAXLABEL_SET_EDIT_H
#define DAXLABEL_SET_EDIT_H

#include "../format/dxl_format.h"

void dl_set_free(struct dxl_set *set);
int dl_set_copy(struct dxl_set *dst, const struct dxl_set *src);
int dl_set_find_id(const struct dxl_set *set, u32 id);
u32 dl_set_next_id(const struct dxl_set *set);
u64 dl_dev_size(const struct dxl_dev *dev);
u64 dl_set_avail(const struct dxl_set *set, const struct dxl_geometry *geo);
int dl_set_add(struct dxl_set *set, const struct dxl_dev *tmpl, u32 *index);
int dl_set_resize(struct dxl_set *set, const struct dxl_geometry *geo,
		  u32 index, u64 size);
int dl_set_remove(struct dxl_set *set, u32 index);

#endif /* DAXLABEL_SET_EDIT_H */
