/* view-zones.c — -z: every populated zone's free pages against its watermarks, headroom, per-CPU list
 * pages and counter drift; one row per zone per sample. */
#include "config.h"

#include "analysis.h"
#include "app.h"
#include "view-run.h"

enum {
	F_NODE, F_ZONE, F_FREE, F_MIN, F_LOW, F_HIGH, F_PROMO, F_BOOST, F_TO_MIN, F_TO_LOW, F_TO_HIGH,
	F_TO_PROMO, F_MANAGED, F_PROTECT, F_PCP, F_THRESHOLD, F_CPUS, F_DRIFT, F_DRIFT_MARK, F_NEAR,
	F_UNRECLAIMABLE, F_FREE_RATE, F_STATUS, F_N
};

static const struct field_def zone_fields[F_N] = {
	[F_NODE] = { "node", "node", 4, FK_I64, 0, "NUMA node number" },
	[F_ZONE] = { "zone", "zone", -7, FK_STR, 0, "zone name as the kernel spells it" },
	[F_FREE] = { "free_pages", "free", 9, FK_U64, 0, "free pages (zoneinfo pages free)" },
	[F_MIN] = { "min_pages", "min", 7, FK_U64, 0, "min watermark, boost included" },
	[F_LOW] = { "low_pages", "low", 7, FK_U64, 0, "low watermark, boost included" },
	[F_HIGH] = { "high_pages", "high", 7, FK_U64, 0, "high watermark, boost included" },
	[F_PROMO] = { "promo_pages", "promo", 7, FK_U64, 0, "promo watermark (6.0+)" },
	[F_BOOST] = { "boost_pages", "boost", 6, FK_U64, 0, "watermark boost (5.0+ prints it)" },
	[F_TO_MIN] = { "headroom_min_pages", "to_min", 9, FK_I64, 0, "free minus min" },
	[F_TO_LOW] = { "headroom_low_pages", "to_low", 9, FK_I64, 0, "free minus low" },
	[F_TO_HIGH] = { "headroom_high_pages", "to_high", 9, FK_I64, 0, "free minus high" },
	[F_TO_PROMO] = { "headroom_promo_pages", "to_promo", 9, FK_I64, 0, "free minus promo (6.0+)" },
	[F_MANAGED] = { "managed_pages", "managed", 9, FK_U64, 0, "pages the buddy allocator manages" },
	[F_PROTECT] = { "protection_max_pages", "protect", 8, FK_I64, 0,
			"largest lowmem_reserve entry (kept from higher-zone allocations)" },
	[F_PCP] = { "pcp_pages", "pcp", 6, FK_U64, 0, "free pages on the per-CPU lists" },
	[F_THRESHOLD] = { "threshold_pages", "thr", 4, FK_I64, 0, "vm stats threshold per CPU" },
	[F_CPUS] = { "online_cpus", "cpus", 4, FK_I64, 0, "online CPUs" },
	[F_DRIFT] = { "drift_pages", "drift", 6, FK_U64, 0, "threshold x online CPUs: possible error of free" },
	[F_DRIFT_MARK] = { "drift_mark_pages", "dmark", 7, FK_U64, 0,
			   "percpu_drift_mark the kernel sets (0: none; empty before 2.6.37)" },
	[F_NEAR] = { "near_wmark", "near", -4, FK_STR, 0,
		     "watermark free lies within the drift of (min, low, high)" },
	[F_UNRECLAIMABLE] = { "unreclaimable", "unrec", 5, FK_U64, 0, "node_unreclaimable (1: kswapd gave up)" },
	[F_FREE_RATE] = { "free_change_pps", "free/s", 9, FK_F64, 1, "change of free pages per second" },
	[F_STATUS] = { "status", "status", -6, FK_STR, 0,
		       "ok, below high, below low: kswapd, below min: direct reclaim (free <= mark counts as below)" },
};

static const struct view_def zones_view = { "zones", zone_fields, F_N };

static const char *const zones_table[] = {
	"node", "zone", "free_pages", "min_pages", "low_pages", "high_pages", "boost_pages",
	"headroom_low_pages", "pcp_pages", "drift_pages", "near_wmark", "free_change_pps", "status", NULL
};

struct zones_ctx {
	struct zones_analysis za;
};

static int zones_sample(struct view_run *vr, const struct sample *prev, const struct sample *cur)
{
	struct zones_ctx *x = vr->spec->ctx;
	struct cell c[F_N];
	int n = 0;

	if (analysis_zones(prev, cur, &x->za, &vr->notes) != 0)
		return -1;
	for (int i = 0; i < x->za.nzones; i++)
		n += x->za.zone[i].populated;
	view_run_begin(vr, n);
	for (int i = 0; i < x->za.nzones; i++) {
		const struct zone_analysis *z = &x->za.zone[i];

		/* unpopulated zones (empty Movable, Device …) have no free pages to watch */
		if (!z->populated)
			continue;
		c[F_NODE] = cell_i64(z->node);
		c[F_ZONE] = cell_str(z->name);
		c[F_STATUS] = cell_str(zone_status_word(z->status));
		c[F_FREE] = cell_u64(z->free);
		c[F_MIN] = cell_u64(z->min);
		c[F_LOW] = cell_u64(z->low);
		c[F_HIGH] = cell_u64(z->high);
		c[F_PROMO] = z->have_promo ? cell_u64(z->promo) : cell_na();
		c[F_BOOST] = z->have_boost ? cell_u64(z->boost) : cell_na();
		c[F_TO_MIN] = cell_i64(z->head_min);
		c[F_TO_LOW] = cell_i64(z->head_low);
		c[F_TO_HIGH] = cell_i64(z->head_high);
		c[F_TO_PROMO] = z->have_promo ? cell_i64(z->head_promo) : cell_na();
		c[F_MANAGED] = cell_u64(z->managed);
		c[F_PROTECT] = cell_i64(z->protection_max);
		c[F_PCP] = z->pcp_cpus > 0 ? cell_u64(z->pcp_pages) : cell_na();
		c[F_THRESHOLD] = z->have_threshold ? cell_i64(z->threshold) : cell_na();
		c[F_CPUS] = z->online_cpus > 0 ? cell_i64(z->online_cpus) : cell_na();
		c[F_DRIFT] = z->have_threshold && z->online_cpus > 0 ? cell_u64(z->drift) : cell_na();
		c[F_DRIFT_MARK] = z->have_drift_mark ? cell_u64(z->drift_mark) : cell_na();
		c[F_NEAR] = z->near_name ? cell_str(z->near_name) : cell_na();
		c[F_UNRECLAIMABLE] = cell_u64(z->unreclaimable);
		c[F_FREE_RATE] = z->have_free_rate ? cell_f64(z->free_rate) : cell_na();
		view_run_row(vr, c, cur);
	}
	return 0;
}

int zones_main(const struct cli *c)
{
	struct zones_ctx x;
	struct view_spec spec = {
		.def = &zones_view,
		.table = zones_table,
		.parts = SAMPLE_HAVE(SP_ZONEINFO) | SAMPLE_HAVE(SP_CPU_ONLINE),
		.required = SAMPLE_HAVE(SP_ZONEINFO),
		.no_zone_counters = true,
		.sample = zones_sample,
		.ctx = &x,
	};
	int rc;

	zones_analysis_init(&x.za);
	rc = view_run(c, &spec);
	zones_analysis_free(&x.za);
	return rc;
}
