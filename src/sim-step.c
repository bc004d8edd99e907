/* sim-step.c — one step of simulated time: the workload's allocations and frees through the per-CPU
 * pagesets and the buddy allocator, per-CPU vmstat differentials and their folding, writeback, and the
 * bookkeeping (CPU ticks, load average, PSI) that the renderers print.
 *
 * The step is a pure function of the state (and the RNG inside it): no clock, no I/O. */
#include "config.h"

#include <string.h>

#include "sim.h"

const char *const sim_event_name[SE_N] = {
#define SIM_EV_NAME(n) #n,
	SIM_EVENTS(SIM_EV_NAME)
#undef SIM_EV_NAME
};

/* ---- per-CPU differentials (mm/vmstat.c: __mod_zone_page_state) ---- */

int sim_threshold(const struct sim_zone *z)
{
	return z->use_pressure_threshold ? z->kf.pressure_threshold : z->kf.threshold;
}

void sim_set_threshold(struct sim_zone *z)
{
	z->thr = sim_threshold(z);
}

int64_t sim_free_pages(const struct sim_zone *z)
{
	int64_t f = 0;

	for (int k = 0; k < SIM_ORDERS; k++)
		f += (int64_t)z->buddy[k] << k;
	return f;
}

int64_t sim_truth(const struct sim_zone *z, enum sim_item it)
{
	switch (it) {
	case SI_FREE: return sim_free_pages(z);
	case SI_INACTIVE_ANON: return z->lru[LRU_IA];
	case SI_ACTIVE_ANON: return z->lru[LRU_AA];
	case SI_INACTIVE_FILE: return z->lru[LRU_IF];
	case SI_ACTIVE_FILE: return z->lru[LRU_AF];
	case SI_UNEVICTABLE: return z->lru[LRU_UNEV];
	case SI_WRITE_PENDING: return z->dirty + z->writeback;
	case SI_MLOCK: return z->mlock;
	default: return 0;
	}
}

_Static_assert(SI_NITEMS == sizeof(uint64_t), "sim_fold_cpu reads a CPU's differentials of a zone as one word");

/* vmstat_update: every stat_interval each CPU folds its differentials; CPUs are spread over the second. */
void sim_fold_cpu(struct sim *s, int cpu)
{
	for (int n = 0; n < s->nnodes; n++)
		for (int j = 0; j < s->node[n].npop; j++) {
			struct sim_zone *z = &s->node[n].zone[s->node[n].pop[j]];
			int8_t *d = &z->diff[(size_t)cpu * SI_NITEMS];
			uint64_t w;

			memcpy(&w, d, sizeof w);
			if (w == 0)
				continue;   /* nothing to fold (most CPUs' zones on other nodes, the small zones) */
			for (int it = 0; it < SI_NITEMS; it++) {
				z->atomic[it] += d[it];
				d[it] = 0;
			}
		}
}

/* ---- buddy allocator in bulk ---- */

uint64_t sim_buddy_take(struct sim_zone *z, int order, uint64_t n)
{
	uint64_t need = n, m, over;
	int k, sh;

	/* the orders from the one asked for up are used whole until one holds what is still needed (blocks
	 * of order k are 2^(k − order) blocks of the order asked for) */
	if (z->buddy[order] >= need) {
		z->buddy[order] -= need;   /* the order asked for has them all (the common case) */
		return n;
	}
	for (k = order; k < SIM_ORDERS; k++) {
		uint64_t have = z->buddy[k] << (k - order);

		if (have >= need)
			break;
		need -= have;
		z->buddy[k] = 0;
	}
	if (k == SIM_ORDERS)
		return n - need;
	sh = k - order;
	m = (need + (1ull << sh) - 1) >> sh;
	z->buddy[k] -= m;
	/* the last block split leaves one free block of each order its remainder has a bit for (those
	 * orders, below k, are empty now; the remainder has no bit from k up): a loop of a fixed length */
	over = (m << sh) - need;
	for (int j = 0; j < SIM_ORDERS - 1; j++)
		if (order + j < SIM_ORDERS)
			z->buddy[order + j] += (over >> j) & 1;
	return n;
}

/* Share (per mille) of order-k pairs that can merge: a pinned pageblock stops merging inside it. */
static uint64_t merge_permille(const struct sim_zone *z, int k)
{
	uint64_t p = z->pinned_permille, span = 2ull << k;   /* pages of the merged block */
	uint64_t hit = span >= 512 ? p : p * span / 512;

	if (span > 512)
		hit = 1000 - (1000 - p) * (1000 - p) / 1000;
	return (1000 - hit) * 900 / 1000;
}

uint64_t sim_pageblock_room(const struct sim *s, const struct sim_zone *z)
{
	int pb = s->km.pageblock_order;
	uint64_t nb = z->managed >> pb, unpinned = nb > z->pinned_blocks ? nb - z->pinned_blocks : 0, whole = 0;

	for (int k = pb; k < SIM_ORDERS; k++)
		whole += z->buddy[k] << (k - pb);
	return unpinned > whole ? unpinned - whole : 0;
}

/* Merging at order k of a give (b blocks there, merged ones included): the pairs that merge. */
static uint64_t give_merges(const struct sim *s, struct sim_zone *z, int k, uint64_t b)
{
	/* below pageblock order, a pinned pageblock keeps a free block of each order beside its pinned page
	 * (the buddies on the pinned page's chain can never merge) */
	uint64_t keep = k < s->km.pageblock_order ? z->pinned_blocks : 0;
	uint64_t pairs = b > keep ? (b - keep) / 2 : 0;

	return pairs * (z->pinned_permille ? merge_permille(z, k) : 900) / 1000;
}

void sim_buddy_give(struct sim *s, struct sim_zone *z, uint64_t n)
{
	(void)s;
	z->buddy[0] += n;
	z->unsettled |= n > 0;
}

/* One merge pass over the orders; returns whether anything merged. */
static bool merge_pass(struct sim *s, struct sim_zone *z)
{
	int pb = s->km.pageblock_order;
	uint64_t carry = 0, merged = 0;   /* carry: blocks merged into order k at order k − 1 */

	for (int k = 0; k < SIM_ORDERS - 1; k++) {
		uint64_t b = z->buddy[k] + carry;
		/* without pins every order merges at 900 ‰ of its pairs (9/10: the same quotient, sooner) */
		uint64_t m = z->pinned_blocks ? give_merges(s, z, k, b) : (b / 2) * 9 / 10;

		/* a whole free pageblock needs a pageblock without a pinned page in it (the orders from pb up,
		 * which the room counts, are not changed yet) */
		if (k + 1 == pb) {
			uint64_t room = sim_pageblock_room(s, z);

			m = m < room ? m : room;
		}
		z->buddy[k] = b - 2 * m;
		carry = m;
		merged |= m;
	}
	z->buddy[SIM_ORDERS - 1] += carry;
	return merged != 0;
}

void sim_buddy_settle(struct sim *s, struct sim_zone *z)
{
	/* each pass merges 90 % of the pairs left: a handful of passes leave none that can merge */
	for (int pass = 0; z->unsettled && pass < 64; pass++)
		z->unsettled = merge_pass(s, z);
	z->unsettled = false;
}

void sim_node_settle(struct sim *s, struct sim_node *nd)
{
	for (int j = 0; j < nd->npop; j++)
		sim_buddy_settle(s, &nd->zone[nd->pop[j]]);
}

/* ---- watermarks ---- */

bool sim_wmark_ok(const struct sim_zone *z, int order, uint64_t mark, int hz, int64_t free)
{
	int64_t reserve = hz >= 0 && hz < KF_MAX_ZONES ? z->kf.protection[hz] : 0;

	free -= (1 << order) - 1;
	if (free <= (int64_t)mark + reserve)
		return false;
	if (order == 0)
		return true;
	for (int k = order; k < SIM_ORDERS; k++)
		if (z->buddy[k])
			return true;
	return false;
}

/* ---- pages in and out of a zone, through a CPU ---- */

void sim_lru_move(struct sim *s, struct sim_zone *z, int cpu, enum sim_lru from, enum sim_lru to, int64_t n)
{
	sim_lru_add(s, z, cpu, from, -n);
	sim_lru_add(s, z, cpu, to, n);
}

/* Take pages from the buddy lists into a CPU's pageset and hand `n` order-0 pages out; returns pages
 * obtained (≤ n).  Free pages on a pageset are not counted in NR_FREE_PAGES, as in the kernel. */
static int64_t pcp_alloc(struct sim *s, struct sim_zone *z, int cpu, int64_t n)
{
	struct sim_pcp *p = &z->pcp[cpu];
	int64_t from_pcp = p->count < n ? p->count : n, want, got;
	int batch = z->kf.batch > 0 ? z->kf.batch : 1;

	if (p->high == 0)
		p->high = z->kf.high_min > 0 ? z->kf.high_min : z->kf.pcp_high;
	p->count -= (int32_t)from_pcp;
	n -= from_pcp;
	want = n + (p->count < batch ? batch - p->count : 0);
	got = want > 0 ? (int64_t)sim_buddy_take(z, 0, (uint64_t)want) : 0;
	sim_mod(s, z, cpu, SI_FREE, -got);
	if (got > n) {
		p->count += (int32_t)(got - n);
		z->pcp_total += got - n - from_pcp;
		got = n;
	} else {
		z->pcp_total -= from_pcp;
	}
	/* 6.7+: an allocating CPU lets its pageset grow while the zone is above high */
	if (z->kf.high_max > z->kf.high_min && !z->below_high) {
		p->high += batch;
		if (p->high > z->kf.high_max)
			p->high = z->kf.high_max;
	}
	return from_pcp + got;
}

static void pcp_free(struct sim *s, struct sim_zone *z, int cpu, int64_t n)
{
	struct sim_pcp *p = &z->pcp[cpu];
	int batch = z->kf.batch > 0 ? z->kf.batch : 1;
	int high = p->high;

	if (high == 0)
		high = p->high = z->kf.high_min > 0 ? z->kf.high_min : z->kf.pcp_high;
	if (z->below_high && p->high > z->kf.high_min) {
		p->high -= batch;
		if (p->high < z->kf.high_min)
			p->high = z->kf.high_min;
	}
	s->ev[SE_pgfree] += (uint64_t)n;
	p->count += (int32_t)n;
	z->pcp_total += n;
	if (p->count >= p->high) {
		int64_t keep = p->high - batch > 0 ? p->high - batch : 0;
		int64_t out = p->count - keep;

		p->count = (int32_t)keep;
		z->pcp_total -= out;
		sim_buddy_give(s, z, (uint64_t)out);
		sim_mod(s, z, cpu, SI_FREE, out);
	}
}

/* Free pages from an LRU list of a zone (munmap, truncation, reclaim). */
void sim_free_lru(struct sim *s, struct sim_zone *z, int cpu, enum sim_lru l, int64_t n)
{
	if (n > z->lru[l])
		n = z->lru[l];
	if (n <= 0)
		return;
	sim_lru_add(s, z, cpu, l, -n);
	pcp_free(s, z, cpu, n);
}

/* ---- allocation ---- */

/* Where an allocation's pages go: the first nfirst to one LRU list, the rest to another. */
struct alloc_dest {
	enum sim_lru first, rest;
	int64_t nfirst;
};

static void dest_add(struct sim *s, struct sim_zone *z, int cpu, struct alloc_dest *to, int64_t n)
{
	int64_t f = n < to->nfirst ? n : to->nfirst;

	if (f > 0) {
		sim_lru_add(s, z, cpu, to->first, f);
		to->nfirst -= f;
	}
	if (n > f)
		sim_lru_add(s, z, cpu, to->rest, n - f);
}

static int64_t zone_alloc_pass(struct sim *s, struct sim_node *nd, int cpu, int64_t n, int hz,
			       int wmark, struct alloc_dest *to, bool *short_low)
{
	int64_t got = 0;

	for (int j = nd->npop - 1; j >= 0 && got < n; j--) {
		if (nd->pop[j] > hz)
			continue;
		struct sim_zone *z = &nd->zone[nd->pop[j]];
		uint64_t mark = (wmark == 0 ? z->kf.wmark_min : z->kf.wmark_low) + z->boost;
		int64_t free = sim_reported(z, SI_FREE), room, take;

		z->below_high = free <= (int64_t)(z->kf.wmark_high + z->boost);
		if (!sim_wmark_ok(z, 0, mark, hz, free + z->pcp[cpu].count)) {
			if (short_low)
				*short_low = true;
			continue;
		}
		room = free + z->pcp[cpu].count - (int64_t)mark - z->kf.protection[hz] - 1;
		take = n - got < room ? n - got : room;
		take = pcp_alloc(s, z, cpu, take);
		dest_add(s, z, cpu, to, take);
		z->pgalloc += (uint64_t)take;
		z->numa_hit += (uint64_t)take;
		z->numa_local += (uint64_t)take;
		got += take;
	}
	return got;
}

uint64_t sim_node_pgalloc(const struct sim_node *nd)
{
	uint64_t a = 0;

	for (int i = 0; i < nd->nzones; i++)
		a += nd->zone[i].pgalloc;
	return a;
}

bool sim_short_of_low(const struct sim_node *nd, int cpu, int hz)
{
	for (int j = nd->npop - 1; j >= 0; j--) {
		const struct sim_zone *z = &nd->zone[nd->pop[j]];

		if (nd->pop[j] <= hz && sim_wmark_ok(z, 0, z->kf.wmark_low + z->boost, hz,
						      sim_reported(z, SI_FREE) + z->pcp[cpu].count))
			return false;
	}
	return true;
}

/* Allocate n order-0 pages for the workload on node nd (fast path at low, slow path at min after waking
 * kswapd, then direct reclaim and, when nothing can be reclaimed, the OOM killer).  Returns pages got. */
static int64_t alloc_to(struct sim *s, struct sim_node *nd, int cpu, int64_t n, struct alloc_dest *to)
{
	int hz = sim_user_hz(nd);
	bool short_low = false;
	int64_t got, last_got = -1;
	int retries = 0, stuck = 0;

	if (n <= 0)
		return 0;
	got = zone_alloc_pass(s, nd, cpu, n, hz, 1, to, &short_low);
	if (got < n || short_low)
		sim_kswapd_wake(s, nd, 0, hz);
	while (got < n) {
		/* reclaim that keeps reporting progress which never becomes a page this allocation can take (dirty
		 * and writeback pages cycling within one tick, where no writeback completes): the task gives up
		 * for this tick and retries in the next, when writeback has moved on */
		stuck = got == last_got ? stuck + 1 : 0;
		if (stuck > SIM_MAX_RECLAIM_RETRIES)
			break;
		last_got = got;
		got += zone_alloc_pass(s, nd, cpu, n - got, hz, 0, to, NULL);
		if (got >= n)
			break;
		/* other nodes' zones (NUMA fallback) before reclaiming locally */
		for (int o = 0; o < s->nnodes && got < n; o++) {
			if (o == nd->id)
				continue;
			int64_t g = zone_alloc_pass(s, &s->node[o], s->node[o].first_cpu, n - got,
						    sim_user_hz(&s->node[o]), 1, to, NULL);
			nd->zone[hz].numa_foreign += (uint64_t)g;
			got += g;
		}
		if (got >= n)
			break;
		/* kswapd runs alongside the allocating tasks: its work this tick comes before they stall */
		if (nd->kswapd_awake && nd->kswapd_scan_left > 0 && sim_kswapd_run(s, nd, (uint64_t)(n - got)) > 0)
			continue;
		uint64_t r = sim_direct_reclaim(s, nd, cpu, (uint64_t)(n - got), (uint64_t)n, hz);
		if (r == 0 && ++retries > 1) {
			if (!sim_oom_kill(s))
				break;
			retries = 0;
		}
		if (retries > SIM_MAX_RECLAIM_RETRIES)
			break;
	}
	if (got < n)
		s->alloc_failed += (uint64_t)(n - got);
	return got;
}

int64_t sim_alloc(struct sim *s, struct sim_node *nd, int cpu, int64_t n, enum sim_lru to)
{
	struct alloc_dest d = { to, to, 0 };

	return alloc_to(s, nd, cpu, n, &d);
}

int64_t sim_alloc_split(struct sim *s, struct sim_node *nd, int cpu, int64_t n, enum sim_lru first,
			int64_t nfirst, enum sim_lru rest)
{
	struct alloc_dest d = { first, rest, nfirst };

	return alloc_to(s, nd, cpu, n, &d);
}

/* Background churn: short-lived anonymous pages on a busy CPU (page faults of processes that soon exit or
 * unmap).  The pages the CPU's last task allocated are freed back to their zone's pageset on this CPU,
 * then n new ones are allocated from the first zone of the zonelist with room for all of them above low,
 * and stay in flight until the next task on the CPU: the zone's counters, pagesets and free pages move
 * with them, and its inactive anon list holds them meanwhile.  When no zone has that room the
 * allocation takes the full path (fallbacks, kswapd, reclaim) and its pages are freed at once, as the
 * workload's anonymous pages are. */
void sim_churn(struct sim *s, struct sim_node *nd, int cpu, int64_t n, enum sim_lru to)
{
	int hz = nd->user_hz, c = cpu - nd->first_cpu;
	int64_t got;

	if (nd->churn_pages[c] > 0) {
		sim_free_lru(s, &nd->zone[nd->churn_zone[c]], cpu, to, nd->churn_pages[c]);
		nd->churn_pages[c] = 0;
	}
	if (n <= 0)
		return;
	for (int j = nd->npop - 1; j >= 0; j--) {
		int i = nd->pop[j];
		struct sim_zone *z = &nd->zone[i];

		if (i > hz)
			continue;
		int64_t free = sim_reported(z, SI_FREE);
		/* zone_alloc_pass's test and room at low: room ≥ n passes the watermark as well */
		if (free + z->pcp[cpu].count - (int64_t)(z->kf.wmark_low + z->boost) - z->kf.protection[hz] - 1 < n)
			break;
		z->below_high = free <= (int64_t)(z->kf.wmark_high + z->boost);
		got = pcp_alloc(s, z, cpu, n);
		sim_lru_add(s, z, cpu, to, got);
		z->pgalloc += (uint64_t)got;
		z->numa_hit += (uint64_t)got;
		z->numa_local += (uint64_t)got;
		nd->churn_pages[c] = (int32_t)got;
		nd->churn_zone[c] = (int8_t)i;
		n -= got;   /* short only when the buddy lists held less than the counter said */
		break;
	}
	if (n <= 0)
		return;
	got = sim_alloc(s, nd, cpu, n, to);
	nd->wl_anon += got;
	sim_free_anon(s, nd, cpu, got);
}

/* One high-order allocation (a THP fault that may compact, as with defrag=always or MADV_HUGEPAGE):
 * the fast path takes a block from the first zone of the zonelist that has one above its low mark;
 * otherwise kswapd is woken for the order and each zone is compacted in turn (deferred after a
 * failure); when none yields a block the fault falls back to order 0. */
void sim_alloc_high_order(struct sim *s, struct sim_node *nd, int cpu, int order)
{
	int hz = sim_user_hz(nd);
	struct sim_zone *z = NULL;

	sim_node_settle(s, nd);
	for (int i = hz; i >= 0 && !z; i--)
		if (nd->zone[i].managed && sim_wmark_ok(&nd->zone[i], order, nd->zone[i].kf.wmark_low + nd->zone[i].boost,
							 hz, sim_reported(&nd->zone[i], SI_FREE)))
			z = &nd->zone[i];
	if (!z) {
		sim_kswapd_wake(s, nd, order, hz);
		for (int i = hz; i >= 0 && !z; i--) {
			struct sim_zone *c = &nd->zone[i];

			if (c->managed == 0)
				continue;
			if (c->compact_defer) {
				c->compact_defer--;
				continue;
			}
			/* compaction_suitable: enough free pages above the mark to migrate into */
			if (sim_wmark_ok(c, 0, c->kf.wmark_low + c->boost + (2u << order), hz, sim_reported(c, SI_FREE)) &&
			    sim_compact(s, c, order, true))
				z = c;
		}
	}
	if (z && sim_buddy_take(z, order, 1) == 1) {
		int64_t pages = 1 << order;

		sim_mod(s, z, cpu, SI_FREE, -pages);
		sim_lru_add(s, z, cpu, LRU_AA, pages);
		z->pgalloc += (uint64_t)pages;
		nd->wl_anon += pages;
		if (order == SIM_THP_ORDER) {
			z->thp += pages;
			s->ev[SE_thp_fault_alloc]++;
		}
		return;
	}
	if (order == SIM_THP_ORDER)
		s->ev[SE_thp_fault_fallback]++;
	nd->wl_anon += sim_alloc(s, nd, cpu, 1 << order, LRU_AA);
}

/* Pinned unmovable pages (kernel allocations that steal from movable pageblocks): each lands in a
 * random pageblock, marking it for merging; stealing a pageblock boosts the watermark (5.0+). */
void sim_pin_pages(struct sim *s, struct sim_node *nd, int cpu, int64_t n)
{
	struct sim_zone *z = NULL;
	int hz = 0;

	if (n <= 0)
		return;
	/* GFP_KERNEL: the highest zone up to Normal that is above its low watermark, else the highest */
	for (int i = 0; i < nd->nzones; i++)
		if (nd->zone[i].type <= KZ_NORMAL && nd->zone[i].managed)
			hz = i;
	for (int i = hz; i >= 0 && !z; i--)
		if (nd->zone[i].managed && sim_wmark_ok(&nd->zone[i], 0, nd->zone[i].kf.wmark_low + nd->zone[i].boost,
							 hz, sim_reported(&nd->zone[i], SI_FREE)))
			z = &nd->zone[i];
	if (!z)
		z = &nd->zone[hz];
	if (z->managed == 0)
		return;
	sim_buddy_settle(s, z);   /* a steal breaks the largest free block there is */
	uint64_t nblocks = z->managed >> s->km.pageblock_order, fresh = 0;
	uint64_t pinned = z->pinned_blocks < nblocks ? z->pinned_blocks : nblocks;
	/* a pin lands in a block not yet pinned with probability (1 − pinned/nblocks); the fraction of a
	 * page is drawn, so that a trickle of pins spreads as a flood does */
	if (nblocks) {
		uint64_t num = (uint64_t)n * (nblocks - pinned);

		fresh = num / nblocks + (sim_rand(s) % nblocks < num % nblocks);
	}
	if (fresh > 0) {
		uint64_t got = 0;

		/* a fallback steal breaks the largest free block */
		for (int k = SIM_ORDERS - 1; k >= 0 && got < fresh; k--) {
			uint64_t b = z->buddy[k] < fresh - got ? z->buddy[k] : fresh - got;

			for (uint64_t j = 0; j < b; j++) {
				z->buddy[k]--;
				for (int o = 0; o < k; o++)
					z->buddy[o]++;
			}
			got += b;
		}
		pinned += got;
		z->pinned_blocks = pinned;
		z->pinned_permille = (uint32_t)(nblocks ? (pinned > nblocks ? 1000 : pinned * 1000 / nblocks) : 0);
		sim_mod(s, z, cpu, SI_FREE, -(int64_t)got);
		z->kernel += (int64_t)got;
		nd->slab_unreclaimable += (int64_t)got;
		/* boost_watermark: only zones of at least four pageblocks, up to factor·high */
		uint64_t pb = 1ull << s->km.pageblock_order;
		if (got && s->km.watermark_boost_factor > 0 && 4 * pb <= z->managed && z->kf.max_boost) {
			uint64_t mb = z->kf.max_boost > pb ? z->kf.max_boost : pb;

			z->boost = z->boost + pb < mb ? z->boost + pb : mb;
			sim_kswapd_wake(s, nd, 0, sim_user_hz(nd));
		}
		n -= (int64_t)got;
	}
	if (n > 0) {
		int64_t g = pcp_alloc(s, z, cpu, n);

		z->kernel += g;
		nd->slab_unreclaimable += g;
	}
}

/* Free anonymous pages of the workload, across zones in proportion to their anon lists. */
void sim_free_anon(struct sim *s, struct sim_node *nd, int cpu, int64_t n)
{
	int64_t total = 0;

	if (n <= 0)
		return;
	total = nd->lru_sum[LRU_AA] + nd->lru_sum[LRU_IA];
	if (n > nd->wl_anon)
		n = nd->wl_anon;
	if (n <= 0 || total <= 0)
		return;
	nd->wl_anon -= n;
	for (int j = 0; j < nd->npop; j++) {
		struct sim_zone *z = &nd->zone[nd->pop[j]];
		if (z->lru[LRU_AA] + z->lru[LRU_IA] == 0)
			continue;   /* nothing to free there (its share would be the +1 of the rounding) */
		int64_t mine = z->lru[LRU_AA] + z->lru[LRU_IA];
		int64_t share = (mine == total ? n : mine * n / total) + 1;
		int64_t a = share < z->lru[LRU_AA] ? share : z->lru[LRU_AA];

		if (a > 0)   /* a free of no pages changes nothing */
			sim_free_lru(s, z, cpu, LRU_AA, a);
		if (share > a)
			sim_free_lru(s, z, cpu, LRU_IA, share - a);
		if (z->thp > z->lru[LRU_AA] + z->lru[LRU_IA])
			z->thp = z->lru[LRU_AA] + z->lru[LRU_IA];
	}
}
