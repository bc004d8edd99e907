/* test-sim-engine.c — the simulation engine: invariants after every step of every built-in scenario, the
 * behaviour each scenario exists to show, determinism, and PSI averaging against the closed form. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "sim-render.h"
#include "sim.h"
#include "unit-run.h"

static void start(struct sim *s, const char *name, uint64_t seed)
{
	struct sim_scenario *sc = malloc(sizeof *sc);
	struct zs_err e;

	ck_assert_ptr_nonnull(sc);
	ck_assert_msg(sim_scenario_load(sc, name, &e) == 0, "%s", e.msg);
	ck_assert_msg(sim_init(s, sc, KF_VER(6, 18), seed, &e) == 0, "%s", e.msg);
	free(sc);
}

/* Run for `seconds`, checking every invariant after every step. */
static void run_checked(struct sim *s, int seconds)
{
	struct zs_err e;

	for (int i = 0; i < seconds * SIM_TICKS_PER_SEC; i++) {
		sim_step(s);
		ck_assert_msg(sim_check(s, &e) == 0, "t=%.1f s: %s", (double)s->now_ns / 1e9, e.msg);
	}
}

static uint64_t allocstalls(const struct sim *s)
{
	uint64_t t = 0;

	for (int n = 0; n < s->nnodes; n++)
		for (int i = 0; i < s->node[n].nzones; i++)
			t += s->node[n].zone[i].allocstall;
	return t;
}

START_TEST(invariants_every_step)
{
	static struct sim s;
	const char *name = sim_builtin_names[_i];

	start(&s, name, 7);
	run_checked(&s, 90);
	sim_free(&s);
}
END_TEST

START_TEST(anon_leak_ends_in_oom_kill)
{
	static struct sim s;

	start(&s, "anon-leak", 1);
	run_checked(&s, 60);
	/* 2 GiB without swap, 100 MiB/s leaked: memory is gone within ~20 s */
	ck_assert_uint_ge(s.ev[SE_oom_kill], 1);
	ck_assert_uint_gt(s.ev[SE_pgscan_direct], 0);
	sim_free(&s);
}
END_TEST

START_TEST(burst_forces_direct_reclaim)
{
	static struct sim s;

	start(&s, "burst", 1);
	run_checked(&s, 29);
	ck_assert_uint_eq(allocstalls(&s), 0);   /* warm-up: the cache fills, nobody stalls */
	run_checked(&s, 10);
	ck_assert_uint_gt(allocstalls(&s), 0);
	ck_assert_uint_gt(s.ev[SE_pgscan_direct], 0);
	ck_assert_uint_gt(s.ev[SE_pgsteal_direct], 0);
	/* the burst's stalls show in PSI */
	ck_assert_uint_gt(s.psi.some.total_ns, 0);
	sim_free(&s);
}
END_TEST

START_TEST(cache_stream_kswapd_only)
{
	static struct sim s;

	start(&s, "cache-stream", 1);
	run_checked(&s, 120);
	ck_assert_uint_gt(s.ev[SE_pgscan_kswapd], 0);
	ck_assert_uint_gt(s.ev[SE_pgsteal_kswapd], 0);
	ck_assert_uint_gt(s.ev[SE_pageoutrun], 0);
	ck_assert_uint_eq(s.ev[SE_pgscan_direct], 0);
	ck_assert_uint_eq(allocstalls(&s), 0);
	ck_assert_uint_eq(s.ev[SE_oom_kill], 0);
	sim_free(&s);
}
END_TEST

START_TEST(thrash_refaults_and_swaps_in)
{
	static struct sim s;

	start(&s, "thrash", 1);
	run_checked(&s, 60);
	ck_assert_uint_gt(s.ev[SE_pswpout], 0);
	ck_assert_uint_gt(s.ev[SE_pswpin], 0);
	ck_assert_uint_gt(s.ev[SE_workingset_refault_anon], 0);
	ck_assert_uint_gt(s.ev[SE_pgmajfault], 0);
	/* thrashing is a memstall */
	ck_assert_uint_gt(s.psi.full.total_ns, 0);
	sim_free(&s);
}
END_TEST

static int worst_fragindex(const struct sim *s, int order)
{
	int worst = -1000;

	for (int n = 0; n < s->nnodes; n++)
		for (int i = 0; i < s->node[n].nzones; i++) {
			const struct sim_zone *z = &s->node[n].zone[i];
			int f;

			if (!z->managed)
				continue;
			f = frag_extfrag_index(z->buddy, SIM_ORDERS, order);
			if (f > worst)
				worst = f;
		}
	return worst;
}

START_TEST(fragment_raises_fragindex)
{
	static struct sim s;

	start(&s, "fragment", 1);
	/* a fresh machine has free order-9 blocks everywhere: "would succeed" */
	ck_assert_int_eq(worst_fragindex(&s, 9), -1000);
	run_checked(&s, 120);
	ck_assert_int_gt(worst_fragindex(&s, 9), 500);
	ck_assert_uint_gt(s.ev[SE_compact_stall], 0);
	ck_assert_uint_gt(s.ev[SE_thp_fault_fallback], 0);
	sim_free(&s);
}
END_TEST

/* Buddy merging in bulk: freed pages merge up to whole pageblocks only while a pageblock without a pin
 * is there to hold them; a pinned pageblock keeps its small free blocks beside the pin. */
START_TEST(pinned_pageblocks_bound_whole_free_blocks)
{
	static struct sim s;
	struct sim_zone *z;
	uint64_t nb, whole = 0;

	start(&s, "steady", 1);
	z = &s.node[0].zone[2];                       /* Normal of 8 GiB */
	nb = z->managed >> s.km.pageblock_order;
	memset(z->buddy, 0, sizeof z->buddy);
	z->pinned_blocks = nb - 10;                   /* ten pageblocks without a pin */
	z->pinned_permille = (uint32_t)(z->pinned_blocks * 1000 / nb);
	for (int i = 0; i < 1000; i++)
		sim_buddy_give(&s, z, 512);               /* 1000 pageblocks' worth, freed a block at a time */
	sim_buddy_settle(&s, z);
	for (int k = s.km.pageblock_order; k < SIM_ORDERS; k++)
		whole += z->buddy[k] << (k - s.km.pageblock_order);
	ck_assert_uint_le(whole, 10);
	ck_assert_uint_eq(sim_pageblock_room(&s, z), 10 - whole);
	/* nothing lost, and the pinned pageblocks' pieces stay small */
	ck_assert_int_eq(sim_free_pages(z), 1000 * 512);
	ck_assert_uint_ge(z->buddy[0], 1000);
	/* no pins: the same frees end in whole pageblocks (and pairs of them) */
	memset(z->buddy, 0, sizeof z->buddy);
	z->pinned_blocks = 0;
	z->pinned_permille = 0;
	for (int i = 0; i < 1000; i++)
		sim_buddy_give(&s, z, 512);
	sim_buddy_settle(&s, z);
	whole = 0;
	for (int k = s.km.pageblock_order; k < SIM_ORDERS; k++)
		whole += z->buddy[k] << (k - s.km.pageblock_order);
	ck_assert_uint_gt(whole, 900);
	sim_free(&s);
}
END_TEST

START_TEST(numa2_has_two_nodes)
{
	static struct sim s;
	uint64_t alloc[2] = { 0, 0 };

	start(&s, "numa2", 1);
	run_checked(&s, 30);
	ck_assert_int_eq(s.nnodes, 2);
	for (int n = 0; n < 2; n++)
		for (int i = 0; i < s.node[n].nzones; i++)
			alloc[n] += s.node[n].zone[i].pgalloc;
	ck_assert_uint_gt(alloc[0], 0);
	ck_assert_uint_gt(alloc[1], 0);
	/* node 1 has only Normal memory, as on a real two-socket machine */
	ck_assert_uint_eq(s.node[1].zone[0].managed, 0);
	sim_free(&s);
}
END_TEST

START_TEST(steady_stays_calm_and_counters_drift)
{
	static struct sim s;
	bool drifted = false;

	start(&s, "steady", 1);
	for (int i = 0; i < 600; i++) {
		sim_step(&s);
		for (int z = 0; z < s.node[0].nzones; z++)
			if (s.node[0].zone[z].atomic[SI_FREE] != sim_free_pages(&s.node[0].zone[z]))
				drifted = true;
	}
	ck_assert_msg(drifted, "the reported free pages never differed from the truth");
	ck_assert_uint_eq(s.ev[SE_oom_kill], 0);
	ck_assert_uint_eq(allocstalls(&s), 0);
	sim_free(&s);
}
END_TEST

static char *render_all(struct sim *s, uint32_t kver)
{
	struct snapshot snap;
	struct sbuf tmp = { 0 }, all = { 0 };

	snapshot_init(&snap);
	sim_render(s, kver, ((snap_mask)1 << SNAP_NFILES) - 1, &snap, &tmp);
	for (int i = 0; i < SNAP_NFILES; i++)
		if (snap.f[i].read && !snap.f[i].err)
			sbuf_printf(&all, "== %s\n%s", snap_file_path[i], snap.f[i].buf);
	snapshot_free(&snap);
	sbuf_free(&tmp);
	return all.b;
}

START_TEST(same_seed_same_bytes)
{
	static struct sim a, b, c;
	char *ta, *tb, *tc;

	start(&a, "burst", 42);
	start(&b, "burst", 42);
	start(&c, "burst", 43);
	sim_run_until(&a, 45 * 1000000000LL);
	sim_run_until(&b, 45 * 1000000000LL);
	sim_run_until(&c, 45 * 1000000000LL);
	ta = render_all(&a, KF_VER(6, 18));
	tb = render_all(&b, KF_VER(6, 18));
	tc = render_all(&c, KF_VER(6, 18));
	ck_assert_str_eq(ta, tb);
	ck_assert_str_ne(ta, tc);
	free(ta);
	free(tb);
	free(tc);
	sim_free(&a);
	sim_free(&b);
	sim_free(&c);
}
END_TEST

/* PSI: a constant stall fraction p for long enough converges on p; from zero, n periods of 100 % give
 * 1 − (EXP/2048)^n (the closed form of calc_load's recursion, up to its rounding). */
START_TEST(psi_averages_follow_the_kernel)
{
	struct sim_psi p;
	int64_t now = 0;
	double period = (2.0 * 250 + 1) / 250;   /* s */

	sim_psi_init(&p, 0);
	for (int i = 0; i < 5 * 20; i++) {   /* ≈ 5 periods at 100 % */
		now += SIM_TICK_NS;
		sim_psi_tick(&p, now, SIM_TICK_NS, SIM_TICK_NS / 2);
	}
	int periods = (int)((double)now / 1e9 / period);
	double want10 = 100.0 * (1 - pow(1677.0 / 2048, periods));
	double got10 = (double)(p.some.avg[0] >> 11) + (double)(((p.some.avg[0] & 2047) * 100) >> 11) / 100;
	ck_assert_msg(fabs(got10 - want10) < 1.0, "avg10 %.2f, closed form %.2f", got10, want10);
	for (int i = 0; i < 600 * 10; i++) {
		now += SIM_TICK_NS;
		sim_psi_tick(&p, now, SIM_TICK_NS / 2, 0);
	}
	/* Every period here is whole ticks with half of each stalled, so pct = time·100/period is exactly 50
	 * (no truncation), and 50·2048 is a fixed point of calc_load: from above, with load = active + d,
	 * (load·1677 + active·371)/2048 = active + ⌊1677·d/2048⌋, so the excess shrinks to 0: exactly 50.00. */
	ck_assert_uint_eq(p.some.avg[0], 50ul << 11);
	ck_assert_uint_le(p.full.avg[0] >> 11, 1);
	ck_assert_uint_eq(p.some.total_ns, 5 * 20 * SIM_TICK_NS + 6000ull * (SIM_TICK_NS / 2));
	/* A third of every tick: pct = ⌊33.3⌋ = 33 each period (psi.c's div_u64 truncates), so the average
	 * settles on 33.00, not 33.33: the integer-percent truncation the kernel really has. */
	for (int i = 0; i < 600 * 10; i++) {
		now += SIM_TICK_NS;
		sim_psi_tick(&p, now, SIM_TICK_NS / 3, 0);
	}
	ck_assert_uint_eq(p.some.avg[0], 33ul << 11);
	/* the 300 s average keeps (2034/2048)^~299 ≈ 13 % of the old 17-point excess: about 35 */
	ck_assert_uint_gt(p.some.avg[2], 33ul << 11);
	ck_assert_uint_lt(p.some.avg[2], 40ul << 11);
}
END_TEST

START_TEST(scenario_errors_name_the_line)
{
	struct sim_scenario *sc = malloc(sizeof *sc);
	struct zs_err e;

	ck_assert_int_eq(sim_scenario_parse(sc, "[machine]\ncpus = 4\nmemory = lots\n", "t.ini", &e), -1);
	ck_assert_msg(strstr(e.msg, "t.ini:3") && strstr(e.msg, "memory"), "%s", e.msg);
	ck_assert_int_eq(sim_scenario_parse(sc, "[machine]\n[bogus]\nx = 1\n", "t.ini", &e), -1);
	ck_assert_msg(strstr(e.msg, "bogus"), "%s", e.msg);
	ck_assert_int_eq(sim_scenario_parse(sc, "[phase a]\nduration = -3\n", "t.ini", &e), -1);
	ck_assert_int_eq(sim_scenario_parse(sc, "[phase a]\nsysctl.watermark_scale_factor = 5000\n", "t.ini", &e), -1);
	ck_assert_int_eq(sim_scenario_parse(sc, "[phase a]\nduration = 2m\nanon_alloc = 4M\n"
					     "sysctl.min_free_kbytes = 131072\n[phase b]\nburst = 1G\n", "t.ini", &e), 0);
	ck_assert_int_eq(sc->nphases, 2);
	ck_assert(sc->phase[0].duration == 120);
	ck_assert(sc->phase[0].anon_alloc == 1024);          /* 4 MiB/s in 4 KiB pages */
	ck_assert_int_eq(sc->phase[0].min_free_kbytes, 131072);
	ck_assert(sc->phase[1].burst == 262144);
	free(sc);
}
END_TEST

/* A sysctl written by a phase goes through the kernel's recompute: watermarks follow min_free_kbytes. */
START_TEST(sysctl_phase_recomputes_watermarks)
{
	static struct sim s;
	struct sim_scenario *sc = malloc(sizeof *sc);
	struct zs_err e;
	uint64_t before;

	ck_assert_int_eq(sim_scenario_parse(sc, "[machine]\nmemory = 8G\nmin_free_kbytes = 65536\n"
					     "[phase a]\nduration = 10\n[phase b]\nsysctl.min_free_kbytes = 131072\n",
					     "t.ini", &e), 0);
	ck_assert_int_eq(sim_init(&s, sc, KF_VER(6, 18), 1, &e), 0);
	sim_step(&s);
	before = s.node[0].zone[2].kf.wmark_min;
	ck_assert_uint_eq(s.kr.pages_min, 16384);
	sim_run_until(&s, 11 * 1000000000LL);
	ck_assert_uint_eq(s.kr.pages_min, 32768);
	/* min is the zone's share of pages_min: doubling pages_min doubles it, up to truncation */
	ck_assert_uint_le(s.node[0].zone[2].kf.wmark_min - 2 * before, 1);
	free(sc);
	sim_free(&s);
}
END_TEST

/* The reciprocal division gives C's quotient: around multiples of small and large divisors, at the top of
 * the range, and for random operands of every size. */
START_TEST(reciprocal_division_is_exact)
{
	static const uint64_t d[] = { 1, 2, 3, 7, 10, 63, 1000, 4095, 1 << 20, 999999937, (1ull << 40) + 1,
				      (1ull << 63) - 1, 1ull << 63, UINT64_MAX };
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		struct sim_recip r = sim_recip_of(d[i]);

		for (uint64_t q = 0; q < 5000 && q <= UINT64_MAX / d[i]; q += q / 3 + 1)
			for (int e = -1; e <= 1; e++) {
				uint64_t p = q * d[i] + (uint64_t)(int64_t)e;

				if ((e > 0 && p < q * d[i]) || (e < 0 && q == 0))
					continue;   /* past either end */
				ck_assert_uint_eq(sim_recip_div(r, p), p / d[i]);
			}
		ck_assert_uint_eq(sim_recip_div(r, UINT64_MAX), UINT64_MAX / d[i]);
	}
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		uint64_t p = x >> (x % 64), q = ((x * 31) >> (x % 61)) | 1;

		ck_assert_uint_eq(sim_recip_div(sim_recip_of(q), p), p / q);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *su = suite_create("sim-engine");
	TCase *tc = tcase_create("engine");
	int nbuiltin = 0;

	while (sim_builtin_names[nbuiltin])
		nbuiltin++;
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, invariants_every_step, 0, nbuiltin);
	tcase_add_test(tc, anon_leak_ends_in_oom_kill);
	tcase_add_test(tc, burst_forces_direct_reclaim);
	tcase_add_test(tc, cache_stream_kswapd_only);
	tcase_add_test(tc, thrash_refaults_and_swaps_in);
	tcase_add_test(tc, fragment_raises_fragindex);
	tcase_add_test(tc, pinned_pageblocks_bound_whole_free_blocks);
	tcase_add_test(tc, numa2_has_two_nodes);
	tcase_add_test(tc, steady_stays_calm_and_counters_drift);
	tcase_add_test(tc, same_seed_same_bytes);
	tcase_add_test(tc, psi_averages_follow_the_kernel);
	tcase_add_test(tc, scenario_errors_name_the_line);
	tcase_add_test(tc, sysctl_phase_recomputes_watermarks);
	tcase_add_test(tc, reciprocal_division_is_exact);
	suite_add_tcase(su, tc);
	return su;
}

int main(void)
{
	return unit_run(suite());
}
