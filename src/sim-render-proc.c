/* sim-render-proc.c — the rest of the simulated tree: meminfo (system and per node), stat, uptime,
 * cpuinfo, loadavg, pressure/memory, the vm sysctls, version and the /sys CPU and node files; and
 * sim_render(), which fills a snapshot with every file asked for. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim-render.h"

static void kb_line(struct sbuf *sb, const char *prefix, const char *label, int64_t kb)
{
	char key[40];

	snprintf(key, sizeof key, "%s:", label);
	sbuf_printf(sb, "%s%-16s%8lld kB\n", prefix, key, (long long)(kb < 0 ? 0 : kb));
}

static void count_line(struct sbuf *sb, const char *prefix, const char *label, int64_t n)
{
	char key[40];

	snprintf(key, sizeof key, "%s:", label);
	sbuf_printf(sb, "%s%-16s%8lld\n", prefix, key, (long long)n);
}

static uint64_t managed_pages(const struct sim *s, int node)
{
	uint64_t t = 0;

	for (int n = 0; n < s->nnodes; n++)
		if (node < 0 || n == node)
			for (int i = 0; i < s->node[n].nzones; i++)
				t += s->node[n].zone[i].managed;
	return t;
}

/* si_mem_available (3.14+): free above the reserves plus the reclaimable halves of cache and slab. */
static int64_t mem_available(const struct sim *s)
{
	int64_t wmark_low = 0, avail, pc, r;

	for (int n = 0; n < s->nnodes; n++)
		for (int i = 0; i < s->node[n].nzones; i++)
			wmark_low += (int64_t)(s->node[n].zone[i].kf.wmark_low + s->node[n].zone[i].boost);
	avail = sim_node_value(s, -1, NV_FREE) - (int64_t)s->kr.totalreserve_pages;
	pc = sim_node_value(s, -1, NV_ACTIVE_FILE) + sim_node_value(s, -1, NV_INACTIVE_FILE);
	avail += pc - (pc / 2 < wmark_low ? pc / 2 : wmark_low);
	r = sim_node_value(s, -1, NV_SLAB_RECLAIMABLE);
	avail += r - (r / 2 < wmark_low ? r / 2 : wmark_low);
	return avail < 0 ? 0 : avail;
}

void sim_render_meminfo(const struct sim *s, uint32_t kver, int node, struct sbuf *sb)
{
	char prefix[24] = "";
	int64_t total = (int64_t)managed_pages(s, node) * 4, free = sim_node_value(s, node, NV_FREE) * 4;
	int64_t aa = sim_node_value(s, node, NV_ACTIVE_ANON) * 4, ia = sim_node_value(s, node, NV_INACTIVE_ANON) * 4;
	int64_t af = sim_node_value(s, node, NV_ACTIVE_FILE) * 4, inf = sim_node_value(s, node, NV_INACTIVE_FILE) * 4;
	int64_t file = sim_node_value(s, node, NV_FILE_PAGES) * 4, buffers = file / 50;
	int64_t sr = sim_node_value(s, node, NV_SLAB_RECLAIMABLE) * 4;
	int64_t su = sim_node_value(s, node, NV_SLAB_UNRECLAIMABLE) * 4;
	int64_t anon = sim_node_value(s, node, NV_ANON_PAGES) * 4;

	if (node >= 0) {
		snprintf(prefix, sizeof prefix, "Node %d ", node);
		kb_line(sb, prefix, "MemTotal", total);
		kb_line(sb, prefix, "MemFree", free);
		kb_line(sb, prefix, "MemUsed", total - free);
		kb_line(sb, prefix, "SwapCached", 0);
	} else {
		kb_line(sb, prefix, "MemTotal", total);
		kb_line(sb, prefix, "MemFree", free);
		if (kver >= KF_VER(3, 14))
			kb_line(sb, prefix, "MemAvailable", mem_available(s) * 4);
		kb_line(sb, prefix, "Buffers", buffers);
		kb_line(sb, prefix, "Cached", file - buffers);
		kb_line(sb, prefix, "SwapCached", 0);
	}
	kb_line(sb, prefix, "Active", aa + af);
	kb_line(sb, prefix, "Inactive", ia + inf);
	kb_line(sb, prefix, "Active(anon)", aa);
	kb_line(sb, prefix, "Inactive(anon)", ia);
	kb_line(sb, prefix, "Active(file)", af);
	kb_line(sb, prefix, "Inactive(file)", inf);
	kb_line(sb, prefix, "Unevictable", sim_node_value(s, node, NV_UNEVICTABLE) * 4);
	kb_line(sb, prefix, "Mlocked", sim_node_value(s, node, NV_MLOCK) * 4);
	if (node < 0) {
		kb_line(sb, prefix, "SwapTotal", (int64_t)s->swap_total * 4);
		kb_line(sb, prefix, "SwapFree", (int64_t)(s->swap_total - s->swap_used) * 4);
		if (kver >= KF_VER(5, 19)) {
			kb_line(sb, prefix, "Zswap", 0);
			kb_line(sb, prefix, "Zswapped", 0);
		}
	}
	kb_line(sb, prefix, "Dirty", sim_node_value(s, node, NV_DIRTY) * 4);
	kb_line(sb, prefix, "Writeback", sim_node_value(s, node, NV_WRITEBACK) * 4);
	if (node >= 0)
		kb_line(sb, prefix, "FilePages", file);
	kb_line(sb, prefix, node >= 0 ? "Mapped" : "AnonPages", node >= 0 ? sim_node_value(s, node, NV_MAPPED) * 4 : anon);
	kb_line(sb, prefix, node >= 0 ? "AnonPages" : "Mapped", node >= 0 ? anon : sim_node_value(s, node, NV_MAPPED) * 4);
	kb_line(sb, prefix, "Shmem", sim_node_value(s, node, NV_SHMEM) * 4);
	if (kver >= KF_VER(4, 20))
		kb_line(sb, prefix, "KReclaimable", sr);
	if (node >= 0) {
		kb_line(sb, prefix, "KernelStack", sim_node_value(s, node, NV_KERNEL_STACK_KB));
		kb_line(sb, prefix, "PageTables", sim_node_value(s, node, NV_PAGE_TABLES) * 4);
	}
	kb_line(sb, prefix, "Slab", sr + su);
	kb_line(sb, prefix, "SReclaimable", sr);
	kb_line(sb, prefix, "SUnreclaim", su);
	if (node < 0) {
		kb_line(sb, prefix, "KernelStack", sim_node_value(s, node, NV_KERNEL_STACK_KB));
		kb_line(sb, prefix, "PageTables", sim_node_value(s, node, NV_PAGE_TABLES) * 4);
		if (kver >= KF_VER(6, 0))
			kb_line(sb, prefix, "SecPageTables", 0);
		kb_line(sb, prefix, "NFS_Unstable", 0);
		kb_line(sb, prefix, "Bounce", 0);
		kb_line(sb, prefix, "WritebackTmp", 0);
		kb_line(sb, prefix, "CommitLimit", total / 2 + (int64_t)s->swap_total * 4);
		kb_line(sb, prefix, "Committed_AS", anon + anon / 2);
		kb_line(sb, prefix, "VmallocTotal", 34359738367LL);
		kb_line(sb, prefix, "VmallocUsed", 20000);
		kb_line(sb, prefix, "VmallocChunk", 0);
		if (kver >= KF_VER(4, 16))
			kb_line(sb, prefix, "Percpu", (int64_t)s->ncpus * 256);
	}
	kb_line(sb, prefix, "AnonHugePages", sim_node_value(s, node, NV_ANON_THP) * 2048);
	if (kver >= KF_VER(4, 8)) {
		kb_line(sb, prefix, "ShmemHugePages", 0);
		kb_line(sb, prefix, "ShmemPmdMapped", 0);
	}
	if (kver >= KF_VER(5, 4)) {
		kb_line(sb, prefix, "FileHugePages", 0);
		kb_line(sb, prefix, "FilePmdMapped", 0);
	}
	count_line(sb, prefix, "HugePages_Total", 0);
	count_line(sb, prefix, "HugePages_Free", 0);
	if (node < 0)
		count_line(sb, prefix, "HugePages_Rsvd", 0);
	count_line(sb, prefix, "HugePages_Surp", 0);
	if (node < 0) {
		kb_line(sb, prefix, "Hugepagesize", 2048);
		if (kver >= KF_VER(5, 16))
			kb_line(sb, prefix, "Hugetlb", 0);
		kb_line(sb, prefix, "DirectMap4k", 200000);
		kb_line(sb, prefix, "DirectMap2M", total - total % 2048);
		kb_line(sb, prefix, "DirectMap1G", 0);
	}
}

static void render_stat(const struct sim *s, struct sbuf *sb)
{
	const uint64_t *t = s->cpu_ticks;

	sbuf_printf(sb, "cpu  %llu 0 %llu %llu %llu 0 0 0 0 0\n", (unsigned long long)t[0],
		    (unsigned long long)t[1], (unsigned long long)t[2], (unsigned long long)t[3]);
	for (int c = 0; c < s->ncpus; c++) {
		uint64_t v[4];

		/* each CPU's share; the first ones take the remainders, so the lines add up to the total */
		for (int i = 0; i < 4; i++)
			v[i] = t[i] / (uint64_t)s->ncpus + ((uint64_t)c < t[i] % (uint64_t)s->ncpus);
		sbuf_printf(sb, "cpu%d %llu 0 %llu %llu %llu 0 0 0 0 0\n", c, (unsigned long long)v[0],
			    (unsigned long long)v[1], (unsigned long long)v[2], (unsigned long long)v[3]);
	}
	sbuf_printf(sb, "intr %llu\nctxt %llu\nbtime %lld\nprocesses %llu\nprocs_running %d\nprocs_blocked %d\n"
			"softirq 0 0 0 0 0 0 0 0 0 0 0\n",
		    (unsigned long long)s->intr, (unsigned long long)s->ctxt, (long long)(s->boot_wall_ns / 1000000000),
		    (unsigned long long)s->processes, s->procs_running, s->procs_blocked);
}

static void render_cpuinfo(const struct sim *s, struct sbuf *sb)
{
	for (int c = 0; c < s->ncpus; c++)
		sbuf_printf(sb, "processor\t: %d\nvendor_id\t: ZonestatSim\ncpu family\t: 6\nmodel\t\t: 0\n"
				"model name\t: zonestat simulated CPU\ncpu MHz\t\t: 2000.000\nphysical id\t: 0\n"
				"siblings\t: %d\ncore id\t\t: %d\ncpu cores\t: %d\nflags\t\t: fpu pse tsc pae lm\n\n",
			    c, s->ncpus, c, s->ncpus);
}

static void range_list(struct sbuf *sb, int first, int count)
{
	if (count <= 1)
		sbuf_printf(sb, "%d\n", first);
	else
		sbuf_printf(sb, "%d-%d\n", first, first + count - 1);
}

static void render_lowmem_ratio(const struct sim *s, uint32_t kver, struct sbuf *sb)
{
	const struct sim_node *n = &s->node[0];
	int count = n->nzones - (kver < KF_VER(4, 18) ? 1 : 0);

	for (int i = 0; i < count; i++) {
		int64_t r = s->km.nlowmem_reserve_ratio > i ? s->km.lowmem_reserve_ratio[i] :
			    kf_default_lowmem_reserve_ratio(n->zone[i].type, kver);

		sbuf_printf(sb, "%s%lld", i ? "\t" : "", (long long)r);
	}
	sbuf_printf(sb, "\n");
}

/* One snapshot file: its text, or ENOENT when the simulated kernel has no such file. */
static void render_file(const struct sim *s, uint32_t kver, enum snap_file id, struct sbuf *sb, bool *absent)
{
	*absent = false;
	switch (id) {
	case SNAP_STAT: render_stat(s, sb); break;
	case SNAP_MEMINFO: sim_render_meminfo(s, kver, -1, sb); break;
	case SNAP_VMSTAT: sim_render_vmstat(s, kver, sb); break;
	case SNAP_UPTIME: {
		uint64_t up = (uint64_t)(s->now_ns / 10000000), idle = s->cpu_ticks[2];

		sbuf_printf(sb, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / 100 + 100),
			    (unsigned long long)(up % 100), (unsigned long long)(idle / 100),
			    (unsigned long long)(idle % 100));
		break;
	}
	case SNAP_CPUINFO: render_cpuinfo(s, sb); break;
	case SNAP_DISKSTATS: break;
	case SNAP_LOADAVG:
		sbuf_printf(sb, "%lu.%02lu %lu.%02lu %lu.%02lu %d/%d %llu\n", s->avenrun[0] >> 11,
			    ((s->avenrun[0] & 2047) * 100) >> 11, s->avenrun[1] >> 11, ((s->avenrun[1] & 2047) * 100) >> 11,
			    s->avenrun[2] >> 11, ((s->avenrun[2] & 2047) * 100) >> 11, s->procs_running,
			    100 + s->sc.phase[s->phase].tasks, (unsigned long long)s->processes);
		break;
	case SNAP_ZONEINFO: sim_render_zoneinfo(s, kver, sb); break;
	case SNAP_BUDDYINFO: sim_render_buddyinfo(s, sb); break;
	case SNAP_PSI_MEMORY:
		if (kver < KF_VER(4, 20)) {
			*absent = true;
		} else {
			char buf[256];

			sim_psi_format(&s->psi, buf, sizeof buf, true);
			sbuf_printf(sb, "%s", buf);
		}
		break;
	case SNAP_VERSION:
		sbuf_printf(sb, "Linux version %u.%u.0-zonestat-sim (sim@zonestat) (gcc (GCC) 14.2.0) #1 SMP "
				"PREEMPT_DYNAMIC Thu Jan  1 00:00:00 UTC 2026\n", kver / 1000, kver % 1000);
		break;
	case SNAP_SYSCTL_MIN_FREE_KBYTES:
		sbuf_printf(sb, "%llu\n", (unsigned long long)(s->kr.pages_min << (s->km.page_shift - 10)));
		break;
	case SNAP_SYSCTL_WATERMARK_SCALE_FACTOR:
		if (kver < KF_VER(4, 6))
			*absent = true;
		else
			sbuf_printf(sb, "%lld\n", (long long)s->km.watermark_scale_factor);
		break;
	case SNAP_SYSCTL_WATERMARK_BOOST_FACTOR:
		if (kver < KF_VER(5, 0))
			*absent = true;
		else
			sbuf_printf(sb, "%lld\n", (long long)s->km.watermark_boost_factor);
		break;
	case SNAP_SYSCTL_LOWMEM_RESERVE_RATIO: render_lowmem_ratio(s, kver, sb); break;
	case SNAP_SYSCTL_PERCPU_PAGELIST_HIGH_FRACTION:
		if (kver < KF_VER(5, 14))
			*absent = true;
		else
			sbuf_printf(sb, "%lld\n", (long long)s->km.percpu_pagelist_high_fraction);
		break;
	case SNAP_SYSCTL_PERCPU_PAGELIST_FRACTION:
		if (kver >= KF_VER(5, 14))
			*absent = true;
		else
			sbuf_printf(sb, "%lld\n", (long long)s->km.percpu_pagelist_fraction);
		break;
	case SNAP_SYSCTL_SWAPPINESS: sbuf_printf(sb, "%lld\n", (long long)s->swappiness); break;
	case SNAP_SYSCTL_STAT_INTERVAL: sbuf_printf(sb, "1\n"); break;
	case SNAP_SYSCTL_EXTFRAG_THRESHOLD: sbuf_printf(sb, "500\n"); break;
	case SNAP_SYSCTL_OVERCOMMIT_MEMORY: sbuf_printf(sb, "0\n"); break;
	case SNAP_SYSCTL_DEFRAG_MODE:
		if (kver < KF_VER(6, 15))
			*absent = true;
		else
			sbuf_printf(sb, "0\n");
		break;
	case SNAP_THP_ENABLED:
		sbuf_printf(sb, s->km.thp ? "always [madvise] never\n" : "always madvise [never]\n");
		break;
	case SNAP_CPU_ONLINE:
	case SNAP_CPU_POSSIBLE: range_list(sb, 0, s->ncpus); break;
	case SNAP_NODE_ONLINE: range_list(sb, 0, s->nnodes); break;
	case SNAP_SYS_BLOCK: break;
	default: *absent = true; break;   /* slabinfo, pagetypeinfo: not simulated */
	}
}

void sim_render(const struct sim *s, uint32_t kver, snap_mask want, struct snapshot *out, struct sbuf *tmp)
{
	for (int id = 0; id < SNAP_NFILES; id++) {
		bool absent;

		if (!(want & SNAP_BIT(id)))
			continue;
		sbuf_reset(tmp);
		render_file(s, kver, (enum snap_file)id, tmp, &absent);
		if (absent)
			snapshot_set_error(out, (enum snap_file)id, ENOENT);
		else
			snapshot_set(out, (enum snap_file)id, tmp->b ? tmp->b : "", tmp->len);
	}
	if (want & SNAP_WANT_NODES) {
		for (int n = 0; n < s->nnodes; n++) {
			char name[48];

			sbuf_reset(tmp);
			sim_render_meminfo(s, kver, n, tmp);
			snprintf(name, sizeof name, "node%d/meminfo", n);
			snapshot_set_extra(out, name, tmp->b, tmp->len);
			sbuf_reset(tmp);
			sim_render_node_vmstat(s, n, tmp);
			snprintf(name, sizeof name, "node%d/vmstat", n);
			snapshot_set_extra(out, name, tmp->b, tmp->len);
			sbuf_reset(tmp);
			range_list(tmp, s->node[n].first_cpu, s->node[n].ncpus);
			snprintf(name, sizeof name, "node%d/cpulist", n);
			snapshot_set_extra(out, name, tmp->b, tmp->len);
		}
	}
}
