/* proc-meminfo.c — /proc/meminfo: "Key:   value kB" lines, kept by name. */
#include "config.h"

#include <string.h>

#include "proc.h"

int proc_meminfo_parse(struct kvset *kv, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	size_t nlines = 0;

	kv_clear(kv);
	if (len == 0) {
		zs_err_set(e, 0, "meminfo: empty file");
		return -1;
	}
	while (p < end) {
		const char *eol = zs_line_end(p, end);
		const char *colon = memchr(p, ':', (size_t)(eol - p));

		if (colon && colon > p) {
			const char *v = colon + 1;
			uint64_t val;

			if (zs_parse_u64(&v, &val) && v <= eol) {
				kv_put(kv, p, (size_t)(colon - p), val > INT64_MAX ? INT64_MAX : (int64_t)val);
				nlines++;
			}
		}
		p = eol + 1;
	}
	if (nlines == 0) {
		zs_err_set(e, 0, "meminfo: no 'Name: value' line in %zu bytes", len);
		return -1;
	}
	return 0;
}
