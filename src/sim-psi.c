/* sim-psi.c — PSI memory averages computed as kernel/sched/psi.c does: a 2 s period (2·HZ+1 jiffies at
 * HZ=250), integer percent per period turned fixed point, calc_load() with the 10/60/300 s constants, and
 * decay of missed periods with fixed-point powers (calc_load_n). */
#include "config.h"

#include <stdio.h>

#include "sim.h"

#define FSHIFT 11
#define FIXED_1 (1ul << FSHIFT)
#define PSI_PERIOD_NS (((2 * 250 + 1) * 1000000000LL) / 250)   /* jiffies_to_nsecs(2*HZ+1), HZ 250 */

static const unsigned long psi_exp[3] = { 1677, 1981, 2034 };   /* EXP_10s, EXP_60s, EXP_300s */

static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/* fixed_power_int(x, FSHIFT, n): x^n in fixed point, rounding at each step */
static unsigned long fixed_power(unsigned long x, unsigned n)
{
	unsigned long result = FIXED_1;

	if (n) {
		for (;;) {
			if (n & 1) {
				result *= x;
				result += 1ul << (FSHIFT - 1);
				result >>= FSHIFT;
			}
			n >>= 1;
			if (!n)
				break;
			x *= x;
			x += 1ul << (FSHIFT - 1);
			x >>= FSHIFT;
		}
	}
	return result;
}

void sim_psi_init(struct sim_psi *p, int64_t now)
{
	*p = (struct sim_psi){ 0 };
	p->avg_last_update = now;
	p->avg_next_update = now + PSI_PERIOD_NS;
}

static void update_avgs(struct sim_psi_avg *a, unsigned missed, int64_t period)
{
	uint64_t sample = a->total_ns - a->avg_total;
	unsigned long pct;

	if (sample > (uint64_t)period)
		sample = (uint64_t)period;
	a->avg_total += sample;
	if (missed)
		for (int i = 0; i < 3; i++)
			a->avg[i] = calc_load(a->avg[i], fixed_power(psi_exp[i], missed), 0);
	pct = (unsigned long)(sample * 100 / (uint64_t)period) * FIXED_1;
	for (int i = 0; i < 3; i++)
		a->avg[i] = calc_load(a->avg[i], psi_exp[i], pct);
}

void sim_psi_tick(struct sim_psi *p, int64_t now, uint64_t some_ns, uint64_t full_ns)
{
	p->some.total_ns += some_ns;
	p->full.total_ns += full_ns;
	if (now < p->avg_next_update)
		return;
	int64_t late = now - p->avg_next_update;
	unsigned missed = late >= PSI_PERIOD_NS ? (unsigned)(late / PSI_PERIOD_NS) : 0;
	int64_t period = now - (p->avg_last_update + (int64_t)missed * PSI_PERIOD_NS);

	p->avg_next_update += (1 + (int64_t)missed) * PSI_PERIOD_NS;
	p->avg_last_update = now;
	update_avgs(&p->some, missed, period);
	update_avgs(&p->full, missed, period);
}

static int fmt_line(char *buf, size_t cap, const char *name, const struct sim_psi_avg *a)
{
	unsigned long v[3][2];

	for (int i = 0; i < 3; i++) {
		v[i][0] = a->avg[i] >> FSHIFT;
		v[i][1] = ((a->avg[i] & (FIXED_1 - 1)) * 100) >> FSHIFT;
	}
	return snprintf(buf, cap, "%s avg10=%lu.%02lu avg60=%lu.%02lu avg300=%lu.%02lu total=%llu\n", name,
			v[0][0], v[0][1], v[1][0], v[1][1], v[2][0], v[2][1],
			(unsigned long long)(a->total_ns / 1000));
}

int sim_psi_format(const struct sim_psi *p, char *buf, size_t cap, bool with_full)
{
	int n = fmt_line(buf, cap, "some", &p->some);

	if (with_full && n >= 0 && (size_t)n < cap)
		n += fmt_line(buf + n, cap - (size_t)n, "full", &p->full);
	return n;
}
