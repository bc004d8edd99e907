/* fuzz-slabinfo.c — proc_slabinfo_parse(): 5 to 7 numbers per cache, caches plus skipped lines never
 * more than the lines of the file, the first skipped line's number set exactly when one was skipped. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc-slabinfo.h"

const char fuzz_name[] = "slabinfo";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct slabinfo si = { 0 }, again = { 0 };
	struct zs_err e = { 0 };
	size_t lines = 0;
	int rc, rc2;

	for (size_t i = 0; i < size; i++)
		lines += t[i] == '\n';
	lines += size > 0 && t[size - 1] != '\n';
	fz_quiet_begin();
	rc = proc_slabinfo_parse(&si, t, size, &e);
	t[size / 2] = '\0';
	proc_slabinfo_parse(&again, t, size / 2, &e);
	t[size / 2] = size ? (char)data[size / 2] : '\0';
	rc2 = proc_slabinfo_parse(&again, t, size, &e);
	fz_quiet_end("proc_slabinfo_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d/%d", rc, rc2);
	if (rc == 0) {
		FZ_CHECK(si.major >= -1 && si.major <= 1000 && si.minor >= -1 && si.minor <= 1000, "version %d.%d",
			 si.major, si.minor);
		FZ_CHECK(si.n + si.bad_lines <= lines, "%zu caches + %zu bad lines > %zu lines", si.n, si.bad_lines,
			 lines);
		FZ_CHECK((si.first_bad == 0) == (si.bad_lines == 0) && si.first_bad <= lines, "first bad line %zu",
			 si.first_bad);
		FZ_CHECK(si.n == again.n && si.bad_lines == again.bad_lines, "a re-parse differs");
		for (size_t i = 0; i < si.n; i++) {
			const struct slab_entry *s = &si.s[i], *r = &again.s[i];

			FZ_CHECK(s->nfields >= 5 && s->nfields <= 7 && strlen(s->name) < sizeof s->name, "%s: %d fields",
				 s->name, s->nfields);
			FZ_CHECK(memcmp(s, r, sizeof *s) == 0, "cache %zu differs after a re-parse", i);
		}
	} else {
		FZ_CHECK(size == 0 && strncmp(e.msg, "slabinfo: ", 10) == 0, "error '%s'", e.msg);
	}
	proc_slabinfo_free(&si);
	proc_slabinfo_free(&again);
	free(t);
	return 0;
}
