/* delta.c — differences of monotonic counters and of sample times, with reset handling. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

uint64_t delta_counter(uint64_t prev, uint64_t cur, bool *backwards)
{
	/* A kernel counter only goes back when it was reset (reboot between two captures, a different
	 * tree, a 32-bit wrap): the real change is unknown, and 0 is the only honest small answer. */
	if (cur < prev) {
		if (backwards)
			*backwards = true;
		return 0;
	}
	return cur - prev;
}

uint64_t delta_named(const char *name, uint64_t prev, uint64_t cur, struct analysis_notes *notes)
{
	bool back = false;
	uint64_t d = delta_counter(prev, cur, &back);

	if (back)
		analysis_notes_add(notes, "counter %s went backwards (%" PRIu64 " -> %" PRIu64 "); counted as 0",
				   name, prev, cur);
	return d;
}

double delta_seconds(const struct sample *prev, const struct sample *cur)
{
	int64_t ns;

	if (!prev || !cur)
		return 0;
	ns = cur->t.mono_ns - prev->t.mono_ns;
	return ns > 0 ? (double)ns / 1e9 : 0;
}

uint32_t analysis_kernel_version(const struct sample *s)
{
	const char *p = s->kernel_release;
	char *end;
	unsigned long major, minor;

	if (!*p)
		return 0;
	major = strtoul(p, &end, 10);
	if (end == p || *end != '.')
		return 0;
	p = end + 1;
	minor = strtoul(p, &end, 10);
	if (end == p || major > 100 || minor > 999)
		return 0;
	return (uint32_t)(major * 1000 + minor);
}
