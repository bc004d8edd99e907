/* proc-cpuinfo.h — /proc/cpuinfo: how many processor blocks, and whether the last one was left open. */
#ifndef ZS_PROC_CPUINFO_H
#define ZS_PROC_CPUINFO_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct cpuinfo {
	int nprocessors;         /* "processor" lines (x86, arm64, …) */
	int ncore_ids;           /* "core id" lines */
	/* the file ended inside a processor block that had neither a "core id" line nor an ending blank
	 * line (procps-ng 4.0.2 refuses such a file) */
	bool open_block_at_eof;
	char model_name[64];     /* the first "model name" value, "" when none */
};

int proc_cpuinfo_parse(struct cpuinfo *ci, const char *text, size_t len, struct zs_err *e);

#endif
