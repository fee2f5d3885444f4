/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util/util.h - helpers daxlabel and daxlabeld share (no messages, no
 * globals): sizes and uuids as text, sysfs lines, bounded file reads.
 */
#ifndef DAXLABEL_UTIL_H
#define DAXLABEL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* where daxlabeld keeps its backups: DIR/<info-block uuid>/current.json */
#define DL_BACKUP_DIR "/var/lib/daxlabel"

void dl_format_size(uint64_t bytes, char *buf, size_t len);
void dl_format_uuid(const unsigned char uuid[16], char buf[37]);
int dl_parse_mode(const char *s, unsigned int *out);
int dl_read_line(const char *path, char *buf, size_t len);
char *dl_read_all(FILE *f, size_t max, size_t *len);

#endif /* DAXLABEL_UTIL_H */
