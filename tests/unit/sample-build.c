/* sample-build.c — see sample-build.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample-build.h"
#include "unit-run.h"

void sb_init(struct sample *s, double t_seconds)
{
	memset(s, 0, sizeof *s);
	kv_init(&s->meminfo);
	kv_init(&s->vmstat);
	s->t.mono_ns = (int64_t)(t_seconds * 1e9);
	s->t.wall_ns = 1795500000LL * 1000000000LL + s->t.mono_ns;
}

struct zone *sb_zone(struct sample *s, int node, const char *name, uint64_t free, uint64_t min, uint64_t low,
		     uint64_t high, uint64_t managed)
{
	struct zone *z;

	s->zi.zone = realloc(s->zi.zone, (size_t)(s->zi.nzones + 1) * sizeof *s->zi.zone);
	z = &s->zi.zone[s->zi.nzones++];
	memset(z, 0, sizeof *z);
	z->node = node;
	snprintf(z->name, sizeof z->name, "%s", name);
	z->free = free;
	z->min = min;
	z->low = low;
	z->high = high;
	z->managed = z->present = z->spanned = managed;
	z->populated = managed > 0;
	z->have = ZONE_HAVE_MANAGED | ZONE_HAVE_PRESENT | ZONE_HAVE_SPANNED;
	kv_init(&z->items);
	s->have |= SAMPLE_HAVE(SP_ZONEINFO);
	return z;
}

void sb_pcp(struct zone *z, int ncpu, const int64_t *count, int64_t threshold)
{
	free(z->pcp);
	z->pcp = calloc((size_t)ncpu, sizeof *z->pcp);
	for (int i = 0; i < ncpu; i++) {
		z->pcp[i].cpu = i;
		z->pcp[i].count = count[i];
	}
	z->npcp = ncpu;
	z->threshold = threshold;
	z->have |= ZONE_HAVE_THRESHOLD;
}

void sb_vm(struct sample *s, const char *name, int64_t v)
{
	kv_put(&s->vmstat, name, strlen(name), v);
	s->have |= SAMPLE_HAVE(SP_VMSTAT);
}

void sb_buddy(struct sample *s, int node, const char *name, const uint64_t *nfree, int norders)
{
	struct buddy_zone *b;

	s->buddy.zone = realloc(s->buddy.zone, (size_t)(s->buddy.nzones + 1) * sizeof *s->buddy.zone);
	b = &s->buddy.zone[s->buddy.nzones++];
	memset(b, 0, sizeof *b);
	b->node = node;
	snprintf(b->name, sizeof b->name, "%s", name);
	memcpy(b->nfree, nfree, (size_t)norders * sizeof *nfree);
	b->norders = norders;
	s->have |= SAMPLE_HAVE(SP_BUDDYINFO);
}

void sb_free(struct sample *s)
{
	for (int i = 0; i < s->zi.nzones; i++) {
		free(s->zi.zone[i].pcp);
		free(s->zi.zone[i].protection);
		kv_free(&s->zi.zone[i].items);
	}
	free(s->zi.zone);
	free(s->buddy.zone);
	kv_free(&s->meminfo);
	kv_free(&s->vmstat);
	memset(s, 0, sizeof *s);
}

bool sb_has_note(const struct analysis_notes *n, const char *text)
{
	for (int i = 0; i < n->n; i++)
		if (strstr(n->msg[i], text))
			return true;
	return false;
}

int sb_run(const char *suite, const TTest *const *tests, int n)
{
	Suite *s = suite_create(suite);
	TCase *tc = tcase_create("core");

	for (int i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
