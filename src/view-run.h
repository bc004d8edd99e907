/* view-run.h — the sampling loop and output shared by the zone views (-z, -r, -b).
 *
 * A view gives its field table, the sample parts it needs, and a callback that turns (prev, cur) into
 * rows; the loop takes [delay [count]] from the command line like vmstat (no delay: one sample), prints
 * the header (CSV: once; tables: again when a terminal's height of rows has passed, unless -n, and when a
 * value too wide for its column widened it), shows every field with -w (CSV always does), sends
 * notes to stderr, and ends quietly on a closed pipe. */
#ifndef ZS_VIEW_RUN_H
#define ZS_VIEW_RUN_H

#include <stdbool.h>

#include "analysis.h"
#include "cli.h"
#include "render.h"
#include "sample.h"
#include "view.h"

struct view_run;

/* Emit the rows of one sample (prev NULL for the first); return 0, or -1 to stop with status 1 after
 * putting a message in notes. */
typedef int (*view_sample_fn)(struct view_run *vr, const struct sample *prev, const struct sample *cur);

struct view_spec {
	const struct view_def *def;  /* every field: the CSV columns */
	const char *const *table;    /* CSV names of the fields a table shows, NULL-terminated (NULL: all) */
	unsigned parts;              /* SAMPLE_HAVE(...) parts to read */
	unsigned required;           /* parts without which the view cannot run */
	bool no_zone_counters;       /* the view reads no zone items or node stats: the parser skips them */
	view_sample_fn sample;
	void *ctx;                   /* the view's own state */
};

struct view_run {
	const struct cli *c;
	const struct view_spec *spec;
	struct view_def tdef;        /* the table's fields (copies of spec->def's) */
	struct field_def *tfields;
	int *tmap;                   /* table field i = spec->def field tmap[i] */
	struct cell *tcells;
	struct render r;
	int height;                  /* table rows between headers (0: header once) */
	int rows;                    /* rows since the last header */
	bool header_done;
	bool header_due;             /* a table header goes out before the next row */
	struct analysis_notes notes;
};

/* Run the loop; returns the exit status. */
int view_run(const struct cli *c, const struct view_spec *spec);
/* The view changed spec->def or spec->table (built from the first sample): rebuild the table's copy.
 * Only before the first row. */
void view_run_rebuild(struct view_run *vr);
/* Start a sample of n rows (prints the header when due). */
void view_run_begin(struct view_run *vr, int nrows);
/* One row of spec->def's cells. */
void view_run_row(struct view_run *vr, const struct cell *cells, const struct sample *s);

#endif
