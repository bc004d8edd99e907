/* render-csv.c — RFC 4180 CSV: one header row, CRLF record ends, fields quoted only when they hold a
 * comma, a quote or a line break; timestamps in ISO 8601 UTC plus epoch seconds in every row. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "render.h"

void render_iso8601(int64_t wall_ns, char *buf, size_t size)
{
	time_t sec = (time_t)(wall_ns / 1000000000);
	struct tm tm;

	if (!gmtime_r(&sec, &tm) || strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, size, "1970-01-01T00:00:00Z");
}

static void put_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void render_csv_header(FILE *out, const struct view_def *v)
{
	fputs("timestamp,epoch_s", out);
	for (int i = 0; i < v->nfields; i++) {
		fputc(',', out);
		put_field(out, v->fields[i].csv);
	}
	fputs("\r\n", out);
}

void render_csv_row(FILE *out, const struct view_def *v, const struct cell *cells, struct zs_time t)
{
	char buf[128], ts[32];

	render_iso8601(t.wall_ns, ts, sizeof ts);
	fprintf(out, "%s,%" PRId64 ".%03d", ts, t.wall_ns / 1000000000,
		(int)((t.wall_ns % 1000000000) / 1000000));
	for (int i = 0; i < v->nfields; i++) {
		fputc(',', out);
		put_field(out, view_cell_text(&v->fields[i], &cells[i], buf, sizeof buf));
	}
	fputs("\r\n", out);
}
