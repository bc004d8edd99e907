/* test-fragindex.c — the kernel's unusable free space index and fragmentation index (debugfs
 * extfrag/), and the watermark test per order, on hand-worked buddy lists. */
#include "config.h"

#include <check.h>

#include "analysis.h"
#include "sample-build.h"

/* 4 order-0, 2 order-1, 1 order-2 blocks: 4 + 4 + 4 = 12 free pages in 7 blocks */
static const uint64_t small[4] = { 4, 2, 1, 0 };

START_TEST(unusable_index_by_order)
{
	/* order 0: every page is usable */
	ck_assert_int_eq(frag_unusable_index(small, 4, 0), 0);
	/* order 1: suitable blocks 2 + 1·2 = 4 → 8 pages usable, (12 − 8)·1000/12 = 333 */
	ck_assert_int_eq(frag_unusable_index(small, 4, 1), 333);
	/* order 2: one block, 4 pages usable, 8·1000/12 = 666 */
	ck_assert_int_eq(frag_unusable_index(small, 4, 2), 666);
	/* order 3: nothing usable */
	ck_assert_int_eq(frag_unusable_index(small, 4, 3), 1000);
}
END_TEST

START_TEST(extfrag_index_by_order)
{
	/* a block of the order exists: −1000, "would succeed" */
	ck_assert_int_eq(frag_extfrag_index(small, 4, 0), -1000);
	ck_assert_int_eq(frag_extfrag_index(small, 4, 2), -1000);
	/* order 3: 1000 − ⌊(1000 + ⌊12·1000/8⌋)/7⌋ = 1000 − ⌊2500/7⌋ = 1000 − 357 = 643 */
	ck_assert_int_eq(frag_extfrag_index(small, 4, 3), 643);
}
END_TEST

START_TEST(extfrag_lack_of_memory_vs_fragmentation)
{
	/* 1000 order-0 blocks, order 3 wanted: 1000 − ⌊(1000 + 125000)/1000⌋ = 1000 − 126 = 874:
	 * plenty of memory, all in pieces — fragmentation */
	uint64_t frag[4] = { 1000, 0, 0, 0 };
	/* one order-2 block, order 3 wanted: 1000 − ⌊(1000 + 500)/1⌋ = −500: too little memory (the
	 * kernel's arithmetic goes below 0 for tiny totals; kept as it computes it) */
	uint64_t few[4] = { 0, 0, 1, 0 };

	ck_assert_int_eq(frag_extfrag_index(frag, 4, 3), 874);
	ck_assert_int_eq(frag_extfrag_index(few, 4, 3), -500);
}
END_TEST

START_TEST(nothing_free)
{
	uint64_t none[11] = { 0 };

	ck_assert_int_eq(frag_unusable_index(none, 11, 0), 1000);
	ck_assert_int_eq(frag_unusable_index(none, 11, 10), 1000);
	ck_assert_int_eq(frag_extfrag_index(none, 11, 5), 0);
}
END_TEST

START_TEST(fill_counts)
{
	struct frag_info fi;

	frag_fill(small, 4, 1, &fi);
	ck_assert_uint_eq(fi.free_pages, 12);
	ck_assert_uint_eq(fi.free_blocks_total, 7);
	ck_assert_uint_eq(fi.free_blocks_suitable, 4);
}
END_TEST

START_TEST(watermark_per_order_new_rule)
{
	/* 4.4+: free − (2^o − 1) > mark, and a block of order ≥ o exists */
	ck_assert(buddy_watermark_ok(small, 4, 12, 0, 11, 0, 6018));    /* 12 > 11 */
	ck_assert(!buddy_watermark_ok(small, 4, 12, 0, 12, 0, 6018));   /* 12 > 12 fails: strict */
	ck_assert(buddy_watermark_ok(small, 4, 12, 2, 8, 0, 6018));     /* 12 − 3 = 9 > 8, order-2 block */
	ck_assert(!buddy_watermark_ok(small, 4, 12, 2, 9, 0, 6018));    /* 9 > 9 fails */
	ck_assert(!buddy_watermark_ok(small, 4, 12, 3, 0, 0, 6018));    /* no order-3 block */
	/* the reserve adds to the mark */
	ck_assert(!buddy_watermark_ok(small, 4, 12, 0, 6, 6, 6018));
	ck_assert(buddy_watermark_ok(small, 4, 12, 0, 6, 5, 6018));
}
END_TEST

START_TEST(watermark_per_order_old_rule)
{
	/* ≤ 4.3, order 2, mark 4: 12 − 3 = 9 > 4; o=0: 9 − 4 = 5, mark 2, 5 > 2; o=1: 5 − 4 = 1,
	 * mark 1, 1 > 1 fails */
	ck_assert(!buddy_watermark_ok(small, 4, 12, 2, 4, 0, 3013));
	/* mark 1: 12 − 3 = 9 > 1; 5 > 0; 1 > 0 → passes */
	ck_assert(buddy_watermark_ok(small, 4, 12, 2, 1, 0, 3013));
	/* with the new rule order 2, mark 4 passes: 9 > 4 and an order-2 block exists */
	ck_assert(buddy_watermark_ok(small, 4, 12, 2, 4, 0, 4004));
}
END_TEST

START_TEST(watermark_extreme_inputs)
{
	/* values a damaged zoneinfo or buddyinfo can give: no overflow (the sanitizer build traps on one),
	 * and the answers the exact arithmetic gives */
	static const uint64_t huge[4] = { UINT64_MAX, UINT64_MAX / 3, 1, 1 };
	const uint64_t big = INT64_MAX / 2;

	ck_assert(!buddy_watermark_ok(small, 4, 12, 0, 6, INT64_MAX, 6018));     /* reserve beyond anything */
	ck_assert(!buddy_watermark_ok(small, 4, big, 0, big - 1, INT64_MAX / 2 + 1, 6018));
	ck_assert(buddy_watermark_ok(small, 4, 12, 0, 6, INT64_MIN, 6018));      /* negative: none */
	ck_assert(buddy_watermark_ok(small, 4, big, 0, big - 1, -5, 6018));
	ck_assert(!buddy_watermark_ok(small, 4, big, 0, big, 0, 6018));
	/* ≤ 4.3: more order-0 pages than free holds leave nothing for order 2; order-1 count whose pages
	 * overflow 64 bits likewise */
	ck_assert(!buddy_watermark_ok(huge, 4, big, 2, 0, 0, 3013));
	ck_assert(!buddy_watermark_ok((const uint64_t[]){ 0, UINT64_MAX, 0, 1 }, 4, big, 3, 0, 0, 3013));
	/* the exact edge: all of f taken at order 0 leaves 0, not above mark 0 */
	ck_assert(!buddy_watermark_ok((const uint64_t[]){ 9, 0, 0, 1 }, 4, 12, 2, 0, 0, 3013));
	ck_assert(buddy_watermark_ok((const uint64_t[]){ 8, 0, 0, 1 }, 4, 12, 2, 0, 0, 3013));
	ck_assert(!buddy_watermark_ok(small, 4, UINT64_MAX, 0, 0, 0, 6018));     /* free beyond any zone */
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		unusable_index_by_order,
		extfrag_index_by_order,
		extfrag_lack_of_memory_vs_fragmentation,
		nothing_free,
		fill_counts,
		watermark_per_order_new_rule,
		watermark_per_order_old_rule,
		watermark_extreme_inputs,
	};

	return sb_run("fragindex", tests, (int)ZS_ARRAY_LEN(tests));
}
