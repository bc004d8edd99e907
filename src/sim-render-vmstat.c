/* sim-render-vmstat.c — /proc/vmstat and devices/system/node/nodeN/vmstat of the model: zone items, NUMA
 * items, node items, the dirty thresholds, then the event counters; names of the chosen kernel's era
 * (per-zone pgsteal/pgscan families before 4.8, _anon/_file workingset names from 5.9, `nr_unstable 0`
 * at the end from 5.8). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sim-render.h"

#define V KF_VER
/* 6.18's event list (kernel-mm-formulas.md appendix A), with the first version of the newer ones;
 * "@" expands to one counter per zone name. */
static const struct sim_item_def events[] = {
	{ "pgpgin", 0, 0 }, { "pgpgout", 0, 0 }, { "pswpin", 0, 0 }, { "pswpout", 0, 0 },
	{ "pgalloc_@", 0, 0 }, { "allocstall_@", V(4, 8), 0 }, { "allocstall", 0, V(4, 7) },
	{ "pgskip_@", V(4, 8), 0 }, { "pgfree", 0, 0 }, { "pgactivate", 0, 0 }, { "pgdeactivate", 0, 0 },
	{ "pglazyfree", V(4, 12), 0 }, { "pgfault", 0, 0 }, { "pgmajfault", 0, 0 }, { "pglazyfreed", V(4, 12), 0 },
	{ "pgrefill", V(4, 8), 0 }, { "pgrefill_@", 0, V(4, 7) }, { "pgreuse", V(5, 11), 0 },
	{ "pgsteal_kswapd", V(4, 8), 0 }, { "pgsteal_direct", V(4, 8), 0 },
	{ "pgsteal_khugepaged", V(6, 2), 0 }, { "pgsteal_proactive", V(6, 16), 0 },
	{ "pgsteal_kswapd_@", 0, V(4, 7) }, { "pgsteal_direct_@", 0, V(4, 7) },
	{ "pgscan_kswapd", V(4, 8), 0 }, { "pgscan_direct", V(4, 8), 0 },
	{ "pgscan_kswapd_@", 0, V(4, 7) }, { "pgscan_direct_@", 0, V(4, 7) },
	{ "pgscan_khugepaged", V(6, 2), 0 }, { "pgscan_proactive", V(6, 16), 0 },
	{ "pgscan_direct_throttle", 0, 0 }, { "pgscan_anon", V(5, 8), 0 }, { "pgscan_file", V(5, 8), 0 },
	{ "pgsteal_anon", V(5, 8), 0 }, { "pgsteal_file", V(5, 8), 0 }, { "zone_reclaim_success", V(6, 12), 0 },
	{ "zone_reclaim_failed", 0, 0 }, { "pginodesteal", 0, 0 }, { "slabs_scanned", 0, 0 },
	{ "kswapd_inodesteal", 0, 0 }, { "kswapd_low_wmark_hit_quickly", 0, 0 },
	{ "kswapd_high_wmark_hit_quickly", 0, 0 }, { "pageoutrun", 0, 0 }, { "pgrotated", 0, 0 },
	{ "drop_pagecache", 0, 0 }, { "drop_slab", 0, 0 }, { "oom_kill", V(4, 13), 0 },
	{ "numa_pte_updates", 0, 0 }, { "numa_huge_pte_updates", 0, 0 }, { "numa_hint_faults", 0, 0 },
	{ "numa_hint_faults_local", 0, 0 }, { "numa_pages_migrated", 0, 0 }, { "pgmigrate_success", 0, 0 },
	{ "pgmigrate_fail", 0, 0 }, { "thp_migration_success", V(5, 9), 0 }, { "thp_migration_fail", V(5, 9), 0 },
	{ "thp_migration_split", V(5, 9), 0 }, { "compact_migrate_scanned", 0, 0 },
	{ "compact_free_scanned", 0, 0 }, { "compact_isolated", 0, 0 }, { "compact_stall", 0, 0 },
	{ "compact_fail", 0, 0 }, { "compact_success", 0, 0 }, { "compact_daemon_wake", V(4, 6), 0 },
	{ "compact_daemon_migrate_scanned", V(4, 14), 0 }, { "compact_daemon_free_scanned", V(4, 14), 0 },
	{ "htlb_buddy_alloc_success", 0, 0 }, { "htlb_buddy_alloc_fail", 0, 0 },
	{ "unevictable_pgs_culled", 0, 0 }, { "unevictable_pgs_scanned", 0, 0 },
	{ "unevictable_pgs_rescued", 0, 0 }, { "unevictable_pgs_mlocked", 0, 0 },
	{ "unevictable_pgs_munlocked", 0, 0 }, { "unevictable_pgs_cleared", 0, 0 },
	{ "unevictable_pgs_stranded", 0, 0 }, { "thp_fault_alloc", 0, 0 }, { "thp_fault_fallback", 0, 0 },
	{ "thp_fault_fallback_charge", V(5, 9), 0 }, { "thp_collapse_alloc", 0, 0 },
	{ "thp_collapse_alloc_failed", 0, 0 }, { "thp_file_alloc", V(4, 8), 0 },
	{ "thp_file_fallback", V(5, 9), 0 }, { "thp_file_fallback_charge", V(5, 9), 0 },
	{ "thp_file_mapped", V(4, 8), 0 }, { "thp_split", 0, V(4, 4) },
	{ "thp_split_page", V(4, 5), 0 }, { "thp_split_page_failed", V(4, 5), 0 },
	{ "thp_deferred_split_page", V(4, 5), 0 }, { "thp_underused_split_page", V(6, 12), 0 },
	{ "thp_split_pmd", V(4, 5), 0 }, { "thp_scan_exceed_none_pte", V(5, 19), 0 },
	{ "thp_scan_exceed_swap_pte", V(5, 19), 0 }, { "thp_scan_exceed_share_pte", V(5, 19), 0 },
	{ "thp_split_pud", V(4, 11), 0 }, { "thp_zero_page_alloc", 0, 0 }, { "thp_zero_page_alloc_failed", 0, 0 },
	{ "thp_swpout", V(4, 13), 0 }, { "thp_swpout_fallback", V(4, 13), 0 }, { "balloon_inflate", 0, 0 },
	{ "balloon_deflate", 0, 0 }, { "balloon_migrate", 0, 0 }, { "swap_ra", V(4, 14), 0 },
	{ "swap_ra_hit", V(4, 14), 0 }, { "swpin_zero", V(6, 14), 0 }, { "swpout_zero", V(6, 14), 0 },
	{ "ksm_swpin_copy", V(6, 1), 0 }, { "cow_ksm", V(6, 1), 0 }, { "zswpin", V(6, 1), 0 },
	{ "zswpout", V(6, 1), 0 }, { "zswpwb", V(6, 8), 0 }, { "direct_map_level2_splits", V(5, 7), 0 },
	{ "direct_map_level3_splits", V(5, 7), 0 }, { "direct_map_level2_collapses", V(6, 18), 0 },
	{ "direct_map_level3_collapses", V(6, 18), 0 },
};
#undef V

static int64_t event_value(const struct sim *s, const char *name)
{
	for (int i = 0; i < SE_N; i++)
		if (!strcmp(sim_event_name[i], name))
			return (int64_t)s->ev[i];
	if (!strcmp(name, "allocstall")) {
		int64_t t = 0;

		for (int n = 0; n < s->nnodes; n++)
			for (int z = 0; z < s->node[n].nzones; z++)
				t += (int64_t)s->node[n].zone[z].allocstall;
		return t;
	}
	return 0;
}

/* A per-zone family: one line per zone name (lower case; "high" for HighMem as the kernel spells it). */
static void zone_family(const struct sim *s, const char *pattern, uint32_t kver, struct sbuf *sb)
{
	size_t plen = strlen(pattern) - 1;   /* without '@' */
	const struct sim_node *n0 = &s->node[0];
	int top = 0;

	for (int i = 0; i < n0->nzones; i++)
		if (n0->zone[i].managed)
			top = i;

	for (int i = 0; i < n0->nzones; i++) {
		char zname[16];
		int64_t v = 0;
		size_t k;

		if (n0->zone[i].type == KZ_DEVICE && kver < KF_VER(4, 8))
			continue;
		for (k = 0; n0->zone[i].name[k] && k < sizeof zname - 1; k++)
			zname[k] = (char)tolower((unsigned char)n0->zone[i].name[k]);
		zname[k] = '\0';
		if (!strcmp(zname, "highmem"))
			strcpy(zname, "high");
		for (int n = 0; n < s->nnodes; n++) {
			const struct sim_zone *z = &s->node[n].zone[i];

			if (!strncmp(pattern, "pgalloc_", plen))
				v += (int64_t)z->pgalloc;
			else if (!strncmp(pattern, "allocstall_", plen))
				v += (int64_t)z->allocstall;
			else if (!strncmp(pattern, "pgskip_", plen))
				v += (int64_t)z->pgskip;
			else if (n == 0 && i == top)
				/* ≤ 4.7 per-zone reclaim families: attributed to the biggest user zone */
				v = event_value(s, !strncmp(pattern, "pgrefill_", plen) ? "pgrefill" :
						   !strncmp(pattern, "pgsteal_kswapd_", plen) ? "pgsteal_kswapd" :
						   !strncmp(pattern, "pgsteal_direct_", plen) ? "pgsteal_direct" :
						   !strncmp(pattern, "pgscan_kswapd_", plen) ? "pgscan_kswapd" : "pgscan_direct");
		}
		sbuf_printf(sb, "%.*s%s %lld\n", (int)plen, pattern, zname, (long long)v);
	}
}

static int64_t zone_items_sum(const struct sim *s, const char *name, int node)
{
	int64_t t = 0;

	for (int n = 0; n < s->nnodes; n++) {
		if (node >= 0 && n != node)
			continue;
		for (int i = 0; i < s->node[n].nzones; i++)
			t += sim_zone_item(s, &s->node[n], &s->node[n].zone[i], name);
	}
	return t;
}

/* Dirty limits (global_dirty_limits with the default ratios 20 and 10): of the dirtyable memory. */
static void dirty_limits(const struct sim *s, int64_t *thresh, int64_t *bg)
{
	int64_t avail = sim_node_value(s, -1, NV_FREE) + sim_node_value(s, -1, NV_INACTIVE_FILE) +
			sim_node_value(s, -1, NV_ACTIVE_FILE) - (int64_t)s->kr.totalreserve_pages;

	if (avail < 0)
		avail = 0;
	*thresh = avail * 20 / 100;
	*bg = avail * 10 / 100;
}

static void numa_lines(const struct sim *s, struct sbuf *sb)
{
	for (int i = 0; i < 6; i++)
		sbuf_printf(sb, "%s %lld\n", sim_numa_items[i], (long long)zone_items_sum(s, sim_numa_items[i], -1));
}

void sim_render_vmstat(const struct sim *s, uint32_t kver, struct sbuf *sb)
{
	int64_t thresh, bg;

	if (kver < KF_VER(4, 8)) {
		for (size_t i = 0; i < sim_nold_zone_items; i++)
			if (sim_item_in_era(&sim_old_zone_items[i], kver))
				sbuf_printf(sb, "%s %lld\n", sim_old_zone_items[i].name,
					    (long long)zone_items_sum(s, sim_old_zone_items[i].name, -1));
	} else {
		for (size_t i = 0; i < sim_nzone_items; i++) {
			if (!sim_item_in_era(&sim_zone_items[i], kver))
				continue;
			/* before 4.14 the NUMA counters were zone items, before nr_free_cma */
			if (kver < KF_VER(4, 14) && !strcmp(sim_zone_items[i].name, "nr_free_cma"))
				numa_lines(s, sb);
			sbuf_printf(sb, "%s %lld\n", sim_zone_items[i].name,
				    (long long)zone_items_sum(s, sim_zone_items[i].name, -1));
		}
		if (kver >= KF_VER(4, 14))
			numa_lines(s, sb);
		for (size_t i = 0; i < sim_nnode_items; i++) {
			int64_t t = 0;

			if (!sim_item_in_era(&sim_node_items[i], kver))
				continue;
			for (int n = 0; n < s->nnodes; n++)
				t += sim_node_item(s, &s->node[n], sim_node_items[i].name);
			sbuf_printf(sb, "%s %lld\n", sim_node_items[i].name, (long long)t);
		}
	}
	dirty_limits(s, &thresh, &bg);
	sbuf_printf(sb, "nr_dirty_threshold %lld\nnr_dirty_background_threshold %lld\n", (long long)thresh,
		    (long long)bg);
	if (kver >= KF_VER(6, 11)) {
		uint64_t memmap = 0;

		for (int n = 0; n < s->nnodes; n++)
			for (int i = 0; i < s->node[n].nzones; i++)
				memmap += s->node[n].zone[i].present / 64;
		sbuf_printf(sb, "nr_memmap_pages %d\nnr_memmap_boot_pages %llu\n", 0, (unsigned long long)memmap);
	}
	for (size_t i = 0; i < ZS_ARRAY_LEN(events); i++) {
		if (!sim_item_in_era(&events[i], kver))
			continue;
		if (strchr(events[i].name, '@'))
			zone_family(s, events[i].name, kver, sb);
		else
			sbuf_printf(sb, "%s %lld\n", events[i].name, (long long)event_value(s, events[i].name));
	}
	if (kver >= KF_VER(5, 8))
		sbuf_printf(sb, "nr_unstable 0\n");
}

/* devices/system/node/nodeN/vmstat: the node's items (zone items summed over its zones) */
void sim_render_node_vmstat(const struct sim *s, int node, struct sbuf *sb)
{
	for (size_t i = 0; i < sim_nzone_items; i++)
		if (sim_item_in_era(&sim_zone_items[i], s->kver))
			sbuf_printf(sb, "%s %lld\n", sim_zone_items[i].name,
				    (long long)zone_items_sum(s, sim_zone_items[i].name, node));
	for (size_t i = 0; i < sim_nnode_items; i++)
		if (sim_item_in_era(&sim_node_items[i], s->kver))
			sbuf_printf(sb, "%s %lld\n", sim_node_items[i].name,
				    (long long)sim_node_item(s, &s->node[node], sim_node_items[i].name));
}
