/* test-kformula.c — Check suite for kformula.c.
 *
 * Expected numbers are worked out by hand from kernel-mm-formulas.md (the section is named at each test),
 * mostly §10's verification on a 6.18 VM (2 CPUs, 1 node, zones DMA/DMA32/Normal/Movable/Device). */
#include "config.h"

#include <check.h>
#include <string.h>

#include "kformula-sample.h"
#include "kformula.h"
#include "sample-build.h"
#include "unit-run.h"

static struct kf_result res;

/* §10.1 snapshot B: Normal managed 524288; snapshot A: 262144. */
static void vm618(struct kf_machine *m, uint64_t normal)
{
	static const uint64_t managed[5] = { 3840, 772917, 0, 0, 0 };
	static const enum kf_zone_type t[5] = { KZ_DMA, KZ_DMA32, KZ_NORMAL, KZ_MOVABLE, KZ_DEVICE };

	kf_machine_defaults(m, KF_VER(6, 18));
	m->online_cpus = 2;
	m->nnodes = 1;
	m->node[0].nzones = 5;
	m->node[0].ncpus = 2;
	for (int i = 0; i < 5; i++) {
		m->node[0].zone[i].type = t[i];
		m->node[0].zone[i].managed = i == 2 ? normal : managed[i];
		m->node[0].zone[i].present = m->node[0].zone[i].managed;
	}
	m->min_free_kbytes = 67584;
}

static void assert_wm(const struct kf_zone_out *o, uint64_t min, uint64_t low, uint64_t high, uint64_t promo)
{
	ck_assert_uint_eq(o->wmark_min, min);
	ck_assert_uint_eq(o->wmark_low, low);
	ck_assert_uint_eq(o->wmark_high, high);
	ck_assert_uint_eq(o->wmark_promo, promo);
}

static void assert_prot(const struct kf_zone_out *o, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e)
{
	ck_assert_int_eq(o->protection[0], a);
	ck_assert_int_eq(o->protection[1], b);
	ck_assert_int_eq(o->protection[2], c);
	ck_assert_int_eq(o->protection[3], d);
	ck_assert_int_eq(o->protection[4], e);
}

START_TEST(snapshot_b_watermarks)
{
	struct kf_machine m;

	vm618(&m, 524288);
	kf_compute(&m, &res);
	ck_assert_uint_eq(res.pages_min, 16896);
	ck_assert_uint_eq(res.lowmem_pages, 1301045);
	assert_wm(&res.node[0][0], 49, 61, 73, 85);
	assert_wm(&res.node[0][1], 10037, 12546, 15055, 17564);
	ck_assert_uint_eq(res.node[0][1].tmp, 10037);
	ck_assert_uint_eq(res.node[0][1].dist, 2509);
	assert_wm(&res.node[0][2], 6808, 8510, 10212, 11914);
	/* Movable: HighMem-style cap, dist 0; Device: lowmem branch with tmp 0 */
	assert_wm(&res.node[0][3], 32, 32, 32, 32);
	ck_assert(res.node[0][3].min_capped);
	assert_wm(&res.node[0][4], 0, 0, 0, 0);
}
END_TEST

START_TEST(snapshot_b_protection_reserve)
{
	struct kf_machine m;

	vm618(&m, 524288);
	kf_compute(&m, &res);
	assert_prot(&res.node[0][0], 0, 3019, 5067, 5067, 5067);
	assert_prot(&res.node[0][1], 0, 0, 2048, 2048, 2048);
	assert_prot(&res.node[0][2], 0, 0, 0, 0, 0);
	assert_prot(&res.node[0][3], 0, 0, 0, 0, 0);
	/* §2.3: 3840 + 17103 + 10212 + 0 */
	ck_assert_uint_eq(res.node[0][0].reserve, 3840);
	ck_assert_uint_eq(res.node[0][1].reserve, 17103);
	ck_assert_uint_eq(res.totalreserve_pages, 31155);
}
END_TEST

START_TEST(snapshot_b_thresholds_pcp)
{
	struct kf_machine m;

	vm618(&m, 524288);
	kf_compute(&m, &res);
	ck_assert_int_eq(res.node[0][0].threshold, 4);
	ck_assert_int_eq(res.node[0][1].threshold, 24);
	ck_assert_int_eq(res.node[0][2].threshold, 24);
	ck_assert_int_eq(res.node[0][3].threshold, 0);
	/* §3.3: DMA ⌊12/2⌋ = 6, DMA32 ⌊2509/2⌋ capped at 125 */
	ck_assert_int_eq(res.node[0][0].pressure_threshold, 6);
	ck_assert_int_eq(res.node[0][1].pressure_threshold, 125);
	/* 2 CPUs: no zone's drift (8, 48, 48) exceeds low − min (12, 2509, 1702) */
	ck_assert_uint_eq(res.node[0][0].drift_mark, 0);
	ck_assert_uint_eq(res.node[0][1].drift_mark, 0);
	ck_assert_uint_eq(res.node[0][0].max_drift, 8);
	ck_assert_int_eq(res.node[0][0].batch, 1);
	ck_assert_int_eq(res.node[0][1].batch, 63);
	ck_assert_int_eq(res.node[0][2].batch, 63);
	ck_assert_int_eq(res.node[0][0].high_min, 30);
	ck_assert_int_eq(res.node[0][1].high_min, 6273);
	ck_assert_int_eq(res.node[0][2].high_min, 4255);
	ck_assert_int_eq(res.node[0][0].high_max, 240);
	ck_assert_int_eq(res.node[0][1].high_max, 48307);
	ck_assert_int_eq(res.node[0][2].high_max, 32768);
	ck_assert_int_eq(res.node[0][3].batch, 0);
}
END_TEST

START_TEST(snapshot_a)
{
	struct kf_machine m;

	vm618(&m, 262144);
	kf_compute(&m, &res);
	ck_assert_uint_eq(res.lowmem_pages, 1038901);
	assert_wm(&res.node[0][0], 62, 77, 92, 107);
	assert_wm(&res.node[0][1], 12570, 15712, 18854, 21996);
	assert_wm(&res.node[0][2], 4263, 5328, 6393, 7458);
	assert_prot(&res.node[0][0], 0, 3019, 4043, 4043, 4043);
	assert_prot(&res.node[0][1], 0, 0, 1024, 1024, 1024);
	ck_assert_int_eq(res.node[0][2].threshold, 20);
	ck_assert_int_eq(res.node[0][0].high_min, 38);
	ck_assert_int_eq(res.node[0][1].high_min, 7856);
	ck_assert_int_eq(res.node[0][2].high_min, 2664);
	ck_assert_int_eq(res.node[0][2].high_max, 16384);
}
END_TEST

START_TEST(dynamic_sysctls)
{
	struct kf_machine m;

	/* §10.2 watermark_scale_factor = 200 */
	vm618(&m, 524288);
	m.watermark_scale_factor = 200;
	kf_compute(&m, &res);
	ck_assert_uint_eq(res.node[0][2].wmark_low, 17293);
	ck_assert_uint_eq(res.node[0][2].wmark_promo, 38263);
	ck_assert_int_eq(res.node[0][2].high_min, 8646);

	/* percpu_pagelist_high_fraction = 8: high_min = high_max = ⌊⌊managed/8⌋/2⌋ */
	vm618(&m, 524288);
	m.percpu_pagelist_high_fraction = 8;
	kf_compute(&m, &res);
	ck_assert_int_eq(res.node[0][0].high_min, 240);
	ck_assert_int_eq(res.node[0][0].high_max, 240);
	ck_assert_int_eq(res.node[0][1].high_min, 48307);
	ck_assert_int_eq(res.node[0][2].high_max, 32768);

	/* lowmem_reserve_ratio = 128 64 16 0 0 */
	vm618(&m, 524288);
	m.nlowmem_reserve_ratio = 5;
	m.lowmem_reserve_ratio[0] = 128;
	m.lowmem_reserve_ratio[1] = 64;
	m.lowmem_reserve_ratio[2] = 16;
	kf_compute(&m, &res);
	assert_prot(&res.node[0][0], 0, 6038, 10134, 10134, 10134);
	assert_prot(&res.node[0][1], 0, 0, 8192, 8192, 8192);
	/* 0 256 32 0 0: ratio 0 clears DMA's reserve */
	m.lowmem_reserve_ratio[0] = 0;
	m.lowmem_reserve_ratio[1] = 256;
	m.lowmem_reserve_ratio[2] = 32;
	kf_compute(&m, &res);
	assert_prot(&res.node[0][0], 0, 0, 0, 0, 0);
	assert_prot(&res.node[0][1], 0, 0, 2048, 2048, 2048);
}
END_TEST

START_TEST(min_free_kbytes_defaults)
{
	struct kf_machine m;

	/* §1.1: lowmem 1301045 − highs (73 + 15055 + 10212) = 1275705 pages → ⌊√(5102820·16)⌋ = 9035 */
	ck_assert_int_eq(kf_default_min_free_kbytes(1275705, 12, KF_VER(6, 18)), 9035);
	ck_assert_int_eq(kf_default_min_free_kbytes(1000, 12, KF_VER(6, 18)), 252);
	ck_assert_int_eq(kf_default_min_free_kbytes(10, 12, KF_VER(6, 18)), 128);
	/* upper bound 65536 before ≈5.7, 262144 since */
	ck_assert_int_eq(kf_default_min_free_kbytes(1ull << 32, 12, KF_VER(5, 4)), 65536);
	ck_assert_int_eq(kf_default_min_free_kbytes(1ull << 32, 12, KF_VER(6, 1)), 262144);

	vm618(&m, 524288);
	kf_compute(&m, &res);
	ck_assert_int_eq(res.min_free_kbytes_sqrt, 9035);
	/* §1.2: 3 low zones × 512 × 11 = 16896 pages = 67584 kB */
	ck_assert_int_eq(res.min_free_kbytes_thp, 67584);
	/* unknown value in force: the kernel's own choice is the khugepaged one */
	m.min_free_kbytes = -1;
	kf_compute(&m, &res);
	ck_assert_uint_eq(res.pages_min, 16896);
	m.thp = false;
	kf_compute(&m, &res);
	ck_assert_int_eq(res.min_free_kbytes_thp, -1);
	/* boot default from Σ managed 1301045 (no watermarks yet): ⌊√83266880⌋ = 9125 kB */
	ck_assert_uint_eq(res.pages_min, 9125 / 4);

	/* a populated Movable zone: counted by khugepaged before 6.1 (4 zones → 22528 pages), not after */
	vm618(&m, 524288);
	m.node[0].zone[3].managed = m.node[0].zone[3].present = 1048576;
	kf_compute(&m, &res);
	ck_assert_int_eq(res.min_free_kbytes_thp, 67584);
	m.kver = KF_VER(5, 10);
	kf_compute(&m, &res);
	ck_assert_int_eq(res.min_free_kbytes_thp, 90112);
}
END_TEST

START_TEST(single_formulas)
{
	/* §3.2 */
	ck_assert_int_eq(kf_normal_threshold(3840, 2, 12), 4);
	ck_assert_int_eq(kf_normal_threshold(772917, 2, 12), 24);
	ck_assert_int_eq(kf_normal_threshold(262144, 2, 12), 20);
	ck_assert_int_eq(kf_normal_threshold(524288, 2, 12), 24);
	/* 1024 CPUs (fls 11), 64 GiB zone (mem 512, fls 10): 2·11·11 = 242 → capped 125 */
	ck_assert_int_eq(kf_normal_threshold(16777216, 1024, 12), 125);
	ck_assert_int_eq(kf_pressure_threshold(61, 49, 2), 6);
	ck_assert_int_eq(kf_pressure_threshold(12546, 10037, 2), 125);
	ck_assert_int_eq(kf_pressure_threshold(50, 50, 4), 1);
	/* §4.1: < 8192 pages → 1; 1 GiB+ → 63 (31 before 4.19) */
	ck_assert_int_eq(kf_batchsize(3840, 12, KF_VER(6, 18)), 1);
	ck_assert_int_eq(kf_batchsize(772917, 12, KF_VER(6, 18)), 63);
	ck_assert_int_eq(kf_batchsize(772917, 12, KF_VER(4, 14)), 31);
	/* 100000 pages: ⌊97/4⌋ = 24 → 24 + 12 = 36 → 32 − 1 = 31 */
	ck_assert_int_eq(kf_batchsize(100000, 12, KF_VER(6, 18)), 31);
	ck_assert_int_eq(kf_default_lowmem_reserve_ratio(KZ_DMA, KF_VER(6, 18)), 256);
	ck_assert_int_eq(kf_default_lowmem_reserve_ratio(KZ_NORMAL, KF_VER(6, 18)), 32);
	ck_assert_int_eq(kf_default_lowmem_reserve_ratio(KZ_HIGHMEM, KF_VER(4, 4)), 32);
	ck_assert_int_eq(kf_default_lowmem_reserve_ratio(KZ_HIGHMEM, KF_VER(5, 4)), 0);
	ck_assert_uint_eq(kf_int_sqrt(0), 0);
	ck_assert_uint_eq(kf_int_sqrt(15), 3);
	ck_assert_uint_eq(kf_int_sqrt(16), 4);
	ck_assert_uint_eq(kf_int_sqrt(83266880), 9125);
	ck_assert_uint_eq(kf_int_sqrt(UINT64_MAX), 4294967295u);
	/* around the squares: r² − 1, r² and r² + 2r (the largest with root r), also at 2^52 */
	for (uint64_t r = 2; r < (1ull << 27); r += r / 7 + 1) {
		uint64_t sq = r * r;

		ck_assert_uint_eq(kf_int_sqrt(sq - 1), r - 1);
		ck_assert_uint_eq(kf_int_sqrt(sq), r);
		ck_assert_uint_eq(kf_int_sqrt(sq + 2 * r), r);
	}
	for (uint64_t r = (1ull << 26) - 64; r < (1ull << 26) + 64; r++) {
		ck_assert_uint_eq(kf_int_sqrt(r * r - 1), r - 1);
		ck_assert_uint_eq(kf_int_sqrt(r * r + 2 * r), r);
	}
	ck_assert_int_eq(kf_zone_type_of("DMA32"), KZ_DMA32);
	ck_assert_int_eq(kf_zone_type_of("Movable"), KZ_MOVABLE);
	ck_assert_int_eq(kf_zone_type_of("Foo"), KZ_OTHER);
	ck_assert_uint_eq(kf_version_from_release("6.18.44-fc-v669"), 6018);
	ck_assert_uint_eq(kf_version_from_release("2.6.32-5-amd64"), 2006);
	ck_assert_uint_eq(kf_version_from_release("4.4"), 4004);
	ck_assert_uint_eq(kf_version_from_release("garbage"), 0);
	ck_assert_uint_eq(kf_version_from_release(""), 0);
}
END_TEST

START_TEST(boost_and_drift)
{
	struct kf_machine m;

	vm618(&m, 524288);
	kf_compute(&m, &res);
	/* §1.5: DMA ⌊73·1.5⌋ = 109 < one pageblock (512) → 512; DMA32 ⌊15055·1.5⌋ = 22582 */
	ck_assert_uint_eq(res.node[0][0].max_boost, 512);
	ck_assert_uint_eq(res.node[0][1].max_boost, 22582);
	ck_assert_uint_eq(res.node[0][2].max_boost, 15318);
	m.watermark_boost_factor = 0;
	kf_compute(&m, &res);
	ck_assert_uint_eq(res.node[0][1].max_boost, 0);

	/* §3.4 with 64 CPUs: DMA threshold 2·7·1 = 14, drift 896 > low − min 12 → mark 73 + 896 */
	vm618(&m, 524288);
	m.online_cpus = 64;
	m.node[0].ncpus = 64;
	kf_compute(&m, &res);
	ck_assert_int_eq(res.node[0][0].threshold, 14);
	ck_assert_uint_eq(res.node[0][0].drift_mark, 969);
	ck_assert_int_eq(res.node[0][0].pressure_threshold, 1);
	/* high_min splits the low watermark over 64 CPUs but never below 4·batch */
	ck_assert_int_eq(res.node[0][0].high_min, 4);
	/* Normal: ⌊8510/64⌋ = 132 < 4·63 = 252 */
	ck_assert_int_eq(res.node[0][2].high_min, 252);
}
END_TEST

START_TEST(old_eras)
{
	struct kf_machine m;

	/* ≤ 4.5 (§1.3 history): one Normal zone of 100000 pages, min_free_kbytes 4000 → pages_min 1000:
	 * min 1000, low 1000 + 250, high 1000 + 500; no promo */
	kf_machine_defaults(&m, KF_VER(4, 4));
	m.nnodes = 1;
	m.node[0].nzones = 1;
	m.node[0].zone[0].type = KZ_NORMAL;
	m.node[0].zone[0].managed = m.node[0].zone[0].present = 100000;
	m.min_free_kbytes = 4000;
	m.online_cpus = 4;
	kf_compute(&m, &res);
	assert_wm(&res.node[0][0], 1000, 1250, 1500, 0);
	/* ≤ 5.13: pcp high = 6·batch (batch 31) */
	ck_assert_int_eq(res.node[0][0].batch, 31);
	ck_assert_int_eq(res.node[0][0].pcp_high, 186);
	ck_assert_uint_eq(res.node[0][0].max_boost, 0);
	/* percpu_pagelist_fraction 100: high 1000, batch ⌊1000/4⌋ capped at PAGE_SHIFT·8 = 96 */
	m.percpu_pagelist_fraction = 100;
	kf_compute(&m, &res);
	ck_assert_int_eq(res.node[0][0].pcp_high, 1000);
	ck_assert_int_eq(res.node[0][0].batch, 96);

	/* 4.6+: scale factor 10 → ⌊100000·10/10000⌋ = 100 < tmp/4 = 250 → low 1250, high 1500 again;
	 * with wsf 1000: dist 10000 → 11000 / 21000 */
	kf_machine_defaults(&m, KF_VER(4, 14));
	m.nnodes = 1;
	m.node[0].nzones = 1;
	m.node[0].zone[0].type = KZ_NORMAL;
	m.node[0].zone[0].managed = m.node[0].zone[0].present = 100000;
	m.min_free_kbytes = 4000;
	m.watermark_scale_factor = 1000;
	kf_compute(&m, &res);
	assert_wm(&res.node[0][0], 1000, 11000, 21000, 0);

	/* 5.14–6.6: high = max(⌊low/split⌋, 4·batch): DMA32 of snapshot B on 6.6 → ⌊12546/2⌋ = 6273;
	 * 5.10: 6·63 = 378, DMA 6·0 = 0 (raw batch 0, printed batch 1) */
	vm618(&m, 524288);
	m.kver = KF_VER(6, 6);
	kf_compute(&m, &res);
	ck_assert_int_eq(res.node[0][1].pcp_high, 6273);
	ck_assert_int_eq(res.node[0][1].high_min, 0);
	/* no promo before 6.0, Movable not capped before 6.0 */
	m.kver = KF_VER(5, 10);
	kf_compute(&m, &res);
	ck_assert_int_eq(res.node[0][1].pcp_high, 378);
	ck_assert_int_eq(res.node[0][0].pcp_high, 0);
	ck_assert_int_eq(res.node[0][0].batch, 1);
	ck_assert_uint_eq(res.node[0][1].wmark_promo, 0);
	assert_wm(&res.node[0][3], 0, 0, 0, 0);
	/* 5.10 still reserves against empty upper zones (seen on Debian 5.10.84); ≈5.19–6.13 did not */
	assert_prot(&res.node[0][0], 0, 3019, 5067, 5067, 5067);
	m.kver = KF_VER(6, 6);
	kf_compute(&m, &res);
	assert_prot(&res.node[0][0], 0, 3019, 5067, 0, 0);
	m.kver = KF_VER(6, 14);
	kf_compute(&m, &res);
	assert_prot(&res.node[0][0], 0, 3019, 5067, 5067, 5067);
}
END_TEST

START_TEST(movable_as_highmem)
{
	struct kf_machine m;

	/* ≈6.0+: a populated Movable zone is left out of lowmem_pages and its min is capped:
	 * Movable 200000 → ⌊200000/1024⌋ = 195 → 128; lowmem stays 1301045 */
	vm618(&m, 524288);
	m.node[0].zone[3].managed = m.node[0].zone[3].present = 200000;
	kf_compute(&m, &res);
	ck_assert_uint_eq(res.lowmem_pages, 1301045);
	ck_assert_uint_eq(res.node[0][3].wmark_min, 128);
	ck_assert_uint_eq(res.node[0][1].wmark_min, 10037);
	/* tmp = ⌊16896·200000/1301045⌋ = 2597 → dist 649; low 128 + 649 */
	ck_assert_uint_eq(res.node[0][3].wmark_low, 777);
	/* 5.10: Movable is lowmem: lowmem 1501045 */
	m.kver = KF_VER(5, 10);
	kf_compute(&m, &res);
	ck_assert_uint_eq(res.lowmem_pages, 1501045);
	ck_assert_uint_eq(res.node[0][3].wmark_min, 16896ull * 200000 / 1501045);
}
END_TEST

/* min_free_kbytes solved from damaged min watermarks: a zone's min of 2^64 - 2 put the candidate window's
 * end at 2^64 - 1, where the loop counter wrapped and the search never ended; the sum is capped at the
 * sysctl's largest value instead.  A sane min still solves to the value whose watermark it is. */
START_TEST(min_free_kbytes_from_damaged_mins)
{
	struct sample s;
	struct kf_machine m;
	struct zs_err e = { 0 };

	sb_init(&s, 0);
	memset(&s.sys, 0xff, sizeof s.sys); /* every sysctl absent (-1) */
	s.sys.nlowmem_reserve_ratio = 0;
	sb_zone(&s, 0, "Normal", 1000, UINT64_MAX - 1, UINT64_MAX, UINT64_MAX, 1000000);
	ck_assert_int_eq(kf_machine_from_sample(&s, &m, &e), 0);
	ck_assert(m.inferred & KF_INFERRED_MIN_FREE);
	ck_assert_int_eq(m.min_free_kbytes, KF_MIN_FREE_KBYTES_MAX);
	sb_free(&s);

	/* one zone with all managed pages: its min is pages_min itself, 2048 pages = 8192 kB */
	sb_init(&s, 0);
	memset(&s.sys, 0xff, sizeof s.sys);
	s.sys.nlowmem_reserve_ratio = 0;
	sb_zone(&s, 0, "Normal", 500000, 2048, 2560, 3072, 1000000);
	ck_assert_int_eq(kf_machine_from_sample(&s, &m, &e), 0);
	ck_assert_int_eq(m.min_free_kbytes, 8192);
	sb_free(&s);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("kformula");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, snapshot_b_watermarks);
	tcase_add_test(tc, snapshot_b_protection_reserve);
	tcase_add_test(tc, snapshot_b_thresholds_pcp);
	tcase_add_test(tc, snapshot_a);
	tcase_add_test(tc, dynamic_sysctls);
	tcase_add_test(tc, min_free_kbytes_defaults);
	tcase_add_test(tc, single_formulas);
	tcase_add_test(tc, boost_and_drift);
	tcase_add_test(tc, old_eras);
	tcase_add_test(tc, movable_as_highmem);
	tcase_add_test(tc, min_free_kbytes_from_damaged_mins);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(suite());
}
