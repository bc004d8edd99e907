/* view-run.c — the sampling loop of the zone views: source, delay/count, header, notes, output errors. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "app.h"
#include "source.h"
#include "view-run.h"

/* vmstat's rule (vmstat-spec.md §2): terminal rows − 3, 21 when not a terminal. */
static int table_height(void)
{
	struct winsize ws;
	int rows = 24;

	if (!isatty(STDOUT_FILENO))
		return 21;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		rows = ws.ws_row;
	return rows - 3 > 0 ? rows - 3 : 22;
}

static void build_table(struct view_run *vr)
{
	const struct view_def *d = vr->spec->def;
	int n = 0;

	vr->tfields = xcalloc((size_t)d->nfields, sizeof *vr->tfields);
	vr->tmap = xcalloc((size_t)d->nfields, sizeof *vr->tmap);
	vr->tcells = xcalloc((size_t)d->nfields, sizeof *vr->tcells);
	/* -w: every field of the view, as CSV has them */
	if (!vr->spec->table || vr->c->wide) {
		for (int i = 0; i < d->nfields; i++)
			vr->tmap[n++] = i;
	} else {
		for (const char *const *t = vr->spec->table; *t; t++) {
			int i = view_field_index(d, *t);

			if (i >= 0 && n < d->nfields)
				vr->tmap[n++] = i;
		}
	}
	for (int i = 0; i < n; i++) {
		struct field_def *f = &vr->tfields[i];
		int hl = (int)strlen(d->fields[vr->tmap[i]].head);

		*f = d->fields[vr->tmap[i]];
		/* a column is at least as wide as its header */
		if (f->width < 0 && -f->width < hl)
			f->width = -hl;
		else if (f->width >= 0 && f->width < hl)
			f->width = hl;
	}
	vr->tdef.name = d->name;
	vr->tdef.fields = vr->tfields;
	vr->tdef.nfields = n;
}

void view_run_rebuild(struct view_run *vr)
{
	free(vr->tfields);
	free(vr->tmap);
	free(vr->tcells);
	build_table(vr);
}

void view_run_begin(struct view_run *vr, int nrows)
{
	if (vr->c->output == RENDER_CSV) {
		if (!vr->header_done)
			render_csv_header(vr->r.out, vr->spec->def);
		vr->header_done = true;
		return;
	}
	/* Tables: a sample's rows stay under one header; a new header comes when the sample would run past
	 * a screenful since the last one. */
	if (!vr->header_done || (vr->height > 0 && vr->rows > 0 && vr->rows + nrows > vr->height))
		vr->header_due = true;
	/* the header goes out with the first row (which may widen a column first), or now if none follows */
	if (vr->header_due && nrows == 0) {
		render_table_header(vr->r.out, &vr->tdef);
		vr->rows = 0;
		vr->header_due = false;
	}
	vr->header_done = true;
}

void view_run_row(struct view_run *vr, const struct cell *cells, const struct sample *s)
{
	if (vr->c->output == RENDER_CSV) {
		render_csv_row(vr->r.out, vr->spec->def, cells, s->t);
		return;
	}
	for (int i = 0; i < vr->tdef.nfields; i++)
		vr->tcells[i] = cells[vr->tmap[i]];
	/* A value wider than its column (even without decimals) widens it for the rest of the run; the
	 * header comes again so that the rows below it line up. */
	if (render_table_fit(vr->tfields, vr->tdef.nfields, vr->tcells) || vr->header_due) {
		render_table_header(vr->r.out, &vr->tdef);
		vr->rows = 0;
		vr->header_due = false;
	}
	render_table_row(vr->r.out, &vr->tdef, vr->tcells);
	vr->rows++;
}

static void flush_notes(struct view_run *vr)
{
	for (int i = 0; i < vr->notes.n; i++)
		fprintf(stderr, "%s: note: %s\n", vr->c->prog, vr->notes.msg[i]);
	analysis_notes_clear(&vr->notes);
}

/* The first missing required part's message. */
static const char *missing(const struct view_spec *spec, const struct sample *s)
{
	for (int p = 0; p < SP_NPARTS; p++)
		if ((spec->required & SAMPLE_HAVE(p)) && !(s->have & SAMPLE_HAVE(p)))
			return s->err[p].msg[0] ? s->err[p].msg : "a file it needs could not be parsed";
	return NULL;
}

int view_run(const struct cli *c, const struct view_spec *spec)
{
	struct view_run vr;
	struct sample s[2];
	struct snapshot snap;
	struct zs_err e;
	struct source *src;
	int cur = 0, status = ZS_EXIT_OK;
	bool have_prev = false;
	unsigned long n = c->have_delay ? c->count : 1;

	memset(&vr, 0, sizeof vr);
	vr.c = c;
	vr.spec = spec;
	analysis_notes_init(&vr.notes);
	build_table(&vr);
	render_init(&vr.r, c->output, stdout);
	vr.height = (c->one_header || c->output == RENDER_CSV) ? 0 : table_height();
	/* A reader that goes away (| head) ends the run quietly: see the write error instead of dying. */
	signal(SIGPIPE, SIG_IGN);

	src = app_open_source(c, &e);
	if (!src) {
		fprintf(stderr, "%s: %s\n", c->prog, e.msg);
		free(vr.tfields);
		free(vr.tmap);
		free(vr.tcells);
		return ZS_EXIT_FAIL;
	}
	sample_init(&s[0]);
	sample_init(&s[1]);
	s[0].zi.skip_counters = s[1].zi.skip_counters = spec->no_zone_counters;
	snapshot_init(&snap);
	for (unsigned long i = 0; c->infinite || i < n; i++) {
		const char *why;

		if (i > 0 && source_wait(src, (double)c->delay) != 0)
			break;
		snapshot_reset(&snap);
		if (source_take(src, sample_parts_mask(spec->parts), &snap, &e) != 0) {
			fprintf(stderr, "%s: %s\n", c->prog, e.msg);
			status = ZS_EXIT_FAIL;
			break;
		}
		/* The sample of two rounds ago is parsed over: the parsers reuse its memory, and
		 * sample.have says which parts this round filled. */
		sample_parse(&s[cur], &snap, spec->parts);
		if ((why = missing(spec, &s[cur])) != NULL) {
			fprintf(stderr, "%s: %s\n", c->prog, why);
			status = ZS_EXIT_FAIL;
			break;
		}
		if (spec->sample(&vr, have_prev ? &s[!cur] : NULL, &s[cur]) != 0)
			status = ZS_EXIT_FAIL;
		flush_notes(&vr);
		if (render_flush(&vr.r) != 0) {
			if (errno != EPIPE) {
				fprintf(stderr, "%s: write error: %s\n", c->prog, strerror(errno));
				status = ZS_EXIT_FAIL;
			}
			break;
		}
		if (status != ZS_EXIT_OK)
			break;
		have_prev = true;
		cur = !cur;
	}
	flush_notes(&vr);
	if (status == ZS_EXIT_OK && (fflush(stdout) != 0 || ferror(stdout)) && errno != EPIPE) {
		fprintf(stderr, "%s: write error: %s\n", c->prog, strerror(errno));
		status = ZS_EXIT_FAIL;
	}
	snapshot_free(&snap);
	sample_free(&s[0]);
	sample_free(&s[1]);
	source_close(src);
	analysis_notes_free(&vr.notes);
	free(vr.tfields);
	free(vr.tmap);
	free(vr.tcells);
	return status;
}
