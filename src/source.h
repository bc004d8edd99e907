/* source.h — where snapshots come from: procfs (live or a captured tree), replay, the simulator.
 *
 * The main loop asks a source for a snapshot of the files a view needs (a snap_mask), then asks it to wait
 * the interval.  A live source sleeps; the simulator advances its clock without sleeping. */
#ifndef ZS_SOURCE_H
#define ZS_SOURCE_H

#include <stdbool.h>

#include "snapshot.h"
#include "util.h"

struct source;

struct source_ops {
	const char *name;   /* "procfs", "sim", … */
	/* Fill out with the wanted files; files that cannot be read are marked with their errno (not an
	 * error of take).  Returns 0, or -1 with e set when the source as a whole failed. */
	int (*take)(struct source *src, snap_mask want, struct snapshot *out, struct zs_err *e);
	/* Let seconds pass (sleep, or advance simulated time).  Returns 0, or -1 when interrupted. */
	int (*wait)(struct source *src, double seconds);
	void (*close)(struct source *src);
};

struct source {
	const struct source_ops *ops;
	void *priv;
	bool live;            /* reads the running kernel (processes, terminal size … make sense) */
	bool has_processes;   /* per-process data can be read (libproc2, live /proc only) */
	uint64_t seq;
};

/* procfs: root "/" (or NULL) is the live system; otherwise a captured tree, laid out as ROOT/proc/… and
 * ROOT/sys/…, or as a bare copy of /proc files (ROOT/meminfo, ROOT/sys/vm/…). */
struct source *source_procfs_open(const char *root, struct zs_err *e);

int source_take(struct source *src, snap_mask want, struct snapshot *out, struct zs_err *e);
int source_wait(struct source *src, double seconds);
void source_close(struct source *src);

#endif
