/* procs.c — per-process memory figures through libproc2's pids API; the only file that includes
 * libproc2 headers (its 3 → 4 API break hit every program that spread them around).
 *
 * A refresh reads, for each process, /proc/PID/stat (command, state, flags, major faults),
 * /proc/PID/status (user, VmRSS, VmSwap) and /proc/PID/oom_score and oom_score_adj.  Most entries of
 * /proc are kernel threads, which own no memory: once stat's PF_KTHREAD flag has shown a PID to be one,
 * it is not read again while /proc lists the same PID with the same inode number (procfs gives a new
 * process a new inode, so a reused PID is read afresh), and every RESCAN refreshes all are read anyway.
 * That keeps a refresh to a few files per process that matters (tests/bench/dash-bench.sh).  Fault
 * rates are against our own copy of the previous counts, so they do not depend on how the processes
 * were selected. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libproc2/pids.h>

#include "procs.h"

const char *const procs_sort_name[PS_N] = {
	[PS_RSS] = "RSS", [PS_SWAP] = "SWAP", [PS_MAJFLT] = "MAJF/s", [PS_OOM] = "OOM", [PS_PID] = "PID",
	[PS_COMM] = "COMMAND",
};

#define PF_KTHREAD_FLAG 0x00200000UL   /* include/linux/sched.h: PF_KTHREAD */
#define RESCAN 30                      /* refreshes between reads of every PID */
#define SELECT_MAX 200                 /* PIDs per procps_pids_select (libproc2 caps the list) */

/* The items, in the order PIDS_VAL reads them back. */
enum { I_PID, I_STATE, I_FLAGS, I_USER, I_CMD, I_RSS, I_SWAP, I_MAJ, I_OOM, I_OOM_ADJ, I_N };
static enum pids_item items[I_N] = {
	[I_PID] = PIDS_ID_PID, [I_STATE] = PIDS_STATE, [I_FLAGS] = PIDS_FLAGS, [I_USER] = PIDS_ID_EUSER,
	[I_CMD] = PIDS_CMD, [I_RSS] = PIDS_VM_RSS, [I_SWAP] = PIDS_VM_SWAP, [I_MAJ] = PIDS_FLT_MAJ,
	[I_OOM] = PIDS_OOM_SCORE, [I_OOM_ADJ] = PIDS_OOM_ADJ,
};

/* A /proc entry: its PID, its inode, and whether it is a kernel thread. */
struct pid_ent {
	unsigned pid;
	unsigned long ino;
	bool kthread;
};

/* A process's major faults at the previous refresh. */
struct prev_flt {
	int pid;
	uint64_t majflt;
};

struct procs {
	struct pids_info *info;
	struct pid_ent *ent, *old;       /* this refresh's /proc, the previous one's (both by PID) */
	size_t nent, cap_ent, nold, cap_old;
	unsigned *want;
	size_t cap_want;
	struct prev_flt *flt, *nflt;     /* by PID */
	size_t nflt_n, cap_flt, cap_nflt;
	unsigned round;
};

struct procs *procs_open(struct zs_err *e)
{
	struct procs *pr = xcalloc(1, sizeof *pr);
	int rc = procps_pids_new(&pr->info, items, I_N);

	if (rc < 0) {
		zs_err_set(e, -rc, "processes: libproc2 cannot read /proc: %s", strerror(-rc));
		free(pr);
		return NULL;
	}
	return pr;
}

void procs_close(struct procs *pr)
{
	if (!pr)
		return;
	procps_pids_unref(&pr->info);
	free(pr->ent);
	free(pr->old);
	free(pr->want);
	free(pr->flt);
	free(pr->nflt);
	free(pr);
}

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static int cmp_ent(const void *a, const void *b)
{
	unsigned x = ((const struct pid_ent *)a)->pid, y = ((const struct pid_ent *)b)->pid;

	return (x > y) - (x < y);
}

static int cmp_flt(const void *a, const void *b)
{
	int x = ((const struct prev_flt *)a)->pid, y = ((const struct prev_flt *)b)->pid;

	return (x > y) - (x < y);
}

/* The numeric entries of /proc, by PID, each marked a kernel thread if the previous refresh knew it as
 * one under the same inode.  -1 with e set when /proc cannot be listed. */
static int list_proc(struct procs *pr, bool rescan, struct zs_err *e)
{
	DIR *dir = opendir("/proc");
	struct dirent *de;
	struct pid_ent *swap;
	size_t cap;

	if (!dir) {
		zs_err_set(e, errno, "processes: /proc: %s", strerror(errno));
		return -1;
	}
	/* the previous list becomes old */
	swap = pr->old, pr->old = pr->ent, pr->ent = swap;
	cap = pr->cap_old, pr->cap_old = pr->cap_ent, pr->cap_ent = cap;
	pr->nold = pr->nent;
	pr->nent = 0;
	while ((de = readdir(dir)) != NULL) {
		char *end;
		unsigned long v;
		struct pid_ent *p;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		v = strtoul(de->d_name, &end, 10);
		if (*end || v > 0x7fffffffUL)
			continue;
		xgrow((void **)&pr->ent, &pr->cap_ent, pr->nent + 1, sizeof *pr->ent);
		p = &pr->ent[pr->nent++];
		p->pid = (unsigned)v;
		p->ino = (unsigned long)de->d_ino;
		p->kthread = false;
	}
	closedir(dir);
	qsort(pr->ent, pr->nent, sizeof *pr->ent, cmp_ent);
	if (rescan)
		return 0;
	for (size_t i = 0; i < pr->nent; i++) {
		struct pid_ent *o = bsearch(&pr->ent[i], pr->old, pr->nold, sizeof *pr->old, cmp_ent);

		pr->ent[i].kthread = o && o->kthread && o->ino == pr->ent[i].ino;
	}
	return 0;
}

static double majflt_rate(const struct procs *pr, int pid, uint64_t majflt, double seconds)
{
	struct prev_flt key = { .pid = pid };
	const struct prev_flt *o;

	if (seconds <= 0)
		return 0;
	o = bsearch(&key, pr->flt, pr->nflt_n, sizeof *pr->flt, cmp_flt);
	/* a process new since the last refresh: its count so far is no rate */
	if (!o || majflt < o->majflt)
		return 0;
	return (double)(majflt - o->majflt) / seconds;
}

/* Copy one selected process into out and its fault count into nflt[*nn] (kernel threads are only
 * remembered as such). */
static void take(struct procs *pr, struct pids_stack *st, struct proc_list *out, double seconds, size_t *nn)
{
	unsigned pid = (unsigned)PIDS_VAL(I_PID, s_int, st, pr->info);
	unsigned long rss = PIDS_VAL(I_RSS, ul_int, st, pr->info);
	unsigned long swap = PIDS_VAL(I_SWAP, ul_int, st, pr->info);
	struct pid_ent key = { .pid = pid };
	struct proc_entry *p;

	if (PIDS_VAL(I_FLAGS, ul_int, st, pr->info) & PF_KTHREAD_FLAG) {
		struct pid_ent *e = bsearch(&key, pr->ent, pr->nent, sizeof *pr->ent, cmp_ent);

		if (e)
			e->kthread = true;
		return;
	}
	/* a zombie has no memory left to show */
	if (rss == 0 && swap == 0)
		return;
	p = proc_list_add(out);
	p->pid = (int)pid;
	p->state = (char)PIDS_VAL(I_STATE, s_ch, st, pr->info);
	copy_str(p->user, sizeof p->user, PIDS_VAL(I_USER, str, st, pr->info));
	copy_str(p->comm, sizeof p->comm, PIDS_VAL(I_CMD, str, st, pr->info));
	p->rss_kib = rss;
	p->swap_kib = swap;
	p->majflt = PIDS_VAL(I_MAJ, ul_int, st, pr->info);
	p->majflt_rate = majflt_rate(pr, p->pid, p->majflt, seconds);
	p->oom_score = PIDS_VAL(I_OOM, s_int, st, pr->info);
	p->oom_adj = PIDS_VAL(I_OOM_ADJ, s_int, st, pr->info);
	out->rss_kib += rss;
	out->swap_kib += swap;
	xgrow((void **)&pr->nflt, &pr->cap_nflt, *nn + 1, sizeof *pr->nflt);
	pr->nflt[(*nn)++] = (struct prev_flt){ .pid = p->pid, .majflt = p->majflt };
}

int procs_read(struct procs *pr, struct proc_list *out, double seconds, struct zs_err *e)
{
	size_t nwant = 0, nn = 0;
	struct prev_flt *swap;
	size_t cap;

	out->n = 0;
	out->total = 0;
	out->rss_kib = out->swap_kib = 0;
	if (list_proc(pr, pr->round++ % RESCAN == 0, e) != 0)
		return -1;
	out->total = (int)pr->nent;
	for (size_t i = 0; i < pr->nent; i++) {
		if (pr->ent[i].kthread)
			continue;
		xgrow((void **)&pr->want, &pr->cap_want, nwant + 1, sizeof *pr->want);
		pr->want[nwant++] = pr->ent[i].pid;
	}
	for (size_t i = 0; i < nwant; i += SELECT_MAX) {
		int n = (int)(nwant - i < SELECT_MAX ? nwant - i : SELECT_MAX);
		struct pids_fetch *f;

		errno = 0;
		f = procps_pids_select(pr->info, pr->want + i, n, PIDS_SELECT_PID);
		if (!f) {
			zs_err_set(e, errno, "processes: libproc2 could not read /proc: %s",
				   errno ? strerror(errno) : "unknown error");
			return -1;
		}
		for (int k = 0; k < f->counts->total; k++)
			take(pr, f->stacks[k], out, seconds, &nn);
	}
	/* this refresh's counts are the next one's previous */
	qsort(pr->nflt, nn, sizeof *pr->nflt, cmp_flt);
	swap = pr->flt, pr->flt = pr->nflt, pr->nflt = swap;
	cap = pr->cap_flt, pr->cap_flt = pr->cap_nflt, pr->cap_nflt = cap;
	pr->nflt_n = nn;
	return 0;
}

void proc_list_init(struct proc_list *l)
{
	memset(l, 0, sizeof *l);
}

void proc_list_free(struct proc_list *l)
{
	free(l->p);
	memset(l, 0, sizeof *l);
}

struct proc_entry *proc_list_add(struct proc_list *l)
{
	size_t cap = (size_t)l->cap;
	struct proc_entry *p;

	xgrow((void **)&l->p, &cap, (size_t)l->n + 1, sizeof *l->p);
	l->cap = (int)cap;
	p = &l->p[l->n++];
	memset(p, 0, sizeof *p);
	return p;
}

static enum procs_sort sort_key;

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* The key alone, ascending. */
static int cmp_key(const struct proc_entry *a, const struct proc_entry *b)
{
	switch (sort_key) {
	case PS_RSS:
		return cmp_u64(a->rss_kib, b->rss_kib);
	case PS_SWAP:
		return cmp_u64(a->swap_kib, b->swap_kib);
	case PS_MAJFLT:
		return a->majflt_rate < b->majflt_rate ? -1 : a->majflt_rate > b->majflt_rate;
	case PS_OOM:
		return (a->oom_score > b->oom_score) - (a->oom_score < b->oom_score);
	case PS_COMM:
		return strcmp(a->comm, b->comm);
	case PS_PID:
	case PS_N:
		break;
	}
	return (a->pid > b->pid) - (a->pid < b->pid);
}

/* Ties go by ascending PID either way, so equal rows keep their place from one refresh to the next. */
static int cmp_asc(const void *a, const void *b)
{
	int r = cmp_key(a, b);

	return r ? r : cmp_u64((uint64_t)((const struct proc_entry *)a)->pid,
			       (uint64_t)((const struct proc_entry *)b)->pid);
}

static int cmp_desc(const void *a, const void *b)
{
	int r = cmp_key(b, a);

	return r ? r : cmp_u64((uint64_t)((const struct proc_entry *)a)->pid,
			       (uint64_t)((const struct proc_entry *)b)->pid);
}

void proc_list_sort(struct proc_list *l, enum procs_sort key, bool reverse)
{
	bool desc = key != PS_PID && key != PS_COMM;

	if (reverse)
		desc = !desc;
	sort_key = key;
	if (l->n > 1)
		qsort(l->p, (size_t)l->n, sizeof *l->p, desc ? cmp_desc : cmp_asc);
}
