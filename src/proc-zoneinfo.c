/* proc-zoneinfo.c — /proc/zoneinfo of every kernel from 2.6.x to 6.18+, by field name.
 *
 * One pass over the lines; each line is classified by its first word (and whether a colon follows it),
 * never by its position or indentation, because the kernel moved lines around and changed indents
 * over the years (kernel-mm-formulas.md §5.1).  The zone, node, protection and pageset arrays of a
 * previous parse are reused, so a steady-state re-parse allocates nothing. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define PROT_MAX 16   /* protection entries kept per zone (MAX_NR_ZONES is at most 6 today) */

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
 * possible, so none is checked); 19 digits or more go to them, so every result is the same as theirs.
 * zi_digits: s at a digit; lim: the text's end (readable).  Up to 7 digits come from one 8-byte word
 * (little-endian GNU C): its bytes less '0' are 0..9 for digits, the first other byte ends the number,
 * and three multiply-add steps combine the digits pairwise. */
ZI_INLINE bool zi_digits(const char **sp, const char *s, const char *lim, uint64_t *out)
{
	uint64_t v = 0;
	int n;

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (lim - s >= 8) {
		uint64_t x, nd;

		memcpy(&x, s, 8);
		x ^= 0x3030303030303030ULL;
		/* a high nibble, or 10..15 (+6 carries into the high nibble); a carry out of a byte only
		 * changes the bytes after it, which lie after the number's end */
		nd = (x | (x + 0x0606060606060606ULL)) & 0xf0f0f0f0f0f0f0f0ULL;
		if (nd) {
			n = __builtin_ctzll(nd) >> 3;
			if (n == 1) {
				v = x & 0xff;
			} else {
				x <<= 64 - 8 * n; /* the digits in the top bytes, zeros before them */
				x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffULL;
				x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffULL;
				v = (x * 10000 + (x >> 32)) & 0xffffffffULL;
			}
			*out = v;
			*sp = s + n;
			return true;
		}
	}
#else
	(void)lim;
#endif
	for (n = 0; (unsigned)(s[n] - '0') <= 9; n++) {
		if (n == 18)
			return zs_parse_u64(sp, out);
		v = v * 10 + (unsigned)(s[n] - '0');
	}
	*out = v;
	*sp = s + n;
	return true;
}

ZI_INLINE bool zi_u64(const char **sp, const char *lim, uint64_t *out)
{
	const char *s = zi_blanks(*sp, lim);

	return (unsigned)(*s - '0') <= 9 && zi_digits(sp, s, lim, out);
}

/* s after its blanks */
ZI_INLINE bool zi_i64_at(const char **sp, const char *s, const char *lim, int64_t *out)
{
	uint64_t u;
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
	if (!zi_digits(&s, s, lim, &u))
		return false;
	if (u > (uint64_t)INT64_MAX) /* only from zs_parse_u64's long numbers */
		return zs_parse_i64(sp, out);
	*out = neg ? -(int64_t)u : (int64_t)u;
	*sp = s;
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
};

static void zone_reset(struct zone *z)
{
	struct kvset items = z->items;
	int64_t *prot = z->protection;
	struct zone_pcp *pcp = z->pcp;
	int cap = z->pcp_cap;

	memset(z, 0, sizeof *z);
	z->items = items;
	kv_clear(&z->items);
	z->protection = prot;
	z->pcp = pcp;
	z->pcp_cap = cap;
	z->threshold = -1;
	z->prev_priority = -1;
}

static struct node *node_get(struct proc_zoneinfo *zi, int id)
{
	struct node *n;

	for (int i = zi->nnodes - 1; i >= 0; i--)
		if (zi->node[i].id == id)
			return &zi->node[i];
	if (zi->nnodes == zi->node_cap) {
		size_t cap = (size_t)zi->node_cap;

		xgrow((void **)&zi->node, &cap, (size_t)zi->nnodes + 1, sizeof *zi->node);
		for (size_t i = (size_t)zi->node_cap; i < cap; i++)
			kv_init(&zi->node[i].stats);
		zi->node_cap = (int)cap;
	}
	n = &zi->node[zi->nnodes++];
	n->id = id;
	n->have_stats = false;
	kv_clear(&n->stats);
	return n;
}

static struct zone *zone_new(struct proc_zoneinfo *zi)
{
	struct zone *z;

	if (zi->nzones == zi->zone_cap) {
		size_t cap = (size_t)zi->zone_cap;

		xgrow((void **)&zi->zone, &cap, (size_t)zi->nzones + 1, sizeof *zi->zone);
		memset(&zi->zone[zi->zone_cap], 0, (cap - (size_t)zi->zone_cap) * sizeof *zi->zone);
		for (size_t i = (size_t)zi->zone_cap; i < cap; i++) {
			kv_init(&zi->zone[i].items);
			zi->zone[i].protection = xcalloc(PROT_MAX, sizeof(int64_t));
		}
		zi->zone_cap = (int)cap;
	}
	z = &zi->zone[zi->nzones++];
	zone_reset(z);
	return z;
}

/* The number of the line at p (only for error messages: counting as the parse goes costs every line) */
static size_t line_number(const char *text, const char *p)
{
	size_t n = 1;

	for (const char *q = text; (q = memchr(q, '\n', (size_t)(p - q))) != NULL; q++)
		n++;
	return n;
}

/* "Node 0, zone   Normal" (the word "Node" already matched at s). */
static int start_zone(struct zi_state *st, const char *s, const char *eol, struct zs_err *e)
{
	struct proc_zoneinfo *zi = st->zi;
	uint64_t id;
	struct zone *z;
	const char *name;
	size_t nlen;
	int idx;

	s += 4;
	if (!zs_parse_u64(&s, &id) || s > eol || id > INT_MAX) {
		zs_err_set(e, 0, "zoneinfo: line %zu: bad node number", line_number(st->text, st->line));
		return -1;
	}
	if (*s == ',')
		s++;
	s = zs_skip_blanks(s);
	if (eol - s < 4 || memcmp(s, "zone", 4) != 0) {
		zs_err_set(e, 0, "zoneinfo: line %zu: 'zone NAME' expected after 'Node %d,'", line_number(st->text, st->line),
			   (int)id);
		return -1;
	}
	name = zs_skip_blanks(s + 4);
	nlen = (size_t)(eol - name);
	while (nlen > 0 && (name[nlen - 1] == ' ' || name[nlen - 1] == '\r' || name[nlen - 1] == '\t'))
		nlen--;
	if (nlen == 0 || name > eol) {
		zs_err_set(e, 0, "zoneinfo: line %zu: zone without a name", line_number(st->text, st->line));
		return -1;
	}
	if (nlen > sizeof z->name - 1)
		nlen = sizeof z->name - 1;
	/* a zone seen twice in one node means two files were glued together or the text is corrupt (the
	 * node's zones need not be next to each other in a corrupt text: look at all of them) */
	idx = 0;
	for (int i = 0; i < zi->nzones; i++) {
		if (zi->zone[i].node != (int)id)
			continue;
		/* name has no NUL (the text ends at its first): the same as strlen() == nlen */
		if (zi->zone[i].name[nlen] == '\0' && memcmp(zi->zone[i].name, name, nlen) == 0) {
			zs_err_set(e, 0, "zoneinfo: line %zu: zone %.*s of node %d appears twice", line_number(st->text, st->line),
				   (int)nlen, name, (int)id);
			return -1;
		}
		idx++;
	}
	st->n = node_get(zi, (int)id);
	z = zone_new(zi);
	z->node = (int)id;
	memcpy(z->name, name, nlen);
	z->name[nlen] = '\0';
	z->idx = idx;
	st->z = z;
	st->pcp = NULL;
	st->mode = ZI_ZONE;
	return 0;
}

/* "protection: (0, 3019, 4043, 4043, 4043)" (end: the text's end) */
static void parse_protection(struct zone *z, const char *s, const char *eol, const char *end)
{
	int n = 0;

	s = zi_blanks(s, end);
	if (*s == '(')
		s++;
	while (s < eol) {
		const char *q = s;
		int64_t v;

		/* the blanks between values are one space or none: zi_blanks for anything else */
		while (*q == ' ')
			q++;
		if (*q == '\t')
			q = zi_blanks(q, end);
		if (!zi_i64_at(&s, q, end, &v))
			break;
		if (n < PROT_MAX)
			z->protection[n++] = v;
		while (*s == ' ')
			s++;
		if (*s == '\t')
			s = zi_blanks(s, end);
		if (*s != ',')
			break;
		s++;
	}
	z->nprotection = n;
	z->have |= ZONE_HAVE_PROTECTION;
}

static struct zone_pcp *pcp_new(struct zone *z, int cpu)
{
	struct zone_pcp *p;

	if (z->npcp == z->pcp_cap) {
		size_t cap = (size_t)z->pcp_cap;

		xgrow((void **)&z->pcp, &cap, (size_t)z->npcp + 1, sizeof *z->pcp);
		z->pcp_cap = (int)cap;
	}
	p = &z->pcp[z->npcp++];
	p->cpu = cpu;
	p->count = p->high = p->batch = 0;
	p->high_min = p->high_max = -1;
	return p;
}

enum pcp_field { PCP_COUNT, PCP_HIGH, PCP_BATCH, PCP_HIGH_MIN, PCP_HIGH_MAX };

/* "count: 5" and the like, in the current pageset entry (st->pcp not NULL) */
static inline void pcp_store(struct zi_state *st, enum pcp_field f, int64_t i)
{
	switch (f) {
	case PCP_COUNT:
		st->pcp->count = i;
		break;
	case PCP_HIGH:
		st->pcp->high = i;
		break;
	case PCP_BATCH:
		st->pcp->batch = i;
		break;
	case PCP_HIGH_MIN:
		st->pcp->high_min = i;
		st->zi->pcp_format = 2;
		break;
	case PCP_HIGH_MAX:
		st->pcp->high_max = i;
		break;
	}
	if (st->zi->pcp_format == 0)
		st->zi->pcp_format = 1;
}

static void pcp_set(struct zi_state *st, enum pcp_field f, const char *v, const char *eol)
{
	int64_t i;

	if (zi_i64(&v, st->end, &i) && v <= eol)
		pcp_store(st, f, i);
}

#define KEY(lit) (klen == sizeof(lit) - 1 && memcmp(k, lit, sizeof(lit) - 1) == 0)

/* "cpu: 3" (2.6.32+) or "cpu: 3 pcp: 1" (hot/cold lists before 2.6.25: keep the hot one); v after the colon */
static void cpu_line(struct zi_state *st, const char *v, const char *eol)
{
	const char *p;
	int64_t i;
	uint64_t u;

	st->pcp = NULL;
	if (!zi_i64(&v, st->end, &i) || v > eol || i < 0 || i > INT_MAX)
		return;
	p = zs_skip_blanks(v);
	if (eol - p >= 4 && memcmp(p, "pcp:", 4) == 0) {
		const char *q = p + 4;

		if (zs_parse_u64(&q, &u) && u != 0)
			return;
	}
	st->pcp = pcp_new(st->z, (int)i);
	st->mode = ZI_PAGESETS;
}

/* Lines ending in a colon-terminated key: pagesets and the tail of a zone. */
static void colon_line(struct zi_state *st, const char *k, size_t klen, const char *v, const char *eol)
{
	struct zone *z = st->z;
	int64_t i;
	uint64_t u;

	if (KEY("cpu")) {
		cpu_line(st, v, eol);
		return;
	}
	if (KEY("count") || KEY("high") || KEY("batch") || KEY("high_min") || KEY("high_max")) {
		if (st->pcp)
			pcp_set(st, k[0] == 'c' ? PCP_COUNT : k[0] == 'b' ? PCP_BATCH : klen == 4 ? PCP_HIGH
							 : k[6] == 'i' ? PCP_HIGH_MIN : PCP_HIGH_MAX, v, eol);
		return;
	}
	if (KEY("protection")) {
		parse_protection(z, v, eol, st->end);
		return;
	}
	if (!zi_i64(&v, st->end, &i) || v > eol)
		return;
	u = i < 0 ? 0 : (uint64_t)i;
	if (KEY("start_pfn")) {
		z->start_pfn = u;
		z->have |= ZONE_HAVE_START_PFN;
	} else if (KEY("node_unreclaimable")) {
		z->node_unreclaimable = (int)(i != 0);
		z->have |= ZONE_HAVE_NODE_UNRECLAIMABLE;
	} else if (KEY("all_unreclaimable")) {
		z->all_unreclaimable = (int)(i != 0);
		z->have |= ZONE_HAVE_ALL_UNRECLAIMABLE;
	} else if (KEY("prev_priority")) {
		z->prev_priority = i;
		z->have |= ZONE_HAVE_PREV_PRIORITY;
	} else if (KEY("inactive_ratio") || KEY("node_inactive_ratio")) {
		z->inactive_ratio = u;
		z->have |= ZONE_HAVE_INACTIVE_RATIO;
	} else if (KEY("reserved_highatomic")) {
		z->reserved_highatomic = u;
		z->have |= ZONE_HAVE_HIGHATOMIC;
	} else if (KEY("free_highatomic")) {
		z->free_highatomic = u;
		z->have |= ZONE_HAVE_HIGHATOMIC;
	}
}

/* A header field of a zone ("min 37"): k is one of the keys word_line sends to its label header */
static void header_set(struct zone *z, const char *k, uint64_t u)
{
	switch (k[0]) {
	case 'm':
		if (k[1] == 'i') {
			z->min = u;
		} else {
			z->managed = u;
			z->have |= ZONE_HAVE_MANAGED;
		}
		break;
	case 'l':
		z->low = u;
		break;
	case 'h':
		z->high = u;
		break;
	case 'c':
		z->cma = u;
		z->have |= ZONE_HAVE_CMA;
		break;
	case 'b':
		z->boost = u;
		z->have |= ZONE_HAVE_BOOST;
		break;
	case 'p':
		if (k[1] == 'r' && k[2] == 'o') {
			z->promo = u;
			z->have |= ZONE_HAVE_PROMO;
		} else {
			z->present = u;
			z->have |= ZONE_HAVE_PRESENT;
		}
		break;
	case 's':
		if (k[1] == 'p') {
			z->spanned = u;
			z->have |= ZONE_HAVE_SPANNED;
		} else {
			z->scanned = u;
			z->have |= ZONE_HAVE_SCANNED;
		}
		break;
	case 'n':
		z->scanned = u;
		z->have |= ZONE_HAVE_NODE_SCANNED;
		break;
	default:
		break;
	}
}

/* Lines "word value": header fields of a zone, or a counter of the node or of the zone. */
static void word_line(struct zi_state *st, const char *k, size_t klen, const char *v, const char *eol)
{
	struct zone *z = st->z;
	uint64_t u;
	int64_t i;
	const char *p = v;

	switch (klen) {
	case 3:
		if (KEY("min") || KEY("low") || KEY("cma"))
			goto header;
		break;
	case 4:
		if (KEY("high"))
			goto header;
		break;
	case 5:
		if (KEY("boost") || KEY("promo"))
			goto header;
		if (KEY("pages")) {
			/* "pages free     3840" */
			p = zs_skip_blanks(v);
			if (eol - p >= 4 && memcmp(p, "free", 4) == 0 && zi_u64((p += 4, &p), st->end, &u) &&
			    p <= eol)
				z->free = u;
			st->mode = ZI_ZONE;
			return;
		}
		break;
	case 7:
		if (KEY("spanned") || KEY("present") || KEY("managed") || KEY("scanned"))
			goto header;
		break;
	case 8:
		if (KEY("pagesets")) {
			st->mode = ZI_PAGESETS;
			st->pcp = NULL;
			return;
		}
		if (KEY("per-node")) {
			st->mode = ZI_NODE_STATS;
			st->n->have_stats = true;
			return;
		}
		break;
	case 12:
		if (KEY("node_scanned"))
			goto header;
		break;
	default:
		break;
	}
	/* a counter: "nr_free_pages 3840" */
	if (st->zi->skip_counters)
		return;
	if (!zi_i64(&p, st->end, &i) || p > eol)
		return;
	if (st->mode == ZI_NODE_STATS)
		kv_put(&st->n->stats, k, klen, i);
	else
		kv_put(&z->items, k, klen, i);
	return;

header:
	if (!zi_u64(&p, st->end, &u) || p > eol)
		return;
	header_set(z, k, u);
}

/* One table lookup per character instead of four comparisons (the line loop is the parser's cost) */
#define ZC_KEY_END 1
static const unsigned char zi_class[256] = {
	[' '] = ZC_KEY_END, ['\t'] = ZC_KEY_END, [':'] = ZC_KEY_END, ['\r'] = ZC_KEY_END,
};

/* Counters (nr_*, numa_*, workingset_*, pg*) are most of the lines, and no other line starts so: in
 * skip-counters mode, whatever their length and form, the general path does nothing with them. */
static inline bool is_counter(const char *s, const char *end)
{
	size_t n = (size_t)(end - s);

	switch (s[0]) {
	case 'n':
		return (n >= 3 && s[1] == 'r' && s[2] == '_') || (n >= 5 && memcmp(s, "numa_", 5) == 0);
	case 'p':
		return n >= 2 && s[1] == 'g';
	case 'w':
		return n >= 11 && memcmp(s, "workingset_", 11) == 0;
	default:
		return false;
	}
}

/* The lines -z and -b use, by their first character and then their whole key, straight to the field the
 * general path below would set from them (s: the key, inside a zone; eol: its line's end): the key scan,
 * the chains of key comparisons and the calls are most of a line's cost.  A line in any other form (another
 * key, "min:", a key ending in '\r'...) returns false and takes the general path; the unit test
 * test-analysis-zones and the fuzz harness prove both paths give the same fields on every capture, also
 * altered line by line.  A key matched before eol lies within its line (no key holds a '\n'), and a
 * number's digits and blanks never pass a '\n'. */
#define WORD(lit) (eol - s > (ptrdiff_t)sizeof(lit) - 1 && memcmp(s, lit, sizeof(lit) - 1) == 0 && \
		   (s[sizeof(lit) - 1] == ' ' || s[sizeof(lit) - 1] == '\t'))
#define COLON(lit) (eol - s >= (ptrdiff_t)sizeof(lit) - 1 && memcmp(s, lit, sizeof(lit) - 1) == 0)
#define HEADER(lit, field, bit)                                                         \
	if (WORD(lit)) {                                                                \
		header_value(st, s + sizeof(lit) - 1, &st->z->field, bit);              \
		return true;                                                            \
	}
#define PCP(lit, field, format)                                                         \
	if (COLON(lit)) {                                                               \
		if (st->pcp)                                                            \
			pcp_value(st, s + sizeof(lit) - 1, &st->pcp->field, format);    \
		return true;                                                            \
	}

ZI_INLINE void header_value(struct zi_state *st, const char *v, uint64_t *field, unsigned bit)
{
	uint64_t u;

	if (zi_u64(&v, st->end, &u)) {
		*field = u;
		st->z->have |= bit;
	}
}

/* what pcp_store does: format 2 for high_min, else 1 if none yet */
ZI_INLINE void pcp_value(struct zi_state *st, const char *v, int64_t *field, int format)
{
	int64_t i;

	if (zi_i64(&v, st->end, &i)) {
		*field = i;
		if (format == 2)
			st->zi->pcp_format = 2;
		else if (st->zi->pcp_format == 0)
			st->zi->pcp_format = 1;
	}
}

/* "start_pfn: 4096", "node_unreclaimable: 0", "vm stats threshold: 24" as colon_line and the general path
 * store them (v after the colon) */
ZI_INLINE bool tail_value(struct zi_state *st, const char *v, int64_t *i, unsigned bit)
{
	if (!zi_i64(&v, st->end, i))
		return false;
	st->z->have |= bit;
	return true;
}

static bool fast_line(struct zi_state *st, const char *s, const char *eol)
{
	struct zone *z = st->z;
	int64_t i;

	switch (s[0]) {
	case 'c':
		PCP("count:", count, 1);
		if (COLON("cpu:")) {
			cpu_line(st, s + 4, eol);
			return true;
		}
		HEADER("cma", cma, ZONE_HAVE_CMA);
		return false;
	case 'h':
		PCP("high:", high, 1);
		PCP("high_min:", high_min, 2);
		PCP("high_max:", high_max, 1);
		HEADER("high", high, 0);
		return false;
	case 'b':
		PCP("batch:", batch, 1);
		HEADER("boost", boost, ZONE_HAVE_BOOST);
		return false;
	case 'v':
		if (COLON("vm stats threshold:")) {
			if (tail_value(st, s + 19, &i, ZONE_HAVE_THRESHOLD))
				z->threshold = i;
			return true;
		}
		return false;
	case 'm':
		HEADER("min", min, 0);
		HEADER("managed", managed, ZONE_HAVE_MANAGED);
		return false;
	case 'l':
		HEADER("low", low, 0);
		return false;
	case 'p':
		if (COLON("protection:")) {
			parse_protection(z, s + 11, eol, st->end);
			return true;
		}
		if (WORD("pages")) {
			/* "pages free     3840", as word_line has it */
			const char *v = zi_blanks(s + 5, eol);
			uint64_t u;

			if (eol - v >= 4 && memcmp(v, "free", 4) == 0 && (v += 4, zi_u64(&v, st->end, &u)))
				z->free = u;
			st->mode = ZI_ZONE;
			return true;
		}
		if (COLON("pagesets") && (s + 8 == eol || s[8] == ' ')) {
			st->mode = ZI_PAGESETS;
			st->pcp = NULL;
			return true;
		}
		HEADER("promo", promo, ZONE_HAVE_PROMO);
		HEADER("present", present, ZONE_HAVE_PRESENT);
		return false;
	case 's':
		HEADER("spanned", spanned, ZONE_HAVE_SPANNED);
		if (COLON("start_pfn:")) {
			if (tail_value(st, s + 10, &i, ZONE_HAVE_START_PFN))
				z->start_pfn = i < 0 ? 0 : (uint64_t)i;
			return true;
		}
		return false;
	case 'n':
		if (COLON("node_unreclaimable:")) {
			if (tail_value(st, s + 19, &i, ZONE_HAVE_NODE_UNRECLAIMABLE))
				z->node_unreclaimable = (int)(i != 0);
			return true;
		}
		return false;
	default:
		return false;
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
#if defined(__SSE2__)
	unsigned nb = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p),
								 _mm_set1_epi8(' '))) ^ 0xffffu;
	const char *s;

	if (nb) {
		s = p + __builtin_ctz(nb);
		if (*s == '\t')
			s = zi_blanks(s, end);
	} else {
		s = zi_blanks(p + 16, end);
	}
	*sp = s;
#else
	*sp = zi_blanks(p, end);
#endif
	*eolp = zi_eol32(p, end);
}

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
		if ((w & mask) != blanks || !is_counter(p + ind, end))
			break;
		p = zi_eol32(p, end) + 1;
	}
#else
	(void)end;
	(void)ind;
#endif
	return p;
}

/* Skip-counters mode inside a zone: the lines from p on, while fast_line or is_counter takes them and 32
 * bytes remain; returns the first line left to the general path. */
static const char *fast_lines(struct zi_state *st, const char *p)
{
	const char *end = st->end;

	while (end - p >= 32) {
		const char *s, *eol;

		zi_line(p, end, &s, &eol);
		if (is_counter(s, end)) {
			size_t ind = (size_t)(s - p);

			p = eol + 1;
			if (ind < 8)
				p = counter_run(p, end, ind);
			continue;
		}
		if (!fast_line(st, s, eol))
			return p;
		p = eol + 1;
	}
	return p;
}

int proc_zoneinfo_parse(struct proc_zoneinfo *zi, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	struct zi_state st = { .zi = zi, .end = end, .text = text };

	zi->nzones = 0;
	zi->nnodes = 0;
	zi->pcp_format = 0;
	if (len == 0) {
		zs_err_set(e, 0, "zoneinfo: empty file");
		return -1;
	}
	while (p < end) {
		const char *s, *eol, *k;
		size_t klen;

		if (zi->skip_counters && st.z) {
			p = fast_lines(&st, p);
			if (p >= end)
				break;
		}
		/* the indentation (the kernel's is 2, 4, 6, 8 or 14 wide; tabs in hand-made files) */
		s = zi_blanks(p, end);
		eol = zi_eol(s, end);
		k = s;
		while (s < eol && !(zi_class[(unsigned char)*s] & ZC_KEY_END))
			s++;
		klen = (size_t)(s - k);
		if (klen == 4 && memcmp(k, "Node", 4) == 0 && k == p) {
			st.line = p;
			if (start_zone(&st, k, eol, e) < 0)
				return -1;
		} else if (klen > 0 && st.z) {
			if (s < eol && *s == ':')
				colon_line(&st, k, klen, s + 1, eol);
			else if (klen == 2 && memcmp(k, "vm", 2) == 0) {
				/* "vm stats threshold: 24" */
				const char *c = memchr(s, ':', (size_t)(eol - s));
				int64_t t;

				if (c && (c++, zi_i64(&c, end, &t)) && c <= eol) {
					st.z->threshold = t;
					st.z->have |= ZONE_HAVE_THRESHOLD;
				}
			} else {
				word_line(&st, k, klen, s, eol);
			}
		}
		p = eol + 1;
	}
	if (zi->nzones == 0) {
		zs_err_set(e, 0, "zoneinfo: no 'Node N, zone NAME' line in %zu bytes", len);
		return -1;
	}
	for (int i = 0; i < zi->nzones; i++) {
		struct zone *z = &zi->zone[i];

		z->populated = z->present > 0 || z->managed > 0;
	}
	return 0;
}

void proc_zoneinfo_free(struct proc_zoneinfo *zi)
{
	for (int i = 0; i < zi->zone_cap; i++) {
		kv_free(&zi->zone[i].items);
		free(zi->zone[i].protection);
		free(zi->zone[i].pcp);
	}
	for (int i = 0; i < zi->node_cap; i++)
		kv_free(&zi->node[i].stats);
	free(zi->zone);
	free(zi->node);
	memset(zi, 0, sizeof *zi);
}

/* The zone of a node by name, or NULL. */
const struct zone *proc_zoneinfo_find(const struct proc_zoneinfo *zi, int node, const char *name)
{
	for (int i = 0; i < zi->nzones; i++)
		if (zi->zone[i].node == node && strcmp(zi->zone[i].name, name) == 0)
			return &zi->zone[i];
	return NULL;
}
