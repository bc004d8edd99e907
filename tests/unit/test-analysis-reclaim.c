/* test-analysis-reclaim.c — reclaim accounting across kernel generations without double counting,
 * counters going backwards, rates, efficiency, vmpressure from deltas, PSI stall time. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "analysis.h"
#include "sample-build.h"

/* 6.18 names: by reclaimer, and the same pages again by type */
static void new_kernel(struct sample *s, int64_t k)
{
	sb_vm(s, "pgscan_kswapd", 1000 * k);
	sb_vm(s, "pgscan_direct", 200 * k);
	sb_vm(s, "pgscan_khugepaged", 50 * k);
	sb_vm(s, "pgscan_proactive", 10 * k);
	sb_vm(s, "pgscan_direct_throttle", 99999 * k);
	sb_vm(s, "pgscan_anon", 600 * k);
	sb_vm(s, "pgscan_file", 660 * k);
	sb_vm(s, "pgsteal_kswapd", 900 * k);
	sb_vm(s, "pgsteal_direct", 100 * k);
	sb_vm(s, "pgsteal_khugepaged", 20 * k);
	sb_vm(s, "pgsteal_proactive", 5 * k);
	sb_vm(s, "pgsteal_anon", 500 * k);
	sb_vm(s, "pgsteal_file", 525 * k);
	sb_vm(s, "allocstall_dma", 1 * k);
	sb_vm(s, "allocstall_dma32", 2 * k);
	sb_vm(s, "allocstall_normal", 3 * k);
	sb_vm(s, "allocstall_movable", 4 * k);
	sb_vm(s, "workingset_refault_anon", 7 * k);
	sb_vm(s, "workingset_refault_file", 8 * k);
	sb_vm(s, "workingset_activate_anon", 1 * k);
	sb_vm(s, "workingset_activate_file", 2 * k);
	sb_vm(s, "pswpin", 30 * k);
	sb_vm(s, "pswpout", 40 * k);
	sb_vm(s, "oom_kill", k);
	sb_vm(s, "compact_stall", 6 * k);
	sb_vm(s, "compact_fail", 4 * k);
	sb_vm(s, "compact_success", 2 * k);
}

START_TEST(new_kernel_totals_are_not_doubled)
{
	struct sample s;
	struct reclaim_counts c;

	sb_init(&s, 0);
	new_kernel(&s, 1);
	reclaim_counts_read(&s.vmstat, &c);
	/* 1000 + 200 + 50 + 10, not + 600 + 660, and never pgscan_direct_throttle */
	ck_assert_uint_eq(c.v[RC_SCAN_TOTAL], 1260);
	ck_assert_uint_eq(c.v[RC_SCAN_DIRECT], 200);
	ck_assert_uint_eq(c.v[RC_STEAL_TOTAL], 1025);
	ck_assert_uint_eq(c.v[RC_SCAN_ANON] + c.v[RC_SCAN_FILE], 1260);
	ck_assert_uint_eq(c.v[RC_ALLOCSTALL], 10);
	ck_assert_uint_eq(c.v[RC_REFAULT], 15);
	ck_assert_uint_eq(c.v[RC_ACTIVATE], 3);
	ck_assert(c.have[RC_SCAN_PROACTIVE]);
	sb_free(&s);
}
END_TEST

START_TEST(per_zone_counters_of_4_7_and_before)
{
	struct sample s;
	struct reclaim_counts c;

	/* 3.13-style: per-zone forms, one allocstall, workingset_refault without a type */
	sb_init(&s, 0);
	sb_vm(&s, "pgscan_kswapd_dma", 0);
	sb_vm(&s, "pgscan_kswapd_dma32", 214894);
	sb_vm(&s, "pgscan_kswapd_normal", 562076);
	sb_vm(&s, "pgscan_kswapd_movable", 0);
	sb_vm(&s, "pgscan_direct_dma32", 40501);
	sb_vm(&s, "pgscan_direct_normal", 211846);
	sb_vm(&s, "pgscan_direct_throttle", 5);
	sb_vm(&s, "pgsteal_kswapd_dma32", 143037);
	sb_vm(&s, "pgsteal_kswapd_normal", 364783);
	sb_vm(&s, "pgsteal_direct_dma32", 16032);
	sb_vm(&s, "pgsteal_direct_normal", 146530);
	sb_vm(&s, "allocstall", 2852);
	sb_vm(&s, "workingset_refault", 77);
	reclaim_counts_read(&s.vmstat, &c);
	ck_assert_uint_eq(c.v[RC_SCAN_KSWAPD], 776970);
	ck_assert_uint_eq(c.v[RC_SCAN_DIRECT], 252347);
	ck_assert_uint_eq(c.v[RC_SCAN_TOTAL], 1029317);
	ck_assert_uint_eq(c.v[RC_STEAL_KSWAPD], 507820);
	ck_assert_uint_eq(c.v[RC_STEAL_DIRECT], 162562);
	ck_assert_uint_eq(c.v[RC_STEAL_TOTAL], 670382);
	ck_assert_uint_eq(c.v[RC_ALLOCSTALL], 2852);
	ck_assert_uint_eq(c.v[RC_REFAULT], 77);
	ck_assert(!c.have[RC_SCAN_ANON]);
	ck_assert(!c.have[RC_SCAN_KHUGEPAGED]);
	sb_free(&s);
}
END_TEST

START_TEST(per_zone_reset_names_the_family)
{
	struct sample p, c;
	struct reclaim_analysis ra;
	struct analysis_notes n;

	sb_init(&p, 0);
	sb_vm(&p, "pgscan_kswapd_normal", 900);
	sb_init(&c, 1);
	sb_vm(&c, "pgscan_kswapd_normal", 100);
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_reclaim(&p, &c, NULL, &ra, &n), 0);
	ck_assert_uint_eq(ra.d.v[RC_SCAN_KSWAPD], 0);
	ck_assert(sb_has_note(&n, "counter pgscan_kswapd_<zone> went backwards (900 -> 100)"));
	analysis_notes_free(&n);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(pgsteal_without_split_of_3_4_and_before)
{
	struct sample s;
	struct reclaim_counts c;

	/* ≤ 3.4: pgsteal_<zone> counts every reclaimed page, kswapd_steal kswapd's */
	sb_init(&s, 0);
	sb_vm(&s, "pgsteal_dma", 10);
	sb_vm(&s, "pgsteal_dma32", 300);
	sb_vm(&s, "pgsteal_normal", 700);
	sb_vm(&s, "pgsteal_movable", 0);
	sb_vm(&s, "kswapd_steal", 800);
	sb_vm(&s, "pgscan_kswapd_normal", 1500);
	sb_vm(&s, "pgscan_direct_normal", 500);
	reclaim_counts_read(&s.vmstat, &c);
	ck_assert_uint_eq(c.v[RC_STEAL_TOTAL], 1010);
	ck_assert_uint_eq(c.v[RC_STEAL_KSWAPD], 800);
	ck_assert_uint_eq(c.v[RC_STEAL_DIRECT], 210);
	ck_assert_uint_eq(c.v[RC_SCAN_TOTAL], 2000);
	sb_free(&s);
}
END_TEST

START_TEST(interval_rates_efficiency_vmpressure)
{
	struct sample p, c;
	struct reclaim_analysis ra;
	struct vmp_window w = { 0, 0 };
	struct analysis_notes n;

	sb_init(&p, 100);
	new_kernel(&p, 1);
	sb_init(&c, 102);
	new_kernel(&c, 3);   /* every counter doubles its start value again twice: delta = 2 × base */
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_reclaim(&p, &c, &w, &ra, &n), 0);
	ck_assert(!ra.since_boot);
	ck_assert_double_eq_tol(ra.span_s, 2.0, 1e-9);
	ck_assert_uint_eq(ra.d.v[RC_SCAN_TOTAL], 2520);
	ck_assert_double_eq_tol(ra.rate[RC_SCAN_TOTAL], 1260.0, 1e-9);
	ck_assert_double_eq_tol(ra.rate[RC_SCAN_KSWAPD], 1000.0, 1e-9);
	ck_assert_double_eq_tol(ra.rate[RC_OOM_KILL], 1.0, 1e-9);
	ck_assert_uint_eq(ra.d.v[RC_OOM_KILL], 2);
	/* 2050 / 2520 */
	ck_assert(ra.have_eff);
	ck_assert_double_eq_tol(ra.eff, 100.0 * 2050 / 2520, 1e-9);
	ck_assert_double_eq_tol(ra.eff_kswapd, 90.0, 1e-9);
	ck_assert_double_eq_tol(ra.eff_direct, 50.0, 1e-9);
	/* vmpressure over kswapd + direct + khugepaged (proactive excluded): scanned 2500, reclaimed
	 * 2040; scale 4540, ⌊2040·4540/2500⌋ = 3704, (4540 − 3704)·100/4540 = 18.4 → 18, low */
	ck_assert(ra.have_vmp);
	ck_assert_int_eq(ra.vmp_level, VMP_LOW);
	ck_assert_uint_eq(ra.vmp_pct, 18);
	ck_assert_int_eq(n.n, 0);
	analysis_notes_free(&n);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(backwards_counter_gives_zero_and_note)
{
	struct sample p, c;
	struct reclaim_analysis ra;
	struct analysis_notes n;

	sb_init(&p, 0);
	new_kernel(&p, 5);
	sb_init(&c, 1);
	new_kernel(&c, 6);
	sb_vm(&c, "pgscan_kswapd", 3);   /* reset */
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_reclaim(&p, &c, NULL, &ra, &n), 0);
	ck_assert_uint_eq(ra.d.v[RC_SCAN_KSWAPD], 0);
	/* the total went back too (5·1260 = 6300 → 3 + 6·260 = 1563): 0, not 2^64 − 4737 */
	ck_assert_uint_eq(ra.d.v[RC_SCAN_TOTAL], 0);
	ck_assert_uint_eq(ra.d.v[RC_SCAN_DIRECT], 200);
	ck_assert(sb_has_note(&n, "counter pgscan_kswapd went backwards (5000 -> 3); counted as 0"));
	/* the sum is not noted again */
	ck_assert_int_eq(n.n, 1);
	/* no scan in the interval: no efficiency, vmpressure window not filled */
	ck_assert(!ra.have_eff_kswapd);
	analysis_notes_free(&n);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(since_boot_uses_uptime)
{
	struct sample s;
	struct reclaim_analysis ra;

	sb_init(&s, 0);
	new_kernel(&s, 1);
	s.uptime.up = 500;
	s.have |= SAMPLE_HAVE(SP_UPTIME);
	s.psi.some = (struct psi_line){ true, 1.5, 1.0, 0.5, 250000 };
	s.psi.full = (struct psi_line){ true, 0.5, 0.25, 0.1, 50000 };
	s.have |= SAMPLE_HAVE(SP_PSI);
	ck_assert_int_eq(analysis_reclaim(NULL, &s, NULL, &ra, NULL), 0);
	ck_assert(ra.since_boot);
	ck_assert_double_eq_tol(ra.span_s, 500.0, 1e-9);
	ck_assert_double_eq_tol(ra.rate[RC_SCAN_TOTAL], 1260.0 / 500, 1e-9);
	ck_assert(!ra.have_vmp);
	/* 250 ms of some-stall in 500 s: 0.05 % */
	ck_assert(ra.psi.have_stall);
	ck_assert_double_eq_tol(ra.psi.some_stall_ms, 250.0, 1e-9);
	ck_assert_double_eq_tol(ra.psi.some_pct, 0.05, 1e-9);
	ck_assert_double_eq_tol(ra.psi.full.avg10, 0.5, 1e-9);
	sb_free(&s);
}
END_TEST

START_TEST(psi_stall_in_interval)
{
	struct sample p, c;
	struct reclaim_analysis ra;
	struct analysis_notes n;

	sb_init(&p, 10);
	sb_vm(&p, "pgscan_kswapd", 0);
	p.psi.some = (struct psi_line){ true, 0, 0, 0, 1000000 };
	p.psi.full = (struct psi_line){ true, 0, 0, 0, 900000 };
	p.have |= SAMPLE_HAVE(SP_PSI);
	sb_init(&c, 12);
	sb_vm(&c, "pgscan_kswapd", 0);
	c.psi.some = (struct psi_line){ true, 20, 5, 1, 1500000 };   /* +500 ms in 2 s: 25 % */
	c.psi.full = (struct psi_line){ true, 10, 2, 1, 800000 };    /* backwards */
	c.have |= SAMPLE_HAVE(SP_PSI);
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_reclaim(&p, &c, NULL, &ra, &n), 0);
	ck_assert_double_eq_tol(ra.psi.some_stall_ms, 500.0, 1e-9);
	ck_assert_double_eq_tol(ra.psi.some_pct, 25.0, 1e-9);
	ck_assert_double_eq_tol(ra.psi.full_stall_ms, 0.0, 1e-9);
	ck_assert(sb_has_note(&n, "pressure/memory full total went backwards"));
	/* nothing scanned: no efficiency */
	ck_assert(!ra.have_eff);
	analysis_notes_free(&n);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(no_event_counters)
{
	struct sample s;
	struct reclaim_analysis ra;

	/* CONFIG_VM_EVENT_COUNTERS=n: vmstat without any event — nothing claimed */
	sb_init(&s, 0);
	sb_vm(&s, "nr_free_pages", 1000);
	ck_assert_int_eq(analysis_reclaim(NULL, &s, NULL, &ra, NULL), 0);
	for (int i = 0; i < RC_N; i++)
		ck_assert(!ra.d.have[i]);
	ck_assert(!ra.have_eff);
	sb_free(&s);
}
END_TEST

START_TEST(delta_helpers)
{
	bool back = false;

	ck_assert_uint_eq(delta_counter(5, 9, &back), 4);
	ck_assert(!back);
	ck_assert_uint_eq(delta_counter(9, 5, &back), 0);
	ck_assert(back);
	ck_assert_uint_eq(delta_counter(UINT64_MAX - 1, UINT64_MAX, NULL), 1);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		new_kernel_totals_are_not_doubled,
		per_zone_counters_of_4_7_and_before,
		per_zone_reset_names_the_family,
		pgsteal_without_split_of_3_4_and_before,
		interval_rates_efficiency_vmpressure,
		backwards_counter_gives_zero_and_note,
		since_boot_uses_uptime,
		psi_stall_in_interval,
		no_event_counters,
		delta_helpers,
	};

	return sb_run("analysis-reclaim", tests, (int)ZS_ARRAY_LEN(tests));
}
