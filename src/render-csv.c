/* render-csv.c — RFC 4180 CSV: one header row, CRLF record ends, fields quoted only when they hold a
 * comma, a quote or a line break; timestamps in ISO 8601 UTC plus epoch seconds in every row. */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
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

/* "2026-11-24T10:51:22Z,1795560682." of the second sec of wall_ns into buf (at least 64 bytes); returns
 * its length */
static size_t time_prefix(int64_t wall_ns, int64_t sec, char *buf)
{
	static int64_t cached_day = INT64_MIN;
	static char iso[32];
	int64_t day = sec >= 0 ? sec / 86400 : -1, tod = sec - day * 86400;
	char num[24];
	size_t n = sizeof num, len;
	uint64_t u = sec < 0 ? (uint64_t)0 - (uint64_t)sec : (uint64_t)sec;

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
	len = strlen(iso);
	memcpy(buf, iso, len);
	buf[len++] = ',';
	do {
		num[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u && n > 1);
	if (sec < 0)
		num[--n] = '-';
	memcpy(buf + len, num + n, sizeof num - n);
	len += sizeof num - n;
	buf[len++] = '.';
	return len;
}

/* "2026-11-24T10:51:22Z,1795560682.123" of a wall clock: all but the milliseconds made once a second, the
 * whole again for the next row of the same sample (the same wall clock) */
static char *put_time(char *q, int64_t wall_ns)
{
	static int64_t cached_sec = INT64_MIN, cached_ns = INT64_MIN;
	static char pre[64], whole[64];
	static size_t pre_len;
	int64_t sec, ms;

	if (wall_ns == cached_ns) {
		memcpy(q, whole, sizeof whole); /* a fixed size: moves; the bytes past pre_len + 3 are overwritten */
		return q + pre_len + 3;
	}
	sec = wall_ns / 1000000000;
	ms = (wall_ns % 1000000000) / 1000000;
	if (sec != cached_sec || sec < 0) {
		pre_len = time_prefix(wall_ns, sec, pre);
		cached_sec = sec;
	}
	if (ms < 0)
		ms = 0;
	memcpy(whole, pre, sizeof pre);
	whole[pre_len] = (char)('0' + ms / 100);
	whole[pre_len + 1] = (char)('0' + ms / 10 % 10);
	whole[pre_len + 2] = (char)('0' + ms % 10);
	cached_ns = wall_ns;
	memcpy(q, whole, sizeof whole);
	return q + pre_len + 3;
}

/* ",123" / ",-5" straight into the record, the digits written from the last, two at a time (half the
 * divisions), where their count says they end */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				  "8081828384858687888990919293949596979899";

static inline int count_digits(uint64_t u)
{
#if defined(__GNUC__)
	static const uint64_t pow10[20] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
		1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
		100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
		1000000000000000000ULL, 10000000000000000000ULL,
	};
	/* log10 from the bit length (1233/4096 ~ log10(2)), then one compare */
	int t = ((64 - __builtin_clzll(u | 1)) * 1233) >> 12;

	return t + (u >= pow10[t]);
#else
	int n = 1;

	while (u >= 10) {
		u /= 10;
		n++;
	}
	return n;
#endif
}

static inline char *put_u64(char *q, uint64_t u)
{
	char *e, *d;
	uint32_t w;

	if (u < 10) {
		*q = (char)('0' + u);
		return q + 1;
	}
	e = d = q + count_digits(u);
	while (u > UINT32_MAX) {
		unsigned k = (unsigned)(u % 100) * 2;

		u /= 100;
		d -= 2;
		memcpy(d, digit_pairs + k, 2);
	}
	/* in 32 bits: a cheaper division by 100 */
	w = (uint32_t)u;
	while (w >= 100) {
		unsigned k = (w % 100) * 2;

		w /= 100;
		d -= 2;
		memcpy(d, digit_pairs + k, 2);
	}
	u = w;
	if (u >= 10)
		memcpy(d - 2, digit_pairs + u * 2, 2);
	else
		d[-1] = (char)('0' + u);
	return e;
}

/* A string cell as view_cell_text gives it when it fits its buffer (size) and needs no quotes, copied to q
 * as it is checked (q has room for size bytes); the length copied, or -1 (the general path) */
static inline long put_plain(char *q, const char *s, size_t size)
{
	size_t n = 0;

	for (;;) {
		char ch = s[n];

		if (ch == '\0')
			return n < size ? (long)n : -1;
		if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n' || n + 1 >= size)
			return -1;
		q[n++] = ch;
	}
}

/* An FK_F64 cell's text as view_fixed_text makes it (no quotes: a number's text never needs them), with
 * the digits of put_u64; q has room for 128 bytes */
static inline char *put_fixed(char *q, double f, int prec)
{
	struct view_fixed x;

	if (!view_fixed_parts(f, prec, &x))
		return q + view_fixed_text(q, 128, f, prec);
	if (x.neg)
		*q++ = '-';
	q = put_u64(q, x.whole);
	if (x.prec > 0) {
		*q = '.';
		for (int i = x.prec; i > 0; i--) {
			q[i] = (char)('0' + x.frac % 10);
			x.frac /= 10;
		}
		q += x.prec + 1;
	}
	return q;
}

/* The bytes a field takes at most in a record: its comma and up to 127 */
#define FIELD_MAX 128

/* A number's text as it was last made for a place in a sample (its row among the sample's, its field): a
 * memo of its value (bits, of kind tag: 1 + FK_U64 / FK_I64, 8 + decimals for FK_F64) and text, so a value
 * that did not change since the last sample (most of a -z row's) is copied, not formatted.  Which place a
 * memo belongs to only decides whether it is reused: its text is that of its value wherever it is used. */
struct memo {
	uint64_t bits;
	unsigned char tag, len;
	char text[22];
};

#define MEMO_ROWS 32
#define MEMO_FIELDS 32

static struct memo memo[MEMO_ROWS][MEMO_FIELDS];

/* The number cell c of field f at q (room for FIELD_MAX bytes), through memo m */
static inline char *put_number(char *q, const struct field_def *f, const struct cell *c, struct memo *m)
{
	char *s = q;
	uint64_t bits;
	unsigned tag;

	if (f->kind == FK_F64) {
		int prec = f->prec < 0 ? 0 : f->prec > 6 ? 6 : f->prec;

		memcpy(&bits, &c->v.f, sizeof bits);
		tag = 8U + (unsigned)prec;
	} else {
		bits = c->v.u;
		tag = 1U + (unsigned)f->kind;
	}
	if (m->tag == tag && m->bits == bits) {
		memcpy(q, m->text, sizeof m->text); /* a fixed size: moves; the bytes past len are overwritten */
		return q + m->len;
	}
	if (f->kind == FK_U64) {
		q = put_u64(q, bits);
	} else if (f->kind == FK_I64) {
		if (c->v.i < 0) {
			*q++ = '-';
			q = put_u64(q, (uint64_t)0 - bits);
		} else {
			q = put_u64(q, bits);
		}
	} else {
		q = put_fixed(q, c->v.f, f->prec);
	}
	if (q - s <= (ptrdiff_t)sizeof m->text) {
		m->bits = bits;
		m->tag = (unsigned char)tag;
		m->len = (unsigned char)(q - s);
		memcpy(m->text, s, sizeof m->text);
	}
	return q;
}

/* The memos of a row of a sample at t, by its place among the sample's rows (the rows past MEMO_ROWS
 * share the last's; field i has memo i % MEMO_FIELDS: a memo is right wherever it is used) */
static struct memo *memo_row(int64_t wall_ns)
{
	static int64_t last_ns = INT64_MIN;
	static int row;

	if (wall_ns != last_ns) {
		last_ns = wall_ns;
		row = 0;
	} else if (row < MEMO_ROWS - 1) {
		row++;
	}
	return memo[row];
}

void render_csv_row(FILE *out, const struct view_def *v, const struct cell *cells, struct zs_time t)
{
	struct line l;
	char buf[FIELD_MAX], *q, *lim;
	struct memo *const m_row = memo_row(t.wall_ns), *m = m_row;
	const struct field_def *f = v->fields, *f_end = f + v->nfields;
	const struct cell *c = cells;

	/* not "= { … }": that would clear the 4 KiB buffer for every row.  q: the record's end, with room
	 * for a field and the record's end while q <= lim */
	l.out = out;
	l.n = 0;
	lim = l.buf + sizeof l.buf - FIELD_MAX - 8;
	q = put_time(l.buf, t.wall_ns);
	while (f < f_end) {
		/* the fields that fit before lim whatever their values, and have memos left in the row, without a
		 * check each */
		const struct field_def *stop;

		if (q > lim) {
			fwrite(l.buf, 1, (size_t)(q - l.buf), out);
			q = l.buf;
		}
		if (m == m_row + MEMO_FIELDS)
			m = m_row;
		stop = f_end - f > (lim - q) / FIELD_MAX + 1 ? f + (lim - q) / FIELD_MAX + 1 : f_end;
		if (stop - f > m_row + MEMO_FIELDS - m)
			stop = f + (m_row + MEMO_FIELDS - m);
		for (; f < stop; f++, c++, m++) {
			long k;

			*q++ = ',';
			if (c->na) /* view_cell_text's "" */
				continue;
			if (f->kind != FK_STR) {
				q = put_number(q, f, c, m);
				continue;
			}
			if ((k = put_plain(q, c->v.s ? c->v.s : "", sizeof buf)) >= 0) {
				q += k;
				continue;
			}
			/* strings that need quotes or are cut: put_field may write out the record so far */
			l.n = (size_t)(q - l.buf);
			put_field(&l, view_cell_text(f, c, buf, sizeof buf), true);
			q = l.buf + l.n;
			f++, c++, m++;
			break;
		}
	}
	*q++ = '\r';
	*q++ = '\n';
	fwrite(l.buf, 1, (size_t)(q - l.buf), out);
}
