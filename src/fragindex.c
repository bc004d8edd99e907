/* fragindex.c — the kernel's external fragmentation indices (mm/vmstat.c, shown in debugfs
 * extfrag/unusable_index and extfrag/extfrag_index), computed from /proc/buddyinfo's counts so that
 * neither root nor debugfs is needed. */
#include "config.h"

#include "analysis.h"

void frag_fill(const uint64_t *nfree, int norders, int order, struct frag_info *fi)
{
	fi->free_pages = fi->free_blocks_total = fi->free_blocks_suitable = 0;
	for (int k = 0; k < norders && k < 63; k++) {
		fi->free_blocks_total += nfree[k];
		fi->free_pages += nfree[k] << k;
		if (k >= order)
			fi->free_blocks_suitable += nfree[k] << (k - order);
	}
}

int frag_unusable_index(const uint64_t *nfree, int norders, int order)
{
	struct frag_info fi;

	frag_fill(nfree, norders, order, &fi);
	/* Nothing free: all of it (none) is unusable, as the kernel reports 1.000. */
	if (fi.free_pages == 0)
		return 1000;
	return (int)((fi.free_pages - (fi.free_blocks_suitable << order)) * 1000 / fi.free_pages);
}

int frag_extfrag_index(const uint64_t *nfree, int norders, int order)
{
	struct frag_info fi;

	frag_fill(nfree, norders, order, &fi);
	if (fi.free_blocks_total == 0)
		return 0;
	/* A block of the order exists: an allocation would succeed, the index means nothing. */
	if (fi.free_blocks_suitable > 0)
		return -1000;
	return 1000 - (int)((1000 + fi.free_pages * 1000 / (UINT64_C(1) << order)) / fi.free_blocks_total);
}
