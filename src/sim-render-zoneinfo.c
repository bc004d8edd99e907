/* sim-render-zoneinfo.c — /proc/zoneinfo and /proc/buddyinfo of the model, laid out as the chosen kernel
 * prints them (kernel-mm-formulas.md §5.1: 3.8–4.7 zone-LRU layout, 4.8+ per-node stats, 4.12+ all zones
 * and protection first, 5.12 cma, ≈5.13 boost, ≈6.0 promo, 6.7 pageset layout, 6.15 nr_free_pages_blocks).
 *
 * Item lists are the kernel's names in the kernel's order; items a version did not have are left out by
 * their first/last version (attributions marked ≈ in the research note are approximate). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-render.h"

void sbuf_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = sb->cap - sb->len;

		va_start(ap, fmt);
		n = vsnprintf(sb->b ? sb->b + sb->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < room) {
			sb->len += (size_t)n;
			return;
		}
		sb->cap = (sb->cap + (size_t)n + 1) * 2;
		sb->b = xrealloc(sb->b, sb->cap);
	}
}

void sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->b)
		sb->b[0] = '\0';
}

void sbuf_free(struct sbuf *sb)
{
	free(sb->b);
	*sb = (struct sbuf){ 0 };
}

/* ---- node values ---- */

static int64_t zone_sum(const struct sim_node *n, enum sim_item it)
{
	int64_t t = 0;

	for (int i = 0; i < n->nzones; i++)
		t += sim_reported(&n->zone[i], it);
	return t;
}

static int64_t one_node_value(const struct sim_node *n, enum sim_node_val v)
{
	switch (v) {
	case NV_INACTIVE_ANON: return zone_sum(n, SI_INACTIVE_ANON);
	case NV_ACTIVE_ANON: return zone_sum(n, SI_ACTIVE_ANON);
	case NV_INACTIVE_FILE: return zone_sum(n, SI_INACTIVE_FILE);
	case NV_ACTIVE_FILE: return zone_sum(n, SI_ACTIVE_FILE);
	case NV_UNEVICTABLE: return zone_sum(n, SI_UNEVICTABLE);
	case NV_MLOCK: return zone_sum(n, SI_MLOCK);
	case NV_FREE: return zone_sum(n, SI_FREE);
	case NV_ANON_PAGES:
		return zone_sum(n, SI_INACTIVE_ANON) + zone_sum(n, SI_ACTIVE_ANON) + zone_sum(n, SI_UNEVICTABLE);
	case NV_FILE_PAGES: return zone_sum(n, SI_INACTIVE_FILE) + zone_sum(n, SI_ACTIVE_FILE) + n->shmem;
	case NV_MAPPED: return n->mapped;
	case NV_SHMEM: return n->shmem;
	case NV_SLAB_RECLAIMABLE: return n->slab_reclaimable;
	case NV_SLAB_UNRECLAIMABLE: return n->slab_unreclaimable;
	case NV_KERNEL_STACK_KB: return n->kernel_stack * 4;
	case NV_PAGE_TABLES: return n->page_tables;
	case NV_ANON_THP: {
		int64_t t = 0;

		for (int i = 0; i < n->nzones; i++)
			t += n->zone[i].thp;
		return t >> 9;
	}
	case NV_DIRTY:
	case NV_WRITEBACK: {
		int64_t t = 0;

		for (int i = 0; i < n->nzones; i++)
			t += v == NV_DIRTY ? n->zone[i].dirty : n->zone[i].writeback;
		return t;
	}
	}
	return 0;
}

int64_t sim_node_value(const struct sim *s, int node, enum sim_node_val v)
{
	int64_t t = 0;

	if (node >= 0)
		return one_node_value(&s->node[node], v);
	for (int n = 0; n < s->nnodes; n++)
		t += one_node_value(&s->node[n], v);
	return t;
}

/* ---- item tables ---- */

bool sim_item_in_era(const struct sim_item_def *it, uint32_t kver)
{
	return (!it->since || kver >= it->since) && (!it->until || kver <= it->until);
}

#define V KF_VER
const struct sim_item_def sim_node_items[] = {
	{ "nr_inactive_anon", 0, 0 }, { "nr_active_anon", 0, 0 }, { "nr_inactive_file", 0, 0 },
	{ "nr_active_file", 0, 0 }, { "nr_unevictable", 0, 0 }, { "nr_slab_reclaimable", V(4, 13), 0 },
	{ "nr_slab_unreclaimable", V(4, 13), 0 }, { "nr_isolated_anon", 0, 0 }, { "nr_isolated_file", 0, 0 },
	{ "nr_pages_scanned", V(4, 8), V(4, 10) }, { "workingset_nodes", V(4, 20), 0 },
	{ "workingset_refault", 0, V(5, 8) }, { "workingset_refault_anon", V(5, 9), 0 }, { "workingset_refault_file", V(5, 9), 0 },
	{ "workingset_activate", 0, V(5, 8) }, { "workingset_activate_anon", V(5, 9), 0 },
	{ "workingset_activate_file", V(5, 9), 0 }, { "workingset_restore", V(4, 20), V(5, 8) },
	{ "workingset_restore_anon", V(5, 9), 0 }, { "workingset_restore_file", V(5, 9), 0 },
	{ "workingset_nodereclaim", 0, 0 }, { "nr_anon_pages", 0, 0 }, { "nr_mapped", 0, 0 },
	{ "nr_file_pages", 0, 0 }, { "nr_dirty", 0, 0 }, { "nr_writeback", 0, 0 },
	{ "nr_writeback_temp", 0, V(6, 17) }, { "nr_shmem", 0, 0 }, { "nr_shmem_hugepages", 0, 0 },
	{ "nr_shmem_pmdmapped", 0, 0 }, { "nr_file_hugepages", V(5, 4), 0 }, { "nr_file_pmdmapped", V(5, 4), 0 },
	{ "nr_anon_transparent_hugepages", 0, 0 }, { "nr_unstable", 0, V(5, 7) }, { "nr_vmscan_write", 0, 0 },
	{ "nr_vmscan_immediate_reclaim", 0, 0 }, { "nr_dirtied", 0, 0 }, { "nr_written", 0, 0 },
	{ "nr_throttled_written", V(5, 16), 0 }, { "nr_kernel_misc_reclaimable", V(4, 20), 0 },
	{ "nr_foll_pin_acquired", V(5, 7), 0 }, { "nr_foll_pin_released", V(5, 7), 0 },
	{ "nr_kernel_stack", V(5, 9), 0 }, { "nr_page_table_pages", V(5, 11), 0 },
	{ "nr_sec_page_table_pages", V(6, 0), 0 }, { "nr_iommu_pages", V(6, 11), 0 },
	{ "nr_swapcached", V(5, 12), 0 }, { "pgpromote_success", V(5, 18), 0 },
	{ "pgpromote_candidate", V(6, 1), 0 }, { "pgpromote_candidate_nrl", V(6, 17), 0 },
	{ "pgdemote_kswapd", V(5, 15), 0 }, { "pgdemote_direct", V(5, 15), 0 },
	{ "pgdemote_khugepaged", V(6, 2), 0 }, { "pgdemote_proactive", V(6, 16), 0 },
	{ "nr_hugetlb", V(6, 11), 0 }, { "nr_balloon_pages", V(6, 13), 0 }, { "nr_kernel_file_pages", V(6, 17), 0 },
};

const struct sim_item_def sim_zone_items[] = {
	{ "nr_free_pages", 0, 0 }, { "nr_free_pages_blocks", V(6, 15), 0 }, { "nr_alloc_batch", 0, V(4, 7) },
	{ "nr_zone_inactive_anon", 0, 0 }, { "nr_zone_active_anon", 0, 0 }, { "nr_zone_inactive_file", 0, 0 },
	{ "nr_zone_active_file", 0, 0 }, { "nr_zone_unevictable", 0, 0 }, { "nr_zone_write_pending", 0, 0 },
	{ "nr_mlock", 0, 0 }, { "nr_slab_reclaimable", 0, V(4, 12) }, { "nr_slab_unreclaimable", 0, V(4, 12) },
	{ "nr_page_table_pages", 0, V(5, 10) }, { "nr_kernel_stack", 0, V(5, 8) }, { "nr_bounce", 0, V(6, 16) },
	{ "nr_zspages", V(4, 8), 0 }, { "nr_free_cma", 0, 0 },
};

/* ≤ 4.7: LRU and page-state items were zone items */
const struct sim_item_def sim_old_zone_items[] = {
	{ "nr_free_pages", 0, 0 }, { "nr_alloc_batch", V(3, 12), 0 }, { "nr_inactive_anon", 0, 0 },
	{ "nr_active_anon", 0, 0 }, { "nr_inactive_file", 0, 0 }, { "nr_active_file", 0, 0 },
	{ "nr_unevictable", 0, 0 }, { "nr_mlock", 0, 0 }, { "nr_anon_pages", 0, 0 }, { "nr_mapped", 0, 0 },
	{ "nr_file_pages", 0, 0 }, { "nr_dirty", 0, 0 }, { "nr_writeback", 0, 0 },
	{ "nr_slab_reclaimable", 0, 0 }, { "nr_slab_unreclaimable", 0, 0 }, { "nr_page_table_pages", 0, 0 },
	{ "nr_kernel_stack", 0, 0 }, { "nr_unstable", 0, 0 }, { "nr_bounce", 0, 0 }, { "nr_vmscan_write", 0, 0 },
	{ "nr_vmscan_immediate_reclaim", 0, 0 }, { "nr_writeback_temp", 0, 0 }, { "nr_isolated_anon", 0, 0 },
	{ "nr_isolated_file", 0, 0 }, { "nr_shmem", 0, 0 }, { "nr_dirtied", 0, 0 }, { "nr_written", 0, 0 },
	{ "nr_pages_scanned", V(3, 17), 0 }, { "numa_hit", 0, 0 }, { "numa_miss", 0, 0 },
	{ "numa_foreign", 0, 0 }, { "numa_interleave", 0, 0 }, { "numa_local", 0, 0 }, { "numa_other", 0, 0 },
	{ "workingset_refault", V(3, 15), 0 }, { "workingset_activate", V(3, 15), 0 },
	{ "workingset_nodereclaim", V(3, 15), 0 }, { "nr_anon_transparent_hugepages", 0, 0 },
	{ "nr_free_cma", 0, 0 },
};
#undef V
const size_t sim_nnode_items = ZS_ARRAY_LEN(sim_node_items);
const size_t sim_nzone_items = ZS_ARRAY_LEN(sim_zone_items);
const size_t sim_nold_zone_items = ZS_ARRAY_LEN(sim_old_zone_items);

const char *const sim_numa_items[6] = { "numa_hit", "numa_miss", "numa_foreign", "numa_interleave",
					   "numa_local", "numa_other" };

int64_t sim_node_item(const struct sim *s, const struct sim_node *n, const char *name)
{
	bool first = n->id == 0;   /* global events are attributed to node 0 */

	if (!strcmp(name, "nr_inactive_anon")) return one_node_value(n, NV_INACTIVE_ANON);
	if (!strcmp(name, "nr_active_anon")) return one_node_value(n, NV_ACTIVE_ANON);
	if (!strcmp(name, "nr_inactive_file")) return one_node_value(n, NV_INACTIVE_FILE);
	if (!strcmp(name, "nr_active_file")) return one_node_value(n, NV_ACTIVE_FILE);
	if (!strcmp(name, "nr_unevictable")) return one_node_value(n, NV_UNEVICTABLE);
	if (!strcmp(name, "nr_slab_reclaimable")) return n->slab_reclaimable;
	if (!strcmp(name, "nr_slab_unreclaimable")) return n->slab_unreclaimable;
	if (!strcmp(name, "nr_anon_pages")) return one_node_value(n, NV_ANON_PAGES);
	if (!strcmp(name, "nr_mapped")) return n->mapped;
	if (!strcmp(name, "nr_file_pages")) return one_node_value(n, NV_FILE_PAGES);
	if (!strcmp(name, "nr_dirty")) return one_node_value(n, NV_DIRTY);
	if (!strcmp(name, "nr_writeback")) return one_node_value(n, NV_WRITEBACK);
	if (!strcmp(name, "nr_shmem")) return n->shmem;
	if (!strcmp(name, "nr_anon_transparent_hugepages")) return one_node_value(n, NV_ANON_THP);
	if (!strcmp(name, "nr_kernel_stack")) return n->kernel_stack * 4;
	if (!strcmp(name, "nr_page_table_pages")) return n->page_tables;
	if (!strcmp(name, "workingset_nodes")) return n->workingset_nodes;
	if (!first)
		return 0;
	if (!strcmp(name, "workingset_refault") || !strcmp(name, "workingset_refault_file"))
		return (int64_t)s->ev[SE_workingset_refault_file] +
		       (!strcmp(name, "workingset_refault") ? (int64_t)s->ev[SE_workingset_refault_anon] : 0);
	if (!strcmp(name, "workingset_refault_anon")) return (int64_t)s->ev[SE_workingset_refault_anon];
	if (!strcmp(name, "workingset_activate") || !strcmp(name, "workingset_activate_file"))
		return (int64_t)s->ev[SE_workingset_activate_file] +
		       (!strcmp(name, "workingset_activate") ? (int64_t)s->ev[SE_workingset_activate_anon] : 0);
	if (!strcmp(name, "workingset_activate_anon")) return (int64_t)s->ev[SE_workingset_activate_anon];
	if (!strcmp(name, "nr_vmscan_write")) return (int64_t)s->ev[SE_nr_vmscan_write];
	if (!strcmp(name, "nr_vmscan_immediate_reclaim")) return (int64_t)s->ev[SE_nr_vmscan_immediate_reclaim];
	if (!strcmp(name, "nr_dirtied")) return (int64_t)s->ev[SE_nr_dirtied];
	if (!strcmp(name, "nr_written")) return (int64_t)s->ev[SE_nr_written];
	return 0;
}

int64_t sim_zone_item(const struct sim *s, const struct sim_node *n, const struct sim_zone *z,
		      const char *name)
{
	if (!strcmp(name, "nr_free_pages")) return sim_reported(z, SI_FREE);
	if (!strcmp(name, "nr_free_pages_blocks")) {
		int64_t t = 0;

		for (int k = s->km.pageblock_order; k < SIM_ORDERS; k++)
			t += (int64_t)z->buddy[k] << k;
		return t;
	}
	if (!strcmp(name, "nr_zone_inactive_anon") || !strcmp(name, "nr_inactive_anon"))
		return sim_reported(z, SI_INACTIVE_ANON);
	if (!strcmp(name, "nr_zone_active_anon") || !strcmp(name, "nr_active_anon"))
		return sim_reported(z, SI_ACTIVE_ANON);
	if (!strcmp(name, "nr_zone_inactive_file") || !strcmp(name, "nr_inactive_file"))
		return sim_reported(z, SI_INACTIVE_FILE);
	if (!strcmp(name, "nr_zone_active_file") || !strcmp(name, "nr_active_file"))
		return sim_reported(z, SI_ACTIVE_FILE);
	if (!strcmp(name, "nr_zone_unevictable") || !strcmp(name, "nr_unevictable"))
		return sim_reported(z, SI_UNEVICTABLE);
	if (!strcmp(name, "nr_zone_write_pending")) return sim_reported(z, SI_WRITE_PENDING);
	if (!strcmp(name, "nr_mlock")) return sim_reported(z, SI_MLOCK);
	if (!strcmp(name, "nr_alloc_batch")) return z->kf.wmark_high - z->kf.wmark_low;
	if (!strcmp(name, "numa_hit")) return (int64_t)z->numa_hit;
	if (!strcmp(name, "numa_miss")) return (int64_t)z->numa_miss;
	if (!strcmp(name, "numa_foreign")) return (int64_t)z->numa_foreign;
	if (!strcmp(name, "numa_local")) return (int64_t)z->numa_local;
	if (!strcmp(name, "numa_other")) return (int64_t)z->numa_other;
	/* ≤ 4.7 per-zone page states */
	if (!strcmp(name, "nr_anon_pages"))
		return z->lru[LRU_IA] + z->lru[LRU_AA] + z->lru[LRU_UNEV];
	if (!strcmp(name, "nr_file_pages")) return z->lru[LRU_IF] + z->lru[LRU_AF];
	if (!strcmp(name, "nr_dirty")) return z->dirty;
	if (!strcmp(name, "nr_writeback")) return z->writeback;
	if (!strcmp(name, "nr_slab_reclaimable")) return z->kernel / 2;
	if (!strcmp(name, "nr_slab_unreclaimable")) return z->kernel / 4;
	if (!strcmp(name, "nr_page_table_pages")) return z->kernel / 8;
	if (!strcmp(name, "nr_kernel_stack")) return z->kernel - z->kernel / 2 - z->kernel / 4 - z->kernel / 8;
	if (!strcmp(name, "nr_anon_transparent_hugepages")) return z->thp >> 9;
	(void)n;
	return 0;
}

static void item_line(struct sbuf *sb, const char *indent, const char *name, int64_t v)
{
	sbuf_printf(sb, "\n%s%-12s %lld", indent, name, (long long)v);
}

static bool populated(const struct sim_zone *z)
{
	return z->present > 0 || z->managed > 0;
}

static void render_pagesets(const struct sim *s, const struct sim_zone *z, uint32_t kver, struct sbuf *sb)
{
	sbuf_printf(sb, "\n  pagesets");
	for (int c = 0; c < s->ncpus; c++) {
		const struct sim_pcp *p = &z->pcp[c];
		int batch = z->kf.batch > 0 ? z->kf.batch : 1;

		sbuf_printf(sb, "\n    cpu: %i", c);
		if (kver >= KF_VER(6, 7))
			sbuf_printf(sb, "\n              count:    %i\n              high:     %i"
					"\n              batch:    %i\n              high_min: %i"
					"\n              high_max: %i", p->count, p->high, batch, z->kf.high_min,
				    z->kf.high_max);
		else
			sbuf_printf(sb, "\n              count: %i\n              high:  %i\n              batch: %i",
				    p->count, z->kf.pcp_high, batch);
		sbuf_printf(sb, "\n  vm stats threshold: %d", sim_threshold(z));
	}
}

static void render_protection(const struct sim *s, const struct sim_node *n, const struct sim_zone *z,
			      uint32_t kver, struct sbuf *sb)
{
	(void)s;
	sbuf_printf(sb, "\n        protection: (");
	for (int j = 0; j < n->nzones; j++)
		sbuf_printf(sb, kver >= KF_VER(4, 14) ? "%s%lld" : "%s%llu", j ? ", " : "",
			    (long long)z->kf.protection[j]);
	sbuf_printf(sb, ")");
}

/* 3.8 – 4.7: zone LRU, items after the header, protection after the items */
static void render_old_zone(const struct sim *s, const struct sim_node *n, const struct sim_zone *z,
			    uint32_t kver, struct sbuf *sb)
{
	sbuf_printf(sb, "Node %d, zone %8s", n->id, z->name);
	sbuf_printf(sb, "\n  pages free     %lld\n        min      %llu\n        low      %llu"
			"\n        high     %llu\n        scanned  %d\n        spanned  %llu"
			"\n        present  %llu\n        managed  %llu",
		    (long long)sim_reported(z, SI_FREE), (unsigned long long)(z->kf.wmark_min + z->boost),
		    (unsigned long long)(z->kf.wmark_low + z->boost), (unsigned long long)(z->kf.wmark_high + z->boost),
		    0, (unsigned long long)z->spanned, (unsigned long long)z->present,
		    (unsigned long long)z->managed);
	for (size_t i = 0; i < sim_nold_zone_items; i++)
		if (sim_item_in_era(&sim_old_zone_items[i], kver))
			item_line(sb, "    ", sim_old_zone_items[i].name, sim_zone_item(s, n, z, sim_old_zone_items[i].name));
	render_protection(s, n, z, kver, sb);
	render_pagesets(s, z, kver, sb);
	sbuf_printf(sb, "\n  all_unreclaimable: %u\n  start_pfn:         %llu\n  inactive_ratio:    %u\n",
		    n->kswapd_failures >= SIM_MAX_RECLAIM_RETRIES ? 1u : 0u, (unsigned long long)z->start_pfn,
		    z->managed >= 262144 ? 3u : 1u);
}

static void render_zone(const struct sim *s, const struct sim_node *n, const struct sim_zone *z, bool first,
			uint32_t kver, struct sbuf *sb)
{
	sbuf_printf(sb, "Node %d, zone %8s", n->id, z->name);
	if (first) {
		sbuf_printf(sb, "\n  per-node stats");
		for (size_t i = 0; i < sim_nnode_items; i++)
			if (sim_item_in_era(&sim_node_items[i], kver))
				item_line(sb, "      ", sim_node_items[i].name, sim_node_item(s, n, sim_node_items[i].name));
	}
	sbuf_printf(sb, "\n  pages free     %lld", (long long)sim_reported(z, SI_FREE));
	if (kver >= KF_VER(5, 14))
		sbuf_printf(sb, "\n        boost    %llu", (unsigned long long)z->boost);
	sbuf_printf(sb, "\n        min      %llu\n        low      %llu\n        high     %llu",
		    (unsigned long long)(z->kf.wmark_min + z->boost), (unsigned long long)(z->kf.wmark_low + z->boost),
		    (unsigned long long)(z->kf.wmark_high + z->boost));
	if (kver >= KF_VER(6, 0))
		sbuf_printf(sb, "\n        promo    %llu", (unsigned long long)(z->kf.wmark_promo + z->boost));
	if (kver <= KF_VER(4, 10))
		sbuf_printf(sb, "\n   node_scanned  %d", 0);   /* the node's pages scanned since the last free */
	sbuf_printf(sb, "\n        spanned  %llu\n        present  %llu\n        managed  %llu",
		    (unsigned long long)z->spanned, (unsigned long long)z->present, (unsigned long long)z->managed);
	if (kver >= KF_VER(5, 12))
		sbuf_printf(sb, "\n        cma      %d", 0);
	/* 4.12 moved the protection line up, before the counters (and printed empty zones) */
	if (kver >= KF_VER(4, 12))
		render_protection(s, n, z, kver, sb);
	if (!populated(z)) {
		sbuf_printf(sb, "\n");
		return;
	}
	for (size_t i = 0; i < sim_nzone_items; i++) {
		if (!sim_item_in_era(&sim_zone_items[i], kver))
			continue;
		/* before 4.14 the NUMA counters were zone items, printed before nr_free_cma */
		if (kver < KF_VER(4, 14) && !strcmp(sim_zone_items[i].name, "nr_free_cma"))
			for (size_t j = 0; j < 6; j++)
				item_line(sb, "      ", sim_numa_items[j], sim_zone_item(s, n, z, sim_numa_items[j]));
		item_line(sb, "      ", sim_zone_items[i].name, sim_zone_item(s, n, z, sim_zone_items[i].name));
	}
	if (kver >= KF_VER(4, 14))
		for (size_t i = 0; i < 6; i++)
			item_line(sb, "      ", sim_numa_items[i], sim_zone_item(s, n, z, sim_numa_items[i]));
	if (kver < KF_VER(4, 12))
		render_protection(s, n, z, kver, sb);
	render_pagesets(s, z, kver, sb);
	sbuf_printf(sb, "\n  node_unreclaimable:  %u\n  start_pfn:           %llu\n",
		    n->kswapd_failures >= SIM_MAX_RECLAIM_RETRIES ? 1u : 0u, (unsigned long long)z->start_pfn);
}

void sim_render_zoneinfo(const struct sim *s, uint32_t kver, struct sbuf *sb)
{
	for (int ni = 0; ni < s->nnodes; ni++) {
		const struct sim_node *n = &s->node[ni];
		bool first = true;

		for (int i = 0; i < n->nzones; i++) {
			const struct sim_zone *z = &n->zone[i];

			if (kver < KF_VER(4, 8)) {
				if (populated(z))
					render_old_zone(s, n, z, kver, sb);
				continue;
			}
			/* 4.8 – 4.11 print populated zones only */
			if (kver < KF_VER(4, 12) && !populated(z))
				continue;
			render_zone(s, n, z, first && populated(z), kver, sb);
			if (populated(z))
				first = false;
		}
	}
}

void sim_render_buddyinfo(const struct sim *s, struct sbuf *sb)
{
	for (int ni = 0; ni < s->nnodes; ni++)
		for (int i = 0; i < s->node[ni].nzones; i++) {
			const struct sim_zone *z = &s->node[ni].zone[i];

			if (!populated(z))
				continue;
			sbuf_printf(sb, "Node %d, zone %8s ", ni, z->name);
			for (int k = 0; k < SIM_ORDERS; k++)
				sbuf_printf(sb, "%6llu ", (unsigned long long)z->buddy[k]);
			sbuf_printf(sb, "\n");
		}
}
