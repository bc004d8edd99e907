/* sim-machine.c — building the simulated machine: zones laid out like an x86 BIOS memory map (or taken
 * from a calibration), the initial page distribution, and the kformula recompute chain. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define GiB (1024ull * 1024 * 1024)
#define MiB (1024ull * 1024)

/* splitmix64: small, fast, and the same sequence on every platform. */
uint64_t sim_rand(struct sim *s)
{
	uint64_t z = (s->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void sim_shape_defaults(struct sim_shape *sh)
{
	memset(sh, 0, sizeof *sh);
	sh->nnodes = 1;
	sh->ncpus = 4;
	sh->mem_bytes = 4 * GiB;
	sh->swap_bytes = 0;
	sh->swappiness = 60;
	kf_machine_defaults(&sh->km, KF_VER(6, 18));
	sh->km.thp = true;
}

/* Memory struct pages and boot reservations take about 1/64 of present memory; node 0 also holds the
 * kernel image.  The kernel's managed count is what is left. */
static uint64_t managed_of(uint64_t present, bool kernel_image)
{
	uint64_t m = present - present / 64;

	if (kernel_image)
		m = m > 12288 ? m - 12288 : m / 2;
	return m;
}

static void add_zone(struct kf_node_in *kn, struct sim_shape *sh, int node, enum kf_zone_type t,
		     const char *name, uint64_t start, uint64_t spanned, uint64_t present, uint64_t managed)
{
	int i = kn->nzones++;

	kn->zone[i].type = t;
	kn->zone[i].spanned = spanned;
	kn->zone[i].present = present;
	kn->zone[i].managed = managed;
	kn->zone[i].boost = 0;
	snprintf(kn->zone[i].name, sizeof kn->zone[i].name, "%s", name);
	sh->start_pfn[node][i] = start;
	snprintf(sh->zone_name[node][i], sizeof sh->zone_name[node][i], "%s", name);
}

/* Lay out zones for nodes of mem_bytes each (when they were not given or calibrated). */
static void layout_zones(struct sim_shape *sh, uint32_t kver)
{
	uint64_t pages = sh->mem_bytes >> 12, pfn = 0;
	bool device = kver >= KF_VER(4, 19);

	sh->km.nnodes = sh->nnodes;
	for (int n = 0; n < sh->nnodes; n++) {
		struct kf_node_in *kn = &sh->km.node[n];

		kn->nzones = 0;
		if (sh->highmem) {
			/* 32-bit: DMA below 16 MiB, Normal up to 896 MiB, HighMem above */
			uint64_t low = pages < 229376 ? pages : 229376;

			add_zone(kn, sh, n, KZ_DMA, "DMA", 1, 4095, 3998, n == 0 ? 3840 : 0);
			add_zone(kn, sh, n, KZ_NORMAL, "Normal", 4096, low - 4096, low - 4096,
				 managed_of(low - 4096, true));
			add_zone(kn, sh, n, KZ_HIGHMEM, "HighMem", low, pages - low, pages - low,
				 managed_of(pages - low, false));
			add_zone(kn, sh, n, KZ_MOVABLE, "Movable", 0, 0, 0, 0);
			continue;
		}
		if (n == 0) {
			/* DMA: pfn 1 … 4095 with firmware holes; DMA32 up to 4 GiB minus the PCI hole */
			uint64_t low = pages < 786432 ? pages : 786432;   /* RAM below the 3 GiB hole */
			uint64_t high = pages > 786432 ? pages - 786432 : 0;

			add_zone(kn, sh, n, KZ_DMA, "DMA", 1, 4095, 3998, 3840);
			add_zone(kn, sh, n, KZ_DMA32, "DMA32", 4096, pages > 786432 ? 1044480 : low - 4096,
				 low - 4096 - 97, managed_of(low - 4096 - 97, high == 0));
			add_zone(kn, sh, n, KZ_NORMAL, "Normal", high ? 1048576 : 0, high, high,
				 high ? managed_of(high, true) : 0);
			pfn = 1048576 + high;
		} else {
			add_zone(kn, sh, n, KZ_DMA, "DMA", 0, 0, 0, 0);
			add_zone(kn, sh, n, KZ_DMA32, "DMA32", 0, 0, 0, 0);
			add_zone(kn, sh, n, KZ_NORMAL, "Normal", pfn, pages, pages, managed_of(pages, false));
			pfn += pages;
		}
		add_zone(kn, sh, n, KZ_MOVABLE, "Movable", 0, 0, 0, 0);
		if (device)
			add_zone(kn, sh, n, KZ_DEVICE, "Device", 0, 0, 0, 0);
	}
}

/* The initial use of a zone: a little kernel memory, page cache and anonymous memory on the big zones;
 * DMA stays free (the kernel avoids it), as on a freshly booted machine. */
static void fill_zone(struct sim *s, struct sim_zone *z)
{
	int64_t m = (int64_t)z->managed, free;

	if (z->type == KZ_DMA || m == 0) {
		z->kernel = 0;
	} else {
		z->kernel = m / 40;
		z->lru[LRU_AF] = m / 40;
		z->lru[LRU_IF] = m / 30;
		z->lru[LRU_AA] = m / 100;
		z->lru[LRU_IA] = m / 200;
	}
	free = m - z->kernel - z->lru[LRU_AF] - z->lru[LRU_IF] - z->lru[LRU_AA] - z->lru[LRU_IA];
	/* free memory of a fresh machine sits in max-order blocks with a little in every smaller order */
	int64_t small = free / 64;
	for (int k = 0; k < SIM_ORDERS - 1 && small > 0; k++) {
		int64_t blocks = (small / (SIM_ORDERS - 1)) >> k;

		if (k == 0)
			blocks += (int64_t)(sim_rand(s) % 64);
		if (blocks << k > free)
			blocks = free >> k;
		z->buddy[k] = (uint64_t)blocks;
		free -= blocks << k;
	}
	z->buddy[SIM_ORDERS - 1] = (uint64_t)(free >> (SIM_ORDERS - 1));
	free -= (int64_t)z->buddy[SIM_ORDERS - 1] << (SIM_ORDERS - 1);
	/* what does not fill a max-order block goes to the orders of its binary digits */
	for (int k = 0; k < SIM_ORDERS - 1; k++)
		if (free & (1 << k))
			z->buddy[k]++;
	z->atomic[SI_FREE] = sim_free_pages(z);
	z->atomic[SI_INACTIVE_ANON] = z->lru[LRU_IA];
	z->atomic[SI_ACTIVE_ANON] = z->lru[LRU_AA];
	z->atomic[SI_INACTIVE_FILE] = z->lru[LRU_IF];
	z->atomic[SI_ACTIVE_FILE] = z->lru[LRU_AF];
}

/* GFP_HIGHUSER_MOVABLE's highest zone: the Movable zone when configured, else the highest of the rest */
static int user_hz_of(const struct sim_node *n)
{
	int hz = n->nzones - 1;

	while (hz > 0 && n->zone[hz].type == KZ_DEVICE)
		hz--;
	return hz > 0 ? hz : 0;
}

void sim_recompute(struct sim *s)
{
	for (int n = 0; n < s->nnodes; n++) {
		struct kf_node_in *kn = &s->km.node[n];

		for (int i = 0; i < kn->nzones; i++) {
			kn->zone[i].managed = s->node[n].zone[i].managed;
			kn->zone[i].boost = 0;
		}
	}
	kf_compute(&s->km, &s->kr);
	for (int n = 0; n < s->nnodes; n++)
		for (int i = 0; i < s->node[n].nzones; i++) {
			struct sim_zone *z = &s->node[n].zone[i];

			z->kf = s->kr.node[n][i];
			z->boost = 0;   /* a watermark recompute discards any boost */
			sim_set_threshold(z);
		}
}

int sim_init(struct sim *s, const struct sim_scenario *sc, uint32_t kver, uint64_t seed, struct zs_err *e)
{
	struct sim_shape sh = sc->shape;

	memset(s, 0, sizeof *s);
	s->sc = *sc;
	s->kver = kver;
	s->seed = seed;
	s->rng = seed ^ 0x5a6f6e6573746174ull;   /* "Zonestat" */
	if (sh.ncpus < 1 || sh.ncpus > SIM_MAX_CPUS) {
		zs_err_set(e, 0, "%s: cpus must be 1 … %d", sc->name, SIM_MAX_CPUS);
		return -1;
	}
	if (sh.nnodes < 1 || sh.nnodes > KF_MAX_NODES || sh.nnodes > sh.ncpus) {
		zs_err_set(e, 0, "%s: nodes must be 1 … %d and at most one per CPU", sc->name, KF_MAX_NODES);
		return -1;
	}
	if (!sh.have_zones) {
		if (sh.mem_bytes < 64 * MiB) {
			zs_err_set(e, 0, "%s: memory per node must be at least 64M", sc->name);
			return -1;
		}
		layout_zones(&sh, kver);
	}
	s->ncpus = sh.ncpus;
	s->nnodes = sh.nnodes;
	s->km = sh.km;
	s->km.kver = kver;
	s->km.online_cpus = sh.ncpus;
	s->km.nnodes = sh.nnodes;
	s->swappiness = sh.swappiness;
	s->swap_total = sh.swap_bytes >> 12;
	s->boot_wall_ns = 1767225600LL * 1000000000LL;   /* 2026-01-01T00:00:00Z */
	for (int n = 0, cpu = 0; n < s->nnodes; n++) {
		struct sim_node *nd = &s->node[n];
		int share = s->ncpus / s->nnodes + (n < s->ncpus % s->nnodes);

		nd->id = n;
		nd->first_cpu = cpu;
		nd->ncpus = share;
		cpu += share;
		s->km.node[n].ncpus = share;
		nd->nzones = s->km.node[n].nzones;
		nd->kswapd_hz = -1;
		nd->kswapd_scan_left = SIM_KSWAPD_SCAN_PER_TICK;
		for (int i = 0; i < nd->nzones; i++) {
			struct sim_zone *z = &nd->zone[i];
			const struct kf_zone_in *kz = &s->km.node[n].zone[i];

			z->idx = i;
			z->nid = n;
			z->type = kz->type;
			snprintf(z->name, sizeof z->name, "%s", sh.zone_name[n][i][0] ? sh.zone_name[n][i] : "Normal");
			z->spanned = kz->spanned;
			z->present = kz->present;
			z->managed = kz->managed;
			z->start_pfn = sh.start_pfn[n][i];
			z->pcp = xcalloc((size_t)s->ncpus, sizeof *z->pcp);
			z->diff = xcalloc((size_t)s->ncpus * SI_NITEMS, 1);
			fill_zone(s, z);
			nd->slab_reclaimable += z->kernel / 2;
			nd->slab_unreclaimable += z->kernel / 4;
			nd->page_tables += z->kernel / 8;
			nd->kernel_stack += z->kernel - z->kernel / 2 - z->kernel / 4 - z->kernel / 8;
			nd->mapped += z->lru[LRU_AF] / 2;
			for (int l = 0; l < LRU_N; l++)
				nd->lru_sum[l] += z->lru[l];
		}
		nd->user_hz = user_hz_of(nd);
		for (int i = 0; i < nd->nzones; i++)
			if (nd->zone[i].managed)
				nd->pop[nd->npop++] = (int8_t)i;
		nd->churn_pages = xcalloc((size_t)nd->ncpus, sizeof *nd->churn_pages);
		nd->churn_zone = xcalloc((size_t)nd->ncpus, sizeof *nd->churn_zone);
	}
	sim_recompute(s);
	sim_psi_init(&s->psi, 0);
	s->processes = 1000;
	s->phase = 0;
	s->phase_start_ns = 0;
	return 0;
}

void sim_free(struct sim *s)
{
	for (int n = 0; n < s->nnodes; n++) {
		free(s->node[n].churn_pages);
		free(s->node[n].churn_zone);
		s->node[n].churn_pages = NULL;
		s->node[n].churn_zone = NULL;
	}
	for (int n = 0; n < s->nnodes; n++)
		for (int i = 0; i < s->node[n].nzones; i++) {
			free(s->node[n].zone[i].pcp);
			free(s->node[n].zone[i].diff);
			s->node[n].zone[i].pcp = NULL;
			s->node[n].zone[i].diff = NULL;
		}
}
