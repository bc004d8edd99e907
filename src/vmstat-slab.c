/* vmstat-slab.c — vmstat -m: the slab caches by name, re-read every sample. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc-slabinfo.h"
#include "view.h"
#include "vmstat.h"

static const struct field_def slab_fields[] = {
	{ "cache", "Cache", -24, FK_STR, 0, "slab cache name" },
	{ "active_objs", "Num", 10, FK_U64, 0, "objects in use" },
	{ "num_objs", "Total", 10, FK_U64, 0, "objects allocated" },
	{ "obj_size_bytes", "Size", 8, FK_U64, 0, "object size" },
	{ "objs_per_slab", "Pages", 8, FK_U64, 0, "objects per slab (procps titles it Pages)" },
	{ "pages_per_slab", "PgSlab", 8, FK_U64, 0, "pages per slab" },
	{ "active_slabs", "ASlabs", 10, FK_U64, 0, "slabs in use" },
	{ "num_slabs", "Slabs", 10, FK_U64, 0, "slabs allocated" },
};
static const struct view_def slab_view = { "vmstat-slabs", slab_fields, (int)ZS_ARRAY_LEN(slab_fields) };

static const struct slabinfo *sort_base;

/* byte order: the C locale's collation, which is what procps' strcoll gives under C and C.UTF-8 */
static int by_name(const void *a, const void *b)
{
	return strcmp(sort_base->s[*(const size_t *)a].name, sort_base->s[*(const size_t *)b].name);
}

static int fail(struct vm_run *r, int err, const char *detail)
{
	char text[128];

	if (r->c->compat == COMPAT_402)
		snprintf(text, sizeof text, "Unable to create slabinfo structure");
	else
		snprintf(text, sizeof text, "Unable to create slabinfo structure: %s", strerror(err));
	return vm_fail(r, text, detail);
}

static int take_slabs(struct vm_run *r)
{
	const struct slabinfo *si;
	char why[160];

	if (vm_take(r, SAMPLE_HAVE(SP_SLABINFO)) < 0)
		return -1;
	if (!(r->s.have & SAMPLE_HAVE(SP_SLABINFO))) {
		int err = r->snap.f[SNAP_SLABINFO].err;

		return fail(r, err ? err : ERANGE, r->s.err[SP_SLABINFO].msg);
	}
	si = r->s.slabs;
	if (si->major != 2) {
		snprintf(why, sizeof why, "slabinfo: not version 2.x");
		return fail(r, ERANGE, why);
	}
	if (si->bad_lines) {
		snprintf(why, sizeof why, "slabinfo: line %zu is not a cache line", si->first_bad);
		return fail(r, ERANGE, why);
	}
	for (size_t i = 0; i < si->n; i++)
		if (si->s[i].nfields < 7) {
			snprintf(why, sizeof why, "slabinfo: %.40s: no slabdata numbers", si->s[i].name);
			return fail(r, ERANGE, why);
		}
	return 0;
}

static void header(struct vm_run *r)
{
	if (r->csv)
		render_header(&r->r, &slab_view);
	else
		printf("%-24s %6s %6s %6s %6s\n", "Cache", "Num", "Total", "Size", "Pages");
	vm_line_done(r);
}

static void row(struct vm_run *r, const struct slab_entry *s)
{
	if (r->csv) {
		struct cell cells[8] = {
			cell_str(s->name), cell_u64(s->active_objs), cell_u64(s->num_objs), cell_u64(s->objsize),
			cell_u64(s->objperslab), cell_u64(s->pagesperslab), cell_u64(s->active_slabs),
			cell_u64(s->num_slabs),
		};

		render_row(&r->r, &slab_view, cells, r->s.t);
	} else {
		/* libproc2 keeps these in unsigned ints */
		printf("%-24.24s %6u %6u %6u %6u\n", s->name, (unsigned)s->active_objs, (unsigned)s->num_objs,
		       (unsigned)s->objsize, (unsigned)s->objperslab);
	}
	vm_line_done(r);
}

int vmstat_slab_run(struct vm_run *r)
{
	const struct cli *c = r->c;
	size_t *order = NULL, cap = 0;
	int rc = 0;

	if (take_slabs(r) < 0)
		return 1;
	if (c->one_header)
		header(r);
	for (unsigned long i = 0; !r->stop && (c->infinite || i < c->count); i++) {
		const struct slabinfo *si;

		if (i > 0 && take_slabs(r) < 0) {
			rc = 1;
			break;
		}
		si = r->s.slabs;
		xgrow((void **)&order, &cap, si->n + 1, sizeof *order);
		for (size_t j = 0; j < si->n; j++)
			order[j] = j;
		sort_base = si;
		qsort(order, si->n, sizeof *order, by_name);
		for (size_t j = 0; j < si->n && !r->stop; j++) {
			if (!c->one_header && j % (size_t)r->height == 0)
				header(r);
			row(r, &si->s[order[j]]);
		}
		if (c->infinite || i + 1 < c->count)
			vm_wait(r);
	}
	free(order);
	return rc;
}
