/* fuzz-render.c — the CSV and table renderers (render-csv.c, render-table.c) on any fields and cells:
 * numbers of every kind and bit pattern, strings that need quotes or are cut, missing cells, views of up
 * to 40 fields and samples of up to 40 rows (past the CSV writer's memo rows and fields), wall clocks
 * that repeat, step by a millisecond, a second or a day, or jump anywhere.  The input is read as a byte
 * stream (what is missing reads as 0).  Promised: every CSV record is byte for byte the plain rendering
 * (render_iso8601, the epoch with milliseconds, then view_cell_text of each cell, quoted by RFC 4180
 * when it holds a comma, a quote or a line break), so the memos and caches of the fast path never show;
 * a table row is one line; nothing is read or written out of bounds. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "render.h"

const char fuzz_name[] = "render";

#define MAX_FIELDS 40
#define MAX_ROWS 40

struct in {
	const uint8_t *p, *end;
};

static uint8_t byte(struct in *in)
{
	return in->p < in->end ? *in->p++ : 0;
}

static uint64_t u64(struct in *in)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | byte(in);
	return v;
}

/* A string cell: one of a few shapes, or bytes of the input (up to 200, past the 127 a field keeps) */
static const char *string(struct in *in, char *buf, size_t size)
{
	static const char *const pool[] = { "", "Normal", "DMA32", "a,b", "say \"hi\"", "line\nbreak",
					    "cr\rhere", "below low: kswapd", "-" };
	uint8_t sel = byte(in);
	size_t n;

	if (sel < 200)
		return pool[sel % (sizeof pool / sizeof pool[0])];
	n = byte(in) % 201;
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++) {
		buf[i] = (char)byte(in);
		if (!buf[i])
			buf[i] = 'x';
	}
	buf[n] = '\0';
	return buf;
}

static void csv_field(char **q, const char *s)
{
	char *o = *q;

	if (!strpbrk(s, ",\"\r\n")) {
		o += sprintf(o, "%s", s);
	} else {
		*o++ = '"';
		for (; *s; s++) {
			if (*s == '"')
				*o++ = '"';
			*o++ = *s;
		}
		*o++ = '"';
	}
	*q = o;
}

/* The record render_csv_row must write, the plain way; buf has room for every field */
static size_t reference(char *buf, const struct view_def *v, const struct cell *c, int64_t wall_ns)
{
	char iso[64], text[128], *q = buf;
	int64_t sec = wall_ns / 1000000000, ms = wall_ns % 1000000000 / 1000000;

	render_iso8601(wall_ns, iso, sizeof iso);
	q += sprintf(q, "%s,%" PRId64 ".%03d", iso, sec, (int)(ms < 0 ? 0 : ms));
	for (int i = 0; i < v->nfields; i++) {
		*q++ = ',';
		csv_field(&q, view_cell_text(&v->fields[i], &c[i], text, sizeof text));
	}
	*q++ = '\r';
	*q++ = '\n';
	return (size_t)(q - buf);
}

static int64_t next_time(struct in *in, int64_t t)
{
	if (t > (int64_t)9000000000000000000) /* the steps below stay within int64 */
		t = 0;
	switch (byte(in) % 6) {
	case 0:
		return t;
	case 1:
		return t + 1000000;
	case 2:
		return t + 1000000000;
	case 3:
		return t + (int64_t)86400 * 1000000000;
	case 4: /* anywhere from 1970 to 2262 */
		return (int64_t)(u64(in) >> 1);
	default: /* within a realistic day, ms apart */
		return (int64_t)1795560682000000000 + (int64_t)(u64(in) % 86400000) * 1000000;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct field_def fields[MAX_FIELDS];
	static struct cell cells[MAX_FIELDS];
	static char strs[MAX_FIELDS][256];
	static char want[MAX_FIELDS * 260 + 128];
	struct in in = { data, data + size };
	struct view_def v = { "fuzz", fields, 1 + byte(&in) % MAX_FIELDS };
	int nrows = 1 + byte(&in) % MAX_ROWS;
	int64_t t = (int64_t)1795560682123000000;

	for (int i = 0; i < v.nfields; i++) {
		uint8_t k = byte(&in);

		fields[i].csv = "f";
		fields[i].head = i % 2 ? "h" : "head,er";
		fields[i].kind = (enum field_kind)(k % 4);
		fields[i].prec = (k >> 2) % 8;
		fields[i].width = (int8_t)byte(&in) % 40;
		fields[i].desc = "";
	}
	for (int r = 0; r < nrows; r++) {
		char *got = NULL, *tab = NULL;
		size_t glen = 0, tlen = 0, wlen;
		FILE *out;

		t = next_time(&in, t);
		for (int i = 0; i < v.nfields; i++) {
			uint8_t sel = byte(&in);

			if (sel % 8 == 0) {
				cells[i] = cell_na();
			} else if (fields[i].kind == FK_STR) {
				cells[i] = cell_str(string(&in, strs[i], sizeof strs[i]));
			} else if (sel % 8 == 1) { /* the last row's value: the memo's case */
				cells[i].na = false;
			} else {
				cells[i].na = false;
				cells[i].v.u = sel % 8 == 2 ? byte(&in) : u64(&in);
			}
		}
		if (t < 0)
			t = 0;
		wlen = reference(want, &v, cells, t);

		fz_quiet_begin();
		out = open_memstream(&got, &glen);
		FZ_CHECK(out != NULL, "open_memstream");
		render_csv_row(out, &v, cells, (struct zs_time){ t, t });
		fclose(out);
		out = open_memstream(&tab, &tlen);
		FZ_CHECK(out != NULL, "open_memstream");
		render_table_row(out, &v, cells);
		fclose(out);
		fz_quiet_end("the renderers");

		FZ_CHECK(glen == wlen && memcmp(got, want, wlen) == 0, "row %d: CSV\n'%.*s'\nwanted\n'%.*s'", r,
			 (int)glen, got, (int)wlen, want);
		FZ_CHECK(tlen > 0 && tab[tlen - 1] == '\n' && memchr(tab, '\0', tlen) == NULL,
			 "row %d: table row of %zu bytes", r, tlen);
		free(got);
		free(tab);
	}
	return 0;
}
