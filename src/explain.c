/* explain.c — zonestat --explain: read one snapshot, re-derive the kernel's zone numbers, print the
 * comparison as a table (with the inputs above it) or as CSV, and exit 0 (all agree), 2 (some number
 * disagrees) or 1 (error). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "explain.h"
#include "render.h"
#include "source.h"

static const struct field_def explain_fields[] = {
	{ "node", "node", 4, FK_I64, 0, "NUMA node (empty: the whole machine)" },
	{ "zone", "zone", -7, FK_STR, 0, "zone name" },
	{ "field", "field", -22, FK_STR, 0, "the number derived" },
	{ "kernel_value", "kernel", 10, FK_I64, 0, "what the kernel shows (pages, or kB for min_free_kbytes/MemFree)" },
	{ "derived_value", "derived", 10, FK_I64, 0, "what the kernel's formula gives" },
	{ "agrees", "agrees", -9, FK_STR, 0, "yes, no, explained (a known kernel behaviour), - (derived only)" },
	{ "formula", "formula", -1, FK_STR, 0, "the formula with its numbers; divisions truncate" },
	{ "note", "note", -1, FK_STR, 0, "why a number differs, or what it is for" },
};

static const struct view_def explain_view = { "explain", explain_fields, (int)ZS_ARRAY_LEN(explain_fields) };

static void row_cells(const struct explain_row *r, struct cell *c)
{
	c[0] = r->node >= 0 ? cell_i64(r->node) : cell_na();
	c[1] = r->zone[0] ? cell_str(r->zone) : cell_na();
	c[2] = cell_str(r->field);
	c[3] = r->have_kernel ? cell_i64(r->kernel) : cell_na();
	c[4] = r->have_derived ? cell_i64(r->derived) : cell_na();
	c[5] = cell_str(explain_status_name(r->st));
	c[6] = cell_str(r->formula);
	c[7] = r->note[0] ? cell_str(r->note) : cell_na();
}

static int print(const struct cli *c, const struct explain *x, struct zs_time t)
{
	struct cell cells[ZS_ARRAY_LEN(explain_fields)];
	FILE *out = stdout;

	if (c->output == RENDER_CSV) {
		render_csv_header(out, &explain_view);
		for (size_t i = 0; i < x->n; i++) {
			row_cells(&x->row[i], cells);
			render_csv_row(out, &explain_view, cells, t);
		}
	} else {
		for (int i = 0; i < x->nsummary; i++)
			fprintf(out, "# %s\n", x->summary[i]);
		render_table_header(out, &explain_view);
		for (size_t i = 0; i < x->n; i++) {
			row_cells(&x->row[i], cells);
			render_table_row(out, &explain_view, cells);
		}
		fprintf(out, "# %zu agree, %zu explained by kernel behaviour, %zu disagree, %zu derived only\n",
			explain_count(x, EX_AGREE), explain_count(x, EX_EXPLAINED), explain_count(x, EX_DISAGREE),
			explain_count(x, EX_INFO));
	}
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}

int explain_main(const struct cli *c)
{
	unsigned parts = SAMPLE_HAVE(SP_ZONEINFO) | SAMPLE_HAVE(SP_BUDDYINFO) | SAMPLE_HAVE(SP_VMSTAT) |
			 SAMPLE_HAVE(SP_MEMINFO) | SAMPLE_HAVE(SP_SYSCTLS) | SAMPLE_HAVE(SP_NODES) |
			 SAMPLE_HAVE(SP_CPU_ONLINE) | SAMPLE_HAVE(SP_VERSION);
	struct zs_err e = { 0 };
	struct source *src;
	struct snapshot snap;
	struct sample s;
	struct explain *x;
	int rc = ZS_EXIT_OK;

	if (c->pagetypeinfo)
		parts |= SAMPLE_HAVE(SP_PAGETYPEINFO);
	if (!(src = app_open_source(c, &e))) {
		fprintf(stderr, "%s: %s\n", c->prog, e.msg);
		return ZS_EXIT_FAIL;
	}
	snapshot_init(&snap);
	sample_init(&s);
	x = xcalloc(1, sizeof *x);
	if (source_take(src, sample_parts_mask(parts), &snap, &e) < 0) {
		fprintf(stderr, "%s: %s\n", c->prog, e.msg);
		rc = ZS_EXIT_FAIL;
		goto out;
	}
	sample_parse(&s, &snap, parts);
	if (!(s.have & SAMPLE_HAVE(SP_ZONEINFO))) {
		fprintf(stderr, "%s: %s\n", c->prog, s.err[SP_ZONEINFO].msg);
		rc = ZS_EXIT_FAIL;
		goto out;
	}
	if (c->pagetypeinfo && !(s.have & SAMPLE_HAVE(SP_PAGETYPEINFO)))
		fprintf(stderr, "%s: %s (pageblock order assumed)\n", c->prog, s.err[SP_PAGETYPEINFO].msg);
	if (explain_build(x, &s, &e) < 0) {
		fprintf(stderr, "%s: %s\n", c->prog, e.msg);
		rc = ZS_EXIT_FAIL;
		goto out;
	}
	if (print(c, x, s.t) < 0) {
		fprintf(stderr, "%s: write error\n", c->prog);
		rc = ZS_EXIT_FAIL;
		goto out;
	}
	rc = explain_count(x, EX_DISAGREE) ? ZS_EXIT_DISAGREE : ZS_EXIT_OK;
out:
	explain_free(x);
	free(x);
	sample_free(&s);
	snapshot_free(&snap);
	source_close(src);
	return rc;
}
