/* fuzz-pagetypeinfo.c — proc_pagetypeinfo_parse(): migratetypes and zones unique, orders and types
 * within their arrays, a re-parse over a previous one equal to a fresh parse. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "pagetypeinfo";

static void check(const struct proc_pagetypeinfo *pt, const char *text, size_t len)
{
	FZ_CHECK(pt->pageblock_order >= -1 && pt->pageblock_order < 64, "order %d", pt->pageblock_order);
	FZ_CHECK(pt->pageblock_order >= 0 || pt->nzones > 0, "parsed nothing, returned 0");
	FZ_CHECK(pt->ntypes >= 0 && pt->ntypes <= PAGETYPE_MAX, "ntypes %d", pt->ntypes);
	FZ_CHECK(pt->nzones >= 0 && pt->nzones <= pt->zone_cap, "nzones %d", pt->nzones);
	for (int i = 0; i < pt->ntypes; i++) {
		size_t nl = strnlen(pt->type[i], sizeof pt->type[i]);

		FZ_CHECK(nl > 0 && nl < sizeof pt->type[i] && memmem(text, len, pt->type[i], nl),
			 "type %d '%s'", i, pt->type[i]);
		for (int j = 0; j < i; j++)
			FZ_CHECK(strcmp(pt->type[i], pt->type[j]) != 0, "type %s twice", pt->type[i]);
	}
	for (int i = 0; i < pt->nzones; i++) {
		const struct pagetype_zone *z = &pt->zone[i];
		size_t nl = strnlen(z->name, sizeof z->name);

		FZ_CHECK(nl > 0 && nl < sizeof z->name && memmem(text, len, z->name, nl), "zone '%s'", z->name);
		FZ_CHECK(z->node >= 0 && z->norders >= 0 && z->norders <= 32, "zone %s: node %d, %d orders",
			 z->name, z->node, z->norders);
		for (int j = 0; j < i; j++)
			FZ_CHECK(pt->zone[j].node != z->node || strcmp(pt->zone[j].name, z->name) != 0,
				 "zone %s of node %d twice", z->name, z->node);
		/* counts only for types that exist */
		for (int ty = pt->ntypes; ty < PAGETYPE_MAX; ty++) {
			FZ_CHECK(!z->capped[ty] && z->nblocks[ty] == 0, "zone %s: data for type slot %d of %d",
				 z->name, ty, pt->ntypes);
			for (int o = 0; o < 32; o++)
				FZ_CHECK(z->nfree[ty][o] == 0, "zone %s: free count for type slot %d", z->name, ty);
		}
	}
}

static void same(const struct proc_pagetypeinfo *a, const struct proc_pagetypeinfo *b)
{
	FZ_CHECK(a->pageblock_order == b->pageblock_order && a->pages_per_block == b->pages_per_block &&
			 a->ntypes == b->ntypes && a->nzones == b->nzones,
		 "header differs after a re-parse");
	for (int i = 0; i < a->ntypes; i++)
		FZ_CHECK(strcmp(a->type[i], b->type[i]) == 0, "type %d differs", i);
	for (int i = 0; i < a->nzones; i++) {
		const struct pagetype_zone *x = &a->zone[i], *y = &b->zone[i];

		FZ_CHECK(x->node == y->node && strcmp(x->name, y->name) == 0 && x->norders == y->norders &&
				 x->have_blocks == y->have_blocks && memcmp(x->nfree, y->nfree, sizeof x->nfree) == 0 &&
				 memcmp(x->capped, y->capped, sizeof x->capped) == 0 &&
				 memcmp(x->nblocks, y->nblocks, sizeof x->nblocks) == 0,
			 "zone %d differs after a re-parse", i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct proc_pagetypeinfo fresh = { 0 }, reused = { 0 };
	struct zs_err e = { 0 }, e2 = { 0 };
	size_t hl = size / 2;
	int rc, rc2;

	fz_quiet_begin();
	rc = proc_pagetypeinfo_parse(&fresh, t, size, &e);
	t[hl] = '\0';
	proc_pagetypeinfo_parse(&reused, t, hl, &e2);
	t[hl] = (char)(hl < size ? data[hl] : 0);
	rc2 = proc_pagetypeinfo_parse(&reused, t, size, &e2);
	fz_quiet_end("proc_pagetypeinfo_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d, re-parse %d", rc, rc2);
	if (rc == 0) {
		check(&fresh, t, size);
		same(&fresh, &reused);
	} else {
		FZ_CHECK(strncmp(e.msg, "pagetypeinfo: ", 14) == 0, "error '%s'", e.msg);
	}
	proc_pagetypeinfo_free(&fresh);
	proc_pagetypeinfo_free(&reused);
	free(t);
	return 0;
}
