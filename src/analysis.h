/* analysis.h — pure functions over one or two samples: what the zone, reclaim and buddy views (and the
 * dashboard) show.
 *
 * Every function takes the previous sample (NULL for the first) and the current one and fills a result
 * the caller owns.  Nothing here prints: events worth telling the user ("zone Movable appeared",
 * "counter pgscan_kswapd went backwards") are collected in struct analysis_notes for the caller to put on
 * stderr or a note line.
 *
 * Rules kept everywhere:
 *   - a counter that goes backwards (reset, wrap, a different machine's tree) gives a delta of 0 and a
 *     note, never a huge number;
 *   - zones are matched between samples by (node, zone name), never by position;
 *   - nothing divides by a zero managed size, a zero interval or a zero scan count: the value is absent
 *     (have flag false / NaN-free "n/a") instead.
 *
 * Files: analysis-notes.c (notes), delta.c (counter deltas), analysis-zones.c (watermarks, drift),
 * analysis-reclaim.c (reclaim accounting, PSI), vmpressure.c (the kernel's vmpressure levels),
 * fragindex.c (unusable-free-space and fragmentation indices), analysis-buddy.c (per-order view). */
#ifndef ZS_ANALYSIS_H
#define ZS_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "sample.h"

/* ---- notes: events found while analysing ---- */
struct analysis_notes {
	char **msg;
	int n, cap;
};

void analysis_notes_init(struct analysis_notes *n);
void analysis_notes_free(struct analysis_notes *n);
void analysis_notes_clear(struct analysis_notes *n);
void analysis_notes_add(struct analysis_notes *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- counter deltas (delta.c) ---- */
/* cur − prev of a monotonic counter.  When it went backwards: 0, and *backwards set (if not NULL). */
uint64_t delta_counter(uint64_t prev, uint64_t cur, bool *backwards);
/* Same, and a note "counter NAME went backwards (P -> C); counted as 0" when it did. */
uint64_t delta_named(const char *name, uint64_t prev, uint64_t cur, struct analysis_notes *notes);
/* Seconds between two samples by their monotonic clocks; 0 when not positive (or prev NULL). */
double delta_seconds(const struct sample *prev, const struct sample *cur);
/* "6.18.44-fc" -> KF_VER(6, 18) (major·1000 + minor); 0 when unknown. */
uint32_t analysis_kernel_version(const struct sample *s);

/* ---- zones (analysis-zones.c) ---- */
enum zone_status {
	ZST_OK,          /* free above the high watermark */
	ZST_BELOW_HIGH,  /* between low and high: kswapd, if awake, keeps reclaiming */
	ZST_BELOW_LOW,   /* at or below low: allocations wake kswapd */
	ZST_BELOW_MIN,   /* at or below min: allocations enter direct reclaim */
	ZST_EMPTY,       /* no managed pages (unpopulated zone) */
};
/* Short name for the dashboard: "ok", "<high", "<low", "<min", "empty". */
const char *zone_status_name(enum zone_status st);
/* The -z view's status words: "ok", "below high", "below low: kswapd", "below min: direct reclaim",
 * "empty". */
const char *zone_status_word(enum zone_status st);
/* Sentence for help and the dashboard: "below low: kswapd woken" … */
const char *zone_status_desc(enum zone_status st);

struct zone_analysis {
	int node;
	char name[16];               /* as the kernel spells it */
	bool populated;
	uint64_t managed, present, spanned;
	bool have_managed;           /* ≥ 3.8 prints managed; before, present stands in */
	/* watermarks as zoneinfo prints them (boost included in min/low/high on 5.x+) */
	uint64_t free, min, low, high, promo, boost;
	bool have_boost, have_promo;
	/* headroom to each watermark: free − mark (negative when below) */
	int64_t head_min, head_low, head_high, head_promo;
	enum zone_status status;
	int64_t protection_max;      /* largest lowmem_reserve entry (pages kept from higher-zone allocations) */
	/* per-CPU page lists and vmstat drift */
	uint64_t pcp_pages;          /* Σ pageset count: free pages parked on per-CPU lists */
	int pcp_cpus;                /* CPUs listed under pagesets */
	bool have_threshold;
	int64_t threshold;           /* "vm stats threshold" (the kernel's per-CPU counter slack) */
	int online_cpus;             /* from devices/system/cpu/online, else the pagesets' CPUs */
	uint64_t drift;              /* threshold × online CPUs: how far NR_FREE_PAGES may be off */
	int normal_threshold;        /* the kernel's normal threshold for this zone (kformula) */
	bool have_drift_mark;        /* false before 2.6.37 (no drift marks) or without a threshold */
	uint64_t drift_mark;         /* percpu_drift_mark the kernel would set (0: none), from the normal
	                                threshold */
	/* free lies within ±drift of a watermark: its reading cannot tell which side it is on */
	bool near_wmark;
	const char *near_name;       /* "min", "low", "high" (the lowest such mark) or NULL */
	bool have_free_rate;
	double free_rate;            /* change of free pages per second since the previous sample */
	bool unreclaimable;          /* node_unreclaimable / all_unreclaimable printed as 1 */
	bool appeared;               /* not in the previous sample (prev given) */
};

struct zones_analysis {
	struct zone_analysis *zone;  /* zoneinfo order; unpopulated zones included (status ZST_EMPTY) */
	int nzones, cap;
	double interval_s;           /* 0 for the first sample */
	int online_cpus;
};

void zones_analysis_init(struct zones_analysis *a);
void zones_analysis_free(struct zones_analysis *a);
/* Analyse cur's zoneinfo (prev may be NULL).  Returns 0, or -1 when cur has no zoneinfo (a note says
 * why).  Zones that appeared or disappeared since prev are noted. */
int analysis_zones(const struct sample *prev, const struct sample *cur, struct zones_analysis *out,
		   struct analysis_notes *notes);
/* The status of free against the printed marks (free ≤ mark counts as below, as the kernel's strict
 * "free > mark" test fails there). */
enum zone_status zone_status_of(uint64_t free, uint64_t min, uint64_t low, uint64_t high);
/* The kernel's percpu_drift_mark (refresh_zone_stat_thresholds): high + cpus·threshold when that drift
 * exceeds low − min, else 0.  high is the unboosted high watermark. */
uint64_t zone_drift_mark(uint64_t min, uint64_t low, uint64_t high, int64_t threshold, int cpus);

/* ---- vmpressure (vmpressure.c) ---- */
enum vmp_level { VMP_NONE, VMP_LOW, VMP_MEDIUM, VMP_CRITICAL };
#define VMP_WINDOW 512u           /* SWAP_CLUSTER_MAX · 16 scanned pages */
#define VMP_MEDIUM_PCT 60
#define VMP_CRITICAL_PCT 95
const char *vmpressure_level_name(enum vmp_level l);   /* "none", "low", "medium", "critical" */
/* The kernel's vmpressure_calc_level arithmetic: 0 … 100 (0 when reclaimed ≥ scanned or scanned 0). */
unsigned vmpressure_pct(uint64_t scanned, uint64_t reclaimed);
enum vmp_level vmpressure_level_of(unsigned pct);
/* The window the kernel accumulates across reclaim passes: scanned pages gather until at least
 * VMP_WINDOW, then one level is computed and the window empties. */
struct vmp_window {
	uint64_t scanned, reclaimed;
};
/* Feed an interval's scanned/reclaimed pages; returns the level when the window filled (and *pct),
 * VMP_NONE while it is still filling (*pct untouched). */
enum vmp_level vmpressure_feed(struct vmp_window *w, uint64_t scanned, uint64_t reclaimed, unsigned *pct);

/* ---- reclaim (analysis-reclaim.c) ---- */
enum rc_counter {
	RC_SCAN_KSWAPD, RC_SCAN_DIRECT, RC_SCAN_KHUGEPAGED, RC_SCAN_PROACTIVE, RC_SCAN_TOTAL,
	RC_STEAL_KSWAPD, RC_STEAL_DIRECT, RC_STEAL_KHUGEPAGED, RC_STEAL_PROACTIVE, RC_STEAL_TOTAL,
	RC_SCAN_ANON, RC_SCAN_FILE, RC_STEAL_ANON, RC_STEAL_FILE,
	RC_ALLOCSTALL, RC_COMPACT_STALL, RC_COMPACT_FAIL, RC_COMPACT_SUCCESS,
	RC_REFAULT, RC_REFAULT_ANON, RC_REFAULT_FILE, RC_ACTIVATE, RC_ACTIVATE_ANON, RC_ACTIVATE_FILE,
	RC_SWAP_IN, RC_SWAP_OUT, RC_OOM_KILL,
	RC_N
};
/* "scan_kswapd" … (the stem of the CSV names) */
extern const char *const rc_counter_name[RC_N];

/* Reclaim counters as totals, whatever the kernel's naming: per-zone forms (≤ 4.7) summed, allocstall_*
 * summed (4.8+), pgsteal_<zone> (≤ 3.4) split with kswapd_steal.  Totals are kswapd + direct +
 * khugepaged + proactive; pgscan_anon/file (5.8+) are the same pages by type and never added to them. */
struct reclaim_counts {
	uint64_t v[RC_N];
	bool have[RC_N];
	const char *src[RC_N];       /* the kernel counter read ("pgscan_kswapd", "pgscan_kswapd_<zone>"),
	                                NULL for sums of other entries (scan_total …) */
};
void reclaim_counts_read(const struct kvset *vmstat, struct reclaim_counts *out);

struct psi_analysis {
	bool have;                   /* the sample had pressure/memory */
	struct psi_line some, full;  /* averages as printed (percent) */
	bool have_stall;             /* a previous sample (or uptime) to difference against */
	double some_stall_ms, full_stall_ms;   /* stall time within the span */
	double some_pct, full_pct;             /* … as a percentage of the span */
};

struct reclaim_analysis {
	bool since_boot;             /* first sample: rates are averages since boot (uptime) */
	double span_s;               /* seconds the counts cover (0: no rates) */
	struct reclaim_counts d;     /* counts within the span */
	double rate[RC_N];           /* d.v / span_s (per second); valid where d.have and span_s > 0 */
	/* reclaim efficiency: stolen / scanned · 100, when something was scanned */
	bool have_eff, have_eff_kswapd, have_eff_direct;
	double eff, eff_kswapd, eff_direct;
	/* vmpressure from kswapd + direct + khugepaged scan/steal (proactive reclaim does not count) */
	bool have_vmp;               /* false for since-boot rows */
	enum vmp_level vmp_level;    /* VMP_NONE: the 512-page window did not fill */
	unsigned vmp_pct;            /* valid when vmp_level != VMP_NONE */
	struct psi_analysis psi;
};

/* Analyse reclaim between prev and cur (prev NULL: since boot, using cur's uptime when it has one).
 * win carries the vmpressure window between calls (may be NULL).  Returns 0, or -1 when cur has no
 * vmstat. */
int analysis_reclaim(const struct sample *prev, const struct sample *cur, struct vmp_window *win,
		     struct reclaim_analysis *out, struct analysis_notes *notes);

/* ---- fragmentation indices (fragindex.c), per debugfs extfrag/ ---- */
#define FRAG_MAX_ORDERS 32
struct frag_info {
	uint64_t free_pages;           /* Σ n_k·2^k */
	uint64_t free_blocks_total;    /* Σ n_k */
	uint64_t free_blocks_suitable; /* Σ_{k≥order} n_k·2^(k−order) */
};
void frag_fill(const uint64_t *nfree, int norders, int order, struct frag_info *fi);
/* Unusable free space index, 0 … 1000 (1000 when nothing is free). */
int frag_unusable_index(const uint64_t *nfree, int norders, int order);
/* Fragmentation index, 0 … 1000, or −1000 when an order-sized block is free (not a failure). */
int frag_extfrag_index(const uint64_t *nfree, int norders, int order);

/* ---- buddy (analysis-buddy.c) ---- */
struct buddy_zone_analysis {
	int node;
	char name[16];
	int norders;
	uint64_t nfree[FRAG_MAX_ORDERS];   /* free blocks per order */
	uint64_t free_pages;               /* Σ n_k·2^k */
	int unusable[FRAG_MAX_ORDERS];     /* 0 … 1000 */
	int fragindex[FRAG_MAX_ORDERS];    /* −1000 … 1000 */
	/* the highest order a GFP_HIGHUSER_MOVABLE allocation (user memory, page cache, THP; CMA pages
	 * count) could get from this zone while passing its low watermark (__zone_watermark_ok at low +
	 * reserve); −1 when none; needs zoneinfo.  The reserve is protection[ZONE_MOVABLE, or the top zone
	 * below Device], 0 for that zone itself */
	bool have_wmark;
	int max_order_low;
	int64_t reserve;                   /* lowmem_reserve the check added */
	char reserve_for[16];              /* the zone it is kept against ("" when 0) */
	bool appeared;
};

struct buddy_analysis {
	struct buddy_zone_analysis *zone;
	int nzones, cap;
};

void buddy_analysis_init(struct buddy_analysis *a);
void buddy_analysis_free(struct buddy_analysis *a);
/* Analyse cur's buddyinfo, with its zoneinfo when present (prev, may be NULL, only for appear/disappear
 * notes).  Returns 0, or -1 when cur has no buddyinfo. */
int analysis_buddy(const struct sample *prev, const struct sample *cur, struct buddy_analysis *out,
		   struct analysis_notes *notes);
/* __zone_watermark_ok at order 'order' with mark 'mark' + reserve and the buddy counts (any migrate type
 * counts as allocatable: buddyinfo does not split them).  kver selects the ≤ 4.3 shrinking-mark rule. */
bool buddy_watermark_ok(const uint64_t *nfree, int norders, uint64_t free, int order, uint64_t mark,
			int64_t reserve, uint32_t kver);

#endif
