/* dashboard-more.c — the panes a key away: buddy free lists and fragmentation, vmstat lines, and the
 * watermarks the kernel's formulas give (kformula, the code --explain checks the kernel with). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "kformula-sample.h"

/* ---- buddy ---- */

int dash_pane_buddy(const struct dash *d, struct dash_screen *scr, int row, int rows)
{
	int r = row, norders = 0, cw;

	if (rows < 3)
		return 0;
	r += dash_title(scr, r, "Buddy", "free blocks per order; unusable free space index at order 9 (0..1000)");
	if (!d->have_ba) {
		r += dash_missing(d, scr, r, SP_BUDDYINFO, "buddyinfo: not read yet");
		return r - row;
	}
	for (int i = 0; i < d->ba.nzones; i++)
		if (d->ba.zone[i].norders > norders)
			norders = d->ba.zone[i].norders;
	/* as many orders as fit after "node zone" and before "unus maxlow" */
	cw = norders ? (scr->cols - 12 - 12) / norders : 0;
	if (cw > 8)
		cw = 8;
	if (cw < 5)
		cw = 5;
	dash_fill(scr, r, 0, scr->cols, ' ', DA_HEAD);
	dash_put(scr, r, 0, DA_HEAD, "node zone");
	for (int o = 0; o < norders && 12 + (o + 1) * cw <= scr->cols - 12; o++)
		dash_printf(scr, r, 12 + o * cw, DA_HEAD, "%*d", cw, o);
	dash_put(scr, r, scr->cols - 12, DA_HEAD, " unus maxlow");
	r++;
	for (int i = 0; i < d->ba.nzones && r < row + rows; i++, r++) {
		const struct buddy_zone_analysis *z = &d->ba.zone[i];
		int o9 = z->norders > 9 ? 9 : z->norders - 1;

		dash_printf(scr, r, 0, DA_NORMAL, "%4d %-7.7s", z->node, z->name);
		for (int o = 0; o < z->norders && 12 + (o + 1) * cw <= scr->cols - 12; o++)
			dash_printf(scr, r, 12 + o * cw, z->nfree[o] ? DA_NORMAL : DA_DIM, "%*" PRIu64, cw, z->nfree[o]);
		if (o9 >= 0)
			dash_printf(scr, r, scr->cols - 12, z->unusable[o9] > 900 ? DA_LOW : DA_NORMAL, " %4d",
				    z->unusable[o9]);
		if (z->have_wmark)
			dash_printf(scr, r, scr->cols - 6, z->max_order_low < 0 ? DA_MIN : DA_NORMAL, " %5d",
				    z->max_order_low);
	}
	return r - row;
}

/* ---- vmstat ---- */

int dash_pane_vmstat(const struct dash *d, struct dash_screen *scr, int row, int rows)
{
	int r = row, first;

	if (rows < 4)
		return 0;
	r += dash_title(scr, r, "vmstat", "procps-ng vmstat's line for each interval, KiB");
	dash_put(scr, r++, 0, DA_HEAD, "procs -----------memory---------- ---swap-- -----io---- -system-- -------cpu-------");
	dash_put(scr, r++, 0, DA_HEAD, " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st gu");
	if (d->nvmlines == 0) {
		/* a line needs stat and vmstat in two samples: say which file is missing, if one is */
		if (!(d->s[d->cur].have & SAMPLE_HAVE(SP_STAT)))
			r += dash_missing(d, scr, r, SP_STAT, "stat: not available");
		else if (!(d->s[d->cur].have & SAMPLE_HAVE(SP_VMSTAT)))
			r += dash_missing(d, scr, r, SP_VMSTAT, "vmstat: not available");
		else
			dash_put(scr, r++, 1, DA_DIM, "the first line comes after one interval");
		return r - row;
	}
	first = d->nvmlines - (row + rows - r);
	if (first < 0)
		first = 0;
	for (int i = first; i < d->nvmlines && r < row + rows; i++)
		dash_put(scr, r++, 0, DA_NORMAL, d->vmline[i]);
	return r - row;
}

/* ---- explain ---- */

struct dash_explain_zone {
	int node;
	char name[16];
	uint64_t min, low, high;        /* as zoneinfo prints them */
	uint64_t dmin, dlow, dhigh;     /* from the formulas, boost added as the kernel prints it */
};

struct dash_explain {
	struct dash_explain_zone *z;
	int n;
	uint32_t kver;
	int64_t min_free_kbytes;
	unsigned inferred;
	char err[160];
};

void dash_explain_free(struct dash *d)
{
	if (!d->explain)
		return;
	free(d->explain->z);
	free(d->explain);
	d->explain = NULL;
}

void dash_explain_update(struct dash *d)
{
	const struct sample *s = &d->s[d->cur];
	struct kf_machine *m;
	struct kf_result *res;
	struct dash_explain *x;
	struct zs_err e;

	dash_explain_free(d);
	x = d->explain = xcalloc(1, sizeof *x);
	if (!(s->have & SAMPLE_HAVE(SP_ZONEINFO))) {
		snprintf(x->err, sizeof x->err, "%.150s", s->err[SP_ZONEINFO].msg[0] ? s->err[SP_ZONEINFO].msg
										  : "zoneinfo: not available");
		return;
	}
	m = xcalloc(1, sizeof *m);
	res = xcalloc(1, sizeof *res);
	zs_err_clear(&e);
	if (kf_machine_from_sample(s, m, &e) != 0) {
		snprintf(x->err, sizeof x->err, "%.150s", e.msg[0] ? e.msg : "cannot describe this machine");
	} else {
		kf_compute(m, res);
		x->kver = m->kver;
		x->min_free_kbytes = m->min_free_kbytes;
		x->inferred = m->inferred;
		x->z = xcalloc((size_t)s->zi.nzones + 1, sizeof *x->z);
		for (int i = 0; i < s->zi.nzones; i++) {
			const struct zone *z = &s->zi.zone[i];
			const struct kf_zone_out *o;
			struct dash_explain_zone *ez;
			int ni, zi;

			if (!z->populated || !kf_machine_zone_slot(m, z, &ni, &zi))
				continue;
			o = &res->node[ni][zi];
			ez = &x->z[x->n++];
			ez->node = z->node;
			snprintf(ez->name, sizeof ez->name, "%s", z->name);
			ez->min = z->min;
			ez->low = z->low;
			ez->high = z->high;
			ez->dmin = o->wmark_min + z->boost;
			ez->dlow = o->wmark_low + z->boost;
			ez->dhigh = o->wmark_high + z->boost;
		}
	}
	free(m);
	free(res);
}

static int agree_attr(uint64_t a, uint64_t b)
{
	return a == b ? DA_OK : DA_MIN;
}

int dash_pane_explain(const struct dash *d, struct dash_screen *scr, int row, int rows)
{
	const struct dash_explain *x = d->explain;
	int r = row;
	char extra[96];

	if (rows < 3)
		return 0;
	if (x && !x->err[0])
		snprintf(extra, sizeof extra, "kernel formulas of %u.%u, min_free_kbytes %lld%s", x->kver / 1000,
			 x->kver % 1000, (long long)x->min_free_kbytes, x->inferred ? " (some inputs inferred)" : "");
	else
		snprintf(extra, sizeof extra, "watermarks from the kernel's formulas");
	r += dash_title(scr, r, "Explain", extra);
	if (!x || x->err[0]) {
		dash_put(scr, r++, 1, DA_DIM, x ? x->err : "computed at the next refresh");
		return r - row;
	}
	dash_fill(scr, r, 0, scr->cols, ' ', DA_HEAD);
	dash_printf(scr, r++, 0, DA_HEAD, "node zone    %9s %9s %9s %9s %9s %9s  %s", "min", "=formula", "low",
		    "=formula", "high", "=formula", "verdict");
	for (int i = 0; i < x->n && r < row + rows; i++, r++) {
		const struct dash_explain_zone *z = &x->z[i];
		bool ok = z->min == z->dmin && z->low == z->dlow && z->high == z->dhigh;
		int col;

		col = dash_printf(scr, r, 0, DA_NORMAL, "%4d %-7.7s", z->node, z->name);
		col = dash_printf(scr, r, col, DA_NORMAL, " %9" PRIu64, z->min);
		col = dash_printf(scr, r, col, agree_attr(z->min, z->dmin), " %9" PRIu64, z->dmin);
		col = dash_printf(scr, r, col, DA_NORMAL, " %9" PRIu64, z->low);
		col = dash_printf(scr, r, col, agree_attr(z->low, z->dlow), " %9" PRIu64, z->dlow);
		col = dash_printf(scr, r, col, DA_NORMAL, " %9" PRIu64, z->high);
		col = dash_printf(scr, r, col, agree_attr(z->high, z->dhigh), " %9" PRIu64, z->dhigh);
		dash_put(scr, r, col + 2, ok ? DA_OK : DA_MIN, ok ? "agrees" : "DIFFERS");
	}
	return r - row;
}
