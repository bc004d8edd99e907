/* test-sim-check.c — the model's invariants (src/sim-check.c) after every step of every built-in
 * scenario, long enough for each to pass through its phases; and each invariant able to fail: a state
 * corrupted in one way is reported by that invariant's own message, while the clean state passes. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "unit-run.h"

#define SEC 1000000000LL

static void start(struct sim *s, const char *name, uint64_t seed)
{
	struct sim_scenario *sc = malloc(sizeof *sc);
	struct zs_err e;

	ck_assert_ptr_nonnull(sc);
	ck_assert_msg(sim_scenario_load(sc, name, &e) == 0, "%s", e.msg);
	ck_assert_msg(sim_init(s, sc, KF_VER(6, 18), seed, &e) == 0, "%s", e.msg);
	free(sc);
}

static bool any_kswapd(const struct sim *s)
{
	for (int n = 0; n < s->nnodes; n++)
		if (s->node[n].kswapd_awake)
			return true;
	return false;
}

/* Every step of 200 simulated seconds (every built-in's phases, burst's 80 s cycle twice), all four
 * invariants, with the wake rule judged against the allocations of the step. */
START_TEST(every_builtin_every_step)
{
	static struct sim s;
	const char *name = sim_builtin_names[_i];
	struct sim_check_mark m;
	struct zs_err e;
	int awake = 0, asleep = 0;

	start(&s, name, 5);
	for (int i = 0; i < 200 * SIM_TICKS_PER_SEC; i++) {
		sim_check_begin(&s, &m);
		sim_step(&s);
		ck_assert_msg(sim_check_step(&s, &m, &e) == 0, "%s t=%.1f s: %s", name, (double)s.now_ns / 1e9, e.msg);
		if (any_kswapd(&s))
			awake++;
		else
			asleep++;
	}
	/* the kswapd rule was judged both ways where the scenario is about reclaim (steady and fragment
	 * never need kswapd on their machines) */
	ck_assert_int_gt(asleep, 0);
	if (strcmp(name, "steady") && strcmp(name, "fragment"))
		ck_assert_msg(awake > 0, "%s: kswapd never woke in 200 s", name);
	sim_free(&s);
}
END_TEST

/* A calm machine 20 s into `burst` (the warm-up: kswapd asleep, every invariant holds). */
static void calm(struct sim *s)
{
	struct zs_err e;

	start(s, "burst", 3);
	sim_run_until(s, 20 * SEC);
	ck_assert_msg(sim_check(s, &e) == 0, "%s", e.msg);
	ck_assert(!s->node[0].kswapd_awake);
}

static struct sim_zone *normal_zone(struct sim *s)
{
	for (int i = 0; i < s->node[0].nzones; i++)
		if (s->node[0].zone[i].type == KZ_NORMAL && s->node[0].zone[i].managed)
			return &s->node[0].zone[i];
	ck_abort_msg("no Normal zone");
	return NULL;
}

static void assert_reports(const struct sim *s, const struct sim_check_mark *m, const char *what)
{
	struct zs_err e;

	ck_assert_int_eq(sim_check_step(s, m, &e), -1);
	ck_assert_msg(!strncmp(e.msg, what, strlen(what)), "expected \"%s…\", got \"%s\"", what, e.msg);
}

START_TEST(a_lost_page_is_not_conserved)
{
	static struct sim s;

	calm(&s);
	/* a page on the inactive file list that came from nowhere (its counter follows, so only the
	 * conservation of the zone can see it) */
	struct sim_zone *z = normal_zone(&s);
	z->lru[LRU_IF]++;
	z->atomic[SI_INACTIVE_FILE]++;
	assert_reports(&s, NULL, "pages not conserved");
	z->lru[LRU_IF]--;
	z->atomic[SI_INACTIVE_FILE]--;
	z->pcp[1].count++;   /* a pageset page not in the zone's total */
	assert_reports(&s, NULL, "pages not conserved");
	sim_free(&s);
}
END_TEST

START_TEST(free_counter_must_be_the_buddy_sum)
{
	static struct sim s;

	calm(&s);
	/* an order-3 block moves from the buddy lists to kernel use without NR_FREE_PAGES hearing of it:
	 * conserved, but the counter no longer adds up to the buddy lists */
	struct sim_zone *z = normal_zone(&s);
	ck_assert_uint_eq(sim_buddy_take(z, 3, 1), 1);
	z->kernel += 8;
	assert_reports(&s, NULL, "buddy lists");
	sim_free(&s);
}
END_TEST

START_TEST(drift_beyond_the_bound_is_reported)
{
	static struct sim s;

	calm(&s);
	/* the same total, but every CPU's differential one past its threshold the other way: each
	 * differential is then over the threshold, the atomic off by more than threshold × CPUs */
	struct sim_zone *z = normal_zone(&s);
	int t = z->kf.threshold > z->kf.pressure_threshold ? z->kf.threshold : z->kf.pressure_threshold;
	ck_assert_int_lt(t, 127);
	for (int c = 0; c < s.ncpus; c++) {
		int8_t *d = &z->diff[(size_t)c * SI_NITEMS + SI_FREE];

		z->atomic[SI_FREE] += *d + t + 1;
		*d = (int8_t)(-t - 1);
	}
	assert_reports(&s, NULL, "drifts");
	sim_free(&s);
}
END_TEST

START_TEST(stale_caches_are_reported)
{
	static struct sim s;
	struct zs_err e;

	calm(&s);
	/* a node's LRU sum that missed a change, then a threshold switched without its cache */
	s.node[0].lru_sum[LRU_AF]++;
	assert_reports(&s, NULL, "caches: node 0: LRU list 3");
	s.node[0].lru_sum[LRU_AF]--;
	ck_assert_msg(sim_check(&s, &e) == 0, "%s", e.msg);
	struct sim_zone *z = normal_zone(&s);
	ck_assert_int_ne(z->kf.threshold, z->kf.pressure_threshold);
	z->use_pressure_threshold = !z->use_pressure_threshold;
	assert_reports(&s, NULL, "caches: node 0 Normal: threshold");
	sim_set_threshold(z);
	ck_assert_msg(sim_check(&s, &e) == 0, "%s", e.msg);
	/* a populated zone left out of the node's list, then an unpopulated one in it */
	s.node[0].npop--;
	assert_reports(&s, NULL, "caches: node 0");
	s.node[0].npop++;
	int8_t keep = s.node[0].pop[0];
	for (int i = 0; i < s.node[0].nzones; i++)
		if (s.node[0].zone[i].managed == 0)
			s.node[0].pop[0] = (int8_t)i;
	ck_assert_int_ne(s.node[0].pop[0], keep);
	assert_reports(&s, NULL, "caches: node 0");
	s.node[0].pop[0] = keep;
	ck_assert_msg(sim_check(&s, &e) == 0, "%s", e.msg);
	sim_free(&s);
}
END_TEST

START_TEST(kswapd_awake_on_a_balanced_node)
{
	static struct sim s;

	calm(&s);
	s.node[0].kswapd_awake = true;
	assert_reports(&s, NULL, "kswapd");
	s.node[0].kswapd_failures = SIM_MAX_RECLAIM_RETRIES;   /* … and on a hopeless one */
	assert_reports(&s, NULL, "kswapd: node 0: awake on a hopeless node");
	sim_free(&s);
}
END_TEST

START_TEST(kswapd_asleep_below_low)
{
	static struct sim s;
	struct sim_check_mark m;
	struct zs_err e;

	calm(&s);
	/* every free page of every zone (buddy lists and pagesets) taken by the kernel, counted: a
	 * consistent state below min, and an allocation made since the mark: kswapd should have been woken */
	sim_check_begin(&s, &m);
	for (int i = 0; i < s.node[0].nzones; i++) {
		struct sim_zone *z = &s.node[0].zone[i];
		int64_t take = (int64_t)sim_buddy_take(z, 0, (uint64_t)sim_free_pages(z));

		z->kernel += take + z->pcp_total;
		z->atomic[SI_FREE] -= take;
		for (int c = 0; c < s.ncpus; c++)
			z->pcp[c].count = 0;
		z->pcp_total = 0;
	}
	ck_assert_msg(sim_check_step(&s, &m, &e) == 0, "without an allocation nothing wakes kswapd: %s", e.msg);
	normal_zone(&s)->pgalloc++;
	assert_reports(&s, &m, "kswapd: node 0: asleep");
	/* the rule is the kernel's: the same state with kswapd awake is fine */
	s.node[0].kswapd_awake = true;
	ck_assert_msg(sim_check_step(&s, &m, &e) == 0, "%s", e.msg);
	sim_free(&s);
}
END_TEST

static Suite *suite(void)
{
	Suite *su = suite_create("sim-check");
	TCase *tc = tcase_create("invariants");
	int nbuiltin = 0;

	while (sim_builtin_names[nbuiltin])
		nbuiltin++;
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, every_builtin_every_step, 0, nbuiltin);
	tcase_add_test(tc, a_lost_page_is_not_conserved);
	tcase_add_test(tc, free_counter_must_be_the_buddy_sum);
	tcase_add_test(tc, stale_caches_are_reported);
	tcase_add_test(tc, drift_beyond_the_bound_is_reported);
	tcase_add_test(tc, kswapd_awake_on_a_balanced_node);
	tcase_add_test(tc, kswapd_asleep_below_low);
	suite_add_tcase(su, tc);
	return su;
}

int main(void)
{
	return unit_run(suite());
}
