/* source-procfs.c — snapshots read from /proc and /sys, live or from a captured tree.
 *
 * Files are opened once and re-read with pread() at offset 0 every sample, so a sample costs the kernel's
 * work of producing the text plus one copy.  Buffers grow to the largest size seen and are reused. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "source.h"

struct procfs {
	char *procdir;           /* "/proc" or ROOT/proc or ROOT */
	char *sysdir;            /* "/sys" or ROOT/sys */
	int fd[SNAP_NFILES];     /* -1: not opened yet; -2: known absent */
	int fd_err[SNAP_NFILES];
};

static char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = xmalloc(la + lb + 2);

	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Read the whole of fd into t from offset 0.  Returns 0 or an errno. */
static int read_fd(int fd, struct snap_text *t)
{
	size_t len = 0;

	if (t->cap < 4096)
		snap_text_reserve(t, 4095);
	for (;;) {
		ssize_t n;

		if (len + 1 >= t->cap)
			snap_text_reserve(t, t->cap * 2);
		n = pread(fd, t->buf + len, t->cap - 1 - len, (off_t)len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	t->buf[len] = '\0';
	t->len = len;
	return 0;
}

/* A directory's entry names, one per line, sorted (so a snapshot is reproducible). */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_dir(const char *path, struct snap_text *t)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, len = 0;

	if (!d)
		return errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)   /* an empty directory has no array to sort (qsort wants one even for 0) */
		qsort(names, n, sizeof *names, cmp_str);
	snap_text_reserve(t, 0);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(names[i]);

		snap_text_reserve(t, len + l + 1);
		memcpy(t->buf + len, names[i], l);
		t->buf[len + l] = '\n';
		len += l + 1;
		free(names[i]);
	}
	free(names);
	t->buf[len] = '\0';
	t->len = len;
	return 0;
}

static void take_file(struct procfs *p, enum snap_file id, struct snapshot *out)
{
	struct snap_text *t = &out->f[id];
	const char *base = snap_file_base[id] == SNAP_BASE_PROC ? p->procdir : p->sysdir;
	int err;

	t->read = true;
	if (id == SNAP_SYS_BLOCK) {
		char *path = path_join(base, snap_file_path[id]);

		t->err = read_dir(path, t);
		free(path);
		return;
	}
	if (p->fd[id] == -1) {
		char *path = path_join(base, snap_file_path[id]);

		p->fd[id] = open(path, O_RDONLY | O_CLOEXEC);
		if (p->fd[id] < 0) {
			p->fd_err[id] = errno;
			p->fd[id] = -2;
		}
		free(path);
	}
	if (p->fd[id] == -2) {
		t->err = p->fd_err[id];
		t->len = 0;
		return;
	}
	err = read_fd(p->fd[id], t);
	t->err = err;
	if (err)
		t->len = 0;
}

/* Per-node sysfs files: devices/system/node/nodeN/{meminfo,vmstat,cpulist} as extras "nodeN/…". */
static void take_nodes(struct procfs *p, struct snapshot *out)
{
	char *dir = path_join(p->sysdir, "devices/system/node");
	static const char *const files[] = { "meminfo", "vmstat", "cpulist" };
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		free(dir);
		return;
	}
	while ((de = readdir(d))) {
		char name[64], path[4096];
		int fd;

		if (strncmp(de->d_name, "node", 4) != 0 || de->d_name[4] < '0' || de->d_name[4] > '9')
			continue;
		for (size_t i = 0; i < ZS_ARRAY_LEN(files); i++) {
			struct snap_text *t;

			snprintf(name, sizeof name, "%.20s/%s", de->d_name, files[i]);
			snprintf(path, sizeof path, "%s/%s", dir, name);
			t = snapshot_extra_slot(out, name);
			t->read = true;
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				t->err = errno;
				continue;
			}
			t->err = read_fd(fd, t);
			close(fd);
		}
	}
	closedir(d);
	free(dir);
}

static int procfs_take(struct source *src, snap_mask want, struct snapshot *out, struct zs_err *e)
{
	struct procfs *p = src->priv;

	(void)e;
	snapshot_reset(out);
	out->t = zs_now();
	for (int id = 0; id < SNAP_NFILES; id++)
		if (want & SNAP_BIT(id))
			take_file(p, (enum snap_file)id, out);
	if (want & SNAP_WANT_NODES)
		take_nodes(p, out);
	return 0;
}

static int procfs_wait(struct source *src, double seconds)
{
	struct timespec ts;

	(void)src;
	if (seconds <= 0)
		return 0;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	return nanosleep(&ts, NULL) == 0 ? 0 : -1;
}

static void procfs_close(struct source *src)
{
	struct procfs *p = src->priv;

	for (int i = 0; i < SNAP_NFILES; i++)
		if (p->fd[i] >= 0)
			close(p->fd[i]);
	free(p->procdir);
	free(p->sysdir);
	free(p);
	free(src);
}

static const struct source_ops procfs_ops = {
	.name = "procfs",
	.take = procfs_take,
	.wait = procfs_wait,
	.close = procfs_close,
};

struct source *source_procfs_open(const char *root, struct zs_err *e)
{
	struct procfs *p;
	struct source *src;
	bool live = !root || strcmp(root, "/") == 0;

	if (!live && !is_dir(root)) {
		zs_err_set(e, ENOTDIR, "%s: not a directory", root);
		return NULL;
	}
	p = xcalloc(1, sizeof *p);
	if (live) {
		p->procdir = xstrdup("/proc");
		p->sysdir = xstrdup("/sys");
	} else {
		char *proc = path_join(root, "proc");

		if (is_dir(proc)) {
			p->procdir = proc;
		} else {
			free(proc);
			p->procdir = xstrdup(root);
		}
		p->sysdir = path_join(root, "sys");
	}
	for (int i = 0; i < SNAP_NFILES; i++)
		p->fd[i] = -1;
	src = xcalloc(1, sizeof *src);
	src->ops = &procfs_ops;
	src->priv = p;
	src->live = live;
	src->has_processes = live;
	return src;
}
