/* sim.h — the simulation engine: a deterministic, seeded model of one machine's memory zones.
 *
 * The model (sim-machine.c builds it, sim-step.c advances it, sim-reclaim.c reclaims, sim-psi.c keeps
 * pressure) is a pure step function: sim_step(s) advances SIM_TICK_NS of simulated time using only the
 * state and its own RNG, so the same scenario and seed always give the same state.  Renderers
 * (sim-render-*.c) turn the state into /proc and /sys texts of a chosen kernel version.
 *
 * Everything derived from sysctls and zone sizes (watermarks, lowmem_reserve, thresholds, pcp
 * batch/high) comes from kformula (kf_compute), the same code --explain verifies the kernel with.
 *
 * Modelled in bulk rather than exactly (see zonestat-scenario(5), MODEL): pages are counted, not tracked
 * one by one; buddy coalescing is a per-order merge rate lowered by pinned (unmovable) pageblocks; reclaim
 * scans the LRU lists in batches per tick; PSI stall time comes from reclaim and refault work. */
#ifndef ZS_SIM_H
#define ZS_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis.h"
#include "kformula.h"
#include "util.h"

#define SIM_TICK_NS 100000000LL       /* one step: 100 ms of simulated time */
#define SIM_TICKS_PER_SEC 10
#define SIM_ORDERS 11                 /* NR_PAGE_ORDERS on x86-64 with 4 KiB pages */
#define SIM_THP_ORDER 9               /* HPAGE_PMD_ORDER: order-9 faults count as THP faults */
#define SIM_MAX_CPUS 1024
#define SIM_MAX_PHASES 64
#define SIM_MAX_RECLAIM_RETRIES 16    /* MAX_RECLAIM_RETRIES: kswapd_failures at which a node is hopeless */
#define SIM_USER_HZ 100

/* Zone counters that go through per-CPU differentials (the kernel's zone vm_stat items). */
enum sim_item {
	SI_FREE, SI_INACTIVE_ANON, SI_ACTIVE_ANON, SI_INACTIVE_FILE, SI_ACTIVE_FILE, SI_UNEVICTABLE,
	SI_WRITE_PENDING, SI_MLOCK, SI_NITEMS
};

/* LRU lists, as in the kernel's enum lru_list */
enum sim_lru { LRU_IA, LRU_AA, LRU_IF, LRU_AF, LRU_UNEV, LRU_N };

/* Global event counters (summed per-CPU events in the kernel: exact when read). */
#define SIM_EVENTS(X)                                                                 \
	X(pgpgin) X(pgpgout) X(pswpin) X(pswpout) X(pgfree) X(pgactivate) X(pgdeactivate) \
	X(pgfault) X(pgmajfault) X(pgrefill) X(pgsteal_kswapd) X(pgsteal_direct)           \
	X(pgscan_kswapd) X(pgscan_direct) X(pgscan_direct_throttle) X(pgscan_anon)         \
	X(pgscan_file) X(pgsteal_anon) X(pgsteal_file) X(pageoutrun)                       \
	X(kswapd_low_wmark_hit_quickly) X(kswapd_high_wmark_hit_quickly) X(oom_kill)       \
	X(pgmigrate_success) X(pgmigrate_fail) X(compact_migrate_scanned)                 \
	X(compact_free_scanned) X(compact_isolated) X(compact_stall) X(compact_fail)      \
	X(compact_success) X(compact_daemon_wake) X(thp_fault_alloc) X(thp_fault_fallback) \
	X(unevictable_pgs_culled) X(unevictable_pgs_mlocked) X(unevictable_pgs_munlocked) \
	X(nr_vmscan_write) X(nr_vmscan_immediate_reclaim) X(nr_dirtied) X(nr_written)     \
	X(workingset_refault_anon) X(workingset_refault_file) X(workingset_activate_anon) \
	X(workingset_activate_file) X(workingset_restore_file) X(slabs_scanned)           \
	X(pgrotated) X(swap_ra) X(swap_ra_hit)

enum sim_event {
#define SIM_EV_ENUM(n) SE_##n,
	SIM_EVENTS(SIM_EV_ENUM)
#undef SIM_EV_ENUM
	SE_N
};
extern const char *const sim_event_name[SE_N];

struct sim_pcp {
	int32_t count, high;          /* high: 0 until the CPU first uses the zone (kernel: lazily clamped) */
};

struct sim_zone {
	char name[16];
	enum kf_zone_type type;
	int idx;                      /* zone index within the node (protection column) */
	int nid;                      /* its node's index in sim.node[] */
	int thr;                      /* the vm stats threshold in force (sim_threshold, kept by sim_set_threshold) */
	uint64_t spanned, present, managed, start_pfn;
	/* the truth, in pages */
	int64_t lru[LRU_N];
	int64_t dirty, writeback;     /* subsets of the file LRU pages */
	int64_t mlock;                /* subset of unevictable */
	int64_t kernel;               /* slab, page tables, stacks … (not on an LRU) */
	int64_t thp;                  /* anon pages held in order-9 blocks (subset of anon LRU) */
	uint64_t buddy[SIM_ORDERS];   /* free blocks per order */
	bool unsettled;               /* pages given since the last merge (sim_buddy_settle) */
	int64_t pcp_total;            /* Σ pcp[].count */
	struct sim_pcp *pcp;          /* one per online CPU */
	/* what zone_page_state() reads: atomics plus per-CPU s8 differentials */
	int64_t atomic[SI_NITEMS];
	int8_t *diff;                 /* [cpu * SI_NITEMS + item] */
	/* derived by kformula */
	struct kf_zone_out kf;
	uint64_t boost;
	bool use_pressure_threshold;  /* kswapd awake and the zone has a drift mark (set_pgdat_percpu_threshold) */
	uint64_t pinned_blocks;       /* pageblocks holding a pinned unmovable page */
	uint32_t pinned_permille;     /* their share of the pageblocks: lowers merging */
	bool below_high;              /* ZONE_BELOW_HIGH */
	uint64_t pgalloc, allocstall, pgskip;
	uint64_t numa_hit, numa_miss, numa_foreign, numa_local, numa_other;
	unsigned compact_defer;       /* attempts still to skip after a failed compaction */
};

struct sim_node {
	int id;
	int nzones;
	int user_hz;                  /* sim_user_hz, fixed once the zones are laid out */
	int npop;                     /* the populated zones (managed pages), in index order: */
	int8_t pop[KF_MAX_ZONES];     /* the step's loops visit only them */
	struct sim_zone zone[KF_MAX_ZONES];
	int64_t lru_sum[LRU_N];       /* Σ zone[].lru[]: every LRU change goes through sim_lru_add */
	int ncpus, first_cpu;         /* CPUs first_cpu … first_cpu+ncpus-1 belong to the node */
	/* kswapd */
	bool kswapd_awake;
	bool kswapd_new_run;          /* woken since the last balance run began (pageoutrun) */
	int kswapd_failures;
	int kswapd_order, kswapd_hz;
	uint64_t kswapd_scan_left;    /* kswapd's scan budget for the rest of this tick (it runs concurrently) */
	/* the tasks allocating on the node this tick: task k of ntasks runs now (ntasks 0: one caller);
	 * one direct reclaim pass of tick dr_tick stood for the tasks before dr_end */
	int task, ntasks, dr_end;
	uint64_t dr_tick;
	/* reclaim cost (5.8+ get_scan_count), decaying */
	uint64_t anon_cost, file_cost;
	/* the workload's pages on this node */
	int64_t wl_anon;              /* resident anonymous pages owned by the workload (the OOM victim) */
	int64_t wl_swapped;           /* its pages in swap */
	int64_t file_set_cached;      /* pages of the re-read file set that are in the page cache */
	int64_t file_set_referenced;  /* of those, re-read since reclaim last looked at them */
	int64_t file_set_evicted;     /* pages of the set evicted (shadow entries): reading them is a refault */
	int64_t shmem, mapped, slab_reclaimable, slab_unreclaimable, kernel_stack, page_tables;
	int64_t workingset_nodes;
	/* background churn in flight on each of the node's CPUs (index cpu − first_cpu): short-lived
	 * anonymous pages allocated by the last task there from zone[].idx churn_zone, freed by the next */
	int32_t *churn_pages;
	int8_t *churn_zone;
	struct vmp_window vmp;
	enum vmp_level vmp_level;
	unsigned vmp_pct;
};

/* One phase of workload (rates are per simulated second, sizes in pages). */
struct sim_phase {
	char name[32];
	double duration;              /* seconds; the last phase lasts for ever */
	double anon_alloc, anon_free; /* pages/s */
	double file_read, file_write; /* pages/s streaming through the page cache */
	double file_reread;           /* pages/s re-read from the file working set */
	double file_set;              /* pages: size of that working set */
	double anon_touch;            /* pages/s touched across the workload's anonymous pages */
	double mlock;                 /* pages locked at the start of the phase (absolute target) */
	double burst;                 /* pages allocated at once at the start of the phase */
	int ho_order;                 /* high-order allocations: order and rate */
	double ho_rate;
	double pin;                   /* pinned unmovable pages/s, scattered over pageblocks */
	double cpu;                   /* percent of CPU busy (user) */
	int tasks;
	/* sysctl writes at the start of the phase (-1: unchanged) */
	int64_t min_free_kbytes, watermark_scale_factor, watermark_boost_factor, swappiness;
	int64_t percpu_pagelist_high_fraction;
	int64_t lowmem_reserve_ratio[KF_MAX_ZONES];
	int nlowmem_reserve_ratio;
};

/* A machine description before it is built (sim-machine.c). */
struct sim_shape {
	int nnodes;
	int ncpus;                    /* online CPUs in total */
	uint64_t mem_bytes;           /* per node, when zones are not given */
	bool highmem;                 /* 32-bit shape: DMA, Normal (≤ 896 MiB), HighMem */
	uint64_t swap_bytes;
	struct kf_machine km;         /* zones (managed/present/spanned) and sysctls */
	bool have_zones;              /* km.node[].zone[] given explicitly (calibrated or [zone] sections) */
	int64_t swappiness;
	uint64_t start_pfn[KF_MAX_NODES][KF_MAX_ZONES];
	char zone_name[KF_MAX_NODES][KF_MAX_ZONES][16];
};

struct sim_scenario {
	char name[64];
	struct sim_shape shape;
	struct sim_phase phase[SIM_MAX_PHASES];
	int nphases;
	bool repeat;                  /* after the last phase, start again with the first */
};

struct sim_psi_avg {
	uint64_t total_ns;            /* cumulative stall time */
	uint64_t avg_total;           /* part of total already folded into the averages */
	unsigned long avg[3];         /* fixed point (FSHIFT 11), 10 s, 60 s, 300 s */
};

struct sim_psi {
	struct sim_psi_avg some, full;
	int64_t avg_next_update, avg_last_update;
};

struct sim {
	uint32_t kver;                /* formulas and formats */
	uint64_t seed, rng;
	int64_t now_ns;               /* simulated time since boot */
	uint64_t tick;
	int ncpus;
	int nnodes;
	struct sim_node node[KF_MAX_NODES];
	struct kf_machine km;
	struct kf_result kr;
	int64_t swappiness;
	uint64_t swap_total, swap_used;
	/* workload */
	struct sim_scenario sc;
	int phase;
	int64_t phase_start_ns;
	bool phase_started;
	/* accounting */
	uint64_t ev[SE_N];
	uint64_t cpu_ticks[4];        /* user, system, idle, iowait (USER_HZ) */
	double cpu_frac[4];           /* fractional ticks carried between steps */
	uint64_t ctxt, intr, processes;
	int procs_running, procs_blocked;
	struct sim_psi psi;
	uint64_t stall_ns_tick;       /* this tick's memstall of tasks (direct reclaim, compaction, refaults) */
	uint64_t kswapd_ns_tick;      /* this tick's kswapd/kcompactd work (memstall of the daemons) */
	uint64_t sys_ns_tick;         /* kernel CPU time this tick (reclaim, compaction) */
	int64_t burst_left[KF_MAX_NODES];   /* pages of a burst still to allocate */
	double carry[KF_MAX_NODES][12];     /* fractional pages carried between ticks, per rate */
	unsigned long avenrun[3];     /* load average, fixed point (FSHIFT 11) */
	uint64_t alloc_failed;        /* pages the workload could not get */
	int64_t boot_wall_ns;         /* fixed wall clock of "boot" (deterministic output) */
};

/* ---- sim-machine.c ---- */
/* Shape defaults: one node, 4 CPUs, 4 GiB, 6.18 defaults. */
void sim_shape_defaults(struct sim_shape *sh);
/* Build the model; 0, or -1 with e set (no memory, too many CPUs …). */
int sim_init(struct sim *s, const struct sim_scenario *sc, uint32_t kver, uint64_t seed, struct zs_err *e);
void sim_free(struct sim *s);
/* Recompute every kformula-derived number (watermarks reset boost, as the kernel's recompute does). */
void sim_recompute(struct sim *s);
uint64_t sim_rand(struct sim *s);
/* min_free_kbytes in force: the sysctl, or the kernel's default with the khugepaged raise. */

/* ---- sim-workload.c ---- */
void sim_step(struct sim *s);
/* Advance by whole ticks until now_ns ≥ target. */
void sim_run_until(struct sim *s, int64_t target_ns);

/* ---- sim-step.c ---- */
/* Division by a divisor that stays for a whole tick (x86's 64-bit divide is slow): its reciprocal,
 * m = ⌊(2^64 − 1)/d⌋ (d > 0), gives ⌊p·m/2^64⌋ ≥ ⌊p/d⌋ − 1, corrected once to C's quotient. */
struct sim_recip {
	uint64_t d, m;
};

static inline struct sim_recip sim_recip_of(uint64_t d)
{
	struct sim_recip r = { d, UINT64_MAX / d };

	return r;
}

static inline uint64_t sim_recip_div(struct sim_recip r, uint64_t p)
{
#ifdef __SIZEOF_INT128__
	uint64_t q = (uint64_t)(((unsigned __int128)p * r.m) >> 64);

	return q + (p - q * r.d >= r.d);
#else
	return p / r.d;
#endif
}

/* Per-CPU differentials: change a zone item by delta on cpu (__mod_zone_page_state: a differential past
 * the threshold in force is folded into the atomic at once).  Inline: the step calls it for every page
 * batch. */
static inline void sim_mod(struct sim *s, struct sim_zone *z, int cpu, enum sim_item it, int64_t delta)
{
	int8_t *d = &z->diff[(size_t)cpu * SI_NITEMS + it];
	int64_t x = *d + delta;
	/* |x| > thr as one unsigned comparison, and the fold without a branch (it is taken at random) */
	int64_t fold = -(int64_t)((uint64_t)x + (uint64_t)z->thr > 2 * (uint64_t)z->thr);

	(void)s;
	z->atomic[it] += x & fold;
	*d = (int8_t)(x & ~fold);
}
/* Change an LRU list of a zone by n pages on cpu: the truth, its node's sum and the differential. */
static inline void sim_lru_add(struct sim *s, struct sim_zone *z, int cpu, enum sim_lru l, int64_t n)
{
	static const enum sim_item item[LRU_N] = { SI_INACTIVE_ANON, SI_ACTIVE_ANON, SI_INACTIVE_FILE,
						    SI_ACTIVE_FILE, SI_UNEVICTABLE };

	z->lru[l] += n;
	s->node[z->nid].lru_sum[l] += n;
	sim_mod(s, z, cpu, item[l], n);
}
/* Set the threshold in force after use_pressure_threshold or the zone's kformula numbers change. */
void sim_set_threshold(struct sim_zone *z);
/* What zone_page_state() returns (atomic, clamped at 0). */
static inline int64_t sim_reported(const struct sim_zone *z, enum sim_item it)
{
	return z->atomic[it] < 0 ? 0 : z->atomic[it];
}
/* The truth of an item. */
int64_t sim_truth(const struct sim_zone *z, enum sim_item it);
int64_t sim_free_pages(const struct sim_zone *z);
int sim_threshold(const struct sim_zone *z);
/* Buddy: take n blocks of an order (splitting larger ones); returns blocks taken. */
uint64_t sim_buddy_take(struct sim_zone *z, int order, uint64_t n);
/* Buddy: give back n order-0 pages; they coalesce when the zone is next settled. */
void sim_buddy_give(struct sim *s, struct sim_zone *z, uint64_t n);
/* Buddy merging of the pages given since the last settle (pass after pass, each merging 90 % of the
 * pairs that can merge, until none merge).  The step settles every zone at its end; within a step,
 * whatever reads the orders above 0 (high-order allocations and takes, compaction, pins, watermark
 * checks for an order) settles first. */
void sim_buddy_settle(struct sim *s, struct sim_zone *z);
void sim_node_settle(struct sim *s, struct sim_node *nd);
/* Pageblocks of a zone that could still become wholly free: those without a pinned page, less the free
 * blocks of pageblock order or more already there (whole free pageblocks are bounded by it). */
uint64_t sim_pageblock_room(const struct sim *s, const struct sim_zone *z);
/* Watermark test of the kernel (__zone_watermark_ok, order 0 or the buddy check for order > 0). */
bool sim_wmark_ok(const struct sim_zone *z, int order, uint64_t mark, int hz, int64_t free);
/* No zone of the node up to hz passes its low mark (with boost and protection) for an order-0
 * allocation on cpu: the allocator's fast path would fail and its slow path wake kswapd. */
bool sim_short_of_low(const struct sim_node *nd, int cpu, int hz);
/* Pages the node's zones have allocated (pgalloc, summed). */
uint64_t sim_node_pgalloc(const struct sim_node *nd);
/* Highest zone index a user (GFP_HIGHUSER_MOVABLE) allocation may use (sim_init sets it). */
static inline int sim_user_hz(const struct sim_node *n)
{
	return n->user_hz;
}
/* Allocate n order-0 pages onto an LRU list (fast path, kswapd, direct reclaim, OOM); returns pages got. */
int64_t sim_alloc(struct sim *s, struct sim_node *nd, int cpu, int64_t n, enum sim_lru to);
/* As sim_alloc, the first nfirst pages got onto one list and the rest onto another. */
int64_t sim_alloc_split(struct sim *s, struct sim_node *nd, int cpu, int64_t n, enum sim_lru first,
			int64_t nfirst, enum sim_lru rest);
/* Background churn on cpu: the pages the CPU's last task left in flight are freed, n new ones allocated. */
void sim_churn(struct sim *s, struct sim_node *nd, int cpu, int64_t n, enum sim_lru to);
/* Free n pages of an LRU list of a zone through the CPU's pageset. */
void sim_free_lru(struct sim *s, struct sim_zone *z, int cpu, enum sim_lru l, int64_t n);
void sim_lru_move(struct sim *s, struct sim_zone *z, int cpu, enum sim_lru from, enum sim_lru to, int64_t n);
/* Free n of the workload's anonymous pages on a node. */
void sim_free_anon(struct sim *s, struct sim_node *nd, int cpu, int64_t n);
/* One high-order allocation on a node (falls back to order 0). */
void sim_alloc_high_order(struct sim *s, struct sim_node *nd, int cpu, int order);
/* Pin n unmovable pages on a node, scattered over pageblocks. */
void sim_pin_pages(struct sim *s, struct sim_node *nd, int cpu, int64_t n);
/* Fold CPU cpu's differentials (vmstat_update). */
void sim_fold_cpu(struct sim *s, int cpu);

/* ---- sim-reclaim.c ---- */
bool sim_node_balanced(const struct sim *s, const struct sim_node *n, int order, int hz);
void sim_kswapd_wake(struct sim *s, struct sim_node *n, int order, int hz);
void sim_kswapd_step(struct sim *s, struct sim_node *n);
/* kswapd's share of work while an allocation waits (it runs alongside): reclaim towards high plus
 * `extra` pages from this tick's remaining budget; returns pages reclaimed. */
uint64_t sim_kswapd_run(struct sim *s, struct sim_node *n, uint64_t extra);
#define SIM_KSWAPD_SCAN_PER_TICK 60000ull    /* pages kswapd can scan in one tick (600 k/s) */
/* Reclaim up to want pages from the node; returns pages reclaimed; *scanned gets the scan count. */
uint64_t sim_shrink_node(struct sim *s, struct sim_node *n, uint64_t want, bool may_swap, bool kswapd,
			 int cpu, uint64_t max_scan, uint64_t *scanned);
/* Direct reclaim on cpu (the reclaimed pages go to its pageset, where the stalled allocation finds them)
 * for an allocation of `size` pages short of `need`, batched for the node's tasks still to
 * run this tick (sim-reclaim.c); returns pages reclaimed. */
uint64_t sim_direct_reclaim(struct sim *s, struct sim_node *n, int cpu, uint64_t need, uint64_t size, int hz);
/* The OOM killer: kill the workload's largest holder; true when something was freed. */
bool sim_oom_kill(struct sim *s);
/* Compaction for an order; true when a block of that order was assembled. */
bool sim_compact(struct sim *s, struct sim_zone *z, int order, bool direct);

/* ---- sim-psi.c ---- */
void sim_psi_init(struct sim_psi *p, int64_t now);
/* Account stall time and run the kernel's averaging when a period has passed. */
void sim_psi_tick(struct sim_psi *p, int64_t now, uint64_t some_ns, uint64_t full_ns);
/* Format "some avg10=… total=…\nfull …\n" into buf; returns length. */
int sim_psi_format(const struct sim_psi *p, char *buf, size_t cap, bool with_full);

/* ---- sim-check.c: the model's invariants ---- */
/* 0 when all hold, else -1 with the first violation in e (its message starts with the invariant's
 * name: "pages not conserved", "buddy lists", "drifts", "kswapd", "caches": the node's LRU sums and the
 * zones' thresholds in force that the step keeps). */
int sim_check(const struct sim *s, struct zs_err *e);
/* What the wake rule needs from before a step: sim_check_begin(s, &m); sim_step(s); sim_check_step(s, &m, e)
 * also checks that kswapd is not asleep after the node allocated with every zone below low. */
struct sim_check_mark {
	uint64_t pgalloc[KF_MAX_NODES];
};
void sim_check_begin(const struct sim *s, struct sim_check_mark *m);
int sim_check_step(const struct sim *s, const struct sim_check_mark *before, struct zs_err *e);

/* ---- sim-scenario.c / sim-builtin.c ---- */
void sim_scenario_defaults(struct sim_scenario *sc);
/* Parse INI text (name is for messages); 0 or -1 with e set ("FILE:LINE: …"). */
int sim_scenario_parse(struct sim_scenario *sc, const char *text, const char *name, struct zs_err *e);
int sim_scenario_load(struct sim_scenario *sc, const char *name_or_file, struct zs_err *e);
/* Built-in scenario text by name, NULL when unknown. */
const char *sim_builtin_text(const char *name);
extern const char *const sim_builtin_names[];
/* Parse "16G", "512M", "100k", "4096" (bytes); false on error. */
bool sim_parse_size(const char *s, uint64_t *out);
/* "6.18" -> KF_VER(6, 18); 0 on error. */
uint32_t sim_parse_kver(const char *s);

#endif
