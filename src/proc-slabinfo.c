/* proc-slabinfo.c — /proc/slabinfo: the version line, then "name n n n n n : tunables … : slabdata n n n". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "proc-slabinfo.h"

static void bad_line(struct slabinfo *si, size_t lineno)
{
	if (!si->bad_lines++)
		si->first_bad = lineno;
}

int proc_slabinfo_parse(struct slabinfo *si, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	size_t lineno = 0;

	si->n = 0;
	si->bad_lines = si->first_bad = 0;
	si->major = si->minor = -1;
	if (len == 0) {
		zs_err_set(e, 0, "slabinfo: empty file");
		return -1;
	}
	while (p < end) {
		const char *eol = zs_line_end(p, end), *q, *sd;
		uint64_t v[5];
		struct slab_entry *s;
		size_t nl = 0;
		int nf = 0;

		lineno++;
		if (lineno == 1) {
			static const char head[] = "slabinfo - version:";
			uint64_t ma, mi;

			q = p + sizeof head - 1;
			if ((size_t)(eol - p) > sizeof head && memcmp(p, head, sizeof head - 1) == 0 &&
			    zs_parse_u64(&q, &ma) && *q == '.' && (q++, zs_parse_u64(&q, &mi)) && q <= eol) {
				si->major = ma > 1000 ? 1000 : (int)ma;
				si->minor = mi > 1000 ? 1000 : (int)mi;
			} else {
				bad_line(si, lineno);
			}
			p = eol + 1;
			continue;
		}
		if (*p == '#' || zs_skip_blanks(p) == eol) {
			p = eol + 1;
			continue;
		}
		while (p + nl < eol && p[nl] != ' ' && p[nl] != '\t')
			nl++;
		q = p + nl;
		while (nf < 5) {
			const char *r = q;

			if (!zs_parse_u64(&r, &v[nf]) || r > eol)
				break;
			q = r;
			nf++;
		}
		if (nf < 5) {
			bad_line(si, lineno);
			p = eol + 1;
			continue;
		}
		xgrow((void **)&si->s, &si->cap, si->n + 1, sizeof *si->s);
		s = &si->s[si->n++];
		memset(s, 0, sizeof *s);
		if (nl >= sizeof s->name)
			nl = sizeof s->name - 1;
		memcpy(s->name, p, nl);
		s->active_objs = v[0];
		s->num_objs = v[1];
		s->objsize = v[2];
		s->objperslab = v[3];
		s->pagesperslab = v[4];
		s->nfields = 5;
		sd = q;
		while (sd + 8 <= eol && memcmp(sd, "slabdata", 8) != 0)
			sd++;
		if (sd + 8 <= eol) {
			q = sd + 8;
			if (zs_parse_u64(&q, &s->active_slabs) && q <= eol) {
				s->nfields++;
				if (zs_parse_u64(&q, &s->num_slabs) && q <= eol)
					s->nfields++;
			}
		}
		p = eol + 1;
	}
	return 0;
}

void proc_slabinfo_free(struct slabinfo *si)
{
	if (!si)
		return;
	free(si->s);
	si->s = NULL;
	si->n = si->cap = 0;
}
