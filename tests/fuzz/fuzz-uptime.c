/* fuzz-uptime.c — proc_uptime_parse() and proc_loadavg_parse(): finite, not negative numbers on
 * success, a message naming the file otherwise. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "uptime";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct proc_uptime u = { -1, -1 };
	double avg[3] = { -1, -1, -1 };
	struct zs_err e = { 0 }, e2 = { 0 };
	int rc, rc2;

	fz_quiet_begin();
	rc = proc_uptime_parse(&u, t, size, &e);
	rc2 = proc_loadavg_parse(avg, t, size, &e2);
	fz_quiet_end("proc_uptime_parse");

	FZ_CHECK(rc == 0 || rc == -1, "rc %d", rc);
	if (rc == 0)
		FZ_CHECK(isfinite(u.up) && isfinite(u.idle) && u.up >= 0 && u.idle >= 0, "uptime %g idle %g", u.up,
			 u.idle);
	else
		FZ_CHECK(strncmp(e.msg, "uptime: ", 8) == 0, "error '%s'", e.msg);
	FZ_CHECK(rc2 == 0 || rc2 == -1, "rc %d", rc2);
	if (rc2 == 0) {
		for (int i = 0; i < 3; i++)
			FZ_CHECK(isfinite(avg[i]) && avg[i] >= 0, "load %d: %g", i, avg[i]);
		FZ_CHECK(rc == 0, "three numbers for loadavg but not two for uptime");
	} else {
		FZ_CHECK(strncmp(e2.msg, "loadavg: ", 9) == 0, "error '%s'", e2.msg);
	}
	free(t);
	return 0;
}
