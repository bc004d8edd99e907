/* sim-workload.c — the step function: the scenario's phases drive allocations, frees, page-cache traffic,
 * refaults, mlock and pinning on every node; then writeback, kswapd, the per-CPU vmstat folding, pcp
 * decay, CPU accounting, the load average and PSI advance by one tick. */
#include "config.h"

#include <string.h>

#include "sim.h"

#define DT ((double)SIM_TICK_NS / 1e9)
#define WRITEBACK_PAGES_PER_SEC 25600.0   /* a 100 MiB/s disk */
#define STREAM_MAX_PAGES_PER_SEC 2621440.0 /* cap on any one rate: 10 GiB/s */

enum carry_slot { C_ANON_ALLOC, C_ANON_FREE, C_READ, C_WRITE, C_REREAD, C_TOUCH, C_HO, C_PIN, C_CHURN };

/* A rate per second as pages per tick (0 when off; capped at STREAM_MAX_PAGES_PER_SEC). */
static double per_tick(double per_sec)
{
	if (per_sec <= 0)
		return 0;
	if (per_sec > STREAM_MAX_PAGES_PER_SEC)
		per_sec = STREAM_MAX_PAGES_PER_SEC;
	return per_sec * DT;
}

/* rate·dt·share as whole pages for the node's tick, the fraction carried to the next tick so long runs
 * lose nothing (tick: per_tick of the rate; a rate that is off takes nothing and leaves its carry alone). */
static int64_t take_rate(struct sim *s, int node, enum carry_slot c, double tick, double share)
{
	double x;
	int64_t n;

	if (tick <= 0)
		return 0;
	x = tick * share + s->carry[node][c];
	n = (int64_t)x;
	s->carry[node][c] = x - (double)n;
	return n;
}

/* The node's pages of a rate this tick, split over its active tasks: an even share each, the remainder
 * one page apiece to the first tasks. */
struct task_split {
	int64_t each, extra;
};

static struct task_split split_rate(int64_t total, int active)
{
	struct task_split sp = { total / active, total % active };

	return sp;
}

static int64_t task_pages(struct task_split sp, int k)
{
	return sp.each + (k < sp.extra);
}

static void start_phase(struct sim *s)
{
	const struct sim_phase *p = &s->sc.phase[s->phase];
	bool recompute = false;

	if (p->min_free_kbytes >= 0) {
		s->km.min_free_kbytes = p->min_free_kbytes;
		recompute = true;
	}
	if (p->watermark_scale_factor >= 0) {
		s->km.watermark_scale_factor = p->watermark_scale_factor;
		recompute = true;
	}
	if (p->watermark_boost_factor >= 0)
		s->km.watermark_boost_factor = p->watermark_boost_factor;
	if (p->percpu_pagelist_high_fraction >= 0) {
		s->km.percpu_pagelist_high_fraction = p->percpu_pagelist_high_fraction;
		recompute = true;
	}
	if (p->nlowmem_reserve_ratio > 0) {
		memcpy(s->km.lowmem_reserve_ratio, p->lowmem_reserve_ratio, sizeof s->km.lowmem_reserve_ratio);
		s->km.nlowmem_reserve_ratio = p->nlowmem_reserve_ratio;
		recompute = true;
	}
	if (p->swappiness >= 0)
		s->swappiness = p->swappiness;
	if (recompute)
		sim_recompute(s);
	for (int n = 0; n < s->nnodes; n++)
		s->burst_left[n] = (int64_t)(p->burst * s->node[n].ncpus / s->ncpus);
	s->phase_started = true;
}

static void advance_phase(struct sim *s)
{
	while ((s->phase + 1 < s->sc.nphases || s->sc.repeat) &&
	       s->now_ns - s->phase_start_ns >= (int64_t)(s->sc.phase[s->phase].duration * 1e9)) {
		s->phase_start_ns += (int64_t)(s->sc.phase[s->phase].duration * 1e9);
		s->phase = s->phase + 1 < s->sc.nphases ? s->phase + 1 : 0;
		s->phase_started = false;
	}
	if (!s->phase_started)
		start_phase(s);
}

/* New dirty pages: file pages written, spread over zones in proportion to their clean inactive file. */
static void mark_dirty(struct sim *s, struct sim_node *nd, int cpu, int64_t n)
{
	int64_t clean = 0;

	for (int i = 0; i < nd->nzones; i++) {
		struct sim_zone *z = &nd->zone[i];
		int64_t c = z->lru[LRU_IF] - z->dirty - z->writeback;

		clean += c > 0 ? c : 0;
	}
	if (n > clean)
		n = clean;
	for (int i = 0; i < nd->nzones && n > 0 && clean > 0; i++) {
		struct sim_zone *z = &nd->zone[i];
		int64_t c = z->lru[LRU_IF] - z->dirty - z->writeback, d;

		if (c <= 0)
			continue;
		d = c * n / clean;
		z->dirty += d;
		sim_mod(s, z, cpu, SI_WRITE_PENDING, d);
		s->ev[SE_nr_dirtied] += (uint64_t)d;
	}
}

/* Writeback: last tick's I/O completes, then up to the disk's rate of dirty pages starts. */
static void writeback(struct sim *s, struct sim_node *nd, int cpu)
{
	double share = (double)nd->ncpus / s->ncpus;
	int64_t budget = (int64_t)(WRITEBACK_PAGES_PER_SEC * DT * share);

	for (int i = 0; i < nd->nzones; i++) {
		struct sim_zone *z = &nd->zone[i];
		int64_t done = z->writeback, start;

		z->writeback = 0;
		sim_mod(s, z, cpu, SI_WRITE_PENDING, -done);
		s->ev[SE_nr_written] += (uint64_t)done;
		s->ev[SE_pgpgout] += (uint64_t)done * 4;
		start = z->dirty < budget ? z->dirty : budget;
		z->dirty -= start;
		z->writeback += start;   /* write_pending = dirty + writeback: unchanged */
		budget -= start;
	}
}

/* Move n pages between lists of a node, zone by zone in proportion to the source list. */
static void node_move(struct sim *s, struct sim_node *nd, int cpu, enum sim_lru from, enum sim_lru to, int64_t n)
{
	if (n <= 0)
		return;   /* nothing moves (the same state as moving nothing zone by zone) */
	int64_t total = nd->lru_sum[from];

	if (n > total)
		n = total;
	for (int j = 0; j < nd->npop && n > 0 && total > 0; j++) {
		struct sim_zone *z = &nd->zone[nd->pop[j]];

		if (z->lru[from] == 0)
			continue;   /* its share is 0 (no division for the empty and unpopulated zones) */
		int64_t m = z->lru[from] == total ? n : z->lru[from] * n / total;   /* the only zone: no division */

		if (m == 0)
			continue;   /* a change of 0 leaves every counter and differential as it is */
		sim_lru_move(s, z, cpu, from, to, m);
		if (to == LRU_UNEV) {
			z->mlock += m;
			sim_mod(s, z, cpu, SI_MLOCK, m);
		} else if (from == LRU_UNEV) {
			z->mlock -= m;
			sim_mod(s, z, cpu, SI_MLOCK, -m);
		}
	}
}

static void node_workload(struct sim *s, struct sim_node *nd)
{
	const struct sim_phase *p = &s->sc.phase[s->phase];
	int tasks = p->tasks > 0 ? p->tasks : 1;
	int active = tasks < nd->ncpus ? tasks : nd->ncpus;
	double share = (double)nd->ncpus / s->ncpus;
	int id = nd->id;
	enum sim_lru anon_list = s->kver >= KF_VER(5, 9) ? LRU_IA : LRU_AA;

	/* the busy CPUs rotate: task k runs on (7·tick + k) mod ncpus of the node */
	int rot = (int)(s->tick * 7 % (uint64_t)nd->ncpus);
	/* an eighth of the re-reads that hit the cache activate their page: the node's tasks' activations of
	 * a tick in one move after they have run, on the CPU of the last task that read (a task's share was
	 * mostly above the vm stats threshold, so folded at once on its CPU anyway) */
	int64_t activate = 0;
	int act_cpu = nd->first_cpu;
	/* the re-read set's pages on the node, and their reciprocal for every task's share of misses */
	int64_t set = p->file_set > 0 ? (int64_t)(p->file_set * share) : 0;
	struct sim_recip set_r = sim_recip_of(set > 0 ? (uint64_t)set : 1);

	/* the phase's rates: the node's pages this tick (per_sec · DT · share), split over the tasks */
	struct task_split rt[C_PIN + 1];
	rt[C_ANON_ALLOC] = split_rate(take_rate(s, id, C_ANON_ALLOC, per_tick(p->anon_alloc), share), active);
	rt[C_ANON_FREE] = split_rate(take_rate(s, id, C_ANON_FREE, per_tick(p->anon_free), share), active);
	rt[C_READ] = split_rate(take_rate(s, id, C_READ, per_tick(p->file_read), share), active);
	rt[C_WRITE] = split_rate(take_rate(s, id, C_WRITE, per_tick(p->file_write), share), active);
	rt[C_REREAD] = split_rate(take_rate(s, id, C_REREAD, per_tick(p->file_reread), share), active);
	rt[C_TOUCH] = split_rate(take_rate(s, id, C_TOUCH, per_tick(p->anon_touch), share), active);
	rt[C_HO] = split_rate(take_rate(s, id, C_HO, per_tick(p->ho_rate), share), active);
	rt[C_PIN] = split_rate(take_rate(s, id, C_PIN, per_tick(p->pin), share), active);

	for (int k = 0; k < active; k++) {
		int cpu = nd->first_cpu + (rot + k < nd->ncpus ? rot + k : rot + k - nd->ncpus);
		int64_t n;

		nd->task = k;
		nd->ntasks = active;
		n = task_pages(rt[C_ANON_ALLOC], k);
		if (s->burst_left[id] > 0) {
			/* a burst is allocated within one second */
			int64_t b = (int64_t)(p->burst * share / active / SIM_TICKS_PER_SEC) + 1;

			b = b < s->burst_left[id] ? b : s->burst_left[id];
			s->burst_left[id] -= b;
			n += b;
		}
		if (n > 0) {
			int64_t got = sim_alloc(s, nd, cpu, n, anon_list);

			nd->wl_anon += got;
			s->ev[SE_pgfault] += (uint64_t)got;
		}
		n = task_pages(rt[C_ANON_FREE], k);
		if (n > 0)   /* (a free of none does nothing) */
			sim_free_anon(s, nd, cpu, n);

		n = task_pages(rt[C_READ], k);
		if (n > 0) {
			int64_t got = sim_alloc(s, nd, cpu, n, LRU_IF);

			s->ev[SE_pgpgin] += (uint64_t)got * 4;
		}
		n = task_pages(rt[C_WRITE], k);
		if (n > 0)
			mark_dirty(s, nd, cpu, sim_alloc(s, nd, cpu, n, LRU_IF));

		n = task_pages(rt[C_REREAD], k);
		if (n > 0 && p->file_set > 0) {
			int64_t unread = n * (set - nd->file_set_cached), got = 0;
			int64_t miss = set <= 0 ? 0 : unread >= 0 ? (int64_t)sim_recip_div(set_r, (uint64_t)unread) : unread / set;

			if (miss > 0) {
				/* a first read goes to the inactive list; a refault of an evicted page (its shadow
				 * entry says it was recently in use) goes straight to the active list */
				int64_t evicted = nd->file_set_evicted;
				got = sim_alloc_split(s, nd, cpu, miss, LRU_AF, evicted, LRU_IF);
				int64_t refault = got < evicted ? got : evicted;

				nd->file_set_evicted -= refault;
				nd->file_set_cached += got;
				s->ev[SE_workingset_refault_file] += (uint64_t)refault;
				s->ev[SE_workingset_activate_file] += (uint64_t)refault;
				s->ev[SE_pgmajfault] += (uint64_t)got;
				s->ev[SE_pgpgin] += (uint64_t)got * 4;
				s->stall_ns_tick += (uint64_t)refault * 2000;   /* thrashing: a memstall */
			}
			nd->file_set_referenced += n - miss;
			if (nd->file_set_referenced > nd->file_set_cached)
				nd->file_set_referenced = nd->file_set_cached;
			activate += (n - miss) / 8 > 0 ? (n - miss) / 8 : 0;
			act_cpu = cpu;
		}
		n = task_pages(rt[C_TOUCH], k);
		if (n > 0 && nd->wl_anon + nd->wl_swapped > 0) {
			int64_t in = n * nd->wl_swapped / (nd->wl_anon + nd->wl_swapped);

			if (in > 0) {
				int64_t got = sim_alloc(s, nd, cpu, in, LRU_AA);

				if (got > nd->wl_swapped)
					got = nd->wl_swapped;
				nd->wl_swapped -= got;
				nd->wl_anon += got;
				s->swap_used -= (uint64_t)got < s->swap_used ? (uint64_t)got : s->swap_used;
				s->ev[SE_pswpin] += (uint64_t)got;
				s->ev[SE_pgmajfault] += (uint64_t)got;
				s->ev[SE_workingset_refault_anon] += (uint64_t)got;
				s->ev[SE_workingset_activate_anon] += (uint64_t)got;
				s->ev[SE_pgpgin] += (uint64_t)got * 4;
				s->ev[SE_swap_ra] += (uint64_t)got / 8;
				s->stall_ns_tick += (uint64_t)got * 5000;    /* swap-in I/O is a memstall */
			}
			int64_t act = (n - in) / 16;
			node_move(s, nd, cpu, LRU_IA, LRU_AA, act);
			s->ev[SE_pgactivate] += (uint64_t)(act > 0 ? act : 0);
			s->ev[SE_pgfault] += (uint64_t)n;
		}
		n = task_pages(rt[C_HO], k);
		for (int64_t j = 0; j < n && p->ho_order > 0; j++)
			sim_alloc_high_order(s, nd, cpu, p->ho_order);
		n = task_pages(rt[C_PIN], k);
		if (n > 0)   /* (a pin of none does nothing) */
			sim_pin_pages(s, nd, cpu, n);

		/* background churn: short-lived allocations on every active CPU make the counters drift; a
		 * CPU turns its churn over every other step (0 … 95 pages, 24 a step on average) */
		if ((s->tick + (uint64_t)cpu) % 2 == 0)
			sim_churn(s, nd, cpu, (int64_t)(sim_rand(s) % 96), anon_list);
	}
	nd->ntasks = 0;   /* what follows is the node's own work, one caller */
	node_move(s, nd, act_cpu, LRU_IF, LRU_AF, activate);
	s->ev[SE_pgactivate] += (uint64_t)activate;
	/* mlock towards the phase's target */
	int64_t target = (int64_t)(p->mlock * share), cur = nd->lru_sum[LRU_UNEV];
	int cpu0 = nd->first_cpu;
	if (cur < target) {
		int64_t want = target - cur, step = (int64_t)(262144 * DT);
		int64_t got = sim_alloc(s, nd, cpu0, want < step ? want : step, LRU_IA);

		node_move(s, nd, cpu0, LRU_IA, LRU_UNEV, got);
		s->ev[SE_unevictable_pgs_mlocked] += (uint64_t)got;
		s->ev[SE_unevictable_pgs_culled] += (uint64_t)got;
	} else if (cur > target) {
		node_move(s, nd, cpu0, LRU_UNEV, LRU_IA, cur - target);
		s->ev[SE_unevictable_pgs_munlocked] += (uint64_t)(cur - target);
	}
	writeback(s, nd, cpu0);
}

/* The kernel's calc_load (fixed point, FSHIFT 11), every 5 s. */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (2048 - exp);

	if (active >= load)
		newload += 2047;
	return newload / 2048;
}

static void account_cpu(struct sim *s)
{
	const struct sim_phase *p = &s->sc.phase[s->phase];
	double total = (double)s->ncpus * SIM_USER_HZ * DT;
	double sys = (double)(s->sys_ns_tick + s->kswapd_ns_tick) / 1e9 * SIM_USER_HZ;
	double user = total * p->cpu / 100.0, iow = (double)s->stall_ns_tick / 1e9 * SIM_USER_HZ / 4;
	double part[4];

	if (sys > total)
		sys = total;
	if (user > total - sys)
		user = total - sys;
	if (iow > total - sys - user)
		iow = total - sys - user;
	part[0] = user;
	part[1] = sys;
	part[3] = iow;
	part[2] = total - user - sys - iow;
	for (int i = 0; i < 4; i++) {
		double x = part[i] + s->cpu_frac[i];
		uint64_t whole = (uint64_t)x;

		s->cpu_ticks[i] += whole;
		s->cpu_frac[i] = x - (double)whole;
	}
	int tasks = p->tasks > 0 ? p->tasks : 1;
	s->procs_running = 1 + (int)(tasks * p->cpu / 100.0 + 0.5);
	s->procs_blocked = s->stall_ns_tick > 0 ? (int)(s->stall_ns_tick / SIM_TICK_NS) + 1 : 0;
	if (s->procs_blocked > tasks)
		s->procs_blocked = tasks;
	s->ctxt += (uint64_t)(s->ncpus * 25 + tasks * 40);
	s->intr += (uint64_t)(s->ncpus * 30);
	if (s->tick % (5 * SIM_TICKS_PER_SEC) == 0) {
		static const unsigned long exp[3] = { 1884, 2014, 2037 };
		unsigned long active = (unsigned long)(s->procs_running - 1 + s->procs_blocked) * 2048;

		for (int i = 0; i < 3; i++)
			s->avenrun[i] = calc_load(s->avenrun[i], exp[i], active);
	}
}

/* decay_pcp_high, once a second per CPU, at its vmstat_update */
static void decay_pcp(struct sim *s, int cpu)
{
	for (int n = 0; n < s->nnodes; n++)
		for (int j = 0; j < s->node[n].npop; j++) {
			struct sim_zone *z = &s->node[n].zone[s->node[n].pop[j]];
			struct sim_pcp *p = &z->pcp[cpu];
			int batch = z->kf.batch > 0 ? z->kf.batch : 1;

			if (p->high > z->kf.high_min && z->kf.high_min > 0) {
				int h = p->high - p->high / 8;

				if (h < p->count - (batch << 5))
					h = p->count - (batch << 5);
				p->high = h > z->kf.high_min ? h : z->kf.high_min;
			}
			if (p->count > p->high && p->high > 0) {
				int64_t out = p->count - p->high;

				p->count = p->high;
				z->pcp_total -= out;
				sim_buddy_give(s, z, (uint64_t)out);
				sim_mod(s, z, cpu, SI_FREE, out);
			}
		}
}

void sim_step(struct sim *s)
{
	uint64_t alloc_before[KF_MAX_NODES];

	advance_phase(s);
	s->stall_ns_tick = s->kswapd_ns_tick = s->sys_ns_tick = 0;
	for (int n = 0; n < s->nnodes; n++)
		alloc_before[n] = sim_node_pgalloc(&s->node[n]);
	for (int n = 0; n < s->nnodes; n++)
		node_workload(s, &s->node[n]);
	/* the kernel allocates page by page, and the first page a node's fast path cannot give at low wakes
	 * its kswapd; a tick's batches that left a node short of low (kernel pins, other nodes' fallbacks,
	 * high-order faults, or a batch whose own kswapd run put kswapd to sleep) do it now */
	for (int n = 0; n < s->nnodes; n++) {
		struct sim_node *nd = &s->node[n];
		int hz = sim_user_hz(nd);

		if (sim_node_pgalloc(nd) != alloc_before[n] && sim_short_of_low(nd, nd->first_cpu, hz))
			sim_kswapd_wake(s, nd, 0, hz);
	}
	for (int cpu = (int)(s->tick % SIM_TICKS_PER_SEC); cpu < s->ncpus; cpu += SIM_TICKS_PER_SEC) {
		sim_fold_cpu(s, cpu);
		decay_pcp(s, cpu);
	}
	/* kswapd last, so that at the end of a step it is awake exactly when its node needs it */
	for (int n = 0; n < s->nnodes; n++)
		sim_kswapd_step(s, &s->node[n]);
	/* the free pages of the step merge (what is read between steps sees settled buddy lists) */
	for (int n = 0; n < s->nnodes; n++)
		sim_node_settle(s, &s->node[n]);
	s->tick++;
	s->now_ns += SIM_TICK_NS;
	account_cpu(s);

	/* PSI: stall time averaged over the CPUs that were busy (psi's nonidle weighting) */
	const struct sim_phase *p = &s->sc.phase[s->phase];
	int busy = (p->tasks > 0 ? p->tasks : 1);
	for (int n = 0; n < s->nnodes; n++)
		busy += s->node[n].kswapd_awake;
	if (busy > s->ncpus)
		busy = s->ncpus;
	uint64_t some = (s->stall_ns_tick + s->kswapd_ns_tick) / (uint64_t)busy;
	uint64_t full = s->stall_ns_tick / (uint64_t)busy;
	some = some > SIM_TICK_NS ? SIM_TICK_NS : some;
	full = full > some ? some : full;
	sim_psi_tick(&s->psi, s->now_ns, some, full);
}

void sim_run_until(struct sim *s, int64_t target_ns)
{
	while (s->now_ns < target_ns)
		sim_step(s);
}
