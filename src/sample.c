/* sample.c — turn a snapshot into a sample: which files each part needs, and the parser for each. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proc-cpuinfo.h"
#include "proc-diskstats.h"
#include "proc-slabinfo.h"
#include "proc.h"
#include "sample.h"

static void sysctls_unset(struct sysctls *sys)
{
	memset(sys, 0, sizeof *sys);
	sys->min_free_kbytes = sys->watermark_scale_factor = sys->watermark_boost_factor = -1;
	sys->percpu_pagelist_high_fraction = sys->percpu_pagelist_fraction = -1;
	sys->swappiness = sys->stat_interval = sys->extfrag_threshold = -1;
	sys->overcommit_memory = sys->defrag_mode = -1;
	sys->thp_enabled = -1;
}

void sample_init(struct sample *s)
{
	memset(s, 0, sizeof *s);
	kv_init(&s->meminfo);
	kv_init(&s->vmstat);
	sysctls_unset(&s->sys);
}

void sample_free(struct sample *s)
{
	proc_stat_free(&s->stat);
	kv_free(&s->meminfo);
	kv_free(&s->vmstat);
	proc_zoneinfo_free(&s->zi);
	proc_buddyinfo_free(&s->buddy);
	proc_pagetypeinfo_free(&s->pti);
	proc_nodes_free(s->nodes, s->nnodes);
	free(s->cpu_online);
	proc_diskstats_free(s->disks);
	free(s->disks);
	proc_slabinfo_free(s->slabs);
	free(s->slabs);
	free(s->cpuinfo);
	memset(s, 0, sizeof *s);
}

snap_mask sample_parts_mask(unsigned parts)
{
	static const snap_mask part_files[SP_NPARTS] = {
		[SP_STAT] = SNAP_BIT(SNAP_STAT),
		[SP_MEMINFO] = SNAP_BIT(SNAP_MEMINFO),
		[SP_VMSTAT] = SNAP_BIT(SNAP_VMSTAT),
		[SP_UPTIME] = SNAP_BIT(SNAP_UPTIME),
		[SP_CPUINFO] = SNAP_BIT(SNAP_CPUINFO),
		[SP_DISKSTATS] = SNAP_BIT(SNAP_DISKSTATS) | SNAP_BIT(SNAP_SYS_BLOCK),
		[SP_SLABINFO] = SNAP_BIT(SNAP_SLABINFO),
		[SP_LOADAVG] = SNAP_BIT(SNAP_LOADAVG),
		[SP_ZONEINFO] = SNAP_BIT(SNAP_ZONEINFO),
		[SP_BUDDYINFO] = SNAP_BIT(SNAP_BUDDYINFO),
		[SP_PAGETYPEINFO] = SNAP_BIT(SNAP_PAGETYPEINFO),
		[SP_PSI] = SNAP_BIT(SNAP_PSI_MEMORY),
		[SP_SYSCTLS] = SNAP_MASK_SYSCTLS,
		[SP_NODES] = SNAP_WANT_NODES,
		[SP_CPU_ONLINE] = SNAP_BIT(SNAP_CPU_ONLINE),
		[SP_VERSION] = SNAP_BIT(SNAP_VERSION),
	};
	snap_mask m = 0;

	for (int p = 0; p < SP_NPARTS; p++)
		if (parts & SAMPLE_HAVE(p))
			m |= part_files[p];
	return m;
}

/* The text of a file, or an error naming it. */
static const char *need(const struct snapshot *snap, enum snap_file id, size_t *len, struct zs_err *e)
{
	const char *t = snapshot_text(snap, id, len);

	if (!t) {
		int err = snap->f[id].read ? snap->f[id].err : ENOENT;

		zs_err_set(e, err, "%s: %s", snap_file_path[id],
			   err == ENOENT ? "file not found" : strerror(err));
	}
	return t;
}

static int parse_part(struct sample *s, const struct snapshot *snap, int part)
{
	struct zs_err *e = &s->err[part];
	const char *t;
	size_t len;

	switch (part) {
	case SP_STAT:
		return (t = need(snap, SNAP_STAT, &len, e)) ? proc_stat_parse(&s->stat, t, len, e) : -1;
	case SP_MEMINFO:
		return (t = need(snap, SNAP_MEMINFO, &len, e)) ? proc_meminfo_parse(&s->meminfo, t, len, e) : -1;
	case SP_VMSTAT:
		return (t = need(snap, SNAP_VMSTAT, &len, e)) ? proc_vmstat_parse(&s->vmstat, t, len, e) : -1;
	case SP_UPTIME:
		return (t = need(snap, SNAP_UPTIME, &len, e)) ? proc_uptime_parse(&s->uptime, t, len, e) : -1;
	case SP_LOADAVG:
		return (t = need(snap, SNAP_LOADAVG, &len, e)) ? proc_loadavg_parse(s->loadavg, t, len, e) : -1;
	case SP_ZONEINFO:
		return (t = need(snap, SNAP_ZONEINFO, &len, e)) ? proc_zoneinfo_parse(&s->zi, t, len, e) : -1;
	case SP_BUDDYINFO:
		return (t = need(snap, SNAP_BUDDYINFO, &len, e)) ? proc_buddyinfo_parse(&s->buddy, t, len, e)
								: -1;
	case SP_PAGETYPEINFO:
		return (t = need(snap, SNAP_PAGETYPEINFO, &len, e)) ? proc_pagetypeinfo_parse(&s->pti, t, len, e)
								   : -1;
	case SP_PSI:
		return (t = need(snap, SNAP_PSI_MEMORY, &len, e)) ? proc_psi_parse(&s->psi, t, len, e) : -1;
	case SP_SYSCTLS:
		sysctls_unset(&s->sys);
		return proc_sysctl_parse(&s->sys, snap, e);
	case SP_NODES:
		return proc_nodes_parse(&s->nodes, &s->nnodes, snap, e);
	case SP_CPU_ONLINE:
		return (t = need(snap, SNAP_CPU_ONLINE, &len, e))
			       ? proc_cpulist_parse(&s->cpu_online, &s->ncpu_online, t, len, e)
			       : -1;
	case SP_VERSION:
		if (!(t = need(snap, SNAP_VERSION, &len, e)))
			return -1;
		/* "Linux version 6.1.0-18-amd64 (…" */
		s->kernel_release[0] = '\0';
		if (strncmp(t, "Linux version ", 14) == 0) {
			size_t n = strcspn(t + 14, " \n");

			if (n >= sizeof s->kernel_release)
				n = sizeof s->kernel_release - 1;
			memcpy(s->kernel_release, t + 14, n);
			s->kernel_release[n] = '\0';
		}
		return 0;
	case SP_DISKSTATS: {
		/* /sys/block says which devices are whole disks; unreadable: all of them are */
		size_t sblen;
		const char *sb = snapshot_text(snap, SNAP_SYS_BLOCK, &sblen);

		if (!(t = need(snap, SNAP_DISKSTATS, &len, e)))
			return -1;
		if (!s->disks)
			s->disks = xcalloc(1, sizeof *s->disks);
		return proc_diskstats_parse(s->disks, t, len, sb, sblen, e);
	}
	case SP_SLABINFO:
		if (!(t = need(snap, SNAP_SLABINFO, &len, e)))
			return -1;
		if (!s->slabs)
			s->slabs = xcalloc(1, sizeof *s->slabs);
		return proc_slabinfo_parse(s->slabs, t, len, e);
	case SP_CPUINFO:
		if (!(t = need(snap, SNAP_CPUINFO, &len, e)))
			return -1;
		if (!s->cpuinfo)
			s->cpuinfo = xcalloc(1, sizeof *s->cpuinfo);
		return proc_cpuinfo_parse(s->cpuinfo, t, len, e);
	default:
		/* no other parts */
		return 0;
	}
}

int sample_parse(struct sample *s, const struct snapshot *snap, unsigned parts)
{
	int rc = 0;

	s->t = snap->t;
	s->seq = snap->seq;
	s->have = 0;
	for (int p = 0; p < SP_NPARTS; p++) {
		if (!(parts & SAMPLE_HAVE(p)))
			continue;
		zs_err_clear(&s->err[p]);
		if (parse_part(s, snap, p) == 0)
			s->have |= SAMPLE_HAVE(p);
		else
			rc = -1;
	}
	return rc;
}
