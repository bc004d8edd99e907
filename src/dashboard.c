/* dashboard.c — zonestat --top: the main loop.  Sample, analyse, lay out, draw, then wait for a key or
 * the next refresh, whichever comes first.
 *
 * Waiting is a poll on the keyboard with a timeout, so a key is handled at once and an idle dashboard
 * costs nothing between refreshes.  With --sim there is nothing to wait for: each refresh advances the
 * simulated clock by the interval (source_wait) and frames follow each other every SIM_FRAME_MS of real
 * time; space stops the clock and n steps it one interval. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "dashboard-draw.h"
#include "dashboard.h"
#include "source.h"
#include "term.h"

#define DEFAULT_INTERVAL 2   /* seconds, when no delay is given */
#define SIM_FRAME_MS 250     /* real time between frames of a running simulation */

struct loop {
	struct dash d;
	struct source *src;
	struct snapshot snap;
	struct procs *pr;
	int64_t last_mono;       /* when the last sample was taken (real clock) */
	int64_t last_procs;
	struct zs_err e;
};

static int64_t now_ns(void)
{
	return zs_now().mono_ns;
}

/* Take, parse and analyse one sample (and the processes).  -1 with l->e set when the source failed. */
static int sample(struct loop *l)
{
	struct dash *d = &l->d;
	unsigned parts = dash_parts(d);

	if (d->nsamples > 0) {
		d->have_prev = true;
		dash_rotate(d);
	}
	snapshot_reset(&l->snap);
	if (source_take(l->src, sample_parts_mask(parts), &l->snap, &l->e) != 0)
		return -1;
	/* a part that cannot be parsed is shown as missing by its pane, with the parser's message */
	sample_parse(&d->s[d->cur], &l->snap, parts);
	if (dash_update(d, &l->e) != 0)
		return -1;
	l->last_mono = now_ns();
	if (l->pr) {
		struct zs_err pe;
		double secs = l->last_procs ? (double)(l->last_mono - l->last_procs) / 1e9 : 0;

		if (procs_read(l->pr, &d->procs, secs, &pe) == 0) {
			d->have_procs_data = true;
			proc_list_sort(&d->procs, d->sort, d->sort_reverse);
		} else {
			d->have_procs_data = false;
			snprintf(d->procs_err, sizeof d->procs_err, "%.120s", pe.msg);
		}
		l->last_procs = l->last_mono;
	}
	return 0;
}

/* Read the parts the screen now shows and the newest sample lacks into that sample (its time stays:
 * the rates are still those of the interval that ended there). */
static int fill(struct loop *l)
{
	struct dash *d = &l->d;
	struct sample *s = &d->s[d->cur];
	unsigned missing = dash_parts(d) & ~s->have;
	unsigned have = s->have;
	struct zs_time t = s->t;
	uint64_t seq = s->seq;

	snapshot_reset(&l->snap);
	if (source_take(l->src, sample_parts_mask(missing), &l->snap, &l->e) != 0)
		return -1;
	sample_parse(s, &l->snap, missing);
	s->have |= have;
	s->t = t;
	s->seq = seq;
	dash_filled(d);
	return 0;
}

/* --sim: advance simulated time by one interval, then sample. */
static int sim_step(struct loop *l)
{
	if (source_wait(l->src, (double)l->d.interval) != 0) {
		zs_err_set(&l->e, 0, "the simulation stopped");
		return -1;
	}
	return sample(l);
}

static int next_timeout_ms(const struct loop *l)
{
	int64_t due, left;

	if (l->d.paused)
		return -1;
	due = l->last_mono + (l->d.sim ? (int64_t)SIM_FRAME_MS * 1000000 : (int64_t)l->d.interval * 1000000000);
	left = due - now_ns();
	if (left <= 0)
		return 0;
	return (int)((left + 999999) / 1000000);
}

static const char *origin_of(const struct cli *c, char *buf, size_t size)
{
	if (c->sim)
		snprintf(buf, size, "sim %s", c->sim);
	else if (c->root && strcmp(c->root, "/") != 0)
		snprintf(buf, size, "root %s", c->root);
	else
		snprintf(buf, size, "live");
	return buf;
}

/* The loop proper, once the terminal is ours.  Returns 0 on q, a signal number, or -1 on error. */
static int run(struct loop *l)
{
	struct dash *d = &l->d;
	struct dash_screen scr = { 0 };
	bool dirty = true, full = true;
	int rc = 0;

	for (;;) {
		int key, timeout;
		enum dash_action act;

		if (dirty) {
			int rows, cols;

			term_size(&rows, &cols);
			if (rows != scr.rows || cols != scr.cols) {
				dash_screen_free(&scr);
				dash_screen_init(&scr, rows, cols, d->unicode);
				full = true;
			}
			dash_layout(d, &scr);
			dash_draw(&scr, full);
			dirty = full = false;
		}
		timeout = next_timeout_ms(l);
		key = timeout == 0 ? TERM_KEY_NONE : term_poll(timeout);
		if (key == TERM_KEY_SIGNAL) {
			rc = term_signal();
			break;
		}
		if (key == TERM_KEY_NONE) {
			if (next_timeout_ms(l) == 0) {
				if ((d->sim ? sim_step(l) : sample(l)) != 0) {
					rc = -1;
					break;
				}
				dirty = true;
			}
			continue;
		}
		switch (act = dash_key(d, key)) {
		case DACT_QUIT:
			dash_screen_free(&scr);
			return 0;
		case DACT_NONE:
			break;
		case DACT_REDRAW:
			dirty = true;
			full = key == TERM_KEY_RESIZE || key == 12;
			break;
		case DACT_RESAMPLE:
		case DACT_FILL:
		case DACT_STEP:
			if ((act == DACT_RESAMPLE ? sample(l) : act == DACT_FILL ? fill(l) : sim_step(l)) != 0) {
				rc = -1;
				goto out;
			}
			d->step = false;
			dirty = true;
			break;
		}
	}
out:
	dash_screen_free(&scr);
	return rc;
}

int dashboard_main(const struct cli *c)
{
	struct loop l;
	struct term_info ti;
	char origin[256];
	int rc;

	memset(&l, 0, sizeof l);
	dash_init(&l.d);
	l.d.prog = c->prog;
	if (c->pane) {
		int p = dash_pane_of(c->pane);

		if (p < 0) {
			fprintf(stderr, "%s: --pane: unknown pane '%s' (zones, reclaim, procs, buddy, vmstat, explain)\n",
				c->prog, c->pane);
			dash_free(&l.d);
			return ZS_EXIT_FAIL;
		}
		l.d.pane = (enum dash_pane)p;
	}
	if (c->have_delay)
		l.d.interval = c->delay > 3600 ? 3600 : (unsigned)c->delay;
	else
		l.d.interval = DEFAULT_INTERVAL;
	l.d.sim = c->sim != NULL;
	l.d.origin = origin_of(c, origin, sizeof origin);

	snapshot_init(&l.snap);
	l.src = app_open_source(c, &l.e);
	if (!l.src) {
		fprintf(stderr, "%s: %s\n", c->prog, l.e.msg);
		snapshot_free(&l.snap);
		dash_free(&l.d);
		return ZS_EXIT_FAIL;
	}
	l.d.has_procs = l.src->has_processes && !l.d.sim;
	if (l.src->has_processes && !l.d.sim) {
		/* the running system: its page size is known, and MemFree against the zones' free pages can
		 * mislead (memory a hypervisor's balloon or the free page reporting holds: this VM's MemFree
		 * is 5x the zones' free pages) */
		long ps = sysconf(_SC_PAGESIZE);

		if (ps >= 1024) {
			l.d.page_kib = (unsigned)(ps / 1024);
			l.d.page_known = true;
		}
	}
	if (l.d.has_procs) {
		struct zs_err pe;

		l.pr = procs_open(&pe);
		if (!l.pr)
			snprintf(l.d.procs_err, sizeof l.d.procs_err, "%.120s", pe.msg);
	}
	if (l.d.pane == DP_PROCS && !l.d.has_procs) {
		fprintf(stderr, "%s: --pane procs: this source has no processes (only the running system has)\n",
			c->prog);
		rc = -1;
		goto done;
	}
	/* the first sample before the terminal is taken over: a bad source is an ordinary error message */
	if (sample(&l) != 0) {
		fprintf(stderr, "%s: %s\n", c->prog, l.e.msg);
		rc = -1;
		goto done;
	}
	if (term_start(&ti, &l.e) != 0) {
		fprintf(stderr, "%s: %s\n", c->prog, l.e.msg);
		rc = -1;
		goto done;
	}
	l.d.unicode = ti.unicode;
	l.d.colour = ti.colour;
	dash_draw_init(ti.colour);
	rc = run(&l);
	term_stop();
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", c->prog, l.e.msg);
done:
	procs_close(l.pr);
	snapshot_free(&l.snap);
	source_close(l.src);
	dash_free(&l.d);
	if (rc > 0) {
		/* died of a signal: say so to the parent the same way, now that the terminal is back */
		signal(rc, SIG_DFL);
		raise(rc);
	}
	return rc == 0 ? ZS_EXIT_OK : ZS_EXIT_FAIL;
}
