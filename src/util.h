/* util.h — allocation, error messages and small text helpers shared by every module. */
#ifndef ZS_UTIL_H
#define ZS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* An error a parser or a source returns instead of printing or exiting. */
struct zs_err {
	int code;          /* an errno value, or 0 when the message says it all */
	char msg[512];     /* "meminfo: line 3: no value after 'MemFree:'" */
};

void zs_err_set(struct zs_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void zs_err_clear(struct zs_err *e);

/* Allocation that never returns NULL: out of memory is fatal (message on stderr, exit 1). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Grow *p (of *cap elements of size sz) so that it holds at least need elements. */
void xgrow(void **p, size_t *cap, size_t need, size_t sz);

/* Parse an unsigned decimal at *s (leading blanks skipped); advances *s. False if no digit.
 * Saturates at UINT64_MAX instead of wrapping. */
bool zs_parse_u64(const char **s, uint64_t *out);
/* Signed variant (accepts a leading '-'); saturates at INT64_MIN/INT64_MAX. */
bool zs_parse_i64(const char **s, int64_t *out);
/* The length of text up to its first NUL byte, at most len.  Parsers stop there: the kernel never writes
 * a NUL into the files they read, and names cut at one could not be looked up. */
size_t zs_text_len(const char *text, size_t len);
/* Skip spaces and tabs. */
const char *zs_skip_blanks(const char *s);
/* The end of the line that starts at s (pointer to '\n' or to end). */
const char *zs_line_end(const char *s, const char *end);

/* Monotonic and wall-clock time. */
struct zs_time {
	int64_t mono_ns;
	int64_t wall_ns;
};
struct zs_time zs_now(void);

#endif
