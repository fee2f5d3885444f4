/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * labeld.h - daxlabeld's parts that are tested on their own: the
 * configuration file and the backup store (atomic writes, history).
 */
#ifndef DAXLABEL_LABELD_H
#define DAXLABEL_LABELD_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#define LABELD_CONFIG "/etc/daxlabel/labeld.conf"

/**
 * struct labeld_config - /etc/daxlabel/labeld.conf
 * @scrub_interval: seconds between scrubs of every label set; 0: never
 * @history_depth: earlier sets kept per namespace; 0: none
 * @backup_dir: DIR/<info-block uuid>/{current.json,history/}
 * @status_file: where the daemon writes its status for 'daxlabeld status'
 */
struct labeld_config {
	unsigned int scrub_interval;
	unsigned int history_depth;
	char backup_dir[PATH_MAX];
	char status_file[PATH_MAX];
};

void labeld_config_defaults(struct labeld_config *c);
int labeld_config_parse(const char *text, struct labeld_config *c,
			char *msg, size_t msglen);
int labeld_config_load(const char *path, struct labeld_config *c,
		       char *msg, size_t msglen);
int labeld_poll_timeout(int64_t now, int64_t next);

int labeld_write_atomic(const char *dir, const char *name, const void *buf,
			size_t len);
int labeld_mkdir_p(const char *path);
int labeld_read_file(const char *path, char **buf, size_t *len);
int labeld_backup(const struct labeld_config *c, const char *uuid,
		  const char *json, size_t len, int *changed);
int labeld_history(const char *dir, uint64_t *gens, unsigned int max);

#endif /* DAXLABEL_LABELD_H */
