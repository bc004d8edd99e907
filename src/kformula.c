/* kformula.c — the kernel's zone sizing formulas (watermarks, lowmem_reserve, thresholds, pcp limits),
 * per kernel era, as described in ../shared/docs/research/kernel-mm-formulas.md §1–§4.
 *
 * Every division truncates in the order the kernel does it: the order matters for the exact numbers
 * --explain compares against /proc/zoneinfo. */
#include "config.h"

#include <string.h>

#include "kformula.h"

#define SWAP_CLUSTER_MAX 32u
#define MIGRATE_PCPTYPES 3u
#define STAT_THRESHOLD_MAX 125
#define MIN_PERCPU_PAGELIST_HIGH_FRACTION 8u

enum kf_zone_type kf_zone_type_of(const char *name)
{
	static const struct {
		const char *name;
		enum kf_zone_type t;
	} names[] = {
		{ "DMA", KZ_DMA }, { "DMA32", KZ_DMA32 }, { "Normal", KZ_NORMAL },
		{ "HighMem", KZ_HIGHMEM }, { "Movable", KZ_MOVABLE }, { "Device", KZ_DEVICE },
	};

	if (!name)
		return KZ_OTHER;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].t;
	return KZ_OTHER;
}

static int fls64(uint64_t x)
{
	int n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

static uint64_t mult_frac(uint64_t x, uint64_t n, uint64_t d)
{
	if (d == 0)
		return 0;
	return (x / d) * n + ((x % d) * n) / d;
}

uint64_t kf_int_sqrt(uint64_t x)
{
	uint64_t r = 0, bit;

	if (x < 2)
		return x;
	/* bit-by-bit: exact for the whole 64-bit range (no floating point rounding) */
	bit = (uint64_t)1 << ((fls64(x) - 1) & ~1);
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

int64_t kf_default_min_free_kbytes(uint64_t nr_free_buffer_pages, int page_shift, uint32_t kver)
{
	uint64_t lowmem_kbytes = nr_free_buffer_pages << (page_shift > 10 ? page_shift - 10 : 0);
	int64_t v = (int64_t)kf_int_sqrt(lowmem_kbytes * 16);
	int64_t hi = kver >= KF_VER(5, 7) ? 262144 : 65536;

	if (v < 128)
		v = 128;
	if (v > hi)
		v = hi;
	return v;
}

int kf_normal_threshold(uint64_t managed, int online_cpus, int page_shift)
{
	uint64_t mem = page_shift < 27 ? managed >> (27 - page_shift) : managed;
	int cpus = online_cpus > 0 ? online_cpus : 1;
	long t = 2L * fls64((uint64_t)cpus) * (1 + fls64(mem));

	return t > STAT_THRESHOLD_MAX ? STAT_THRESHOLD_MAX : (int)t;
}

int kf_pressure_threshold(uint64_t low, uint64_t min, int online_cpus)
{
	uint64_t tol = low > min ? low - min : 0;
	uint64_t t = tol / (uint64_t)(online_cpus > 0 ? online_cpus : 1);

	if (t < 1)
		t = 1;
	return t > STAT_THRESHOLD_MAX ? STAT_THRESHOLD_MAX : (int)t;
}

/* zone_batchsize() before the final max(1, …): can be 0 for zones below 8 MiB. */
static int batchsize_raw(uint64_t managed, int page_shift, uint32_t kver)
{
	uint64_t cap = (kver >= KF_VER(4, 19) ? (uint64_t)1 << 20 : (uint64_t)1 << 19) >> page_shift;
	uint64_t b = managed / 1024;

	if (b > cap)
		b = cap;
	b /= 4;
	if (b < 1)
		b = 1;
	b = b + b / 2;
	return (int)(((uint64_t)1 << (fls64(b) - 1)) - 1);
}

int kf_batchsize(uint64_t managed, int page_shift, uint32_t kver)
{
	int b = batchsize_raw(managed, page_shift, kver);

	return b < 1 ? 1 : b;
}

int64_t kf_default_lowmem_reserve_ratio(enum kf_zone_type t, uint32_t kver)
{
	switch (t) {
	case KZ_DMA:
	case KZ_DMA32:
		return 256;
	case KZ_NORMAL:
		return 32;
	case KZ_HIGHMEM:
		return kver < KF_VER(4, 18) ? 32 : 0;
	default:
		return 0;
	}
}

void kf_machine_defaults(struct kf_machine *m, uint32_t kver)
{
	memset(m, 0, sizeof *m);
	m->kver = kver;
	m->page_shift = 12;
	m->pageblock_order = 9;
	m->online_cpus = 1;
	m->min_free_kbytes = -1;
	m->watermark_scale_factor = 10;
	m->watermark_boost_factor = kver >= KF_VER(5, 0) ? 15000 : 0;
	m->nlowmem_reserve_ratio = 0;
	m->percpu_pagelist_high_fraction = 0;
	m->percpu_pagelist_fraction = 0;
	m->thp = true;
}

static bool is_populated(const struct kf_zone_in *z)
{
	return z->managed > 0 || z->present > 0;
}

/* Zones whose min watermark is capped instead of sized by share (HighMem; Movable since ≈6.0). */
static bool is_capped_zone(const struct kf_machine *m, enum kf_zone_type t)
{
	return t == KZ_HIGHMEM || (t == KZ_MOVABLE && m->kver >= KF_VER(6, 0));
}

static int64_t ratio_of(const struct kf_machine *m, const struct kf_node_in *n, int i)
{
	int64_t r;

	if (m->nlowmem_reserve_ratio > 0)
		r = i < m->nlowmem_reserve_ratio ? m->lowmem_reserve_ratio[i] : 0;
	else
		r = kf_default_lowmem_reserve_ratio(n->zone[i].type, m->kver);
	return r;
}

/* Watermarks of every zone for a given min_free_kbytes (raw, boost not added). */
static void compute_wmarks(const struct kf_machine *m, int64_t min_free_kbytes, struct kf_result *r)
{
	int shift = m->page_shift > 10 ? m->page_shift - 10 : 0;
	uint64_t pages_min = min_free_kbytes > 0 ? (uint64_t)min_free_kbytes >> shift : 0;
	uint64_t lowmem = 0;
	uint64_t wsf = m->watermark_scale_factor >= 0 ? (uint64_t)m->watermark_scale_factor : 10;
	uint64_t wbf = m->watermark_boost_factor >= 0 ? (uint64_t)m->watermark_boost_factor
						      : (m->kver >= KF_VER(5, 0) ? 15000 : 0);
	uint64_t pageblock = (uint64_t)1 << m->pageblock_order;

	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++)
		for (int zi = 0; zi < m->node[ni].nzones && zi < KF_MAX_ZONES; zi++) {
			const struct kf_zone_in *z = &m->node[ni].zone[zi];

			if (z->type != KZ_HIGHMEM && !(z->type == KZ_MOVABLE && m->kver >= KF_VER(6, 0)))
				lowmem += z->managed;
		}
	r->lowmem_pages = lowmem;
	r->pages_min = pages_min;

	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++)
		for (int zi = 0; zi < m->node[ni].nzones && zi < KF_MAX_ZONES; zi++) {
			const struct kf_zone_in *z = &m->node[ni].zone[zi];
			struct kf_zone_out *o = &r->node[ni][zi];
			/* 64-bit product; pages_min · managed stays far below 2^64 for real machines */
			uint64_t tmp = lowmem ? pages_min * z->managed / lowmem : 0;

			o->tmp = tmp;
			o->min_capped = is_capped_zone(m, z->type);
			if (o->min_capped) {
				uint64_t mp = z->managed / 1024;

				if (mp < SWAP_CLUSTER_MAX)
					mp = SWAP_CLUSTER_MAX;
				if (mp > 128)
					mp = 128;
				o->wmark_min = mp;
			} else {
				o->wmark_min = tmp;
			}
			if (m->kver < KF_VER(4, 6)) {
				o->dist = tmp / 4;
				o->wmark_low = o->wmark_min + tmp / 4;
				o->wmark_high = o->wmark_min + tmp / 2;
			} else {
				uint64_t scaled = mult_frac(z->managed, wsf, 10000);

				o->dist = tmp / 4 > scaled ? tmp / 4 : scaled;
				o->wmark_low = o->wmark_min + o->dist;
				o->wmark_high = o->wmark_low + o->dist;
			}
			o->wmark_promo = m->kver >= KF_VER(6, 0) ? o->wmark_high + o->dist : 0;

			o->max_boost = 0;
			if (m->kver >= KF_VER(5, 0) && wbf > 0 && 4 * pageblock <= z->managed) {
				uint64_t mb = mult_frac(o->wmark_high, wbf, 10000);

				if (mb > 0)
					o->max_boost = mb > pageblock ? mb : pageblock;
			}
		}
}

/* nr_free_buffer_pages(): managed minus high watermark over the zones GFP_USER may use. */
static uint64_t free_buffer_pages(const struct kf_machine *m, const struct kf_result *r)
{
	uint64_t sum = 0;

	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++)
		for (int zi = 0; zi < m->node[ni].nzones && zi < KF_MAX_ZONES; zi++) {
			const struct kf_zone_in *z = &m->node[ni].zone[zi];
			uint64_t high = r ? r->node[ni][zi].wmark_high + z->boost : 0;

			if (z->type > KZ_NORMAL)
				continue;
			if (z->managed > high)
				sum += z->managed - high;
		}
	return sum;
}

/* set_recommended_min_free_kbytes(): -1 when khugepaged does not run. */
static int64_t thp_min_free_kbytes(const struct kf_machine *m, uint64_t nr_free_buffer)
{
	uint64_t nr_zones = 0, pageblock = (uint64_t)1 << m->pageblock_order, rec;

	if (!m->thp)
		return -1;
	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++)
		for (int zi = 0; zi < m->node[ni].nzones && zi < KF_MAX_ZONES; zi++) {
			const struct kf_zone_in *z = &m->node[ni].zone[zi];

			if (!is_populated(z))
				continue;
			/* 6.1+ counts only zones GFP_USER may use; older kernels counted every one */
			if (m->kver >= KF_VER(6, 1) && z->type > KZ_NORMAL)
				continue;
			nr_zones++;
		}
	rec = pageblock * nr_zones * 2 + pageblock * nr_zones * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
	if (rec > nr_free_buffer / 20)
		rec = nr_free_buffer / 20;
	return (int64_t)(rec << (m->page_shift > 10 ? m->page_shift - 10 : 0));
}

static void compute_protection(const struct kf_machine *m, struct kf_result *r)
{
	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++) {
		const struct kf_node_in *n = &m->node[ni];
		int nz = n->nzones < KF_MAX_ZONES ? n->nzones : KF_MAX_ZONES;

		for (int i = 0; i < nz; i++) {
			int64_t ratio = ratio_of(m, n, i);
			uint64_t sum = 0;
			bool clear;

			if (m->kver < KF_VER(4, 18) && ratio < 1)
				ratio = 1;   /* before 4.18 a ratio below 1 meant "full reserve" */
			clear = ratio < 1 || (m->kver >= KF_VER(5, 8) && n->zone[i].managed == 0);
			memset(r->node[ni][i].protection, 0, sizeof r->node[ni][i].protection);
			for (int j = i + 1; j < nz; j++) {
				sum += n->zone[j].managed;
				if (clear)
					continue;
				/* ≈5.19–6.13 hid the reserve against an empty upper zone; 6.14 reverted it.  (Debian's
				 * 5.10.84 still shows reserves against its empty Normal zone.) */
				if (m->kver >= KF_VER(5, 19) && m->kver < KF_VER(6, 14) && n->zone[j].managed == 0)
					continue;
				r->node[ni][i].protection[j] = (int64_t)(sum / (uint64_t)ratio);
			}
		}
	}
}

static void compute_reserve(const struct kf_machine *m, struct kf_result *r)
{
	r->totalreserve_pages = 0;
	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++) {
		const struct kf_node_in *n = &m->node[ni];

		for (int i = 0; i < n->nzones && i < KF_MAX_ZONES; i++) {
			struct kf_zone_out *o = &r->node[ni][i];
			int64_t mx = 0;
			uint64_t v;

			for (int j = i; j < n->nzones && j < KF_MAX_ZONES; j++)
				if (o->protection[j] > mx)
					mx = o->protection[j];
			/* computed right after a watermark recompute, when boost is 0 */
			v = (uint64_t)mx + o->wmark_high;
			if (v > n->zone[i].managed)
				v = n->zone[i].managed;
			o->reserve = v;
			r->totalreserve_pages += v;
		}
	}
}

static void compute_thresholds(const struct kf_machine *m, struct kf_result *r)
{
	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++)
		for (int zi = 0; zi < m->node[ni].nzones && zi < KF_MAX_ZONES; zi++) {
			const struct kf_zone_in *z = &m->node[ni].zone[zi];
			struct kf_zone_out *o = &r->node[ni][zi];
			uint64_t tolerate;

			o->threshold = o->pressure_threshold = 0;
			o->max_drift = o->drift_mark = 0;
			if (!is_populated(z))
				continue;
			o->threshold = kf_normal_threshold(z->managed, m->online_cpus, m->page_shift);
			o->pressure_threshold = kf_pressure_threshold(o->wmark_low, o->wmark_min, m->online_cpus);
			o->max_drift = (uint64_t)(m->online_cpus > 0 ? m->online_cpus : 1) * (uint64_t)o->threshold;
			tolerate = o->wmark_low - o->wmark_min;
			/* 2.6.37+; KF_VER cannot tell 2.6.x releases apart, so every version gets it */
			if (o->max_drift > tolerate)
				o->drift_mark = o->wmark_high + o->max_drift;
		}
}

static int zone_highsize(const struct kf_machine *m, const struct kf_node_in *n, const struct kf_zone_out *o,
			 uint64_t managed, int batch, uint64_t fraction)
{
	uint64_t total = fraction ? managed / fraction : o->wmark_low;
	uint64_t split = n->ncpus > 0 ? (uint64_t)n->ncpus : (uint64_t)(m->online_cpus > 0 ? m->online_cpus : 1);
	uint64_t high = total / split;

	if (high < (uint64_t)batch * 4)
		high = (uint64_t)batch * 4;
	return high > INT32_MAX ? INT32_MAX : (int)high;
}

static void compute_pcp(const struct kf_machine *m, struct kf_result *r)
{
	for (int ni = 0; ni < m->nnodes && ni < KF_MAX_NODES; ni++) {
		const struct kf_node_in *n = &m->node[ni];

		for (int zi = 0; zi < n->nzones && zi < KF_MAX_ZONES; zi++) {
			const struct kf_zone_in *z = &n->zone[zi];
			struct kf_zone_out *o = &r->node[ni][zi];
			int raw;

			o->batch = o->pcp_high = o->high_min = o->high_max = 0;
			if (!is_populated(z))
				continue;
			raw = batchsize_raw(z->managed, m->page_shift, m->kver);
			o->batch = raw < 1 ? 1 : raw;
			if (m->kver < KF_VER(5, 14)) {
				if (m->percpu_pagelist_fraction > 0) {
					uint64_t high = z->managed / (uint64_t)m->percpu_pagelist_fraction;
					uint64_t b = high / 4;

					if (b < 1)
						b = 1;
					if (b > (uint64_t)m->page_shift * 8)
						b = (uint64_t)m->page_shift * 8;
					o->pcp_high = high > INT32_MAX ? INT32_MAX : (int)high;
					o->batch = (int)b;
				} else {
					o->pcp_high = 6 * raw;
				}
			} else if (m->kver < KF_VER(6, 7)) {
				o->pcp_high = zone_highsize(m, n, o, z->managed, o->batch,
							    m->percpu_pagelist_high_fraction > 0
								    ? (uint64_t)m->percpu_pagelist_high_fraction
								    : 0);
			} else if (m->percpu_pagelist_high_fraction > 0) {
				o->high_min = o->high_max = zone_highsize(
					m, n, o, z->managed, o->batch, (uint64_t)m->percpu_pagelist_high_fraction);
			} else {
				o->high_min = zone_highsize(m, n, o, z->managed, o->batch, 0);
				o->high_max = zone_highsize(m, n, o, z->managed, o->batch,
							    MIN_PERCPU_PAGELIST_HIGH_FRACTION);
			}
		}
	}
}

void kf_compute(const struct kf_machine *m, struct kf_result *r)
{
	int64_t mfk = m->min_free_kbytes;

	memset(r, 0, sizeof *r);
	/* The kernel default as calculate_min_free_kbytes() would compute it now: from lowmem minus the
	 * high watermarks in force.  When the value in force is unknown, start from no watermarks (boot). */
	if (mfk < 0) {
		int64_t boot = kf_default_min_free_kbytes(free_buffer_pages(m, NULL), m->page_shift, m->kver);
		int64_t thp;

		compute_wmarks(m, boot, r);
		thp = thp_min_free_kbytes(m, free_buffer_pages(m, r));
		mfk = thp > boot ? thp : boot;
	}
	compute_wmarks(m, mfk, r);
	r->min_free_kbytes_sqrt = kf_default_min_free_kbytes(free_buffer_pages(m, r), m->page_shift, m->kver);
	r->min_free_kbytes_thp = thp_min_free_kbytes(m, free_buffer_pages(m, r));
	compute_pcp(m, r);
	compute_thresholds(m, r);
	compute_protection(m, r);
	compute_reserve(m, r);
}

uint32_t kf_version_from_release(const char *release)
{
	unsigned long a = 0, b = 0;
	const char *p = release;
	int da = 0, db = 0;

	if (!p)
		return 0;
	while (*p >= '0' && *p <= '9' && da < 6) {
		a = a * 10 + (unsigned long)(*p++ - '0');
		da++;
	}
	if (!da || *p++ != '.')
		return 0;
	while (*p >= '0' && *p <= '9' && db < 6) {
		b = b * 10 + (unsigned long)(*p++ - '0');
		db++;
	}
	if (!db || a > 100 || b > 999)
		return 0;
	return KF_VER(a, b);
}
