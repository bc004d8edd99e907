/* util.c — allocation, error messages and small text helpers. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

void zs_err_set(struct zs_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

void zs_err_clear(struct zs_err *e)
{
	if (!e)
		return;
	e->code = 0;
	e->msg[0] = '\0';
}

static void oom(size_t n)
{
	fprintf(stderr, "zonestat: out of memory (%zu bytes)\n", n);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

void xgrow(void **p, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;

	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / sz)
			oom(SIZE_MAX);
		c *= 2;
	}
	*p = xrealloc(*p, c * sz);
	*cap = c;
}

size_t zs_text_len(const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);

	return nul ? (size_t)(nul - text) : len;
}

const char *zs_skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

const char *zs_line_end(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? nl : end;
}

bool zs_parse_u64(const char **sp, uint64_t *out)
{
	const char *s = zs_skip_blanks(*sp);
	uint64_t v = 0;
	bool sat = false;

	if (*s < '0' || *s > '9')
		return false;
	/* 19 digits always fit in 64 bits: check for overflow only past them */
	for (int n = 0; n < 19 && *s >= '0' && *s <= '9'; n++, s++)
		v = v * 10 + (unsigned)(*s - '0');
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			sat = true;
		else
			v = v * 10 + d;
	}
	*out = sat ? UINT64_MAX : v;
	*sp = s;
	return true;
}

bool zs_parse_i64(const char **sp, int64_t *out)
{
	const char *s = zs_skip_blanks(*sp);
	bool neg = false;
	uint64_t u;

	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (!zs_parse_u64(&s, &u))
		return false;
	if (neg)
		*out = u > (uint64_t)INT64_MAX + 1 ? INT64_MIN : (int64_t)(0 - u);
	else
		*out = u > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)u;
	*sp = s;
	return true;
}

struct zs_time zs_now(void)
{
	struct timespec m, w;
	struct zs_time t;

	clock_gettime(CLOCK_MONOTONIC, &m);
	clock_gettime(CLOCK_REALTIME, &w);
	t.mono_ns = (int64_t)m.tv_sec * 1000000000 + m.tv_nsec;
	t.wall_ns = (int64_t)w.tv_sec * 1000000000 + w.tv_nsec;
	return t;
}
