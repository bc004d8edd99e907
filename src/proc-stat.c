/* proc-stat.c — /proc/stat: CPU tick lines and the system-wide counters, by name. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "proc.h"

static int parse_ticks(const char *s, const char *eol, struct cpu_ticks *t)
{
	uint64_t *f[] = { &t->user, &t->nice, &t->system, &t->idle, &t->iowait,
			  &t->irq, &t->softirq, &t->steal, &t->guest, &t->guest_nice };
	int n = 0;

	memset(t, 0, sizeof *t);
	while (n < (int)ZS_ARRAY_LEN(f)) {
		const char *q = s;

		if (!zs_parse_u64(&q, f[n]) || q > eol)
			break;
		s = q;
		n++;
	}
	t->nfields = n;
	return n;
}

static bool word_is(const char *p, const char *eol, const char *w, const char **after)
{
	size_t l = strlen(w);

	if ((size_t)(eol - p) <= l || memcmp(p, w, l) != 0 || (p[l] != ' ' && p[l] != '\t'))
		return false;
	*after = p + l;
	return true;
}

int proc_stat_parse(struct proc_stat *st, const char *text, size_t len, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	static const struct {
		const char *name;
		size_t off;
		unsigned bit;
	} keys[] = {
		{ "intr", offsetof(struct proc_stat, intr), STAT_HAVE_INTR },
		{ "ctxt", offsetof(struct proc_stat, ctxt), STAT_HAVE_CTXT },
		{ "btime", offsetof(struct proc_stat, btime), STAT_HAVE_BTIME },
		{ "processes", offsetof(struct proc_stat, processes), STAT_HAVE_PROCESSES },
		{ "procs_running", offsetof(struct proc_stat, procs_running), STAT_HAVE_RUNNING },
		{ "procs_blocked", offsetof(struct proc_stat, procs_blocked), STAT_HAVE_BLOCKED },
	};
	bool have_total = false;

	st->ncpu = 0;
	st->have = 0;
	st->intr = st->ctxt = st->btime = st->processes = st->procs_running = st->procs_blocked = 0;
	if (len == 0) {
		zs_err_set(e, 0, "stat: empty file");
		return -1;
	}
	while (p < end) {
		const char *eol = zs_line_end(p, end), *after;

		if (eol - p > 3 && memcmp(p, "cpu", 3) == 0) {
			if (p[3] == ' ') {
				struct cpu_ticks t;

				/* a short "cpu" line (a torn read) must not replace a whole one */
				if (parse_ticks(p + 3, eol, &t) >= 4) {
					st->total = t;
					have_total = true;
				}
			} else if (p[3] >= '0' && p[3] <= '9') {
				const char *q = p + 3;
				uint64_t id;
				struct cpu_ticks t;

				if (zs_parse_u64(&q, &id) && id < 1u << 20 && parse_ticks(q, eol, &t) >= 4) {
					size_t cap = (size_t)st->cpu_cap;

					xgrow((void **)&st->cpu, &cap, (size_t)st->ncpu + 1, sizeof *st->cpu);
					st->cpu_cap = (int)cap;
					st->cpu[st->ncpu].id = (int)id;
					st->cpu[st->ncpu].t = t;
					st->ncpu++;
				}
			}
		} else {
			for (size_t i = 0; i < ZS_ARRAY_LEN(keys); i++) {
				uint64_t v;

				if (word_is(p, eol, keys[i].name, &after) && zs_parse_u64(&after, &v) &&
				    after <= eol) {
					*(uint64_t *)((char *)st + keys[i].off) = v;
					st->have |= keys[i].bit;
					break;
				}
			}
		}
		p = eol + 1;
	}
	if (!have_total) {
		zs_err_set(e, 0, "stat: no 'cpu' line with at least 4 numbers");
		return -1;
	}
	return 0;
}

void proc_stat_free(struct proc_stat *st)
{
	free(st->cpu);
	st->cpu = NULL;
	st->ncpu = st->cpu_cap = 0;
}
