/* fuzz-analysis.c — two samples through the analyses of -z, -r and -b (what the churn between samples
 * reaches): zones, nodes and CPUs that come and go, counters that go backwards.  The input holds both
 * samples as "== 0/PATH" and "== 1/PATH" sections (fuzz.h), one second apart.  Promised (analysis.h): a
 * counter that goes backwards gives 0, never a wrapped difference, so no interval count exceeds the
 * counter's current value; rates and stall times are finite and not negative; indices stay in their
 * ranges; zones are matched by (node, name). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "fuzz.h"

const char fuzz_name[] = "analysis";

#define PARTS                                                                                         \
	(SAMPLE_HAVE(SP_ZONEINFO) | SAMPLE_HAVE(SP_BUDDYINFO) | SAMPLE_HAVE(SP_VMSTAT) | SAMPLE_HAVE(SP_PSI) | \
	 SAMPLE_HAVE(SP_UPTIME) | SAMPLE_HAVE(SP_CPU_ONLINE) | SAMPLE_HAVE(SP_VERSION) | SAMPLE_HAVE(SP_SYSCTLS))

static void check_notes(const struct analysis_notes *n)
{
	for (int i = 0; i < n->n; i++)
		FZ_CHECK(n->msg[i][0] && !strchr(n->msg[i], '\n'), "note %d '%s'", i, n->msg[i]);
}

static void check_zones(const struct sample *cur, const struct zones_analysis *za)
{
	FZ_CHECK(za->nzones == cur->zi.nzones, "%d zones analysed of %d", za->nzones, cur->zi.nzones);
	for (int i = 0; i < za->nzones; i++) {
		const struct zone_analysis *a = &za->zone[i];

		FZ_CHECK(a->node == cur->zi.zone[i].node && strcmp(a->name, cur->zi.zone[i].name) == 0,
			 "zone %d out of order", i);
		FZ_CHECK(!a->have_free_rate || isfinite(a->free_rate), "zone %s: free rate %g", a->name,
			 a->free_rate);
		FZ_CHECK(a->status >= ZST_OK && a->status <= ZST_EMPTY, "zone %s: status %d", a->name, a->status);
		FZ_CHECK(a->populated || a->status == ZST_EMPTY, "zone %s: status of an empty zone", a->name);
		FZ_CHECK(!a->near_wmark || a->near_name, "zone %s: near a mark without its name", a->name);
	}
}

static void check_reclaim(const struct sample *cur, const struct reclaim_analysis *ra, int since_boot)
{
	struct reclaim_counts now;

	reclaim_counts_read(&cur->vmstat, &now);
	FZ_CHECK(ra->since_boot == since_boot, "since_boot %d", ra->since_boot);
	FZ_CHECK(isfinite(ra->span_s) && ra->span_s >= 0, "span %g", ra->span_s);
	for (int i = 0; i < RC_N; i++) {
		if (!ra->d.have[i])
			continue;
		FZ_CHECK(now.have[i], "%s: a delta without the counter", rc_counter_name[i]);
		FZ_CHECK(ra->d.v[i] <= now.v[i], "%s: %llu within the interval, the counter is at %llu (wrapped?)",
			 rc_counter_name[i], (unsigned long long)ra->d.v[i], (unsigned long long)now.v[i]);
		FZ_CHECK(isfinite(ra->rate[i]) && ra->rate[i] >= 0, "%s: rate %g", rc_counter_name[i], ra->rate[i]);
	}
	FZ_CHECK(!ra->have_eff || (isfinite(ra->eff) && ra->eff >= 0), "efficiency %g", ra->eff);
	FZ_CHECK(ra->vmp_level >= VMP_NONE && ra->vmp_level <= VMP_CRITICAL, "vmpressure level %d", ra->vmp_level);
	FZ_CHECK(ra->vmp_level == VMP_NONE || ra->vmp_pct <= 100, "vmpressure %u%%", ra->vmp_pct);
	if (ra->psi.have_stall) {
		FZ_CHECK(isfinite(ra->psi.some_stall_ms) && ra->psi.some_stall_ms >= 0 &&
				 isfinite(ra->psi.full_stall_ms) && ra->psi.full_stall_ms >= 0,
			 "stall %g/%g ms", ra->psi.some_stall_ms, ra->psi.full_stall_ms);
		FZ_CHECK(isfinite(ra->psi.some_pct) && isfinite(ra->psi.full_pct), "stall %g/%g %%", ra->psi.some_pct,
			 ra->psi.full_pct);
	}
}

static void check_buddy(const struct sample *cur, const struct buddy_analysis *ba)
{
	FZ_CHECK(ba->nzones == cur->buddy.nzones, "%d buddy zones of %d", ba->nzones, cur->buddy.nzones);
	for (int i = 0; i < ba->nzones; i++) {
		const struct buddy_zone_analysis *z = &ba->zone[i];

		FZ_CHECK(z->norders >= 1 && z->norders <= FRAG_MAX_ORDERS, "%s: %d orders", z->name, z->norders);
		for (int o = 0; o < z->norders; o++)
			FZ_CHECK(z->unusable[o] >= 0 && z->unusable[o] <= 1000 && z->fragindex[o] >= -1000 &&
					 z->fragindex[o] <= 1000,
				 "%s order %d: unusable %d, fragmentation %d", z->name, o, z->unusable[o],
				 z->fragindex[o]);
		FZ_CHECK(!z->have_wmark || (z->max_order_low >= -1 && z->max_order_low < z->norders),
			 "%s: highest order %d of %d", z->name, z->max_order_low, z->norders);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot snap[2];
	struct sample s[2];
	struct zones_analysis za;
	struct reclaim_analysis ra;
	struct buddy_analysis ba;
	struct analysis_notes notes;
	struct vmp_window win = { 0, 0 };

	for (int i = 0; i < 2; i++) {
		snapshot_init(&snap[i]);
		fz_snapshot(&snap[i], (const char *)data, size, i ? "1" : "0");
		snap[i].t.mono_ns = (int64_t)i * 1000000000;
		snap[i].t.wall_ns = snap[i].t.mono_ns;
		snap[i].seq = (uint64_t)i;
		sample_init(&s[i]);
	}
	zones_analysis_init(&za);
	buddy_analysis_init(&ba);
	analysis_notes_init(&notes);
	fz_quiet_begin();
	for (int i = 0; i < 2; i++) {
		const struct sample *prev = i ? &s[0] : NULL;

		sample_parse(&s[i], &snap[i], PARTS);
		if (analysis_zones(prev, &s[i], &za, &notes) == 0)
			check_zones(&s[i], &za);
		if (analysis_reclaim(prev, &s[i], &win, &ra, &notes) == 0)
			check_reclaim(&s[i], &ra, !prev || !(prev->have & SAMPLE_HAVE(SP_VMSTAT)));
		if (analysis_buddy(prev, &s[i], &ba, &notes) == 0)
			check_buddy(&s[i], &ba);
		check_notes(&notes);
		analysis_notes_clear(&notes);
	}
	fz_quiet_end("the analyses");
	analysis_notes_free(&notes);
	zones_analysis_free(&za);
	buddy_analysis_free(&ba);
	for (int i = 0; i < 2; i++) {
		sample_free(&s[i]);
		snapshot_free(&snap[i]);
	}
	return 0;
}
