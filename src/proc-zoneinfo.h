/* proc-zoneinfo.h — what the zoneinfo parser's two files share (proc-zoneinfo.c: the general line loop,
 * proc-zoneinfo-fast.c: the lines of skip-counters mode): the number and blank scanners, all inlined, and
 * the parse state. */
#ifndef ZS_PROC_ZONEINFO_H
#define ZS_PROC_ZONEINFO_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "proc.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define ZI_INLINE static inline __attribute__((always_inline))
#else
#define ZI_INLINE static inline
#endif

/* Blanks (spaces and tabs) from s on: spaces 16 (SSE2) or 8 at a time while that many bytes before lim
 * remain (lim: the text's end, which is readable; a line's '\n' or the text's NUL stops the scan), tabs
 * and the rest one by one. */
ZI_INLINE const char *zi_blanks(const char *s, const char *lim)
{
#if defined(__SSE2__)
	while (lim - s >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))) ^ 0xffffu;

		if (m) {
			s += __builtin_ctz(m);
			if (*s != '\t')
				return s;
			break;
		}
		s += 16;
	}
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (lim - s >= 8) {
		uint64_t w;

		memcpy(&w, s, 8);
		w ^= 0x2020202020202020ULL; /* the spaces become zero bytes; the first other byte is the lowest */
		if (w) {
			s += __builtin_ctzll(w) >> 3;
			if (*s != '\t')
				return s;
			break;
		}
		s += 8;
	}
#endif
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The line's end: its '\n' at or after s, or end */
ZI_INLINE const char *zi_eol(const char *s, const char *end)
{
	const char *nl;

#if defined(__SSE2__)
	while (end - s >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));

		if (m)
			return s + __builtin_ctz(m);
		s += 16;
	}
#endif
	nl = memchr(s, '\n', (size_t)(end - s));
	return nl ? nl : end;
}

/* zs_parse_u64 and zs_parse_i64 inlined for what zoneinfo holds (blanks, at most 18 digits: no overflow is
 * possible, so none is checked); 19 digits or more go to zs_parse_u64, so every result is the same as
 * theirs.  The helpers hand back a number's end and value (no pointer of the caller's leaves them, so the
 * inlined parse keeps both in registers). */
struct zi_num {
	const char *end;
	uint64_t v;
};

/* s at a digit: digit by digit (8 digits or more, or the text's last bytes) */
struct zi_num proc_zoneinfo_digits(const char *s);

/* s at a digit; lim: the text's end (readable).  Up to 7 digits come from one 8-byte word (little-endian
 * GNU C): its bytes less '0' are 0..9 for digits, the first other byte ends the number, and three
 * multiply-add steps combine the digits pairwise. */
ZI_INLINE struct zi_num zi_digits(const char *s, const char *lim)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (lim - s >= 8) {
		uint64_t x, nd;

		memcpy(&x, s, 8);
		x ^= 0x3030303030303030ULL;
		/* a high nibble, or 10..15 (+6 carries into the high nibble); a carry out of a byte only
		 * changes the bytes after it, which lie after the number's end */
		nd = (x | (x + 0x0606060606060606ULL)) & 0xf0f0f0f0f0f0f0f0ULL;
		if (nd) {
			struct zi_num r;
			int n = __builtin_ctzll(nd) >> 3;

			r.end = s + n;
			if (n == 1) {
				r.v = x & 0xff;
			} else {
				x <<= 64 - 8 * n; /* the digits in the top bytes, zeros before them */
				x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffULL;
				x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffULL;
				r.v = (x * 10000 + (x >> 32)) & 0xffffffffULL;
			}
			return r;
		}
	}
#else
	(void)lim;
#endif
	return proc_zoneinfo_digits(s);
}

ZI_INLINE bool zi_u64(const char **sp, const char *lim, uint64_t *out)
{
	const char *s = zi_blanks(*sp, lim);
	struct zi_num r;

	if ((unsigned)(*s - '0') > 9)
		return false;
	r = zi_digits(s, lim);
	*out = r.v;
	*sp = r.end;
	return true;
}

/* s after its blanks */
ZI_INLINE bool zi_i64_at(const char **sp, const char *s, const char *lim, int64_t *out)
{
	struct zi_num r;
	bool neg = false;

	if ((unsigned)(*s - '0') > 9) {
		/* a sign, then (as zs_parse_i64 has it) blanks again */
		if (*s != '-' && *s != '+')
			return false;
		neg = *s == '-';
		s = zi_blanks(s + 1, lim);
		if ((unsigned)(*s - '0') > 9)
			return false;
	}
	r = zi_digits(s, lim);
	if (r.v > (uint64_t)INT64_MAX) /* only from zs_parse_u64's long numbers: zs_parse_i64's saturation */
		*out = !neg ? INT64_MAX : r.v > (uint64_t)INT64_MAX + 1 ? INT64_MIN : (int64_t)(0 - r.v);
	else
		*out = neg ? -(int64_t)r.v : (int64_t)r.v;
	*sp = r.end;
	return true;
}

ZI_INLINE bool zi_i64(const char **sp, const char *lim, int64_t *out)
{
	return zi_i64_at(sp, zi_blanks(*sp, lim), lim, out);
}

enum zi_mode { ZI_NONE, ZI_NODE_STATS, ZI_ZONE, ZI_PAGESETS };

struct zi_state {
	struct proc_zoneinfo *zi;
	struct zone *z;           /* current zone */
	struct node *n;           /* node of the current zone */
	struct zone_pcp *pcp;     /* current pageset entry (NULL: none, or a cold list of 2.6.2x) */
	enum zi_mode mode;
	const char *text;         /* the text, and the line of a "Node" (for error messages) */
	const char *line;
	const char *end;          /* the text's end (readable: a NUL there or within) */
	int fast_lines;           /* lines the fast path took so far, counters left out */
};

#define PROT_MAX 16   /* protection entries kept per zone (MAX_NR_ZONES is at most 6 today) */

/* "cpu: 3" (2.6.32+) or "cpu: 3 pcp: 1" (hot/cold lists before 2.6.25: keep the hot one); v after the colon */
void proc_zoneinfo_cpu(struct zi_state *st, const char *v, const char *eol);
/* A new pageset entry of the zone, for the CPU */
struct zone_pcp *proc_zoneinfo_pcp_new(struct zone *z, int cpu);
/* "protection: (0, 3019, 4043, 4043, 4043)" from after the colon (end: the text's end) */
void proc_zoneinfo_protection(struct zone *z, const char *s, const char *eol, const char *end);
/* Skip-counters mode inside a zone (st->z set): the lines from p on that the fast path takes; returns
 * the first line left to the general path (or end). */
const char *proc_zoneinfo_fast_lines(struct zi_state *st, const char *p);
/* What the fast path keeps with a zoneinfo (zi->layout) */
void proc_zoneinfo_fast_free(struct zi_layout *lay);

#endif
