/* fuzz-vmstat-calc.c — procps vmstat's arithmetic (vmstat-calc.c) on any numbers a damaged or wrapped
 * /proc/stat, /proc/vmstat, /proc/meminfo or /proc/uptime could give: CPU percentages, the since-boot
 * and interval formulas, unit conversion, the double conversions and the line formats.  The input is
 * whitespace-separated numbers (strtoull base 0, so "-1" and 0x… work; the uptime goes through strtod,
 * so nan and inf too), missing ones 0:
 *   unit compat(0: 4.0.2) wide delay hz uptime kB-per-page r b
 *   10 ticks before, 10 ticks after, 6 counters before, 6 after (pgpgin pgpgout pswpin pswpout intr ctxt)
 *   swpd free buff cache
 * Promised: no undefined behaviour, a trap or a read or write past a buffer for any of them; a tick
 * delta never exceeds the counter; with realistic ticks (below 2^40) every CPU percentage is at most 100
 * (gu when guest time is within user and nice, as the kernel counts it);
 * a formatted line is as long as returned, one line, 18 (17 for the 4.0.2 short line) numbers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "vmstat.h"

const char fuzz_name[] = "vmstat-calc";

struct nums {
	const char *p;
};

static int blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* The next token parsed as an unsigned (dbl 0) or a double (dbl 1); 0 for a missing or bad one. */
static double next(struct nums *n, int dbl, uint64_t *u)
{
	char *end;
	double d = 0;

	*u = 0;
	while (blank(*n->p))
		n->p++;
	if (dbl)
		d = strtod(n->p, &end);
	else
		*u = strtoull(n->p, &end, 0);
	if (end == n->p) { /* not a number: skip the word */
		while (*n->p && !blank(*n->p))
			n->p++;
		*u = 0;
		return 0;
	}
	n->p = end;
	return d;
}

static uint64_t num(struct nums *n)
{
	uint64_t u;

	next(n, 0, &u);
	return u;
}

static double dnum(struct nums *n)
{
	uint64_t u;

	return next(n, 1, &u);
}

static void ticks(struct nums *n, struct cpu_ticks *t)
{
	uint64_t *f[10] = { &t->user, &t->nice, &t->system, &t->idle, &t->iowait,
			    &t->irq, &t->softirq, &t->steal, &t->guest, &t->guest_nice };

	for (int i = 0; i < 10; i++)
		*f[i] = num(n);
	t->nfields = 10;
}

static void counters(struct nums *n, struct vm_counters *c)
{
	c->pgpgin = num(n);
	c->pgpgout = num(n);
	c->pswpin = num(n);
	c->pswpout = num(n);
	c->intr = num(n);
	c->ctxt = num(n);
}

static int realistic(const struct cpu_ticks *t)
{
	const uint64_t lim = (uint64_t)1 << 40;

	return t->user < lim && t->nice < lim && t->system < lim && t->idle < lim && t->iowait < lim &&
	       t->irq < lim && t->softirq < lim && t->steal < lim && t->guest < lim && t->guest_nice < lim;
}

static void check_pct(const struct cpu_ticks *t, const struct vm_line *l)
{
	if (!realistic(t))
		return;
	FZ_CHECK(l->us <= 100 && l->sy <= 100 && l->id <= 100 && l->wa <= 100 && l->st <= 100,
		 "percentages %u %u %u %u %u", l->us, l->sy, l->id, l->wa, l->st);
	/* guest time is counted inside user and nice, and not in the total: only when the kernel kept that
	 * rule is gu a share of it */
	FZ_CHECK(t->guest + t->guest_nice > t->user + t->nice || l->gu <= 100, "gu %u", l->gu);
}

static void check_format(const struct vm_line *l, int wide, int compat)
{
	char buf[512], tiny[24];
	int len = vmstat_format_line(buf, sizeof buf, l, wide, compat), words = 0;
	int skew = 0;

	FZ_CHECK(len >= 0 && (size_t)len < sizeof buf && strlen(buf) == (size_t)len, "line length %d", len);
	FZ_CHECK(!strchr(buf, '\n'), "a newline in the line");
	for (const char *p = buf; *p; p++)
		if (*p != ' ' && (p == buf || p[-1] == ' '))
			words++;
	FZ_CHECK(words == (compat == COMPAT_402 && !wide ? 17 : 18), "%d numbers in '%s'", words, buf);
	/* a buffer too short for the line: cut, still terminated */
	len = vmstat_format_line(tiny, sizeof tiny, l, wide, compat);
	FZ_CHECK(strlen(tiny) < sizeof tiny && len >= 0, "short buffer: length %d", len);
	len = vmstat_put_skewed(tiny, 4, l->free, 6, &skew);
	FZ_CHECK(strlen(tiny) < 4 && len >= 0, "skewed into 4 bytes: length %d", len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_text(data, size);
	struct nums n = { text };
	struct cpu_ticks old, cur, d;
	struct vm_counters kp, kc;
	struct vm_mem m;
	struct vm_line l;
	char unit;
	int compat, wide;
	unsigned long delay;
	long hz;
	double up;
	unsigned kpp;
	uint64_t *dt[10] = { &d.user, &d.nice, &d.system, &d.idle, &d.iowait,
			     &d.irq, &d.softirq, &d.steal, &d.guest, &d.guest_nice };
	const uint64_t *ct[10] = { &cur.user, &cur.nice, &cur.system, &cur.idle, &cur.iowait,
				   &cur.irq, &cur.softirq, &cur.steal, &cur.guest, &cur.guest_nice };

	unit = (char)num(&n);
	compat = num(&n) == 0 ? COMPAT_402 : COMPAT_406;
	wide = num(&n) != 0;
	delay = (unsigned long)num(&n);
	hz = (long)num(&n);
	up = dnum(&n);
	kpp = (unsigned)num(&n);
	memset(&l, 0, sizeof l);
	l.r = num(&n);
	l.b = num(&n);
	ticks(&n, &old);
	ticks(&n, &cur);
	counters(&n, &kp);
	counters(&n, &kc);
	m.swpd = num(&n);
	m.free = num(&n);
	m.buff = num(&n);
	m.cache = num(&n);

	fz_quiet_begin();
	(void)vmstat_d2ul(up);
	(void)vmstat_d2u(up);
	(void)vmstat_d2ul(-up);
	(void)vmstat_d2u((double)m.free * up);
	(void)vmstat_unit_convert(m.cache, unit, compat);
	(void)vmstat_running(l.r, compat);
	vmstat_line_mem(&l, &m, unit, compat);

	vmstat_first_line(&l, &cur, &kc, up, hz, kpp, unit, compat);
	check_pct(&cur, &l);
	check_format(&l, wide, compat);

	vmstat_tick_delta(&old, &cur, compat, &d);
	for (int i = 0; i < 10; i++)
		FZ_CHECK(*dt[i] <= *ct[i], "tick %d: delta %llu over the counter %llu", i,
			 (unsigned long long)*dt[i], (unsigned long long)*ct[i]);
	vmstat_interval_line(&l, &d, &kp, &kc, delay, kpp, unit, compat);
	check_pct(&d, &l);
	check_format(&l, wide, compat);
	fz_quiet_end("the vmstat formulas");
	free(text);
	return 0;
}
