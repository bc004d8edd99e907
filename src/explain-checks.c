/* explain-checks.c — the rows of --explain: for each zone, each number the kernel derives (watermarks,
 * protection, vm stats threshold, drift mark, pcp batch/high limits) with its formula and numbers, and
 * whether the kernel shows the same; then the cross-file consistency of the free page counts.
 *
 * Divisions in the formula text truncate, as in the kernel ("a*b/c" is ⌊a·b/c⌋). */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "kformula-sample.h"
#include "proc.h"
#include "sat.h"

#define U(x) ((uint64_t)(x))

static struct explain_row *add(struct explain *x, int node, const char *zone, const char *field)
{
	struct explain_row *r;

	xgrow((void **)&x->row, &x->cap, x->n + 1, sizeof *x->row);
	r = &x->row[x->n++];
	memset(r, 0, sizeof *r);
	r->node = node;
	snprintf(r->zone, sizeof r->zone, "%s", zone);
	snprintf(r->field, sizeof r->field, "%s", field);
	r->st = EX_INFO;
	return r;
}

static void formula(struct explain_row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void formula(struct explain_row *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->formula, sizeof r->formula, fmt, ap);
	va_end(ap);
}

static void note(struct explain_row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct explain_row *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->note, sizeof r->note, fmt, ap);
	va_end(ap);
}

/* A compared row: kernel value k against derived d. */
static struct explain_row *cmp(struct explain *x, const struct zone *z, const char *field, int64_t k, int64_t d)
{
	struct explain_row *r = add(x, z ? z->node : -1, z ? z->name : "", field);

	r->have_kernel = r->have_derived = true;
	r->kernel = k;
	r->derived = d;
	r->st = k == d ? EX_AGREE : EX_DISAGREE;
	return r;
}

static void summary(struct explain *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void summary(struct explain *x, const char *fmt, ...)
{
	va_list ap;

	if (x->nsummary >= (int)ZS_ARRAY_LEN(x->summary))
		return;
	va_start(ap, fmt);
	vsnprintf(x->summary[x->nsummary++], sizeof x->summary[0], fmt, ap);
	va_end(ap);
}

/* ---- watermarks ---- */

static void wmark_rows(struct explain *x, const struct zone *z, const struct kf_zone_in *in,
		       const struct kf_zone_out *o)
{
	const struct kf_machine *m = &x->m;
	uint64_t b = z->boost;
	struct explain_row *r;
	char boost[40] = "";
	uint64_t scaled = in->managed / 10000 * U(m->watermark_scale_factor) +
			  in->managed % 10000 * U(m->watermark_scale_factor) / 10000;

	if (b)
		snprintf(boost, sizeof boost, " + boost %" PRIu64, b);
	r = cmp(x, z, "min", (int64_t)z->min, (int64_t)(o->wmark_min + b));
	if (o->min_capped)
		formula(r, "clamp(managed/1024, 32, 128) = clamp(%" PRIu64 "/1024, 32, 128)%s", in->managed, boost);
	else
		formula(r, "pages_min*managed/lowmem_pages = %" PRIu64 "*%" PRIu64 "/%" PRIu64 "%s",
			x->r.pages_min, in->managed, x->r.lowmem_pages, boost);

	r = cmp(x, z, "low", (int64_t)z->low, (int64_t)(o->wmark_low + b));
	if (m->kver < KF_VER(4, 6))
		formula(r, "min + tmp/4 = %" PRIu64 " + %" PRIu64 "/4%s", o->wmark_min, o->tmp, boost);
	else
		formula(r, "min + dist = %" PRIu64 " + max(tmp/4, managed*wsf/10000) = %" PRIu64
			   " + max(%" PRIu64 "/4, %" PRIu64 "*%" PRId64 "/10000) = %" PRIu64 " + max(%" PRIu64
			   ", %" PRIu64 ")%s",
			o->wmark_min, o->wmark_min, o->tmp, in->managed, m->watermark_scale_factor, o->wmark_min,
			o->tmp / 4, scaled, boost);

	r = cmp(x, z, "high", (int64_t)z->high, (int64_t)(o->wmark_high + b));
	if (m->kver < KF_VER(4, 6))
		formula(r, "min + tmp/2 = %" PRIu64 " + %" PRIu64 "/2%s", o->wmark_min, o->tmp, boost);
	else
		formula(r, "low + dist = %" PRIu64 " + %" PRIu64 "%s", o->wmark_low, o->dist, boost);

	if (z->have & ZONE_HAVE_PROMO) {
		r = cmp(x, z, "promo", (int64_t)z->promo, (int64_t)(o->wmark_promo + b));
		formula(r, "high + dist = %" PRIu64 " + %" PRIu64 "%s", o->wmark_high, o->dist, boost);
	}
	if (z->have & ZONE_HAVE_BOOST) {
		r = add(x, z->node, z->name, "boost");
		r->have_kernel = r->have_derived = true;
		r->kernel = (int64_t)z->boost;
		r->derived = (int64_t)o->max_boost;
		r->st = z->boost <= o->max_boost ? EX_AGREE : EX_DISAGREE;
		formula(r, "0 <= boost <= max_boost = max(pageblock, high*boost_factor/10000) = max(%d, %" PRIu64
			   "*%" PRId64 "/10000)",
			1 << m->pageblock_order, o->wmark_high, m->watermark_boost_factor);
		if (o->max_boost == 0)
			note(r, "boosting never applies to this zone (factor 0 or zone smaller than 4 pageblocks)");
		else if (z->boost)
			note(r, "a fallback allocation boosted the watermarks; kswapd reclaims it away");
	}
}

/* ---- protection ---- */

static void protection_rows(struct explain *x, const struct zone *z, int ni, int zi)
{
	const struct kf_machine *m = &x->m;
	const struct kf_node_in *n = &m->node[ni];
	const struct kf_zone_out *o = &x->r.node[ni][zi];
	int64_t ratio;
	char field[24], sum[120];

	if (!(z->have & ZONE_HAVE_PROTECTION))
		return;
	ratio = m->nlowmem_reserve_ratio > 0 ? (zi < m->nlowmem_reserve_ratio ? m->lowmem_reserve_ratio[zi] : 0)
					     : kf_default_lowmem_reserve_ratio(n->zone[zi].type, m->kver);
	for (int j = 0; j < z->nprotection && j < KF_MAX_ZONES; j++) {
		struct explain_row *r;
		const char *upper = j < n->nzones && n->zone[j].name[0] ? n->zone[j].name : "?";
		int len = 0;

		snprintf(field, sizeof field, "protection[%s]", upper);
		r = cmp(x, z, field, z->protection[j], j < n->nzones ? o->protection[j] : 0);
		if (j <= zi) {
			formula(r, "a zone keeps no reserve against itself or lower zones");
			continue;
		}
		sum[0] = '\0';
		for (int k = zi + 1; k <= j && k < n->nzones && len < (int)sizeof sum - 24; k++)
			len += snprintf(sum + len, sizeof sum - (size_t)len, "%s%" PRIu64, k > zi + 1 ? "+" : "",
					n->zone[k].managed);
		if (ratio < 1 && m->kver >= KF_VER(4, 18))
			formula(r, "lowmem_reserve_ratio[%d] = 0: no reserve", zi);
		else if (n->zone[zi].managed == 0 && m->kver >= KF_VER(5, 8))
			formula(r, "this zone has no managed pages: no reserve");
		else if (m->kver >= KF_VER(5, 19) && m->kver < KF_VER(6, 14) && n->zone[j].managed == 0)
			formula(r, "%s is empty: no reserve against it (5.19 to 6.13)", upper);
		else
			formula(r, "sum(managed %s..%s)/ratio = (%s)/%" PRId64, zi + 1 < n->nzones ? n->zone[zi + 1].name : "?",
				upper, sum, ratio < 1 ? 1 : ratio);
	}
}

/* ---- thresholds and drift ---- */

static int fls_u64(uint64_t v)
{
	int n = 0;

	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static void threshold_rows(struct explain *x, const struct zone *z, const struct kf_zone_in *in,
			   const struct kf_zone_out *o)
{
	const struct kf_machine *m = &x->m;
	struct explain_row *r;
	uint64_t tolerate = o->wmark_low - o->wmark_min;

	if (z->populated && (z->have & ZONE_HAVE_THRESHOLD)) {
		r = cmp(x, z, "threshold", z->threshold, o->threshold);
		formula(r, "min(125, 2*fls(cpus)*(1+fls(managed>>%d))) = min(125, 2*%d*(1+%d))", 27 - m->page_shift,
			fls_u64(U(m->online_cpus)), fls_u64(in->managed >> (27 - m->page_shift)));
		if (r->st == EX_DISAGREE && o->drift_mark && z->threshold == o->pressure_threshold) {
			r->st = EX_EXPLAINED;
			note(r, "kswapd is awake: it switches zones with a drift mark to the pressure threshold %d",
			     o->pressure_threshold);
		} else if (r->st == EX_DISAGREE) {
			note(r, "thresholds are refreshed on CPU hotplug and watermark changes: %s",
			     m->inferred & KF_INFERRED_CPUS ? "online CPUs were counted from the pagesets"
							    : "online CPUs or managed pages changed since the last refresh");
		}
	}
	if (!z->populated)
		return;
	r = add(x, z->node, z->name, "pressure_threshold");
	r->have_derived = true;
	r->derived = o->pressure_threshold;
	formula(r, "min(125, max(1, (low-min)/cpus)) = min(125, max(1, %" PRIu64 "/%d))", tolerate, m->online_cpus);
	note(r, "used instead of the threshold while kswapd is awake, in zones with a drift mark");

	r = add(x, z->node, z->name, "drift_mark");
	r->have_derived = true;
	r->derived = (int64_t)o->drift_mark;
	if (o->drift_mark)
		formula(r, "high + cpus*threshold = %" PRIu64 " + %" PRIu64 " (max drift %" PRIu64 " > low-min %" PRIu64
			   ")",
			o->wmark_high, o->max_drift, o->max_drift, tolerate);
	else
		formula(r, "none: max drift cpus*threshold = %" PRIu64 " <= low-min = %" PRIu64, o->max_drift,
			tolerate);
}

/* ---- per-CPU pagesets ---- */

/* The value every CPU shows for one pcp field, or the first one that differs from want. */
static int64_t pcp_value(const struct zone *z, size_t off, int64_t want, int *ncpu_off)
{
	int64_t first = 0;
	bool have = false;

	*ncpu_off = 0;
	for (int i = 0; i < z->npcp; i++) {
		int64_t v = *(const int64_t *)(const void *)((const char *)&z->pcp[i] + off);

		if (v != want) {
			if (!*ncpu_off)
				first = v;
			(*ncpu_off)++;
		} else if (!have && !*ncpu_off) {
			first = v;
		}
		have = true;
	}
	return first;
}

static void pcp_rows(struct explain *x, const struct zone *z, const struct kf_zone_in *in,
		     const struct kf_zone_out *o, int ni)
{
	const struct kf_machine *m = &x->m;
	struct explain_row *r;
	int off, split = m->node[ni].ncpus > 0 ? m->node[ni].ncpus : m->online_cpus;
	uint64_t b4 = in->managed / 1024;
	uint64_t cap = (m->kver >= KF_VER(4, 19) ? U(1) << 20 : U(1) << 19) >> m->page_shift;
	const char *why_pcp = "pcp limits are set when watermarks, the pcp sysctls or the CPUs change";

	if (!z->populated || z->npcp == 0 || x->pcp_format == 0)
		return;
	if (b4 > cap)
		b4 = cap;
	r = cmp(x, z, "batch", pcp_value(z, offsetof(struct zone_pcp, batch), o->batch, &off), o->batch);
	if (m->kver < KF_VER(5, 14) && m->percpu_pagelist_fraction > 0)
		formula(r, "min(96, max(1, managed/fraction/4)) = managed %" PRIu64 "/%" PRId64 "/4", in->managed,
			m->percpu_pagelist_fraction);
	else
		formula(r, "max(1, rounddown_pow2(b + b/2) - 1), b = max(1, min(managed/1024, %" PRIu64
			   ")/4) = %" PRIu64,
			cap, b4 / 4 ? b4 / 4 : 1);
	if (r->st == EX_DISAGREE)
		note(r, "%d CPU(s) differ; %s", off, why_pcp);

	if (x->pcp_format == 2 && m->kver >= KF_VER(6, 7)) {
		const char *src = m->percpu_pagelist_high_fraction > 0 ? "managed/fraction" : "low";
		uint64_t total = m->percpu_pagelist_high_fraction > 0
					 ? in->managed / U(m->percpu_pagelist_high_fraction)
					 : o->wmark_low;
		int64_t lo, hi;
		int nstale = 0, nzero = 0, first_stale = -1;

		r = cmp(x, z, "high_min", pcp_value(z, offsetof(struct zone_pcp, high_min), o->high_min, &off),
			o->high_min);
		formula(r, "max(%s/cpus_of_node, 4*batch) = max(%" PRIu64 "/%d, 4*%d)", src, total, split, o->batch);
		if (r->st == EX_DISAGREE)
			note(r, "%d CPU(s) differ; %s", off, why_pcp);
		r = cmp(x, z, "high_max", pcp_value(z, offsetof(struct zone_pcp, high_max), o->high_max, &off),
			o->high_max);
		if (m->percpu_pagelist_high_fraction > 0)
			formula(r, "= high_min (percpu_pagelist_high_fraction %" PRId64 " turns auto-tuning off)",
				m->percpu_pagelist_high_fraction);
		else
			formula(r, "max(managed/8/cpus_of_node, 4*batch) = max(%" PRIu64 "/8/%d, 4*%d)", in->managed,
				split, o->batch);
		if (r->st == EX_DISAGREE)
			note(r, "%d CPU(s) differ; %s", off, why_pcp);

		/* the dynamic high: 0 until the CPU first uses the zone, clamped into [high_min, high_max] lazily */
		lo = o->high_min;
		hi = o->high_max;
		for (int i = 0; i < z->npcp; i++) {
			int64_t h = z->pcp[i].high;

			if (h == 0)
				nzero++;
			else if (h < lo || h > hi) {
				if (first_stale < 0)
					first_stale = i;
				nstale++;
			}
		}
		r = add(x, z->node, z->name, "high");
		r->have_kernel = true;
		r->kernel = first_stale >= 0 ? z->pcp[first_stale].high : z->pcp[0].high;
		formula(r, "0 (unused) or within [high_min, high_max] = [%" PRId64 ", %" PRId64 "], tuned at run time",
			lo, hi);
		if (nstale) {
			r->st = EX_EXPLAINED;
			note(r, "cpu %d (and %d more) keeps high %" PRId64 " from before the last recompute: the kernel "
				"clamps it on that CPU's next use of the zone",
			     z->pcp[first_stale].cpu, nstale - 1, z->pcp[first_stale].high);
		} else {
			r->st = EX_AGREE;
			if (nzero)
				note(r, "%d CPU(s) have not used this zone's list yet (high 0)", nzero);
		}
	} else if (x->pcp_format != 2) {
		int64_t d = o->pcp_high;

		r = cmp(x, z, "high", pcp_value(z, offsetof(struct zone_pcp, high), d, &off), d);
		if (m->kver < KF_VER(5, 14) && m->percpu_pagelist_fraction > 0)
			formula(r, "managed/percpu_pagelist_fraction = %" PRIu64 "/%" PRId64, in->managed,
				m->percpu_pagelist_fraction);
		else if (m->kver < KF_VER(5, 14))
			formula(r, "6*zone_batchsize = 6*%d", o->pcp_high / 6);
		else
			formula(r, "max(%s/cpus_of_node, 4*batch) = max(%" PRIu64 "/%d, 4*%d)",
				m->percpu_pagelist_high_fraction > 0 ? "managed/fraction" : "low",
				m->percpu_pagelist_high_fraction > 0 ? in->managed / U(m->percpu_pagelist_high_fraction)
								     : o->wmark_low,
				split, o->batch);
		if (r->st == EX_DISAGREE)
			note(r, "%d CPU(s) differ; %s", off, why_pcp);
	}
}

/* ---- causes of watermark disagreements ---- */

static bool row_disagrees(const struct explain *x, const struct zone *z, const char *field)
{
	const struct explain_row *r = explain_find(x, z->node, z->name, field);

	return r && r->st == EX_DISAGREE;
}

/* After all zones: name the likely cause, judged from which watermarks disagree in which zones. */
static void wmark_causes(struct explain *x, const struct sample *s)
{
	int nzones = 0, nmin_bad = 0;

	for (int i = 0; i < s->zi.nzones; i++) {
		const struct zone *z = &s->zi.zone[i];

		if (!z->populated)
			continue;
		nzones++;
		if (row_disagrees(x, z, "min"))
			nmin_bad++;
	}
	for (size_t i = 0; i < x->n; i++) {
		struct explain_row *r = &x->row[i];
		const char *f = r->field;

		if (r->st != EX_DISAGREE || r->note[0] || r->node < 0)
			continue;
		if (strcmp(f, "min") == 0) {
			if (x->m.inferred & KF_INFERRED_MIN_FREE)
				note(r, "min_free_kbytes is not in the snapshot and no value fits every zone");
			else if (nmin_bad == nzones)
				note(r, "min_free_kbytes %" PRId64 " does not give these watermarks: the sysctl was "
					"changed after they were set, or the snapshot was edited",
				     x->m.min_free_kbytes);
			else
				note(r, "managed pages changed after the last watermark recompute (memory hotplug, "
					"deferred init, balloon or freed boot memory), or a different kernel era");
		} else if (strcmp(f, "low") == 0 || strcmp(f, "high") == 0 || strcmp(f, "promo") == 0) {
			const struct zone *z = proc_zoneinfo_find(&s->zi, r->node, r->zone);

			if (z && row_disagrees(x, z, "min"))
				note(r, "follows from min");
			else if (z && z->boost == 0 && z->high > z->low && z->low > z->min &&
				 z->high - z->low == z->low - z->min)
				note(r, "the distance low-min = %" PRIu64 " is not what watermark_scale_factor %" PRId64
					" gives: the sysctl changed after the watermarks were set",
				     z->low - z->min, x->m.watermark_scale_factor);
			else
				note(r, "watermark_scale_factor or boost differ from when the watermarks were set, or a vendor "
					"patch (Android's extra_free_kbytes) raised low and high");
		} else if (strncmp(f, "protection", 10) == 0 && r->kernel < r->derived && r->kernel > 0) {
			note(r, "smaller than today's managed pages give: they grew after the reserves were set (initrd "
				"and init memory freed after boot, balloon deflate, hotplug)");
		} else if (strncmp(f, "protection", 10) == 0) {
			note(r, "lowmem_reserve_ratio was written or managed pages changed (balloon, hotplug, freed "
				"boot memory) since the reserves were set%s",
			     x->m.inferred & KF_INFERRED_KVER ? "; the kernel version is inferred (5.19-6.13 hid "
								"reserves against empty zones)"
							      : "");
		} else if (strcmp(f, "nr_free_pages") && strcmp(f, "MemFree") && strcmp(f, "buddy_pages") &&
			   x->m.inferred & KF_INFERRED_KVER) {
			note(r, "the kernel version is inferred from the zoneinfo format; vendor kernels (Android's "
				"extra_free_kbytes, backports) change these formulas");
		}
	}
}

/* ---- machine-wide rows ---- */

static void min_free_rows(struct explain *x, const struct sample *s)
{
	const struct kf_machine *m = &x->m;
	struct explain_row *r;
	uint64_t lowmem = 0;
	int64_t boot, def;

	for (int ni = 0; ni < m->nnodes; ni++)
		for (int zi = 0; zi < m->node[ni].nzones; zi++)
			if (m->node[ni].zone[zi].type <= KZ_NORMAL)
				lowmem += m->node[ni].zone[zi].managed;
	boot = kf_default_min_free_kbytes(lowmem, m->page_shift, m->kver);
	def = x->r.min_free_kbytes_sqrt;
	if (x->r.min_free_kbytes_thp > def)
		def = x->r.min_free_kbytes_thp;
	if (s->sys.min_free_kbytes < 0) {
		r = add(x, -1, "", "min_free_kbytes");
		r->have_derived = true;
		r->derived = m->min_free_kbytes;
		formula(r, "solved from the min watermarks: pages_min = %" PRIu64, x->r.pages_min);
		note(r, "the snapshot has no /proc/sys/vm/min_free_kbytes");
		return;
	}
	r = cmp(x, NULL, "min_free_kbytes", s->sys.min_free_kbytes, def);
	if (x->r.min_free_kbytes_thp >= 0)
		formula(r, "max(4*sqrt(lowmem_kB), khugepaged 11*pageblock*zones) = max(%" PRId64 ", %" PRId64 ")",
			x->r.min_free_kbytes_sqrt, x->r.min_free_kbytes_thp);
	else
		formula(r, "4*sqrt((lowmem - high watermarks) in kB) = %" PRId64 " (boot, no watermarks yet: %" PRId64
			   ")",
			x->r.min_free_kbytes_sqrt, boot);
	if (r->st == EX_DISAGREE) {
		if (s->sys.min_free_kbytes == boot && x->r.min_free_kbytes_thp < boot) {
			r->st = EX_AGREE;
			r->derived = boot;
			note(r, "computed at boot, before any watermark existed");
		} else {
			r->st = EX_EXPLAINED;
			note(r, "user-set: the kernel default would be %" PRId64 " kB; the watermarks follow the value "
				"in force",
			     def);
		}
	}
}

static void cross_file_rows(struct explain *x, const struct sample *s)
{
	const struct kf_machine *m = &x->m;
	int64_t zone_free = 0, bound = 0, pagekb = (int64_t)1 << (m->page_shift - 10);
	int64_t nr_free;
	struct explain_row *r;

	for (int i = 0; i < s->zi.nzones; i++) {
		const struct zone *z = &s->zi.zone[i];
		int ni, zi;

		zone_free = sat_add(zone_free, sat_of_u64(z->free));
		if (kf_machine_zone_slot(m, z, &ni, &zi))
			bound = sat_add(bound, sat_of_u64(x->r.node[ni][zi].max_drift));
	}
	if (s->have & SAMPLE_HAVE(SP_VMSTAT) && kv_get(&s->vmstat, "nr_free_pages", &nr_free)) {
		r = cmp(x, NULL, "nr_free_pages", nr_free, zone_free);
		formula(r, "sum of the zones' 'pages free', within +-%" PRId64 " (cpus*threshold per zone)", bound);
		if (sat_within(nr_free, zone_free, bound))
			r->st = EX_AGREE;
		else
			note(r, "zoneinfo and vmstat were read at different instants under heavy allocation, or a "
				"counter is broken");

		if (s->have & SAMPLE_HAVE(SP_MEMINFO) && kv_has(&s->meminfo, "MemFree")) {
			int64_t memfree = kv_val(&s->meminfo, "MemFree"), memtotal = kv_val(&s->meminfo, "MemTotal");
			int64_t managed_kb = 0, gap, free_kb = sat_mul(nr_free, pagekb), bound_kb = sat_mul(bound, pagekb);

			for (int i = 0; i < s->zi.nzones; i++)
				managed_kb = sat_add(managed_kb, sat_mul(sat_of_u64(s->zi.zone[i].managed), pagekb));
			r = cmp(x, NULL, "MemFree", memfree, free_kb);
			formula(r, "nr_free_pages*%" PRId64 " kB, within +-%" PRId64 " kB", pagekb, bound_kb);
			gap = sat_sub(memtotal, managed_kb);
			if (sat_within(memfree, free_kb, bound_kb)) {
				r->st = EX_AGREE;
			} else if (gap > 0 && sat_within(sat_sub(memfree, free_kb), gap, sat_add(bound_kb, gap / 100))) {
				r->st = EX_EXPLAINED;
				note(r, "deferred struct-page init: %" PRId64 " kB are counted in MemTotal and MemFree "
					"before they reach a zone's managed pages",
				     gap);
			} else {
				note(r, "meminfo and vmstat read at different instants, or a kernel counting free pages "
					"differently");
			}
		}
	}
	if (!(s->have & SAMPLE_HAVE(SP_BUDDYINFO)))
		return;
	for (int i = 0; i < s->buddy.nzones; i++) {
		const struct buddy_zone *b = &s->buddy.zone[i];
		const struct zone *z = proc_zoneinfo_find(&s->zi, b->node, b->name);
		int64_t pages = 0, zb = 0, zfree;
		int ni, zi;

		if (!z)
			continue;
		for (int o = 0; o < b->norders && o < 62; o++)
			pages = sat_add(pages, sat_of_u64(sat_ushl(b->nfree[o], o)));
		if (kf_machine_zone_slot(m, z, &ni, &zi))
			zb = sat_of_u64(x->r.node[ni][zi].max_drift);
		if (!kv_get(&z->items, "nr_free_pages", &zfree))
			zfree = sat_of_u64(z->free);
		r = cmp(x, z, "buddy_pages", zfree, pages);
		formula(r, "sum(buddyinfo blocks * 2^order), within +-%" PRId64 " (cpus*threshold)", zb);
		if (sat_within(zfree, pages, zb))
			r->st = EX_AGREE;
		else
			note(r, "buddyinfo and zoneinfo read at different instants under allocation activity");
	}
}

static void summarize(struct explain *x, const struct sample *s)
{
	const struct kf_machine *m = &x->m;
	static const char *const inferred[] = { "kernel version from the zoneinfo format", "min_free_kbytes",
						"online CPUs from the pagesets", "CPUs per node",
						"page size (4 KiB assumed)", "some sysctls (kernel defaults)" };
	char buf[200] = "";
	int len = 0;

	summary(x, "kernel %s: formulas of Linux %u.%u%s; page size %d KiB, pageblock %d pages; %d online CPU(s), "
		   "%d node(s)",
		s->kernel_release[0] ? s->kernel_release : "(release unknown)", m->kver / 1000, m->kver % 1000,
		m->inferred & KF_INFERRED_KVER ? " (inferred from the zoneinfo format)" : "",
		1 << (m->page_shift - 10), 1 << m->pageblock_order, m->online_cpus, m->nnodes);
	summary(x, "min_free_kbytes %" PRId64 " -> pages_min %" PRIu64 "; lowmem_pages %" PRIu64
		   " (managed pages outside HighMem%s); watermark_scale_factor %" PRId64 ", boost_factor %" PRId64,
		m->min_free_kbytes, x->r.pages_min, x->r.lowmem_pages, m->kver >= KF_VER(6, 0) ? " and Movable" : "",
		m->watermark_scale_factor, m->watermark_boost_factor);
	summary(x, "totalreserve_pages %" PRIu64 " (sum over zones of min(max protection + high, managed))",
		x->r.totalreserve_pages);
	for (size_t i = 0; i < ZS_ARRAY_LEN(inferred); i++)
		if (m->inferred & (1u << i))
			len += snprintf(buf + len, sizeof buf - (size_t)len, "%s%s", len ? ", " : "", inferred[i]);
	if (len)
		summary(x, "inferred (not in the snapshot): %s", buf);
}

int explain_build(struct explain *x, const struct sample *s, struct zs_err *e)
{
	x->n = 0;
	x->nsummary = 0;
	if (kf_machine_from_sample(s, &x->m, e) < 0)
		return -1;
	kf_compute(&x->m, &x->r);
	x->pcp_format = s->zi.pcp_format;
	summarize(x, s);
	min_free_rows(x, s);
	for (int i = 0; i < s->zi.nzones; i++) {
		const struct zone *z = &s->zi.zone[i];
		int ni, zi;

		if (!kf_machine_zone_slot(&x->m, z, &ni, &zi))
			continue;
		wmark_rows(x, z, &x->m.node[ni].zone[zi], &x->r.node[ni][zi]);
		protection_rows(x, z, ni, zi);
		threshold_rows(x, z, &x->m.node[ni].zone[zi], &x->r.node[ni][zi]);
		pcp_rows(x, z, &x->m.node[ni].zone[zi], &x->r.node[ni][zi], ni);
	}
	cross_file_rows(x, s);
	wmark_causes(x, s);
	return 0;
}

void explain_free(struct explain *x)
{
	free(x->row);
	x->row = NULL;
	x->n = x->cap = 0;
}

size_t explain_count(const struct explain *x, enum explain_status st)
{
	size_t n = 0;

	for (size_t i = 0; i < x->n; i++)
		n += x->row[i].st == st;
	return n;
}

const struct explain_row *explain_find(const struct explain *x, int node, const char *zone, const char *field)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->row[i].node == node && strcmp(x->row[i].zone, zone) == 0 && strcmp(x->row[i].field, field) == 0)
			return &x->row[i];
	return NULL;
}

const char *explain_status_name(enum explain_status st)
{
	switch (st) {
	case EX_AGREE:
		return "yes";
	case EX_DISAGREE:
		return "no";
	case EX_EXPLAINED:
		return "explained";
	default:
		return "-";
	}
}
