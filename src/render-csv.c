/* render-csv.c — RFC 4180 CSV: one header row, CRLF record ends, fields quoted only when they hold a
 * comma, a quote or a line break; timestamps in ISO 8601 UTC plus epoch seconds in every row. */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
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

/* A record is built in memory and written with one fwrite: per-field stdio calls were most of a -z
 * sample's output cost (tests/bench/zones-bench.sh). */
struct line {
	FILE *out;
	size_t n;
	char buf[4096];
};

static void put(struct line *l, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = sizeof l->buf - l->n, k = n < room ? n : room;

		memcpy(l->buf + l->n, s, k);
		l->n += k;
		s += k;
		n -= k;
		if (l->n == sizeof l->buf) {
			fwrite(l->buf, 1, l->n, l->out);
			l->n = 0;
		}
	}
}

static void put_c(struct line *l, char c)
{
	if (l->n == sizeof l->buf) {
		fwrite(l->buf, 1, l->n, l->out);
		l->n = 0;
	}
	l->buf[l->n++] = c;
}

static void put_field(struct line *l, const char *s, bool maybe_special)
{
	if (!maybe_special || strpbrk(s, ",\"\r\n") == NULL) {
		put(l, s, strlen(s));
		return;
	}
	put_c(l, '"');
	for (; *s; s++) {
		if (*s == '"')
			put_c(l, '"');
		put_c(l, *s);
	}
	put_c(l, '"');
}

void render_csv_header(FILE *out, const struct view_def *v)
{
	struct line l;

	l.out = out;
	l.n = 0;
	put(&l, "timestamp,epoch_s", 17);
	for (int i = 0; i < v->nfields; i++) {
		put_c(&l, ',');
		put_field(&l, v->fields[i].csv, true);
	}
	put(&l, "\r\n", 2);
	fwrite(l.buf, 1, l.n, out);
}

/* "2026-11-24T10:51:22Z,1795560682.123" of a wall clock; the date part is formatted once per second. */
static void put_time(struct line *l, int64_t wall_ns)
{
	static int64_t cached_day = INT64_MIN;
	static char iso[32];
	int64_t sec = wall_ns / 1000000000, ms = (wall_ns % 1000000000) / 1000000;
	int64_t day = sec >= 0 ? sec / 86400 : -1, tod = sec - day * 86400;
	char num[32];
	size_t n = sizeof num;

	/* the date from gmtime once a day; the time of day is arithmetic (UTC has no leap seconds here) */
	if (day != cached_day || sec < 0) {
		render_iso8601(wall_ns, iso, sizeof iso);
		cached_day = day;
	}
	if (sec >= 0 && strlen(iso) == 20) {
		iso[11] = (char)('0' + tod / 36000);
		iso[12] = (char)('0' + tod / 3600 % 10);
		iso[14] = (char)('0' + tod % 3600 / 600);
		iso[15] = (char)('0' + tod % 3600 / 60 % 10);
		iso[17] = (char)('0' + tod % 60 / 10);
		iso[18] = (char)('0' + tod % 10);
	}
	put(l, iso, strlen(iso));
	put_c(l, ',');
	if (ms < 0)
		ms = 0;
	num[--n] = (char)('0' + ms % 10);
	num[--n] = (char)('0' + ms / 10 % 10);
	num[--n] = (char)('0' + ms / 100);
	num[--n] = '.';
	{
		uint64_t u = sec < 0 ? (uint64_t)0 - (uint64_t)sec : (uint64_t)sec;

		do {
			num[--n] = (char)('0' + u % 10);
			u /= 10;
		} while (u && n > 1);
		if (sec < 0)
			num[--n] = '-';
	}
	put(l, num + n, sizeof num - n);
}

/* ",123" / ",-5" straight into the record: the digits written from the last, two at a time (half the
 * divisions) */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				  "8081828384858687888990919293949596979899";

static void put_int(struct line *l, uint64_t u, bool neg)
{
	char tmp[48], *d = tmp + 24; /* the digits end at tmp + 24; 24 bytes from their start are copied */
	char *q;
	size_t n;

	if (sizeof l->buf - l->n < 32) {
		fwrite(l->buf, 1, l->n, l->out);
		l->n = 0;
	}
	while (u >= 100) {
		unsigned k = (unsigned)(u % 100) * 2;

		u /= 100;
		*--d = digit_pairs[k + 1];
		*--d = digit_pairs[k];
	}
	if (u >= 10) {
		*--d = digit_pairs[u * 2 + 1];
		*--d = digit_pairs[u * 2];
	} else {
		*--d = (char)('0' + u);
	}
	n = (size_t)(tmp + 24 - d);
	q = l->buf + l->n;
	*q++ = ',';
	if (neg)
		*q++ = '-';
	memcpy(q, d, 24); /* a fixed size: two moves, not a call; the bytes past the digits are overwritten later */
	l->n = (size_t)(q + n - l->buf);
}

void render_csv_row(FILE *out, const struct view_def *v, const struct cell *cells, struct zs_time t)
{
	struct line l;
	char buf[128];

	/* not "= { … }": that would clear the 4 KiB buffer for every row */
	l.out = out;
	l.n = 0;
	put_time(&l, t.wall_ns);
	for (int i = 0; i < v->nfields; i++) {
		const struct cell *c = &cells[i];

		if (c->na) { /* view_cell_text's "" */
			put_c(&l, ',');
			continue;
		}
		switch (v->fields[i].kind) {
		case FK_U64:
			put_int(&l, c->v.u, false);
			continue;
		case FK_I64:
			put_int(&l, c->v.i < 0 ? (uint64_t)0 - (uint64_t)c->v.i : (uint64_t)c->v.i, c->v.i < 0);
			continue;
		case FK_STR: {
			/* as view_cell_text gives it when it fits its buffer and needs no quotes */
			const char *s = c->v.s ? c->v.s : "";
			size_t n = strlen(s);

			if (n < sizeof buf && strpbrk(s, ",\"\r\n") == NULL) {
				put_c(&l, ',');
				put(&l, s, n);
				continue;
			}
			break;
		}
		case FK_F64:
			break;
		}
		put_c(&l, ',');
		/* only strings can hold a comma, a quote or a line break */
		put_field(&l, view_cell_text(&v->fields[i], c, buf, sizeof buf), v->fields[i].kind == FK_STR);
	}
	put(&l, "\r\n", 2);
	fwrite(l.buf, 1, l.n, out);
}
