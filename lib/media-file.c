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

/*
 * A pmem block device's namespace records its physical address in sysfs:
 * /sys/dev/block/MAJ:MIN/device/resource.  0 when there is none.
 */
static u64 dl_blk_phys_base(dev_t rdev)
{
	char path[96];
	unsigned long long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/device/resource",
		 major(rdev), minor(rdev));
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%llx", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

/**
 * dl_file_open() - open and lock a namespace's bytes
 * @f: filled in
 * @path: image file or block device
 * @write: open read-write and take the writer's lock
 * @nowait: fail with -EWOULDBLOCK instead of waiting for the lock
 *
 * Return: 0, -ENOTBLK for anything but a regular file or a block device,
 * or the errno of open/flock/ioctl.
 */
int dl_file_open(struct dl_file *f, const char *path, bool write, bool nowait)
{
	struct stat st;
	int rc;

	f->phys_base = 0;
	f->fd = open(path, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (f->fd < 0)
		return -errno;
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
