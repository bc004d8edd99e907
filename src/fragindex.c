/* fragindex.c — the kernel's external fragmentation indices (mm/vmstat.c, shown in debugfs
 * extfrag/unusable_index and extfrag/extfrag_index), computed from /proc/buddyinfo's counts so that
 * neither root nor debugfs is needed. */
#include "config.h"

#include "analysis.h"
#include "sat.h" /* a corrupt or synthetic buddyinfo can hold counts whose pages overflow 64 bits */

/* a · 1000 / b (b > 0) without overflow: exactly, as the kernel's integer arithmetic, while a · 1000
 * fits in 64 bits (always for real zones), else in long double */
static uint64_t mul1000_div(uint64_t a, uint64_t b)
{
	long double q;

	if (a <= UINT64_MAX / 1000)
		return a * 1000 / b;
	q = (long double)a * 1000 / (long double)b;
	return q >= (long double)UINT64_MAX ? UINT64_MAX : (uint64_t)q;
}

void frag_fill(const uint64_t *nfree, int norders, int order, struct frag_info *fi)
{
	fi->free_pages = fi->free_blocks_total = fi->free_blocks_suitable = 0;
	for (int k = 0; k < norders && k < 63; k++) {
		fi->free_blocks_total = sat_uadd(fi->free_blocks_total, nfree[k]);
		fi->free_pages = sat_uadd(fi->free_pages, sat_ushl(nfree[k], k));
		if (k >= order)
			fi->free_blocks_suitable = sat_uadd(fi->free_blocks_suitable, sat_ushl(nfree[k], k - order));
	}
}

int frag_unusable_index(const uint64_t *nfree, int norders, int order)
{
	struct frag_info fi;
	uint64_t usable;

	frag_fill(nfree, norders, order, &fi);
	/* Nothing free: all of it (none) is unusable, as the kernel reports 1.000. */
	if (fi.free_pages == 0)
		return 1000;
	usable = sat_ushl(fi.free_blocks_suitable, order);
	if (usable > fi.free_pages)   /* only when saturated */
		usable = fi.free_pages;
	return (int)mul1000_div(fi.free_pages - usable, fi.free_pages);
}

int frag_extfrag_index(const uint64_t *nfree, int norders, int order)
{
	struct frag_info fi;
	uint64_t q;

	frag_fill(nfree, norders, order, &fi);
	if (fi.free_blocks_total == 0)
		return 0;
	/* A block of the order exists: an allocation would succeed, the index means nothing. */
	if (fi.free_blocks_suitable > 0)
		return -1000;
	/* 1000 − (1000 + free_pages·1000/2^order) / free_blocks_total; without a suitable block the quotient
	 * is at most 2000 (less than 2^order pages per block), unless the counts saturated */
	q = sat_uadd(mul1000_div(fi.free_pages, UINT64_C(1) << order), 1000) / fi.free_blocks_total;
	return q > 2000 ? -1000 : 1000 - (int)q;
}
