/* proc-cpuinfo.c — /proc/cpuinfo: "key<TAB>: value" lines in blank-line separated blocks. */
#include "config.h"

#include <string.h>

#include "proc-cpuinfo.h"

static bool key_is(const char *p, const char *eol, const char *key)
{
	size_t l = strlen(key);

	if ((size_t)(eol - p) < l || memcmp(p, key, l) != 0)
		return false;
	p += l;
	/* the key ends at the tabs/blanks before the colon */
	p = zs_skip_blanks(p);
	return p < eol && *p == ':';
}

int proc_cpuinfo_parse(struct cpuinfo *ci, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	bool open = false;

	(void)e;
	memset(ci, 0, sizeof *ci);
	while (p < end) {
		const char *eol = zs_line_end(p, end);

		if (zs_skip_blanks(p) == eol) {
			open = false;
		} else if (key_is(p, eol, "processor")) {
			ci->nprocessors++;
			open = true;
		} else if (key_is(p, eol, "core id")) {
			ci->ncore_ids++;
			open = false;
		} else if (!ci->model_name[0] && key_is(p, eol, "model name")) {
			const char *v = zs_skip_blanks((const char *)memchr(p, ':', (size_t)(eol - p)) + 1);
			size_t n = (size_t)(eol - v);

			if (n >= sizeof ci->model_name)
				n = sizeof ci->model_name - 1;
			memcpy(ci->model_name, v, n);
			ci->model_name[n] = '\0';
		}
		p = eol + 1;
	}
	ci->open_block_at_eof = open;
	return 0;
}
