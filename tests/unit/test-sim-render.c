/* test-sim-render.c — every simulated format of every --sim-kernel era is read back by zonestat's own
 * parsers, and what they read equals the model: watermarks (raw + boost), protection, managed pages,
 * buddy lists, PSI; the zoneinfo layout says the era it was rendered for. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kformula-sample.h"
#include "proc.h"
#include "sample.h"
#include "sim-render.h"
#include "sim.h"
#include "unit-run.h"

static const uint32_t eras[] = { KF_VER(6, 18), KF_VER(6, 1), KF_VER(5, 10), KF_VER(4, 19), KF_VER(4, 4),
				  KF_VER(3, 10) };

static void start(struct sim *s, const char *name, uint32_t kver)
{
	struct sim_scenario *sc = malloc(sizeof *sc);
	struct zs_err e;

	ck_assert_int_eq(sim_scenario_load(sc, name, &e), 0);
	ck_assert_msg(sim_init(s, sc, kver, 3, &e) == 0, "%s", e.msg);
	free(sc);
}

static const struct sim_zone *find_zone(const struct sim *s, int node, const char *name)
{
	for (int i = 0; i < s->node[node].nzones; i++)
		if (!strcmp(s->node[node].zone[i].name, name))
			return &s->node[node].zone[i];
	return NULL;
}

START_TEST(parsers_read_every_era)
{
	static struct sim s;
	uint32_t kver = eras[_i];
	struct snapshot snap;
	struct sbuf tmp = { 0 };
	struct sample smp;
	unsigned parts = SAMPLE_HAVE(SP_STAT) | SAMPLE_HAVE(SP_MEMINFO) | SAMPLE_HAVE(SP_VMSTAT) |
			 SAMPLE_HAVE(SP_UPTIME) | SAMPLE_HAVE(SP_LOADAVG) | SAMPLE_HAVE(SP_ZONEINFO) |
			 SAMPLE_HAVE(SP_BUDDYINFO) | SAMPLE_HAVE(SP_SYSCTLS) | SAMPLE_HAVE(SP_NODES) |
			 SAMPLE_HAVE(SP_CPU_ONLINE) | SAMPLE_HAVE(SP_VERSION);

	if (kver >= KF_VER(4, 20))
		parts |= SAMPLE_HAVE(SP_PSI);
	start(&s, "numa2", kver);
	sim_run_until(&s, 20 * 1000000000LL);
	snapshot_init(&snap);
	sample_init(&smp);
	sim_render(&s, kver, sample_parts_mask(parts), &snap, &tmp);
	sample_parse(&smp, &snap, parts);
	for (int p = 0; p < SP_NPARTS; p++)
		if (parts & SAMPLE_HAVE(p))
			ck_assert_msg(smp.have & SAMPLE_HAVE(p), "%u.%u part %d: %s", kver / 1000, kver % 1000, p,
				      smp.err[p].msg);
	/* zoneinfo: every printed zone matches the model */
	ck_assert_int_gt(smp.zi.nzones, 0);
	for (int i = 0; i < smp.zi.nzones; i++) {
		const struct zone *z = &smp.zi.zone[i];
		const struct sim_zone *m = find_zone(&s, z->node, z->name);

		ck_assert_msg(m != NULL, "zone %d %s not in the model", z->node, z->name);
		ck_assert_uint_eq(z->min, m->kf.wmark_min + m->boost);
		ck_assert_uint_eq(z->low, m->kf.wmark_low + m->boost);
		ck_assert_uint_eq(z->high, m->kf.wmark_high + m->boost);
		ck_assert_uint_eq(z->managed, m->managed);
		ck_assert_uint_eq(z->spanned, m->spanned);
		for (int j = 0; j < z->nprotection; j++)
			ck_assert_int_eq(z->protection[j], m->kf.protection[j]);
		if (z->populated) {
			ck_assert_int_eq(z->npcp, s.ncpus);
			ck_assert_int_eq(z->threshold, sim_threshold(m));
			ck_assert_int_eq((int)z->free, (int)sim_reported(m, SI_FREE));
		}
		/* before 4.12 only populated zones are printed */
		if (kver < KF_VER(4, 12))
			ck_assert(z->populated);
	}
	/* the layout is recognised as the era it was rendered for (the oldest release printing it so) */
	uint32_t seen = kf_version_from_zoneinfo(&smp.zi);
	ck_assert_msg(seen <= kver, "%u rendered, %u recognised", kver, seen);
	if (kver >= KF_VER(6, 7))
		ck_assert_int_eq(smp.zi.pcp_format, 2);
	/* buddyinfo: one line per populated zone, the model's free lists */
	for (int i = 0; i < smp.buddy.nzones; i++) {
		const struct buddy_zone *b = &smp.buddy.zone[i];
		const struct sim_zone *m = find_zone(&s, b->node, b->name);

		ck_assert_ptr_nonnull(m);
		ck_assert_int_eq(b->norders, SIM_ORDERS);
		for (int k = 0; k < SIM_ORDERS; k++)
			ck_assert_uint_eq(b->nfree[k], m->buddy[k]);
	}
	ck_assert_int_eq(smp.nnodes, 2);
	ck_assert_int_eq(smp.ncpu_online, s.ncpus);
	ck_assert_int_eq(kv_val(&smp.meminfo, "MemTotal") % 4, 0);
	ck_assert(kv_has(&smp.vmstat, "pgpgin"));
	ck_assert(kv_has(&smp.vmstat, kver >= KF_VER(4, 8) ? "pgsteal_kswapd" : "pgsteal_kswapd_normal"));
	ck_assert_int_eq(smp.sys.min_free_kbytes, (int64_t)s.kr.pages_min * 4);
	sample_free(&smp);
	snapshot_free(&snap);
	sbuf_free(&tmp);
	sim_free(&s);
}
END_TEST

START_TEST(psi_text_round_trips)
{
	static struct sim s;
	char buf[256];
	struct proc_psi p;
	struct zs_err e;

	start(&s, "thrash", KF_VER(6, 18));
	sim_run_until(&s, 40 * 1000000000LL);
	sim_psi_format(&s.psi, buf, sizeof buf, true);
	memset(&p, 0, sizeof p);
	ck_assert_msg(proc_psi_parse(&p, buf, strlen(buf), &e) == 0, "%s", e.msg);
	ck_assert(p.some.have && p.full.have);
	ck_assert_uint_eq(p.some.total_us, s.psi.some.total_ns / 1000);
	ck_assert(p.some.avg10 > 0);
	sim_free(&s);
}
END_TEST

static Suite *suite(void)
{
	Suite *su = suite_create("sim-render");
	TCase *tc = tcase_create("render");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, parsers_read_every_era, 0, (int)(sizeof eras / sizeof eras[0]));
	tcase_add_test(tc, psi_text_round_trips);
	suite_add_tcase(su, tc);
	return su;
}

int main(void)
{
	return unit_run(suite());
}
