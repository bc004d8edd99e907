/* sim-reclaim.c — reclaim in the model: kswapd (woken below low, balancing to high, boost reclaim,
 * failure count and node_unreclaimable), direct reclaim with allocation stalls and throttling, the LRU
 * scan with the 5.8+ anon/file cost balance, vmpressure, the OOM killer and compaction. */
#include "config.h"

#include "sim.h"

#define SCAN_NS 100ull                     /* CPU time to scan one page */
#define STALL_CALL_NS 20000ull             /* fixed cost of one direct reclaim call */
#define DEF_PRIORITY 12

static int64_t free_for_balance(const struct sim_zone *z)
{
	int64_t f = sim_reported(z, SI_FREE);

	/* below the drift mark the kernel pays for the exact (snapshot) value */
	if (z->kf.drift_mark && (uint64_t)f < z->kf.drift_mark)
		f = sim_free_pages(z);
	return f;
}

bool sim_node_balanced(const struct sim *s, const struct sim_node *n, int order, int hz)
{
	bool any = false;

	(void)s;
	if (hz < 0)
		hz = sim_user_hz(n);
	for (int i = 0; i <= hz && i < n->nzones; i++) {
		const struct sim_zone *z = &n->zone[i];

		if (z->managed == 0)
			continue;
		any = true;
		if (sim_wmark_ok(z, order, z->kf.wmark_high + z->boost, hz, free_for_balance(z)))
			return true;
	}
	return !any;
}

static bool node_boosted(const struct sim_node *n, int hz)
{
	for (int i = 0; i <= hz && i < n->nzones; i++)
		if (n->zone[i].boost)
			return true;
	return false;
}

/* set_pgdat_percpu_threshold: zones with a drift mark use the pressure threshold while kswapd runs */
static void set_thresholds(struct sim_node *n, bool pressure)
{
	for (int i = 0; i < n->nzones; i++)
	{
		n->zone[i].use_pressure_threshold = pressure && n->zone[i].kf.drift_mark != 0;
		sim_set_threshold(&n->zone[i]);
	}
}

void sim_kswapd_wake(struct sim *s, struct sim_node *n, int order, int hz)
{
	if (order > 0)
		sim_node_settle(s, n);   /* the balance check below looks for a block of the order */
	if (order > n->kswapd_order)
		n->kswapd_order = order;
	if (hz > n->kswapd_hz)
		n->kswapd_hz = hz;
	if (n->kswapd_awake || n->kswapd_failures >= SIM_MAX_RECLAIM_RETRIES)
		return;
	if (sim_node_balanced(s, n, order, hz) && !node_boosted(n, hz))
		return;
	n->kswapd_awake = true;
	n->kswapd_new_run = true;
	set_thresholds(n, true);
}

static void kswapd_sleep(struct sim *s, struct sim_node *n)
{
	if (n->kswapd_order > 0) {
		sim_node_settle(s, n);
		/* kcompactd is woken for the order kswapd was reclaiming for */
		s->ev[SE_compact_daemon_wake]++;
		for (int i = 0; i < n->nzones; i++)
			if (n->zone[i].managed && !sim_wmark_ok(&n->zone[i], n->kswapd_order, n->zone[i].kf.wmark_low,
								 i, sim_free_pages(&n->zone[i])))
				sim_compact(s, &n->zone[i], n->kswapd_order, false);
	}
	n->kswapd_awake = false;
	n->kswapd_order = 0;
	n->kswapd_hz = -1;
	set_thresholds(n, false);
}

uint64_t sim_kswapd_run(struct sim *s, struct sim_node *n, uint64_t extra)
{
	int hz = n->kswapd_hz >= 0 ? n->kswapd_hz : sim_user_hz(n);
	uint64_t scanned = 0, reclaimed, want = extra;
	bool balanced, boost_only;

	if (!n->kswapd_awake)
		return 0;
	if (n->kswapd_new_run) {
		s->ev[SE_pageoutrun]++;
		n->kswapd_new_run = false;
	}
	if (n->kswapd_order > 0)
		sim_node_settle(s, n);
	balanced = sim_node_balanced(s, n, n->kswapd_order, hz);
	boost_only = balanced && node_boosted(n, hz);
	if (balanced && !boost_only) {
		s->ev[SE_kswapd_low_wmark_hit_quickly]++;
		kswapd_sleep(s, n);
		return 0;
	}
	if (n->kswapd_scan_left == 0)
		return 0;
	for (int i = 0; i <= hz && i < n->nzones; i++) {
		struct sim_zone *z = &n->zone[i];
		int64_t gap;

		if (z->managed == 0)
			continue;
		if (boost_only) {
			want += z->boost;
			continue;
		}
		gap = (int64_t)(z->kf.wmark_high + z->boost) - sim_free_pages(z);
		want += gap > 32 ? (uint64_t)gap : 32;
	}
	/* boosted reclaim neither writes back nor swaps, and balance_pgdat gives it up as soon as a
	 * priority pass makes no progress: a few passes' worth of scanning at most */
	uint64_t max_scan = n->kswapd_scan_left;
	if (boost_only) {
		uint64_t lim = ((uint64_t)(n->lru_sum[LRU_IF] + n->lru_sum[LRU_IA]) >> (DEF_PRIORITY - 2)) + 32;

		max_scan = lim < max_scan ? lim : max_scan;
	}
	reclaimed = sim_shrink_node(s, n, want, !boost_only, true, n->first_cpu, max_scan, &scanned);
	n->kswapd_scan_left = scanned >= n->kswapd_scan_left ? 0 : n->kswapd_scan_left - scanned;
	s->kswapd_ns_tick += scanned * SCAN_NS;
	if (reclaimed == 0)
		n->kswapd_failures++;
	else
		n->kswapd_failures = 0;
	if (n->kswapd_order > 0 && reclaimed >= (2u << n->kswapd_order))
		n->kswapd_order = 0;   /* enough for compaction to finish the job */
	if (boost_only || node_boosted(n, hz)) {
		/* the boost reclaimed is consumed; kcompactd is woken for pageblock order */
		for (int i = 0; i < n->nzones; i++)
			n->zone[i].boost = 0;
		s->ev[SE_compact_daemon_wake]++;
	}
	if (n->kswapd_order > 0)
		sim_node_settle(s, n);   /* what reclaim freed, merged before the check for a block */
	if (n->kswapd_failures >= SIM_MAX_RECLAIM_RETRIES)
		kswapd_sleep(s, n);   /* hopeless: node_unreclaimable, direct reclaim only */
	else if (sim_node_balanced(s, n, n->kswapd_order, hz))
		kswapd_sleep(s, n);
	return reclaimed;
}

void sim_kswapd_step(struct sim *s, struct sim_node *n)
{
	sim_kswapd_run(s, n, 0);
	n->kswapd_scan_left = SIM_KSWAPD_SCAN_PER_TICK;
}

/* inactive_is_low: the inactive list should hold 1/ratio of the list, ratio = √(10·GiB) (≥ 1). */
static int64_t inactive_ratio(int64_t inactive, int64_t active)
{
	static uint8_t small[1024];   /* the ratio of lists under 1 TiB, filled in as met (0: not yet) */
	uint64_t gb = (uint64_t)(inactive + active) >> 18;

	if (gb == 0)
		return 1;
	if (gb >= 1024)
		return (int64_t)kf_int_sqrt(10 * gb);
	if (!small[gb])
		small[gb] = (uint8_t)kf_int_sqrt(10 * gb);   /* at most √10230 = 101 */
	return small[gb];
}

static bool inactive_low(int64_t inactive, int64_t active)
{
	return inactive * inactive_ratio(inactive, active) < active;
}

/* The pages one priority pass scans of a list, for a pass that stands for `batches` of the kernel's
 * 32-page reclaim calls (each scanning list >> prio at that priority, and stopping at its 32 pages):
 * batches · (list >> prio), at most the list. */
static int64_t prio_scan(int64_t list, int prio, uint64_t batches)
{
	uint64_t l = list > 0 ? (uint64_t)list : 0, x;

	return (int64_t)(__builtin_mul_overflow(l >> prio, batches, &x) || x > l ? l : x);
}

/* A zone's part of a node-wide amount, by its share of a list (rounded up; all of it for the only zone
 * with pages there).  A model's proportion: in doubles, a 64-bit integer division being slow. */
static int64_t zone_part(int64_t amount, int64_t mine, int64_t all)
{
	if (all <= 0 || mine <= 0)
		return 0;
	if (mine >= all)
		return amount + 1;
	return (int64_t)((double)amount * (double)mine / (double)all) + 1;
}

/* What a batched pass deactivates from an active list whose inactive list is low: one call's scan
 * (list >> prio, and 32) as the kernel's shrink_active_list does, and of the further calls' scans only
 * what brings the inactive list back to its target (the further calls find it no longer low). */
static int64_t age_scan(int64_t inactive, int64_t active, int prio, uint64_t batches)
{
	int64_t one = (active >> prio) + 32, more = prio_scan(active, prio, batches) - (active >> prio);
	int64_t ratio = inactive_ratio(inactive, active);
	int64_t x = (active - inactive * ratio) / (ratio + 1) + 1;   /* moved, to end inactive_is_low */
	int64_t need = x + x / 9 + 1 - one;                             /* scanned for that (a tenth stays) */

	return one + (more < need ? more : need > 0 ? need : 0);
}

/* Scan `scan` pages of one list of a zone; returns pages reclaimed. */
static int64_t scan_zone_list(struct sim *s, struct sim_node *n, struct sim_zone *z, int cpu, enum sim_lru l,
			      int64_t scan, bool may_swap, bool kswapd)
{
	int64_t reclaimed = 0, rotated, dirty;
	bool file = l == LRU_IF;

	if (scan > z->lru[l])
		scan = z->lru[l];
	if (scan <= 0)
		return 0;
	s->ev[kswapd ? SE_pgscan_kswapd : SE_pgscan_direct] += (uint64_t)scan;
	s->ev[file ? SE_pgscan_file : SE_pgscan_anon] += (uint64_t)scan;
	if (file) {
		int64_t busy = z->dirty + z->writeback;

		int64_t node_files = n->lru_sum[LRU_IF] + n->lru_sum[LRU_AF];
		int64_t hot = node_files > 0 ? scan * (n->mapped < node_files ? n->mapped : node_files) / node_files : 0;

		dirty = busy > 0 ? scan * busy / (z->lru[LRU_IF] ? z->lru[LRU_IF] : 1) : 0;
		/* referenced pages get a second trip; mapped pages of running programs (their text and
		 * libraries) are referenced whenever scanned and are activated, never evicted
		 * (folio_check_references), so the file LRU does not drain below the mapped set and reclaim
		 * of a machine full of unswappable anon keeps scanning them without progress */
		/* pages of the re-read working set read since the last look are referenced: activated too,
		 * losing the reference (a second look finds them cold unless they were read again) */
		int64_t ref = node_files > 0 ? (scan - dirty) * n->file_set_referenced / node_files : 0;

		n->file_set_referenced -= ref;
		hot += ref;
		rotated = (scan - dirty) / 10;
		if (hot > rotated)
			rotated = hot < scan - dirty ? hot : scan - dirty;
		reclaimed = scan - dirty - rotated;
		if (reclaimed > node_files - n->mapped) {
			reclaimed = node_files > n->mapped ? node_files - n->mapped : 0;
			rotated = scan - dirty - reclaimed;
		}
		s->ev[SE_nr_vmscan_immediate_reclaim] += (uint64_t)dirty;
		s->ev[SE_pgrotated] += (uint64_t)dirty;
		n->file_cost += (uint64_t)(scan + rotated);
		/* evicted pages of the re-read set will refault */
		int64_t files = z->lru[LRU_IF] + z->lru[LRU_AF];
		if (n->file_set_cached > 0 && files > 0) {
			int64_t gone = reclaimed * n->file_set_cached / (node_files + 1);

			gone = gone < n->file_set_cached ? gone : n->file_set_cached;
			n->file_set_cached -= gone;
			n->file_set_evicted += gone;
			if (n->file_set_referenced > n->file_set_cached)
				n->file_set_referenced = n->file_set_cached;
		}
	} else {
		uint64_t swap_free = s->swap_total - s->swap_used;

		dirty = 0;
		rotated = scan / 20;
		reclaimed = may_swap ? scan - rotated : 0;
		if ((uint64_t)reclaimed > swap_free)
			reclaimed = (int64_t)swap_free;
		rotated = scan - reclaimed;
		s->swap_used += (uint64_t)reclaimed;
		s->ev[SE_pswpout] += (uint64_t)reclaimed;
		s->ev[SE_nr_vmscan_write] += (uint64_t)reclaimed;
		s->ev[SE_pgpgout] += (uint64_t)reclaimed * 4;
		n->anon_cost += (uint64_t)(scan + rotated);
		int64_t anon = n->lru_sum[LRU_IA] + n->lru_sum[LRU_AA];
		int64_t mine = anon > 0 ? reclaimed * n->wl_anon / anon : 0;
		n->wl_anon -= mine;
		n->wl_swapped += mine;
		if (z->thp > z->lru[LRU_IA] + z->lru[LRU_AA] - reclaimed)
			z->thp = z->lru[LRU_IA] + z->lru[LRU_AA] - reclaimed;
	}
	if (rotated > 0) {
		sim_lru_move(s, z, cpu, l, l + 1, rotated);
		s->ev[SE_pgactivate] += (uint64_t)rotated;
	}
	if (reclaimed > 0) {
		sim_free_lru(s, z, cpu, l, reclaimed);
		s->ev[kswapd ? SE_pgsteal_kswapd : SE_pgsteal_direct] += (uint64_t)reclaimed;
		s->ev[file ? SE_pgsteal_file : SE_pgsteal_anon] += (uint64_t)reclaimed;
	}
	if (file && z->dirty > z->lru[LRU_IF]) {
		sim_mod(s, z, cpu, SI_WRITE_PENDING, z->lru[LRU_IF] - z->dirty);
		z->dirty = z->lru[LRU_IF];
	}
	return reclaimed;
}

/* Deactivate from the active list of a type when its inactive list is low (shrink_active_list). */
static void age_active(struct sim *s, struct sim_zone *z, int cpu, enum sim_lru active, int64_t scan)
{
	if (scan > z->lru[active])
		scan = z->lru[active];
	if (scan <= 0)
		return;
	int64_t keep = scan / 10;
	s->ev[SE_pgrefill] += (uint64_t)scan;
	s->ev[SE_pgdeactivate] += (uint64_t)(scan - keep);
	sim_lru_move(s, z, cpu, active, active - 1, scan - keep);
}

uint64_t sim_shrink_node(struct sim *s, struct sim_node *n, uint64_t want, bool may_swap, bool kswapd,
			 int cpu, uint64_t max_scan, uint64_t *scanned_out)
{
	uint64_t reclaimed = 0, scanned = 0;
	int64_t ia = n->lru_sum[LRU_IA], aa = n->lru_sum[LRU_AA];
	int64_t inf = n->lru_sum[LRU_IF], af = n->lru_sum[LRU_AF];
	/* swappiness 0 is no veto in global reclaim: its share of anon pressure is 0, but a tiny file LRU
	 * still sends reclaim to anon (get_scan_count) */
	bool can_swap = may_swap && s->swap_used < s->swap_total;
	int64_t free = 0, high = 0;
	int prio;

	for (int i = 0; i < n->nzones; i++)
		high += (int64_t)n->zone[i].kf.wmark_high;
	/* free pages matter only to file_is_tiny, which needs the file lists under the high marks */
	if (can_swap && inf + af <= high)
		for (int i = 0; i < n->nzones; i++)
			free += sim_free_pages(&n->zone[i]);
	bool file_low = inactive_low(inf, af);   /* of the lists as they were when reclaim began */
	/* the kernel reclaims in calls of 32 pages, each running the priority loop from the top: the pass
	 * stands for all of them, so each priority scans for all (and a pass that makes its want stays at
	 * the top priority, as they do) */
	uint64_t batches = want / 32 + 1;

	for (prio = DEF_PRIORITY; prio >= 0 && reclaimed < want && scanned < max_scan; prio--) {
		uint64_t ap, fp;

		if (!can_swap) {
			ap = 0, fp = 1;
		} else if (inf + af + free <= high && (ia >> prio) > 0) {
			ap = 1, fp = 0;   /* file_is_tiny */
		} else if ((inf >> prio) > 0 && !file_low) {
			ap = 0, fp = 1;   /* cache_trim_mode */
		} else {
			uint64_t sw = (uint64_t)s->swappiness, t = n->anon_cost + n->file_cost;
			uint64_t a = t + n->anon_cost, f = t + n->file_cost, tt = a + f;

			ap = sw * (tt + 1) / (a + 1);
			fp = (200 - sw) * (tt + 1) / (f + 1);
		}
		if (ap + fp == 0)
			fp = 1;
		for (int j = 0; j < n->npop && reclaimed < want; j++) {
			struct sim_zone *z = &n->zone[n->pop[j]];
			uint64_t inf_p = (uint64_t)prio_scan(z->lru[LRU_IF], prio, batches);
			uint64_t ia_p = (uint64_t)prio_scan(z->lru[LRU_IA], prio, batches);
			int64_t sf, sa, left = (int64_t)(want - reclaimed);

			/* the scan split by the pressure fractions (only one side: the whole list) */
			sf = (int64_t)(ap == 0 ? inf_p : fp == 0 ? 0 : inf_p * fp / (ap + fp));
			sa = (int64_t)(fp == 0 ? ia_p : ap == 0 ? 0 : ia_p * ap / (ap + fp));
			/* the kernel stops once nr_to_reclaim is met: scan no more than needed, in 32-page batches,
			 * taken from the node's LRU, whose pages lie in the zones in proportion to their lists */
			int64_t most = left + left / 4 + 32;
			int64_t most_f = zone_part(most, z->lru[LRU_IF], n->lru_sum[LRU_IF]);
			int64_t most_a = zone_part(most, z->lru[LRU_IA], n->lru_sum[LRU_IA]);
			sf = sf < most_f ? sf : most_f;
			sa = sa < most_a ? sa : most_a;
			if (inactive_low(z->lru[LRU_IF], z->lru[LRU_AF]))
				age_active(s, z, cpu, LRU_AF, age_scan(z->lru[LRU_IF], z->lru[LRU_AF], prio, batches));
			if (ap && inactive_low(z->lru[LRU_IA], z->lru[LRU_AA]))
				age_active(s, z, cpu, LRU_AA, age_scan(z->lru[LRU_IA], z->lru[LRU_AA], prio, batches));
			reclaimed += (uint64_t)scan_zone_list(s, n, z, cpu, LRU_IF, sf, can_swap, kswapd);
			reclaimed += (uint64_t)scan_zone_list(s, n, z, cpu, LRU_IA, sa, can_swap, kswapd);
			scanned += (uint64_t)(sf + sa);
		}
		if (!kswapd && prio <= 3) {
			/* vmpressure_prio: a direct reclaimer this deep in priority is critical */
			unsigned pct;
			enum vmp_level l = vmpressure_feed(&n->vmp, VMP_WINDOW, 0, &pct);

			if (l != VMP_NONE) {
				n->vmp_level = l;
				n->vmp_pct = pct;
			}
		}
	}
	/* the kernel halves both costs when they exceed a quarter of the LRU */
	if (n->anon_cost + n->file_cost > (uint64_t)(ia + aa + inf + af) / 4) {
		n->anon_cost /= 2;
		n->file_cost /= 2;
	}
	if (scanned) {
		unsigned pct;
		enum vmp_level l = vmpressure_feed(&n->vmp, scanned, reclaimed, &pct);

		if (l != VMP_NONE) {
			n->vmp_level = l;
			n->vmp_pct = pct;
		}
	}
	if (reclaimed)
		n->kswapd_failures = 0;   /* any progress makes the node reclaimable again */
	s->sys_ns_tick += scanned * SCAN_NS;
	*scanned_out = scanned;
	return reclaimed;
}

/* Direct reclaim for an allocation of `size` pages that is `need` short.  The node's direct reclaimers
 * of one tick are modelled as one pass: the first task to stall stands for itself and for the tasks still
 * to run this tick (each as short as its whole allocation of the same size), so the pass is sized for all
 * their shortfalls and each is charged its stall (allocstall, throttling, the fixed cost of its calls)
 * now; a task the pass stood for that is short again reclaims for itself alone. */
uint64_t sim_direct_reclaim(struct sim *s, struct sim_node *n, int cpu, uint64_t need, uint64_t size, int hz)
{
	uint64_t calls = (need + 31) / 32, others = 0, scanned = 0, reclaimed = 0, free = 0, reserve = 0;
	uint64_t tasks = 1;

	if (n->ntasks > n->task + 1 && !(n->dr_tick == s->tick + 1 && n->task < n->dr_end)) {
		tasks = (uint64_t)(n->ntasks - n->task);
		others = (size + 31) / 32;
		n->dr_tick = s->tick + 1;   /* + 1: tick 0 is a tick too */
		n->dr_end = n->ntasks;
	}
	calls = calls < 4096 ? calls : 4096;
	others = others < 4096 ? others : 4096;
	calls += (tasks - 1) * others;   /* the calls of all the tasks the pass stands for */
	n->zone[hz].allocstall += calls;
	/* allow_direct_reclaim: below half the min reserves, reclaimers wait for kswapd */
	for (int i = 0; i < n->nzones && n->zone[i].type <= KZ_NORMAL; i++) {
		free += (uint64_t)sim_free_pages(&n->zone[i]);
		reserve += n->zone[i].kf.wmark_min;
	}
	if (free <= reserve / 2 && n->kswapd_failures < SIM_MAX_RECLAIM_RETRIES) {
		s->ev[SE_pgscan_direct_throttle] += tasks;
		s->stall_ns_tick += tasks * (SIM_TICK_NS / 2);
		sim_kswapd_wake(s, n, 0, hz);
	}
	/* each task would run its own priority loop: the pass runs the loop again (at most once a task)
	 * while it makes progress short of the whole want */
	for (uint64_t round = 0; round < tasks && reclaimed < calls * 32; round++) {
		uint64_t left = calls * 32 - reclaimed, sc = 0, r = sim_shrink_node(s, n, left, true, false, cpu, left * 64, &sc);

		reclaimed += r;
		scanned += sc;
		if (r == 0)
			break;
	}
	s->stall_ns_tick += calls * STALL_CALL_NS + scanned * SCAN_NS;
	return reclaimed;
}

bool sim_oom_kill(struct sim *s)
{
	struct sim_node *victim = NULL;

	for (int i = 0; i < s->nnodes; i++)
		if (s->node[i].wl_anon + s->node[i].wl_swapped > 0 &&
		    (!victim || s->node[i].wl_anon > victim->wl_anon))
			victim = &s->node[i];
	if (!victim)
		return false;
	s->ev[SE_oom_kill]++;
	/* the victim's whole address space goes, on every node */
	for (int i = 0; i < s->nnodes; i++) {
		struct sim_node *n = &s->node[i];

		sim_free_anon(s, n, n->first_cpu, n->wl_anon);
		s->swap_used -= (uint64_t)n->wl_swapped < s->swap_used ? (uint64_t)n->wl_swapped : s->swap_used;
		n->wl_swapped = 0;
		n->wl_anon = 0;
	}
	s->stall_ns_tick += SIM_TICK_NS / 4;
	return true;
}

bool sim_compact(struct sim *s, struct sim_zone *z, int order, bool direct)
{
	uint64_t need = 1ull << order, lower = 0;

	sim_buddy_settle(s, z);

	for (int k = 0; k < order; k++)
		lower += z->buddy[k] << k;
	if (direct)
		s->ev[SE_compact_stall]++;
	s->ev[SE_compact_migrate_scanned] += need * 4;
	s->ev[SE_compact_free_scanned] += need * 8;
	s->ev[SE_compact_isolated] += need;
	s->sys_ns_tick += need * 200;
	if (direct)
		s->stall_ns_tick += need * 200;
	/* it needs enough free pages below the order to migrate into, a pageblock without a pinned page to
	 * empty (for orders of a pageblock or more), and its migration fails where a pinned page sits in the
	 * way of the scanners */
	if (lower < need || (order >= s->km.pageblock_order && sim_pageblock_room(s, z) == 0) ||
	    sim_rand(s) % 1000 < z->pinned_permille) {
		if (direct)
			s->ev[SE_compact_fail]++;
		s->ev[SE_pgmigrate_fail] += need / 16;
		z->compact_defer = 4;
		return false;
	}
	uint64_t rem = need;
	for (int k = order - 1; k >= 0 && rem; k--) {
		uint64_t t = z->buddy[k] < (rem >> k) ? z->buddy[k] : rem >> k;

		z->buddy[k] -= t;
		rem -= t << k;
	}
	z->buddy[order]++;
	s->ev[SE_pgmigrate_success] += need / 2;
	if (direct)
		s->ev[SE_compact_success]++;
	z->compact_defer = 0;
	return true;
}
