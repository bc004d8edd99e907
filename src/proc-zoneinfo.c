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
 * zi_digits: s at a digit. */
ZI_INLINE bool zi_digits(const char **sp, const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int n;

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

	return (unsigned)(*s - '0') <= 9 && zi_digits(sp, s, out);
}

ZI_INLINE bool zi_i64(const char **sp, const char *lim, int64_t *out)
{
	const char *s = zi_blanks(*sp, lim);
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
	if (!zi_digits(&s, s, &u))
		return false;
	if (u > (uint64_t)INT64_MAX) /* only from zs_parse_u64's long numbers */
		return zs_parse_i64(sp, out);
	*out = neg ? -(int64_t)u : (int64_t)u;
	*sp = s;
	return true;
}

enum zi_mode { ZI_NONE, ZI_NODE_STATS, ZI_ZONE, ZI_PAGESETS };

struct zi_state {
	struct proc_zoneinfo *zi;
	struct zone *z;           /* current zone */
	struct node *n;           /* node of the current zone */
	struct zone_pcp *pcp;     /* current pageset entry (NULL: none, or a cold list of 2.6.2x) */
	enum zi_mode mode;
	size_t lineno;
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
		zs_err_set(e, 0, "zoneinfo: line %zu: bad node number", st->lineno);
		return -1;
	}
	if (*s == ',')
		s++;
	s = zs_skip_blanks(s);
	if (eol - s < 4 || memcmp(s, "zone", 4) != 0) {
		zs_err_set(e, 0, "zoneinfo: line %zu: 'zone NAME' expected after 'Node %d,'", st->lineno,
			   (int)id);
		return -1;
	}
	name = zs_skip_blanks(s + 4);
	nlen = (size_t)(eol - name);
	while (nlen > 0 && (name[nlen - 1] == ' ' || name[nlen - 1] == '\r' || name[nlen - 1] == '\t'))
		nlen--;
	if (nlen == 0 || name > eol) {
		zs_err_set(e, 0, "zoneinfo: line %zu: zone without a name", st->lineno);
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
		if (strlen(zi->zone[i].name) == nlen && memcmp(zi->zone[i].name, name, nlen) == 0) {
			zs_err_set(e, 0, "zoneinfo: line %zu: zone %.*s of node %d appears twice", st->lineno,
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

/* "protection: (0, 3019, 4043, 4043, 4043)" */
static void parse_protection(struct zone *z, const char *s, const char *eol)
{
	s = zi_blanks(s, eol);
	if (*s == '(')
		s++;
	z->nprotection = 0;
	while (s < eol) {
		int64_t v;

		if (!zi_i64(&s, eol, &v) || s > eol)
			break;
		if (z->nprotection < PROT_MAX)
			z->protection[z->nprotection++] = v;
		s = zi_blanks(s, eol);
		if (*s != ',')
			break;
		s++;
	}
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

/* Lines ending in a colon-terminated key: pagesets and the tail of a zone. */
static void colon_line(struct zi_state *st, const char *k, size_t klen, const char *v, const char *eol)
{
	struct zone *z = st->z;
	int64_t i;
	uint64_t u;

	if (KEY("cpu")) {
		/* "cpu: 3" (2.6.32+) or "cpu: 3 pcp: 1" (hot/cold lists before 2.6.25: keep the hot one) */
		const char *p;

		st->pcp = NULL;
		if (!zi_i64(&v, st->end, &i) || v > eol || i < 0 || i > INT_MAX)
			return;
		p = zs_skip_blanks(v);
		if (eol - p >= 4 && memcmp(p, "pcp:", 4) == 0) {
			const char *q = p + 4;

			if (zs_parse_u64(&q, &u) && u != 0)
				return;
		}
		st->pcp = pcp_new(z, (int)i);
		st->mode = ZI_PAGESETS;
		return;
	}
	if (KEY("count") || KEY("high") || KEY("batch") || KEY("high_min") || KEY("high_max")) {
		if (st->pcp)
			pcp_set(st, k[0] == 'c' ? PCP_COUNT : k[0] == 'b' ? PCP_BATCH : klen == 4 ? PCP_HIGH
							 : k[6] == 'i' ? PCP_HIGH_MIN : PCP_HIGH_MAX, v, eol);
		return;
	}
	if (KEY("protection")) {
		parse_protection(z, v, eol);
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

/* The lines -z and -b use, by their first character and then their whole key, straight to the code the
 * general path below would reach for them (s: the key, inside a zone): the key scan and the chains of key
 * comparisons are most of a line's cost.  A line in any other form (another key, "min:", a key ending in
 * '\r'...) returns NULL and takes the general path; the unit test test-analysis-zones proves both paths
 * give the same fields on every capture, also altered line by line.
 *
 * The line's end is not known yet: a key matched within the text's end lies within its line (no key holds
 * a '\n'), and a number's digits and blanks never pass a '\n'.  The hottest lines return where their value
 * ended (the caller looks for the '\n' from there, usually right there); the others find their line's end
 * first and return it. */
#define WORD(lit) (n > sizeof(lit) - 1 && memcmp(s, lit, sizeof(lit) - 1) == 0 && \
		   (s[sizeof(lit) - 1] == ' ' || s[sizeof(lit) - 1] == '\t'))
#define COLON(lit) (n >= sizeof(lit) - 1 && memcmp(s, lit, sizeof(lit) - 1) == 0)
#define HEADER(lit) if (WORD(lit)) return header_value(st->z, s + sizeof(lit) - 1, s, st->end)
#define PCP(lit, f) if (COLON(lit)) return pcp_value(st, f, s + sizeof(lit) - 1)
#define TAIL(lit)                                                                   \
	if (COLON(lit)) {                                                           \
		const char *eol = zi_eol(s, st->end);                          \
                                                                                    \
		colon_line(st, s, sizeof(lit) - 2, s + sizeof(lit) - 1, eol);       \
		return eol;                                                         \
	}

static inline const char *header_value(struct zone *z, const char *v, const char *k, const char *lim)
{
	uint64_t u;

	if (zi_u64(&v, lim, &u))
		header_set(z, k, u);
	return v;
}

static inline const char *pcp_value(struct zi_state *st, enum pcp_field f, const char *v)
{
	const char *q = v;
	int64_t i;

	if (!st->pcp)
		return v;
	if (zi_i64(&q, st->end, &i))
		pcp_store(st, f, i);
	return q;
}

static const char *fast_line(struct zi_state *st, const char *s)
{
	size_t n = (size_t)(st->end - s);

	switch (s[0]) {
	case 'c':
		PCP("count:", PCP_COUNT);
		TAIL("cpu:");
		HEADER("cma");
		return NULL;
	case 'h':
		PCP("high:", PCP_HIGH);
		PCP("high_min:", PCP_HIGH_MIN);
		PCP("high_max:", PCP_HIGH_MAX);
		HEADER("high");
		return NULL;
	case 'b':
		PCP("batch:", PCP_BATCH);
		HEADER("boost");
		return NULL;
	case 'v':
		if (COLON("vm stats threshold:")) {
			const char *c = s + 19;
			int64_t t;

			if (zi_i64(&c, st->end, &t)) {
				st->z->threshold = t;
				st->z->have |= ZONE_HAVE_THRESHOLD;
			}
			return c;
		}
		return NULL;
	case 'm':
		HEADER("min");
		HEADER("managed");
		return NULL;
	case 'l':
		HEADER("low");
		return NULL;
	case 'p':
		if (COLON("protection:")) {
			const char *eol = zi_eol(s, st->end);

			parse_protection(st->z, s + 11, eol);
			return eol;
		}
		if (WORD("pages")) {
			const char *eol = zi_eol(s, st->end);

			word_line(st, s, 5, s + 5, eol);
			return eol;
		}
		HEADER("promo");
		HEADER("present");
		return NULL;
	case 's':
		HEADER("spanned");
		TAIL("start_pfn:");
		return NULL;
	case 'n':
		TAIL("node_unreclaimable:");
		return NULL;
	default:
		return NULL;
	}
}

int proc_zoneinfo_parse(struct proc_zoneinfo *zi, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	struct zi_state st = { .zi = zi, .end = end };
	size_t lineno = 0;

	zi->nzones = 0;
	zi->nnodes = 0;
	zi->pcp_format = 0;
	if (len == 0) {
		zs_err_set(e, 0, "zoneinfo: empty file");
		return -1;
	}
	while (p < end) {
		/* the indentation (the kernel's is 2, 4, 6, 8 or 14 wide; tabs in hand-made files) */
		const char *s = zi_blanks(p, end), *eol, *k;
		size_t klen;

		lineno++;
		if (zi->skip_counters && st.z) {
			const char *q = is_counter(s, end) ? s + 2 : fast_line(&st, s);

			if (q) {
				eol = *q == '\n' ? q : zi_eol(q, end);
				p = eol + 1;
				continue;
			}
		}
		eol = zi_eol(s, end);
		k = s;
		while (s < eol && !(zi_class[(unsigned char)*s] & ZC_KEY_END))
			s++;
		klen = (size_t)(s - k);
		if (klen == 4 && memcmp(k, "Node", 4) == 0 && k == p) {
			st.lineno = lineno;
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
