/* fuzz-cpuinfo.c — proc_cpuinfo_parse(): counts within the number of lines, the model name one line of
 * the text, NUL-terminated in its buffer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc-cpuinfo.h"

const char fuzz_name[] = "cpuinfo";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct cpuinfo ci;
	struct zs_err e = { 0 };
	long lines = 0;
	size_t ml;
	int rc;

	for (size_t i = 0; i < size; i++)
		lines += t[i] == '\n';
	lines += size > 0 && t[size - 1] != '\n';
	memset(&ci, 0x5a, sizeof ci);
	fz_quiet_begin();
	rc = proc_cpuinfo_parse(&ci, t, size, &e);
	fz_quiet_end("proc_cpuinfo_parse");

	FZ_CHECK(rc == 0, "rc %d (the parser never fails)", rc);
	FZ_CHECK(ci.nprocessors >= 0 && ci.ncore_ids >= 0 && ci.nprocessors + ci.ncore_ids <= lines,
		 "%d processors, %d core ids in %ld lines", ci.nprocessors, ci.ncore_ids, lines);
	FZ_CHECK(!ci.open_block_at_eof || ci.nprocessors > 0, "an open block without a processor line");
	ml = strnlen(ci.model_name, sizeof ci.model_name);
	FZ_CHECK(ml < sizeof ci.model_name && !strchr(ci.model_name, '\n') &&
			 (ml == 0 || memmem(t, size, ci.model_name, ml)),
		 "model name '%.64s'", ci.model_name);
	free(t);
	return 0;
}
