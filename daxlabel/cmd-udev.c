// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd-udev.c - daxlabel udev DEVNAME: the label of one dax device as udev
 * properties, for IMPORT{program} in 70-daxlabel.rules.
 *
 * Prints DAXLABEL_NAMESPACE, DAXLABEL_ID, DAXLABEL_UUID and, when the
 * label has them, DAXLABEL_NAME / DAXLABEL_NAME_ENC and DAXLABEL_OWNER /
 * DAXLABEL_GROUP / DAXLABEL_MODE.  DAXLABEL_NAME_ENC is the name with
 * every byte outside [0-9A-Za-z#+-.:=@_] and UTF-8 written as \xNN, as
 * udev encodes file system labels, so a link built from it is one path
 * component under /dev/dax/by-name/.  A device that is not on a labelled
 * namespace, or has no size, prints nothing and exits 0.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daxlabel.h"

/* udev's encoding of a device node name component */
static void encode_name(const char *name, char *out, size_t len)
{
	static const char ok[] = "#+-.:=@_";
	size_t o = 0;

	for (; *name && o + 5 < len; name++) {
		unsigned char c = (unsigned char)*name;

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c >= 0x80 || strchr(ok, c))
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, len - o, "\\x%02x", c);
	}
	out[o] = '\0';
}

/* "namespaceX.Y" holding dax device @name, into @ns; -ENODEV if none */
static int dax_namespace(const char *name, char *ns, size_t len)
{
	char path[PATH_MAX + 16], real[PATH_MAX], *slash;
	int rc;

	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s", name);
	if (!realpath(path, real))
		return -errno;
	slash = strrchr(real, '/');
	if (!slash)
		return -ENODEV;
	*slash = '\0';		/* the nd_dax device that owns the region */
	snprintf(path, sizeof(path), "%s/daxlabel", real);
	if (access(path, F_OK))
		return -ENODEV;	/* not a labelled namespace */
	snprintf(path, sizeof(path), "%s/namespace", real);
	rc = dl_read_line(path, ns, len);
	if (rc)
		return rc == -ENODATA ? -EIO : rc;
	return ns[0] ? 0 : -ENODEV;
}

int cmd_udev(int argc, char **argv, struct daxlabel_ctx *ctx)
{
	struct daxlabel_target *t;
	struct daxlabel_dev *dev;
	unsigned int uid, gid, mode;
	unsigned char u[16];
	char ns[64], us[37], enc[4 * 64 + 1];
	const char *name, *dot, *label;
	int rc;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: daxlabel udev DEVNAME\n");
		return EXIT_CLEAN;
	}
	if (argc != 2)
		return usage_error("udev", "expected one DEVNAME (daxR.N)");
	name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
	dot = strchr(name, '.');
	if (strncmp(name, "dax", 3) || !dot || strchr(name, '/'))
		return usage_error("udev", "DEVNAME must name a dax device (daxR.N)");
	rc = dax_namespace(name, ns, sizeof(ns));
	if (rc == -ENODEV)
		return EXIT_CLEAN;
	if (rc) {
		cmd_error("udev", name, "cannot find its namespace: %s", strerror(-rc));
		return EXIT_OPERATIONAL;
	}
	rc = open_target(ctx, "udev", ns, false, &t);
	if (rc)
		return rc;
	rc = require_labelled("udev", t);
	dev = rc ? NULL : daxlabel_target_find_dev(t, dot + 1);
	if (dev) {
		printf("DAXLABEL_NAMESPACE=%s\n", ns);
		printf("DAXLABEL_ID=%u\n", daxlabel_dev_get_id(dev));
		daxlabel_dev_get_uuid(dev, u);
		dl_format_uuid(u, us);
		printf("DAXLABEL_UUID=%s\n", us);
		label = daxlabel_dev_get_name(dev);
		if (label[0] && daxlabel_name_is_valid(label)) {
			encode_name(label, enc, sizeof(enc));
			printf("DAXLABEL_NAME=%s\nDAXLABEL_NAME_ENC=%s\n", label,
			       enc);
		}
		if (daxlabel_dev_get_owner(dev, &uid, &gid, &mode))
			printf("DAXLABEL_OWNER=%u\nDAXLABEL_GROUP=%u\nDAXLABEL_MODE=%04o\n",
			       uid, gid, mode);
	}
	daxlabel_target_unref(t);
	return rc;
}
