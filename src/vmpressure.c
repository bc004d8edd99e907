/* vmpressure.c — the kernel's vmpressure levels (mm/vmpressure.c) computed from scan/steal counts.
 *
 * The kernel gathers scanned and reclaimed pages of global reclaim until a window of 512 scanned pages
 * fills, then turns the ratio into a pressure of 0 … 100 and a level.  We see the same pages through
 * /proc/vmstat's pgscan/pgsteal deltas, so the same arithmetic on them gives the level a listener on
 * memory.pressure_level would have seen for that interval's reclaim taken as one window.  What we cannot
 * see: the "critical by priority" injection of direct reclaim at priority ≤ 3, and slab pages the kernel
 * counts as reclaimed. */
#include "config.h"

#include "analysis.h"

const char *vmpressure_level_name(enum vmp_level l)
{
	switch (l) {
	case VMP_LOW:
		return "low";
	case VMP_MEDIUM:
		return "medium";
	case VMP_CRITICAL:
		return "critical";
	case VMP_NONE:
	default:
		return "none";
	}
}

unsigned vmpressure_pct(uint64_t scanned, uint64_t reclaimed)
{
	uint64_t scale, p;

	/* Reclaiming at least as much as was scanned (possible: slab and batched frees) is no pressure;
	 * the kernel checks this since 4.11 to avoid an unsigned underflow. */
	if (scanned == 0 || reclaimed >= scanned)
		return 0;
	/* Keep reclaimed·scale in 64 bits: the kernel's windows are ~512 pages, ours can be whole
	 * intervals of millions.  Halving both keeps the ratio. */
	while (scanned > UINT64_C(0xffffffff)) {
		scanned >>= 1;
		reclaimed >>= 1;
	}
	scale = scanned + reclaimed;
	p = scale - reclaimed * scale / scanned;
	return (unsigned)(p * 100 / scale);
}

enum vmp_level vmpressure_level_of(unsigned pct)
{
	if (pct >= VMP_CRITICAL_PCT)
		return VMP_CRITICAL;
	if (pct >= VMP_MEDIUM_PCT)
		return VMP_MEDIUM;
	return VMP_LOW;
}

enum vmp_level vmpressure_feed(struct vmp_window *w, uint64_t scanned, uint64_t reclaimed, unsigned *pct)
{
	unsigned p;

	w->scanned += scanned;
	w->reclaimed += reclaimed;
	if (w->scanned < VMP_WINDOW)
		return VMP_NONE;
	p = vmpressure_pct(w->scanned, w->reclaimed);
	w->scanned = w->reclaimed = 0;
	if (pct)
		*pct = p;
	return vmpressure_level_of(p);
}
