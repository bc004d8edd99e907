/* explain.h — --explain: every number the kernel derives for a zone, re-derived from the kernel's own
 * formulas (kformula) and compared with what it shows, field by field, with the formula and its numbers.
 *
 * explain_build() is pure (sample in, rows out) so tests can check it without a terminal or a source. */
#ifndef ZS_EXPLAIN_H
#define ZS_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kformula.h"
#include "sample.h"

enum explain_status {
	EX_AGREE,       /* the kernel shows what the formula gives */
	EX_DISAGREE,    /* it does not, and no kernel behaviour explains it (exit status 2) */
	EX_EXPLAINED,   /* it does not, for a known kernel reason given in the note (stale pcp high …) */
	EX_INFO,        /* derived only: the kernel does not print it */
};

struct explain_row {
	int node;               /* -1: the whole machine */
	char zone[16];          /* "" for the whole machine */
	char field[24];
	bool have_kernel, have_derived;
	int64_t kernel, derived;
	enum explain_status st;
	char formula[200];
	char note[240];
};

struct explain {
	struct explain_row *row;
	size_t n, cap;
	struct kf_machine m;
	struct kf_result r;
	char summary[6][240];   /* the inputs: version, CPUs, page size, sysctls, what was inferred */
	int nsummary;
	int pcp_format;         /* the zoneinfo's pageset layout (proc_zoneinfo.pcp_format) */
};

/* Build every row from a parsed sample (SP_ZONEINFO needed; the other parts are used when present).
 * Returns 0, or -1 with e set when the sample has no usable zoneinfo. */
int explain_build(struct explain *x, const struct sample *s, struct zs_err *e);
void explain_free(struct explain *x);
/* Rows with status st. */
size_t explain_count(const struct explain *x, enum explain_status st);
/* The first row for (node, zone, field), or NULL. */
const struct explain_row *explain_find(const struct explain *x, int node, const char *zone, const char *field);
const char *explain_status_name(enum explain_status st);

#endif
