/* proc-pick.c — a few named values from a "name value" text, scanning only as far as needed. */
#include "config.h"

#include <string.h>

#include "proc-pick.h"
#include "util.h"

void proc_pick_init(struct proc_pick *keys, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		keys[i].name = names[i];
		keys[i].value = 0;
		keys[i].found = false;
		keys[i].hint = 0;
	}
}

/* The value after the name at line start p (the name and sep already matched), if it ends on its line. */
static bool value_at(const char *v, const char *end, uint64_t *val)
{
	const char *eol = memchr(v, '\n', (size_t)(end - v));

	if (!eol)
		eol = end;
	while (v < eol && (*v == ' ' || *v == '\t'))
		v++;
	return v < eol && zs_parse_u64(&v, val) && v <= eol;
}

/* Is the line of key k near its previous place?  Values before it change width, so the line moves a
 * few bytes from one read to the next: look within a small window around the hint. */
static bool near_hint(struct proc_pick *k, const char *text, size_t len, char sep)
{
	size_t nl = strlen(k->name), lo = k->hint > 64 ? k->hint - 64 : 0, hi = k->hint + 64;

	if (!k->hint || hi + nl + 1 > len)
		return false;
	/* most reads: exactly where it was */
	if (text[k->hint - 1] == '\n' && memcmp(text + k->hint, k->name, nl) == 0 && text[k->hint + nl] == sep &&
	    value_at(text + k->hint + nl + 1, text + len, &k->value)) {
		k->found = true;
		return true;
	}
	for (size_t at = lo; at < hi; at++) {
		const char *q = memchr(text + at, '\n', hi - at);

		/* a line start: after a newline */
		if (!q)
			break;
		at = (size_t)(q - text);
		if (memcmp(text + at + 1, k->name, nl) == 0 && text[at + 1 + nl] == sep &&
		    value_at(text + at + 2 + nl, text + len, &k->value)) {
			k->hint = at + 1;
			k->found = true;
			return true;
		}
	}
	return false;
}

size_t proc_pick(struct proc_pick *keys, size_t n, const char *text, size_t len, char sep)
{
	const char *p, *end;
	size_t found = 0;

	len = zs_text_len(text, len);
	p = text;
	end = text + len;

	for (size_t i = 0; i < n; i++) {
		keys[i].value = 0;
		keys[i].found = false;
		if (near_hint(&keys[i], text, len, sep))
			found++;
	}
	while (p < end && found < n) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *ke;

		if (!eol)
			eol = end;
		ke = memchr(p, sep, (size_t)(eol - p));
		if (ke && ke > p) {
			size_t kl = (size_t)(ke - p);

			for (size_t i = 0; i < n; i++) {
				uint64_t val;

				if (keys[i].found || keys[i].name[0] != *p || strncmp(keys[i].name, p, kl) != 0 ||
				    keys[i].name[kl] != '\0')
					continue;
				if (value_at(ke + 1, eol, &val)) {
					keys[i].value = val;
					keys[i].found = true;
					keys[i].hint = (size_t)(p - text);
					found++;
				}
				break;
			}
		}
		p = eol + 1;
	}
	return found;
}
