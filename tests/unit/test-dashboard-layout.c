/* test-dashboard-layout.c — the dashboard's screen as data, without a terminal: the header's bars and
 * numbers, the zone gauges and their colours, reclaim rates, the process pane and its sorting, the panes'
 * order, a screen too small, keys, sparklines and number formats.  Every expected value is worked out by
 * hand from the inputs written here. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "sample-build.h"
#include "term.h"

static void mi(struct sample *s, const char *name, int64_t kib)
{
	kv_put(&s->meminfo, name, strlen(name), kib);
	s->have |= SAMPLE_HAVE(SP_MEMINFO);
}

/* A machine of 1,000,000 KiB: 250,000 free, 50,000 buffers, 200,000 cached, so used is 500,000.
 * Zones: DMA32 ok (free 62390 > high 300), Normal below low (free 110, low 125); their 62,500 free
 * pages are MemFree's 250,000 KiB at 4 KiB a page. */
static void machine(struct sample *s, double t, uint64_t normal_free, int64_t scan_kswapd, int64_t steal_kswapd)
{
	sb_init(s, t);
	mi(s, "MemTotal", 1000000);
	mi(s, "MemFree", 250000);
	mi(s, "Buffers", 50000);
	mi(s, "Cached", 200000);
	mi(s, "SReclaimable", 0);
	mi(s, "SwapTotal", 0);
	sb_zone(s, 0, "DMA32", 62390, 200, 250, 300, 100000);
	sb_zone(s, 0, "Normal", normal_free, 100, 125, 150, 150000);
	sb_vm(s, "pgscan_kswapd", scan_kswapd);
	sb_vm(s, "pgsteal_kswapd", steal_kswapd);
	sb_vm(s, "pgscan_direct", 0);
	sb_vm(s, "pgsteal_direct", 0);
	sb_vm(s, "oom_kill", 3);
	s->psi.some.have = s->psi.full.have = true;
	s->psi.some.avg10 = 12.34;
	s->psi.some.avg60 = 5.67;
	s->psi.some.avg300 = 1.11;
	s->psi.full.avg10 = 0.5;
	s->have |= SAMPLE_HAVE(SP_PSI);
}

/* A dashboard holding two samples 10 s apart: kswapd scanned 1000 and stole 800 pages in between. */
static void two_samples(struct dash *d)
{
	struct zs_err e;

	dash_init(d);
	d->origin = "test";
	machine(&d->s[d->cur], 100, 110, 5000, 4000);
	ck_assert_int_eq(dash_update(d, &e), 0);
	d->have_prev = true;
	dash_rotate(d);
	machine(&d->s[d->cur], 110, 110, 6000, 4800);
	ck_assert_int_eq(dash_update(d, &e), 0);
}

static void done(struct dash *d)
{
	sb_free(&d->s[0]);
	sb_free(&d->s[1]);
	sample_init(&d->s[0]);
	sample_init(&d->s[1]);
	dash_free(d);
}

/* The first row whose text contains needle, or -1. */
static int find_row(const struct dash_screen *s, const char *needle, char *buf, size_t size)
{
	for (int r = 0; r < s->rows; r++)
		if (strstr(dash_row_text(s, r, buf, size), needle))
			return r;
	return -1;
}

START_TEST(too_small_says_what_it_needs)
{
	struct dash d;
	struct dash_screen s;
	char buf[256];

	two_samples(&d);
	dash_screen_init(&s, 10, 40, false);
	dash_layout(&d, &s);
	ck_assert_str_eq(dash_row_text(&s, 1, buf, sizeof buf), "needs 64x16");
	ck_assert_str_eq(dash_row_text(&s, 2, buf, sizeof buf), "this is 40x10");
	dash_screen_free(&s);
	done(&d);
}
END_TEST

START_TEST(header_memory_bar_and_pressure)
{
	struct dash d;
	struct dash_screen s;
	char buf[512];
	int r, bw = 120 - 4 - 45, used = 0, cache = 0, lpos = -1;

	two_samples(&d);
	dash_screen_init(&s, 40, 120, false);
	dash_layout(&d, &s);
	r = find_row(&s, "Mem[", buf, sizeof buf);
	ck_assert_int_eq(r, 1);
	ck_assert_ptr_nonnull(strstr(buf, "used 488M cache 244M free 244M/977M"));
	for (int x = 0; x < bw; x++) {
		const struct dash_cell *c = &s.cell[r * s.cols + 4 + x];

		used += c->attr == DA_USED;
		cache += c->attr == DA_CACHE;
		if (c->ch == 'L')
			lpos = x;
	}
	/* used is half of the bar, cache a quarter (cumulative rounding: ends at 35.5 → 36 and 53.25 → 53) */
	ck_assert_int_eq(used, 36);
	ck_assert_int_eq(cache, 17);
	/* Σ low = (250 + 125) pages · 4 KiB = 1500 KiB: the mark sits at (1 − 1500/1e6) · 71 + 0.5 = 71.39,
	 * the bar's last cell (70) */
	ck_assert_int_eq(lpos, 70);
	ck_assert_int_eq(s.cell[r * s.cols + 4 + 70].attr, DA_MARK);
	r = find_row(&s, "PSI", buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "some 12.34  5.67  1.11"));
	ck_assert_ptr_nonnull(strstr(buf, "full  0.50"));
	/* 1000 scanned and 800 stolen over 10 s */
	r = find_row(&s, "kswapd scan", buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "kswapd scan 100/s steal 80.0/s"));
	/* oom_kill did not move since the first sample */
	ck_assert_ptr_nonnull(strstr(buf, "OOM kills 0"));
	dash_screen_free(&s);
	done(&d);
}
END_TEST

START_TEST(zone_lines_numbers_status_gauge)
{
	struct dash d;
	struct dash_screen s;
	char buf[512];
	int r, gw, gauge, low_cells = 0;

	two_samples(&d);
	dash_screen_init(&s, 40, 120, false);
	dash_layout(&d, &s);
	r = find_row(&s, "Normal", buf, sizeof buf);
	ck_assert_int_ge(r, 0);
	/* free min low high to_low status: 110 − 125 = −15 */
	ck_assert_ptr_nonnull(strstr(buf, "     110     100     125     150      -15 <low"));
	r = find_row(&s, "DMA32", buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "   62390     200     250     300    62140 ok"));
	/* the gauge of Normal: 0 … 2·150 = 300 pages over gw cells; wide layout (≥ 110 columns) */
	gw = 120 - 12 - 41 - 1 - 6 - 1 - 14 - 2;
	gauge = 13;
	r = find_row(&s, "Normal", buf, sizeof buf);
	ck_assert_int_eq(s.cell[r * s.cols + gauge - 1].ch, '[');
	ck_assert_int_eq(s.cell[r * s.cols + gauge + gw].ch, ']');
	ck_assert_int_eq(s.cell[r * s.cols + gauge + (int)(100.0 / 300 * gw)].ch, 'm');
	ck_assert_int_eq(s.cell[r * s.cols + gauge + (int)(125.0 / 300 * gw)].ch, 'l');
	ck_assert_int_eq(s.cell[r * s.cols + gauge + (int)(150.0 / 300 * gw)].ch, 'h');
	for (int x = 0; x < gw; x++)
		low_cells += s.cell[r * s.cols + gauge + x].attr == DA_LOW;
	/* 110 of 300 pages filled, in the below-low colour (the m mark inside it is a mark) */
	ck_assert_int_eq(low_cells + 1, (int)(110.0 / 300 * gw));
	/* DMA32 is far above 2·high: full, '>' at the end, in the ok colour */
	r = find_row(&s, "DMA32", buf, sizeof buf);
	ck_assert_int_eq(s.cell[r * s.cols + gauge + gw - 1].ch, '>');
	ck_assert_int_eq(s.cell[r * s.cols + gauge + gw - 1].attr, DA_OK);
	dash_screen_free(&s);
	done(&d);
}
END_TEST

START_TEST(narrow_layout_keeps_free_and_headroom)
{
	struct dash d;
	struct dash_screen s;
	char buf[512];
	int r;

	two_samples(&d);
	dash_screen_init(&s, 30, 80, false);
	dash_layout(&d, &s);
	r = find_row(&s, "Normal", buf, sizeof buf);
	ck_assert_int_ge(r, 0);
	ck_assert_ptr_nonnull(strstr(buf, "     110      -15 <low"));
	ck_assert_ptr_null(strstr(buf, " 125 "));
	for (int i = 0; i < s.rows; i++)
		ck_assert_int_le((int)strlen(dash_row_text(&s, i, buf, sizeof buf)), 80);
	dash_screen_free(&s);
	done(&d);
}
END_TEST

START_TEST(reclaim_rates_and_efficiency)
{
	struct dash d;
	struct dash_screen s;
	char buf[512];
	int r;

	two_samples(&d);
	dash_screen_init(&s, 40, 120, false);
	dash_layout(&d, &s);
	r = find_row(&s, "kswapd    ", buf, sizeof buf);
	ck_assert_int_ge(r, 0);
	/* 100 scanned/s, 80 stolen/s, 80 % */
	ck_assert_ptr_nonnull(strstr(buf, "kswapd            100      80.0   80%"));
	r = find_row(&s, "direct    ", buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "direct              0         0     -"));
	ck_assert_int_ge(find_row(&s, "Reclaim", buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(strstr(buf, "pages/s over 10s"));
	dash_screen_free(&s);
	done(&d);
}
END_TEST

static void add_proc(struct proc_list *l, int pid, const char *comm, uint64_t rss, uint64_t swap, double maj,
		     int oom)
{
	struct proc_entry *p = proc_list_add(l);

	p->pid = pid;
	p->state = 'S';
	snprintf(p->comm, sizeof p->comm, "%s", comm);
	snprintf(p->user, sizeof p->user, "u%d", pid);
	p->rss_kib = rss;
	p->swap_kib = swap;
	p->majflt_rate = maj;
	p->oom_score = oom;
	l->rss_kib += rss;
	l->swap_kib += swap;
}

START_TEST(process_pane_sorted_and_hidden)
{
	struct dash d;
	struct dash_screen s;
	char buf[512];
	int a, b, c;

	two_samples(&d);
	add_proc(&d.procs, 30, "small", 1000, 0, 0, 10);
	add_proc(&d.procs, 10, "big", 900000, 2048, 0, 700);
	add_proc(&d.procs, 20, "faulty", 5000, 512000, 42.5, 300);
	d.have_procs_data = true;
	d.has_procs = true;
	proc_list_sort(&d.procs, PS_RSS, false);
	ck_assert_int_eq(d.procs.p[0].pid, 10);
	ck_assert_int_eq(d.procs.p[2].pid, 30);
	dash_screen_init(&s, 40, 120, false);
	dash_layout(&d, &s);
	a = find_row(&s, " big", buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "     10 u10      S    879M    2.0M       0   700     0 big"));
	b = find_row(&s, " faulty", buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "     20 u20      S    4.9M    500M    42.5   300     0 faulty"));
	c = find_row(&s, " small", buf, sizeof buf);
	ck_assert(a < b && b < c);
	/* s moves the sort to the next key: swap */
	ck_assert_int_eq(dash_key(&d, 's'), DACT_REDRAW);
	ck_assert_int_eq(d.sort, PS_SWAP);
	ck_assert_int_eq(d.procs.p[0].pid, 20);
	proc_list_sort(&d.procs, PS_MAJFLT, true);
	ck_assert_int_eq(d.procs.p[0].pid, 10);   /* inverted: the 0 rates first, by PID */
	ck_assert_int_eq(d.procs.p[2].pid, 20);
	/* a source without processes: no pane at all, and its key says why */
	d.has_procs = false;
	dash_layout(&d, &s);
	ck_assert_int_eq(find_row(&s, "Processes", buf, sizeof buf), -1);
	ck_assert_int_eq(dash_key(&d, '3'), DACT_REDRAW);
	ck_assert_int_eq(d.pane, DP_ZONES);
	ck_assert_ptr_nonnull(strstr(d.msg, "no processes"));
	dash_screen_free(&s);
	done(&d);
}
END_TEST

START_TEST(chosen_pane_comes_first)
{
	struct dash d;
	struct dash_screen s;
	char buf[512];

	two_samples(&d);
	dash_screen_init(&s, 40, 120, false);
	dash_layout(&d, &s);
	ck_assert_int_lt(find_row(&s, "Zones", buf, sizeof buf), find_row(&s, "Reclaim", buf, sizeof buf));
	ck_assert_int_eq(dash_key(&d, 'r'), DACT_REDRAW);
	dash_layout(&d, &s);
	ck_assert_int_lt(find_row(&s, "Reclaim", buf, sizeof buf), find_row(&s, "Zones", buf, sizeof buf));
	ck_assert_int_eq(dash_key(&d, '5'), DACT_REDRAW);
	dash_layout(&d, &s);
	ck_assert_int_eq(find_row(&s, "vmstat", buf, sizeof buf), 5);
	ck_assert_int_eq(dash_key(&d, 'h'), DACT_REDRAW);
	dash_layout(&d, &s);
	ck_assert_int_ge(find_row(&s, "space       pause and resume", buf, sizeof buf), 0);
	/* any key closes the help page; q still quits from it */
	ck_assert_int_eq(dash_key(&d, 'x'), DACT_REDRAW);
	ck_assert(!d.help);
	d.help = true;
	ck_assert_int_eq(dash_key(&d, 'q'), DACT_QUIT);
	dash_screen_free(&s);
	done(&d);
}
END_TEST

START_TEST(keys_interval_pause_step)
{
	struct dash d;

	dash_init(&d);
	ck_assert_uint_eq(d.interval, 1);
	ck_assert_int_eq(dash_key(&d, '-'), DACT_REDRAW);
	ck_assert_uint_eq(d.interval, 1);
	dash_key(&d, '+');
	dash_key(&d, '+');
	ck_assert_uint_eq(d.interval, 3);
	dash_key(&d, '-');
	ck_assert_uint_eq(d.interval, 2);
	d.interval = 7;
	dash_key(&d, '-');
	ck_assert_uint_eq(d.interval, 5);
	/* live: resuming samples at once; stepping means nothing */
	ck_assert_int_eq(dash_key(&d, ' '), DACT_REDRAW);
	ck_assert(d.paused);
	ck_assert_int_eq(dash_key(&d, 'n'), DACT_NONE);
	ck_assert_int_eq(dash_key(&d, ' '), DACT_RESAMPLE);
	/* --sim: paused, n steps one interval */
	d.sim = true;
	dash_key(&d, ' ');
	ck_assert_int_eq(dash_key(&d, 'n'), DACT_STEP);
	ck_assert_int_eq(dash_key(&d, TERM_KEY_RESIZE), DACT_REDRAW);
	ck_assert_int_eq(dash_key(&d, TERM_KEY_F10), DACT_QUIT);
	ck_assert_int_eq(dash_pane_of("explain"), DP_EXPLAIN);
	ck_assert_int_eq(dash_pane_of("nope"), -1);
	dash_free(&d);
}
END_TEST

START_TEST(sparkline_scales_to_its_largest)
{
	struct dash_screen s;
	struct dash_hist h;
	char buf[64];

	memset(&h, 0, sizeof h);
	dash_screen_init(&s, 1, 10, false);
	for (int i = 0; i < 8; i++)
		dash_hist_push(&h, i);
	ck_assert(dash_spark(&s, 0, 0, 10, &h) == 7.0);
	/* oldest left; 0 is blank; k/7·8 rounded up to a level 1 … 8 */
	ck_assert_str_eq(dash_row_text(&s, 0, buf, sizeof buf), "   .-~=+*#");
	/* more history than width: only the newest show */
	for (int i = 0; i < DASH_HIST + 5; i++)
		dash_hist_push(&h, i % 2 ? 10 : 0);
	dash_screen_clear(&s);
	dash_spark(&s, 0, 0, 4, &h);
	ck_assert_str_eq(dash_row_text(&s, 0, buf, sizeof buf), "# #");
	dash_screen_free(&s);
}
END_TEST

START_TEST(short_numbers)
{
	char b[16];

	ck_assert_str_eq(dash_kib(999, b, sizeof b), "999K");
	ck_assert_str_eq(dash_kib(1536, b, sizeof b), "1.5M");
	ck_assert_str_eq(dash_kib(1000000, b, sizeof b), "977M");
	ck_assert_str_eq(dash_kib(24ull * 1024 * 1024, b, sizeof b), "24G");
	ck_assert_str_eq(dash_rate(0, b, sizeof b), "0");
	ck_assert_str_eq(dash_rate(80, b, sizeof b), "80.0");
	ck_assert_str_eq(dash_rate(1234, b, sizeof b), "1234");
	ck_assert_str_eq(dash_rate(45600, b, sizeof b), "45.6k");
	ck_assert_str_eq(dash_rate(-3, b, sizeof b), "0");
}
END_TEST

START_TEST(text_is_sanitised)
{
	struct dash_screen s;
	char buf[64];

	dash_screen_init(&s, 1, 12, false);
	/* a process may be called anything: escapes must not reach the terminal */
	dash_put(&s, 0, 0, DA_NORMAL, "a\033[2Jb\xc3\xa9");
	ck_assert_str_eq(dash_row_text(&s, 0, buf, sizeof buf), "a?[2Jb?");
	dash_screen_free(&s);
	dash_screen_init(&s, 1, 12, true);
	dash_put(&s, 0, 0, DA_NORMAL, "b\xc3\xa9\xff");
	ck_assert_str_eq(dash_row_text(&s, 0, buf, sizeof buf), "b\xc3\xa9?");
	/* clipped at the edge, never past it */
	ck_assert_int_eq(dash_put(&s, 0, 10, DA_NORMAL, "xyz"), 13);
	ck_assert_int_eq(s.cell[11].ch, 'y');
	dash_screen_free(&s);
}
END_TEST

/* Only the files of the panes on the screen are read; a pane switched to gets its files at once. */
START_TEST(parts_follow_the_panes)
{
	struct dash d;
	struct zs_err e;
	const unsigned extra = SAMPLE_HAVE(SP_BUDDYINFO) | SAMPLE_HAVE(SP_SYSCTLS) | SAMPLE_HAVE(SP_NODES);

	two_samples(&d);
	/* a tree or a simulation: buddy and vmstat follow zones and reclaim */
	ck_assert_uint_eq(dash_parts(&d) & extra, SAMPLE_HAVE(SP_BUDDYINFO));
	ck_assert(dash_parts(&d) & SAMPLE_HAVE(SP_ZONEINFO));
	/* the release is read until a sample had it, then copied into the later ones */
	ck_assert(dash_parts(&d) & SAMPLE_HAVE(SP_VERSION));
	snprintf(d.s[d.cur].kernel_release, sizeof d.s[d.cur].kernel_release, "6.18.0");
	ck_assert_int_eq(dash_update(&d, &e), 0);
	ck_assert_uint_eq(dash_parts(&d) & SAMPLE_HAVE(SP_VERSION), 0);
	dash_rotate(&d);
	machine(&d.s[d.cur], 120, 110, 7000, 5600);
	ck_assert_int_eq(dash_update(&d, &e), 0);
	ck_assert_str_eq(d.s[d.cur].kernel_release, "6.18.0");
	/* live: the process list takes the room, so no buddyinfo until its pane is chosen */
	d.has_procs = true;
	ck_assert_uint_eq(dash_parts(&d) & extra, 0);
	ck_assert(!dash_pane_shown(&d, DP_BUDDY));
	ck_assert(dash_pane_shown(&d, DP_PROCS));
	d.asked = dash_parts(&d);
	ck_assert(!dash_parts_missing(&d));
	ck_assert_int_eq(dash_key(&d, 'b'), DACT_FILL);
	ck_assert_uint_eq(dash_parts(&d) & extra, SAMPLE_HAVE(SP_BUDDYINFO));
	dash_filled(&d);
	ck_assert(!dash_parts_missing(&d));
	ck_assert_int_eq(dash_key(&d, 'e'), DACT_FILL);
	ck_assert_uint_eq(dash_parts(&d) & extra, SAMPLE_HAVE(SP_SYSCTLS) | SAMPLE_HAVE(SP_NODES));
	/* back to zones: nothing to read */
	ck_assert_int_eq(dash_key(&d, 'z'), DACT_REDRAW);
	done(&d);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		too_small_says_what_it_needs, header_memory_bar_and_pressure, zone_lines_numbers_status_gauge,
		narrow_layout_keeps_free_and_headroom, reclaim_rates_and_efficiency, process_pane_sorted_and_hidden,
		chosen_pane_comes_first, keys_interval_pause_step, sparkline_scales_to_its_largest, short_numbers,
		text_is_sanitised, parts_follow_the_panes,
	};

	return sb_run("dashboard-layout", tests, (int)ZS_ARRAY_LEN(tests));
}
