/* kformula-sample.c — a kf_machine from a parsed sample: kernel version, zones, CPUs and sysctls.
 *
 * What the snapshot does not hold is inferred the way the kernel would have it and flagged in
 * m->inferred, so --explain can say which of its inputs are guesses. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kformula-sample.h"
#include "sat.h"

uint32_t kf_version_from_zoneinfo(const struct proc_zoneinfo *zi)
{
	bool node_stats = false, all_zones = false, pcp_from_low = false;
	unsigned have = 0;

	for (int i = 0; i < zi->nzones; i++) {
		const struct zone *z = &zi->zone[i];

		have |= z->have;
		if (kv_has(&z->items, "nr_free_pages_blocks"))
			return zi->pcp_format == 2 && !(have & ZONE_HAVE_HIGHATOMIC) ? KF_VER(6, 15) : KF_VER(6, 19);
		if (!z->populated)
			all_zones = true;
	}
	for (int i = 0; i < zi->nnodes; i++)
		if (zi->node[i].have_stats)
			node_stats = true;
	if (have & ZONE_HAVE_HIGHATOMIC)
		return KF_VER(6, 19);
	if (zi->pcp_format == 2)
		return KF_VER(6, 7);
	if (have & ZONE_HAVE_PROMO)
		return KF_VER(6, 0);
	if (have & ZONE_HAVE_BOOST)
		return KF_VER(5, 14);
	/* ≈5.13/5.14 sized pcp high from the low watermark instead of 6·batch: the pagesets tell */
	for (int i = 0; i < zi->nzones; i++) {
		const struct zone *z = &zi->zone[i];

		if (z->populated && z->npcp > 0 && z->pcp[0].batch > 1 && z->pcp[0].high != 6 * z->pcp[0].batch)
			pcp_from_low = true;
	}
	if (have & ZONE_HAVE_CMA)
		return pcp_from_low ? KF_VER(5, 14) : KF_VER(5, 12);
	if (node_stats) {
		if (pcp_from_low)
			return KF_VER(5, 14);
		for (int i = 0; i < zi->nnodes; i++) {
			if (kv_has(&zi->node[i].stats, "workingset_refault_anon"))
				return KF_VER(5, 9);
			if (kv_has(&zi->node[i].stats, "nr_foll_pin_acquired"))
				return KF_VER(5, 8);
		}
		if (have & ZONE_HAVE_NODE_SCANNED)
			return KF_VER(4, 8);
		/* a pcp batch above 31 needs 4.19's 1 MiB cap (before: 512 KiB, batch at most 31) */
		for (int i = 0; i < zi->nzones; i++)
			if (zi->zone[i].populated && zi->zone[i].npcp > 0 && zi->zone[i].pcp[0].batch > 31)
				return KF_VER(4, 19);
		return all_zones ? KF_VER(4, 12) : KF_VER(4, 11);
	}
	if (have & ZONE_HAVE_MANAGED)
		return KF_VER(3, 8);
	if (have & ZONE_HAVE_PREV_PRIORITY)
		return KF_VER(2, 6);
	return KF_VER(3, 0);
}

static int node_slot(const struct kf_machine *m, int id)
{
	for (int i = 0; i < m->nnodes; i++)
		if (m->node[i].id == id)
			return i;
	return -1;
}

static int zone_pos(const struct kf_zone_in *list, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].name, name) == 0)
			return i;
	return -1;
}

bool kf_machine_zone_slot(const struct kf_machine *m, const struct zone *z, int *ni, int *zi)
{
	int n = node_slot(m, z->node), p;

	if (n < 0)
		return false;
	p = zone_pos(m->node[n].zone, m->node[n].nzones, z->name);
	if (p < 0)
		return false;
	*ni = n;
	*zi = p;
	return true;
}

/* One zone list for every node (the kernel gives every node all MAX_NR_ZONES zones): names in index
 * order, merged from all nodes, so a node printing only "Normal" still gets index 2. */
static int zone_template(const struct proc_zoneinfo *zi, struct kf_zone_in *tpl)
{
	int n = 0, maxprot = 0;

	for (int i = 0; i < zi->nzones; i++) {
		const struct zone *z = &zi->zone[i];
		int prev = -1;

		if (z->nprotection > maxprot)
			maxprot = z->nprotection;
		/* the previous zone of the same node fixes where an unseen name goes */
		for (int k = i - 1; k >= 0 && zi->zone[k].node == z->node; k--) {
			prev = zone_pos(tpl, n, zi->zone[k].name);
			break;
		}
		if (zone_pos(tpl, n, z->name) >= 0 || n >= KF_MAX_ZONES)
			continue;
		memmove(&tpl[prev + 2], &tpl[prev + 1], (size_t)(n - prev - 1) * sizeof *tpl);
		memset(&tpl[prev + 1], 0, sizeof *tpl);
		snprintf(tpl[prev + 1].name, sizeof tpl[0].name, "%s", z->name);
		tpl[prev + 1].type = kf_zone_type_of(z->name);
		n++;
	}
	/* old kernels do not print unpopulated zones, but protection has one entry per zone index */
	while (n < maxprot && n < KF_MAX_ZONES) {
		memset(&tpl[n], 0, sizeof *tpl);
		tpl[n].type = KZ_OTHER;
		n++;
	}
	return n;
}

int kf_zone_index(const struct proc_zoneinfo *zi, const char *name)
{
	struct kf_zone_in tpl[KF_MAX_ZONES];
	int n = zone_template(zi, tpl);

	return zone_pos(tpl, n, name);
}

/* Page size from the LRU sizes both meminfo (kB) and vmstat (pages) print. */
static int page_shift_of(const struct sample *s)
{
	static const char *const mi[] = { "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)" };
	static const char *const vm[] = { "nr_active_anon", "nr_inactive_anon", "nr_active_file",
					  "nr_inactive_file" };
	int64_t kb = 0, pages = 0;

	if (!(s->have & SAMPLE_HAVE(SP_MEMINFO)) || !(s->have & SAMPLE_HAVE(SP_VMSTAT)))
		return 0;
	for (int i = 0; i < 4; i++) {
		kb = sat_add(kb, kv_val(&s->meminfo, mi[i]));
		pages = sat_add(pages, kv_val(&s->vmstat, vm[i]));
	}
	if (pages < 1024 || kb <= 0)
		return 0;
	for (int shift = 12; shift <= 16; shift++) {
		double want = (double)((int64_t)1 << (shift - 10));
		double got = (double)kb / (double)pages;

		if (got > want * 0.8 && got < want * 1.25)
			return shift;
	}
	return 0;
}

static int count_cpus_in_pagesets(const struct proc_zoneinfo *zi)
{
	int best = 0;

	for (int i = 0; i < zi->nzones; i++)
		if (zi->zone[i].npcp > best)
			best = zi->zone[i].npcp;
	return best;
}

/* min_free_kbytes from the printed min watermarks: Σ tmp is pages_min minus at most one page per zone
 * lost to truncation, so try each candidate in that window against every zone. */
static int64_t infer_min_free_kbytes(const struct sample *s, struct kf_machine *m)
{
	uint64_t sum = 0;
	int nz = 0;
	struct kf_result *r;
	int64_t found = -1;
	static struct kf_result rbuf;   /* large; explain and calibration run once, single-threaded */

	for (int i = 0; i < s->zi.nzones; i++) {
		const struct zone *z = &s->zi.zone[i];
		enum kf_zone_type t = kf_zone_type_of(z->name);

		if (t == KZ_HIGHMEM || (t == KZ_MOVABLE && m->kver >= KF_VER(6, 0)))
			continue;
		uint64_t tmp = z->min >= z->boost ? z->min - z->boost : 0;

		/* pages beyond the sysctl's largest kB value: a damaged file */
		sum = tmp < KF_MIN_FREE_KBYTES_MAX - sum ? sum + tmp : KF_MIN_FREE_KBYTES_MAX;
		nz++;
	}
	if (nz == 0)
		return -1;
	if (sum == KF_MIN_FREE_KBYTES_MAX) /* no search: the sysctl's largest value stands for it */
		return KF_MIN_FREE_KBYTES_MAX;
	r = &rbuf;
	for (uint64_t k = 0; k <= (uint64_t)nz && found < 0; k++) {
		uint64_t pm = sum + k;
		bool ok = true;

		m->min_free_kbytes = (int64_t)(pm << (m->page_shift - 10));
		kf_compute(m, r);
		for (int i = 0; i < s->zi.nzones && ok; i++) {
			const struct zone *z = &s->zi.zone[i];
			int ni, zi;

			if (!kf_machine_zone_slot(m, z, &ni, &zi))
				continue;
			if (r->node[ni][zi].wmark_min + z->boost != z->min)
				ok = false;
		}
		if (ok)
			found = m->min_free_kbytes;
	}
	/* no candidate fits every zone (a user-set scale factor, hotplug …): the plain sum is the best guess */
	return found >= 0 ? found : (int64_t)(sum << (m->page_shift - 10));
}

int kf_machine_from_sample(const struct sample *s, struct kf_machine *m, struct zs_err *e)
{
	const struct proc_zoneinfo *zi = &s->zi;
	const struct sysctls *sys = &s->sys;
	struct kf_zone_in tpl[KF_MAX_ZONES];
	uint32_t kver = 0;
	int ntpl, shift;

	if (!(s->have & SAMPLE_HAVE(SP_ZONEINFO)) || zi->nzones == 0) {
		zs_err_set(e, 0, "zoneinfo: no zones to describe the machine with");
		return -1;
	}
	if (s->kernel_release[0])
		kver = kf_version_from_release(s->kernel_release);
	kf_machine_defaults(m, kver ? kver : kf_version_from_zoneinfo(zi));
	if (!kver)
		m->inferred |= KF_INFERRED_KVER;

	shift = page_shift_of(s);
	if (shift) {
		m->page_shift = shift;
	} else {
		m->page_shift = 12;
		m->inferred |= KF_INFERRED_PAGE_SHIFT;
	}
	/* pageblock_order: HPAGE_PMD_ORDER with THP (9 for 4 KiB pages), else the largest buddy order */
	m->pageblock_order = m->page_shift == 12 ? 9 : m->page_shift == 14 ? 11 : 13;
	if (sys->thp_enabled < 0 && s->have & SAMPLE_HAVE(SP_SYSCTLS) && s->buddy.nzones > 0 &&
	    s->buddy.zone[0].norders > 1 && s->buddy.zone[0].norders <= 21)
		m->pageblock_order = s->buddy.zone[0].norders - 1;
	if (s->have & SAMPLE_HAVE(SP_PAGETYPEINFO) && s->pti.pageblock_order > 0 && s->pti.pageblock_order < 20)
		m->pageblock_order = s->pti.pageblock_order;

	ntpl = zone_template(zi, tpl);
	for (int i = 0; i < zi->nzones; i++) {
		const struct zone *z = &zi->zone[i];
		int ni = node_slot(m, z->node), p;
		struct kf_zone_in *kz;

		if (ni < 0) {
			if (m->nnodes >= KF_MAX_NODES)
				continue;
			ni = m->nnodes++;
			m->node[ni].id = z->node;
			m->node[ni].nzones = ntpl;
			memcpy(m->node[ni].zone, tpl, sizeof tpl);
		}
		p = zone_pos(m->node[ni].zone, m->node[ni].nzones, z->name);
		if (p < 0)
			continue;
		kz = &m->node[ni].zone[p];
		/* before 3.8 the formulas used present pages, and no "managed" line exists */
		kz->managed = z->have & ZONE_HAVE_MANAGED ? z->managed : z->present;
		kz->present = z->present;
		kz->spanned = z->spanned;
		kz->boost = z->boost;
	}

	if (s->have & SAMPLE_HAVE(SP_CPU_ONLINE) && s->ncpu_online > 0) {
		m->online_cpus = s->ncpu_online;
	} else {
		int n = count_cpus_in_pagesets(zi);

		m->online_cpus = n > 0 ? n : 1;
		m->inferred |= KF_INFERRED_CPUS;
	}
	for (int ni = 0; ni < m->nnodes; ni++) {
		m->node[ni].ncpus = 0;
		for (int k = 0; k < s->nnodes; k++)
			if (s->nodes[k].id == m->node[ni].id)
				m->node[ni].ncpus = s->nodes[k].ncpus;
		if (!(s->have & SAMPLE_HAVE(SP_NODES)) || s->nnodes == 0) {
			if (m->nnodes == 1)
				m->node[ni].ncpus = m->online_cpus;
			else
				m->inferred |= KF_INFERRED_NODE_CPUS;
		}
	}

	if (sys->watermark_scale_factor >= 0)
		m->watermark_scale_factor = sys->watermark_scale_factor;
	else
		m->inferred |= KF_INFERRED_SYSCTLS;
	if (sys->watermark_boost_factor >= 0)
		m->watermark_boost_factor = sys->watermark_boost_factor;
	if (sys->nlowmem_reserve_ratio > 0) {
		m->nlowmem_reserve_ratio = sys->nlowmem_reserve_ratio < KF_MAX_ZONES ? sys->nlowmem_reserve_ratio
										: KF_MAX_ZONES;
		for (int i = 0; i < m->nlowmem_reserve_ratio; i++)
			m->lowmem_reserve_ratio[i] = sys->lowmem_reserve_ratio[i];
	} else {
		m->inferred |= KF_INFERRED_SYSCTLS;
	}
	if (sys->percpu_pagelist_high_fraction >= 0)
		m->percpu_pagelist_high_fraction = sys->percpu_pagelist_high_fraction;
	if (sys->percpu_pagelist_fraction >= 0)
		m->percpu_pagelist_fraction = sys->percpu_pagelist_fraction;
	m->thp = sys->thp_enabled != 0;
	if (sys->min_free_kbytes >= 0) {
		m->min_free_kbytes = sys->min_free_kbytes;
	} else {
		m->min_free_kbytes = infer_min_free_kbytes(s, m);
		m->inferred |= KF_INFERRED_MIN_FREE;
	}
	return 0;
}
