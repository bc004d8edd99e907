/* fuzz-explain.c — one sample through --explain's derivations (explain_build: kformula's watermarks,
 * protection, thresholds, drift marks and pcp numbers, then the cross-file sums), the arithmetic that
 * damaged sysctls, managed counts and pageset numbers reach.  The input is a blob of "== PATH" sections
 * (fuzz.h): zoneinfo, buddyinfo, vmstat, meminfo, version, the sys/vm/ sysctls,
 * devices/system/cpu/online and nodeN/ files.  Promised (explain.h): 0 with rows or -1 with a message;
 * every row names a zone of the sample (or the whole machine), a known status and text without a
 * newline; a second build into the same struct gives the same rows (nothing kept from the last one);
 * nothing printed. */
#include "config.h"

#include <string.h>

#include "explain.h"
#include "fuzz.h"

const char fuzz_name[] = "explain";

#define PARTS                                                                                          \
	(SAMPLE_HAVE(SP_ZONEINFO) | SAMPLE_HAVE(SP_BUDDYINFO) | SAMPLE_HAVE(SP_VMSTAT) |                  \
	 SAMPLE_HAVE(SP_MEMINFO) | SAMPLE_HAVE(SP_SYSCTLS) | SAMPLE_HAVE(SP_NODES) |                      \
	 SAMPLE_HAVE(SP_CPU_ONLINE) | SAMPLE_HAVE(SP_VERSION))

/* s is NUL-terminated within n bytes and holds no newline. */
static int one_line(const char *s, size_t n)
{
	const char *end = memchr(s, '\0', n);

	return end && !memchr(s, '\n', (size_t)(end - s));
}

static int has_zone(const struct sample *s, int node, const char *name)
{
	for (int i = 0; i < s->zi.nzones; i++)
		if (s->zi.zone[i].node == node && strcmp(s->zi.zone[i].name, name) == 0)
			return 1;
	return 0;
}

static void check_rows(const struct sample *s, const struct explain *x)
{
	size_t counted = 0;

	FZ_CHECK(x->n <= x->cap && (x->n == 0 || x->row), "%zu rows in %zu", x->n, x->cap);
	FZ_CHECK(x->nsummary >= 0 && x->nsummary <= (int)(sizeof x->summary / sizeof x->summary[0]),
		 "%d summary lines", x->nsummary);
	for (int i = 0; i < x->nsummary; i++)
		FZ_CHECK(one_line(x->summary[i], sizeof x->summary[i]) && x->summary[i][0], "summary line %d", i);
	for (size_t i = 0; i < x->n; i++) {
		const struct explain_row *r = &x->row[i];

		FZ_CHECK(one_line(r->zone, sizeof r->zone) && one_line(r->field, sizeof r->field) &&
				 one_line(r->formula, sizeof r->formula) && one_line(r->note, sizeof r->note),
			 "row %zu: text not one line", i);
		FZ_CHECK(r->field[0], "row %zu: no field name", i);
		FZ_CHECK(r->st >= EX_AGREE && r->st <= EX_INFO, "row %zu (%s): status %d", i, r->field, (int)r->st);
		FZ_CHECK(r->node >= -1, "row %zu (%s): node %d", i, r->field, r->node);
		FZ_CHECK(!r->zone[0] || has_zone(s, r->node, r->zone), "row %zu (%s): zone %d/%s not in the sample",
			 i, r->field, r->node, r->zone);
		FZ_CHECK(r->st != EX_DISAGREE || r->have_kernel, "row %zu (%s): a disagreement without the kernel's value",
			 i, r->field);
		FZ_CHECK(strcmp(explain_status_name(r->st), "") != 0, "row %zu: status without a name", i);
		FZ_CHECK(explain_find(x, r->node, r->zone, r->field) != NULL, "row %zu (%s): not found again", i,
			 r->field);
	}
	for (int st = EX_AGREE; st <= EX_INFO; st++)
		counted += explain_count(x, (enum explain_status)st);
	FZ_CHECK(counted == x->n, "%zu rows counted of %zu", counted, x->n);
}

static int same_rows(const struct explain *a, const struct explain *b)
{
	if (a->n != b->n || a->nsummary != b->nsummary)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct explain_row *p = &a->row[i], *q = &b->row[i];

		if (p->node != q->node || p->st != q->st || p->have_kernel != q->have_kernel ||
		    p->have_derived != q->have_derived || (p->have_kernel && p->kernel != q->kernel) ||
		    (p->have_derived && p->derived != q->derived) || strcmp(p->zone, q->zone) ||
		    strcmp(p->field, q->field) || strcmp(p->formula, q->formula) || strcmp(p->note, q->note))
			return 0;
	}
	for (int i = 0; i < a->nsummary; i++)
		if (strcmp(a->summary[i], b->summary[i]))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot snap;
	struct sample s;
	struct explain x, y;
	struct zs_err e = { 0 }, e2 = { 0 };
	int rc, rc2;

	memset(&x, 0, sizeof x);
	memset(&y, 0, sizeof y);
	snapshot_init(&snap);
	fz_snapshot(&snap, (const char *)data, size, NULL);
	sample_init(&s);
	fz_quiet_begin();
	sample_parse(&s, &snap, PARTS);
	rc = explain_build(&x, &s, &e);
	if (rc == 0) {
		check_rows(&s, &x);
		/* into a fresh struct, then again into the used one: both as the first build */
		rc2 = explain_build(&y, &s, &e2);
		FZ_CHECK(rc2 == 0 && same_rows(&x, &y), "a second build differs (rc %d)", rc2);
		rc2 = explain_build(&x, &s, &e2);
		FZ_CHECK(rc2 == 0 && same_rows(&x, &y), "a rebuild into the same struct differs (rc %d)", rc2);
	} else {
		FZ_CHECK(rc == -1 && e.msg[0] && one_line(e.msg, sizeof e.msg), "rc %d, message '%s'", rc, e.msg);
	}
	fz_quiet_end("explain_build");
	explain_free(&x);
	explain_free(&y);
	sample_free(&s);
	snapshot_free(&snap);
	return 0;
}
