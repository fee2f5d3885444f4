/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util/json.h - the JSON daxlabel and daxlabeld print and read: label
 * sets and devices as `daxctl list` shows them, the dump/restore
 * document, the info-block.
 */
#ifndef DAXLABEL_UTIL_JSON_H
#define DAXLABEL_UTIL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "libdaxlabel.h"

/* dl_json_target() and dl_json_dev() flags */
#define DL_JSON_MAPPINGS	(1U << 0)	/* "mappings", as daxctl -M */
#define DL_JSON_DUMP		(1U << 1)	/* the dump/restore document */

/* the largest dump document either program reads */
#define DL_JSON_MAX_BYTES	(64U << 20)

/* a dump document's devices, as daxlabel_target_rebuild() takes them */
struct dl_json_set {
	struct daxlabel_dev_desc *devs;
	unsigned int nr_devs;
};

int dl_json_target(FILE *f, struct daxlabel_target *t, uint64_t base,
		   unsigned int flags);
int dl_json_dev(FILE *f, struct daxlabel_dev *dev, uint64_t base,
		unsigned int flags);
int dl_print_infoblock(FILE *f, const struct daxlabel_infoblock *ib,
		       bool json);
const char *dl_health_name(struct daxlabel_target *t);
int dl_json_parse_set(const char *text, size_t len, struct dl_json_set *r,
		      char *msg, size_t msglen);
void dl_json_free_set(struct dl_json_set *r);

#endif /* DAXLABEL_UTIL_JSON_H */
