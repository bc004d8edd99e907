/* vmstat-vm.c — vmstat's default view (and -a, -w, -t, -y, -S, -n): the since-boot line, then one line
 * per interval, headers repeated per screen, or the same rows as CSV. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "proc-pick.h"
#include "view.h"
#include "vmstat.h"

static const char *const col_name[18] = { "r", "b", "swpd", "free", "buff", "cache", "si", "so", "bi",
					  "bo", "in", "cs", "us", "sy", "id", "wa", "st", "gu" };
static const int col_norm[18] = { 2, 2, 6, 6, 6, 6, 4, 4, 5, 5, 4, 4, 2, 2, 2, 2, 2, 2 };
static const int col_wide[18] = { 4, 4, 12, 12, 12, 12, 4, 4, 5, 5, 4, 4, 3, 3, 3, 3, 3, 3 };

/* CSV: always KiB (no -S rounding), always the gu column. */
#define VM_FIELDS(buff, buffdesc, cache, cachedesc)                                                    \
	{ "line", "line", 8, FK_STR, 0, "since_boot (averages since boot) or interval" },              \
	{ "r", "r", 4, FK_U64, 0, "runnable tasks (4.0.4+: vmstat itself not counted)" },               \
	{ "b", "b", 4, FK_U64, 0, "tasks blocked on I/O" },                                              \
	{ "swpd_kib", "swpd", 12, FK_U64, 0, "swap in use" },                                            \
	{ "free_kib", "free", 12, FK_U64, 0, "MemFree" },                                                \
	{ buff, buff, 12, FK_U64, 0, buffdesc },                                                         \
	{ cache, cache, 12, FK_U64, 0, cachedesc },                                                      \
	{ "si_kib_per_s", "si", 6, FK_U64, 0, "swapped in" },                                            \
	{ "so_kib_per_s", "so", 6, FK_U64, 0, "swapped out" },                                           \
	{ "bi_kib_per_s", "bi", 6, FK_U64, 0, "paged in from block devices" },                           \
	{ "bo_kib_per_s", "bo", 6, FK_U64, 0, "paged out to block devices" },                            \
	{ "in_per_s", "in", 6, FK_U64, 0, "interrupts" },                                                \
	{ "cs_per_s", "cs", 6, FK_U64, 0, "context switches" },                                          \
	{ "us_pct", "us", 3, FK_U64, 0, "user time without guest" },                                     \
	{ "sy_pct", "sy", 3, FK_U64, 0, "system, irq and softirq time" },                                \
	{ "id_pct", "id", 3, FK_U64, 0, "idle time" },                                                   \
	{ "wa_pct", "wa", 3, FK_U64, 0, "I/O wait time" },                                               \
	{ "st_pct", "st", 3, FK_U64, 0, "stolen time" },                                                 \
	{ "gu_pct", "gu", 3, FK_U64, 0, "guest time" }

static const struct field_def vm_fields[] = {
	VM_FIELDS("buff_kib", "Buffers", "cache_kib", "Cached + SReclaimable"),
};
static const struct field_def vm_fields_active[] = {
	VM_FIELDS("inact_kib", "Inactive", "active_kib", "Active"),
};
static const struct view_def vm_view = { "vmstat", vm_fields, (int)ZS_ARRAY_LEN(vm_fields) };
static const struct view_def vm_view_active = { "vmstat", vm_fields_active,
						(int)ZS_ARRAY_LEN(vm_fields_active) };

static void print_header(struct vm_run *r)
{
	const struct cli *c = r->c;
	const int *w = c->wide ? col_wide : col_norm;
	int ncol = c->wide || c->compat != COMPAT_402 ? 18 : 17;
	char buf[512], tz[32];
	size_t len = 0;

	if (r->csv) {
		render_header(&r->r, c->active ? &vm_view_active : &vm_view);
		return;
	}
	if (c->wide)
		fputs("--procs-- -----------------------memory---------------------- ---swap-- -----io---- "
		      "-system-- ----------cpu----------",
		      stdout);
	else if (c->compat == COMPAT_402)
		fputs("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----", stdout);
	else
		fputs("procs -----------memory---------- ---swap-- -----io---- -system-- -------cpu-------",
		      stdout);
	fputs(c->timestamp ? " -----timestamp-----\n" : "\n", stdout);
	for (int i = 0; i < ncol; i++) {
		const char *name = col_name[i];

		if (c->active && i == 4)
			name = "inact";
		else if (c->active && i == 5)
			name = "active";
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%*s", i ? " " : "", w[i], name);
	}
	if (c->timestamp) {
		vm_tzname(tz, sizeof tz);
		snprintf(buf + len, sizeof buf - len, " %s", tz);
	}
	puts(buf);
	vm_line_done(r);
}

static void print_line(struct vm_run *r, const struct vm_line *l, bool since_boot)
{
	const struct cli *c = r->c;
	char buf[512], ts[64];
	int n;

	if (r->csv) {
		struct cell cells[19];
		uint64_t v[18] = { l->r, l->b, l->swpd, l->free, l->buff, l->cache, l->si, l->so, l->bi,
				   l->bo, l->in, l->cs, l->us, l->sy, l->id, l->wa, l->st, l->gu };

		cells[0] = cell_str(since_boot ? "since_boot" : "interval");
		for (int i = 0; i < 18; i++)
			cells[i + 1] = cell_u64(v[i]);
		render_row(&r->r, c->active ? &vm_view_active : &vm_view, cells, r->s.t);
		vm_line_done(r);
		return;
	}
	n = vmstat_format_line(buf, sizeof buf, l, c->wide, c->compat);
	if (c->timestamp && n >= 0 && (size_t)n < sizeof buf) {
		vm_timestamp(ts, sizeof ts);
		snprintf(buf + n, sizeof buf - (size_t)n, " %s", ts);
	}
	puts(buf);
	vm_line_done(r);
}

/* Only these few values are needed every interval: they are picked out of the texts rather than
 * parsed into the sample's name tables (which would cost more than the kernel's making of the files).
 * The keys keep where each line was, for the next read. */
static struct proc_pick vm_keys[4], mem_keys[6];

static void pick_init(bool active)
{
	static const char *const vm_names[4] = { "pgpgin", "pgpgout", "pswpin", "pswpout" };
	static const char *const mem_names[6] = { "SwapTotal", "SwapFree", "MemFree",
						  "Buffers", "Cached", "SReclaimable" };
	static const char *const mem_names_active[6] = { "SwapTotal", "SwapFree", "MemFree", "Inactive",
							 "Active", "" };

	proc_pick_init(vm_keys, vm_names, 4);
	proc_pick_init(mem_keys, active ? mem_names_active : mem_names, active ? 5 : 6);
}

static void counters(const struct vm_run *r, struct vm_counters *k)
{
	size_t len;
	const char *t = snapshot_text(&r->snap, SNAP_VMSTAT, &len);

	proc_pick(vm_keys, 4, t ? t : "", t ? len : 0, ' ');
	k->pgpgin = vm_keys[0].value;
	k->pgpgout = vm_keys[1].value;
	k->pswpin = vm_keys[2].value;
	k->pswpout = vm_keys[3].value;
	k->intr = r->s.stat.intr;
	k->ctxt = r->s.stat.ctxt;
}

/* The memory columns (vmstat_mem's rules) from the text of /proc/meminfo. */
static void memory(const struct vm_run *r, bool active, struct vm_mem *m)
{
	size_t len;
	const char *t = snapshot_text(&r->snap, SNAP_MEMINFO, &len);

	proc_pick(mem_keys, active ? 5 : 6, t ? t : "", t ? len : 0, ':');
	m->swpd = mem_keys[1].value < mem_keys[0].value ? mem_keys[0].value - mem_keys[1].value : 0;
	m->free = mem_keys[2].value;
	m->buff = mem_keys[3].value;
	m->cache = mem_keys[4].value + (active ? 0 : mem_keys[5].value);
}

/* procps tolerates a /proc/meminfo or /proc/vmstat it cannot make sense of (all zeros); only a missing
 * or empty one is an error. */
static int need_text(struct vm_run *r, enum snap_file id, const char *text)
{
	const struct snap_text *t = &r->snap.f[id];
	char why[160];

	if (t->read && !t->err && t->len > 0)
		return 0;
	snprintf(why, sizeof why, "%s: %s", snap_file_path[id],
		 !t->read || t->err == ENOENT ? "file not found" : t->err ? strerror(t->err) : "empty file");
	return vm_fail(r, text, why);
}

/* zonestat's own view (not run as vmstat, no --compat): a counter that went backwards since the last line
 * (a reset, a 32-bit wrap, a tree from another boot) counts 0 and a note on stderr says so, where procps
 * prints the unsigned difference (4294967289 interrupts per second).  The previous values are moved down
 * to the current ones, so the other counters of the line keep their real differences. */
static void backwards_guard(const struct vm_run *r, struct vm_counters *prev, const struct vm_counters *cur,
			    struct cpu_ticks *prev_t, const struct cpu_ticks *cur_t)
{
	uint64_t *pk[] = { &prev->pgpgin, &prev->pgpgout, &prev->pswpin, &prev->pswpout, &prev->intr,
			   &prev->ctxt };
	const uint64_t ck[] = { cur->pgpgin, cur->pgpgout, cur->pswpin, cur->pswpout, cur->intr, cur->ctxt };
	static const char *const kname[] = { "pgpgin", "pgpgout", "pswpin", "pswpout", "intr", "ctxt" };
	uint64_t *pt[] = { &prev_t->user, &prev_t->nice, &prev_t->system, &prev_t->idle, &prev_t->iowait,
			   &prev_t->irq, &prev_t->softirq, &prev_t->steal, &prev_t->guest, &prev_t->guest_nice };
	const uint64_t ct[] = { cur_t->user, cur_t->nice, cur_t->system, cur_t->idle, cur_t->iowait,
				cur_t->irq, cur_t->softirq, cur_t->steal, cur_t->guest, cur_t->guest_nice };
	static const char *const tname[] = { "cpu user", "cpu nice", "cpu system", "cpu idle", "cpu iowait",
					     "cpu irq", "cpu softirq", "cpu steal", "cpu guest", "cpu guest_nice" };
	struct analysis_notes notes;

	if (r->c->vmstat_only)
		return;
	analysis_notes_init(&notes);
	for (size_t i = 0; i < ZS_ARRAY_LEN(pk); i++)
		if (ck[i] < *pk[i]) {
			delta_named(kname[i], *pk[i], ck[i], &notes);
			*pk[i] = ck[i];
		}
	for (size_t i = 0; i < ZS_ARRAY_LEN(pt); i++)
		if (ct[i] < *pt[i]) {
			delta_named(tname[i], *pt[i], ct[i], &notes);
			*pt[i] = ct[i];
		}
	for (int i = 0; i < notes.n; i++)
		fprintf(stderr, "%s: note: %s\n", r->c->prog, notes.msg[i]);
	analysis_notes_free(&notes);
}

int vmstat_vm_run(struct vm_run *r)
{
	const struct cli *c = r->c;
	int compat = c->compat;
	unsigned kpp = (unsigned)(sysconf(_SC_PAGESIZE) / 1024);
	long hz = sysconf(_SC_CLK_TCK);
	unsigned parts = SAMPLE_HAVE(SP_STAT) | SAMPLE_HAVE(SP_VMSTAT) | SAMPLE_HAVE(SP_MEMINFO);
	unsigned long limit = c->count + (c->no_first ? 1 : 0);
	/* CSV is always in KiB: its column names say so */
	char unit = r->csv ? 'K' : c->unit;
	struct vm_counters prev, cur;
	struct cpu_ticks prev_t, dt;
	struct vm_mem mem;
	struct vm_line l;

	if (hz <= 0)
		hz = 100;
	pick_init(c->active);
	parts |= compat == COMPAT_402 ? SAMPLE_HAVE(SP_CPUINFO) : SAMPLE_HAVE(SP_UPTIME);
	if (vm_take_some(r, parts, parts & ~(SAMPLE_HAVE(SP_VMSTAT) | SAMPLE_HAVE(SP_MEMINFO))) < 0)
		return 1;
	/* procps creates its contexts in this order; the first failure is the one reported */
	if (need_text(r, SNAP_VMSTAT, "Unable to create vmstat structure") < 0 || vm_need_stat(r) < 0 ||
	    need_text(r, SNAP_MEMINFO, "Unable to create meminfo structure") < 0)
		return 1;
	if (compat != COMPAT_402 && !(r->s.have & SAMPLE_HAVE(SP_UPTIME))) {
		const struct snap_text *t = &r->snap.f[SNAP_UPTIME];
		char text[128];

		snprintf(text, sizeof text, "Unable to get uptime: %s", strerror(t->err ? t->err : ERANGE));
		vm_fail(r, text, r->s.err[SP_UPTIME].msg);
		return 1;
	}

	print_header(r);
	counters(r, &prev);
	prev_t = r->s.stat.total;
	memory(r, c->active, &mem);
	memset(&l, 0, sizeof l);
	vmstat_line_mem(&l, &mem, unit, compat);
	if (!c->no_first) {
		l.r = vmstat_running(r->s.stat.procs_running, compat);
		l.b = r->s.stat.procs_blocked;
		vmstat_first_line(&l, &r->s.stat.total, &prev, r->s.uptime.up, hz, kpp, unit, compat);
		print_line(r, &l, true);
	}

	/* 4.0.2 never re-reads /proc/meminfo (Debian #1027963): its memory columns stay as read at start */
	parts = SAMPLE_HAVE(SP_STAT) | SAMPLE_HAVE(SP_VMSTAT);
	if (compat != COMPAT_402)
		parts |= SAMPLE_HAVE(SP_MEMINFO);
	for (unsigned long i = 1; !r->stop; i++) {
		/* 4.0.2 counts in 32 bits */
		unsigned long n = compat == COMPAT_402 ? (unsigned)i : i;

		if (!c->infinite && n >= limit)
			break;
		vm_wait(r);
		if (!c->one_header && n % (unsigned long)r->height == 0)
			print_header(r);
		if (vm_take_some(r, parts, SAMPLE_HAVE(SP_STAT)) < 0)
			return 1;
		if (vm_need(r, SP_STAT, "Unable to select stat information") < 0)
			return 1;
		if (compat != COMPAT_402) {
			if (need_text(r, SNAP_MEMINFO, "Unable to select memory information") < 0)
				return 1;
			memory(r, c->active, &mem);
			vmstat_line_mem(&l, &mem, unit, compat);
		}
		counters(r, &cur);
		backwards_guard(r, &prev, &cur, &prev_t, &r->s.stat.total);
		vmstat_tick_delta(&prev_t, &r->s.stat.total, compat, &dt);
		l.r = vmstat_running(r->s.stat.procs_running, compat);
		l.b = r->s.stat.procs_blocked;
		vmstat_interval_line(&l, &dt, &prev, &cur, c->delay, kpp, unit, compat);
		print_line(r, &l, false);
		prev = cur;
		prev_t = r->s.stat.total;
	}
	return 0;
}
