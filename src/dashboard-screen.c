/* dashboard-screen.c — the dashboard's screen as a grid of cells, and the small drawing pieces built on
 * it (bars, sparklines, short numbers).  No curses here: tests read the grid back as text. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"

void dash_screen_init(struct dash_screen *s, int rows, int cols, bool unicode)
{
	s->rows = rows > 0 ? rows : 0;
	s->cols = cols > 0 ? cols : 0;
	s->unicode = unicode;
	s->cell = xcalloc((size_t)s->rows * (size_t)s->cols + 1, sizeof *s->cell);
	dash_screen_clear(s);
}

void dash_screen_free(struct dash_screen *s)
{
	free(s->cell);
	s->cell = NULL;
	s->rows = s->cols = 0;
}

void dash_screen_clear(struct dash_screen *s)
{
	for (int i = 0; i < s->rows * s->cols; i++) {
		s->cell[i].ch = ' ';
		s->cell[i].attr = DA_NORMAL;
	}
}

struct dash_cell *dash_at(struct dash_screen *s, int row, int col)
{
	if (row < 0 || row >= s->rows || col < 0 || col >= s->cols)
		return NULL;
	return &s->cell[row * s->cols + col];
}

/* Decode one UTF-8 character at *p (advancing it); invalid bytes become '?'. */
static uint32_t utf8_next(const char **p)
{
	const unsigned char *u = (const unsigned char *)*p;
	uint32_t c = u[0];
	int n = 0;

	if (c < 0x80)
		n = 0;
	else if ((c & 0xe0) == 0xc0)
		n = 1, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 2, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 3, c &= 0x07;
	else {
		*p += 1;
		return '?';
	}
	for (int i = 1; i <= n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*p += i;
			return '?';
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*p += n + 1;
	return c;
}

int dash_put(struct dash_screen *s, int row, int col, int attr, const char *text)
{
	while (*text) {
		uint32_t ch = utf8_next(&text);
		struct dash_cell *c = dash_at(s, row, col);

		/* control characters (a process name can hold anything) would move the terminal's cursor */
		if (ch < 0x20 || ch == 0x7f)
			ch = '?';
		if (ch >= 0x80 && !s->unicode)
			ch = '?';
		if (c) {
			c->ch = ch;
			c->attr = (uint8_t)attr;
		}
		col++;
	}
	return col;
}

int dash_printf(struct dash_screen *s, int row, int col, int attr, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return dash_put(s, row, col, attr, buf);
}

void dash_fill(struct dash_screen *s, int row, int col, int n, uint32_t ch, int attr)
{
	for (int i = 0; i < n; i++) {
		struct dash_cell *c = dash_at(s, row, col + i);

		if (c) {
			c->ch = ch;
			c->attr = (uint8_t)attr;
		}
	}
}

void dash_set_attr(struct dash_screen *s, int row, int col, int n, int attr)
{
	for (int i = 0; i < n; i++) {
		struct dash_cell *c = dash_at(s, row, col + i);

		if (c)
			c->attr = (uint8_t)attr;
	}
}

static size_t utf8_put(char *b, uint32_t c)
{
	if (c < 0x80) {
		b[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | (c >> 18));
	b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	b[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

const char *dash_row_text(const struct dash_screen *s, int row, char *buf, size_t size)
{
	size_t len = 0, keep = 0;

	if (size == 0)
		return buf;
	for (int col = 0; row >= 0 && row < s->rows && col < s->cols; col++) {
		uint32_t ch = s->cell[row * s->cols + col].ch;

		if (len + 5 > size)
			break;
		len += utf8_put(buf + len, ch);
		if (ch != ' ')
			keep = len;
	}
	buf[keep] = '\0';
	return buf;
}

/* ---- short numbers ---- */

const char *dash_kib(uint64_t kib, char *buf, size_t size)
{
	static const char unit[] = "KMGTPE";
	double v = (double)kib;
	int u = 0;

	while (v >= 1000 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, size, "%" PRIu64 "K", kib);
	else if (v < 10)
		snprintf(buf, size, "%.1f%c", v, unit[u]);
	else
		snprintf(buf, size, "%.0f%c", v, unit[u]);
	return buf;
}

const char *dash_rate(double v, char *buf, size_t size)
{
	if (!(v > 0) || v < 0.05)
		snprintf(buf, size, "0");
	else if (v < 100)
		snprintf(buf, size, "%.1f", v);
	else if (v < 10000)
		snprintf(buf, size, "%.0f", v);
	else if (v < 1e6)
		snprintf(buf, size, "%.1fk", v / 1e3);
	else if (v < 1e9)
		snprintf(buf, size, "%.1fM", v / 1e6);
	else
		snprintf(buf, size, "%.1fG", v / 1e9);
	return buf;
}

/* ---- histories and sparklines ---- */

void dash_hist_push(struct dash_hist *h, double v)
{
	h->v[h->head] = isfinite(v) && v > 0 ? v : 0;
	h->head = (h->head + 1) % DASH_HIST;
	if (h->n < DASH_HIST)
		h->n++;
}

double dash_hist_get(const struct dash_hist *h, int i)
{
	return h->v[(h->head - 1 - i + 2 * DASH_HIST) % DASH_HIST];
}

double dash_spark(struct dash_screen *s, int row, int col, int width, const struct dash_hist *h)
{
	/* eight heights; the ASCII set keeps the same order of "more ink is more" */
	static const uint32_t blocks[8] = { 0x2581, 0x2582, 0x2583, 0x2584, 0x2585, 0x2586, 0x2587, 0x2588 };
	static const char ascii[8] = { '_', '.', '-', '~', '=', '+', '*', '#' };
	int n = h->n < width ? h->n : width;
	double max = 0;

	for (int i = 0; i < n; i++)
		if (dash_hist_get(h, i) > max)
			max = dash_hist_get(h, i);
	dash_fill(s, row, col, width, ' ', DA_SPARK);
	if (max <= 0)
		return 0;
	/* newest at the right edge */
	for (int i = 0; i < n; i++) {
		double v = dash_hist_get(h, i);
		int lvl = (int)ceil(v / max * 8) - 1;
		struct dash_cell *c = dash_at(s, row, col + width - 1 - i);

		if (!c || v <= 0)
			continue;
		if (lvl < 0)
			lvl = 0;
		if (lvl > 7)
			lvl = 7;
		c->ch = s->unicode ? blocks[lvl] : (uint32_t)ascii[lvl];
	}
	return max;
}

void dash_bar(struct dash_screen *scr, int row, int col, int width, const uint64_t *v, const int *attr,
	      int nseg, uint64_t total)
{
	static const uint32_t ascii_fill[4] = { '|', '#', ':', '.' };
	double acc = 0;
	int x = 0;

	if (width <= 0)
		return;
	dash_fill(scr, row, col, width, ' ', DA_NORMAL);
	if (total == 0)
		return;
	/* cumulative rounding: segment ends land where their running sums fall, so the bar never grows
	 * past width and the rounding of one segment does not shift the next */
	for (int i = 0; i < nseg; i++) {
		int end;

		acc += (double)v[i];
		end = (int)((acc / (double)total) * width + 0.5);
		if (end > width)
			end = width;
		for (; x < end; x++) {
			struct dash_cell *c = dash_at(scr, row, col + x);

			if (!c)
				continue;
			c->ch = scr->unicode ? (i == 0 ? 0x2588 : i == 1 ? 0x2593 : 0x2591) : ascii_fill[i & 3];
			c->attr = (uint8_t)attr[i];
		}
	}
}
