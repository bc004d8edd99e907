/* proc-buddyinfo.c — /proc/buddyinfo: "Node 0, zone   Normal  n0 n1 … " (free blocks per order).
 *
 * The number of orders depends on the architecture and configuration, so the columns are counted,
 * never assumed to be 11. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"

#define BUDDY_ORDERS_MAX ((int)(sizeof(((struct buddy_zone *)0)->nfree) / sizeof(uint64_t)))

static int buddy_line(struct proc_buddyinfo *b, const char *s, const char *eol, size_t lineno,
		      struct zs_err *e)
{
	struct buddy_zone *z;
	uint64_t id;
	const char *name;
	size_t nlen = 0;

	s += 4;
	if (!zs_parse_u64(&s, &id) || s > eol || id > INT_MAX || *s != ',') {
		zs_err_set(e, 0, "buddyinfo: line %zu: bad node number", lineno);
		return -1;
	}
	s = zs_skip_blanks(s + 1);
	if (eol - s < 4 || memcmp(s, "zone", 4) != 0) {
		zs_err_set(e, 0, "buddyinfo: line %zu: 'zone NAME' expected", lineno);
		return -1;
	}
	name = zs_skip_blanks(s + 4);
	while (name + nlen < eol && name[nlen] != ' ' && name[nlen] != '\t' && name[nlen] != '\r')
		nlen++;
	if (nlen == 0) {
		zs_err_set(e, 0, "buddyinfo: line %zu: zone without a name", lineno);
		return -1;
	}
	if (nlen > sizeof z->name - 1)
		nlen = sizeof z->name - 1;
	for (int i = 0; i < b->nzones; i++)
		if (b->zone[i].node == (int)id && strlen(b->zone[i].name) == nlen &&
		    memcmp(b->zone[i].name, name, nlen) == 0) {
			zs_err_set(e, 0, "buddyinfo: line %zu: zone %.*s of node %d appears twice", lineno,
				   (int)nlen, name, (int)id);
			return -1;
		}
	if (b->nzones == b->zone_cap) {
		size_t cap = (size_t)b->zone_cap;

		xgrow((void **)&b->zone, &cap, (size_t)b->nzones + 1, sizeof *b->zone);
		b->zone_cap = (int)cap;
	}
	z = &b->zone[b->nzones++];
	memset(z, 0, sizeof *z);
	z->node = (int)id;
	memcpy(z->name, name, nlen);
	s = name + nlen;
	while (s < eol) {
		uint64_t v;

		if (!zs_parse_u64(&s, &v) || s > eol)
			break;
		if (z->norders < BUDDY_ORDERS_MAX)
			z->nfree[z->norders++] = v;
	}
	if (z->norders == 0) {
		zs_err_set(e, 0, "buddyinfo: line %zu: zone %s has no free-block counts", lineno, z->name);
		return -1;
	}
	return 0;
}

int proc_buddyinfo_parse(struct proc_buddyinfo *b, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	size_t lineno = 0;

	b->nzones = 0;
	if (len == 0) {
		zs_err_set(e, 0, "buddyinfo: empty file");
		return -1;
	}
	while (p < end) {
		const char *eol = zs_line_end(p, end);

		lineno++;
		if (eol - p >= 5 && memcmp(p, "Node ", 5) == 0 && buddy_line(b, p, eol, lineno, e) < 0)
			return -1;
		p = eol + 1;
	}
	if (b->nzones == 0) {
		zs_err_set(e, 0, "buddyinfo: no 'Node N, zone NAME' line in %zu bytes", len);
		return -1;
	}
	return 0;
}

void proc_buddyinfo_free(struct proc_buddyinfo *b)
{
	free(b->zone);
	memset(b, 0, sizeof *b);
}
