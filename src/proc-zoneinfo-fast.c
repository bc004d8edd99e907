/* proc-zoneinfo-fast.c — the lines of /proc/zoneinfo that -z and -b use, in skip-counters mode: found and
 * stored without the general path's key scan (proc-zoneinfo.c), with the same result on every text (the
 * unit test test-analysis-zones and the fuzz harness compare both).
 *
 * Each line the fast path takes has a kind (its key: "min", "count:", a counter's "nr_" …).  A line is
 * first compared with what followed its predecessor's kind before: that line's bytes from its start up to
 * its value (indentation, key, blanks), in one 32-byte masked compare.  The kernel prints the same keys in
 * the same order with the same padding for every zone and every CPU, so most lines are recognised by that
 * compare and their value read where it starts.  A line that differs from the prediction in any byte goes
 * through the key dispatch (kind_of, take), which is what the general path would do with it, and teaches the
 * prediction.  A prediction decides nothing: a line equal to the learnt bytes has the same key, the same
 * blanks and so the same value on the dispatch path; only where its value starts is taken from it. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>

#include "proc-zoneinfo.h"
#include "sat.h"

enum zi_kind {
	K_NONE,                                 /* left to the general path */
	K_NR, K_NUMA, K_PG, K_WS,               /* counters: skipped */
	K_MIN, K_LOW, K_HIGH, K_PROMO, K_BOOST, K_SPANNED, K_PRESENT, K_MANAGED, K_CMA, K_FREE, /* zone, u64 */
	K_COUNT, K_PHIGH, K_BATCH, K_HIGH_MIN, K_HIGH_MAX, /* pageset entry, i64 */
	K_THRESHOLD, K_START_PFN, K_UNRECLAIMABLE, K_CPU, K_PROTECTION, K_PAGESETS,
	K_N
};

#define IS_COUNTER(k) ((k) >= K_NR && (k) <= K_WS)
#define IS_ZONE_U64(k) ((k) >= K_MIN && (k) <= K_FREE)
#define IS_PCP(k) ((k) >= K_COUNT && (k) <= K_HIGH_MAX)

/* Where a zone u64 kind's value goes and the have bit it sets; a pageset kind's place in its entry */
static const struct {
	unsigned short off, bit;
} zi_field[K_N] = {
	[K_MIN] = { offsetof(struct zone, min), 0 },
	[K_LOW] = { offsetof(struct zone, low), 0 },
	[K_HIGH] = { offsetof(struct zone, high), 0 },
	[K_PROMO] = { offsetof(struct zone, promo), ZONE_HAVE_PROMO },
	[K_BOOST] = { offsetof(struct zone, boost), ZONE_HAVE_BOOST },
	[K_SPANNED] = { offsetof(struct zone, spanned), ZONE_HAVE_SPANNED },
	[K_PRESENT] = { offsetof(struct zone, present), ZONE_HAVE_PRESENT },
	[K_MANAGED] = { offsetof(struct zone, managed), ZONE_HAVE_MANAGED },
	[K_CMA] = { offsetof(struct zone, cma), ZONE_HAVE_CMA },
	[K_FREE] = { offsetof(struct zone, free), 0 },
	[K_COUNT] = { offsetof(struct zone_pcp, count), 0 },
	[K_PHIGH] = { offsetof(struct zone_pcp, high), 0 },
	[K_BATCH] = { offsetof(struct zone_pcp, batch), 0 },
	[K_HIGH_MIN] = { offsetof(struct zone_pcp, high_min), 0 },
	[K_HIGH_MAX] = { offsetof(struct zone_pcp, high_max), 0 },
};

/* Per kind: its line's bytes up to its value (len of them; want: their bits in a 32-byte compare, 0 when
 * none was learnt) and the two kinds that followed it last (a zone's last CPU is followed by another line
 * than the others) */
struct zi_layout {
	struct {
		char prefix[32];
		uint32_t want;
		unsigned char len, next, next2;
	} k[K_N];
	struct zi_seen *seen;   /* the previous parse's lines, by their place among the fast path's */
	int nseen, seen_cap;
	struct zi_prot *prot;   /* their protection lines, whole, and what they held */
	int nprot, prot_cap;
};

/* A protection line of up to 64 bytes with its '\n' (mask: their bits in a 64-byte compare) */
struct zi_prot {
	char bytes[64];
	uint64_t mask;
	int64_t v[PROT_MAX];
	int n;
};

/* A line of the previous parse: its first 32 bytes; want: the bits of its prefix (up to its value) in a
 * 32-byte compare, line: those of the whole line and its '\n' when it is a number's line that short (0:
 * not kept), value: that number (a protection line's: 1 + its place in zi_layout.prot, 0: none).  The line
 * after it starts size bytes after it (0: more than 255). */
struct zi_seen {
	char bytes[32];
	uint32_t want, line;
	uint64_t value;
	unsigned char kind, len, size;
};

#define ZI_SEEN_MAX 131072      /* lines remembered (8 nodes x 4 zones x 1024 CPUs: all, in 5 MB per zoneinfo) */

void proc_zoneinfo_fast_free(struct zi_layout *lay)
{
	if (lay) {
		free(lay->seen);
		free(lay->prot);
	}
	free(lay);
}

/* k followed prev */
static inline void follows(struct zi_layout *lay, int prev, int k)
{
	if (lay->k[prev].next != k) {
		lay->k[prev].next2 = lay->k[prev].next;
		lay->k[prev].next = (unsigned char)k;
	}
}

ZI_INLINE void zone_u64(struct zone *z, int k, uint64_t u)
{
	memcpy((char *)z + zi_field[k].off, &u, sizeof u);
	z->have |= zi_field[k].bit;
}

/* a pageset entry's field and the format it implies: 2 for high_min, else 1 if none yet */
ZI_INLINE void pcp_i64(struct zi_state *st, int k, int64_t i)
{
	memcpy((char *)st->pcp + zi_field[k].off, &i, sizeof i);
	if (k == K_HIGH_MIN)
		st->zi->pcp_format = 2;
	else if (st->zi->pcp_format == 0)
		st->zi->pcp_format = 1;
}

/* "start_pfn: 4096", "node_unreclaimable: 0", "vm stats threshold: 24" as colon_line and the general path
 * store them */
static void zone_tail(struct zone *z, int k, int64_t i)
{
	switch (k) {
	case K_THRESHOLD:
		z->threshold = i;
		z->have |= ZONE_HAVE_THRESHOLD;
		break;
	case K_START_PFN:
		z->start_pfn = i < 0 ? 0 : (uint64_t)i;
		z->have |= ZONE_HAVE_START_PFN;
		break;
	default: /* K_UNRECLAIMABLE */
		z->node_unreclaimable = (int)(i != 0);
		z->have |= ZONE_HAVE_NODE_UNRECLAIMABLE;
		break;
	}
}

/* Counters (nr_*, numa_*, workingset_*, pg*) are most of the lines, and no other line starts so: in
 * skip-counters mode, whatever their length and form, the general path does nothing with them.  Returns
 * the counter's kind and in *v the end of what makes it one, or K_NONE. */
static inline int counter_kind(const char *s, const char *end, const char **v)
{
	size_t n = (size_t)(end - s);

	switch (s[0]) {
	case 'n':
		if (n >= 3 && s[1] == 'r' && s[2] == '_')
			return *v = s + 3, K_NR;
		if (n >= 5 && memcmp(s, "numa_", 5) == 0)
			return *v = s + 5, K_NUMA;
		return K_NONE;
	case 'p':
		if (n >= 2 && s[1] == 'g')
			return *v = s + 2, K_PG;
		return K_NONE;
	case 'w':
		if (n >= 11 && memcmp(s, "workingset_", 11) == 0)
			return *v = s + 11, K_WS;
		return K_NONE;
	default:
		return K_NONE;
	}
}

/* The keys of the lines -z and -b use, in the order the dispatch tries them (word: a blank follows the
 * key; else the key ends in its colon) */
static const struct {
	const char *key;
	unsigned char len, kind, word;
} zi_keys[] = {
	{ "count:", 6, K_COUNT, 0 }, { "cpu:", 4, K_CPU, 0 }, { "cma", 3, K_CMA, 1 },
	{ "high:", 5, K_PHIGH, 0 }, { "high_min:", 9, K_HIGH_MIN, 0 }, { "high_max:", 9, K_HIGH_MAX, 0 },
	{ "high", 4, K_HIGH, 1 }, { "batch:", 6, K_BATCH, 0 }, { "boost", 5, K_BOOST, 1 },
	{ "vm stats threshold:", 19, K_THRESHOLD, 0 }, { "min", 3, K_MIN, 1 }, { "managed", 7, K_MANAGED, 1 },
	{ "low", 3, K_LOW, 1 }, { "protection:", 11, K_PROTECTION, 0 }, { "pages", 5, K_FREE, 1 },
	{ "pagesets", 8, K_PAGESETS, 0 }, { "promo", 5, K_PROMO, 1 }, { "present", 7, K_PRESENT, 1 },
	{ "spanned", 7, K_SPANNED, 1 }, { "start_pfn:", 10, K_START_PFN, 0 },
	{ "node_unreclaimable:", 19, K_UNRECLAIMABLE, 0 },
};

/* The kind of a line the general path would send to one of the fields here, by its whole key (s: the
 * key, inside a zone; eol: its line's end), and in *v where the key ends; K_NONE for a line in any other
 * form (another key, "min:", a key ending in '\r'...), left to the general path.  A key matched before eol
 * lies within its line (no key holds a '\n'). */
/* where the keys of a first character start in zi_keys, plus one (0: none) */
static const unsigned char zi_key_first[128] = {
	['c'] = 1, ['h'] = 4, ['b'] = 8, ['v'] = 10, ['m'] = 11, ['l'] = 13, ['p'] = 14, ['s'] = 19, ['n'] = 21,
};

static int kind_of(const char *s, const char *eol, const char **v)
{
	unsigned char c = (unsigned char)s[0];

	if (c >= 128 || zi_key_first[c] == 0)
		return K_NONE;
	for (size_t i = zi_key_first[c] - 1U; i < ZS_ARRAY_LEN(zi_keys) && zi_keys[i].key[0] == s[0]; i++) {
		size_t n = zi_keys[i].len;

		if (eol - s < (ptrdiff_t)n + zi_keys[i].word || memcmp(s, zi_keys[i].key, n) != 0)
			continue;
		if (zi_keys[i].word && s[n] != ' ' && s[n] != '\t')
			continue;
		/* "pagesets" alone, or followed by a space, as word_line takes it */
		if (zi_keys[i].kind == K_PAGESETS && s + n != eol && s[n] != ' ')
			continue;
		*v = s + n;
		return zi_keys[i].kind;
	}
	return K_NONE;
}

/* A line of kind k as the general path takes it (v: where its key ends; eol: its end); a number's digits
 * and blanks never pass a '\n' */
static void take(struct zi_state *st, int k, const char *v, const char *eol)
{
	struct zone *z = st->z;
	uint64_t u;
	int64_t i;

	if (IS_ZONE_U64(k) && k != K_FREE) {
		if (zi_u64(&v, st->end, &u))
			zone_u64(z, k, u);
	} else if (IS_PCP(k)) {
		if (st->pcp && zi_i64(&v, st->end, &i))
			pcp_i64(st, k, i);
	} else if (k == K_THRESHOLD || k == K_START_PFN || k == K_UNRECLAIMABLE) {
		if (zi_i64(&v, st->end, &i))
			zone_tail(z, k, i);
	} else if (k == K_FREE) {
		/* "pages free     3840", as word_line has it */
		v = zi_blanks(v, eol);
		if (eol - v >= 4 && memcmp(v, "free", 4) == 0 && (v += 4, zi_u64(&v, st->end, &u)))
			z->free = u;
		st->mode = ZI_ZONE;
	} else if (k == K_CPU) {
		proc_zoneinfo_cpu(st, v, eol);
	} else if (k == K_PROTECTION) {
		proc_zoneinfo_protection(z, v, eol, st->end);
	} else { /* K_PAGESETS */
		st->mode = ZI_PAGESETS;
		st->pcp = NULL;
	}
}

/* The '\n' at or after p (or end), at least 32 bytes before end */
ZI_INLINE const char *zi_eol32(const char *p, const char *end)
{
#if defined(__SSE2__)
	__m128i nl = _mm_set1_epi8('\n');
	unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), nl)) |
		     (unsigned)_mm_movemask_epi8(
			     _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16)), nl)) << 16;

	return m ? p + __builtin_ctz(m) : zi_eol(p + 32, end);
#else
	return zi_eol(p, end);
#endif
}

/* The line at p, at least 32 bytes before end: s its first byte that is no blank, eol its '\n' (or end),
 * as zi_blanks and zi_eol find them (no '\n' lies before s: blanks stop at one) */
ZI_INLINE void zi_line(const char *p, const char *end, const char **sp, const char **eolp)
{
	*sp = zi_blanks(p, end);
	*eolp = zi_eol32(p, end);
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Does s (20 bytes readable) start as counter_kind takes a counter ("nr_", "numa_", "pg", "workingset_")?
 * In word compares: "nr_" the most common, then the others by their first four bytes */
static inline bool counter_key(const char *s)
{
	uint32_t key;
	uint64_t rest;

	memcpy(&key, s, 4);
	if ((key & 0xffffff) == 0x5f726e) /* "nr_" */
		return true;
	if ((key & 0xffff) == 0x6770) /* "pg" */
		return true;
	if (key == 0x616d756e) /* "numa" */
		return s[4] == '_';
	if (key != 0x6b726f77) /* "work" */
		return false;
	memcpy(&rest, s + 3, 8);
	return rest == 0x5f746573676e696bULL; /* "kingset_" */
}
#endif

/* The counter lines after one indented ind spaces (ind < 8) that have the same indentation, from p: such
 * a line costs a word compare, its key's first bytes and the '\n' search.  Returns the first other line. */
static const char *counter_run(const char *p, const char *end, size_t ind)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t mask = ind ? ~0ULL >> (64 - 8 * ind) : 0, blanks = 0x2020202020202020ULL & mask;

	while (end - p >= 32) {
		uint64_t w;

		memcpy(&w, p, 8);
		/* ind spaces, then a counter's key (no blank): zi_blanks would stop at it */
		if ((w & mask) != blanks || !counter_key(p + ind))
			break;
		p = zi_eol32(p, end) + 1;
	}
#else
	(void)end;
	(void)ind;
#endif
	return p;
}

/* Remember the line at p (s: its key, v: where its key ends; 32 bytes readable) as kind k's prefix: up to
 * where the general path's blank scan after the key stops, which must be a digit for a number's kinds */
static void learn(struct zi_layout *lay, int k, const char *p, const char *v, const char *end)
{
	if (k != K_PAGESETS) {
		v = zi_blanks(v, end);
		if (k == K_FREE) {
			if (end - v < 4 || memcmp(v, "free", 4) != 0)
				return;
			v = zi_blanks(v + 4, end);
		}
		if (k != K_PROTECTION && (unsigned)(*v - '0') > 9)
			return;
	}
	if (v - p > 32)
		return;
	memcpy(lay->k[k].prefix, p, 32);
	lay->k[k].len = (unsigned char)(v - p);
	lay->k[k].want = v - p == 32 ? 0xffffffffu : (1u << (v - p)) - 1;
}

/* Does the line at p (32 bytes readable) start with kind k's prefix? */
ZI_INLINE bool zi_predicted(const struct zi_layout *lay, int k, const char *p)
{
	uint32_t want = lay->k[k].want;
#if defined(__SSE2__)
	const __m128i *a = (const __m128i *)(const void *)p, *b = (const __m128i *)(const void *)lay->k[k].prefix;
	uint32_t eq = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(a), _mm_loadu_si128(b))) |
		      (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(a + 1), _mm_loadu_si128(b + 1))) << 16;

	return want && (eq & want) == want;
#else
	return want && memcmp(p, lay->k[k].prefix, lay->k[k].len) == 0;
#endif
}

/* The stores of a number's kind k for the value u ("cpu: N" with nothing after it for K_CPU) */
ZI_INLINE void put_value(struct zi_state *st, int k, uint64_t u)
{
	if (IS_ZONE_U64(k)) {
		zone_u64(st->z, k, u);
	} else if (IS_PCP(k)) {
		if (st->pcp)
			pcp_i64(st, k, sat_of_u64(u));
	} else if (k != K_CPU) {
		zone_tail(st->z, k, sat_of_u64(u));
	} else {
		/* what proc_zoneinfo_cpu does then */
		st->pcp = proc_zoneinfo_pcp_new(st->z, (int)u);
		st->mode = ZI_PAGESETS;
	}
}

/* A line of kind k whose start equals its prefix (v: the prefix's end), as take does it; returns its
 * end, or NULL (nothing done) when v is not what the fast way reads (a number's kind without a digit).
 * *keep: the line is its prefix, a number (*value) and its '\n', and the line's value follows from that */
ZI_INLINE const char *take_predicted(struct zi_state *st, int k, const char *v, uint64_t *value, bool *keep)
{
	const char *end = st->end, *eol;
	struct zi_num r;

	*keep = false;
	if (k == K_PROTECTION) {
		eol = zi_eol(v, end);
		proc_zoneinfo_protection(st->z, v, eol, end);
		return eol;
	}
	if (k == K_PAGESETS) {
		if (*v != '\n')
			return NULL;
		st->mode = ZI_PAGESETS;
		st->pcp = NULL;
		return v;
	}
	if ((unsigned)(*v - '0') > 9)
		return NULL;
	r = zi_digits(v, end);
	eol = *r.end == '\n' ? r.end : zi_eol(r.end, end);
	if (k == K_CPU && (r.end != eol || r.v > INT_MAX)) {
		proc_zoneinfo_cpu(st, v, eol);
		return eol;
	}
	put_value(st, k, r.v);
	*value = r.v;
	*keep = *r.end == '\n';
	return eol;
}

/* A protection line of up to 64 bytes (64 readable), as it was parsed into z, for e */
static void remember_protection(struct zi_layout *lay, struct zi_seen *e, const struct zone *z, const char *p,
				size_t size)
{
	struct zi_prot *q;

	if (e->value == 0) {
		if (lay->nprot == lay->prot_cap) {
			size_t cap = (size_t)lay->prot_cap;

			xgrow((void **)&lay->prot, &cap, (size_t)lay->nprot + 1, sizeof *lay->prot);
			lay->prot_cap = (int)cap;
		}
		e->value = (uint64_t)++lay->nprot;
	}
	q = &lay->prot[e->value - 1];
	memcpy(q->bytes, p, 64);
	q->mask = size == 64 ? ~0ULL : (1ULL << size) - 1;
	q->n = z->nprotection;
	memcpy(q->v, z->protection, (size_t)z->nprotection * sizeof *q->v);
}

/* The fast path's n-th line (n < ZI_SEEN_MAX), at p, of kind k, for the next parse (z: its zone) */
static void remember(struct zi_layout *lay, int n, int k, const char *p, const char *eol, uint64_t value,
		     bool keep, const struct zone *z, const char *end)
{
	struct zi_seen *e;
	uint64_t slot = 0;

	if (n >= lay->seen_cap) {
		size_t cap = (size_t)lay->seen_cap;

		xgrow((void **)&lay->seen, &cap, (size_t)n + 1, sizeof *lay->seen);
		lay->seen_cap = (int)cap;
	}
	if (n >= lay->nseen) {
		lay->nseen = n + 1;
		lay->seen[n].kind = K_NONE;
	}
	e = &lay->seen[n];
	/* a protection line keeps its slot */
	if (e->kind == K_PROTECTION)
		slot = e->value;
	memcpy(e->bytes, p, 32);
	e->kind = (unsigned char)k;
	/* the prefix of its kind, which the line was just found to have (or not: then only the kind's) */
	e->want = zi_predicted(lay, k, p) ? lay->k[k].want : 0;
	e->len = lay->k[k].len;
	e->size = (unsigned char)(eol - p + 1 <= 255 ? eol - p + 1 : 0);
	e->line = keep && e->want && e->size && e->size <= 32 ? (e->size == 32 ? 0xffffffffu : (1u << e->size) - 1)
							       : 0;
	e->value = value;
	if (k == K_PROTECTION) {
		e->value = slot;
		if (*eol == '\n' && eol - p < 64 && end - p >= 64)
			remember_protection(lay, e, z, p, (size_t)(eol - p + 1));
		else
			e->value = 0;
	}
}

/* The bits of the 32 bytes at p that equal b's */
ZI_INLINE uint32_t zi_eq32(const char *p, const char *b)
{
#if defined(__SSE2__)
	const __m128i *x = (const __m128i *)(const void *)p, *y = (const __m128i *)(const void *)b;

	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(x), _mm_loadu_si128(y))) |
	       (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(x + 1), _mm_loadu_si128(y + 1))) << 16;
#else
	uint32_t m = 0;

	for (int i = 0; i < 32; i++)
		m |= (uint32_t)(p[i] == b[i]) << i;
	return m;
#endif
}

/* The lines from p on that equal the ones at their places in the previous parse up to their '\n' (while
 * 32 bytes remain): their values again, the stores as take_predicted does them.  Returns the first other
 * line; *prev: the kind of the last line taken.  In locals: the stores may alias any of st's fields. */
static const char *same_lines(struct zi_state *st, const struct zi_layout *lay, const char *p, int *prev)
{
	const char *end = st->end;
	const struct zi_seen *e = lay->seen + st->fast_lines, *e_end = lay->seen + lay->nseen;
	int k = *prev;

	while (e < e_end && end - p >= 32 && e->line && (zi_eq32(p, e->bytes) & e->line) == e->line) {
		put_value(st, e->kind, e->value);
		k = e->kind;
		p += e->size;
		e++;
	}
	st->fast_lines = (int)(e - lay->seen);
	*prev = k;
	return p;
}

/* The lines from p on while the fast path takes them and 32 bytes remain.  A line equal to the one at its
 * place in the previous parse, up to its '\n', has that line's value; one equal up to its value has its
 * value read from there; else its kind's prefix is tried, then the key dispatch. */
const char *proc_zoneinfo_fast_lines(struct zi_state *st, const char *p)
{
	const char *end = st->end;
	struct zi_layout *lay = st->zi->layout;
	int prev = K_NONE;

	/* kept with the parse's arrays: the next parse of the same file starts with what this one learnt */
	if (!lay)
		lay = st->zi->layout = xcalloc(1, sizeof *lay);
	while (end - p >= 32) {
		const char *s, *eol, *v;
		uint64_t value = 0;
		bool keep = false;
		int k;

		if (st->fast_lines < lay->nseen) {
			const struct zi_seen *e;
			uint32_t eq;
			const char *next = same_lines(st, lay, p, &prev);

			if (next != p) {
				p = next;
				continue;
			}
			e = &lay->seen[st->fast_lines];
			eq = zi_eq32(p, e->bytes);
			if (e->kind == K_PROTECTION && e->value && end - p >= 64) {
				/* the same protection line: the same entries */
				const struct zi_prot *q = &lay->prot[e->value - 1];

				if ((((uint64_t)zi_eq32(p + 32, q->bytes + 32) << 32 | eq) & q->mask) == q->mask) {
					memcpy(st->z->protection, q->v, (size_t)q->n * sizeof *q->v);
					st->z->nprotection = q->n;
					st->z->have |= ZONE_HAVE_PROTECTION;
					st->fast_lines++;
					prev = K_PROTECTION;
					p += e->size;
					continue;
				}
			}
			k = e->kind;
			if (e->want && (eq & e->want) == e->want &&
			    (eol = take_predicted(st, k, p + e->len, &value, &keep)) != NULL)
				goto taken;
		}
		/* "Node 0, zone Normal": the general path's (no line the fast path takes starts with 'N') */
		if (*p == 'N')
			return p;
		k = lay->k[prev].next;
		if (!zi_predicted(lay, k, p) && !zi_predicted(lay, k = lay->k[prev].next2, p))
			k = K_NONE;
		if (k != K_NONE && (eol = take_predicted(st, k, p + lay->k[k].len, &value, &keep)) != NULL)
			goto taken;
		zi_line(p, end, &s, &eol);
		if ((k = counter_kind(s, end, &v)) != K_NONE) {
			size_t ind = (size_t)(s - p);

			/* and the counters after it with its indentation: no prediction is cheaper */
			p = eol + 1;
			if (ind < 8)
				p = counter_run(p, end, ind);
			if (k != prev)
				follows(lay, prev, k);
			prev = k;
			continue;
		}
		if ((k = kind_of(s, eol, &v)) == K_NONE)
			return p;
		take(st, k, v, eol);
		learn(lay, k, p, v, end);
		keep = false;
taken:
		if (st->fast_lines < ZI_SEEN_MAX)
			remember(lay, st->fast_lines, k, p, eol, value, keep, st->z, end);
		st->fast_lines++;
		if (k != prev)
			follows(lay, prev, k);
		prev = k;
		p = eol + 1;
	}
	return p;
}
