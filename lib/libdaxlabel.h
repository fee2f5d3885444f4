/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libdaxlabel.h - read and edit the label sets of labelled devdax
 * namespaces (image files and raw namespaces).
 *
 * Objects are opaque.  A context and a target are reference counted
 * (unref(NULL) is a no-op); devices belong to their target and stay valid
 * until the next edit of that target (create, resize, destroy, format)
 * or its last unref; look them up again by id after an edit.  Every function
 * that can fail returns a negative errno; the library prints nothing
 * unless asked: a context's log (daxlabel_set_log_priority(), or
 * DAXLABEL_LOG=err|info|debug in the environment) says why a call failed.
 * Sizes and offsets are uint64_t bytes.
 */
#ifndef LIBDAXLABEL_H
#define LIBDAXLABEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct daxlabel_ctx;
struct daxlabel_target;
struct daxlabel_dev;

int daxlabel_new(struct daxlabel_ctx **ctx);
struct daxlabel_ctx *daxlabel_ref(struct daxlabel_ctx *ctx);
struct daxlabel_ctx *daxlabel_unref(struct daxlabel_ctx *ctx);

/*
 * The context's log, as libndctl's: syslog(3) priorities (LOG_ERR 3,
 * LOG_INFO 6, LOG_DEBUG 7); a message is passed to the log function when
 * its priority is at most the context's.  The default function writes
 * "libdaxlabel: FUNCTION: message" to stderr; the default priority is 0
 * (nothing), or DAXLABEL_LOG's when it is set at daxlabel_new().
 */
typedef void (*daxlabel_log_fn)(struct daxlabel_ctx *ctx, int priority,
				const char *file, int line, const char *fn,
				const char *format, va_list args);
void daxlabel_set_log_fn(struct daxlabel_ctx *ctx, daxlabel_log_fn log_fn);
int daxlabel_get_log_priority(struct daxlabel_ctx *ctx);
void daxlabel_set_log_priority(struct daxlabel_ctx *ctx, int priority);

/* daxlabel_target_open() flags */
#define DAXLABEL_OPEN_WRITE	(1U << 0) /* exclusive: one writer at a time */
#define DAXLABEL_OPEN_NOWAIT	(1U << 1) /* -EWOULDBLOCK instead of waiting */

/* daxlabel_target_get_state() */
enum daxlabel_state {
	DAXLABEL_STATE_LABELLED,	/* a valid label set (maybe degraded) */
	DAXLABEL_STATE_UNLABELLED,	/* no daxlabel info-block */
	DAXLABEL_STATE_DAMAGED,		/* labelled, but no valid copy */
	DAXLABEL_STATE_UNSUPPORTED,	/* needs features this code lacks */
};

/* daxlabel_target_get_label_health() */
enum daxlabel_health {
	DAXLABEL_HEALTH_OK,		/* info-block and both copies good */
	DAXLABEL_HEALTH_DEGRADED,	/* set intact; a copy or the info-block
					 * needs repair */
	DAXLABEL_HEALTH_FAILED,		/* no usable label set */
};

int daxlabel_target_open(struct daxlabel_ctx *ctx, const char *path,
			 unsigned int flags, struct daxlabel_target **target);
struct daxlabel_target *daxlabel_target_ref(struct daxlabel_target *target);
struct daxlabel_target *daxlabel_target_unref(struct daxlabel_target *target);
const char *daxlabel_target_get_path(struct daxlabel_target *target);
uint64_t daxlabel_target_get_size(struct daxlabel_target *target);
uint64_t daxlabel_target_get_phys_base(struct daxlabel_target *target);
enum daxlabel_state daxlabel_target_get_state(struct daxlabel_target *target);
enum daxlabel_health
daxlabel_target_get_label_health(struct daxlabel_target *target);
int daxlabel_target_get_load_errno(struct daxlabel_target *target);
int daxlabel_target_get_info_problem(struct daxlabel_target *target);
int daxlabel_target_get_copies_problem(struct daxlabel_target *target);
int daxlabel_target_get_copy_problem(struct daxlabel_target *target,
				     unsigned int copy);
bool daxlabel_target_is_writable(struct daxlabel_target *target);
void daxlabel_target_get_uuid(struct daxlabel_target *target,
			      unsigned char uuid[16]);
uint64_t daxlabel_target_get_generation(struct daxlabel_target *target);
uint64_t daxlabel_target_get_label_offset(struct daxlabel_target *target);
uint64_t daxlabel_target_get_label_size(struct daxlabel_target *target);
uint64_t daxlabel_target_get_data_offset(struct daxlabel_target *target);
uint64_t daxlabel_target_get_data_size(struct daxlabel_target *target);
uint64_t daxlabel_target_get_align(struct daxlabel_target *target);
uint64_t daxlabel_target_get_available(struct daxlabel_target *target);
unsigned int daxlabel_target_get_nr_devs(struct daxlabel_target *target);

/**
 * struct daxlabel_format_opts - how to format a target
 * @label_size: label area bytes (0: the default, 2 MiB - 8 KiB)
 * @align: dax region alignment (0: 2 MiB)
 * @uuid: info-block uuid, or NULL for a random one
 * @phys_start: physical address of the namespace, 0 when unknown
 * @force: overwrite a target that already holds a daxlabel or devdax
 *	info-block
 */
struct daxlabel_format_opts {
	uint64_t label_size;
	uint64_t align;
	const unsigned char *uuid;
	uint64_t phys_start;
	bool force;
};

int daxlabel_target_format(struct daxlabel_target *target,
			   const struct daxlabel_format_opts *opts);
int daxlabel_namespace_format(struct daxlabel_ctx *ctx, const char *name,
			      const struct daxlabel_format_opts *opts);

/**
 * struct daxlabel_infoblock - the info-block's fields, for display
 *
 * May grow at the end only; callers pass sizeof() of the version they
 * were built against.  @problem is 0 for a valid labelled info-block,
 * else the stable id of what is wrong with it (daxlabel_problem_name()).
 */
struct daxlabel_infoblock {
	char signature[17];
	unsigned char uuid[16];
	unsigned char parent_uuid[16];
	uint32_t flags;
	uint16_t version_major;
	uint16_t version_minor;
	uint64_t dataoff;
	uint64_t npfns;
	uint32_t mode;
	uint32_t start_pad;
	uint32_t end_trunc;
	uint32_t align;
	uint32_t page_size;
	uint16_t page_struct_size;
	uint64_t label_off;
	uint64_t label_size;
	uint64_t checksum;
	uint64_t checksum_want;
	int problem;
};

int daxlabel_target_read_infoblock(struct daxlabel_target *target,
				   struct daxlabel_infoblock *ib, size_t size);

struct daxlabel_dev *daxlabel_dev_get_first(struct daxlabel_target *target);
struct daxlabel_dev *daxlabel_dev_get_next(struct daxlabel_dev *dev);
#define daxlabel_dev_foreach(target, dev)				\
	for (dev = daxlabel_dev_get_first(target); dev != NULL;		\
	     dev = daxlabel_dev_get_next(dev))
struct daxlabel_dev *daxlabel_target_find_dev(struct daxlabel_target *target,
					      const char *ident);
struct daxlabel_target *daxlabel_dev_get_target(struct daxlabel_dev *dev);
unsigned int daxlabel_dev_get_id(struct daxlabel_dev *dev);
void daxlabel_dev_get_uuid(struct daxlabel_dev *dev, unsigned char uuid[16]);
const char *daxlabel_dev_get_name(struct daxlabel_dev *dev);
uint64_t daxlabel_dev_get_size(struct daxlabel_dev *dev);
uint64_t daxlabel_dev_get_align(struct daxlabel_dev *dev);
bool daxlabel_dev_get_owner(struct daxlabel_dev *dev, unsigned int *uid,
			    unsigned int *gid, unsigned int *mode);
unsigned int daxlabel_dev_get_nr_ranges(struct daxlabel_dev *dev);
uint64_t daxlabel_dev_get_range_offset(struct daxlabel_dev *dev,
				       unsigned int i);
uint64_t daxlabel_dev_get_range_length(struct daxlabel_dev *dev,
				       unsigned int i);

/**
 * struct daxlabel_dev_spec - a device to create
 * @size: bytes, a multiple of max(@align, 2 MiB)
 * @align: 0 for the region's alignment, else 4 KiB, 2 MiB or 1 GiB
 * @name: NULL or "" for none
 * @uuid: NULL for a random one
 * @has_owner: apply @uid, @gid, @mode
 * @uid: owner
 * @gid: group
 * @mode: permission bits (07777)
 */
struct daxlabel_dev_spec {
	uint64_t size;
	uint64_t align;
	const char *name;
	const unsigned char *uuid;
	bool has_owner;
	unsigned int uid;
	unsigned int gid;
	unsigned int mode;
};

int daxlabel_target_create_dev(struct daxlabel_target *target,
			       const struct daxlabel_dev_spec *spec,
			       struct daxlabel_dev **dev);
/** struct daxlabel_range - one extent, relative to the data area */
struct daxlabel_range {
	uint64_t offset;
	uint64_t length;
};

/**
 * struct daxlabel_dev_desc - a device with its exact ranges (restore)
 * @id: N of daxR.N
 * @uuid: device uuid
 * @name: NULL or "" for none
 * @align: mapping alignment
 * @has_owner: @uid, @gid and @mode apply
 * @uid: owner
 * @gid: group
 * @mode: permission bits
 * @nr_ranges: entries in @ranges
 * @ranges: extents in page-offset order
 */
struct daxlabel_dev_desc {
	unsigned int id;
	unsigned char uuid[16];
	const char *name;
	uint64_t align;
	bool has_owner;
	unsigned int uid;
	unsigned int gid;
	unsigned int mode;
	unsigned int nr_ranges;
	const struct daxlabel_range *ranges;
};

int daxlabel_target_restore(struct daxlabel_target *target,
			    const struct daxlabel_dev_desc *devs,
			    unsigned int nr_devs);
int daxlabel_target_rebuild(struct daxlabel_target *target,
			    const struct daxlabel_dev_desc *devs,
			    unsigned int nr_devs);
int daxlabel_dev_resize(struct daxlabel_dev *dev, uint64_t size);
int daxlabel_dev_destroy(struct daxlabel_dev *dev);
int daxlabel_target_get_last_problem(struct daxlabel_target *target);

bool daxlabel_name_is_valid(const char *name);
bool daxlabel_align_is_valid(uint64_t align);
bool daxlabel_label_size_is_valid(uint64_t label_size);
bool daxlabel_uuid_parse(const char *s, unsigned char out[16]);
/* daxlabel_target_check() modes, as fsck's -n, -p and -y */
enum daxlabel_check_mode {
	DAXLABEL_CHECK_READONLY,	/* report only */
	DAXLABEL_CHECK_SAFE,		/* fix what is safe unattended */
	DAXLABEL_CHECK_ALL,		/* fix everything that can be fixed */
};

/**
 * struct daxlabel_report - one problem found by daxlabel_target_check()
 * @problem: stable problem id (daxlabel_problem_name/_text())
 * @object: "info-block", "copy 0", "copy 1" or "label set"
 * @detail: a second problem id explaining @problem (why a copy is
 *	invalid), or 0
 * @fixable: a fix exists
 * @safe: the fix is safe unattended (-p applies it)
 * @fixed: the fix was applied and made durable
 * @fix_errno: why an attempted fix failed, or 0
 */
struct daxlabel_report {
	int problem;
	const char *object;
	int detail;
	bool fixable;
	bool safe;
	bool fixed;
	int fix_errno;
};

typedef void (*daxlabel_report_fn)(const struct daxlabel_report *report,
				   void *arg);

int daxlabel_target_check(struct daxlabel_target *target,
			  enum daxlabel_check_mode mode,
			  daxlabel_report_fn fn, void *arg,
			  unsigned int *found, unsigned int *fixed);

const char *daxlabel_problem_name(int problem);
const char *daxlabel_problem_text(int problem);

#ifdef __cplusplus
}
#endif

#endif /* LIBDAXLABEL_H */
