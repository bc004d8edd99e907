/* proc-psi.c — /proc/pressure/memory: "some|full avg10=… avg60=… avg300=… total=…".
 *
 * The averages are printed "%lu.%02lu"; they are read digit by digit (no strtod, whose decimal point
 * follows the locale).  "full" is absent on kernels that only report "some". */
#include "config.h"

#include <string.h>

#include "proc.h"

/* "12.34" -> 12.34; false if no digit. */
static bool parse_fixed(const char **sp, double *out)
{
	const char *s = *sp;
	uint64_t ip;
	double frac = 0, scale = 0.1;

	if (!zs_parse_u64(&s, &ip))
		return false;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			frac += (*s - '0') * scale;
			scale /= 10;
			s++;
		}
	}
	*out = (double)ip + frac;
	*sp = s;
	return true;
}

static int psi_line(struct psi_line *l, const char *s, const char *eol)
{
	unsigned seen = 0;

	memset(l, 0, sizeof *l);
	while (s < eol) {
		const char *k = zs_skip_blanks(s), *eq = k;
		size_t klen;

		while (eq < eol && *eq != '=' && *eq != ' ')
			eq++;
		if (eq >= eol || *eq != '=')
			break;
		klen = (size_t)(eq - k);
		s = eq + 1;
		if (klen == 5 && memcmp(k, "total", 5) == 0) {
			if (!zs_parse_u64(&s, &l->total_us))
				return -1;
			seen |= 8;
		} else {
			double v;

			if (!parse_fixed(&s, &v))
				return -1;
			if (klen == 5 && memcmp(k, "avg10", 5) == 0) {
				l->avg10 = v;
				seen |= 1;
			} else if (klen == 5 && memcmp(k, "avg60", 5) == 0) {
				l->avg60 = v;
				seen |= 2;
			} else if (klen == 6 && memcmp(k, "avg300", 6) == 0) {
				l->avg300 = v;
				seen |= 4;
			}
		}
		while (s < eol && *s != ' ')
			s++;
	}
	if (seen != 15)
		return -1;
	l->have = true;
	return 0;
}

int proc_psi_parse(struct proc_psi *p, const char *text, size_t len, struct zs_err *e)
{
	const char *s = text, *end = text + zs_text_len(text, len);
	size_t lineno = 0;

	memset(p, 0, sizeof *p);
	if (len == 0) {
		zs_err_set(e, 0, "pressure/memory: empty file (PSI disabled?)");
		return -1;
	}
	while (s < end) {
		const char *eol = zs_line_end(s, end);
		struct psi_line *l = NULL;

		lineno++;
		if (eol - s >= 5 && memcmp(s, "some ", 5) == 0)
			l = &p->some;
		else if (eol - s >= 5 && memcmp(s, "full ", 5) == 0)
			l = &p->full;
		if (l && psi_line(l, s + 5, eol) < 0) {
			zs_err_set(e, 0, "pressure/memory: line %zu: expected avg10= avg60= avg300= total=",
				   lineno);
			return -1;
		}
		s = eol + 1;
	}
	if (!p->some.have) {
		zs_err_set(e, 0, "pressure/memory: no 'some' line");
		return -1;
	}
	return 0;
}
