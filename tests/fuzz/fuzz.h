/* fuzz.h — what every parser harness shares (tests/fuzz/fuzz-*.c).
 *
 * A harness is one LLVMFuzzerTestOneInput() per parser.  It is linked either with libFuzzer (clang
 * -fsanitize=fuzzer, tests/fuzz/run-short.sh) or with tests/fuzz/replay.c, a plain main() that feeds the
 * seed corpus and mutations of it (make check).  Besides not crashing, a harness checks what the parser
 * promises (counts within bounds, names from the text, a re-parse into reused memory equal to a fresh
 * one, nothing printed) and aborts through FZ_CHECK when a promise is broken, so that the fuzzer reports
 * logic bugs as crashes with a reproducer. */
#ifndef ZS_FUZZ_H
#define ZS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The harness's corpus directory: tests/fuzz/corpus/<fuzz_name>/ (defined by each harness). */
extern const char fuzz_name[];

/* A NUL-terminated copy of the input (parsers read text + length, and rely on the NUL after it). */
char *fz_text(const uint8_t *data, size_t size);

/* Around a parser call: anything it writes to stdout or stderr (stdio) or to file descriptor 1 is
 * caught, and fz_quiet_end() fails the run naming 'what' ("parsers never print"). */
void fz_quiet_begin(void);
void fz_quiet_end(const char *what);

/* Set by replay.c: the input being fed, written to ./fuzz-failure-NAME when a check fails. */
extern const uint8_t *fz_replay_input;
extern size_t fz_replay_len;

__attribute__((noreturn, format(printf, 4, 5)))
void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...);
#define FZ_CHECK(cond, ...)                                                    \
	do {                                                                   \
		if (!(cond))                                                   \
			fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);       \
	} while (0)

/* A snapshot from a blob of sections, each "== PATH\n" then the file's text up to the next "\n== " line:
 * PATH is a snapshot file path ("zoneinfo", "sys/vm/min_free_kbytes", "devices/system/cpu/online") or an
 * extra ("node0/meminfo").  With prefix non-NULL only sections "== PREFIX/PATH" count (two samples in
 * one input: "0/zoneinfo", "1/zoneinfo").  Text before the first section is ignored. */
void fz_snapshot(struct snapshot *s, const char *text, size_t len, const char *prefix);

/* Does the text hold line (len bytes) as a whole line, or as the start of a line followed by one of
 * the characters in 'after' (by anything when after is NULL)? */
int fz_has_line_start(const char *text, size_t tlen, const char *line, size_t len, const char *after);

#endif
