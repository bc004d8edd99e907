/* test-analysis-buddy.c — per-zone buddy analysis: pages, indices per order, the highest order that
 * passes the low watermark with zoneinfo's free count, zones matched by name. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "sample-build.h"

START_TEST(indices_and_max_order)
{
	struct sample s;
	struct buddy_analysis ba;
	/* 4·1 + 2·2 + 1·4 + 0·8 + 1·16 = 28 free pages */
	const uint64_t nfree[5] = { 4, 2, 1, 0, 1 };
	const struct buddy_zone_analysis *a;

	sb_init(&s, 0);
	sb_buddy(&s, 0, "Normal", nfree, 5);
	/* zoneinfo says 28 free, low 20: order o passes while 28 − (2^o − 1) > 20 and a block ≥ o
	 * exists: o = 0 (28), 1 (27), 2 (25), 3 (21 > 20, the order-4 block serves), 4 (13) fails */
	sb_zone(&s, 0, "Normal", 28, 10, 20, 30, 100000);
	buddy_analysis_init(&ba);
	ck_assert_int_eq(analysis_buddy(NULL, &s, &ba, NULL), 0);
	ck_assert_int_eq(ba.nzones, 1);
	a = &ba.zone[0];
	ck_assert_uint_eq(a->free_pages, 28);
	ck_assert(a->have_wmark);
	ck_assert_int_eq(a->max_order_low, 3);
	/* order 3: suitable 0·1 + 1·2 = 2 blocks = 16 pages usable → (28 − 16)·1000/28 = 428 */
	ck_assert_int_eq(a->unusable[3], 428);
	ck_assert_int_eq(a->fragindex[3], -1000);
	ck_assert_int_eq(a->unusable[0], 0);
	buddy_analysis_free(&ba);
	sb_free(&s);
}
END_TEST

/* A movable allocation's reserve is protection[Movable] as printed: 6.14+ print the reserve against an
 * empty Movable (it equals Normal's column), 5.8 to 6.13 printed 0 there, and the kernel used those
 * values; Device is never an allocation's highest zone. */
static void movable_case(int64_t against_movable, int want_order, int64_t want_reserve)
{
	struct sample s;
	struct buddy_analysis ba;
	uint64_t nfree[11] = { 0 };
	struct zone *z;

	nfree[10] = 1;   /* 1024 free pages in one block */
	sb_init(&s, 0);
	sb_buddy(&s, 0, "DMA32", nfree, 11);
	sb_buddy(&s, 0, "Normal", nfree, 11);
	sb_zone(&s, 0, "DMA", 3000, 1, 2, 3, 3840);   /* zone index 0 (no buddy line: not shown) */
	z = sb_zone(&s, 0, "DMA32", 1024, 50, 100, 150, 4096);
	z->protection = calloc(5, sizeof *z->protection);
	z->protection[2] = 700;                /* against Normal */
	z->protection[3] = against_movable;    /* against Movable (empty) */
	z->protection[4] = 99999;              /* against Device: no allocation's highest zone */
	z->nprotection = 5;
	z = sb_zone(&s, 0, "Normal", 1024, 50, 100, 150, 4096);
	z->protection = calloc(5, sizeof *z->protection);
	z->nprotection = 5;
	sb_zone(&s, 0, "Movable", 0, 32, 32, 32, 0);
	sb_zone(&s, 0, "Device", 0, 0, 0, 0, 0);
	buddy_analysis_init(&ba);
	ck_assert_int_eq(analysis_buddy(NULL, &s, &ba, NULL), 0);
	ck_assert_int_eq(ba.zone[0].reserve, want_reserve);
	ck_assert_int_eq(ba.zone[0].max_order_low, want_order);
	/* Normal keeps no reserve against Movable here: 1024 − (2^o − 1) > 100 ⇔ o ≤ 9 */
	ck_assert_int_eq(ba.zone[1].reserve, 0);
	ck_assert_int_eq(ba.zone[1].max_order_low, 9);
	buddy_analysis_free(&ba);
	sb_free(&s);
}

START_TEST(reserve_of_a_movable_allocation)
{
	/* 6.14+: 1024 − (2^o − 1) > 100 + 700 ⇔ 2^o ≤ 224 ⇔ o ≤ 7 */
	movable_case(700, 7, 700);
	/* 5.8-6.13: no reserve against the empty Movable: o ≤ 9 */
	movable_case(0, 9, 0);
}
END_TEST

/* A zoneinfo without "managed" lines (3.7 and older) and no release: the shrinking-mark rule of <= 4.3 */
START_TEST(old_format_uses_the_shrinking_mark)
{
	struct sample s;
	struct buddy_analysis ba;
	/* 40 pages at order 0, one order-3 block: free 48 */
	const uint64_t nfree[4] = { 40, 0, 0, 1 };
	struct zone *z;

	sb_init(&s, 0);
	sb_buddy(&s, 0, "Normal", nfree, 4);
	z = sb_zone(&s, 0, "Normal", 48, 5, 10, 15, 4096);
	z->have &= ~ZONE_HAVE_MANAGED;
	z->present = 4096;
	buddy_analysis_init(&ba);
	ck_assert_int_eq(analysis_buddy(NULL, &s, &ba, NULL), 0);
	/* order 1: 48 − 1 = 47 > 10; minus the 40 order-0 pages: 7 > 10/2 = 5 → ok.
	 * order 2: 48 − 3 = 45 − 40 = 5 > 5? no → fails (4.4+ would pass: the order-3 block is there) */
	ck_assert_int_eq(ba.zone[0].max_order_low, 1);
	buddy_analysis_free(&ba);
	sb_free(&s);
}
END_TEST

START_TEST(no_zoneinfo_no_watermark)
{
	struct sample s;
	struct buddy_analysis ba;
	const uint64_t nfree[3] = { 1, 1, 1 };

	sb_init(&s, 0);
	sb_buddy(&s, 0, "DMA", nfree, 3);
	buddy_analysis_init(&ba);
	ck_assert_int_eq(analysis_buddy(NULL, &s, &ba, NULL), 0);
	ck_assert(!ba.zone[0].have_wmark);
	ck_assert_int_eq(ba.zone[0].max_order_low, -1);
	ck_assert_uint_eq(ba.zone[0].free_pages, 7);
	buddy_analysis_free(&ba);
	sb_free(&s);
}
END_TEST

START_TEST(below_low_gets_nothing)
{
	struct sample s;
	struct buddy_analysis ba;
	const uint64_t nfree[3] = { 5, 0, 0 };

	sb_init(&s, 0);
	sb_buddy(&s, 0, "Normal", nfree, 3);
	sb_zone(&s, 0, "Normal", 5, 3, 5, 7, 1000);   /* 5 > 5 fails even at order 0 */
	buddy_analysis_init(&ba);
	ck_assert_int_eq(analysis_buddy(NULL, &s, &ba, NULL), 0);
	ck_assert_int_eq(ba.zone[0].max_order_low, -1);
	buddy_analysis_free(&ba);
	sb_free(&s);
}
END_TEST

START_TEST(zones_come_and_go_by_name)
{
	struct sample p, c;
	struct buddy_analysis ba;
	struct analysis_notes n;
	const uint64_t nfree[2] = { 1, 1 };

	sb_init(&p, 0);
	sb_buddy(&p, 0, "DMA", nfree, 2);
	sb_buddy(&p, 0, "Normal", nfree, 2);
	sb_init(&c, 1);
	sb_buddy(&c, 0, "Normal", nfree, 2);
	sb_buddy(&c, 0, "Movable", nfree, 2);
	buddy_analysis_init(&ba);
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_buddy(&p, &c, &ba, &n), 0);
	ck_assert(!ba.zone[0].appeared);
	ck_assert(ba.zone[1].appeared);
	ck_assert_int_eq(n.n, 2);
	ck_assert_str_eq(n.msg[0], "node 0 zone Movable appeared");
	ck_assert_str_eq(n.msg[1], "node 0 zone DMA disappeared");
	analysis_notes_free(&n);
	buddy_analysis_free(&ba);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(no_buddyinfo)
{
	struct sample s;
	struct buddy_analysis ba;

	sb_init(&s, 0);
	buddy_analysis_init(&ba);
	ck_assert_int_eq(analysis_buddy(NULL, &s, &ba, NULL), -1);
	buddy_analysis_free(&ba);
	sb_free(&s);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		indices_and_max_order,
		reserve_of_a_movable_allocation,
		old_format_uses_the_shrinking_mark,
		no_zoneinfo_no_watermark,
		below_low_gets_nothing,
		zones_come_and_go_by_name,
		no_buddyinfo,
	};

	return sb_run("analysis-buddy", tests, (int)ZS_ARRAY_LEN(tests));
}
