/* analysis-zones.c — each zone's free pages against its watermarks, and what per-CPU counter drift does
 * to that reading (kernel-mm-formulas.md §1, §3, §8.2). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kformula.h"

const char *zone_status_name(enum zone_status st)
{
	switch (st) {
	case ZST_OK:
		return "ok";
	case ZST_BELOW_HIGH:
		return "<high";
	case ZST_BELOW_LOW:
		return "<low";
	case ZST_BELOW_MIN:
		return "<min";
	case ZST_EMPTY:
	default:
		return "empty";
	}
}

const char *zone_status_word(enum zone_status st)
{
	switch (st) {
	case ZST_OK:
		return "ok";
	case ZST_BELOW_HIGH:
		return "below high";
	case ZST_BELOW_LOW:
		return "below low: kswapd";
	case ZST_BELOW_MIN:
		return "below min: direct reclaim";
	case ZST_EMPTY:
	default:
		return "empty";
	}
}

const char *zone_status_desc(enum zone_status st)
{
	switch (st) {
	case ZST_OK:
		return "ok: free above the high watermark";
	case ZST_BELOW_HIGH:
		return "below high: kswapd, once woken, keeps reclaiming";
	case ZST_BELOW_LOW:
		return "below low: allocations wake kswapd";
	case ZST_BELOW_MIN:
		return "below min: allocations enter direct reclaim";
	case ZST_EMPTY:
	default:
		return "empty: no managed pages";
	}
}

void zones_analysis_init(struct zones_analysis *a)
{
	memset(a, 0, sizeof *a);
}

void zones_analysis_free(struct zones_analysis *a)
{
	free(a->zone);
	memset(a, 0, sizeof *a);
}

enum zone_status zone_status_of(uint64_t free, uint64_t min, uint64_t low, uint64_t high)
{
	/* The kernel's test is free > mark (plus reserve); equality fails it. */
	if (free <= min)
		return ZST_BELOW_MIN;
	if (free <= low)
		return ZST_BELOW_LOW;
	if (free <= high)
		return ZST_BELOW_HIGH;
	return ZST_OK;
}

uint64_t zone_drift_mark(uint64_t min, uint64_t low, uint64_t high, int64_t threshold, int cpus)
{
	uint64_t tolerate, max_drift;

	if (threshold <= 0 || cpus <= 0 || low < min)
		return 0;
	tolerate = low - min;
	max_drift = (uint64_t)cpus * (uint64_t)threshold;
	return max_drift > tolerate ? high + max_drift : 0;
}

/* Zone names (char[16], terminated): all 16 bytes equal (the parser clears what follows a name), or strcmp */
static bool same_name(const char *a, const char *b)
{
	return memcmp(a, b, 16) == 0 || strcmp(a, b) == 0;
}

/* The zone of zi with that node and name (another zone's), looked for first at position at (where it is
 * when the layout did not change); a zoneinfo holds each (node, name) once (the parser refuses a zone
 * twice), so the zone found is the one a search from the first would find. */
static const struct zone *find_zone(const struct proc_zoneinfo *zi, int at, int node, const char *name)
{
	if (at < zi->nzones && zi->zone[at].node == node && same_name(zi->zone[at].name, name))
		return &zi->zone[at];
	for (int i = 0; i < zi->nzones; i++)
		if (zi->zone[i].node == node && strcmp(zi->zone[i].name, name) == 0)
			return &zi->zone[i];
	return NULL;
}

static int sample_online_cpus(const struct sample *s)
{
	int n = 0;

	if ((s->have & SAMPLE_HAVE(SP_CPU_ONLINE)) && s->ncpu_online > 0)
		return s->ncpu_online;
	/* zoneinfo lists a pageset for every online CPU: the widest list is the count */
	for (int i = 0; i < s->zi.nzones; i++)
		if (s->zi.zone[i].npcp > n)
			n = s->zi.zone[i].npcp;
	return n;
}

/* Pages the buddy allocator manages (present before 3.8, which had no managed line). */
static bool zone_has_pages(const struct zone *z)
{
	return ((z->have & ZONE_HAVE_MANAGED) ? z->managed : z->present) > 0;
}

static int64_t sdiff(uint64_t a, uint64_t b)
{
	return a >= b ? (int64_t)(a - b) : -(int64_t)(b - a);
}

/* Is free within ±drift of mark?  The kernel's cheap reading may be off by drift either way, so such a
 * reading cannot say on which side of the mark the truth is. */
static bool near(uint64_t free, uint64_t mark, uint64_t drift)
{
	return drift > 0 && (free > mark ? free - mark : mark - free) <= drift;
}

/* The zone's normal vm stats threshold.  The printed one is it, unless kswapd is awake and has switched
 * a zone with a drift mark to the pressure threshold (low - min)/cpus; only then is the normal one
 * recomputed (calculate_normal_threshold, 4 KiB pages assumed for the zone's size in 128 MiB units). */
static int normal_threshold(const struct zone *z, uint64_t managed, int cpus)
{
	int64_t pressure = z->low >= z->min ? (int64_t)((z->low - z->min) / (uint64_t)cpus) : 1;

	if (pressure < 1)
		pressure = 1;
	if (pressure > 125)
		pressure = 125;
	if (z->threshold != pressure)
		return (int)z->threshold;
	return kf_normal_threshold(managed, cpus, 12);
}

static void analyse_zone(const struct zone *z, const struct zone *pz, double dt, int cpus,
			 struct zone_analysis *a)
{
	memset(a, 0, sizeof *a);
	a->node = z->node;
	/* both are char[16] and z->name is terminated */
	memcpy(a->name, z->name, sizeof a->name);
	a->name[sizeof a->name - 1] = '\0';
	a->have_managed = (z->have & ZONE_HAVE_MANAGED) != 0;
	a->managed = a->have_managed ? z->managed : z->present;
	a->present = z->present;
	a->spanned = z->spanned;
	a->populated = a->managed > 0;
	a->free = z->free;
	a->min = z->min;
	a->low = z->low;
	a->high = z->high;
	a->promo = z->promo;
	a->boost = z->boost;
	a->have_boost = (z->have & ZONE_HAVE_BOOST) != 0;
	a->have_promo = (z->have & ZONE_HAVE_PROMO) != 0;
	a->head_min = sdiff(z->free, z->min);
	a->head_low = sdiff(z->free, z->low);
	a->head_high = sdiff(z->free, z->high);
	a->head_promo = a->have_promo ? sdiff(z->free, z->promo) : 0;
	a->status = a->populated ? zone_status_of(z->free, z->min, z->low, z->high) : ZST_EMPTY;
	for (int i = 0; i < z->nprotection; i++)
		if (z->protection[i] > a->protection_max)
			a->protection_max = z->protection[i];
	for (int i = 0; i < z->npcp; i++)
		if (z->pcp[i].count > 0)
			a->pcp_pages += (uint64_t)z->pcp[i].count;
	a->pcp_cpus = z->npcp;
	a->online_cpus = cpus;
	a->have_threshold = (z->have & ZONE_HAVE_THRESHOLD) != 0 && a->populated;
	a->threshold = a->have_threshold ? z->threshold : 0;
	if (a->have_threshold && z->threshold > 0 && cpus > 0) {
		a->drift = (uint64_t)cpus * (uint64_t)z->threshold;
		a->normal_threshold = normal_threshold(z, a->managed, cpus);
		/* Drift marks exist since 2.6.37; prev_priority was printed until 2.6.34. */
		a->have_drift_mark = !(z->have & ZONE_HAVE_PREV_PRIORITY);
		/* The kernel sets the mark with the normal threshold and the high watermark of the moment
		 * (boost is reset by the watermark recompute that refreshes thresholds: take it out). */
		if (a->have_drift_mark)
			a->drift_mark = zone_drift_mark(z->min, z->low,
							z->high - (z->boost <= z->high ? z->boost : 0),
							a->normal_threshold, cpus);
		if (near(z->free, z->min, a->drift))
			a->near_name = "min";
		else if (near(z->free, z->low, a->drift))
			a->near_name = "low";
		else if (near(z->free, z->high, a->drift))
			a->near_name = "high";
		a->near_wmark = a->near_name != NULL;
	}
	a->unreclaimable = z->node_unreclaimable > 0 || z->all_unreclaimable > 0;
	if (pz && dt > 0) {
		a->have_free_rate = true;
		a->free_rate = (double)sdiff(z->free, pz->free) / dt;
	}
}

int analysis_zones(const struct sample *prev, const struct sample *cur, struct zones_analysis *out,
		   struct analysis_notes *notes)
{
	const struct proc_zoneinfo *zi = &cur->zi;
	bool have_prev = prev && (prev->have & SAMPLE_HAVE(SP_ZONEINFO));
	double dt = have_prev ? delta_seconds(prev, cur) : 0;
	int cpus;

	out->nzones = 0;
	out->interval_s = dt;
	if (!(cur->have & SAMPLE_HAVE(SP_ZONEINFO))) {
		analysis_notes_add(notes, "%s", cur->err[SP_ZONEINFO].msg[0] ? cur->err[SP_ZONEINFO].msg
									 : "zoneinfo: not read");
		return -1;
	}
	cpus = sample_online_cpus(cur);
	out->online_cpus = cpus;
	if (have_prev && sample_online_cpus(prev) != cpus)
		analysis_notes_add(notes, "online CPUs changed from %d to %d", sample_online_cpus(prev), cpus);
	if (zi->nzones > out->cap) {
		size_t cap = (size_t)out->cap;

		xgrow((void **)&out->zone, &cap, (size_t)zi->nzones, sizeof *out->zone);
		out->cap = (int)cap;
	}
	for (int i = 0; i < zi->nzones; i++) {
		const struct zone *z = &zi->zone[i];
		const struct zone *pz = have_prev ? find_zone(&prev->zi, i, z->node, z->name) : NULL;
		struct zone_analysis *a = &out->zone[out->nzones++];
		bool was_populated = pz && zone_has_pages(pz);

		analyse_zone(z, was_populated ? pz : NULL, dt, cpus, a);
		/* A zone that gains pages (memory hot-add onlining Movable) appears to the views, which show
		 * populated zones. */
		if (have_prev && a->populated && !was_populated) {
			a->appeared = true;
			analysis_notes_add(notes, "node %d zone %s appeared", z->node, z->name);
		} else if (have_prev && !a->populated && was_populated) {
			analysis_notes_add(notes, "node %d zone %s emptied (no managed pages)", z->node, z->name);
		}
	}
	if (have_prev)
		for (int i = 0; i < prev->zi.nzones; i++) {
			const struct zone *pz = &prev->zi.zone[i];

			if (zone_has_pages(pz) && !find_zone(zi, i, pz->node, pz->name))
				analysis_notes_add(notes, "node %d zone %s disappeared", pz->node, pz->name);
		}
	return 0;
}
