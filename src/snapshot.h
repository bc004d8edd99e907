/* snapshot.h — the raw text of every /proc and /sys file read at one instant, nothing parsed yet.
 *
 * A snapshot is the pipeline's one currency: procfs, replay and the simulator all produce snapshots, the
 * parsers read them.  Files are named by a fixed id (SNAP_MEMINFO …) with a path relative to the proc or
 * sys root; per-node sysfs files, whose number varies, are kept as named extras. */
#ifndef ZS_SNAPSHOT_H
#define ZS_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum snap_base { SNAP_BASE_PROC, SNAP_BASE_SYS };

/* X(id, base, relative path) */
#define SNAP_FILES(X)                                                        \
	X(SNAP_STAT, SNAP_BASE_PROC, "stat")                                 \
	X(SNAP_MEMINFO, SNAP_BASE_PROC, "meminfo")                           \
	X(SNAP_VMSTAT, SNAP_BASE_PROC, "vmstat")                             \
	X(SNAP_UPTIME, SNAP_BASE_PROC, "uptime")                             \
	X(SNAP_CPUINFO, SNAP_BASE_PROC, "cpuinfo")                           \
	X(SNAP_DISKSTATS, SNAP_BASE_PROC, "diskstats")                       \
	X(SNAP_SLABINFO, SNAP_BASE_PROC, "slabinfo")                         \
	X(SNAP_LOADAVG, SNAP_BASE_PROC, "loadavg")                           \
	X(SNAP_ZONEINFO, SNAP_BASE_PROC, "zoneinfo")                         \
	X(SNAP_BUDDYINFO, SNAP_BASE_PROC, "buddyinfo")                       \
	X(SNAP_PAGETYPEINFO, SNAP_BASE_PROC, "pagetypeinfo")                 \
	X(SNAP_PSI_MEMORY, SNAP_BASE_PROC, "pressure/memory")                \
	X(SNAP_VERSION, SNAP_BASE_PROC, "version")                           \
	X(SNAP_SYSCTL_MIN_FREE_KBYTES, SNAP_BASE_PROC, "sys/vm/min_free_kbytes") \
	X(SNAP_SYSCTL_WATERMARK_SCALE_FACTOR, SNAP_BASE_PROC, "sys/vm/watermark_scale_factor") \
	X(SNAP_SYSCTL_WATERMARK_BOOST_FACTOR, SNAP_BASE_PROC, "sys/vm/watermark_boost_factor") \
	X(SNAP_SYSCTL_LOWMEM_RESERVE_RATIO, SNAP_BASE_PROC, "sys/vm/lowmem_reserve_ratio") \
	X(SNAP_SYSCTL_PERCPU_PAGELIST_HIGH_FRACTION, SNAP_BASE_PROC, "sys/vm/percpu_pagelist_high_fraction") \
	X(SNAP_SYSCTL_PERCPU_PAGELIST_FRACTION, SNAP_BASE_PROC, "sys/vm/percpu_pagelist_fraction") \
	X(SNAP_SYSCTL_SWAPPINESS, SNAP_BASE_PROC, "sys/vm/swappiness")       \
	X(SNAP_SYSCTL_STAT_INTERVAL, SNAP_BASE_PROC, "sys/vm/stat_interval") \
	X(SNAP_SYSCTL_EXTFRAG_THRESHOLD, SNAP_BASE_PROC, "sys/vm/extfrag_threshold") \
	X(SNAP_SYSCTL_OVERCOMMIT_MEMORY, SNAP_BASE_PROC, "sys/vm/overcommit_memory") \
	X(SNAP_SYSCTL_DEFRAG_MODE, SNAP_BASE_PROC, "sys/vm/defrag_mode")     \
	X(SNAP_THP_ENABLED, SNAP_BASE_SYS, "kernel/mm/transparent_hugepage/enabled") \
	X(SNAP_CPU_ONLINE, SNAP_BASE_SYS, "devices/system/cpu/online")       \
	X(SNAP_CPU_POSSIBLE, SNAP_BASE_SYS, "devices/system/cpu/possible")   \
	X(SNAP_NODE_ONLINE, SNAP_BASE_SYS, "devices/system/node/online")     \
	X(SNAP_SYS_BLOCK, SNAP_BASE_SYS, "block") /* directory: text = entry names, one per line */

enum snap_file {
#define SNAP_ENUM(id, base, path) id,
	SNAP_FILES(SNAP_ENUM)
#undef SNAP_ENUM
	SNAP_NFILES
};

typedef uint64_t snap_mask;  /* bit (1 << SNAP_x) per wanted file */
#define SNAP_BIT(id) ((snap_mask)1 << (id))
/* The sysctls the kernel formulas read. */
#define SNAP_MASK_SYSCTLS                                                                        \
	(SNAP_BIT(SNAP_SYSCTL_MIN_FREE_KBYTES) | SNAP_BIT(SNAP_SYSCTL_WATERMARK_SCALE_FACTOR) |      \
	 SNAP_BIT(SNAP_SYSCTL_WATERMARK_BOOST_FACTOR) | SNAP_BIT(SNAP_SYSCTL_LOWMEM_RESERVE_RATIO) | \
	 SNAP_BIT(SNAP_SYSCTL_PERCPU_PAGELIST_HIGH_FRACTION) |                                      \
	 SNAP_BIT(SNAP_SYSCTL_PERCPU_PAGELIST_FRACTION) | SNAP_BIT(SNAP_SYSCTL_SWAPPINESS) |        \
	 SNAP_BIT(SNAP_SYSCTL_STAT_INTERVAL) | SNAP_BIT(SNAP_SYSCTL_EXTFRAG_THRESHOLD) |            \
	 SNAP_BIT(SNAP_SYSCTL_OVERCOMMIT_MEMORY) | SNAP_BIT(SNAP_SYSCTL_DEFRAG_MODE) |              \
	 SNAP_BIT(SNAP_THP_ENABLED))

/* Per-node sysfs files (devices/system/node/nodeN/{meminfo,vmstat,cpulist}) are extras. */
#define SNAP_WANT_NODES ((snap_mask)1 << 63)

struct snap_text {
	char *buf;         /* NUL-terminated text (the NUL is not counted in len) */
	size_t len, cap;
	int err;           /* 0: read; ENOENT: absent; other errno: could not be read */
	bool read;         /* this file was asked for in this snapshot */
};

struct snap_extra {
	char *name;        /* e.g. "node1/meminfo" */
	struct snap_text t;
};

struct snapshot {
	struct snap_text f[SNAP_NFILES];
	struct snap_extra *extra;
	size_t nextra, extra_cap;
	struct zs_time t;  /* when the snapshot was taken (monotonic and wall clock) */
	uint64_t seq;      /* 0, 1, 2 … per source */
};

extern const char *const snap_file_path[SNAP_NFILES];
extern const enum snap_base snap_file_base[SNAP_NFILES];
extern const char *const snap_file_id_name[SNAP_NFILES];

void snapshot_init(struct snapshot *s);
void snapshot_free(struct snapshot *s);
/* Mark every file unread (buffers are kept for reuse). */
void snapshot_reset(struct snapshot *s);
/* Text of a file, or NULL when it was not read or is absent; *len gets the length. */
const char *snapshot_text(const struct snapshot *s, enum snap_file id, size_t *len);
/* Store text for a file (sources and the simulator); copies. */
void snapshot_set(struct snapshot *s, enum snap_file id, const char *text, size_t len);
void snapshot_set_error(struct snapshot *s, enum snap_file id, int err);
/* Extras, by name. */
const struct snap_text *snapshot_extra(const struct snapshot *s, const char *name);
struct snap_text *snapshot_extra_slot(struct snapshot *s, const char *name);
void snapshot_set_extra(struct snapshot *s, const char *name, const char *text, size_t len);
/* Ensure t->buf can hold n bytes plus a NUL. */
void snap_text_reserve(struct snap_text *t, size_t n);

#endif
