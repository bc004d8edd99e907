/* sample-build.h — samples made in code for the analysis suites: zones, vmstat counters, PSI, buddy
 * lists with the numbers a test wants, independent of the parsers. */
#ifndef ZS_SAMPLE_BUILD_H
#define ZS_SAMPLE_BUILD_H

#include <check.h>

#include "analysis.h"
#include "sample.h"

void sb_init(struct sample *s, double t_seconds);
/* Add a zone with free/min/low/high and managed pages; returns it for further settings. */
struct zone *sb_zone(struct sample *s, int node, const char *name, uint64_t free, uint64_t min, uint64_t low,
		     uint64_t high, uint64_t managed);
/* Per-CPU pagesets with the given counts, and the vm stats threshold. */
void sb_pcp(struct zone *z, int ncpu, const int64_t *count, int64_t threshold);
void sb_vm(struct sample *s, const char *name, int64_t v);
void sb_buddy(struct sample *s, int node, const char *name, const uint64_t *nfree, int norders);
/* Free what sb_* allocated (not the parsers' way: these tests must not depend on them). */
void sb_free(struct sample *s);
/* A note containing text was made. */
bool sb_has_note(const struct analysis_notes *n, const char *text);
/* Run the tests as one suite; the exit status for main(). */
int sb_run(const char *suite, const TTest *const *tests, int n);

#endif
