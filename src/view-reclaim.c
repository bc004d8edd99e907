/* view-reclaim.c — -r: reclaim per second by reclaimer and by type, efficiency, stalls, compaction,
 * refaults, swap, OOM kills, vmpressure and PSI; one row per sample.
 *
 * Like vmstat, the first row covers the time since boot (averages over the uptime; vmpressure, which
 * needs an interval, is "-" there), later rows the interval before them; -y leaves the first row out. */
#include "config.h"

#include "analysis.h"
#include "app.h"
#include "view-run.h"

enum {
	F_INTERVAL, F_SINCE_BOOT,
	F_RATE0,                          /* RC_N rate columns, in enum rc_counter order */
	F_EFF = F_RATE0 + RC_N, F_EFF_KSWAPD, F_EFF_DIRECT,
	F_OOM, F_VMP_PCT, F_VMP_LEVEL,
	F_SOME10, F_SOME60, F_SOME300, F_FULL10, F_FULL60, F_FULL300,
	F_SOME_MS, F_FULL_MS, F_SOME_PCT, F_FULL_PCT,
	F_N
};

#define RATE(id, csv, head, w, desc) [F_RATE0 + (id)] = { csv, head, w, FK_F64, 1, desc }

static const struct field_def reclaim_fields[F_N] = {
	[F_INTERVAL] = { "interval_s", "secs", 6, FK_F64, 3, "seconds the row covers (uptime in the first)" },
	[F_SINCE_BOOT] = { "since_boot", "boot", 4, FK_U64, 0, "1: averages since boot" },
	RATE(RC_SCAN_KSWAPD, "scan_kswapd_pps", "scan_k", 7, "pages scanned by kswapd per second"),
	RATE(RC_SCAN_DIRECT, "scan_direct_pps", "scan_d", 7, "pages scanned by direct reclaim per second"),
	RATE(RC_SCAN_KHUGEPAGED, "scan_khugepaged_pps", "scan_khug", 9, "pages scanned by khugepaged (6.2+)"),
	RATE(RC_SCAN_PROACTIVE, "scan_proactive_pps", "scan_pro", 8, "pages scanned by proactive reclaim (6.16+)"),
	RATE(RC_SCAN_TOTAL, "scan_total_pps", "scan", 7, "pages scanned, all reclaimers"),
	RATE(RC_STEAL_KSWAPD, "steal_kswapd_pps", "steal_k", 7, "pages reclaimed by kswapd per second"),
	RATE(RC_STEAL_DIRECT, "steal_direct_pps", "steal_d", 7, "pages reclaimed by direct reclaim"),
	RATE(RC_STEAL_KHUGEPAGED, "steal_khugepaged_pps", "steal_khug", 10, "pages reclaimed by khugepaged"),
	RATE(RC_STEAL_PROACTIVE, "steal_proactive_pps", "steal_pro", 9, "pages reclaimed proactively"),
	RATE(RC_STEAL_TOTAL, "steal_total_pps", "steal", 7, "pages reclaimed, all reclaimers"),
	RATE(RC_SCAN_ANON, "scan_anon_pps", "scan_anon", 9, "pages scanned, anonymous (5.8+)"),
	RATE(RC_SCAN_FILE, "scan_file_pps", "scan_file", 9, "pages scanned, file (5.8+)"),
	RATE(RC_STEAL_ANON, "steal_anon_pps", "steal_anon", 10, "pages reclaimed, anonymous (5.8+)"),
	RATE(RC_STEAL_FILE, "steal_file_pps", "steal_file", 10, "pages reclaimed, file (5.8+)"),
	RATE(RC_ALLOCSTALL, "allocstall_ps", "stalls", 6, "direct reclaim entries per second"),
	RATE(RC_COMPACT_STALL, "compact_stall_ps", "cstall", 6, "direct compaction entries per second"),
	RATE(RC_COMPACT_FAIL, "compact_fail_ps", "cfail", 6, "direct compactions that failed"),
	RATE(RC_COMPACT_SUCCESS, "compact_success_ps", "csucc", 6, "direct compactions that succeeded"),
	RATE(RC_REFAULT, "refault_pps", "refault", 7, "workingset refaults per second"),
	RATE(RC_REFAULT_ANON, "refault_anon_pps", "rf_anon", 7, "workingset refaults, anonymous (5.9+)"),
	RATE(RC_REFAULT_FILE, "refault_file_pps", "rf_file", 7, "workingset refaults, file (5.9+)"),
	RATE(RC_ACTIVATE, "activate_pps", "activate", 8, "refaulted pages activated per second"),
	RATE(RC_ACTIVATE_ANON, "activate_anon_pps", "act_anon", 8, "activations, anonymous (5.9+)"),
	RATE(RC_ACTIVATE_FILE, "activate_file_pps", "act_file", 8, "activations, file (5.9+)"),
	RATE(RC_SWAP_IN, "swap_in_pps", "swpin", 6, "pages swapped in per second"),
	RATE(RC_SWAP_OUT, "swap_out_pps", "swpout", 6, "pages swapped out per second"),
	RATE(RC_OOM_KILL, "oom_kill_ps", "oom/s", 5, "OOM kills per second"),
	[F_EFF] = { "efficiency_pct", "eff%", 5, FK_F64, 1, "pages reclaimed per 100 scanned" },
	[F_EFF_KSWAPD] = { "efficiency_kswapd_pct", "eff_k%", 6, FK_F64, 1, "kswapd's efficiency" },
	[F_EFF_DIRECT] = { "efficiency_direct_pct", "eff_d%", 6, FK_F64, 1, "direct reclaim's efficiency" },
	[F_OOM] = { "oom_kills", "oom", 3, FK_U64, 0, "OOM kills within the row's span" },
	[F_VMP_PCT] = { "vmpressure_pct", "vmp%", 4, FK_U64, 0, "vmpressure 0-100 (kernel formula)" },
	[F_VMP_LEVEL] = { "vmpressure_level", "vmpress", -8, FK_STR, 0, "none, low, medium, critical" },
	[F_SOME10] = { "psi_some_avg10_pct", "some10", 6, FK_F64, 2, "PSI memory some, 10 s average" },
	[F_SOME60] = { "psi_some_avg60_pct", "some60", 6, FK_F64, 2, "PSI memory some, 60 s average" },
	[F_SOME300] = { "psi_some_avg300_pct", "some300", 7, FK_F64, 2, "PSI memory some, 300 s average" },
	[F_FULL10] = { "psi_full_avg10_pct", "full10", 6, FK_F64, 2, "PSI memory full, 10 s average" },
	[F_FULL60] = { "psi_full_avg60_pct", "full60", 6, FK_F64, 2, "PSI memory full, 60 s average" },
	[F_FULL300] = { "psi_full_avg300_pct", "full300", 7, FK_F64, 2, "PSI memory full, 300 s average" },
	[F_SOME_MS] = { "psi_some_stall_ms", "some_ms", 7, FK_F64, 1, "some-stall time within the span" },
	[F_FULL_MS] = { "psi_full_stall_ms", "full_ms", 7, FK_F64, 1, "full-stall time within the span" },
	[F_SOME_PCT] = { "psi_some_stall_pct", "some%", 6, FK_F64, 2, "some-stall share of the span" },
	[F_FULL_PCT] = { "psi_full_stall_pct", "full%", 6, FK_F64, 2, "full-stall share of the span" },
};

static const struct view_def reclaim_view = { "reclaim", reclaim_fields, F_N };

static const char *const reclaim_table[] = {
	"scan_kswapd_pps", "scan_direct_pps", "steal_kswapd_pps", "steal_direct_pps", "efficiency_pct",
	"allocstall_ps", "compact_stall_ps", "refault_pps", "swap_in_pps", "swap_out_pps", "oom_kills",
	"vmpressure_level", "psi_some_avg10_pct", "psi_full_avg10_pct", NULL
};

struct reclaim_ctx {
	struct vmp_window win;
	struct reclaim_analysis ra;
	bool skip_first;
};

static struct cell f64_if(bool have, double v)
{
	return have ? cell_f64(v) : cell_na();
}

static int reclaim_sample(struct view_run *vr, const struct sample *prev, const struct sample *cur)
{
	struct reclaim_ctx *x = vr->spec->ctx;
	const struct reclaim_analysis *a = &x->ra;
	const struct psi_analysis *p = &a->psi;
	struct cell c[F_N];
	bool rates;

	if (analysis_reclaim(prev, cur, &x->win, &x->ra, &vr->notes) != 0)
		return -1;
	if (a->since_boot && x->skip_first) {
		/* the header still comes first, as vmstat -y prints it */
		view_run_begin(vr, 0);
		return 0;
	}
	rates = a->span_s > 0;
	c[F_INTERVAL] = rates ? cell_f64(a->span_s) : cell_na();
	c[F_SINCE_BOOT] = cell_u64(a->since_boot);
	for (int i = 0; i < RC_N; i++)
		c[F_RATE0 + i] = f64_if(rates && a->d.have[i], a->rate[i]);
	c[F_EFF] = f64_if(a->have_eff, a->eff);
	c[F_EFF_KSWAPD] = f64_if(a->have_eff_kswapd, a->eff_kswapd);
	c[F_EFF_DIRECT] = f64_if(a->have_eff_direct, a->eff_direct);
	c[F_OOM] = a->d.have[RC_OOM_KILL] ? cell_u64(a->d.v[RC_OOM_KILL]) : cell_na();
	c[F_VMP_PCT] = a->have_vmp && a->vmp_level != VMP_NONE ? cell_u64(a->vmp_pct) : cell_na();
	c[F_VMP_LEVEL] = a->have_vmp ? cell_str(vmpressure_level_name(a->vmp_level)) : cell_na();
	c[F_SOME10] = f64_if(p->have && p->some.have, p->some.avg10);
	c[F_SOME60] = f64_if(p->have && p->some.have, p->some.avg60);
	c[F_SOME300] = f64_if(p->have && p->some.have, p->some.avg300);
	c[F_FULL10] = f64_if(p->have && p->full.have, p->full.avg10);
	c[F_FULL60] = f64_if(p->have && p->full.have, p->full.avg60);
	c[F_FULL300] = f64_if(p->have && p->full.have, p->full.avg300);
	c[F_SOME_MS] = f64_if(p->have_stall && p->some.have, p->some_stall_ms);
	c[F_FULL_MS] = f64_if(p->have_stall && p->full.have, p->full_stall_ms);
	c[F_SOME_PCT] = f64_if(p->have_stall && p->some.have, p->some_pct);
	c[F_FULL_PCT] = f64_if(p->have_stall && p->full.have, p->full_pct);
	view_run_begin(vr, 1);
	view_run_row(vr, c, cur);
	return 0;
}

int reclaim_main(const struct cli *c)
{
	struct reclaim_ctx x = { .skip_first = c->no_first };
	struct view_spec spec = {
		.def = &reclaim_view,
		.table = reclaim_table,
		.parts = SAMPLE_HAVE(SP_VMSTAT) | SAMPLE_HAVE(SP_PSI) | SAMPLE_HAVE(SP_UPTIME),
		.required = SAMPLE_HAVE(SP_VMSTAT),
		.sample = reclaim_sample,
		.ctx = &x,
	};

	return view_run(c, &spec);
}
