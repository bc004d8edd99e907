/* procs.c — per-process memory figures through libproc2's pids API; the only file that includes
 * libproc2 headers (its 3 → 4 API break hit every program that spread them around).
 *
 * One reap per refresh reads, for each process, /proc/PID/stat (command, state, major faults),
 * /proc/PID/status (user, VmRSS, VmSwap) and /proc/PID/oom_score and oom_score_adj.  libproc2 keeps the
 * previous reap's fault counts itself (PIDS_FLT_MAJ_DELTA), so a rate needs no table of our own. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libproc2/pids.h>

#include "procs.h"

const char *const procs_sort_name[PS_N] = {
	[PS_RSS] = "RSS", [PS_SWAP] = "SWAP", [PS_MAJFLT] = "MAJF/s", [PS_OOM] = "OOM", [PS_PID] = "PID",
	[PS_COMM] = "COMMAND",
};

/* The items, in the order PIDS_VAL reads them back. */
enum { I_PID, I_STATE, I_USER, I_CMD, I_RSS, I_SWAP, I_MAJ, I_MAJ_DELTA, I_OOM, I_OOM_ADJ, I_N };
static enum pids_item items[I_N] = {
	[I_PID] = PIDS_ID_PID, [I_STATE] = PIDS_STATE, [I_USER] = PIDS_ID_EUSER, [I_CMD] = PIDS_CMD,
	[I_RSS] = PIDS_VM_RSS, [I_SWAP] = PIDS_VM_SWAP, [I_MAJ] = PIDS_FLT_MAJ,
	[I_MAJ_DELTA] = PIDS_FLT_MAJ_DELTA, [I_OOM] = PIDS_OOM_SCORE, [I_OOM_ADJ] = PIDS_OOM_ADJ,
};

struct procs {
	struct pids_info *info;
	bool first;
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
	pr->first = true;
	return pr;
}

void procs_close(struct procs *pr)
{
	if (!pr)
		return;
	procps_pids_unref(&pr->info);
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

int procs_read(struct procs *pr, struct proc_list *out, double seconds, struct zs_err *e)
{
	struct pids_fetch *f;

	out->n = 0;
	out->total = 0;
	out->rss_kib = out->swap_kib = 0;
	errno = 0;
	f = procps_pids_reap(pr->info, PIDS_FETCH_TASKS_ONLY);
	if (!f) {
		zs_err_set(e, errno, "processes: libproc2 could not read /proc: %s",
			   errno ? strerror(errno) : "unknown error");
		return -1;
	}
	out->total = f->counts->total;
	for (int i = 0; i < f->counts->total; i++) {
		struct pids_stack *st = f->stacks[i];
		unsigned long rss = PIDS_VAL(I_RSS, ul_int, st, pr->info);
		unsigned long swap = PIDS_VAL(I_SWAP, ul_int, st, pr->info);
		struct proc_entry *p;
		int delta;

		/* kernel threads have no VmRSS line: nothing of theirs can be reclaimed or swapped */
		if (rss == 0 && swap == 0)
			continue;
		p = proc_list_add(out);
		p->pid = PIDS_VAL(I_PID, s_int, st, pr->info);
		p->state = (char)PIDS_VAL(I_STATE, s_ch, st, pr->info);
		copy_str(p->user, sizeof p->user, PIDS_VAL(I_USER, str, st, pr->info));
		copy_str(p->comm, sizeof p->comm, PIDS_VAL(I_CMD, str, st, pr->info));
		p->rss_kib = rss;
		p->swap_kib = swap;
		p->majflt = PIDS_VAL(I_MAJ, ul_int, st, pr->info);
		delta = PIDS_VAL(I_MAJ_DELTA, s_int, st, pr->info);
		/* the first reap's "delta" is the whole count: not a rate */
		p->majflt_rate = (!pr->first && seconds > 0 && delta > 0) ? delta / seconds : 0;
		p->oom_score = PIDS_VAL(I_OOM, s_int, st, pr->info);
		p->oom_adj = PIDS_VAL(I_OOM_ADJ, s_int, st, pr->info);
		out->rss_kib += rss;
		out->swap_kib += swap;
	}
	pr->first = false;
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
