/* proc-slabinfo.h — /proc/slabinfo (version 2.x): one line per slab cache. */
#ifndef ZS_PROC_SLABINFO_H
#define ZS_PROC_SLABINFO_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct slab_entry {
	char name[64];           /* cut to 63 bytes */
	uint64_t active_objs, num_objs, objsize, objperslab, pagesperslab;
	uint64_t active_slabs, num_slabs;
	int nfields;             /* numbers read: 5 before the first ':', +2 after "slabdata" */
};

struct slabinfo {
	int major, minor;        /* "slabinfo - version: 2.1"; -1 when the first line is not that */
	struct slab_entry *s;    /* file order */
	size_t n, cap;
	size_t bad_lines;        /* lines that are neither comments nor cache lines (skipped) */
	size_t first_bad;        /* line number of the first of them, 0 when none */
};

int proc_slabinfo_parse(struct slabinfo *si, const char *text, size_t len, struct zs_err *e);
void proc_slabinfo_free(struct slabinfo *si);

#endif
