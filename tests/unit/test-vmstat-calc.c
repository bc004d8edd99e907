/* test-vmstat-calc.c — Check suite for vmstat-calc.c.  Every expected number is derived by hand from
 * the procps-ng formulas in the vmstat specification (its worked examples and verified outputs), not
 * taken from this program's output. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "vmstat.h"
#include "unit-run.h"

/* The since-boot fixture of the specification (section 4.7). */
static void fixture(struct cpu_ticks *t, struct vm_counters *k)
{
	memset(t, 0, sizeof *t);
	t->user = 123457;
	t->nice = 11;
	t->system = 23456;
	t->idle = 987654;
	t->iowait = 3456;
	t->irq = 0;
	t->softirq = 789;
	t->steal = 55;
	t->guest = 1000;
	t->guest_nice = 7;
	t->nfields = 10;
	k->pgpgin = 1234567;
	k->pgpgout = 7654321;
	k->pswpin = 11111;
	k->pswpout = 22222;
	k->intr = 8765432;
	k->ctxt = 23456789;
}

START_TEST(unit_float32_in_402)
{
	/* 24360893 is odd and above 2^24, where float32 steps by 2: ties-to-even gives 24360892 */
	ck_assert_uint_eq(vmstat_unit_convert(24360893, 0, COMPAT_402), 24360892);
	ck_assert_uint_eq(vmstat_unit_convert(24360893, 'K', COMPAT_406), 24360893);
	/* 32999999: neighbours 32999998 and 33000000 (step 4 above 2^25); 33000000/4 is even */
	ck_assert_uint_eq(vmstat_unit_convert(32999999, 'K', COMPAT_402), 33000000);
	ck_assert_uint_eq(vmstat_unit_convert(16777219, 'K', COMPAT_402), 16777220);
	/* exact below 2^24 */
	ck_assert_uint_eq(vmstat_unit_convert(16777215, 'K', COMPAT_402), 16777215);
	/* bytes: 23686700 * 1024 (exact in float32: even, below 2^25) */
	ck_assert_uint_eq(vmstat_unit_convert(23686700, 'B', COMPAT_402), 24255180800ULL);
	ck_assert_uint_eq(vmstat_unit_convert(23686700, 'b', COMPAT_406), 24255180800ULL);
	/* k: 23686700/1000 = 23686.7 -> float32 23686.69921875 (step 2^-9) -> * 1024 = 24255180 */
	ck_assert_uint_eq(vmstat_unit_convert(23686700, 'k', COMPAT_402), 24255180);
	/* double: 23686.7 * 1024 = 24255180.8 -> 24255180 */
	ck_assert_uint_eq(vmstat_unit_convert(23686700, 'k', COMPAT_406), 24255180);
	/* m: 23.6867 * 1024 = 24255.18 */
	ck_assert_uint_eq(vmstat_unit_convert(23686700, 'm', COMPAT_406), 24255);
	/* M: 8 GiB in KiB is 8192 MiB */
	ck_assert_uint_eq(vmstat_unit_convert(8388608, 'M', COMPAT_402), 8192);
	ck_assert_uint_eq(vmstat_unit_convert(8388607, 'M', COMPAT_406), 8191);
	/* 402 with bytes on an odd value above 2^24: float32(24360893) = 24360892, times 1024 */
	ck_assert_uint_eq(vmstat_unit_convert(24360893, 'B', COMPAT_402), 24360892ULL * 1024);
	ck_assert_uint_eq(vmstat_unit_convert(24360893, 'B', COMPAT_406), 24360893ULL * 1024);
}
END_TEST

START_TEST(x86_conversions)
{
	/* beyond 2^64 the x86-64 conversion sequence yields 0 (procps: a swap counter going back) */
	ck_assert_uint_eq(vmstat_d2ul(18446744073709551616.0), 0);
	ck_assert_uint_eq(vmstat_d2ul(9223372036854775808.0), 9223372036854775808ULL);
	ck_assert_uint_eq(vmstat_d2ul(12.9), 12);
	ck_assert_uint_eq(vmstat_d2u(4294967296.0 + 5), 5);
	ck_assert_uint_eq(vmstat_d2u(3.99), 3);
}
END_TEST

START_TEST(cpu_percentages)
{
	struct cpu_ticks t;
	struct vm_counters k;
	struct vm_line l;

	/* Div = 123468 + 24245 + 987654 + 3456 + 55 = 1138878, h = 569439; us without guest 122461 */
	fixture(&t, &k);
	vmstat_cpu_pct(&t, &l);
	ck_assert_uint_eq(l.us, 11);
	ck_assert_uint_eq(l.sy, 2);
	ck_assert_uint_eq(l.id, 87);
	ck_assert_uint_eq(l.wa, 0);
	ck_assert_uint_eq(l.st, 0);
	ck_assert_uint_eq(l.gu, 0);

	/* the interval example: Div 980, h 490, use 160 - 35 = 125 */
	memset(&t, 0, sizeof t);
	t.user = 150;
	t.nice = 10;
	t.system = 40;
	t.idle = 700;
	t.iowait = 50;
	t.softirq = 10;
	t.steal = 20;
	t.guest = 30;
	t.guest_nice = 5;
	vmstat_cpu_pct(&t, &l);
	ck_assert_uint_eq(l.us, 13);
	ck_assert_uint_eq(l.sy, 5);
	ck_assert_uint_eq(l.id, 71);
	ck_assert_uint_eq(l.wa, 5);
	ck_assert_uint_eq(l.st, 2);
	ck_assert_uint_eq(l.gu, 4);

	/* no ticks at all: 0 0 100 0 0 0 */
	memset(&t, 0, sizeof t);
	vmstat_cpu_pct(&t, &l);
	ck_assert_uint_eq(l.us, 0);
	ck_assert_uint_eq(l.id, 100);
	ck_assert_uint_eq(l.gu, 0);

	/* round half up: 1 of 8 ticks = 12.5 % -> 13 */
	t.user = 1;
	t.idle = 7;
	vmstat_cpu_pct(&t, &l);
	ck_assert_uint_eq(l.us, 13);
	ck_assert_uint_eq(l.id, 88);
}
END_TEST

/* Ticks near 2^64 (a damaged /proc/stat): the sums wrap as procps's signed arithmetic does on the usual
 * machines, without undefined behaviour or the trap of INT64_MIN / -1. */
START_TEST(cpu_percentages_wrapped)
{
	struct cpu_ticks t;
	struct vm_line l;

	/* idle = iowait = 2^63 - 1: Div = 2^64 - 2 = -2, h = -1; 100 * (2^63 - 1) = -100 (mod 2^64), so
	 * id = wa = (-100 - 1) / -2 = 50 (truncated); us = sy = -1 / -2 = 0 */
	memset(&t, 0, sizeof t);
	t.idle = t.iowait = (uint64_t)INT64_MAX;
	vmstat_cpu_pct(&t, &l);
	ck_assert_uint_eq(l.id, 50);
	ck_assert_uint_eq(l.wa, 50);
	ck_assert_uint_eq(l.us, 0);
	ck_assert_uint_eq(l.sy, 0);

	/* Div = -1, h = 0, and 100 * user = 100 * 2^61 = 2^63 (mod 2^64) = INT64_MIN: us = 2^63 -> 0 in 32
	 * bits; 100 * idle = 2^63 - 100, negated 2^63 + 100 -> 100 */
	memset(&t, 0, sizeof t);
	t.user = (uint64_t)1 << 61;
	t.idle = UINT64_MAX - ((uint64_t)1 << 61);
	vmstat_cpu_pct(&t, &l);
	ck_assert_uint_eq(l.us, 0);
	ck_assert_uint_eq(l.id, 100);
	ck_assert_uint_eq(l.wa, 0);
}
END_TEST

START_TEST(first_line_402)
{
	struct cpu_ticks t;
	struct vm_counters k;
	struct vm_line l;

	/* (x * 100 + 569439) / 1138878, with si = pswpin * 4 KiB */
	fixture(&t, &k);
	vmstat_first_line(&l, &t, &k, 12345.67, 100, 4, 0, COMPAT_402);
	ck_assert_uint_eq(l.si, 4);
	ck_assert_uint_eq(l.so, 8);
	ck_assert_uint_eq(l.bi, 108);
	ck_assert_uint_eq(l.bo, 672);
	ck_assert_uint_eq(l.in, 770);
	ck_assert_uint_eq(l.cs, 2060);
	ck_assert_uint_eq(l.us, 11);
}
END_TEST

START_TEST(first_line_406)
{
	struct cpu_ticks t;
	struct vm_counters k;
	struct vm_line l;

	/* x / uptime, truncated; cs = ctxt / Div (23456789 / 1138878 = 20.6) */
	fixture(&t, &k);
	vmstat_first_line(&l, &t, &k, 12345.67, 100, 4, 0, COMPAT_406);
	ck_assert_uint_eq(l.si, 3);
	ck_assert_uint_eq(l.so, 7);
	ck_assert_uint_eq(l.bi, 100);
	ck_assert_uint_eq(l.bo, 620);
	ck_assert_uint_eq(l.in, 710);
	ck_assert_uint_eq(l.cs, 20);
	/* uptime 0 counts as 1 second */
	vmstat_first_line(&l, &t, &k, 0.0, 100, 4, 0, COMPAT_406);
	ck_assert_uint_eq(l.bi, 1234567);
	/* no ticks: 4.0.2 degenerates to x * HZ */
	memset(&t, 0, sizeof t);
	vmstat_first_line(&l, &t, &k, 1.0, 100, 4, 0, COMPAT_402);
	ck_assert_uint_eq(l.bi, 123456700);
}
END_TEST

START_TEST(interval_line)
{
	struct cpu_ticks dt;
	struct vm_counters a = { 1000, 1000, 1000, 1000, 1000, 1000 }, b;
	struct vm_line l;

	/* delay 2 (hd 1): pswpin +7 -> (28 + 1) / 2 = 14; pswpout +9 -> 18; pgpgin +2001 -> 1001;
	 * pgpgout +3 -> 2; intr +1001 -> 501; ctxt +3001 -> 1501 */
	memset(&dt, 0, sizeof dt);
	b = a;
	b.pswpin += 7;
	b.pswpout += 9;
	b.pgpgin += 2001;
	b.pgpgout += 3;
	b.intr += 1001;
	b.ctxt += 3001;
	for (int v = COMPAT_402; v <= COMPAT_406; v += COMPAT_406 - COMPAT_402) {
		vmstat_interval_line(&l, &dt, &a, &b, 2, 4, 0, v);
		ck_assert_uint_eq(l.si, 14);
		ck_assert_uint_eq(l.so, 18);
		ck_assert_uint_eq(l.bi, 1001);
		ck_assert_uint_eq(l.bo, 2);
		ck_assert_uint_eq(l.in, 501);
		ck_assert_uint_eq(l.cs, 1501);
		ck_assert_uint_eq(l.id, 100);
	}
}
END_TEST

START_TEST(counters_backwards)
{
	struct cpu_ticks dt;
	struct vm_counters a = { 1000, 1000, 1000, 1000, 1000, 1000 }, b = a;
	struct vm_line l;

	/* intr -5, ctxt -7, pgpgin -3, pswpin -1: wrapped differences */
	memset(&dt, 0, sizeof dt);
	b.intr -= 5;
	b.ctxt -= 7;
	b.pgpgin -= 3;
	b.pswpin -= 1;
	vmstat_interval_line(&l, &dt, &a, &b, 1, 4, 0, COMPAT_402);
	ck_assert_uint_eq(l.in, 4294967291u);
	ck_assert_uint_eq(l.cs, 4294967289u);
	ck_assert_uint_eq(l.bi, 4294967293u);
	ck_assert_uint_eq(l.si, 0);
	/* delay 3: (2^32 - 5 + 1) / 3, (2^32 - 7 + 1) / 3, low 32 bits of (2^64 - 3 + 1) / 3 */
	vmstat_interval_line(&l, &dt, &a, &b, 3, 4, 0, COMPAT_406);
	ck_assert_uint_eq(l.in, 1431655764u);
	ck_assert_uint_eq(l.cs, 1431655763u);
	ck_assert_uint_eq(l.bi, 1431655764u);
	ck_assert_uint_eq(l.si, 0);
}
END_TEST

START_TEST(tick_rules)
{
	struct cpu_ticks o, n, d;
	struct vm_line l;

	memset(&o, 0, sizeof o);
	o.user = 1000;
	o.idle = 5000;
	o.iowait = 100;
	/* idle -10, user +100: a derived sum (idle + iowait) went down: everything 0 in 4.0.2 */
	n = o;
	n.idle -= 10;
	n.user += 100;
	vmstat_tick_delta(&o, &n, COMPAT_402, &d);
	vmstat_cpu_pct(&d, &l);
	ck_assert_uint_eq(l.us, 0);
	ck_assert_uint_eq(l.id, 100);
	/* iowait -5, idle +100, user +50: no sum went down, iowait alone is clamped: 33 0 67 */
	n = o;
	n.iowait -= 5;
	n.idle += 100;
	n.user += 50;
	vmstat_tick_delta(&o, &n, COMPAT_402, &d);
	ck_assert_uint_eq(d.iowait, 0);
	vmstat_cpu_pct(&d, &l);
	ck_assert_uint_eq(l.us, 33);
	ck_assert_uint_eq(l.id, 67);
	/* 4.0.5+: any field down, all deltas 0 */
	vmstat_tick_delta(&o, &n, COMPAT_406, &d);
	ck_assert_uint_eq(d.user, 0);
	ck_assert_uint_eq(d.idle, 0);
	vmstat_cpu_pct(&d, &l);
	ck_assert_uint_eq(l.id, 100);
	/* forward only: plain differences in both */
	n = o;
	n.user += 7;
	vmstat_tick_delta(&o, &n, COMPAT_406, &d);
	ck_assert_uint_eq(d.user, 7);
}
END_TEST

START_TEST(running)
{
	ck_assert_uint_eq(vmstat_running(3, COMPAT_402), 3);
	ck_assert_uint_eq(vmstat_running(3, COMPAT_406), 2);
	ck_assert_uint_eq(vmstat_running(0, COMPAT_406), 0);
}
END_TEST

static struct vm_line line(uint64_t r, uint64_t b, uint64_t swpd, uint64_t free, uint64_t buff,
			   uint64_t cache, uint32_t si, uint32_t so, uint32_t bi, uint32_t bo, uint32_t in,
			   uint32_t cs, uint32_t us, uint32_t sy, uint32_t id)
{
	struct vm_line l = { r, b, swpd, free, buff, cache, si, so, bi, bo, in, cs, us, sy, id, 0, 0, 0 };

	return l;
}

START_TEST(line_formats)
{
	char buf[256];
	struct vm_line l = line(2, 1, 388606, 24360893, 123457, 16831538, 3, 7, 100, 620, 710, 20, 11, 2, 87);

	/* the skew examples the specification shows verified from 4.0.6 (section 4.3) */
	vmstat_format_line(buf, sizeof buf, &l, false, COMPAT_406);
	ck_assert_str_eq(buf, " 2  1 388606 24360893 123457 16831538 3   7   100   620  710   20 11  2 87  0  0  0");
	l = line(0, 0, 1388607, 20000001, 5, 16831538, 0, 0, 0, 0, 5, 10, 0, 0, 100);
	vmstat_format_line(buf, sizeof buf, &l, false, COMPAT_406);
	ck_assert_str_eq(buf, " 0  0 1388607 20000001   5 16831538  0    0     0     0    5   10  0  0 100 0  0  0");
	/* 4.0.2: plain widths, 17 columns, the row just moves right */
	vmstat_format_line(buf, sizeof buf, &l, false, COMPAT_402);
	ck_assert_str_eq(buf, " 0  0 1388607 20000001      5 16831538    0    0     0     0    5   10  0  0 100  0  0");
	/* wide: 18 columns in both */
	l = line(1, 0, 0, 23927936, 8144, 624328, 0, 0, 2036, 2144, 354, 838, 9, 6, 85);
	vmstat_format_line(buf, sizeof buf, &l, true, COMPAT_402);
	ck_assert_str_eq(buf, "   1    0            0     23927936         8144       624328    0    0  2036  2144  354  838"
			      "   9   6  85   0   0   0");
	vmstat_format_line(buf, sizeof buf, &l, true, COMPAT_406);
	ck_assert_str_eq(buf, "   1    0            0     23927936         8144       624328    0    0  2036  2144  354  838"
			      "   9   6  85   0   0   0");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vmstat-calc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, unit_float32_in_402);
	tcase_add_test(tc, x86_conversions);
	tcase_add_test(tc, cpu_percentages);
	tcase_add_test(tc, cpu_percentages_wrapped);
	tcase_add_test(tc, first_line_402);
	tcase_add_test(tc, first_line_406);
	tcase_add_test(tc, interval_line);
	tcase_add_test(tc, counters_backwards);
	tcase_add_test(tc, tick_rules);
	tcase_add_test(tc, running);
	tcase_add_test(tc, line_formats);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
