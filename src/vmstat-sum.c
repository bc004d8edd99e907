/* vmstat-sum.c — vmstat -s (event counters and memory totals, one shot) and -f (forks since boot). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "view.h"
#include "vmstat.h"

static uint64_t mi(const struct vm_run *r, const char *name)
{
	int64_t v = kv_val(&r->s.meminfo, name);

	return v < 0 ? 0 : (uint64_t)v;
}

static const struct field_def sum_fields[] = {
	{ "name", "name", -24, FK_STR, 0, "what is counted" },
	{ "value", "value", 13, FK_U64, 0, "its value" },
	{ "unit", "unit", 6, FK_STR, 0, "kib, ticks, pages, count or epoch_s" },
};
static const struct view_def sum_view = { "vmstat-stats", sum_fields, (int)ZS_ARRAY_LEN(sum_fields) };

struct sum_line {
	const char *text;        /* procps' words after the number */
	const char *csv;         /* CSV name */
	const char *unit;        /* CSV unit */
	int kind;                /* 0: memory (converted, unit letter), 1: plain number, 2: literal "K" */
	uint64_t v;
};

static void emit(struct vm_run *r, const struct sum_line *s, char unit)
{
	if (r->csv) {
		struct cell cells[3] = { cell_str(s->csv), cell_u64(s->v), cell_str(s->unit) };

		render_row(&r->r, &sum_view, cells, r->s.t);
	} else if (s->kind == 0) {
		printf("%13" PRIu64 " %c %s\n", s->v, unit, s->text);
	} else {
		printf("%13" PRIu64 " %s\n", s->v, s->text);
	}
	vm_line_done(r);
}

int vmstat_sum_run(struct vm_run *r)
{
	const struct cli *c = r->c;
	unsigned parts = SAMPLE_HAVE(SP_STAT) | SAMPLE_HAVE(SP_VMSTAT) | SAMPLE_HAVE(SP_MEMINFO);
	const struct cpu_ticks *t;
	uint64_t total, avail, used, stot, sfree;
	size_t len;
	char unit = c->unit ? c->unit : 'K';
	bool csv_unit = r->csv;

	if (c->compat == COMPAT_402)
		parts |= SAMPLE_HAVE(SP_CPUINFO);
	if (vm_take(r, parts) < 0)
		return 1;
	/* procps creates stat, then vmstat, then meminfo */
	if (vm_need_stat(r) < 0)
		return 1;
	if (!(snapshot_text(&r->snap, SNAP_VMSTAT, &len) && len > 0) &&
	    vm_need(r, SP_VMSTAT, "Unable to create vmstat structure") < 0)
		return 1;
	if (!(snapshot_text(&r->snap, SNAP_MEMINFO, &len) && len > 0) &&
	    vm_need(r, SP_MEMINFO, "Unable to create meminfo structure") < 0)
		return 1;

	t = &r->s.stat.total;
	total = mi(r, "MemTotal");
	avail = mi(r, "MemAvailable");
	if (avail == 0 || avail > total)
		avail = mi(r, "MemFree");
	used = total - avail;
	if ((int64_t)used < 0)
		used = total - mi(r, "MemFree");
	stot = mi(r, "SwapTotal");
	sfree = mi(r, "SwapFree");
	/* CSV keeps KiB whatever -S says */
	if (csv_unit)
		unit = 'K';
	{
		const struct sum_line mem[] = {
			{ "total memory", "total_memory", "kib", 0, total },
			{ "used memory", "used_memory", "kib", 0, used },
			{ "active memory", "active_memory", "kib", 0, mi(r, "Active") },
			{ "inactive memory", "inactive_memory", "kib", 0, mi(r, "Inactive") },
			{ "free memory", "free_memory", "kib", 0, mi(r, "MemFree") },
			{ "buffer memory", "buffer_memory", "kib", 0, mi(r, "Buffers") },
			/* sic: Cached + SReclaimable, not SwapCached */
			{ "swap cache", "swap_cache", "kib", 0, mi(r, "Cached") + mi(r, "SReclaimable") },
			{ "total swap", "total_swap", "kib", 0, stot },
			{ "used swap", "used_swap", "kib", 0, sfree < stot ? stot - sfree : 0 },
			{ "free swap", "free_swap", "kib", 0, sfree },
			{ "non-nice user cpu ticks", "user_ticks", "ticks", 1, t->user },
			{ "nice user cpu ticks", "nice_ticks", "ticks", 1, t->nice },
			{ "system cpu ticks", "system_ticks", "ticks", 1, t->system },
			{ "idle cpu ticks", "idle_ticks", "ticks", 1, t->idle },
			{ "IO-wait cpu ticks", "iowait_ticks", "ticks", 1, t->iowait },
			{ "IRQ cpu ticks", "irq_ticks", "ticks", 1, t->irq },
			{ "softirq cpu ticks", "softirq_ticks", "ticks", 1, t->softirq },
			{ "stolen cpu ticks", "steal_ticks", "ticks", 1, t->steal },
			{ "non-nice guest cpu ticks", "guest_ticks", "ticks", 1, t->guest },
			{ "nice guest cpu ticks", "guest_nice_ticks", "ticks", 1, t->guest_nice },
			{ "K paged in", "paged_in", "kib", 2, (uint64_t)kv_val(&r->s.vmstat, "pgpgin") },
			{ "K paged out", "paged_out", "kib", 2, (uint64_t)kv_val(&r->s.vmstat, "pgpgout") },
			{ "pages swapped in", "pages_swapped_in", "pages", 1,
			  (uint64_t)kv_val(&r->s.vmstat, "pswpin") },
			{ "pages swapped out", "pages_swapped_out", "pages", 1,
			  (uint64_t)kv_val(&r->s.vmstat, "pswpout") },
		};
		const struct sum_line alloc[] = {
			{ "pages alloc in dma", "pages_alloc_dma", "pages", 1,
			  (uint64_t)kv_val(&r->s.vmstat, "pgalloc_dma") },
			{ "pages alloc in dma32", "pages_alloc_dma32", "pages", 1,
			  (uint64_t)kv_val(&r->s.vmstat, "pgalloc_dma32") },
			{ "pages alloc in high", "pages_alloc_high", "pages", 1,
			  (uint64_t)kv_val(&r->s.vmstat, "pgalloc_high") },
			{ "pages alloc in movable", "pages_alloc_movable", "pages", 1,
			  (uint64_t)kv_val(&r->s.vmstat, "pgalloc_movable") },
			{ "pages alloc in normal", "pages_alloc_normal", "pages", 1,
			  (uint64_t)kv_val(&r->s.vmstat, "pgalloc_normal") },
			{ "pages free", "pages_free", "pages", 1, (uint64_t)kv_val(&r->s.vmstat, "pgfree") },
		};
		const struct sum_line tail[] = {
			{ "interrupts", "interrupts", "count", 1, r->s.stat.intr },
			{ "CPU context switches", "context_switches", "count", 1, r->s.stat.ctxt },
			{ "boot time", "boot_time", "epoch_s", 1, r->s.stat.btime },
			{ "forks", "forks", "count", 1, r->s.stat.processes },
		};

		if (r->csv)
			render_header(&r->r, &sum_view);
		for (size_t i = 0; i < ZS_ARRAY_LEN(mem) && !r->stop; i++) {
			struct sum_line m = mem[i];

			if (m.kind == 0 && !csv_unit)
				m.v = vmstat_unit_convert(m.v, unit, c->compat);
			emit(r, &m, unit);
		}
		/* the page allocation lines came with 4.0.5 */
		for (size_t i = 0; c->compat != COMPAT_402 && i < ZS_ARRAY_LEN(alloc) && !r->stop; i++)
			emit(r, &alloc[i], unit);
		for (size_t i = 0; i < ZS_ARRAY_LEN(tail) && !r->stop; i++)
			emit(r, &tail[i], unit);
	}
	return 0;
}

int vmstat_forks_run(struct vm_run *r)
{
	unsigned parts = SAMPLE_HAVE(SP_STAT);

	if (r->c->compat == COMPAT_402)
		parts |= SAMPLE_HAVE(SP_CPUINFO);
	if (vm_take(r, parts) < 0 || vm_need_stat(r) < 0)
		return 1;
	printf("%13" PRIu64 " forks\n", r->s.stat.processes);
	vm_line_done(r);
	return 0;
}
