/* dashboard-keys.c — what each key does to the dashboard's state (the keys of top and htop where they
 * have one).  Pure: the main loop acts on the returned dash_action. */
#include "config.h"

#include <stdio.h>

#include "dashboard.h"
#include "term.h"

/* The intervals + and - step through (seconds). */
static const unsigned steps[] = { 1, 2, 3, 5, 10, 15, 30, 60, 120, 300, 600, 3600 };

static unsigned step_interval(unsigned cur, int dir)
{
	size_t n = ZS_ARRAY_LEN(steps);

	if (dir > 0) {
		for (size_t i = 0; i < n; i++)
			if (steps[i] > cur)
				return steps[i];
		return cur;
	}
	for (size_t i = n; i-- > 0;)
		if (steps[i] < cur)
			return steps[i];
	return cur;
}

static enum dash_action set_pane(struct dash *d, enum dash_pane p)
{
	if (p == DP_PROCS && !d->has_procs) {
		snprintf(d->msg, sizeof d->msg, "no processes: this source is not the running system");
		return DACT_REDRAW;
	}
	if (d->pane == p)
		return DACT_NONE;
	d->pane = p;
	/* buddyinfo and the explain pane's files are read only while shown: read them now, into the
	 * sample on the screen (paused or not); explain is worked out only while shown */
	if (d->nsamples > 0 && dash_parts_missing(d))
		return DACT_FILL;
	if (p == DP_EXPLAIN && d->nsamples > 0)
		dash_explain_update(d);
	return DACT_REDRAW;
}

static enum dash_action set_sort(struct dash *d, int dir)
{
	d->sort = (enum procs_sort)(((int)d->sort + dir + PS_N) % PS_N);
	snprintf(d->msg, sizeof d->msg, "sorted by %s", procs_sort_name[d->sort]);
	proc_list_sort(&d->procs, d->sort, d->sort_reverse);
	return DACT_REDRAW;
}

/* A digit and a letter for each pane, in the order of the help page. */
static const struct {
	int digit, letter;
} pane_key[DP_N] = {
	[DP_ZONES] = { '1', 'z' }, [DP_RECLAIM] = { '2', 'r' }, [DP_PROCS] = { '3', 'p' },
	[DP_BUDDY] = { '4', 'b' }, [DP_VMSTAT] = { '5', 'v' }, [DP_EXPLAIN] = { '6', 'e' },
};

enum dash_action dash_key(struct dash *d, int key)
{
	d->msg[0] = '\0';
	if (d->help && key != TERM_KEY_RESIZE && key != TERM_KEY_NONE && key != TERM_KEY_SIGNAL) {
		d->help = false;
		/* q still quits from the help page, as in htop */
		if (key != 'q' && key != 'Q' && key != TERM_KEY_F10)
			return DACT_REDRAW;
	}
	for (int p = 0; p < DP_N; p++)
		if (key == pane_key[p].digit || key == pane_key[p].letter)
			return set_pane(d, (enum dash_pane)p);
	switch (key) {
	case 'q':
	case 'Q':
	case TERM_KEY_F10:
		d->quit = true;
		return DACT_QUIT;
	case 'h':
	case '?':
	case TERM_KEY_F1:
		d->help = true;
		return DACT_REDRAW;
	case ' ':
		d->paused = !d->paused;
		snprintf(d->msg, sizeof d->msg, "%s", d->paused ? "paused" : "running");
		/* a live source resumes with a fresh sample; the simulation's clock simply runs on */
		return d->paused || d->sim ? DACT_REDRAW : DACT_RESAMPLE;
	case 'n':
	case '.':
		if (!d->sim || !d->paused)
			return DACT_NONE;
		d->step = true;
		return DACT_STEP;
	case '+':
	case '=':
		d->interval = step_interval(d->interval, 1);
		snprintf(d->msg, sizeof d->msg, "interval %us", d->interval);
		return DACT_REDRAW;
	case '-':
	case '_':
		d->interval = step_interval(d->interval, -1);
		snprintf(d->msg, sizeof d->msg, "interval %us", d->interval);
		return DACT_REDRAW;
	case 's':
	case '>':
	case TERM_KEY_RIGHT:
		return set_sort(d, 1);
	case '<':
	case TERM_KEY_LEFT:
		return set_sort(d, -1);
	case 'i':
	case 'I':
		d->sort_reverse = !d->sort_reverse;
		proc_list_sort(&d->procs, d->sort, d->sort_reverse);
		return DACT_REDRAW;
	case 12:   /* ^L: redraw from scratch, as everywhere */
	case TERM_KEY_RESIZE:
		return DACT_REDRAW;
	}
	return DACT_NONE;
}
