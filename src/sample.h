/* sample.h — what the parsers make of a snapshot: plain structs, by field name, no policy.
 *
 * A sample owns its memory; sample_parse() fills the parts whose files the snapshot holds and records
 * which parts it has (SAMPLE_HAVE_*).  Parsers (proc-*.c) never print and never exit: a file that cannot
 * be used leaves its part absent and an error in sample.err[part]. */
#ifndef ZS_SAMPLE_H
#define ZS_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "kv.h"
#include "snapshot.h"
#include "util.h"

/* ---- /proc/stat ---- */
struct cpu_ticks {
	uint64_t user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice;
	int nfields;                 /* how many numbers the line had (4 on 2.4, 7, 8, 9, 10) */
};

struct stat_cpu {
	int id;                      /* N of "cpuN" */
	struct cpu_ticks t;
};

struct proc_stat {
	struct cpu_ticks total;      /* the "cpu" line */
	struct stat_cpu *cpu;        /* "cpuN" lines, file order */
	int ncpu, cpu_cap;
	uint64_t intr, ctxt, btime, processes, procs_running, procs_blocked;
	unsigned have;               /* STAT_HAVE_* */
};
#define STAT_HAVE_INTR 0x01u
#define STAT_HAVE_CTXT 0x02u
#define STAT_HAVE_BTIME 0x04u
#define STAT_HAVE_PROCESSES 0x08u
#define STAT_HAVE_RUNNING 0x10u
#define STAT_HAVE_BLOCKED 0x20u

/* ---- /proc/uptime ---- */
struct proc_uptime {
	double up, idle;             /* seconds */
};

/* ---- /proc/zoneinfo ---- */
struct zone_pcp {
	int cpu;
	int64_t count, high, batch;
	int64_t high_min, high_max;  /* -1 when the kernel does not print them (< 6.7) */
};

/* zone.have bits: which optional header lines the kernel printed */
#define ZONE_HAVE_BOOST 0x0001u
#define ZONE_HAVE_PROMO 0x0002u
#define ZONE_HAVE_MANAGED 0x0004u
#define ZONE_HAVE_CMA 0x0008u
#define ZONE_HAVE_SCANNED 0x0010u        /* "scanned" (≤ 4.7) */
#define ZONE_HAVE_NODE_SCANNED 0x0020u   /* "node_scanned" (4.8–4.10) */
#define ZONE_HAVE_THRESHOLD 0x0040u      /* "vm stats threshold" */
#define ZONE_HAVE_NODE_UNRECLAIMABLE 0x0080u
#define ZONE_HAVE_ALL_UNRECLAIMABLE 0x0100u
#define ZONE_HAVE_START_PFN 0x0200u
#define ZONE_HAVE_INACTIVE_RATIO 0x0400u
#define ZONE_HAVE_PREV_PRIORITY 0x0800u
#define ZONE_HAVE_PROTECTION 0x1000u
#define ZONE_HAVE_HIGHATOMIC 0x2000u     /* reserved_highatomic / free_highatomic (> 6.18) */
#define ZONE_HAVE_SPANNED 0x4000u
#define ZONE_HAVE_PRESENT 0x8000u

struct zone {
	int node;
	char name[16];               /* as the kernel spells it: "DMA", "DMA32", "Normal", "Movable" … */
	int idx;                     /* position of the zone within its node (0 = first printed) */
	bool populated;              /* present/managed > 0 (unpopulated zones stop after protection) */
	unsigned have;               /* ZONE_HAVE_* */
	uint64_t free, boost, min, low, high, promo;
	uint64_t spanned, present, managed, cma;
	uint64_t scanned;            /* old kernels */
	int64_t *protection;         /* lowmem_reserve[], one per zone index */
	int nprotection;
	struct kvset items;          /* zone stat items and NUMA items: "nr_free_pages" … "numa_hit" … */
	struct zone_pcp *pcp;        /* one per CPU listed under "pagesets" */
	int npcp, pcp_cap;
	int64_t threshold;           /* vm stats threshold (one value per zone since 2.6.x prints it per CPU;
	                                the parser keeps the last one, they are all the same) */
	int node_unreclaimable;      /* 4.8+ */
	int all_unreclaimable;       /* ≤ 4.7 */
	int64_t prev_priority;       /* ≤ 2.6.34 */
	uint64_t start_pfn;
	uint64_t inactive_ratio;
	uint64_t reserved_highatomic, free_highatomic;
};

struct node {
	int id;
	struct kvset stats;          /* "per-node stats" (4.8+), pages */
	bool have_stats;
};

struct proc_zoneinfo {
	struct zone *zone;           /* file order: node by node, zone index order */
	int nzones, zone_cap;
	struct node *node;
	int nnodes, node_cap;
	int pcp_format;              /* 0 none, 1 "count: high: batch:", 2 with high_min/high_max (6.7+) */
	bool skip_counters;          /* set by the reader before parsing: leave the per-node stats and the
	                                zone items out (the -z and -b views never read them) */
	struct zi_layout *layout;    /* what the skip-counters path learnt of the lines (proc-zoneinfo-fast.c) */
};

/* ---- /proc/buddyinfo ---- */
struct buddy_zone {
	int node;
	char name[16];
	uint64_t nfree[32];          /* free blocks per order */
	int norders;
};

struct proc_buddyinfo {
	struct buddy_zone *zone;
	int nzones, zone_cap;
};

/* ---- /proc/pagetypeinfo (read only on request: it walks every free list) ---- */
#define PAGETYPE_MAX 8               /* migratetypes */
struct pagetype_zone {
	int node;
	char name[16];
	uint64_t nfree[PAGETYPE_MAX][32];   /* free blocks per migratetype (pti.type order) per order */
	bool capped[PAGETYPE_MAX];          /* ">100000": the kernel stopped counting (≈5.5+) */
	uint64_t nblocks[PAGETYPE_MAX];     /* pageblocks per migratetype */
	bool have_blocks;
	int norders;
};

struct proc_pagetypeinfo {
	int pageblock_order;         /* "Page block order:", -1 when absent */
	uint64_t pages_per_block;    /* "Pages per block:" */
	char type[PAGETYPE_MAX][16]; /* migratetype names in the kernel's column order */
	int ntypes;
	struct pagetype_zone *zone;
	int nzones, zone_cap;
};

/* ---- /proc/pressure/memory ---- */
struct psi_line {
	bool have;
	double avg10, avg60, avg300; /* percent, as printed */
	uint64_t total_us;
};

struct proc_psi {
	struct psi_line some, full;
};

/* ---- /proc/sys/vm/... and friends: -1 when absent ---- */
struct sysctls {
	int64_t min_free_kbytes;
	int64_t watermark_scale_factor;
	int64_t watermark_boost_factor;
	int64_t lowmem_reserve_ratio[8];
	int nlowmem_reserve_ratio;
	int64_t percpu_pagelist_high_fraction;
	int64_t percpu_pagelist_fraction;   /* < 5.14 */
	int64_t swappiness;
	int64_t stat_interval;
	int64_t extfrag_threshold;
	int64_t overcommit_memory;
	int64_t defrag_mode;
	int thp_enabled;                    /* -1 unknown, 0 never, 1 madvise, 2 always */
};

/* ---- per-node sysfs (devices/system/node/nodeN) ---- */
struct node_sysfs {
	int id;
	struct kvset meminfo;        /* "MemTotal" … in kB ("Node 0 MemTotal:" prefix stripped) */
	struct kvset vmstat;
	int *cpus;                   /* from cpulist */
	int ncpus;
};

/* Parts of a sample */
enum sample_part {
	SP_STAT, SP_MEMINFO, SP_VMSTAT, SP_UPTIME, SP_CPUINFO, SP_DISKSTATS, SP_SLABINFO, SP_LOADAVG,
	SP_ZONEINFO, SP_BUDDYINFO, SP_PAGETYPEINFO, SP_PSI, SP_SYSCTLS, SP_NODES, SP_CPU_ONLINE, SP_VERSION,
	SP_NPARTS
};
#define SAMPLE_HAVE(p) (1u << (p))

struct diskstats;   /* proc-diskstats.h */
struct slabinfo;    /* proc-slabinfo.h */
struct cpuinfo;     /* proc-cpuinfo.h */

struct sample {
	unsigned have;               /* SAMPLE_HAVE(SP_x) for each part parsed */
	struct zs_time t;            /* the snapshot's timestamps */
	uint64_t seq;
	struct proc_stat stat;
	struct kvset meminfo;        /* kB as printed ("MemTotal" -> 16318480); HugePages_* are counts */
	struct kvset vmstat;         /* /proc/vmstat counters by name */
	struct proc_uptime uptime;
	struct diskstats *disks;
	struct slabinfo *slabs;
	struct cpuinfo *cpuinfo;
	double loadavg[3];
	struct proc_zoneinfo zi;
	struct proc_buddyinfo buddy;
	struct proc_pagetypeinfo pti;    /* SP_PAGETYPEINFO */
	struct proc_psi psi;
	struct sysctls sys;
	struct node_sysfs *nodes;
	int nnodes;
	int *cpu_online;             /* online CPU ids */
	int ncpu_online;
	char kernel_release[64];     /* from /proc/version when read, else "" */
	struct zs_err err[SP_NPARTS];/* why a part that was asked for is absent */
};

void sample_init(struct sample *s);
void sample_free(struct sample *s);
/* The snapshot files a set of parts needs. */
snap_mask sample_parts_mask(unsigned parts);
/* Parse the parts asked for from the snapshot.  Returns 0 when every part asked for was parsed, else -1
 * (the parts that could be parsed are there; s->err[p] says why the others are not). */
int sample_parse(struct sample *s, const struct snapshot *snap, unsigned parts);

#endif
