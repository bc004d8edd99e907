/* dashboard-layout.c — the whole screen: the header (memory and swap bars, pressure, reclaim activity,
 * OOM kills), the panes one under another (the chosen one first), the help page and the key bar. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dashboard.h"

#define HELP_WIDTH 80   /* a help line is at most 78 characters */

int dash_title(struct dash_screen *scr, int row, const char *title, const char *extra)
{
	uint32_t line = scr->unicode ? 0x2500 : '-';
	int col;

	dash_fill(scr, row, 0, scr->cols, line, DA_DIM);
	col = dash_put(scr, row, 1, DA_DIM, " ");
	col = dash_put(scr, row, col, DA_TITLE, title);
	col = dash_put(scr, row, col, DA_DIM, " ");
	if (extra && *extra) {
		col = dash_put(scr, row, col + 1, DA_DIM, " ");
		dash_put(scr, row, col, DA_DIM, extra);
		dash_put(scr, row, col + (int)strlen(extra), DA_DIM, " ");
	}
	return 1;
}

static uint64_t mi(const struct sample *s, const char *name)
{
	int64_t v = kv_val(&s->meminfo, name);

	return v > 0 ? (uint64_t)v : 0;
}

/* "Mem[bar]" at row: returns the bar's width (what the numbers' column is computed from). */
static int bar_line(struct dash_screen *scr, int row, const char *label, const uint64_t seg[2], uint64_t total)
{
	static const int attr[2] = { DA_USED, DA_CACHE };
	int bw = scr->cols - 4 - 45;

	if (bw < 10)
		bw = 10;
	dash_put(scr, row, 0, DA_TITLE, label);
	dash_put(scr, row, 3, DA_DIM, "[");
	dash_bar(scr, row, 4, bw, seg, attr, 2, total);
	dash_put(scr, row, 4 + bw, DA_DIM, "]");
	return bw;
}

/* Σ of the populated zones' low watermarks, in KiB: below it, kswapd is (or soon will be) awake. */
static uint64_t low_sum_kib(const struct dash *d)
{
	uint64_t sum = 0;

	if (!d->have_za)
		return 0;
	for (int i = 0; i < d->za.nzones; i++)
		if (d->za.zone[i].populated)
			sum += d->za.zone[i].low;
	return sum * d->page_kib;
}

static int header_mem(const struct dash *d, struct dash_screen *scr, int row)
{
	const struct sample *s = &d->s[d->cur];
	uint64_t total = mi(s, "MemTotal"), free = mi(s, "MemFree");
	uint64_t cache = mi(s, "Buffers") + mi(s, "Cached") + mi(s, "SReclaimable");
	uint64_t used = total > free + cache ? total - free - cache : 0;
	uint64_t low = low_sum_kib(d);
	uint64_t seg[2] = { used, cache };
	char a[16], b[16], c[16], t[16], l[16];
	int bw = bar_line(scr, row, "Mem", seg, total);
	int col;

	if (low && total && low < total) {
		/* the free part sits at the right: free crosses the mark when it falls below Σ low */
		int x = (int)((double)(total - low) / (double)total * bw + 0.5);
		struct dash_cell *cell = dash_at(scr, row, 4 + (x < bw ? x : bw - 1));

		if (cell) {
			cell->ch = 'L';
			cell->attr = DA_MARK;
		}
	}
	col = 6 + bw;
	col = dash_put(scr, row, col, DA_DIM, "used ");
	col = dash_put(scr, row, col, DA_USED, dash_kib(used, a, sizeof a));
	col = dash_put(scr, row, col + 1, DA_DIM, "cache ");
	col = dash_put(scr, row, col, DA_CACHE, dash_kib(cache, b, sizeof b));
	col = dash_put(scr, row, col + 1, DA_DIM, "free ");
	col = dash_put(scr, row, col, DA_NORMAL, dash_kib(free, c, sizeof c));
	col = dash_put(scr, row, col, DA_DIM, "/");
	dash_put(scr, row, col, DA_NORMAL, dash_kib(total, t, sizeof t));
	/* the legend of the mark, on the swap line's right */
	if (low)
		dash_printf(scr, row + 1, 6 + bw + 22, DA_MARK, "L=low wmarks %s", dash_kib(low, l, sizeof l));
	return 1;
}

static int header_swap(const struct dash *d, struct dash_screen *scr, int row)
{
	const struct sample *s = &d->s[d->cur];
	uint64_t total = mi(s, "SwapTotal"), free = mi(s, "SwapFree"), cached = mi(s, "SwapCached");
	uint64_t used = total > free ? total - free : 0;
	uint64_t seg[2] = { used > cached ? used - cached : 0, used > cached ? cached : used };
	char a[16], t[16];
	int col = 6 + bar_line(scr, row, "Swp", seg, total);

	if (!total) {
		dash_put(scr, row, col, DA_DIM, "no swap");
		return 1;
	}
	col = dash_put(scr, row, col, DA_DIM, "used ");
	col = dash_put(scr, row, col, DA_USED, dash_kib(used, a, sizeof a));
	col = dash_put(scr, row, col, DA_DIM, "/");
	dash_put(scr, row, col, DA_NORMAL, dash_kib(total, t, sizeof t));
	return 1;
}

static int header_pressure(const struct dash *d, struct dash_screen *scr, int row)
{
	const struct psi_analysis *p = &d->ra.psi;
	int col = dash_put(scr, row, 0, DA_TITLE, "PSI");

	if (!d->have_ra || !p->have) {
		col = dash_put(scr, row, col + 1, DA_DIM, "pressure/memory not available");
	} else {
		col = dash_put(scr, row, col + 1, DA_DIM, "some");
		col = dash_printf(scr, row, col, p->some.avg10 >= 10 ? DA_LOW : p->some.avg10 > 0 ? DA_HIGH : DA_NORMAL,
				  " %5.2f %5.2f %5.2f", p->some.avg10, p->some.avg60, p->some.avg300);
		col = dash_put(scr, row, col + 2, DA_DIM, "full");
		col = dash_printf(scr, row, col, p->full.avg10 >= 5 ? DA_MIN : p->full.avg10 > 0 ? DA_LOW : DA_NORMAL,
				  " %5.2f %5.2f %5.2f", p->full.avg10, p->full.avg60, p->full.avg300);
		col = dash_put(scr, row, col + 1, DA_DIM, "(10/60/300s)");
	}
	col = dash_put(scr, row, col + 2, DA_DIM, "vmpressure ");
	if (!d->have_ra || !d->ra.have_vmp)
		dash_put(scr, row, col, DA_DIM, "-");
	else if (d->ra.vmp_level == VMP_NONE)
		dash_put(scr, row, col, DA_NORMAL, "none");
	else
		dash_printf(scr, row, col,
			    d->ra.vmp_level == VMP_CRITICAL ? DA_MIN : d->ra.vmp_level == VMP_MEDIUM ? DA_LOW : DA_HIGH,
			    "%s %u%%", vmpressure_level_name(d->ra.vmp_level), d->ra.vmp_pct);
	return 1;
}

static int header_reclaim(const struct dash *d, struct dash_screen *scr, int row)
{
	const struct reclaim_analysis *r = &d->ra;
	const struct sample *s = &d->s[d->cur];
	char a[16], b[16], c[16], e[16];
	int col;
	int64_t oom;

	col = dash_put(scr, row, 0, DA_TITLE, "kswapd");
	if (!d->have_ra || r->span_s <= 0) {
		col = dash_put(scr, row, col + 1, DA_DIM, "-");
	} else {
		col = dash_printf(scr, row, col + 1, r->rate[RC_SCAN_KSWAPD] > 0 ? DA_HIGH : DA_NORMAL,
				  "scan %s/s steal %s/s", dash_rate(r->rate[RC_SCAN_KSWAPD], a, sizeof a),
				  dash_rate(r->rate[RC_STEAL_KSWAPD], b, sizeof b));
		col = dash_put(scr, row, col + 2, DA_TITLE, "direct");
		col = dash_printf(scr, row, col + 1, r->rate[RC_SCAN_DIRECT] > 0 ? DA_MIN : DA_NORMAL,
				  "scan %s/s stalls %s/s", dash_rate(r->rate[RC_SCAN_DIRECT], c, sizeof c),
				  dash_rate(r->rate[RC_ALLOCSTALL], e, sizeof e));
		if (r->since_boot)
			col = dash_put(scr, row, col + 1, DA_DIM, "(since boot)");
	}
	col = dash_put(scr, row, col + 2, DA_TITLE, "OOM kills");
	if (d->have_oom && kv_get(&s->vmstat, "oom_kill", &oom)) {
		uint64_t n = (uint64_t)oom >= d->oom_start ? (uint64_t)oom - d->oom_start : 0;

		dash_printf(scr, row, col + 1, n ? DA_MIN : DA_NORMAL, "%llu", (unsigned long long)n);
	} else {
		dash_put(scr, row, col + 1, DA_DIM, "-");
	}
	return 1;
}

static int header_top(const struct dash *d, struct dash_screen *scr, int row)
{
	char when[32] = "";
	int col;

	col = dash_put(scr, row, 0, DA_TITLE, PACKAGE_NAME);
	col = dash_put(scr, row, col + 2, DA_NORMAL, d->origin ? d->origin : "live");
	if (d->kernel_release[0])
		col = dash_printf(scr, row, col + 2, DA_DIM, "kernel %s", d->kernel_release);
	if (d->sim) {
		col = dash_printf(scr, row, col + 2, DA_NORMAL, "t=%.0fs", d->elapsed_s);
		col = dash_printf(scr, row, col + 2, DA_DIM, "step %us", d->interval);
	} else {
		time_t now = (time_t)(d->s[d->cur].t.wall_ns / 1000000000);
		struct tm tm;

		if (now > 0 && localtime_r(&now, &tm))
			strftime(when, sizeof when, "%H:%M:%S", &tm);
		col = dash_put(scr, row, col + 2, DA_NORMAL, when);
		col = dash_printf(scr, row, col + 2, DA_DIM, "every %us", d->interval);
	}
	if (d->paused)
		dash_put(scr, row, col + 2, DA_MIN, d->sim ? "PAUSED (n: step)" : "PAUSED");
	return 1;
}

int dash_layout_header(const struct dash *d, struct dash_screen *scr, int row)
{
	int r = row;

	r += header_top(d, scr, r);
	r += header_mem(d, scr, r);
	r += header_swap(d, scr, r);
	r += header_pressure(d, scr, r);
	r += header_reclaim(d, scr, r);
	return r - row;
}

static const char *const help_text[] = {
	"Keys",
	"  q, F10      quit (the terminal is restored; also on Ctrl-C and SIGTERM)",
	"  h, ?, F1    this help (any key closes it)",
	"  space       pause and resume (--sim: stops simulated time)",
	"  n, .        --sim while paused: advance one interval",
	"  + / -       longer / shorter interval (--sim: the simulated step)",
	"  s, > / <    next / previous sort column of the process pane",
	"  i           invert the sort order",
	"  ^L          redraw",
	"Panes (the chosen one first, then zones, reclaim and processes; without",
	"processes, buddy and vmstat; as many as there is room for)",
	"  1, z        zones: free pages against the min/low/high watermarks",
	"  2, r        reclaim: scan/steal rates, efficiency, stalls, refaults, swap",
	"  3, p        processes: RSS, swap, major faults/s, oom_score (live only)",
	"  4, b        buddy free lists and fragmentation",
	"  5, v        vmstat lines",
	"  6, e        explain: watermarks derived from the kernel's formulas",
	"Header",
	"  Mem         used, page cache (Buffers+Cached+SReclaimable), free; L: the",
	"              zones' low watermarks summed (free left of L wakes kswapd)",
	"  PSI         memory stall averages over 10, 60 and 300 s (some: a task",
	"              waited for memory; full: every task did)",
	"Zone status",
	"  ok          free above the high watermark",
	"  <high       between low and high: kswapd, once woken, keeps reclaiming",
	"  <low        at or below low: allocations wake kswapd",
	"  <min        at or below min: allocations enter direct reclaim",
	"  drift~      free is within the per-CPU counter drift of that watermark:",
	"              the reading cannot say which side it is on",
	"  boost+N     the watermarks are raised by N pages after fragmentation",
};

/* The help page: one column, or two side by side when it is too long and the screen is wide. */
static void layout_help(struct dash_screen *scr, int row, int rows)
{
	int n = (int)ZS_ARRAY_LEN(help_text), per = rows - 1, cols = 1;

	dash_title(scr, row, "Help", PACKAGE_NAME " " PACKAGE_VERSION);
	if (n > per && scr->cols >= 2 * HELP_WIDTH)
		cols = 2;
	if (cols == 2 && per * 2 >= n)
		per = (n + 1) / 2;
	for (int i = 0; i < n; i++) {
		int c = i / per, r = i % per;

		if (c >= cols)
			break;
		/* the last row of a page that does not fit says so */
		if (c == cols - 1 && r == per - 1 && i < n - 1) {
			dash_put(scr, row + 1 + r, 1 + c * HELP_WIDTH, DA_DIM, "... (a taller terminal shows the rest)");
			break;
		}
		dash_put(scr, row + 1 + r, 1 + c * HELP_WIDTH, help_text[i][0] == ' ' ? DA_NORMAL : DA_TITLE,
			 help_text[i]);
	}
}

static void layout_keybar(const struct dash *d, struct dash_screen *scr, int row)
{
	/* the keys that do something here: sorting where there are processes, stepping in a simulation */
	const char *const keys[][2] = {
		{ "q", "quit" }, { "h", "help" }, { "space", "pause" }, { "+-", d->sim ? "step" : "interval" },
		{ d->has_procs ? "s" : NULL, "sort" }, { d->sim ? "n" : NULL, "advance" }, { "1-6", "panes" },
	};
	int col = 0;

	dash_fill(scr, row, 0, scr->cols, ' ', DA_HEAD);
	for (size_t i = 0; i < ZS_ARRAY_LEN(keys); i++) {
		if (!keys[i][0])
			continue;
		col = dash_put(scr, row, col, DA_TITLE, keys[i][0]);
		col = dash_put(scr, row, col + 1, DA_HEAD, keys[i][1]);
		col += 2;
	}
	dash_printf(scr, row, col + 1, DA_HEAD, "[%s] %s", dash_pane_name[d->pane], d->msg[0] ? d->msg : d->note);
}

typedef int (*pane_fn)(const struct dash *d, struct dash_screen *scr, int row, int rows);
static const pane_fn pane_layout[DP_N] = {
	[DP_ZONES] = dash_pane_zones, [DP_RECLAIM] = dash_pane_reclaim, [DP_PROCS] = dash_pane_procs,
	[DP_BUDDY] = dash_pane_buddy, [DP_VMSTAT] = dash_pane_vmstat, [DP_EXPLAIN] = dash_pane_explain,
};

int dash_missing(const struct dash *d, struct dash_screen *scr, int row, int part, const char *what)
{
	const struct zs_err *e = &d->s[d->cur].err[part];

	dash_printf(scr, row, 1, DA_DIM, "%s", e->msg[0] ? e->msg : what);
	return 1;
}

void dash_layout(const struct dash *d, struct dash_screen *scr)
{
	/* after the chosen pane; the process list takes all the room left, so buddy and vmstat show only
	 * where there are no processes (a captured tree, the simulator) */
	static const enum dash_pane follow[] = { DP_ZONES, DP_RECLAIM, DP_PROCS, DP_BUDDY, DP_VMSTAT };
	int row, end;

	dash_screen_clear(scr);
	if (scr->cols < DASH_MIN_COLS || scr->rows < DASH_MIN_ROWS) {
		/* say what is needed on as few columns as there are */
		dash_put(scr, 0, 0, DA_TITLE, PACKAGE_NAME " --top");
		dash_printf(scr, 1, 0, DA_NORMAL, "needs %dx%d", DASH_MIN_COLS, DASH_MIN_ROWS);
		dash_printf(scr, 2, 0, DA_NORMAL, "this is %dx%d", scr->cols, scr->rows);
		dash_put(scr, 3, 0, DA_DIM, "q quits");
		return;
	}
	row = dash_layout_header(d, scr, 0);
	end = scr->rows - 1;
	if (d->help) {
		layout_help(scr, row, end - row);
	} else {
		row += pane_layout[d->pane](d, scr, row, end - row);
		for (size_t i = 0; i < ZS_ARRAY_LEN(follow) && row < end - 2; i++) {
			if (follow[i] == d->pane || (follow[i] == DP_PROCS && !d->has_procs) ||
			    (follow[i] > DP_PROCS && d->has_procs))
				continue;
			row += pane_layout[follow[i]](d, scr, row, end - row);
		}
	}
	layout_keybar(d, scr, scr->rows - 1);
}
