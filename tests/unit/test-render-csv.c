/* test-render-csv.c — render_csv_row writes integers, strings and the timestamp into the record itself
 * (render-csv.c); every row must read as the plain definition gives it: the timestamp from
 * render_iso8601 and the epoch seconds with milliseconds, each cell as view_cell_text formats it, empty
 * when it has no value, quoted (quotes doubled) when a string holds a comma, a quote or a line break. */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "sample-build.h"
#include "view.h"

/* the definition, in the plainest terms */
static void reference_row(char *out, size_t size, const struct view_def *v, const struct cell *cells,
			  int64_t wall_ns)
{
	int64_t sec = wall_ns / 1000000000, ms = (wall_ns % 1000000000) / 1000000;
	char iso[32], buf[128];
	size_t n;

	render_iso8601(wall_ns, iso, sizeof iso);
	n = (size_t)snprintf(out, size, "%s,%s%" PRIu64 ".%03d", iso, sec < 0 ? "-" : "",
			     sec < 0 ? (uint64_t)0 - (uint64_t)sec : (uint64_t)sec, (int)(ms < 0 ? 0 : ms));
	for (int i = 0; i < v->nfields; i++) {
		const char *t = view_cell_text(&v->fields[i], &cells[i], buf, sizeof buf);

		out[n++] = ',';
		if (v->fields[i].kind == FK_STR && strpbrk(t, ",\"\r\n")) {
			out[n++] = '"';
			for (; *t; t++) {
				if (*t == '"')
					out[n++] = '"';
				out[n++] = *t;
			}
			out[n++] = '"';
		} else {
			n += (size_t)snprintf(out + n, size - n, "%s", t);
		}
		ck_assert(n < size - 8);
	}
	memcpy(out + n, "\r\n", 3);
}

static void same_row(const struct view_def *v, const struct cell *cells, int64_t wall_ns)
{
	static char want[1 << 16], got[1 << 16];
	struct zs_time t = { .mono_ns = 0, .wall_ns = wall_ns };
	FILE *f = tmpfile();
	size_t n;

	ck_assert(f != NULL);
	reference_row(want, sizeof want, v, cells, wall_ns);
	render_csv_row(f, v, cells, t);
	rewind(f);
	n = fread(got, 1, sizeof got - 1, f);
	got[n] = '\0';
	fclose(f);
	ck_assert_msg(strcmp(got, want) == 0, "row at %" PRId64 " ns:\n got %.300s\nwant %.300s", wall_ns, got, want);
}

static const struct field_def fields[] = {
	{ "u", "u", 4, FK_U64, 0, "" }, { "i", "i", 4, FK_I64, 0, "" }, { "s", "s", 4, FK_STR, 0, "" },
	{ "f", "f", 4, FK_F64, 1, "" }, { "g", "g", 4, FK_F64, 3, "" },
};

START_TEST(integers_at_every_length)
{
	const struct view_def v = { "t", fields, 5 };
	struct cell c[5];
	uint64_t p = 1;

	for (int k = 0; k <= 20; k++, p *= 10)
		for (int d = -1; d <= 1; d++) {
			uint64_t u = k == 20 ? UINT64_MAX - (uint64_t)(d + 1) : p + (uint64_t)d;

			c[0] = cell_u64(u);
			c[1] = cell_i64((int64_t)u);
			c[2] = cell_str("x");
			c[3] = cell_f64((double)(int64_t)u / 7);
			c[4] = cell_i64(-(int64_t)(u / 2));
			same_row(&v, c, 1795560682123456789LL);
		}
	c[1] = cell_i64(INT64_MIN);
	c[4] = cell_na();
	same_row(&v, c, 1795560682123456789LL);
}
END_TEST

START_TEST(strings_plain_quoted_and_cut)
{
	static const struct field_def sf[] = {
		{ "a", "a", 4, FK_STR, 0, "" }, { "b", "b", 4, FK_STR, 0, "" }, { "c", "c", 4, FK_U64, 0, "" },
	};
	const struct view_def v = { "t", sf, 3 };
	char s127[128], s128[129], s200[201];
	const char *strs[] = { "", "ok", "below min: direct reclaim", "a,b", "say \"hi\"", "cr\r", "nl\n",
			       s127, s128, s200, NULL };
	struct cell c[3];

	memset(s127, 'x', 127);
	s127[127] = '\0';
	memset(s128, 'y', 128);
	s128[128] = '\0';
	memset(s200, 'z', 200);
	s200[150] = ',';
	s200[200] = '\0';
	for (size_t i = 0; i < ZS_ARRAY_LEN(strs); i++)
		for (size_t j = 0; j < ZS_ARRAY_LEN(strs); j++) {
			c[0] = cell_str(strs[i]);
			c[1] = j % 3 == 2 ? cell_na() : cell_str(strs[j]);
			c[2] = cell_u64(i * 1000 + j);
			same_row(&v, c, 1000000000LL * (int64_t)(i + 1));
		}
}
END_TEST

START_TEST(decimals)
{
	static struct field_def ff[9];
	const struct view_def v = { "t", ff, 9 };
	const double x[] = { 0.0, -0.0, 0.05, -0.05, 0.5, 123.456789, -99.99999, 1e17, 1e18, 2e18, -3e18,
			     NAN, INFINITY, -INFINITY, 1e-9, 4.5e15 };
	struct cell c[9];

	for (int i = 0; i < 9; i++)
		ff[i] = (struct field_def){ "f", "f", 4, FK_F64, i - 1, "" };
	for (size_t k = 0; k < ZS_ARRAY_LEN(x); k++) {
		for (int i = 0; i < 9; i++)
			c[i] = cell_f64(x[k] * (i + 1));
		same_row(&v, c, 1795560682123456789LL);
	}
}
END_TEST

/* more than the record buffer holds: the row is written in pieces */
START_TEST(rows_longer_than_the_buffer)
{
	static struct field_def many[200];
	static struct cell c[200];
	char s[120];
	const struct view_def v = { "t", many, 200 };

	memset(s, 'w', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	for (int i = 0; i < 200; i++) {
		many[i] = (struct field_def){ "m", "m", 4, i % 3 == 0 ? FK_U64 : i % 3 == 1 ? FK_STR : FK_I64, 0, "" };
		c[i] = i % 3 == 0 ? cell_u64(UINT64_MAX - (uint64_t)i) : i % 3 == 1 ? cell_str(i % 7 ? s : "q\"") :
			 cell_i64(INT64_MIN + i);
	}
	same_row(&v, c, 1795560682999000000LL);
}
END_TEST

/* the same second again, the next second, the next day, backwards, before 1970, the ends of int64 */
START_TEST(timestamps)
{
	const struct view_def v = { "t", fields, 2 };
	struct cell c[2] = { cell_u64(1), cell_i64(-1) };
	const int64_t t[] = { 1795560682123456789LL, 1795560682999999999LL, 1795560683000000000LL,
			      1795560682000999999LL, 1795647082500000000LL, 0, 999999, -1, -999999999LL,
			      -1000000000LL, -1500000000LL, -86400000000000LL, 1795560682123456789LL, INT64_MAX,
			      INT64_MIN + 1 };

	for (size_t i = 0; i < ZS_ARRAY_LEN(t); i++)
		same_row(&v, c, t[i]);
}
END_TEST

/* numbers are remembered by their place (row in the sample, field) with their text: a place's next value
 * is written right whether it is the same, another, the same bits of another kind or with other
 * decimals, in more rows and fields than are remembered */
START_TEST(remembered_numbers)
{
	static struct field_def mf[40];
	static struct cell c[40];
	const struct view_def v = { "t", mf, 40 };
	const double d[] = { 0.0, -0.0, 1.25, -1.25, 7.0, 1e17, NAN, -INFINITY };
	uint32_t r = 12345;

	for (int sample = 0; sample < 12; sample++)
		for (int row = 0; row < 40; row++) {
			for (int i = 0; i < 40; i++) {
				int kind = (i + (sample / 4) * (row % 3)) % 3;
				uint64_t u;

				r = r * 1103515245U + 12345U;
				u = (r >> 16) % 4 == 0 ? (uint64_t)(r >> 8) : (uint64_t)(row + i) * 1000003U;
				if ((r >> 12) % 5 == 0)
					u = (uint64_t)0 - u;
				mf[i] = (struct field_def){ "m", "m", 4, kind == 0 ? FK_U64 : kind == 1 ? FK_I64 : FK_F64,
							    (sample + i) % 9 - 1, "" };
				c[i] = kind == 0   ? cell_u64(u) :
				       kind == 1   ? cell_i64((int64_t)u) :
				       (r >> 20) % 3 ? cell_f64(d[(row + i + sample / 3) % ZS_ARRAY_LEN(d)]) :
							cell_f64((double)(int64_t)u / 1000);
				if ((r >> 24) % 11 == 0)
					c[i] = cell_na();
			}
			same_row(&v, c, 1795560682000000000LL + (int64_t)sample * 1000000000LL);
		}
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		integers_at_every_length,
		strings_plain_quoted_and_cut,
		decimals,
		rows_longer_than_the_buffer,
		timestamps,
		remembered_numbers,
	};

	return sb_run("render-csv", tests, (int)ZS_ARRAY_LEN(tests));
}
