/* fuzz-cpulist.c — proc_cpulist_parse() of "0-3,8,10-11": sorted ids without repeats, each within
 * [0, 65536) and in a range the text names; on failure the caller's array is left as it was. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "cpulist";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	int *cpus = xmalloc(2 * sizeof *cpus), *old = cpus, n = 2;
	struct zs_err e = { 0 };
	int rc;

	cpus[0] = 7;
	cpus[1] = 9;
	fz_quiet_begin();
	rc = proc_cpulist_parse(&cpus, &n, t, size, &e);
	fz_quiet_end("proc_cpulist_parse");

	FZ_CHECK(rc == 0 || rc == -1, "rc %d", rc);
	if (rc == 0) {
		FZ_CHECK(n >= 0 && n <= 65536, "%d cpus", n);
		for (int i = 0; i < n; i++)
			FZ_CHECK(cpus[i] >= 0 && cpus[i] < 65536 && (i == 0 || cpus[i] > cpus[i - 1]),
				 "cpu %d at %d: not sorted, repeated or out of range", cpus[i], i);
	} else {
		FZ_CHECK(cpus == old && n == 2 && cpus[0] == 7 && cpus[1] == 9, "failure changed the array");
		FZ_CHECK(strncmp(e.msg, "cpu list: ", 10) == 0, "error '%s'", e.msg);
	}
	free(cpus);
	free(t);
	return 0;
}
