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

#include "proc-zoneinfo.h"


/* s at a digit: digit by digit (8 digits or more, or the text's last bytes) */
struct zi_num proc_zoneinfo_digits(const char *s)
{
	struct zi_num r = { s, 0 };
	int n;

	for (n = 0; (unsigned)(s[n] - '0') <= 9; n++) {
		if (n == 18) {
			zs_parse_u64(&r.end, &r.v);
			return r;
		}
		r.v = r.v * 10 + (unsigned)(s[n] - '0');
	}
	r.end = s + n;
	return r;
}

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
	uint64_t id = 0;
	struct zone *z;
	const char *name;
	size_t nlen;
	int idx;
	bool num = zi_u64((s += 4, &s), st->end, &id);

	if (!num || s > eol || id > INT_MAX) {
		zs_err_set(e, 0, "zoneinfo: line %zu: bad node number", line_number(st->text, st->line));
		return -1;
	}
	if (*s == ',')
		s++;
	s = zi_blanks(s, st->end);
	if (eol - s < 4 || memcmp(s, "zone", 4) != 0) {
		zs_err_set(e, 0, "zoneinfo: line %zu: 'zone NAME' expected after 'Node %d,'", line_number(st->text, st->line),
			   (int)id);
		return -1;
	}
	name = zi_blanks(s + 4, st->end);
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
		if (zi->zone[i].name[nlen] == '\0' && zi->zone[i].name[0] == name[0] &&
		    memcmp(zi->zone[i].name, name, nlen) == 0) {
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
void proc_zoneinfo_protection(struct zone *z, const char *s, const char *eol, const char *end)
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

struct zone_pcp *proc_zoneinfo_pcp_new(struct zone *z, int cpu)
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
void proc_zoneinfo_cpu(struct zi_state *st, const char *v, const char *eol)
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
	st->pcp = proc_zoneinfo_pcp_new(st->z, (int)i);
	st->mode = ZI_PAGESETS;
}

/* Lines ending in a colon-terminated key: pagesets and the tail of a zone. */
static void colon_line(struct zi_state *st, const char *k, size_t klen, const char *v, const char *eol)
{
	struct zone *z = st->z;
	int64_t i;
	uint64_t u;

	if (KEY("cpu")) {
		proc_zoneinfo_cpu(st, v, eol);
		return;
	}
	if (KEY("count") || KEY("high") || KEY("batch") || KEY("high_min") || KEY("high_max")) {
		if (st->pcp)
			pcp_set(st, k[0] == 'c' ? PCP_COUNT : k[0] == 'b' ? PCP_BATCH : klen == 4 ? PCP_HIGH
							 : k[6] == 'i' ? PCP_HIGH_MIN : PCP_HIGH_MAX, v, eol);
		return;
	}
	if (KEY("protection")) {
		proc_zoneinfo_protection(z, v, eol, st->end);
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
			p = proc_zoneinfo_fast_lines(&st, p);
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
	proc_zoneinfo_fast_free(zi->layout);
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
