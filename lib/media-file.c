// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * media-file.c - a namespace's bytes through a file descriptor.
 *
 * Image files (a QEMU NVDIMM backing file is the namespace from offset 0)
 * and block devices (/dev/pmemX, a raw namespace).  Durability is
 * fdatasync(): it covers every write before it, so persist() ignores its
 * range.  One writer at a time: the open takes flock(LOCK_EX) for writers
 * and LOCK_SH for readers on the file itself.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "private.h"

/* The whole transfer or an error: -EIO past the end or at a short I/O. */
static int dl_file_io(struct dl_file *f, u64 off, void *buf, size_t len,
		      bool write)
{
	u8 *p = buf;

	if (off > f->size || len > f->size - off)
		return write ? -ENOSPC : -EIO;
	while (len) {
		ssize_t n = write ? pwrite(f->fd, p, len, (off_t)off)
				  : pread(f->fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		off += (u64)n;
		len -= (size_t)n;
	}
	return 0;
}

static int dl_file_read(void *ctx, u64 off, void *buf, size_t len)
{
	return dl_file_io(ctx, off, buf, len, false);
}

static int dl_file_write(void *ctx, u64 off, const void *buf, size_t len)
{
	return dl_file_io(ctx, off, (void *)buf, len, true);
}

static int dl_file_persist(void *ctx, u64 off, size_t len)
{
	struct dl_file *f = ctx;

	(void)off;
	(void)len;
	return fdatasync(f->fd) ? -errno : 0;
}

const struct dxl_media_ops dl_file_ops = {
	.read = dl_file_read,
	.write = dl_file_write,
	.persist = dl_file_persist,
};

/* The first line of a sysfs attribute; false with errno set (ENODATA: empty). */
static bool dl_sysfs_read(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	bool ok;
	int err;

	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	err = ok ? 0 : ferror(f) ? EIO : ENODATA;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	else
		errno = err;
	return ok;
}

/*
 * A pmem block device's namespace records its physical address in sysfs:
 * /sys/dev/block/MAJ:MIN/device/resource.  0 when there is none.
 */
static u64 dl_blk_phys_base(dev_t rdev)
{
	char path[96], buf[64];

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/device/resource",
		 major(rdev), minor(rdev));
	return dl_sysfs_read(path, buf, sizeof(buf)) ? strtoull(buf, NULL, 16) : 0;
}

/*
 * A namespace the patched kernel holds as a labelled devdax namespace is
 * read through the kernel's view of its metadata,
 * /sys/bus/nd/devices/daxR.M/daxlabel/metadata: the namespace's bytes from
 * offset 0 through the label area.  @path may name the namespace
 * ("namespaceX.Y") or the view itself.  Fills @view, @size and @base.
 * Why a namespace name has no view goes to the context's debug log.
 *
 * Return: true when @path is such a namespace.
 */
static bool dl_kernel_view(struct daxlabel_ctx *ctx, const char *path,
			   char *view, size_t len, u64 *size, u64 *base)
{
	char p[PATH_MAX], ns[64], buf[64];
	const char *tail = "/daxlabel/metadata";
	size_t n = strlen(path);

	if (n > strlen(tail) && !strcmp(path + n - strlen(tail), tail)) {
		snprintf(p, sizeof(p), "%.*s/namespace",
			 (int)(n - strlen(tail)), path);
		if (!dl_sysfs_read(p, ns, sizeof(ns))) {
			dl_dbg(ctx, "%s: no kernel view: %s unreadable: %s",
			       path, p, strerror(errno));
			return false;
		}
		snprintf(view, len, "%s", path);
	} else if (!strncmp(path, "namespace", 9) && !strchr(path, '/')) {
		snprintf(ns, sizeof(ns), "%s", path);
		snprintf(p, sizeof(p), "/sys/bus/nd/devices/%s/holder", ns);
		if (!dl_sysfs_read(p, buf, sizeof(buf))) {
			dl_dbg(ctx, "%s: no kernel view: %s unreadable: %s (no such namespace?)",
			       path, p, strerror(errno));
			return false;
		}
		if (!buf[0]) {
			dl_dbg(ctx, "%s: no kernel view: the namespace has no holder (not enabled as devdax)",
			       path);
			return false;
		}
		snprintf(view, len, "/sys/bus/nd/devices/%s/daxlabel/metadata", buf);
		if (access(view, F_OK)) {
			dl_dbg(ctx, "%s: no kernel view: %s: %s (unlabelled, or a kernel without the daxlabel series)",
			       path, view, strerror(errno));
			return false;
		}
	} else {
		return false;
	}
	snprintf(p, sizeof(p), "/sys/bus/nd/devices/%s/size", ns);
	if (!dl_sysfs_read(p, buf, sizeof(buf))) {
		dl_dbg(ctx, "%s: no kernel view: %s unreadable: %s", path, p,
		       strerror(errno));
		return false;
	}
	*size = strtoull(buf, NULL, 0);
	snprintf(p, sizeof(p), "/sys/bus/nd/devices/%s/resource", ns);
	*base = dl_sysfs_read(p, buf, sizeof(buf)) ? strtoull(buf, NULL, 16) : 0;
	return true;
}

/**
 * dl_file_open() - open and lock a namespace's bytes
 * @ctx: for the log
 * @f: filled in
 * @path: image file, block device, or a namespace the kernel holds
 *	("namespaceX.Y", or its daxlabel/metadata view in sysfs)
 * @write: open read-write and take the writer's lock
 * @nowait: fail with -EWOULDBLOCK instead of waiting for the lock
 *
 * Return: 0, -ENOTBLK for anything but a regular file or a block device,
 * -EROFS for writing a namespace the kernel holds (daxctl changes it),
 * or the errno of open/flock/ioctl.
 */
int dl_file_open(struct daxlabel_ctx *ctx, struct dl_file *f,
		 const char *path, bool write, bool nowait)
{
	char view[PATH_MAX];
	u64 view_size, base;
	struct stat st;
	int rc;

	f->phys_base = 0;
	if (dl_kernel_view(ctx, path, view, sizeof(view), &view_size, &base)) {
		if (write)
			return -EROFS;
		f->fd = open(view, O_RDONLY | O_CLOEXEC);
		if (f->fd < 0)
			return -errno;
		f->size = view_size;
		f->phys_base = base;
		return 0;
	}
	f->fd = open(path, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (f->fd < 0) {
		rc = -errno;
		dl_dbg(ctx, "%s: open: %s", path, strerror(-rc));
		return rc;
	}
	if (fstat(f->fd, &st)) {
		rc = -errno;
		goto err_close;
	}
	if (S_ISREG(st.st_mode)) {
		f->size = (u64)st.st_size;
	} else if (S_ISBLK(st.st_mode)) {
		if (ioctl(f->fd, BLKGETSIZE64, &f->size)) {
			rc = -errno;
			goto err_close;
		}
		f->phys_base = dl_blk_phys_base(st.st_rdev);
	} else {
		rc = -ENOTBLK;
		goto err_close;
	}
	while (flock(f->fd, (write ? LOCK_EX : LOCK_SH) | (nowait ? LOCK_NB : 0))) {
		if (errno == EINTR)
			continue;
		rc = -errno;
		goto err_close;
	}
	return 0;

err_close:
	close(f->fd);
	f->fd = -1;
	return rc;
}

void dl_file_close(struct dl_file *f)
{
	if (f->fd >= 0)
		close(f->fd);	/* drops the lock */
	f->fd = -1;
}
