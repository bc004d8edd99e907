/* sim-out.c — --sim-out DIR: the simulated tree written as DIR/proc/… and DIR/sys/…, every file replaced
 * atomically (written to a temporary name in the same directory, then rename()d), so a reader never sees a
 * half-written file.  Every write error is reported. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim-out.h"
#include "sim.h"

/* mkdir -p of the directory part of path (path itself is a file). */
static int make_parents(char *path, struct zs_err *e)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			zs_err_set(e, errno, "--sim-out: cannot create %s: %s", path, strerror(errno));
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static int write_file(const char *dir, const char *rel, const char *text, size_t len, struct zs_err *e)
{
	size_t n = strlen(dir) + strlen(rel) + 16;
	char *path = xmalloc(n), *tmp = xmalloc(n + 8);
	int fd, rc = -1;
	size_t off = 0;

	snprintf(path, n, "%s/%s", dir, rel);
	if (make_parents(path, e) != 0)
		goto out;
	/* the temporary name sits in the same directory, so rename() is atomic */
	char *slash = strrchr(path, '/');
	snprintf(tmp, n + 8, "%.*s/.%s.tmp", (int)(slash - path), path, slash + 1);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		zs_err_set(e, errno, "--sim-out: cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			zs_err_set(e, errno, "--sim-out: write error on %s: %s", tmp, strerror(w < 0 ? errno : EIO));
			close(fd);
			unlink(tmp);
			goto out;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		zs_err_set(e, errno, "--sim-out: write error on %s: %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		zs_err_set(e, errno, "--sim-out: cannot rename %s to %s: %s", tmp, path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(path);
	free(tmp);
	return rc;
}

int sim_out_write(const char *dir, const struct snapshot *snap, struct zs_err *e)
{
	char rel[512];

	for (int id = 0; id < SNAP_NFILES; id++) {
		const struct snap_text *t = &snap->f[id];

		if (!t->read || t->err)
			continue;
		if (id == SNAP_SYS_BLOCK) {
			/* a directory; the simulated machine has no block devices */
			snprintf(rel, sizeof rel, "%s/sys/block", dir);
			if (make_parents(rel, e) != 0 || (mkdir(rel, 0755) != 0 && errno != EEXIST)) {
				zs_err_set(e, errno, "--sim-out: cannot create %s: %s", rel, strerror(errno));
				return -1;
			}
			continue;
		}
		snprintf(rel, sizeof rel, "%s/%s", snap_file_base[id] == SNAP_BASE_PROC ? "proc" : "sys",
			 snap_file_path[id]);
		if (write_file(dir, rel, t->buf ? t->buf : "", t->len, e) != 0)
			return -1;
	}
	for (size_t i = 0; i < snap->nextra; i++) {
		snprintf(rel, sizeof rel, "sys/devices/system/node/%s", snap->extra[i].name);
		if (write_file(dir, rel, snap->extra[i].t.buf ? snap->extra[i].t.buf : "", snap->extra[i].t.len, e) != 0)
			return -1;
	}
	return 0;
}

int sim_out_write_unmodelled(const char *dir, uint32_t kver, struct zs_err *e)
{
	static const struct sim_psi none;   /* no stall, ever */
	char buf[256];
	int n;

	if (kver < KF_VER(4, 20))
		return 0;
	/* the system-wide cpu "full" line exists from 5.13 (always zero there) */
	n = sim_psi_format(&none, buf, sizeof buf, kver >= KF_VER(5, 13));
	if (write_file(dir, "proc/pressure/cpu", buf, (size_t)n, e) != 0)
		return -1;
	n = sim_psi_format(&none, buf, sizeof buf, true);
	return write_file(dir, "proc/pressure/io", buf, (size_t)n, e);
}
