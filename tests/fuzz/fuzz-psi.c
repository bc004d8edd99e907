/* fuzz-psi.c — proc_psi_parse() of /proc/pressure/memory: a "some" line when it succeeds, averages
 * finite and not negative, nothing kept from a previous parse. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "psi";

static void check_line(const struct psi_line *l, const char *which)
{
	if (!l->have) {
		FZ_CHECK(l->avg10 == 0 && l->avg60 == 0 && l->avg300 == 0 && l->total_us == 0,
			 "%s: values without the line", which);
		return;
	}
	FZ_CHECK(isfinite(l->avg10) && isfinite(l->avg60) && isfinite(l->avg300), "%s: not finite", which);
	FZ_CHECK(l->avg10 >= 0 && l->avg60 >= 0 && l->avg300 >= 0, "%s: negative average", which);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct proc_psi fresh, reused;
	struct zs_err e = { 0 }, e2 = { 0 };
	int rc, rc2;

	memset(&fresh, 0, sizeof fresh);
	/* a previous parse's values must not survive */
	memset(&reused, 0x5a, sizeof reused);
	fz_quiet_begin();
	rc = proc_psi_parse(&fresh, t, size, &e);
	rc2 = proc_psi_parse(&reused, t, size, &e2);
	fz_quiet_end("proc_psi_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d, re-parse %d", rc, rc2);
	if (rc == 0) {
		FZ_CHECK(fresh.some.have, "success without a 'some' line");
		FZ_CHECK(fz_has_line_start(t, size, "some ", 5, NULL), "'some' line not in the text");
		check_line(&fresh.some, "some");
		check_line(&fresh.full, "full");
		FZ_CHECK(memcmp(&fresh.some, &reused.some, sizeof fresh.some) == 0 &&
				 memcmp(&fresh.full, &reused.full, sizeof fresh.full) == 0,
			 "a re-parse over old values differs");
	} else {
		FZ_CHECK(strncmp(e.msg, "pressure/memory: ", 17) == 0, "error '%s'", e.msg);
	}
	free(t);
	return 0;
}
