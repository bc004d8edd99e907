/* test-analysis-buddy.c — per-zone buddy analysis: pages, indices per order, the highest order that
 * passes the low watermark with zoneinfo's free count, zones matched by name. */
#include "config.h"

#include <check.h>
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
		no_zoneinfo_no_watermark,
		below_low_gets_nothing,
		zones_come_and_go_by_name,
		no_buddyinfo,
	};

	return sb_run("analysis-buddy", tests, (int)ZS_ARRAY_LEN(tests));
}
