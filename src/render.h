/* render.h — the renderers that print view rows: fixed-width tables and RFC 4180 CSV.
 *
 * (vmstat's own byte-exact text is printed by the vmstat views themselves; its CSV goes through here.) */
#ifndef ZS_RENDER_H
#define ZS_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "view.h"

enum render_format { RENDER_TABLE, RENDER_CSV };

struct render {
	enum render_format fmt;
	FILE *out;
	bool header_done;
	int rows_since_header;
	int header_every;       /* tables: repeat the header every N rows (0: once) */
};

void render_init(struct render *r, enum render_format fmt, FILE *out);
/* Print the header when due (CSV: once; tables: first time and every header_every rows). */
void render_header(struct render *r, const struct view_def *v);
/* One row: t is the sample's time (CSV adds timestamp and epoch columns). */
void render_row(struct render *r, const struct view_def *v, const struct cell *cells, struct zs_time t);
/* Flush; returns 0, or -1 when the output failed (write error, full disk, closed pipe). */
int render_flush(struct render *r);

void render_table_header(FILE *out, const struct view_def *v);
void render_table_row(FILE *out, const struct view_def *v, const struct cell *cells);
/* A table cell's text ("-" when absent): decimals are dropped as far as needed to fit the column. */
const char *render_table_text(const struct field_def *f, const struct cell *c, char *buf, size_t size);
/* Widen the columns whose cell would still overflow to that cell's width; true when any was widened
 * (the caller prints the header again so the rows below line up with it). */
bool render_table_fit(struct field_def *fields, int n, const struct cell *cells);
void render_csv_header(FILE *out, const struct view_def *v);
void render_csv_row(FILE *out, const struct view_def *v, const struct cell *cells, struct zs_time t);
/* "2026-11-24T10:51:22Z" into buf (at least 21 bytes). */
void render_iso8601(int64_t wall_ns, char *buf, size_t size);

#endif
