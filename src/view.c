/* view.c — helpers shared by every view. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "view.h"

int view_field_index(const struct view_def *v, const char *csv)
{
	for (int i = 0; i < v->nfields; i++)
		if (strcmp(v->fields[i].csv, csv) == 0)
			return i;
	return -1;
}

/* Decimal digits of u, without snprintf: every CSV and table cell goes through here, and printf's
 * machinery was most of the cost of a row (tests/bench/zones-bench.sh). */
static void fmt_u64(char *buf, size_t size, uint64_t u, bool neg)
{
	char tmp[24];
	size_t n = 0, i = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (size < n + 2) {
		snprintf(buf, size, "%s", "");
		return;
	}
	if (neg)
		buf[i++] = '-';
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
}

/* Locale-neutral: only integer formatting and our own decimal point (no printf: see fmt_u64). */
bool view_fixed_parts(double f, int prec, struct view_fixed *out)
{
	static const double pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
	double scaled;
	uint64_t m;

	if (prec < 0)
		prec = 0;
	if (prec > 6)
		prec = 6;
	out->neg = f < 0;
	if (f != f || f > 1e18 || f < -1e18)
		return false;
	if (out->neg)
		f = -f;
	/* keep f·10^prec within 64 bits */
	while (prec > 0 && f * pow10[prec] > 1e18)
		prec--;
	m = (uint64_t)pow10[prec];
	scaled = f * (double)m + 0.5;
	out->whole = (uint64_t)scaled / m;
	out->frac = (uint64_t)scaled % m;
	out->prec = prec;
	out->neg = out->neg && (out->whole || out->frac);
	return true;
}

static void fmt_fixed(char *buf, size_t size, double f, int prec)
{
	struct view_fixed x;
	size_t l;

	if (!view_fixed_parts(f, prec, &x)) {
		if (f != f)
			snprintf(buf, size, "nan");
		else
			snprintf(buf, size, "%sinf", x.neg ? "-" : "");
		return;
	}
	fmt_u64(buf, size, x.whole, x.neg);
	l = strlen(buf);
	if (x.prec && l + (size_t)x.prec + 2 <= size) {
		uint64_t frac = x.frac;

		buf[l++] = '.';
		for (int i = x.prec - 1; i >= 0; i--) {
			buf[l + (size_t)i] = (char)('0' + frac % 10);
			frac /= 10;
		}
		buf[l + (size_t)x.prec] = '\0';
	}
}

size_t view_fixed_text(char *buf, size_t size, double f, int prec)
{
	fmt_fixed(buf, size, f, prec);
	return strlen(buf);
}

const char *view_cell_text(const struct field_def *f, const struct cell *c, char *buf, size_t size)
{
	if (c->na) {
		buf[0] = '\0';
		return buf;
	}
	switch (f->kind) {
	case FK_U64:
		fmt_u64(buf, size, c->v.u, false);
		break;
	case FK_I64:
		fmt_u64(buf, size, c->v.i < 0 ? (uint64_t)0 - (uint64_t)c->v.i : (uint64_t)c->v.i, c->v.i < 0);
		break;
	case FK_F64:
		fmt_fixed(buf, size, c->v.f, f->prec);
		break;
	case FK_STR: {
		const char *s = c->v.s ? c->v.s : "";
		size_t n = strlen(s);

		if (n >= size)
			n = size - 1;
		memcpy(buf, s, n);
		buf[n] = '\0';
		break;
	}
	}
	return buf;
}
