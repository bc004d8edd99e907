/* fuzz-kvfile.h — the harness of the "name value" parsers (meminfo, vmstat): every kept name comes from
 * a line start of the text, is found again by lookup with its value and appears once, there is at least
 * one on success, and a parse into a set that held other keys equals a fresh parse. */
#ifndef ZS_FUZZ_KVFILE_H
#define ZS_FUZZ_KVFILE_H

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kv.h"
#include "util.h"

typedef int fz_kv_parser(struct kvset *kv, const char *text, size_t len, struct zs_err *e);

static inline void fz_check_kvfile(const struct kvset *kv, const char *text, size_t len, const char *after,
				   int nonneg)
{
	for (size_t i = 0; i < kv_count(kv); i++) {
		const char *n = kv_name(kv, i);
		size_t nl = strlen(n);
		int64_t v;

		FZ_CHECK(nl > 0 && !strchr(n, '\n'), "name '%s'", n);
		FZ_CHECK(fz_has_line_start(text, len, n, nl, after), "name '%s' does not start a line", n);
		FZ_CHECK(kv_get(kv, n, &v) && v == kv_value(kv, i), "%s: lookup gives another value", n);
		FZ_CHECK(!nonneg || v >= 0, "%s: negative value %lld", n, (long long)v);
		for (size_t j = 0; j < i; j++)
			FZ_CHECK(strcmp(kv_name(kv, j), n) != 0, "%s kept twice", n);
	}
}

/* prefix: how the parser's messages start ("meminfo: "); after: the characters that end a name. */
static inline void fz_kvfile_run(fz_kv_parser *parse, const char *prefix, const char *after, int nonneg,
				 const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	struct kvset kv, used;
	struct zs_err e = { 0 };
	int rc, rc2;

	kv_init(&kv);
	kv_init(&used);
	kv_put(&used, "MemFree", 7, 12345);
	kv_put(&used, "Stale", 5, 1);
	fz_quiet_begin();
	rc = parse(&kv, t, size, &e);
	rc2 = parse(&used, t, size, &e);
	fz_quiet_end(prefix);

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d/%d", rc, rc2);
	FZ_CHECK(rc == 0 ? kv_count(&kv) > 0 : kv_count(&kv) == 0, "rc %d with %zu keys", rc, kv_count(&kv));
	fz_check_kvfile(&kv, t, size, after, nonneg);
	FZ_CHECK(kv_count(&kv) == kv_count(&used), "a used set keeps %zu keys, a fresh one %zu",
		 kv_count(&used), kv_count(&kv));
	for (size_t i = 0; i < kv_count(&kv); i++)
		FZ_CHECK(strcmp(kv_name(&kv, i), kv_name(&used, i)) == 0 && kv_value(&kv, i) == kv_value(&used, i),
			 "key %zu differs in a used set", i);
	if (rc < 0)
		FZ_CHECK(strncmp(e.msg, prefix, strlen(prefix)) == 0, "error '%s'", e.msg);
	kv_free(&kv);
	kv_free(&used);
	free(t);
}

#endif
