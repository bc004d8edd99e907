/* view.h — a view is a table of typed fields; one definition drives every renderer.
 *
 * A view module (view-zones.c …) defines its fields once (CSV name with unit, table header, width, type)
 * and fills rows of cells from the analysis; render-table.c and render-csv.c print them, so the table and
 * the CSV can never disagree. */
#ifndef ZS_VIEW_H
#define ZS_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

enum field_kind { FK_U64, FK_I64, FK_F64, FK_STR };

struct field_def {
	const char *csv;        /* stable snake_case name carrying its unit: "free_pages", "scan_kswapd_pps" */
	const char *head;       /* table header */
	int width;              /* table column width; negative: left-aligned */
	enum field_kind kind;
	int prec;               /* decimals for FK_F64 */
	const char *desc;       /* one line for --help-fields / the man page */
};

struct cell {
	bool na;                /* no value (the kernel does not have it): "-" in tables, empty in CSV */
	union {
		uint64_t u;
		int64_t i;
		double f;
		const char *s;  /* must live until the row is rendered */
	} v;
};

struct view_def {
	const char *name;       /* "zones", "reclaim", "buddy", "vmstat" … */
	const struct field_def *fields;
	int nfields;
};

/* One row of cells, nfields long. */
struct view_row {
	struct cell *c;
};

static inline struct cell cell_u64(uint64_t u) { struct cell c = { .na = false, .v.u = u }; return c; }
static inline struct cell cell_i64(int64_t i) { struct cell c = { .na = false, .v.i = i }; return c; }
static inline struct cell cell_f64(double f) { struct cell c = { .na = false, .v.f = f }; return c; }
static inline struct cell cell_str(const char *s) { struct cell c = { .na = false, .v.s = s }; return c; }
static inline struct cell cell_na(void) { struct cell c = { .na = true, .v.u = 0 }; return c; }

/* Index of a field by CSV name, -1 if none. */
int view_field_index(const struct view_def *v, const char *csv);
/* Format one cell as text (no padding) into buf; returns buf.  CSV and tables share this. */
const char *view_cell_text(const struct field_def *f, const struct cell *c, char *buf, size_t size);
/* A number with prec decimals as view_cell_text formats an FK_F64 cell into buf; returns its length. */
size_t view_fixed_text(char *buf, size_t size, double f, int prec);
/* That number's parts: its text is "-" if neg, whole, then if prec > 0 "." and frac in prec digits (with
 * leading zeros).  False for a nan or an infinity (beyond 1e18), which have other texts. */
struct view_fixed {
	uint64_t whole, frac;
	int prec;
	bool neg;
};
bool view_fixed_parts(double f, int prec, struct view_fixed *out);

#endif
