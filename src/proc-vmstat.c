/* proc-vmstat.c — /proc/vmstat: "name value" lines, kept by name. */
#include "config.h"

#include <string.h>

#include "proc.h"

int proc_vmstat_parse(struct kvset *kv, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	size_t nlines = 0;

	kv_clear(kv);
	if (len == 0) {
		zs_err_set(e, 0, "vmstat: empty file");
		return -1;
	}
	while (p < end) {
		const char *eol = zs_line_end(p, end);
		const char *sp = p;

		while (sp < eol && *sp != ' ' && *sp != '\t')
			sp++;
		if (sp > p && sp < eol) {
			const char *v = sp;
			int64_t val;

			if (zs_parse_i64(&v, &val) && v <= eol) {
				kv_put(kv, p, (size_t)(sp - p), val);
				nlines++;
			}
		}
		p = eol + 1;
	}
	if (nlines == 0) {
		zs_err_set(e, 0, "vmstat: no 'name value' line in %zu bytes", len);
		return -1;
	}
	return 0;
}
