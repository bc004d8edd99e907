/* analysis-reclaim.c — reclaim accounting by reclaimer and by type, stalls, refaults, swap, OOM kills,
 * vmpressure and PSI, as rates over the interval between two samples (or averages since boot).
 *
 * The counters changed names across kernels (kernel-mm-formulas.md §5.4); this is the one place that
 * knows them all.  The rule other tools broke (sysstat#415, atop#245): pgscan_anon/pgscan_file (5.8+)
 * count the same pages as pgscan_kswapd/direct/khugepaged/proactive, split by type instead of by
 * reclaimer — they are reported beside the totals, never added to them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "analysis.h"

const char *const rc_counter_name[RC_N] = {
	[RC_SCAN_KSWAPD] = "scan_kswapd", [RC_SCAN_DIRECT] = "scan_direct",
	[RC_SCAN_KHUGEPAGED] = "scan_khugepaged", [RC_SCAN_PROACTIVE] = "scan_proactive",
	[RC_SCAN_TOTAL] = "scan_total",
	[RC_STEAL_KSWAPD] = "steal_kswapd", [RC_STEAL_DIRECT] = "steal_direct",
	[RC_STEAL_KHUGEPAGED] = "steal_khugepaged", [RC_STEAL_PROACTIVE] = "steal_proactive",
	[RC_STEAL_TOTAL] = "steal_total",
	[RC_SCAN_ANON] = "scan_anon", [RC_SCAN_FILE] = "scan_file",
	[RC_STEAL_ANON] = "steal_anon", [RC_STEAL_FILE] = "steal_file",
	[RC_ALLOCSTALL] = "allocstall", [RC_COMPACT_STALL] = "compact_stall",
	[RC_COMPACT_FAIL] = "compact_fail", [RC_COMPACT_SUCCESS] = "compact_success",
	[RC_REFAULT] = "refault", [RC_REFAULT_ANON] = "refault_anon", [RC_REFAULT_FILE] = "refault_file",
	[RC_ACTIVATE] = "activate", [RC_ACTIVATE_ANON] = "activate_anon",
	[RC_ACTIVATE_FILE] = "activate_file",
	[RC_SWAP_IN] = "swap_in", [RC_SWAP_OUT] = "swap_out", [RC_OOM_KILL] = "oom_kill",
};

/* Zone suffixes of the ≤ 4.7 per-zone reclaim counters and of allocstall_* (4.8+).  An explicit list,
 * not a prefix match: "pgscan_direct_throttle" must not be taken for a zone of pgscan_direct. */
static const char *const zone_sfx[] = { "dma", "dma32", "normal", "high", "movable", "device" };

static void set(struct reclaim_counts *c, enum rc_counter i, uint64_t v)
{
	c->v[i] = v;
	c->have[i] = true;
}

static void set_src(struct reclaim_counts *c, enum rc_counter i, uint64_t v, const char *src)
{
	set(c, i, v);
	c->src[i] = src;
}

static bool get(const struct kvset *kv, const char *name, uint64_t *v)
{
	int64_t x;

	if (!kv_get(kv, name, &x))
		return false;
	*v = x > 0 ? (uint64_t)x : 0;
	return true;
}

/* name, else Σ name_<zone> (*zoned set); false when neither form exists. */
static bool get_or_zones(const struct kvset *kv, const char *name, uint64_t *v, bool *zoned)
{
	char buf[64];
	bool any = false;
	uint64_t x;

	*zoned = false;
	if (get(kv, name, v))
		return true;
	*zoned = true;
	*v = 0;
	for (size_t i = 0; i < ZS_ARRAY_LEN(zone_sfx); i++) {
		snprintf(buf, sizeof buf, "%s_%s", name, zone_sfx[i]);
		if (get(kv, buf, &x)) {
			*v += x;
			any = true;
		}
	}
	return any;
}

static void read_one(const struct kvset *kv, struct reclaim_counts *c, enum rc_counter i, const char *name)
{
	uint64_t v;

	if (get(kv, name, &v))
		set_src(c, i, v, name);
}

/* name and zoned are "pgscan_kswapd" and "pgscan_kswapd_<zone>": the names notes give */
static void read_zoned(const struct kvset *kv, struct reclaim_counts *c, enum rc_counter i, const char *name,
		       const char *zoned_name)
{
	uint64_t v;
	bool zoned;

	if (get_or_zones(kv, name, &v, &zoned))
		set_src(c, i, v, zoned ? zoned_name : name);
}

/* Σ of the parts that exist; the total exists when any part does. */
static void sum_parts(struct reclaim_counts *c, enum rc_counter total, enum rc_counter first, int n)
{
	uint64_t s = 0;
	bool any = false;

	for (int i = 0; i < n; i++)
		if (c->have[first + i]) {
			s += c->v[first + i];
			any = true;
		}
	if (any)
		set(c, total, s);
}

void reclaim_counts_read(const struct kvset *kv, struct reclaim_counts *c)
{
	uint64_t old_total;
	bool zoned;

	memset(c, 0, sizeof *c);
	read_zoned(kv, c, RC_SCAN_KSWAPD, "pgscan_kswapd", "pgscan_kswapd_<zone>");
	read_zoned(kv, c, RC_SCAN_DIRECT, "pgscan_direct", "pgscan_direct_<zone>");
	read_one(kv, c, RC_SCAN_KHUGEPAGED, "pgscan_khugepaged");
	read_one(kv, c, RC_SCAN_PROACTIVE, "pgscan_proactive");
	sum_parts(c, RC_SCAN_TOTAL, RC_SCAN_KSWAPD, 4);

	read_zoned(kv, c, RC_STEAL_KSWAPD, "pgsteal_kswapd", "pgsteal_kswapd_<zone>");
	read_zoned(kv, c, RC_STEAL_DIRECT, "pgsteal_direct", "pgsteal_direct_<zone>");
	read_one(kv, c, RC_STEAL_KHUGEPAGED, "pgsteal_khugepaged");
	read_one(kv, c, RC_STEAL_PROACTIVE, "pgsteal_proactive");
	/* ≤ 3.4: pgsteal_<zone> counted every reclaimed page and kswapd_steal kswapd's share. */
	if (!c->have[RC_STEAL_KSWAPD] && !c->have[RC_STEAL_DIRECT] && get_or_zones(kv, "pgsteal", &old_total, &zoned)) {
		uint64_t k;

		if (get(kv, "kswapd_steal", &k)) {
			set_src(c, RC_STEAL_KSWAPD, k, "kswapd_steal");
			set(c, RC_STEAL_DIRECT, old_total >= k ? old_total - k : 0);
		}
		set_src(c, RC_STEAL_TOTAL, old_total, "pgsteal_<zone>");
	} else {
		sum_parts(c, RC_STEAL_TOTAL, RC_STEAL_KSWAPD, 4);
	}

	read_one(kv, c, RC_SCAN_ANON, "pgscan_anon");
	read_one(kv, c, RC_SCAN_FILE, "pgscan_file");
	read_one(kv, c, RC_STEAL_ANON, "pgsteal_anon");
	read_one(kv, c, RC_STEAL_FILE, "pgsteal_file");

	read_zoned(kv, c, RC_ALLOCSTALL, "allocstall", "allocstall_<zone>");
	read_one(kv, c, RC_COMPACT_STALL, "compact_stall");
	read_one(kv, c, RC_COMPACT_FAIL, "compact_fail");
	read_one(kv, c, RC_COMPACT_SUCCESS, "compact_success");

	read_one(kv, c, RC_REFAULT_ANON, "workingset_refault_anon");
	read_one(kv, c, RC_REFAULT_FILE, "workingset_refault_file");
	read_one(kv, c, RC_REFAULT, "workingset_refault");       /* < 5.9 */
	if (!c->have[RC_REFAULT])
		sum_parts(c, RC_REFAULT, RC_REFAULT_ANON, 2);
	read_one(kv, c, RC_ACTIVATE_ANON, "workingset_activate_anon");
	read_one(kv, c, RC_ACTIVATE_FILE, "workingset_activate_file");
	read_one(kv, c, RC_ACTIVATE, "workingset_activate");
	if (!c->have[RC_ACTIVATE])
		sum_parts(c, RC_ACTIVATE, RC_ACTIVATE_ANON, 2);

	read_one(kv, c, RC_SWAP_IN, "pswpin");
	read_one(kv, c, RC_SWAP_OUT, "pswpout");
	read_one(kv, c, RC_OOM_KILL, "oom_kill");
}

static void efficiency(const struct reclaim_counts *d, enum rc_counter scan, enum rc_counter steal,
		       bool *have, double *eff)
{
	*have = d->have[scan] && d->have[steal] && d->v[scan] > 0;
	*eff = *have ? 100.0 * (double)d->v[steal] / (double)d->v[scan] : 0;
}

static void analyse_psi(const struct sample *prev, const struct sample *cur, double span, bool since_boot,
			struct psi_analysis *p, struct analysis_notes *notes)
{
	uint64_t some_us, full_us;

	memset(p, 0, sizeof *p);
	if (!(cur->have & SAMPLE_HAVE(SP_PSI)))
		return;
	p->have = true;
	p->some = cur->psi.some;
	p->full = cur->psi.full;
	if (span <= 0)
		return;
	if (since_boot) {
		some_us = cur->psi.some.total_us;
		full_us = cur->psi.full.total_us;
	} else if (prev && (prev->have & SAMPLE_HAVE(SP_PSI))) {
		some_us = delta_named("pressure/memory some total", prev->psi.some.total_us,
				      cur->psi.some.total_us, notes);
		full_us = delta_named("pressure/memory full total", prev->psi.full.total_us,
				      cur->psi.full.total_us, notes);
	} else {
		return;
	}
	p->have_stall = true;
	p->some_stall_ms = (double)some_us / 1000.0;
	p->full_stall_ms = (double)full_us / 1000.0;
	p->some_pct = (double)some_us / (span * 1e6) * 100.0;
	p->full_pct = (double)full_us / (span * 1e6) * 100.0;
}

int analysis_reclaim(const struct sample *prev, const struct sample *cur, struct vmp_window *win,
		     struct reclaim_analysis *out, struct analysis_notes *notes)
{
	struct reclaim_counts now, before;
	struct vmp_window local = { 0, 0 };
	bool have_prev = prev && (prev->have & SAMPLE_HAVE(SP_VMSTAT));

	memset(out, 0, sizeof *out);
	if (!(cur->have & SAMPLE_HAVE(SP_VMSTAT))) {
		analysis_notes_add(notes, "%s", cur->err[SP_VMSTAT].msg[0] ? cur->err[SP_VMSTAT].msg
									   : "vmstat: not read");
		return -1;
	}
	reclaim_counts_read(&cur->vmstat, &now);
	if (!have_prev) {
		out->since_boot = true;
		out->d = now;
		if ((cur->have & SAMPLE_HAVE(SP_UPTIME)) && cur->uptime.up > 0)
			out->span_s = cur->uptime.up;
	} else {
		reclaim_counts_read(&prev->vmstat, &before);
		out->span_s = delta_seconds(prev, cur);
		for (int i = 0; i < RC_N; i++) {
			/* A counter only one of the samples has (a different kernel's tree) has no delta. */
			if (!now.have[i] || !before.have[i])
				continue;
			out->d.have[i] = true;
			out->d.src[i] = now.src[i];
			/* sums are noted through their parts */
			out->d.v[i] = now.src[i] ? delta_named(now.src[i], before.v[i], now.v[i], notes)
						 : delta_counter(before.v[i], now.v[i], NULL);
		}
	}
	if (out->span_s > 0)
		for (int i = 0; i < RC_N; i++)
			if (out->d.have[i])
				out->rate[i] = (double)out->d.v[i] / out->span_s;
	efficiency(&out->d, RC_SCAN_TOTAL, RC_STEAL_TOTAL, &out->have_eff, &out->eff);
	efficiency(&out->d, RC_SCAN_KSWAPD, RC_STEAL_KSWAPD, &out->have_eff_kswapd, &out->eff_kswapd);
	efficiency(&out->d, RC_SCAN_DIRECT, RC_STEAL_DIRECT, &out->have_eff_direct, &out->eff_direct);

	/* vmpressure counts global reclaim by kswapd and direct reclaimers (khugepaged's is direct
	 * reclaim); proactive reclaim (memory.reclaim) is excluded, as the kernel excludes it. */
	if (!out->since_boot) {
		uint64_t scanned = 0, reclaimed = 0;
		static const enum rc_counter scan[] = { RC_SCAN_KSWAPD, RC_SCAN_DIRECT, RC_SCAN_KHUGEPAGED };
		static const enum rc_counter steal[] = { RC_STEAL_KSWAPD, RC_STEAL_DIRECT, RC_STEAL_KHUGEPAGED };

		for (size_t i = 0; i < ZS_ARRAY_LEN(scan); i++) {
			if (out->d.have[scan[i]])
				scanned += out->d.v[scan[i]];
			if (out->d.have[steal[i]])
				reclaimed += out->d.v[steal[i]];
		}
		/* ≤ 3.4 without kswapd_steal: only the total is known */
		if (!out->d.have[RC_STEAL_KSWAPD] && out->d.have[RC_STEAL_TOTAL])
			reclaimed = out->d.v[RC_STEAL_TOTAL];
		if (out->d.have[RC_SCAN_TOTAL]) {
			out->have_vmp = true;
			out->vmp_level = vmpressure_feed(win ? win : &local, scanned, reclaimed, &out->vmp_pct);
		}
	}
	analyse_psi(have_prev ? prev : NULL, cur, out->span_s, out->since_boot, &out->psi, notes);
	return 0;
}
