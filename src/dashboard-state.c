/* dashboard-state.c — what the dashboard keeps between refreshes: the last two samples, their analyses
 * (analysis.h: nothing is recomputed here), the histories behind the sparklines, the vmstat lines. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dashboard.h"
#include "vmstat.h"

const char *const dash_pane_name[DP_N] = {
	[DP_ZONES] = "zones", [DP_RECLAIM] = "reclaim", [DP_PROCS] = "procs",
	[DP_BUDDY] = "buddy", [DP_VMSTAT] = "vmstat", [DP_EXPLAIN] = "explain",
};

int dash_pane_of(const char *name)
{
	for (int i = 0; i < DP_N; i++)
		if (strcmp(name, dash_pane_name[i]) == 0)
			return i;
	return -1;
}

void dash_init(struct dash *d)
{
	memset(d, 0, sizeof *d);
	sample_init(&d->s[0]);
	sample_init(&d->s[1]);
	zones_analysis_init(&d->za);
	buddy_analysis_init(&d->ba);
	analysis_notes_init(&d->notes);
	proc_list_init(&d->procs);
	d->interval = 1;
	d->page_kib = 4;
	d->sort = PS_RSS;
}

void dash_free(struct dash *d)
{
	sample_free(&d->s[0]);
	sample_free(&d->s[1]);
	zones_analysis_free(&d->za);
	buddy_analysis_free(&d->ba);
	analysis_notes_free(&d->notes);
	proc_list_free(&d->procs);
	dash_explain_free(d);
}

bool dash_pane_shown(const struct dash *d, enum dash_pane p)
{
	if (p == d->pane)
		return true;
	/* dash_layout: zones and reclaim follow any pane; buddy and vmstat only where there is no process
	 * list to take the room; explain only when chosen */
	switch (p) {
	case DP_ZONES:
	case DP_RECLAIM:
		return true;
	case DP_PROCS:
		return d->has_procs;
	case DP_BUDDY:
	case DP_VMSTAT:
		return !d->has_procs;
	default:
		return false;
	}
}

unsigned dash_parts(const struct dash *d)
{
	/* what the header, zones, reclaim and vmstat need, every time; the kernel release once (it does
	 * not change: dash_update copies it into the later samples); buddyinfo, the sysctls and the node
	 * files only while a pane that shows them is on the screen */
	unsigned parts = SAMPLE_HAVE(SP_MEMINFO) | SAMPLE_HAVE(SP_VMSTAT) | SAMPLE_HAVE(SP_STAT) |
			 SAMPLE_HAVE(SP_UPTIME) | SAMPLE_HAVE(SP_ZONEINFO) | SAMPLE_HAVE(SP_PSI) |
			 SAMPLE_HAVE(SP_CPU_ONLINE);

	if (!d->kernel_release[0])
		parts |= SAMPLE_HAVE(SP_VERSION);
	if (dash_pane_shown(d, DP_BUDDY))
		parts |= SAMPLE_HAVE(SP_BUDDYINFO);
	if (dash_pane_shown(d, DP_EXPLAIN))
		parts |= SAMPLE_HAVE(SP_SYSCTLS) | SAMPLE_HAVE(SP_NODES) | SAMPLE_HAVE(SP_VERSION);
	return parts;
}

bool dash_parts_missing(const struct dash *d)
{
	return (dash_parts(d) & ~d->asked & ~SAMPLE_HAVE(SP_VERSION)) != 0;
}

void dash_rotate(struct dash *d)
{
	d->cur = !d->cur;
	sample_free(&d->s[d->cur]);
	sample_init(&d->s[d->cur]);
}

/* KiB per page: MemFree over the zones' free pages, to the nearest of the sizes Linux uses.  A captured
 * tree from a 64 KiB-page machine then reads right on this 4 KiB one. */
static unsigned page_kib_of(const struct sample *s, unsigned fallback)
{
	static const unsigned sizes[] = { 4, 8, 16, 64 };
	uint64_t zfree = 0;
	int64_t memfree;
	double ratio;
	unsigned best = fallback;
	double best_err = 1e9;

	if (!(s->have & SAMPLE_HAVE(SP_ZONEINFO)) || !kv_get(&s->meminfo, "MemFree", &memfree))
		return fallback;
	for (int i = 0; i < s->zi.nzones; i++)
		zfree += s->zi.zone[i].free;
	if (zfree < 256 || memfree <= 0)
		return fallback;
	ratio = (double)memfree / (double)zfree;
	/* the size nearest on a log scale: the smallest max(q, 1/q) of q = ratio/size (no libm: linking it
	 * costs every run ~300 KiB of resident pages, tests/bench/vmstat-bench.sh) */
	for (size_t i = 0; i < ZS_ARRAY_LEN(sizes); i++) {
		double err = ratio / sizes[i];

		if (err < 1.0)
			err = 1.0 / err;
		if (err < best_err) {
			best_err = err;
			best = sizes[i];
		}
	}
	/* far from every size (drift, a tree mixed from two moments): keep what we had; sqrt(2) is half a
	 * power of two */
	return best_err < 1.41421356 ? best : fallback;
}

/* The counters of vmstat's si so bi bo in cs columns. */
static void vm_counters_of(const struct sample *s, struct vm_counters *k)
{
	*k = (struct vm_counters){
		.pgpgin = (uint64_t)kv_val(&s->vmstat, "pgpgin"), .pgpgout = (uint64_t)kv_val(&s->vmstat, "pgpgout"),
		.pswpin = (uint64_t)kv_val(&s->vmstat, "pswpin"), .pswpout = (uint64_t)kv_val(&s->vmstat, "pswpout"),
		.intr = s->stat.intr, .ctxt = s->stat.ctxt,
	};
}

/* One line of vmstat's own format for the interval prev → cur (the vmstat pane). */
static void vm_line_add(struct dash *d, const struct sample *prev, const struct sample *cur, double dt)
{
	struct vm_counters kp, kc;
	struct cpu_ticks ticks;
	struct vm_mem mem;
	struct vm_line l;
	unsigned long secs = dt >= 1 ? (unsigned long)(dt + 0.5) : 1;
	char *slot;

	if (!(prev->have & cur->have & SAMPLE_HAVE(SP_STAT)) || !(cur->have & SAMPLE_HAVE(SP_VMSTAT)))
		return;
	memset(&l, 0, sizeof l);
	vmstat_mem(&cur->meminfo, false, &mem);
	vmstat_line_mem(&l, &mem, 0, COMPAT_406);
	vm_counters_of(prev, &kp);
	vm_counters_of(cur, &kc);
	vmstat_tick_delta(&prev->stat.total, &cur->stat.total, COMPAT_406, &ticks);
	l.r = vmstat_running(cur->stat.procs_running, COMPAT_406);
	l.b = cur->stat.procs_blocked;
	vmstat_interval_line(&l, &ticks, &kp, &kc, secs, d->page_kib, 0, COMPAT_406);
	if (d->nvmlines == DASH_VMLINES) {
		memmove(d->vmline[0], d->vmline[1], sizeof d->vmline[0] * (DASH_VMLINES - 1));
		d->nvmlines--;
	}
	slot = d->vmline[d->nvmlines++];
	vmstat_format_line(slot, sizeof d->vmline[0], &l, false, COMPAT_406);
}

static void push_rates(struct dash *d)
{
	const struct reclaim_analysis *ra = &d->ra;
	static const struct {
		enum dash_series h;
		enum rc_counter c;
	} map[] = {
		{ DH_SCAN_KSWAPD, RC_SCAN_KSWAPD }, { DH_SCAN_DIRECT, RC_SCAN_DIRECT },
		{ DH_STEAL_KSWAPD, RC_STEAL_KSWAPD }, { DH_STEAL_DIRECT, RC_STEAL_DIRECT },
		{ DH_ALLOCSTALL, RC_ALLOCSTALL }, { DH_COMPACT_STALL, RC_COMPACT_STALL },
		{ DH_REFAULT, RC_REFAULT }, { DH_SWAP_IN, RC_SWAP_IN }, { DH_SWAP_OUT, RC_SWAP_OUT },
	};

	for (size_t i = 0; i < ZS_ARRAY_LEN(map); i++)
		dash_hist_push(&d->hist[map[i].h],
			       d->have_ra && ra->span_s > 0 && ra->d.have[map[i].c] ? ra->rate[map[i].c] : 0);
	if (d->have_ra && ra->psi.have) {
		dash_hist_push(&d->hist[DH_PSI_SOME], ra->psi.have_stall ? ra->psi.some_pct : ra->psi.some.avg10);
		dash_hist_push(&d->hist[DH_PSI_FULL], ra->psi.have_stall ? ra->psi.full_pct : ra->psi.full.avg10);
	} else {
		dash_hist_push(&d->hist[DH_PSI_SOME], 0);
		dash_hist_push(&d->hist[DH_PSI_FULL], 0);
	}
}

int dash_update(struct dash *d, struct zs_err *e)
{
	struct sample *cur = &d->s[d->cur];
	const struct sample *prev = d->have_prev ? &d->s[!d->cur] : NULL;
	double dt = prev ? delta_seconds(prev, cur) : 0;
	int64_t v;

	if (!(cur->have & SAMPLE_HAVE(SP_MEMINFO))) {
		zs_err_set(e, 0, "%s", cur->err[SP_MEMINFO].msg[0] ? cur->err[SP_MEMINFO].msg
								 : "meminfo: could not be read");
		return -1;
	}
	/* the release is read once (dash_parts) */
	if (cur->kernel_release[0] && !d->kernel_release[0])
		snprintf(d->kernel_release, sizeof d->kernel_release, "%s", cur->kernel_release);
	else if (!cur->kernel_release[0] && d->kernel_release[0])
		snprintf(cur->kernel_release, sizeof cur->kernel_release, "%s", d->kernel_release);
	d->asked = dash_parts(d);
	d->nsamples++;
	d->elapsed_s += dt;
	if (!d->page_known)
		d->page_kib = page_kib_of(cur, d->page_kib);
	analysis_notes_clear(&d->notes);
	d->have_za = (cur->have & SAMPLE_HAVE(SP_ZONEINFO)) && analysis_zones(prev, cur, &d->za, &d->notes) == 0;
	d->have_ra = (cur->have & SAMPLE_HAVE(SP_VMSTAT)) &&
		     analysis_reclaim(prev, cur, &d->win, &d->ra, &d->notes) == 0;
	d->have_ba = (cur->have & SAMPLE_HAVE(SP_BUDDYINFO)) &&
		     analysis_buddy(prev, cur, &d->ba, &d->notes) == 0;
	if (d->notes.n > 0)
		snprintf(d->note, sizeof d->note, "%s", d->notes.msg[d->notes.n - 1]);
	if (kv_get(&cur->vmstat, "oom_kill", &v) && !d->have_oom) {
		d->oom_start = (uint64_t)v;
		d->have_oom = true;
	}
	for (int c = 0; d->have_ra && prev && c < RC_N; c++)
		d->seen[c] |= d->ra.d.have[c] && d->ra.d.v[c] > 0;
	if (prev) {
		push_rates(d);
		vm_line_add(d, prev, cur, dt);
	}
	dash_hist_push(&d->hist[DH_FREE_KIB], (double)kv_val(&cur->meminfo, "MemFree"));
	if (d->pane == DP_EXPLAIN)
		dash_explain_update(d);
	return 0;
}

void dash_filled(struct dash *d)
{
	const struct sample *cur = &d->s[d->cur];
	const struct sample *prev = d->have_prev ? &d->s[!d->cur] : NULL;

	d->asked = dash_parts(d);
	if (cur->have & SAMPLE_HAVE(SP_BUDDYINFO))
		d->have_ba = analysis_buddy(prev, cur, &d->ba, &d->notes) == 0;
	if (d->pane == DP_EXPLAIN)
		dash_explain_update(d);
}
