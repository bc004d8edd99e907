/* vmstat.h — the procps-ng vmstat views: shared state, the formulas, and each mode's entry point.
 *
 * Formulas are pure functions of the numbers read (vmstat-calc.c), so the unit tests can check them
 * against hand-derived values for both procps-ng releases that differ (4.0.2 and 4.0.6). */
#ifndef ZS_VMSTAT_H
#define ZS_VMSTAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "kv.h"
#include "render.h"
#include "sample.h"
#include "snapshot.h"
#include "source.h"

/* ---- formulas (vmstat-calc.c) ---- */

/* The counters of one read that the VM line needs. */
struct vm_counters {
	uint64_t pgpgin, pgpgout, pswpin, pswpout, intr, ctxt;
};

/* Memory columns in KiB, before unit conversion. */
struct vm_mem {
	uint64_t swpd, free, buff, cache;   /* buff/cache are inact/active with -a */
};

/* One VM line, as printed. */
struct vm_line {
	uint64_t r, b, swpd, free, buff, cache;
	uint32_t si, so, bi, bo, in, cs;
	uint32_t us, sy, id, wa, st, gu;
};

/* What a double becomes when x86-64 code converts it to unsigned long / unsigned int (out-of-range
 * values included: procps relies on that for counters that go backwards). */
uint64_t vmstat_d2ul(double d);
uint32_t vmstat_d2u(double d);
/* The -S divisor for a unit character (0 means the default, K). */
unsigned vmstat_unit_div(char unit);
/* procps' unitConvert: trunc(kib / unit * 1024); in float32 for 4.0.2, double later. */
uint64_t vmstat_unit_convert(uint64_t kib, char unit, int compat);
/* us sy id wa st gu from tick counts (absolute or deltas), rounding half up. */
void vmstat_cpu_pct(const struct cpu_ticks *t, struct vm_line *l);
/* Tick deltas with procps' rules for counters that go backwards (they differ in 4.0.2 and 4.0.5+). */
void vmstat_tick_delta(const struct cpu_ticks *old, const struct cpu_ticks *cur, int compat,
		       struct cpu_ticks *d);
/* The memory columns from /proc/meminfo. */
void vmstat_mem(const struct kvset *mi, bool active, struct vm_mem *m);
/* Fill the memory columns of a line (unit conversion applied). */
void vmstat_line_mem(struct vm_line *l, const struct vm_mem *m, char unit, int compat);
/* The since-boot line's si … cs and CPU columns.  up: /proc/uptime's first number (4.0.3+);
 * hz: clock ticks per second (4.0.2); kpp: KiB per page. */
void vmstat_first_line(struct vm_line *l, const struct cpu_ticks *t, const struct vm_counters *k,
		       double up, long hz, unsigned kpp, char unit, int compat);
/* An interval line's si … cs and CPU columns over delay seconds. */
void vmstat_interval_line(struct vm_line *l, const struct cpu_ticks *dt, const struct vm_counters *prev,
			  const struct vm_counters *cur, unsigned long delay, unsigned kpp, char unit,
			  int compat);
/* procs_running as the version shows it (4.0.4+ do not count vmstat itself). */
uint64_t vmstat_running(uint64_t procs_running, int compat);
/* Print a line into buf (no newline); returns its length. */
int vmstat_format_line(char *buf, size_t size, const struct vm_line *l, bool wide, int compat);
/* Print v right-aligned in width with the 4.0.5+ overflow compensation; returns chars written. */
int vmstat_put_skewed(char *buf, size_t size, uint64_t v, int width, int *skew);

/* ---- the run (vmstat-main.c) ---- */

struct vm_run {
	const struct cli *c;
	struct source *src;
	struct snapshot snap;
	struct sample s;
	int height;              /* header every height lines (section 2 of the spec) */
	bool csv;
	struct render r;
	bool stop;               /* stdout is gone (closed pipe in zonestat mode): end quietly */
};

/* Take a snapshot of the files of parts and parse them into r->s (a part that could not be parsed is
 * absent from r->s.have, with its reason in r->s.err).  -1 (message printed) when the source failed. */
int vm_take(struct vm_run *r, unsigned parts);
/* The same, reading the files of read but parsing only those of parts (a view that picks a few values
 * out of a file's text itself). */
int vm_take_some(struct vm_run *r, unsigned read, unsigned parts);
/* procps' message for a /proc problem: "prog: text" in compat mode; zonestat adds what is wrong with
 * which file (detail).  Returns -1. */
int vm_fail(const struct vm_run *r, const char *text, const char *detail);
/* Is the part there?  If not, vm_fail(text, the parser's reason). */
int vm_need(const struct vm_run *r, int part, const char *text);
/* /proc/stat as strict as libproc2: a first line "cpu" with at least 8 numbers; and in 4.0.2 a
 * /proc/cpuinfo whose processor blocks end (part SP_CPUINFO must have been taken). */
int vm_need_stat(const struct vm_run *r);
/* Sleep between samples (through the source, so simulated and faked clocks work). */
void vm_wait(struct vm_run *r);
/* An error message in vmstat's style ("prog: text"). */
void vm_error(const struct vm_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* After a line: flush, notice a closed pipe. */
void vm_line_done(struct vm_run *r);
/* The -t timestamp text and the time zone abbreviation of its header. */
void vm_timestamp(char *buf, size_t size);
void vm_tzname(char *buf, size_t size);

/* ---- modes ---- */
int vmstat_vm_run(struct vm_run *r);      /* vmstat-vm.c: default, -a, -w, -t, -y, -S, -n */
int vmstat_sum_run(struct vm_run *r);     /* vmstat-sum.c: -s */
int vmstat_forks_run(struct vm_run *r);   /* vmstat-sum.c: -f */
int vmstat_disk_run(struct vm_run *r);    /* vmstat-disk.c: -d */
int vmstat_disksum_run(struct vm_run *r); /* vmstat-disk.c: -D */
int vmstat_part_run(struct vm_run *r);    /* vmstat-disk.c: -p */
int vmstat_slab_run(struct vm_run *r);    /* vmstat-slab.c: -m */

#endif
