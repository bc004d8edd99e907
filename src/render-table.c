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

static void put_padded(FILE *out, const char *s, int width, bool first, bool last)
{
	int w = width < 0 ? -width : width;

	if (!first)
		fputc(' ', out);
	/* a left-aligned last column leaves no trailing blanks */
	if (width < 0 && last)
		fputs(s, out);
	else if (width < 0)
		fprintf(out, "%-*s", w, s);
	else
		fprintf(out, "%*s", w, s);
}

void render_table_header(FILE *out, const struct view_def *v)
{
	for (int i = 0; i < v->nfields; i++)
		put_padded(out, v->fields[i].head, v->fields[i].width, i == 0, i == v->nfields - 1);
	fputc('\n', out);
}

/* The cell's text for a column of width |f->width|: a decimal number that does not fit loses decimals
 * (222256.2 pages/s in a column of 7 is 222256) before it would be wider than its column. */
const char *render_table_text(const struct field_def *f, const struct cell *c, char *buf, size_t size)
{
	size_t w = (size_t)(f->width < 0 ? -f->width : f->width);
	struct field_def g = *f;

	if (c->na)
		return "-";
	view_cell_text(f, c, buf, size);
	while (f->kind == FK_F64 && g.prec > 0 && strlen(buf) > w) {
		g.prec--;
		view_cell_text(&g, c, buf, size);
	}
	return buf;
}

bool render_table_fit(struct field_def *fields, int n, const struct cell *cells)
{
	char buf[128];
	bool widened = false;

	for (int i = 0; i < n; i++) {
		int w = fields[i].width < 0 ? -fields[i].width : fields[i].width;
		int l = (int)strlen(render_table_text(&fields[i], &cells[i], buf, sizeof buf));

		/* a left-aligned last column is printed without padding: nothing after it to misalign */
		if (l > w && !(fields[i].width < 0 && i == n - 1)) {
			fields[i].width = fields[i].width < 0 ? -l : l;
			widened = true;
		}
	}
	return widened;
}

void render_table_row(FILE *out, const struct view_def *v, const struct cell *cells)
{
	char buf[128];

	for (int i = 0; i < v->nfields; i++)
		put_padded(out, render_table_text(&v->fields[i], &cells[i], buf, sizeof buf), v->fields[i].width,
			   i == 0, i == v->nfields - 1);
	fputc('\n', out);
}
