/* render-table.c — fixed-width text tables: right-aligned numbers, "-" where a value is absent. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "render.h"

void render_init(struct render *r, enum render_format fmt, FILE *out)
{
	memset(r, 0, sizeof *r);
	r->fmt = fmt;
	r->out = out;
}

void render_header(struct render *r, const struct view_def *v)
{
	if (r->fmt == RENDER_CSV) {
		if (!r->header_done)
			render_csv_header(r->out, v);
	} else if (!r->header_done || (r->header_every > 0 && r->rows_since_header >= r->header_every)) {
		render_table_header(r->out, v);
		r->rows_since_header = 0;
	}
	r->header_done = true;
}

void render_row(struct render *r, const struct view_def *v, const struct cell *cells, struct zs_time t)
{
	if (r->fmt == RENDER_CSV)
		render_csv_row(r->out, v, cells, t);
	else
		render_table_row(r->out, v, cells);
	r->rows_since_header++;
}

int render_flush(struct render *r)
{
	if (fflush(r->out) != 0 || ferror(r->out))
		return -1;
	return 0;
}

static void put_padded(FILE *out, const char *s, int width, bool first)
{
	int w = width < 0 ? -width : width;

	if (!first)
		fputc(' ', out);
	if (width < 0)
		fprintf(out, "%-*s", w, s);
	else
		fprintf(out, "%*s", w, s);
}

void render_table_header(FILE *out, const struct view_def *v)
{
	for (int i = 0; i < v->nfields; i++)
		put_padded(out, v->fields[i].head, v->fields[i].width, i == 0);
	fputc('\n', out);
}

void render_table_row(FILE *out, const struct view_def *v, const struct cell *cells)
{
	char buf[128];

	for (int i = 0; i < v->nfields; i++) {
		const char *s = view_cell_text(&v->fields[i], &cells[i], buf, sizeof buf);

		put_padded(out, cells[i].na ? "-" : s, v->fields[i].width, i == 0);
	}
	fputc('\n', out);
}
