/* dashboard-panes.c — the three panes of the main screen: zones (free pages as a gauge against the
 * watermarks), reclaim (rates by reclaimer with sparklines) and processes. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dashboard.h"

static int status_attr(enum zone_status st)
{
	switch (st) {
	case ZST_OK:
		return DA_OK;
	case ZST_BELOW_HIGH:
		return DA_HIGH;
	case ZST_BELOW_LOW:
		return DA_LOW;
	case ZST_BELOW_MIN:
		return DA_MIN;
	case ZST_EMPTY:
		break;
	}
	return DA_DIM;
}

/* ---- zones ---- */

#define Z_NAME 12     /* "node zone" */
#define Z_WIDE 110    /* from this width on, min, low and high are printed as numbers too */

/* The gauge spans 0 … 2·high: the marks sit in its left half where they can be told apart, and free
 * far above high (the usual case) fills it with a '>' at the end. */
static void zone_gauge(struct dash_screen *scr, int row, int col, int w, const struct zone_analysis *z)
{
	uint64_t scale = z->high > 0 ? z->high * 2 : 1;
	int fill = (int)((double)z->free / (double)scale * w);
	const struct {
		bool have;
		uint64_t v;
		char ch;
	} marks[] = {
		{ z->have_promo, z->promo, 'p' }, { true, z->high, 'h' }, { true, z->low, 'l' }, { true, z->min, 'm' },
	};

	if (fill > w)
		fill = w;
	dash_put(scr, row, col - 1, DA_DIM, "[");
	dash_fill(scr, row, col, w, ' ', DA_NORMAL);
	dash_fill(scr, row, col, fill, scr->unicode ? 0x2588 : '#', status_attr(z->status));
	if (z->free > scale)
		dash_put(scr, row, col + w - 1, status_attr(z->status), ">");
	/* lowest mark last, so when two share a cell the one nearer to trouble shows */
	for (size_t i = 0; i < ZS_ARRAY_LEN(marks); i++) {
		int x;

		if (!marks[i].have || marks[i].v >= scale)
			continue;
		x = (int)((double)marks[i].v / (double)scale * w);
		if (x >= w)
			x = w - 1;
		dash_printf(scr, row, col + x, DA_MARK, "%c", marks[i].ch);
	}
	dash_put(scr, row, col + w, DA_DIM, "]");
}

int dash_pane_zones(const struct dash *d, struct dash_screen *scr, int row, int rows)
{
	bool wide = scr->cols >= Z_WIDE;
	int nums = wide ? 41 : 17;            /* free [min low high] to_low */
	int gw = scr->cols - Z_NAME - nums - 1 - 6 - 1 - 14 - 2;
	int nc = Z_NAME + gw + 2;             /* first number column */
	int r = row, empty = 0;
	char extra[96];

	if (rows < 2)
		return 0;
	for (int i = 0; d->have_za && i < d->za.nzones; i++)
		empty += !d->za.zone[i].populated;
	snprintf(extra, sizeof extra, "pages of %uK; gauge 0..2*high: m l h%s%s", d->page_kib,
		 d->have_za && d->za.nzones && d->za.zone[0].have_promo ? " p(romo)" : "",
		 empty ? "; empty zones hidden" : "");
	r += dash_title(scr, r, "Zones", extra);
	if (!d->have_za) {
		r += dash_missing(d, scr, r, SP_ZONEINFO, "zoneinfo: not available");
		return r - row;
	}
	dash_fill(scr, r, 0, scr->cols, ' ', DA_HEAD);
	dash_put(scr, r, 0, DA_HEAD, "node zone");
	dash_put(scr, r, Z_NAME, DA_HEAD, "free against the watermarks");
	if (wide)
		dash_printf(scr, r, nc, DA_HEAD, "%8s %7s %7s %7s %8s %-6s %s", "free", "min", "low", "high",
			    "to_low", "status", "flags");
	else
		dash_printf(scr, r, nc, DA_HEAD, "%8s %8s %-6s %s", "free", "to_low", "status", "flags");
	r++;
	for (int i = 0; i < d->za.nzones && r < row + rows; i++) {
		const struct zone_analysis *z = &d->za.zone[i];
		char flags[48] = "";
		size_t fl = 0;
		int col;

		if (!z->populated)
			continue;
		dash_printf(scr, r, 0, DA_NORMAL, "%4d %-7.7s", z->node, z->name);
		zone_gauge(scr, r, Z_NAME + 1, gw, z);
		if (wide)
			col = dash_printf(scr, r, nc, DA_NORMAL, "%8" PRIu64 " %7" PRIu64 " %7" PRIu64 " %7" PRIu64
				    " %8" PRId64, z->free, z->min, z->low, z->high, z->head_low);
		else
			col = dash_printf(scr, r, nc, DA_NORMAL, "%8" PRIu64 " %8" PRId64, z->free, z->head_low);
		col = dash_printf(scr, r, col + 1, status_attr(z->status), "%-6s", zone_status_name(z->status));
		if (z->near_wmark)
			fl += (size_t)snprintf(flags + fl, sizeof flags - fl, "drift~%s ",
					       z->near_name ? z->near_name : "?");
		if (z->have_boost && z->boost && fl < sizeof flags)
			fl += (size_t)snprintf(flags + fl, sizeof flags - fl, "boost+%" PRIu64 " ", z->boost);
		if (z->unreclaimable && fl < sizeof flags)
			snprintf(flags + fl, sizeof flags - fl, "unreclaimable");
		dash_put(scr, r, col + 1, z->near_wmark || z->unreclaimable ? DA_LOW : DA_DIM, flags);
		r++;
	}
	return r - row;
}

/* ---- reclaim ---- */

#define R_SPARK 50   /* the sparklines' column */

static void rate_cell(const struct dash *d, struct dash_screen *scr, int row, int col, int width,
		      enum rc_counter c, int attr)
{
	char b[16];

	if (!d->have_ra || d->ra.span_s <= 0 || !d->ra.d.have[c])
		dash_printf(scr, row, col, DA_DIM, "%*s", width, "-");
	else
		dash_printf(scr, row, col, d->ra.rate[c] > 0 ? attr : DA_NORMAL, "%*s", width,
			    dash_rate(d->ra.rate[c], b, sizeof b));
}

static void eff_cell(struct dash_screen *scr, int row, int col, bool have, double eff)
{
	if (!have)
		dash_printf(scr, row, col, DA_DIM, "%5s", "-");
	else
		dash_printf(scr, row, col, eff < 25 ? DA_MIN : eff < 50 ? DA_LOW : DA_NORMAL, "%4.0f%%", eff);
}

static void spark_cell(const struct dash *d, struct dash_screen *scr, int row, enum dash_series h)
{
	char b[16];
	int w = scr->cols - R_SPARK - 8;
	double max;

	if (w < 8)
		return;
	max = dash_spark(scr, row, R_SPARK, w, &d->hist[h]);
	dash_printf(scr, row, R_SPARK + w + 1, DA_DIM, "%s", max > 0 ? dash_rate(max, b, sizeof b) : "");
}

int dash_pane_reclaim(const struct dash *d, struct dash_screen *scr, int row, int rows)
{
	static const struct {
		const char *name;
		enum rc_counter scan, steal;
		enum dash_series h;
		int attr;
	} who[] = {
		{ "kswapd", RC_SCAN_KSWAPD, RC_STEAL_KSWAPD, DH_SCAN_KSWAPD, DA_HIGH },
		{ "direct", RC_SCAN_DIRECT, RC_STEAL_DIRECT, DH_SCAN_DIRECT, DA_MIN },
		{ "khugepaged", RC_SCAN_KHUGEPAGED, RC_STEAL_KHUGEPAGED, DH_N, DA_HIGH },
		{ "proactive", RC_SCAN_PROACTIVE, RC_STEAL_PROACTIVE, DH_N, DA_HIGH },
	};
	/* two rates on a line, and the history of one of them */
	static const struct {
		const char *name;
		const char *label[2];
		enum rc_counter c[2];
		int attr[2];
		enum dash_series h;
	} pairs[] = {
		{ "stalls/s", { "alloc", "compact" }, { RC_ALLOCSTALL, RC_COMPACT_STALL }, { DA_MIN, DA_LOW },
		  DH_ALLOCSTALL },
		{ "refaults/s", { "anon", "file" }, { RC_REFAULT_ANON, RC_REFAULT_FILE }, { DA_HIGH, DA_HIGH },
		  DH_REFAULT },
		{ "swap pg/s", { "in", "out" }, { RC_SWAP_IN, RC_SWAP_OUT }, { DA_HIGH, DA_LOW }, DH_SWAP_OUT },
	};
	const struct reclaim_analysis *ra = &d->ra;
	int r = row;
	char extra[96];
	int w = scr->cols - R_SPARK - 8;

	if (rows < 3)
		return 0;
	if (d->have_ra && ra->since_boot)
		snprintf(extra, sizeof extra, "pages/s, averages since boot");
	else
		snprintf(extra, sizeof extra, "pages/s over %.0fs; history: last %ds", d->have_ra ? ra->span_s : 0,
			 (w > 0 ? w : 0) * (int)d->interval);
	r += dash_title(scr, r, "Reclaim", extra);
	if (!d->have_ra) {
		r += dash_missing(d, scr, r, SP_VMSTAT, "vmstat: not available");
		return r - row;
	}
	dash_fill(scr, r, 0, scr->cols, ' ', DA_HEAD);
	dash_printf(scr, r, 0, DA_HEAD, "%-11s %9s %9s %5s", "reclaimer", "scan/s", "steal/s", "eff");
	if (w >= 8)
		dash_put(scr, r, R_SPARK, DA_HEAD, "history, newest at the right; its peak after it");
	r++;
	for (size_t i = 0; i < ZS_ARRAY_LEN(who) && r < row + rows; i++) {
		bool have_eff = i == 0 ? ra->have_eff_kswapd : i == 1 ? ra->have_eff_direct : false;
		double eff = i == 0 ? ra->eff_kswapd : ra->eff_direct;

		/* khugepaged and proactive reclaim exist only on newer kernels, and are shown once they have
		 * scanned (a row that stays once it came, so the screen does not jump) */
		if (i >= 2 && (!ra->d.have[who[i].scan] || !d->seen[who[i].scan]))
			continue;
		dash_printf(scr, r, 0, DA_NORMAL, "%-11s", who[i].name);
		rate_cell(d, scr, r, 12, 9, who[i].scan, who[i].attr);
		rate_cell(d, scr, r, 22, 9, who[i].steal, who[i].attr);
		if (i < 2)
			eff_cell(scr, r, 32, have_eff && ra->span_s > 0, eff);
		if (who[i].h != DH_N)
			spark_cell(d, scr, r, who[i].h);
		r++;
	}
	for (size_t i = 0; i < ZS_ARRAY_LEN(pairs) && r < row + rows; i++, r++) {
		dash_put(scr, r, 0, DA_NORMAL, pairs[i].name);
		for (int k = 0; k < 2; k++) {
			/* label, then the number right-aligned in a 12-column slot */
			int col = dash_put(scr, r, 12 + 13 * k, DA_DIM, pairs[i].label[k]);

			rate_cell(d, scr, r, col, 12 + 13 * k + 12 - col, pairs[i].c[k], pairs[i].attr[k]);
		}
		spark_cell(d, scr, r, pairs[i].h);
	}
	if (r < row + rows && ra->psi.have) {
		dash_put(scr, r, 0, DA_NORMAL, "PSI stall");
		if (ra->psi.have_stall)
			dash_printf(scr, r, 12, ra->psi.some_pct > 0 ? DA_HIGH : DA_NORMAL, "some %5.1f%%  full %5.1f%%",
				    ra->psi.some_pct, ra->psi.full_pct);
		else
			dash_put(scr, r, 12, DA_DIM, "-");
		spark_cell(d, scr, r, DH_PSI_SOME);
		r++;
	}
	return r - row;
}

/* ---- processes ---- */

int dash_pane_procs(const struct dash *d, struct dash_screen *scr, int row, int rows)
{
	/* the columns, in sort-key order where they have one */
	static const struct {
		int sort;
		int width;           /* negative: left-aligned */
		const char *head;
	} cols[] = {
		{ PS_PID, 7, "PID" }, { -1, -8, "USER" }, { -1, 1, "S" }, { PS_RSS, 7, "RSS" },
		{ PS_SWAP, 7, "SWAP" }, { PS_MAJFLT, 7, "MAJF/s" }, { PS_OOM, 5, "OOM" }, { -1, 5, "ADJ" },
		{ PS_COMM, -7, "COMMAND" },
	};
	int r = row, col = 0;
	char extra[128], a[16], b[16];

	if (rows < 3)
		return 0;
	if (d->have_procs_data)
		snprintf(extra, sizeof extra, "%d with memory; RSS %s, swap %s; sorted by %s%s", d->procs.n,
			 dash_kib(d->procs.rss_kib, a, sizeof a), dash_kib(d->procs.swap_kib, b, sizeof b),
			 procs_sort_name[d->sort], d->sort_reverse ? " (inverted)" : "");
	else
		snprintf(extra, sizeof extra, "%s", d->procs_err[0] ? d->procs_err : "not read yet");
	r += dash_title(scr, r, "Processes", extra);
	if (!d->have_procs_data)
		return r - row;
	dash_fill(scr, r, 0, scr->cols, ' ', DA_HEAD);
	for (size_t i = 0; i < ZS_ARRAY_LEN(cols); i++) {
		bool sorted = cols[i].sort == (int)d->sort;

		col = dash_printf(scr, r, col + (i > 0), sorted ? DA_TITLE : DA_HEAD, "%*s", cols[i].width,
				  cols[i].head);
	}
	r++;
	for (int i = 0; i < d->procs.n && r < row + rows; i++, r++) {
		const struct proc_entry *p = &d->procs.p[i];
		char st[2] = { p->state ? p->state : '?', '\0' };
		char rate[16];

		dash_printf(scr, r, 0, DA_NORMAL, "%7d %-8.8s %1s %7s %7s %7s %5d %5d %s", p->pid, p->user, st,
			    dash_kib(p->rss_kib, a, sizeof a), p->swap_kib ? dash_kib(p->swap_kib, b, sizeof b) : "0",
			    dash_rate(p->majflt_rate, rate, sizeof rate), p->oom_score, p->oom_adj, p->comm);
		if (p->swap_kib)
			dash_set_attr(scr, r, 27, 7, DA_HIGH);
		if (p->majflt_rate >= 0.05)
			dash_set_attr(scr, r, 35, 7, DA_LOW);
	}
	return r - row;
}
