/* sim-check.c — the model's invariants, checked after every step by the tests.  Four families, each with
 * its own message (the tests tell them apart):
 *
 *   "pages not conserved"   every zone's managed pages are free (buddy) + pagesets + LRU + kernel pages,
 *                           with every list and page state in range;
 *   "buddy lists"           what zone_page_state() adds up (atomic + per-CPU differentials) is the truth:
 *                           for NR_FREE_PAGES the sum of the buddy lists, for the LRU items the lists;
 *   "drifts"                the reported (atomic) counter is within the drift bound of the truth: the
 *                           threshold in force (normal or pressure) times the CPUs;
 *   "kswapd"                kswapd is awake exactly when the kernel's rules keep it so: never on a
 *                           hopeless node (MAX_RECLAIM_RETRIES failures), never once the node is balanced
 *                           at high (+ boost) without a boost to reclaim (it sleeps only then), and not
 *                           asleep after the node allocated while every zone an allocation may use is
 *                           below its low watermark (such an allocation wakes it).
 *
 * kswapd runs last in a step, so at the end of a step its state follows these rules exactly; the wake
 * rule is judged with the slack the allocator's own view has (its pagesets and the counters' drift). */
#include "config.h"

#include "sim.h"

static int zone_conserved(const struct sim *s, const struct sim_node *n, const struct sim_zone *z,
			  struct zs_err *e)
{
	int64_t lru = 0, pcp = 0, free = sim_free_pages(z);

	for (int l = 0; l < LRU_N; l++) {
		if (z->lru[l] < 0) {
			zs_err_set(e, 0, "pages not conserved: node %d %s: LRU list %d is negative (%lld)", n->id,
				   z->name, l, (long long)z->lru[l]);
			return -1;
		}
		lru += z->lru[l];
	}
	if (z->kernel < 0 || z->dirty < 0 || z->writeback < 0 || z->mlock < 0 || z->mlock > z->lru[LRU_UNEV] ||
	    z->dirty + z->writeback > z->lru[LRU_IF] + z->lru[LRU_AF]) {
		zs_err_set(e, 0, "pages not conserved: node %d %s: page states out of range (kernel %lld dirty %lld "
			   "writeback %lld mlock %lld)", n->id, z->name, (long long)z->kernel, (long long)z->dirty,
			   (long long)z->writeback, (long long)z->mlock);
		return -1;
	}
	for (int c = 0; c < s->ncpus; c++) {
		if (z->pcp[c].count < 0) {
			zs_err_set(e, 0, "pages not conserved: node %d %s: cpu %d pageset count negative", n->id, z->name, c);
			return -1;
		}
		pcp += z->pcp[c].count;
	}
	if (pcp != z->pcp_total) {
		zs_err_set(e, 0, "pages not conserved: node %d %s: pagesets hold %lld pages, accounted %lld", n->id,
			   z->name, (long long)pcp, (long long)z->pcp_total);
		return -1;
	}
	if ((int64_t)z->managed != free + pcp + lru + z->kernel) {
		zs_err_set(e, 0, "pages not conserved: node %d %s: managed %llu != free %lld + pcp %lld + lru %lld + "
			   "kernel %lld", n->id, z->name, (unsigned long long)z->managed, (long long)free,
			   (long long)pcp, (long long)lru, (long long)z->kernel);
		return -1;
	}
	return 0;
}

/* The drift bound: one differential per CPU, each at most the larger of the two thresholds (kswapd
 * switches between them; a differential written under the larger one stays until the CPU folds). */
static int64_t drift_bound(const struct sim *s, const struct sim_zone *z)
{
	int t = z->kf.threshold > z->kf.pressure_threshold ? z->kf.threshold : z->kf.pressure_threshold;

	return (int64_t)s->ncpus * t;
}

static int zone_counters(const struct sim *s, const struct sim_node *n, const struct sim_zone *z,
			 struct zs_err *e)
{
	int64_t bound = drift_bound(s, z);

	for (int it = 0; it < SI_NITEMS; it++) {
		int64_t sum = z->atomic[it], truth = sim_truth(z, (enum sim_item)it);

		for (int c = 0; c < s->ncpus; c++)
			sum += z->diff[(size_t)c * SI_NITEMS + it];
		if (sum != truth) {
			zs_err_set(e, 0, "buddy lists: node %d %s: item %d: atomic + per-CPU differentials %lld != %s %lld",
				   n->id, z->name, it, (long long)sum,
				   it == SI_FREE ? "the free pages on the buddy lists" : "the truth", (long long)truth);
			return -1;
		}
	}
	for (int it = 0; it < SI_NITEMS; it++) {
		int64_t truth = sim_truth(z, (enum sim_item)it);

		if (z->atomic[it] - truth > bound || truth - z->atomic[it] > bound) {
			zs_err_set(e, 0, "drifts: node %d %s: item %d: reported %lld drifts from the truth %lld by more than "
				   "%lld (threshold x CPUs)", n->id, z->name, it, (long long)z->atomic[it], (long long)truth,
				   (long long)bound);
			return -1;
		}
	}
	return 0;
}

static bool boosted(const struct sim_node *n, int hz)
{
	for (int i = 0; i <= hz && i < n->nzones; i++)
		if (n->zone[i].boost)
			return true;
	return false;
}

/* An order-0 user allocation could still pass the low watermark somewhere: the most any CPU could see
 * (the truth, plus every pageset, plus the whole drift) is above low + boost + the reserve. */
static bool some_zone_above_low(const struct sim *s, const struct sim_node *n)
{
	int hz = sim_user_hz(n);

	for (int i = 0; i <= hz && i < n->nzones; i++) {
		const struct sim_zone *z = &n->zone[i];
		int64_t most = sim_free_pages(z) + z->pcp_total + drift_bound(s, z);

		if (z->managed && most > (int64_t)(z->kf.wmark_low + z->boost) + z->kf.protection[hz])
			return true;
	}
	return false;
}

/* What the step keeps rather than recomputes: the node's LRU sums and each zone's threshold in force. */
static int node_caches(const struct sim_node *n, struct zs_err *e)
{
	for (int l = 0; l < LRU_N; l++) {
		int64_t sum = 0;

		for (int i = 0; i < n->nzones; i++)
			sum += n->zone[i].lru[l];
		if (sum != n->lru_sum[l]) {
			zs_err_set(e, 0, "caches: node %d: LRU list %d sums to %lld over the zones, kept as %lld", n->id,
				   l, (long long)sum, (long long)n->lru_sum[l]);
			return -1;
		}
	}
	for (int i = 0, j = 0; i < n->nzones; i++) {
		if (n->zone[i].managed == 0)
			continue;
		if (j >= n->npop || n->pop[j++] != i) {
			zs_err_set(e, 0, "caches: node %d %s: populated, missing from the populated zones", n->id,
				   n->zone[i].name);
			return -1;
		}
	}
	for (int j = 0; j < n->npop; j++)
		if (n->pop[j] < 0 || n->pop[j] >= n->nzones || n->zone[n->pop[j]].managed == 0) {
			zs_err_set(e, 0, "caches: node %d: populated zone %d is not", n->id, n->pop[j]);
			return -1;
		}
	for (int i = 0; i < n->nzones; i++)
		if (n->zone[i].thr != sim_threshold(&n->zone[i])) {
			zs_err_set(e, 0, "caches: node %d %s: threshold in force %d, kept as %d", n->id,
				   n->zone[i].name, sim_threshold(&n->zone[i]), n->zone[i].thr);
			return -1;
		}
	return 0;
}

static int node_kswapd(const struct sim *s, const struct sim_node *n, bool allocated, struct zs_err *e)
{
	int hz = n->kswapd_hz >= 0 ? n->kswapd_hz : sim_user_hz(n);
	bool hopeless = n->kswapd_failures >= SIM_MAX_RECLAIM_RETRIES;

	if (n->kswapd_awake && hopeless) {
		zs_err_set(e, 0, "kswapd: node %d: awake on a hopeless node (%d failures)", n->id, n->kswapd_failures);
		return -1;
	}
	if (n->kswapd_awake && sim_node_balanced(s, n, n->kswapd_order, hz) && !boosted(n, hz)) {
		zs_err_set(e, 0, "kswapd: node %d: awake although the node is balanced at high for order %d", n->id,
			   n->kswapd_order);
		return -1;
	}
	if (!n->kswapd_awake && !hopeless && allocated && !some_zone_above_low(s, n)) {
		zs_err_set(e, 0, "kswapd: node %d: asleep although the node allocated with every zone below low", n->id);
		return -1;
	}
	return 0;
}

void sim_check_begin(const struct sim *s, struct sim_check_mark *m)
{
	for (int n = 0; n < KF_MAX_NODES; n++)
		m->pgalloc[n] = n < s->nnodes ? sim_node_pgalloc(&s->node[n]) : 0;
}

int sim_check_step(const struct sim *s, const struct sim_check_mark *before, struct zs_err *e)
{
	struct sim_check_mark now;

	if (before)
		sim_check_begin(s, &now);
	for (int ni = 0; ni < s->nnodes; ni++) {
		const struct sim_node *n = &s->node[ni];

		for (int i = 0; i < n->nzones; i++)
			if (zone_conserved(s, n, &n->zone[i], e) != 0)
				return -1;
		for (int i = 0; i < n->nzones; i++)
			if (zone_counters(s, n, &n->zone[i], e) != 0)
				return -1;
		if (node_caches(n, e) != 0)
			return -1;
		if (node_kswapd(s, n, before && now.pgalloc[ni] != before->pgalloc[ni], e) != 0)
			return -1;
	}
	if (s->swap_used > s->swap_total) {
		zs_err_set(e, 0, "pages not conserved: swap used %llu > total %llu", (unsigned long long)s->swap_used,
			   (unsigned long long)s->swap_total);
		return -1;
	}
	return 0;
}

int sim_check(const struct sim *s, struct zs_err *e)
{
	return sim_check_step(s, NULL, e);
}
