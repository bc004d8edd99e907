/* sim-check.c — the model's invariants, checked after every step by the tests: pages are conserved in
 * every zone, the buddy lists hold exactly the free pages, the reported counters are within the per-CPU
 * drift bound of the truth, and kswapd is awake exactly when the kernel's rules keep it awake. */
#include "config.h"

#include "sim.h"

static int zone_check(const struct sim *s, const struct sim_node *n, const struct sim_zone *z, struct zs_err *e)
{
	int64_t lru = 0, pcp = 0, bound;
	int t = z->kf.threshold > z->kf.pressure_threshold ? z->kf.threshold : z->kf.pressure_threshold;

	for (int l = 0; l < LRU_N; l++) {
		if (z->lru[l] < 0) {
			zs_err_set(e, 0, "node %d %s: LRU list %d is negative (%lld)", n->id, z->name, l, (long long)z->lru[l]);
			return -1;
		}
		lru += z->lru[l];
	}
	if (z->kernel < 0 || z->dirty < 0 || z->writeback < 0 || z->mlock < 0 || z->mlock > z->lru[LRU_UNEV] ||
	    z->dirty + z->writeback > z->lru[LRU_IF] + z->lru[LRU_AF]) {
		zs_err_set(e, 0, "node %d %s: page states out of range (kernel %lld dirty %lld writeback %lld mlock %lld)",
			   n->id, z->name, (long long)z->kernel, (long long)z->dirty, (long long)z->writeback,
			   (long long)z->mlock);
		return -1;
	}
	for (int c = 0; c < s->ncpus; c++) {
		if (z->pcp[c].count < 0) {
			zs_err_set(e, 0, "node %d %s: cpu %d pageset count negative", n->id, z->name, c);
			return -1;
		}
		pcp += z->pcp[c].count;
	}
	if (pcp != z->pcp_total) {
		zs_err_set(e, 0, "node %d %s: pagesets hold %lld pages, accounted %lld", n->id, z->name, (long long)pcp,
			   (long long)z->pcp_total);
		return -1;
	}
	if ((int64_t)z->managed != sim_free_pages(z) + pcp + lru + z->kernel) {
		zs_err_set(e, 0, "node %d %s: pages not conserved: managed %llu != free %lld + pcp %lld + lru %lld + "
			   "kernel %lld", n->id, z->name, (unsigned long long)z->managed, (long long)sim_free_pages(z),
			   (long long)pcp, (long long)lru, (long long)z->kernel);
		return -1;
	}
	bound = (int64_t)s->ncpus * t;
	for (int it = 0; it < SI_NITEMS; it++) {
		int64_t sum = z->atomic[it], truth = sim_truth(z, (enum sim_item)it);

		for (int c = 0; c < s->ncpus; c++)
			sum += z->diff[(size_t)c * SI_NITEMS + it];
		if (sum != truth) {
			zs_err_set(e, 0, "node %d %s: item %d: atomic + differentials %lld != truth %lld (buddy sum for "
				   "free pages)", n->id, z->name, it, (long long)sum, (long long)truth);
			return -1;
		}
		if (z->atomic[it] - truth > bound || truth - z->atomic[it] > bound) {
			zs_err_set(e, 0, "node %d %s: item %d: reported %lld drifts from %lld by more than %lld", n->id,
				   z->name, it, (long long)z->atomic[it], (long long)truth, (long long)bound);
			return -1;
		}
	}
	return 0;
}

int sim_check(const struct sim *s, struct zs_err *e)
{
	for (int ni = 0; ni < s->nnodes; ni++) {
		const struct sim_node *n = &s->node[ni];
		int hz = n->kswapd_hz >= 0 ? n->kswapd_hz : sim_user_hz(n);
		bool boosted = false;

		for (int i = 0; i < n->nzones; i++) {
			if (zone_check(s, n, &n->zone[i], e) != 0)
				return -1;
			boosted |= i <= hz && n->zone[i].boost;
		}
		if (n->kswapd_awake && n->kswapd_failures >= SIM_MAX_RECLAIM_RETRIES) {
			zs_err_set(e, 0, "node %d: kswapd awake on a hopeless node", ni);
			return -1;
		}
		if (n->kswapd_awake && sim_node_balanced(s, n, n->kswapd_order, hz) && !boosted) {
			zs_err_set(e, 0, "node %d: kswapd awake although the node is balanced", ni);
			return -1;
		}
	}
	if (s->swap_used > s->swap_total) {
		zs_err_set(e, 0, "swap used %llu > total %llu", (unsigned long long)s->swap_used,
			   (unsigned long long)s->swap_total);
		return -1;
	}
	return 0;
}
