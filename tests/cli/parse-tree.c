/* parse-tree.c — test helper: read a captured tree with the procfs source and run every parser on it.
 *
 *   parse-tree DIR     prints one line per part whose file exists: "PART ok" or "PART error MESSAGE"
 *                      (exit 0), or exits 1 when DIR cannot be opened as a source
 *
 * Used by tests/cli/corpus.sh on the real captures of $ZONESTAT_CORPUS. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sample.h"
#include "source.h"

static const char *const part_name[SP_NPARTS] = {
	[SP_STAT] = "stat", [SP_MEMINFO] = "meminfo", [SP_VMSTAT] = "vmstat", [SP_UPTIME] = "uptime",
	[SP_CPUINFO] = "cpuinfo", [SP_DISKSTATS] = "diskstats", [SP_SLABINFO] = "slabinfo",
	[SP_LOADAVG] = "loadavg", [SP_ZONEINFO] = "zoneinfo", [SP_BUDDYINFO] = "buddyinfo",
	[SP_PAGETYPEINFO] = "pagetypeinfo", [SP_PSI] = "pressure/memory", [SP_SYSCTLS] = "sysctls",
	[SP_NODES] = "nodes", [SP_CPU_ONLINE] = "cpu_online", [SP_VERSION] = "version",
};

int main(int argc, char **argv)
{
	struct zs_err e = { 0 };
	struct source *src;
	struct snapshot snap;
	struct sample s;
	unsigned all = (1u << SP_NPARTS) - 1;

	if (argc != 2) {
		fprintf(stderr, "usage: parse-tree DIR\n");
		return 1;
	}
	if (!(src = source_procfs_open(argv[1], &e))) {
		fprintf(stderr, "parse-tree: %s\n", e.msg);
		return 1;
	}
	snapshot_init(&snap);
	sample_init(&s);
	if (source_take(src, sample_parts_mask(all), &snap, &e) < 0) {
		fprintf(stderr, "parse-tree: %s\n", e.msg);
		return 1;
	}
	sample_parse(&s, &snap, all);
	for (int p = 0; p < SP_NPARTS; p++) {
		if (s.have & SAMPLE_HAVE(p))
			printf("%s ok\n", part_name[p]);
		else if (s.err[p].code != 2 /* ENOENT */ && !strstr(s.err[p].msg, "not found"))
			printf("%s error %s\n", part_name[p], s.err[p].msg);
	}
	sample_free(&s);
	snapshot_free(&snap);
	source_close(src);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
