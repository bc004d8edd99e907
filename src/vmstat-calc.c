/* vmstat-calc.c — procps-ng vmstat's arithmetic, quirks included: unit conversion (float32 in 4.0.2),
 * CPU percentages, the since-boot and interval formulas, the rules for counters that go backwards, and
 * the line formats (4.0.5+ keep columns aligned when a value is too wide). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vmstat.h"

#define TWO63 9223372036854775808.0
#define TWO64 18446744073709551616.0

/* x86-64: values >= 2^63 are converted as (d - 2^63) with the top bit set again; beyond 2^64 the
 * conversion yields the "indefinite" integer, which that scheme turns into 0.  Negative values wrap. */
uint64_t vmstat_d2ul(double d)
{
	if (d != d || d >= TWO64 || d <= -TWO63)
		return d >= TWO64 ? 0 : (uint64_t)1 << 63;
	if (d >= TWO63)
		return (uint64_t)(int64_t)(d - TWO63) ^ ((uint64_t)1 << 63);
	return (uint64_t)(int64_t)d;
}

/* double -> unsigned int goes through a 64-bit signed conversion whose low half is kept. */
uint32_t vmstat_d2u(double d)
{
	if (d != d || d >= TWO63 || d <= -TWO63)
		return 0;
	return (uint32_t)(uint64_t)(int64_t)d;
}

unsigned vmstat_unit_div(char unit)
{
	switch (unit) {
	case 'b':
	case 'B':
		return 1;
	case 'k':
		return 1000;
	case 'm':
		return 1000000;
	case 'M':
		return 1048576;
	default:
		return 1024;
	}
}

uint64_t vmstat_unit_convert(uint64_t kib, char unit, int compat)
{
	unsigned div = vmstat_unit_div(unit);

	if (compat == COMPAT_402) {
		/* each step rounded to float32, as the 4.0.2 code does */
		volatile float f = (float)kib;

		f = f / (float)div;
		f = f * 1024.0f;
		return vmstat_d2ul((double)f);
	}
	return vmstat_d2ul((double)kib / (double)div * 1024.0);
}

/* v as the two's complement int64 it would be: what the signed arithmetic of procps gives on the usual
 * machines, without its undefined overflow (a damaged /proc/stat can hold ticks near 2^64). */
static int64_t wrap_i64(uint64_t v)
{
	return v > (uint64_t)INT64_MAX ? -(int64_t)~v - 1 : (int64_t)v;
}

/* (100 * x + h) / div, wrapping; div is not 0 */
static uint32_t pct_of(uint64_t x, int64_t h, int64_t div)
{
	uint64_t num = 100 * x + (uint64_t)h;

	if (div == -1) /* INT64_MIN / -1 traps */
		return (uint32_t)(0 - num);
	return (uint32_t)(wrap_i64(num) / div);
}

void vmstat_cpu_pct(const struct cpu_ticks *t, struct vm_line *l)
{
	uint64_t use = t->user + t->nice, sys = t->system + t->irq + t->softirq;
	uint64_t idl = t->idle, iow = t->iowait, sto = t->steal, gue = t->guest + t->guest_nice;
	int64_t div = wrap_i64(use + sys + idl + iow + sto), h;

	/* guest time is already inside user/nice: it is not added to the total, but taken from us */
	if (div == 0) {
		div = 1;
		idl = 1;
	}
	h = div / 2;
	use = wrap_i64(gue) > wrap_i64(use) ? 0 : use - gue;
	l->us = pct_of(use, h, div);
	l->sy = pct_of(sys, h, div);
	l->id = pct_of(idl, h, div);
	l->wa = pct_of(iow, h, div);
	l->st = pct_of(sto, h, div);
	l->gu = pct_of(gue, h, div);
}

static void ticks_fields(const struct cpu_ticks *t, uint64_t f[10])
{
	f[0] = t->user;
	f[1] = t->nice;
	f[2] = t->system;
	f[3] = t->idle;
	f[4] = t->iowait;
	f[5] = t->irq;
	f[6] = t->softirq;
	f[7] = t->steal;
	f[8] = t->guest;
	f[9] = t->guest_nice;
}

/* 4.0.2's derived sums; if one of them went down, the whole read counts as a restart */
static void ticks_sums(const struct cpu_ticks *t, uint64_t s[5])
{
	uint64_t usr = t->user + t->nice, sys = t->system + t->irq + t->softirq;
	uint64_t idl = t->idle + t->iowait;
	uint64_t tot = usr + sys + idl + t->steal + t->guest + t->guest_nice;

	s[0] = usr;
	s[1] = sys;
	s[2] = idl;
	s[3] = tot;
	s[4] = tot - idl;
}

void vmstat_tick_delta(const struct cpu_ticks *old, const struct cpu_ticks *cur, int compat,
		       struct cpu_ticks *d)
{
	uint64_t o[10], n[10], r[10];
	bool reset = false;

	ticks_fields(old, o);
	ticks_fields(cur, n);
	if (compat == COMPAT_402) {
		uint64_t so[5], sn[5];

		ticks_sums(old, so);
		ticks_sums(cur, sn);
		for (int i = 0; i < 5; i++)
			if (sn[i] < so[i])
				reset = true;
	} else {
		for (int i = 0; i < 10; i++)
			if (n[i] < o[i])
				reset = true;
	}
	for (int i = 0; i < 10; i++)
		r[i] = reset || n[i] < o[i] ? 0 : n[i] - o[i];
	memset(d, 0, sizeof *d);
	d->user = r[0];
	d->nice = r[1];
	d->system = r[2];
	d->idle = r[3];
	d->iowait = r[4];
	d->irq = r[5];
	d->softirq = r[6];
	d->steal = r[7];
	d->guest = r[8];
	d->guest_nice = r[9];
	d->nfields = cur->nfields;
}

static uint64_t kv_u(const struct kvset *kv, const char *name)
{
	int64_t v = kv_val(kv, name);

	return v < 0 ? 0 : (uint64_t)v;
}

void vmstat_mem(const struct kvset *mi, bool active, struct vm_mem *m)
{
	uint64_t st = kv_u(mi, "SwapTotal"), sf = kv_u(mi, "SwapFree");

	m->swpd = sf < st ? st - sf : 0;
	m->free = kv_u(mi, "MemFree");
	if (active) {
		m->buff = kv_u(mi, "Inactive");
		m->cache = kv_u(mi, "Active");
	} else {
		m->buff = kv_u(mi, "Buffers");
		m->cache = kv_u(mi, "Cached") + kv_u(mi, "SReclaimable");
	}
}

void vmstat_line_mem(struct vm_line *l, const struct vm_mem *m, char unit, int compat)
{
	l->swpd = vmstat_unit_convert(m->swpd, unit, compat);
	l->free = vmstat_unit_convert(m->free, unit, compat);
	l->buff = vmstat_unit_convert(m->buff, unit, compat);
	l->cache = vmstat_unit_convert(m->cache, unit, compat);
}

uint64_t vmstat_running(uint64_t procs_running, int compat)
{
	return compat != COMPAT_402 && procs_running > 0 ? procs_running - 1 : procs_running;
}

void vmstat_first_line(struct vm_line *l, const struct cpu_ticks *t, const struct vm_counters *k,
		       double up, long hz, unsigned kpp, char unit, int compat)
{
	int64_t div = (int64_t)(t->user + t->nice + t->system + t->irq + t->softirq + t->idle + t->iowait +
				t->steal);
	uint64_t si = vmstat_unit_convert(k->pswpin * kpp, unit, compat);
	uint64_t so = vmstat_unit_convert(k->pswpout * kpp, unit, compat);

	vmstat_cpu_pct(t, l);
	if (div == 0)
		div = 1;
	if (compat == COMPAT_402) {
		/* per second of all CPUs together: divided by the total jiffies (Debian #668580) */
		uint64_t d = (uint64_t)div, h = d / 2, z = (uint64_t)hz;

		l->si = (uint32_t)((si * z + h) / d);
		l->so = (uint32_t)((so * z + h) / d);
		l->bi = (uint32_t)((k->pgpgin * z + h) / d);
		l->bo = (uint32_t)((k->pgpgout * z + h) / d);
		l->in = (uint32_t)((k->intr * z + h) / d);
		l->cs = (uint32_t)((k->ctxt * z + h) / d);
		return;
	}
	if (up == 0.0)
		up = 1.0;
	l->si = vmstat_d2u((double)si / up);
	l->so = vmstat_d2u((double)so / up);
	l->bi = vmstat_d2u((double)k->pgpgin / up);
	l->bo = vmstat_d2u((double)k->pgpgout / up);
	l->in = vmstat_d2u((double)k->intr / up);
	/* 4.0.3+ divide ctxt by the total jiffies, without HZ: upstream's regression, kept */
	l->cs = (uint32_t)(k->ctxt / (uint64_t)div);
}

void vmstat_interval_line(struct vm_line *l, const struct cpu_ticks *dt, const struct vm_counters *prev,
			  const struct vm_counters *cur, unsigned long delay, unsigned kpp, char unit,
			  int compat)
{
	uint64_t d = delay ? delay : 1, hd = d / 2;

	vmstat_cpu_pct(dt, l);
	l->si = (uint32_t)((vmstat_unit_convert((cur->pswpin - prev->pswpin) * kpp, unit, compat) + hd) / d);
	l->so = (uint32_t)((vmstat_unit_convert((cur->pswpout - prev->pswpout) * kpp, unit, compat) + hd) / d);
	l->bi = (uint32_t)((cur->pgpgin - prev->pgpgin + hd) / d);
	l->bo = (uint32_t)((cur->pgpgout - prev->pgpgout + hd) / d);
	/* libproc2 keeps these deltas in 32 bits; the rounding sum wraps there too */
	l->in = (uint32_t)((uint32_t)((uint32_t)(cur->intr - prev->intr) + (uint32_t)hd) / d);
	l->cs = (uint32_t)((uint32_t)((uint32_t)(cur->ctxt - prev->ctxt) + (uint32_t)hd) / d);
}

static int digits(uint64_t v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

int vmstat_put_skewed(char *buf, size_t size, uint64_t v, int width, int *skew)
{
	int n = digits(v);

	while (*skew > 0 && n < width) {
		width--;
		(*skew)--;
	}
	if (n > width)
		*skew += n - width;
	/* by hand: this runs 18 times a line, and printf would cost more than all the parsing */
	{
		int w = n > width ? n : width;

		if ((size_t)w >= size)
			return snprintf(buf, size, "%*llu", width, (unsigned long long)v);
		for (int i = w - 1; i >= w - n; i--) {
			buf[i] = (char)('0' + v % 10);
			v /= 10;
		}
		memset(buf, ' ', (size_t)(w - n));
		buf[w] = '\0';
		return w;
	}
}

int vmstat_format_line(char *buf, size_t size, const struct vm_line *l, bool wide, int compat)
{
	static const int w_norm[18] = { 2, 2, 6, 6, 6, 6, 4, 4, 5, 5, 4, 4, 2, 2, 2, 2, 2, 2 };
	static const int w_wide[18] = { 4, 4, 12, 12, 12, 12, 4, 4, 5, 5, 4, 4, 3, 3, 3, 3, 3, 3 };
	uint64_t v[18] = { l->r, l->b, l->swpd, l->free, l->buff, l->cache, l->si, l->so, l->bi, l->bo,
			   l->in, l->cs, l->us, l->sy, l->id, l->wa, l->st, l->gu };
	const int *w = wide ? w_wide : w_norm;
	int skew = 0;
	size_t len = 0;

	if (compat == COMPAT_402) {
		/* plain printf widths; the non-wide line has no gu column */
		if (wide)
			return snprintf(buf, size,
					"%4llu %4llu %12llu %12llu %12llu %12llu %4u %4u %5u %5u %4u %4u "
					"%3u %3u %3u %3u %3u %3u",
					(unsigned long long)l->r, (unsigned long long)l->b,
					(unsigned long long)l->swpd, (unsigned long long)l->free,
					(unsigned long long)l->buff, (unsigned long long)l->cache, l->si, l->so,
					l->bi, l->bo, l->in, l->cs, l->us, l->sy, l->id, l->wa, l->st, l->gu);
		return snprintf(buf, size,
				"%2llu %2llu %6llu %6llu %6llu %6llu %4u %4u %5u %5u %4u %4u %2u %2u %2u %2u %2u",
				(unsigned long long)l->r, (unsigned long long)l->b, (unsigned long long)l->swpd,
				(unsigned long long)l->free, (unsigned long long)l->buff,
				(unsigned long long)l->cache, l->si, l->so, l->bi, l->bo, l->in, l->cs, l->us,
				l->sy, l->id, l->wa, l->st);
	}
	for (int i = 0; i < 18 && len + 1 < size; i++) {
		if (i)
			buf[len++] = ' ';
		len += (size_t)vmstat_put_skewed(buf + len, size - len, v[i], w[i], &skew);
		if (len >= size)
			len = size - 1;
	}
	buf[len] = '\0';
	return (int)len;
}
