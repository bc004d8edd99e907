/* fuzz-buddyinfo.c — proc_buddyinfo_parse(): order counts within bounds, zones unique and named from
 * the text, a re-parse over a previous one equal to a fresh parse. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "buddyinfo";

static void check(const struct proc_buddyinfo *b, const char *text, size_t len)
{
	FZ_CHECK(b->nzones >= 1 && b->nzones <= b->zone_cap, "nzones %d", b->nzones);
	for (int i = 0; i < b->nzones; i++) {
		const struct buddy_zone *z = &b->zone[i];
		size_t nl = strnlen(z->name, sizeof z->name);

		FZ_CHECK(nl > 0 && nl < sizeof z->name && !strpbrk(z->name, " \t\n\r") &&
				 memmem(text, len, z->name, nl),
			 "zone %d name '%s'", i, z->name);
		FZ_CHECK(z->node >= 0, "node %d", z->node);
		FZ_CHECK(z->norders >= 1 && z->norders <= 32, "zone %s: %d orders", z->name, z->norders);
		for (int j = 0; j < i; j++)
			FZ_CHECK(b->zone[j].node != z->node || strcmp(b->zone[j].name, z->name) != 0,
				 "zone %s of node %d twice", z->name, z->node);
	}
}

static void same(const struct proc_buddyinfo *a, const struct proc_buddyinfo *b)
{
	FZ_CHECK(a->nzones == b->nzones, "%d/%d zones", a->nzones, b->nzones);
	for (int i = 0; i < a->nzones; i++) {
		const struct buddy_zone *x = &a->zone[i], *y = &b->zone[i];

		FZ_CHECK(x->node == y->node && strcmp(x->name, y->name) == 0 && x->norders == y->norders &&
				 memcmp(x->nfree, y->nfree, sizeof x->nfree) == 0,
			 "zone %d differs after a re-parse", i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct proc_buddyinfo fresh = { 0 }, reused = { 0 };
	struct zs_err e = { 0 }, e2 = { 0 };
	size_t hl = size / 2;
	int rc, rc2;

	fz_quiet_begin();
	rc = proc_buddyinfo_parse(&fresh, t, size, &e);
	t[hl] = '\0';
	proc_buddyinfo_parse(&reused, t, hl, &e2);
	t[hl] = (char)(hl < size ? data[hl] : 0);
	rc2 = proc_buddyinfo_parse(&reused, t, size, &e2);
	fz_quiet_end("proc_buddyinfo_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d, re-parse %d", rc, rc2);
	if (rc == 0) {
		check(&fresh, t, size);
		same(&fresh, &reused);
	} else {
		FZ_CHECK(strncmp(e.msg, "buddyinfo: ", 11) == 0, "error '%s'", e.msg);
	}
	proc_buddyinfo_free(&fresh);
	proc_buddyinfo_free(&reused);
	free(t);
	return 0;
}
