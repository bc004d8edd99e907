/* view-buddy.c — -b: free blocks per order per zone, the kernel's unusable-free-space and fragmentation
 * indices per order, and the largest order an allocation could get above the low watermark; one row per
 * zone per sample.
 *
 * The number of orders is the machine's (11 on x86-64, more or fewer elsewhere), so the field table is
 * built from the first sample; a zone with fewer orders leaves the rest empty. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "app.h"
#include "view-run.h"

/* the order whose indices the table shows: pageblock order, the size of a THP on x86-64 */
#define TABLE_ORDER 9

enum { F_NODE, F_ZONE, F_FREE, F_MAXORD, F_RESERVE, F_FIXED };

struct buddy_ctx {
	struct buddy_analysis ba;
	int norders;                 /* orders in the field table (0: not built yet) */
	struct field_def *fields;
	char **names;                /* storage for the built names */
	int nnames;
	struct view_def def;
	const char **table;
	struct view_spec *spec;
	struct cell *cells;
};

static const char *keep(struct buddy_ctx *x, const char *prefix, int order)
{
	char buf[48];

	snprintf(buf, sizeof buf, "%s%d", prefix, order);
	x->names = xrealloc(x->names, (size_t)(x->nnames + 1) * sizeof *x->names);
	return x->names[x->nnames++] = xstrdup(buf);
}

static void build_fields(struct buddy_ctx *x, int norders)
{
	int n = F_FIXED + 3 * norders, t = 0, tord;

	x->norders = norders;
	x->fields = xcalloc((size_t)n, sizeof *x->fields);
	x->fields[F_NODE] = (struct field_def){ "node", "node", 4, FK_I64, 0, "NUMA node number" };
	x->fields[F_ZONE] = (struct field_def){ "zone", "zone", -7, FK_STR, 0, "zone name as the kernel spells it" };
	x->fields[F_FREE] = (struct field_def){ "free_pages", "free", 8, FK_U64, 0, "free pages in the free lists" };
	x->fields[F_MAXORD] = (struct field_def){ "max_order_low", "maxo", 4, FK_I64, 0,
						  "highest order a user (movable) allocation gets above low + reserve "
						  "(-1: none)" };
	x->fields[F_RESERVE] = (struct field_def){ "reserve_pages", "rsrv", 6, FK_I64, 0,
						   "lowmem_reserve against a movable allocation (protection[Movable]), "
						   "added to low for max_order_low" };
	for (int o = 0; o < norders; o++) {
		x->fields[F_FIXED + o] = (struct field_def){ keep(x, "free_blocks_o", o), keep(x, "", o), 6,
							     FK_U64, 0, "free blocks of this order" };
		x->fields[F_FIXED + norders + o] = (struct field_def){
			keep(x, "unusable_index_o", o), keep(x, "u", o), 5, FK_F64, 3,
			"unusable free space index for this order (0-1)" };
		x->fields[F_FIXED + 2 * norders + o] = (struct field_def){
			keep(x, "frag_index_o", o), keep(x, "f", o), 6, FK_F64, 3,
			"fragmentation index (-1: a block is free, else 0 = no memory .. 1 = fragmented)" };
	}
	x->def = (struct view_def){ "buddy", x->fields, n };
	/* the table: node, zone, free, the counts, maxo, and the indices at the pageblock order */
	x->table = xcalloc((size_t)(norders + 8), sizeof *x->table);
	x->table[t++] = "node";
	x->table[t++] = "zone";
	x->table[t++] = "free_pages";
	for (int o = 0; o < norders; o++)
		x->table[t++] = x->fields[F_FIXED + o].csv;
	x->table[t++] = "max_order_low";
	tord = norders > TABLE_ORDER ? TABLE_ORDER : norders - 1;
	if (tord >= 0) {
		x->table[t++] = x->fields[F_FIXED + norders + tord].csv;
		x->table[t++] = x->fields[F_FIXED + 2 * norders + tord].csv;
	}
	x->table[t] = NULL;
	x->cells = xcalloc((size_t)n, sizeof *x->cells);
	x->spec->def = &x->def;
	x->spec->table = x->table;
}

static int buddy_sample(struct view_run *vr, const struct sample *prev, const struct sample *cur)
{
	struct buddy_ctx *x = vr->spec->ctx;
	int no;

	if (analysis_buddy(prev, cur, &x->ba, &vr->notes) != 0)
		return -1;
	if (!x->fields) {
		int max = 0;

		for (int i = 0; i < x->ba.nzones; i++)
			if (x->ba.zone[i].norders > max)
				max = x->ba.zone[i].norders;
		if (max == 0) {
			analysis_notes_add(&vr->notes, "buddyinfo: no zones");
			return -1;
		}
		build_fields(x, max);
		view_run_rebuild(vr);
	}
	no = x->norders;
	view_run_begin(vr, x->ba.nzones);
	for (int i = 0; i < x->ba.nzones; i++) {
		const struct buddy_zone_analysis *z = &x->ba.zone[i];
		struct cell *c = x->cells;

		c[F_NODE] = cell_i64(z->node);
		c[F_ZONE] = cell_str(z->name);
		c[F_FREE] = cell_u64(z->free_pages);
		c[F_MAXORD] = z->have_wmark ? cell_i64(z->max_order_low) : cell_na();
		c[F_RESERVE] = z->have_wmark ? cell_i64(z->reserve) : cell_na();
		for (int o = 0; o < no; o++) {
			bool have = o < z->norders;

			c[F_FIXED + o] = have ? cell_u64(z->nfree[o]) : cell_na();
			c[F_FIXED + no + o] = have ? cell_f64(z->unusable[o] / 1000.0) : cell_na();
			c[F_FIXED + 2 * no + o] = have ? cell_f64(z->fragindex[o] / 1000.0) : cell_na();
		}
		view_run_row(vr, c, cur);
	}
	return 0;
}

int buddy_main(const struct cli *c)
{
	static const struct field_def none[1] = { { "node", "node", 4, FK_I64, 0, "" } };
	static const struct view_def placeholder = { "buddy", none, 1 };
	struct buddy_ctx x;
	struct view_spec spec = {
		.def = &placeholder,
		.parts = SAMPLE_HAVE(SP_BUDDYINFO) | SAMPLE_HAVE(SP_ZONEINFO) | SAMPLE_HAVE(SP_VERSION),
		.required = SAMPLE_HAVE(SP_BUDDYINFO),
		.no_zone_counters = true,
		.sample = buddy_sample,
		.ctx = &x,
	};
	int rc;

	memset(&x, 0, sizeof x);
	x.spec = &spec;
	buddy_analysis_init(&x.ba);
	rc = view_run(c, &spec);
	buddy_analysis_free(&x.ba);
	for (int i = 0; i < x.nnames; i++)
		free(x.names[i]);
	free(x.names);
	free(x.fields);
	free(x.table);
	free(x.cells);
	return rc;
}
