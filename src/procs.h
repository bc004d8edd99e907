/* procs.h — the processes that matter for memory, as a plain list (the dashboard's process pane).
 *
 * procs.c is the only file that includes libproc2's headers: it reads every process with the pids API
 * (procps-ng 4) and copies what the dashboard shows into struct proc_entry, so the rest of zonestat, and
 * its tests, never see libproc2's types.  libproc2 reads the running system's /proc only; a captured
 * tree or the simulator has no processes (struct source.has_processes). */
#ifndef ZS_PROCS_H
#define ZS_PROCS_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct proc_entry {
	int pid;
	char state;              /* R, S, D, Z … */
	char user[16];
	char comm[32];
	uint64_t rss_kib;        /* resident set (VmRSS) */
	uint64_t swap_kib;       /* swapped out (VmSwap) */
	uint64_t majflt;         /* major faults since the process began */
	double majflt_rate;      /* per second since the previous read (0 on the first) */
	int oom_score;           /* /proc/PID/oom_score: who the OOM killer picks first */
	int oom_adj;             /* oom_score_adj */
};

struct proc_list {
	struct proc_entry *p;
	int n, cap;
	int total;               /* processes read, kernel threads included */
	uint64_t rss_kib, swap_kib;   /* sums over the list */
};

enum procs_sort { PS_RSS, PS_SWAP, PS_MAJFLT, PS_OOM, PS_PID, PS_COMM, PS_N };
/* Column heading of each sort key: "RSS", "SWAP", "MAJF/s", "OOM", "PID", "COMMAND". */
extern const char *const procs_sort_name[PS_N];

struct procs;

/* Open the reader.  NULL with e set when libproc2 cannot be used (no /proc). */
struct procs *procs_open(struct zs_err *e);
/* Read every process into out (kernel threads, which own no memory, are left out).  Rates are against
 * the previous call, over seconds (≤ 0: the rates are 0).  Returns 0, or -1 with e set. */
int procs_read(struct procs *pr, struct proc_list *out, double seconds, struct zs_err *e);
void procs_close(struct procs *pr);

void proc_list_init(struct proc_list *l);
void proc_list_free(struct proc_list *l);
/* Append (tests, and procs_read). */
struct proc_entry *proc_list_add(struct proc_list *l);
/* Sort by key, largest first (PID and COMMAND: ascending); reverse flips it.  Ties go by PID. */
void proc_list_sort(struct proc_list *l, enum procs_sort key, bool reverse);

#endif
