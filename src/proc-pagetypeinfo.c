/* proc-pagetypeinfo.c — /proc/pagetypeinfo: free blocks per migratetype and order, and pageblocks per
 * migratetype.  Read only on request (the kernel walks every free list to print it, and it is
 * root-only since ≈5.5).  Migratetype columns are taken by name: their order changed in 4.4. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"

static int type_index(struct proc_pagetypeinfo *pt, const char *name, size_t len)
{
	if (len == 0)
		return -1;
	if (len > sizeof pt->type[0] - 1)
		len = sizeof pt->type[0] - 1;
	for (int i = 0; i < pt->ntypes; i++)
		if (strlen(pt->type[i]) == len && memcmp(pt->type[i], name, len) == 0)
			return i;
	if (pt->ntypes >= PAGETYPE_MAX)
		return -1;
	memcpy(pt->type[pt->ntypes], name, len);
	pt->type[pt->ntypes][len] = '\0';
	return pt->ntypes++;
}

/* "Node    0, zone   Normal" -> the zone (created when new); s is advanced past the name. */
static struct pagetype_zone *zone_of(struct proc_pagetypeinfo *pt, const char **sp, const char *eol)
{
	const char *s = *sp + 4, *name;
	uint64_t id;
	size_t nlen = 0;
	struct pagetype_zone *z;

	if (!zs_parse_u64(&s, &id) || s > eol || id > INT_MAX || *s != ',')
		return NULL;
	s = zs_skip_blanks(s + 1);
	if (eol - s < 4 || memcmp(s, "zone", 4) != 0)
		return NULL;
	name = zs_skip_blanks(s + 4);
	while (name + nlen < eol && name[nlen] != ' ' && name[nlen] != ',' && name[nlen] != '\r')
		nlen++;
	if (nlen == 0)
		return NULL;
	if (nlen > sizeof z->name - 1)
		nlen = sizeof z->name - 1;
	*sp = name + nlen;
	for (int i = 0; i < pt->nzones; i++)
		if (pt->zone[i].node == (int)id && strlen(pt->zone[i].name) == nlen &&
		    memcmp(pt->zone[i].name, name, nlen) == 0)
			return &pt->zone[i];
	if (pt->nzones == pt->zone_cap) {
		size_t cap = (size_t)pt->zone_cap;

		xgrow((void **)&pt->zone, &cap, (size_t)pt->nzones + 1, sizeof *pt->zone);
		pt->zone_cap = (int)cap;
	}
	z = &pt->zone[pt->nzones++];
	memset(z, 0, sizeof *z);
	z->node = (int)id;
	memcpy(z->name, name, nlen);
	return z;
}

static void free_counts(struct proc_pagetypeinfo *pt, struct pagetype_zone *z, const char *s,
			const char *eol)
{
	const char *name;
	size_t nlen = 0;
	int t, o = 0;

	s = zs_skip_blanks(s);
	if (*s == ',')
		s = zs_skip_blanks(s + 1);
	if (eol - s < 4 || memcmp(s, "type", 4) != 0)
		return;
	name = zs_skip_blanks(s + 4);
	while (name + nlen < eol && name[nlen] != ' ')
		nlen++;
	if ((t = type_index(pt, name, nlen)) < 0)
		return;
	s = name + nlen;
	while (s < eol && o < 32) {
		uint64_t v;

		s = zs_skip_blanks(s);
		if (*s == '>') {   /* the kernel stopped counting this list */
			z->capped[t] = true;
			s++;
		}
		if (!zs_parse_u64(&s, &v) || s > eol)
			break;
		z->nfree[t][o++] = v;
	}
	if (o > z->norders)
		z->norders = o;
}

int proc_pagetypeinfo_parse(struct proc_pagetypeinfo *pt, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	int col[PAGETYPE_MAX], ncol = 0;
	enum { FREE, BLOCKS, OTHER } part = FREE;
	size_t lineno = 0;

	pt->pageblock_order = -1;
	pt->pages_per_block = 0;
	pt->ntypes = 0;
	pt->nzones = 0;
	if (len == 0) {
		zs_err_set(e, 0, "pagetypeinfo: empty file (root only since Linux 5.5)");
		return -1;
	}
	while (p < end) {
		const char *eol = zs_line_end(p, end), *s = p;

		lineno++;
		if (eol - s > 17 && memcmp(s, "Page block order:", 17) == 0) {
			int64_t v;

			s += 17;
			if (zs_parse_i64(&s, &v) && v >= 0 && v < 64)
				pt->pageblock_order = (int)v;
		} else if (eol - s > 16 && memcmp(s, "Pages per block:", 16) == 0) {
			s += 16;
			zs_parse_u64(&s, &pt->pages_per_block);
		} else if (eol - s > 22 && memcmp(s, "Number of blocks type ", 22) == 0) {
			part = BLOCKS;
			ncol = 0;
			s += 22;
			while (s < eol && ncol < PAGETYPE_MAX) {
				const char *w = zs_skip_blanks(s);
				size_t wl = 0;

				while (w + wl < eol && w[wl] != ' ' && w[wl] != '\r')
					wl++;
				if (wl == 0)
					break;
				col[ncol++] = type_index(pt, w, wl);
				s = w + wl;
			}
		} else if (eol - s > 7 && memcmp(s, "Number ", 7) == 0) {
			part = OTHER;   /* "Number of mixed blocks" (page_owner): not kept */
		} else if (eol - s > 5 && memcmp(s, "Node ", 5) == 0 && part != OTHER) {
			struct pagetype_zone *z = zone_of(pt, &s, eol);

			if (!z) {
				zs_err_set(e, 0, "pagetypeinfo: line %zu: bad 'Node N, zone NAME'", lineno);
				return -1;
			}
			if (part == FREE) {
				free_counts(pt, z, s, eol);
			} else {
				for (int c = 0; c < ncol; c++) {
					uint64_t v;

					if (!zs_parse_u64(&s, &v) || s > eol)
						break;
					if (col[c] >= 0)
						z->nblocks[col[c]] = v;
				}
				z->have_blocks = true;
			}
		}
		p = eol + 1;
	}
	if (pt->pageblock_order < 0 && pt->nzones == 0) {
		zs_err_set(e, 0, "pagetypeinfo: neither 'Page block order:' nor any zone in %zu bytes", len);
		return -1;
	}
	return 0;
}

void proc_pagetypeinfo_free(struct proc_pagetypeinfo *pt)
{
	free(pt->zone);
	memset(pt, 0, sizeof *pt);
}
