/* analysis-buddy.c — free blocks per order per zone, their fragmentation indices, and the largest block
 * an allocation could get while passing the zone's low watermark (kernel-mm-formulas.md §8.2, §9). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kformula-sample.h"

void buddy_analysis_init(struct buddy_analysis *a)
{
	memset(a, 0, sizeof *a);
}

void buddy_analysis_free(struct buddy_analysis *a)
{
	free(a->zone);
	memset(a, 0, sizeof *a);
}

bool buddy_watermark_ok(const uint64_t *nfree, int norders, uint64_t free, int order, uint64_t mark,
			int64_t reserve, uint32_t kver)
{
	int64_t f, min = (int64_t)mark;

	if (order < 0 || order >= 63 || free > INT64_MAX / 2 || mark > INT64_MAX / 2)
		return false;
	/* a protection read from a damaged file may be anything: beyond any free count it refuses, below
	 * zero it is taken as none (the kernel's are never negative); both keep min + reserve in range */
	if (reserve > INT64_MAX / 2)
		return false;
	if (reserve < 0)
		reserve = 0;
	/* the pages of the block itself beyond the first must be spare too */
	f = (int64_t)free - (((int64_t)1 << order) - 1);
	if (f <= min + reserve)
		return false;
	if (kver && kver < 4004) {
		/* ≤ 4.3: the mark halves per order while the free pages of each smaller order, which
		 * cannot serve the request, are taken away (f > min ≥ 0 here; more pages at an order than
		 * f holds would leave f below zero, so below the mark, and their count could overflow) */
		for (int o = 0; o < order && o < norders; o++) {
			if (nfree[o] > ((uint64_t)f >> o))
				return false;
			f -= (int64_t)(nfree[o] << o);
			min >>= 1;
			if (f <= min)
				return false;
		}
		return true;
	}
	if (order == 0)
		return true;
	/* 4.4+: a free block of the order or larger must exist (buddyinfo does not say of which migrate
	 * type; a HighAtomic-only block would be refused by the kernel) */
	for (int o = order; o < norders; o++)
		if (nfree[o] > 0)
			return true;
	return false;
}

static const struct zone *find_zone(const struct sample *s, int node, const char *name)
{
	if (!(s->have & SAMPLE_HAVE(SP_ZONEINFO)))
		return NULL;
	for (int i = 0; i < s->zi.nzones; i++)
		if (s->zi.zone[i].node == node && strcmp(s->zi.zone[i].name, name) == 0)
			return &s->zi.zone[i];
	return NULL;
}

/* The reserve a zone keeps against a GFP_HIGHUSER_MOVABLE allocation (user memory, page cache,
 * transparent huge pages): its highest_zoneidx is ZONE_MOVABLE when configured, else the top zone below
 * ZONE_DEVICE, which no allocation names.  protection[that index], as printed, so each kernel's own rule
 * for empty upper zones (5.8 to 6.13 showed 0 against them) comes with it; 0 for the top zone itself. */
static int64_t movable_reserve(const struct proc_zoneinfo *zi, const struct zone *z, const char **upper)
{
	int own = kf_zone_index(zi, z->name), dev = kf_zone_index(zi, "Device");
	int top = (dev > 0 ? dev : z->nprotection) - 1;

	*upper = NULL;
	if (own < 0 || top <= own || top >= z->nprotection || z->protection[top] <= 0)
		return 0;
	*upper = "Movable";
	for (int i = 0; i < zi->nzones; i++)
		if (zi->zone[i].node == z->node && kf_zone_index(zi, zi->zone[i].name) == top)
			*upper = zi->zone[i].name;
	return z->protection[top];
}

/* The kernel version whose watermark check applies: the release when known; a zoneinfo without
 * "managed" lines is from 3.7 or older (the shrinking-mark rule); otherwise unknown (0: 4.4+ rules). */
static uint32_t check_version(const struct sample *s)
{
	uint32_t v = analysis_kernel_version(s);

	if (v || !(s->have & SAMPLE_HAVE(SP_ZONEINFO)) || s->zi.nzones == 0)
		return v;
	for (int i = 0; i < s->zi.nzones; i++)
		if (s->zi.zone[i].have & ZONE_HAVE_MANAGED)
			return 0;
	return 3007;
}

static bool buddy_has(const struct sample *s, int node, const char *name)
{
	for (int i = 0; i < s->buddy.nzones; i++)
		if (s->buddy.zone[i].node == node && strcmp(s->buddy.zone[i].name, name) == 0)
			return true;
	return false;
}

int analysis_buddy(const struct sample *prev, const struct sample *cur, struct buddy_analysis *out,
		   struct analysis_notes *notes)
{
	const struct proc_buddyinfo *b = &cur->buddy;
	bool have_prev = prev && (prev->have & SAMPLE_HAVE(SP_BUDDYINFO));
	uint32_t kver = check_version(cur);

	out->nzones = 0;
	if (!(cur->have & SAMPLE_HAVE(SP_BUDDYINFO))) {
		analysis_notes_add(notes, "%s", cur->err[SP_BUDDYINFO].msg[0] ? cur->err[SP_BUDDYINFO].msg
									       : "buddyinfo: not read");
		return -1;
	}
	if (b->nzones > out->cap) {
		size_t cap = (size_t)out->cap;

		xgrow((void **)&out->zone, &cap, (size_t)b->nzones, sizeof *out->zone);
		out->cap = (int)cap;
	}
	for (int i = 0; i < b->nzones; i++) {
		const struct buddy_zone *bz = &b->zone[i];
		struct buddy_zone_analysis *a = &out->zone[out->nzones++];
		const struct zone *z = find_zone(cur, bz->node, bz->name);
		int n = bz->norders < FRAG_MAX_ORDERS ? bz->norders : FRAG_MAX_ORDERS;

		memset(a, 0, sizeof *a);
		a->node = bz->node;
		snprintf(a->name, sizeof a->name, "%s", bz->name);
		a->norders = n > 0 ? n : 0;
		for (int o = 0; o < a->norders; o++) {
			a->nfree[o] = bz->nfree[o];
			a->free_pages += bz->nfree[o] << o;
		}
		for (int o = 0; o < a->norders; o++) {
			a->unusable[o] = frag_unusable_index(a->nfree, a->norders, o);
			a->fragindex[o] = frag_extfrag_index(a->nfree, a->norders, o);
		}
		a->max_order_low = -1;
		if (z) {
			/* zoneinfo's free is what the kernel tests (NR_FREE_PAGES), less the free highatomic
			 * pages an ordinary allocation may not use (printed after 6.18) */
			uint64_t free = z->free;
			const char *upper;

			if ((z->have & ZONE_HAVE_HIGHATOMIC) && z->free_highatomic <= free)
				free -= z->free_highatomic;
			a->have_wmark = true;
			a->reserve = movable_reserve(&cur->zi, z, &upper);
			snprintf(a->reserve_for, sizeof a->reserve_for, "%s", upper ? upper : "");
			for (int o = 0; o < a->norders; o++)
				if (buddy_watermark_ok(a->nfree, a->norders, free, o, z->low, a->reserve, kver))
					a->max_order_low = o;
		}
		if (have_prev && !buddy_has(prev, bz->node, bz->name)) {
			a->appeared = true;
			analysis_notes_add(notes, "node %d zone %s appeared", bz->node, bz->name);
		}
	}
	if (have_prev)
		for (int i = 0; i < prev->buddy.nzones; i++)
			if (!buddy_has(cur, prev->buddy.zone[i].node, prev->buddy.zone[i].name))
				analysis_notes_add(notes, "node %d zone %s disappeared", prev->buddy.zone[i].node,
						   prev->buddy.zone[i].name);
	return 0;
}
