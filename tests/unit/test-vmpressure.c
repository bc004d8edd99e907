/* test-vmpressure.c — the kernel's vmpressure arithmetic on hand-worked numbers.
 *
 * pressure = ⌊(scale − ⌊reclaimed·scale/scanned⌋)·100/scale⌋ with scale = scanned + reclaimed;
 * medium from 60, critical from 95; a window of 512 scanned pages. */
#include "config.h"

#include <check.h>

#include "analysis.h"
#include "sample-build.h"

START_TEST(nothing_reclaimed_is_critical)
{
	/* scale 512, 512 − 0 = 512, 512·100/512 = 100 */
	ck_assert_uint_eq(vmpressure_pct(512, 0), 100);
	ck_assert_int_eq(vmpressure_level_of(100), VMP_CRITICAL);
}
END_TEST

START_TEST(all_reclaimed_is_none)
{
	ck_assert_uint_eq(vmpressure_pct(512, 512), 0);
	/* more reclaimed than scanned: 0, not an unsigned underflow */
	ck_assert_uint_eq(vmpressure_pct(512, 900), 0);
	ck_assert_uint_eq(vmpressure_pct(0, 0), 0);
	ck_assert_int_eq(vmpressure_level_of(0), VMP_LOW);
}
END_TEST

START_TEST(medium_boundary)
{
	/* 1000/400: scale 1400, ⌊400·1400/1000⌋ = 560, 840·100/1400 = 60 exactly */
	ck_assert_uint_eq(vmpressure_pct(1000, 400), 60);
	ck_assert_int_eq(vmpressure_level_of(60), VMP_MEDIUM);
	/* 1000/401: scale 1401, ⌊401·1401/1000⌋ = 561, 840·100/1401 = 59.96 → 59 */
	ck_assert_uint_eq(vmpressure_pct(1000, 401), 59);
	ck_assert_int_eq(vmpressure_level_of(59), VMP_LOW);
}
END_TEST

START_TEST(critical_boundary)
{
	/* 1000/50: scale 1050, ⌊50·1050/1000⌋ = 52, 998·100/1050 = 95.05 → 95 */
	ck_assert_uint_eq(vmpressure_pct(1000, 50), 95);
	ck_assert_int_eq(vmpressure_level_of(95), VMP_CRITICAL);
	/* 1000/51: scale 1051, ⌊51·1051/1000⌋ = 53, 998·100/1051 = 94.96 → 94 */
	ck_assert_uint_eq(vmpressure_pct(1000, 51), 94);
	ck_assert_int_eq(vmpressure_level_of(94), VMP_MEDIUM);
}
END_TEST

START_TEST(window_fills_then_empties)
{
	struct vmp_window w = { 0, 0 };
	unsigned pct = 777;

	/* 300 scanned: below the 512-page window, no level yet */
	ck_assert_int_eq(vmpressure_feed(&w, 300, 100, &pct), VMP_NONE);
	ck_assert_uint_eq(pct, 777);
	/* 600/100 together: scale 700, ⌊100·700/600⌋ = 116, 584·100/700 = 83.4 → 83, medium */
	ck_assert_int_eq(vmpressure_feed(&w, 300, 0, &pct), VMP_MEDIUM);
	ck_assert_uint_eq(pct, 83);
	ck_assert_uint_eq(w.scanned, 0);
	ck_assert_uint_eq(w.reclaimed, 0);
	/* exactly 512 fills it */
	ck_assert_int_eq(vmpressure_feed(&w, 512, 0, &pct), VMP_CRITICAL);
	ck_assert_uint_eq(pct, 100);
}
END_TEST

START_TEST(huge_counts_do_not_overflow)
{
	/* 2^33 scanned, 2^32 reclaimed: the ratio 2:1 gives scale 3·2^k, pressure 50 */
	ck_assert_uint_eq(vmpressure_pct(UINT64_C(1) << 33, UINT64_C(1) << 32), 50);
	ck_assert_uint_eq(vmpressure_pct(UINT64_MAX, 0), 100);
}
END_TEST

START_TEST(level_names)
{
	ck_assert_str_eq(vmpressure_level_name(VMP_NONE), "none");
	ck_assert_str_eq(vmpressure_level_name(VMP_LOW), "low");
	ck_assert_str_eq(vmpressure_level_name(VMP_MEDIUM), "medium");
	ck_assert_str_eq(vmpressure_level_name(VMP_CRITICAL), "critical");
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		nothing_reclaimed_is_critical,
		all_reclaimed_is_none,
		medium_boundary,
		critical_boundary,
		window_fills_then_empties,
		huge_counts_do_not_overflow,
		level_names,
	};

	return sb_run("vmpressure", tests, (int)ZS_ARRAY_LEN(tests));
}
