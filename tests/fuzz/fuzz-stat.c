/* fuzz-stat.c — proc_stat_parse(): 4 to 10 tick fields on the "cpu" line and every "cpuN" line kept,
 * CPU ids within bounds, only known counters flagged, a re-parse over a previous one equal to a fresh
 * parse. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "stat";

static void same(const struct proc_stat *a, const struct proc_stat *b)
{
	FZ_CHECK(memcmp(&a->total, &b->total, sizeof a->total) == 0 && a->ncpu == b->ncpu && a->have == b->have &&
			 a->intr == b->intr && a->ctxt == b->ctxt && a->btime == b->btime &&
			 a->processes == b->processes && a->procs_running == b->procs_running &&
			 a->procs_blocked == b->procs_blocked,
		 "a re-parse differs");
	for (int i = 0; i < a->ncpu; i++)
		FZ_CHECK(a->cpu[i].id == b->cpu[i].id && memcmp(&a->cpu[i].t, &b->cpu[i].t, sizeof a->cpu[i].t) == 0,
			 "cpu %d differs after a re-parse", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct proc_stat fresh = { 0 }, reused = { 0 };
	struct zs_err e = { 0 }, e2 = { 0 };
	size_t hl = size / 2;
	int rc, rc2;

	fz_quiet_begin();
	rc = proc_stat_parse(&fresh, t, size, &e);
	t[hl] = '\0';
	proc_stat_parse(&reused, t, hl, &e2);
	t[hl] = (char)(hl < size ? data[hl] : 0);
	rc2 = proc_stat_parse(&reused, t, size, &e2);
	fz_quiet_end("proc_stat_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d/%d", rc, rc2);
	if (rc == 0) {
		FZ_CHECK(fresh.total.nfields >= 4 && fresh.total.nfields <= 10, "cpu line: %d fields",
			 fresh.total.nfields);
		FZ_CHECK((fresh.have & ~0x3fu) == 0, "have 0x%x", fresh.have);
		FZ_CHECK(fresh.ncpu >= 0 && fresh.ncpu <= fresh.cpu_cap, "ncpu %d", fresh.ncpu);
		for (int i = 0; i < fresh.ncpu; i++)
			FZ_CHECK(fresh.cpu[i].id >= 0 && fresh.cpu[i].id < (1 << 20) && fresh.cpu[i].t.nfields >= 4 &&
					 fresh.cpu[i].t.nfields <= 10,
				 "cpu %d: id %d, %d fields", i, fresh.cpu[i].id, fresh.cpu[i].t.nfields);
		same(&fresh, &reused);
	} else {
		FZ_CHECK(strncmp(e.msg, "stat: ", 6) == 0, "error '%s'", e.msg);
	}
	proc_stat_free(&fresh);
	proc_stat_free(&reused);
	free(t);
	return 0;
}
