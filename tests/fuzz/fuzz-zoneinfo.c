/* fuzz-zoneinfo.c — proc_zoneinfo_parse(): bounds, unique zones, and re-parses into the arrays of a
 * previous parse (what every sample after the first does) equal to a fresh parse. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "zoneinfo";

#define ALL_HAVE 0xffffu

static void check(const struct proc_zoneinfo *zi, const char *text, size_t len)
{
	FZ_CHECK(zi->nzones >= 1 && zi->nzones <= zi->zone_cap, "nzones %d cap %d", zi->nzones, zi->zone_cap);
	FZ_CHECK(zi->nnodes >= 1 && zi->nnodes <= zi->node_cap, "nnodes %d", zi->nnodes);
	FZ_CHECK(zi->pcp_format >= 0 && zi->pcp_format <= 2, "pcp_format %d", zi->pcp_format);
	for (int i = 0; i < zi->nnodes; i++)
		for (int j = 0; j < i; j++)
			FZ_CHECK(zi->node[i].id != zi->node[j].id, "node %d listed twice", zi->node[i].id);
	for (int i = 0; i < zi->nzones; i++) {
		const struct zone *z = &zi->zone[i];
		size_t nl = strnlen(z->name, sizeof z->name);
		int idx = 0, have_node = 0;

		FZ_CHECK(nl > 0 && nl < sizeof z->name, "zone %d name length %zu", i, nl);
		FZ_CHECK(!strchr(z->name, '\n') && memmem(text, len, z->name, nl), "zone name '%s'", z->name);
		FZ_CHECK(z->node >= 0, "node %d", z->node);
		FZ_CHECK((z->have & ~ALL_HAVE) == 0, "have 0x%x", z->have);
		FZ_CHECK(z->nprotection >= 0 && z->nprotection <= 16, "nprotection %d", z->nprotection);
		FZ_CHECK(z->npcp >= 0 && z->npcp <= z->pcp_cap, "npcp %d cap %d", z->npcp, z->pcp_cap);
		FZ_CHECK(z->populated == (z->present > 0 || z->managed > 0), "populated %d", z->populated);
		for (int c = 0; c < z->npcp; c++)
			FZ_CHECK(z->pcp[c].cpu >= 0, "pageset cpu %d", z->pcp[c].cpu);
		for (int j = 0; j < zi->nnodes; j++)
			have_node |= zi->node[j].id == z->node;
		FZ_CHECK(have_node, "zone %s of node %d has no node entry", z->name, z->node);
		for (int j = 0; j < i; j++) {
			FZ_CHECK(zi->zone[j].node != z->node || strcmp(zi->zone[j].name, z->name) != 0,
				 "zone %s of node %d parsed twice", z->name, z->node);
			idx += zi->zone[j].node == z->node;
		}
		FZ_CHECK(z->idx == idx, "zone %s of node %d: idx %d, %d zones of the node before it", z->name,
			 z->node, z->idx, idx);
		for (size_t k = 0; k < kv_count(&z->items); k++) {
			const char *n = kv_name(&z->items, k);

			FZ_CHECK(*n && !strpbrk(n, " \t\n:") && memmem(text, len, n, strlen(n)),
				 "item name '%s' (not in the text?)", n);
		}
	}
}

static int kv_same(const struct kvset *a, const struct kvset *b)
{
	if (kv_count(a) != kv_count(b))
		return 0;
	for (size_t i = 0; i < kv_count(a); i++)
		if (strcmp(kv_name(a, i), kv_name(b, i)) != 0 || kv_value(a, i) != kv_value(b, i))
			return 0;
	return 1;
}

/* Field by field: a reused struct must hold nothing of the previous parse.  b_lite: b was parsed in
 * skip-counters mode (its own line loop), so it has no counters and every other field the same. */
static void same_as(const struct proc_zoneinfo *a, const struct proc_zoneinfo *b, bool b_lite, const char *how)
{
	FZ_CHECK(a->nzones == b->nzones && a->nnodes == b->nnodes && a->pcp_format == b->pcp_format,
		 "%s: %d/%d zones, %d/%d nodes", how, a->nzones, b->nzones, a->nnodes, b->nnodes);
	for (int i = 0; i < a->nnodes; i++)
		FZ_CHECK(a->node[i].id == b->node[i].id && a->node[i].have_stats == b->node[i].have_stats &&
				 (b_lite ? kv_count(&b->node[i].stats) == 0 : kv_same(&a->node[i].stats, &b->node[i].stats)),
			 "%s: node %d differs", how, i);
	for (int i = 0; i < a->nzones; i++) {
		const struct zone *x = &a->zone[i], *y = &b->zone[i];

		FZ_CHECK(x->node == y->node && strcmp(x->name, y->name) == 0 && x->idx == y->idx &&
				 x->populated == y->populated && x->have == y->have,
			 "%s: zone %d header differs", how, i);
		FZ_CHECK(x->free == y->free && x->boost == y->boost && x->min == y->min && x->low == y->low &&
				 x->high == y->high && x->promo == y->promo && x->spanned == y->spanned &&
				 x->present == y->present && x->managed == y->managed && x->cma == y->cma &&
				 x->scanned == y->scanned,
			 "%s: zone %d pages differ", how, i);
		FZ_CHECK(x->threshold == y->threshold && x->node_unreclaimable == y->node_unreclaimable &&
				 x->all_unreclaimable == y->all_unreclaimable &&
				 x->prev_priority == y->prev_priority && x->start_pfn == y->start_pfn &&
				 x->inactive_ratio == y->inactive_ratio &&
				 x->reserved_highatomic == y->reserved_highatomic &&
				 x->free_highatomic == y->free_highatomic,
			 "%s: zone %d tail differs", how, i);
		FZ_CHECK(x->nprotection == y->nprotection &&
				 (x->nprotection == 0 ||
				  memcmp(x->protection, y->protection, (size_t)x->nprotection * sizeof(int64_t)) == 0),
			 "%s: zone %d protection differs", how, i);
		FZ_CHECK(x->npcp == y->npcp, "%s: zone %d: %d/%d pagesets", how, i, x->npcp, y->npcp);
		for (int c = 0; c < x->npcp; c++) {
			const struct zone_pcp *p = &x->pcp[c], *q = &y->pcp[c];

			FZ_CHECK(p->cpu == q->cpu && p->count == q->count && p->high == q->high &&
					 p->batch == q->batch && p->high_min == q->high_min &&
					 p->high_max == q->high_max,
				 "%s: zone %d pageset %d differs", how, i, c);
		}
		FZ_CHECK(b_lite ? kv_count(&y->items) == 0 : kv_same(&x->items, &y->items), "%s: zone %d items differ",
			 how, i);
	}
}

static void same(const struct proc_zoneinfo *a, const struct proc_zoneinfo *b, const char *how)
{
	same_as(a, b, false, how);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct proc_zoneinfo fresh = { 0 }, half = { 0 }, reused = { 0 }, lite = { .skip_counters = true };
	struct zs_err e = { 0 }, e2 = { 0 }, e3 = { 0 };
	size_t hl = size / 2;
	int rc, rc_half, rc2, rc3, rc_lite;

	fz_quiet_begin();
	rc = proc_zoneinfo_parse(&fresh, t, size, &e);
	/* the first half, as a fresh parse and over the whole text's arrays; then the whole again */
	t[hl] = '\0';
	rc_half = proc_zoneinfo_parse(&half, t, hl, &e2);
	t[hl] = (char)(hl < size ? data[hl] : 0);
	proc_zoneinfo_parse(&reused, t, size, &e2);
	t[hl] = '\0';
	rc2 = proc_zoneinfo_parse(&reused, t, hl, &e2);
	t[hl] = (char)(hl < size ? data[hl] : 0);
	if (rc2 == 0 && rc_half == 0)
		same(&half, &reused, "first half over the whole");
	rc3 = proc_zoneinfo_parse(&reused, t, size, &e2);
	/* what -z and -b parse: over the first half's arrays too */
	t[hl] = '\0';
	proc_zoneinfo_parse(&lite, t, hl, &e2);
	t[hl] = (char)(hl < size ? data[hl] : 0);
	rc_lite = proc_zoneinfo_parse(&lite, t, size, &e3);
	fz_quiet_end("proc_zoneinfo_parse");

	FZ_CHECK(rc == 0 || rc == -1, "rc %d", rc);
	FZ_CHECK(rc2 == rc_half && rc3 == rc, "re-parse returned %d/%d, fresh %d/%d", rc2, rc3, rc_half, rc);
	FZ_CHECK(rc_lite == rc, "skip-counters parse returned %d, full %d", rc_lite, rc);
	if (rc == 0) {
		check(&fresh, t, size);
		same(&fresh, &reused, "whole over the first half");
		same_as(&fresh, &lite, true, "skip-counters mode");
	} else {
		FZ_CHECK(strncmp(e.msg, "zoneinfo: ", 10) == 0, "error message '%s'", e.msg);
		FZ_CHECK(strcmp(e.msg, e3.msg) == 0, "skip-counters mode: '%s', full parse '%s'", e3.msg, e.msg);
	}
	proc_zoneinfo_free(&fresh);
	proc_zoneinfo_free(&half);
	proc_zoneinfo_free(&reused);
	proc_zoneinfo_free(&lite);
	free(t);
	return 0;
}
