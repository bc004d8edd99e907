/* kformula.h — the kernel's own zone formulas, one implementation for --explain and the simulator.
 *
 * Watermarks, boost, lowmem_reserve (protection), totalreserve, vm stats thresholds (normal and
 * pressure), the per-CPU drift mark, default and khugepaged min_free_kbytes, pcp batch/high/high_min/
 * high_max — each as the kernel version in kf_machine.kver computes it
 * (../shared/docs/research/kernel-mm-formulas.md, sections 1–4).
 *
 * Pure functions: no I/O, no globals.  Interface note: the simulator and explain both call kf_compute();
 * keep changes to this header additive. */
#ifndef ZS_KFORMULA_H
#define ZS_KFORMULA_H

#include <stdbool.h>
#include <stdint.h>

#define KF_VER(a, b) ((uint32_t)(a) * 1000u + (uint32_t)(b))   /* KF_VER(6, 18) = 6018 */
#define KF_MAX_ZONES 8        /* zones per node */
#define KF_MAX_NODES 64

enum kf_zone_type { KZ_DMA, KZ_DMA32, KZ_NORMAL, KZ_HIGHMEM, KZ_MOVABLE, KZ_DEVICE, KZ_OTHER };

/* "DMA" -> KZ_DMA … (unknown names -> KZ_OTHER) */
enum kf_zone_type kf_zone_type_of(const char *name);

struct kf_zone_in {
	enum kf_zone_type type;
	uint64_t managed, present, spanned;
	uint64_t boost;           /* current watermark_boost (printed "boost"), 0 when absent */
	char name[16];            /* the kernel's name ("DMA32"), "" when unknown; informational */
};

struct kf_node_in {
	int nzones;               /* every zone of the node in index order, unpopulated included */
	struct kf_zone_in zone[KF_MAX_ZONES];
	int ncpus;                /* CPUs of this node (for pcp high's split); 0 = unknown */
	int id;                   /* the kernel's node number; informational */
};

struct kf_machine {
	uint32_t kver;            /* KF_VER(major, minor) whose formulas apply */
	int page_shift;           /* 12 for 4 KiB pages */
	int pageblock_order;      /* 9 on x86-64 with THP; 10 (MAX_ORDER-1) without */
	int online_cpus;
	int nnodes;
	struct kf_node_in node[KF_MAX_NODES];
	/* sysctls; a negative value means "kernel default" */
	int64_t min_free_kbytes;          /* the value in force (what /proc/sys/vm/min_free_kbytes shows) */
	int64_t watermark_scale_factor;   /* default 10 */
	int64_t watermark_boost_factor;   /* default 15000 */
	int64_t lowmem_reserve_ratio[KF_MAX_ZONES];
	int nlowmem_reserve_ratio;        /* 0: kernel defaults */
	int64_t percpu_pagelist_high_fraction;  /* 5.14+, 0 = auto */
	int64_t percpu_pagelist_fraction;       /* < 5.14, 0 = auto */
	bool thp;                         /* transparent hugepages enabled (khugepaged raise applies) */
	unsigned inferred;                /* KF_INFERRED_*: what kf_machine_from_sample had to guess */
};
#define KF_INFERRED_KVER 0x01u        /* from the zoneinfo format, not from the release */
#define KF_INFERRED_MIN_FREE 0x02u    /* min_free_kbytes solved from the printed min watermarks */
#define KF_INFERRED_CPUS 0x04u        /* online CPUs counted from the pagesets */
#define KF_INFERRED_NODE_CPUS 0x08u   /* CPUs per node unknown: the kernel's fallback (all online) */
#define KF_INFERRED_PAGE_SHIFT 0x10u  /* page size not derivable: 4 KiB assumed */
#define KF_INFERRED_SYSCTLS 0x20u     /* some sysctls not in the snapshot: kernel defaults used */
#define KF_MIN_FREE_KBYTES_MAX 2147483647 /* vm.min_free_kbytes is an int: its largest value */

/* Everything derived for one zone, with the intermediate values --explain shows. */
struct kf_zone_out {
	/* watermarks (raw, without boost: add boost for what zoneinfo prints) */
	uint64_t wmark_min, wmark_low, wmark_high, wmark_promo;
	uint64_t tmp;             /* ⌊pages_min · managed / lowmem_pages⌋ */
	uint64_t dist;            /* max(tmp/4, managed·wsf/10000) */
	bool min_capped;          /* HighMem/Movable: min = clamp(managed/1024, 32, 128) */
	uint64_t max_boost;       /* boost_watermark()'s ceiling (0: boosting never applies to this zone) */
	int64_t protection[KF_MAX_ZONES];   /* lowmem_reserve[] */
	uint64_t reserve;         /* this zone's share of totalreserve_pages */
	int threshold;            /* normal vm stats threshold (0 for unpopulated zones) */
	int pressure_threshold;
	uint64_t max_drift;       /* online_cpus · threshold */
	uint64_t drift_mark;      /* percpu_drift_mark: 0 when the kernel sets none */
	int batch;                /* pcp batch */
	int pcp_high;             /* ≤ 6.6: static high */
	int high_min, high_max;   /* 6.7+ */
};

struct kf_result {
	uint64_t lowmem_pages;        /* Σ managed of lowmem zones (all nodes) */
	uint64_t pages_min;           /* min_free_kbytes in pages */
	int64_t min_free_kbytes_sqrt; /* the kernel's default from nr_free_buffer_pages */
	int64_t min_free_kbytes_thp;  /* khugepaged's recommendation (-1 when THP off) */
	uint64_t totalreserve_pages;
	struct kf_zone_out node[KF_MAX_NODES][KF_MAX_ZONES];
};

/* Fill m with the kernel defaults for version kver (page_shift 12, pageblock_order 9, sysctls at their
 * defaults); the caller then sets zones, CPUs and sysctls. */
void kf_machine_defaults(struct kf_machine *m, uint32_t kver);
/* Compute everything for the machine. */
void kf_compute(const struct kf_machine *m, struct kf_result *r);

/* The single formulas, for tests and for --explain's text. */
int64_t kf_default_min_free_kbytes(uint64_t nr_free_buffer_pages, int page_shift, uint32_t kver);
int kf_normal_threshold(uint64_t managed, int online_cpus, int page_shift);
int kf_pressure_threshold(uint64_t low, uint64_t min, int online_cpus);
int kf_batchsize(uint64_t managed, int page_shift, uint32_t kver);
int64_t kf_default_lowmem_reserve_ratio(enum kf_zone_type t, uint32_t kver);
/* "6.18.44-fc-v669" -> KF_VER(6, 18); 0 when unreadable. */
uint32_t kf_version_from_release(const char *release);
/* Integer square root, as the kernel's int_sqrt. */
uint64_t kf_int_sqrt(uint64_t x);

#endif
