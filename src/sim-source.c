/* sim-source.c — the simulator as a snapshot source (--sim): take() renders the model's state as the /proc
 * and /sys texts of the chosen kernel version, wait() advances simulated time without sleeping.  With
 * --sim-machine the machine's shape is calibrated from a tree; with --sim-out every sample is also
 * written out as a tree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "kformula-sample.h"
#include "sample.h"
#include "sim-out.h"
#include "sim-render.h"
#include "sim-source.h"

struct simsrc {
	struct sim sim;
	uint32_t kver;
	const char *out_dir;
	struct sbuf tmp;
	struct snapshot full;        /* everything, for --sim-out */
};

#define SIM_ALL_FILES (((snap_mask)1 << SNAP_NFILES) - 1)

static int sim_take(struct source *src, snap_mask want, struct snapshot *out, struct zs_err *e)
{
	struct simsrc *p = src->priv;

	out->t.mono_ns = p->sim.now_ns;
	out->t.wall_ns = p->sim.boot_wall_ns + p->sim.now_ns;
	sim_render(&p->sim, p->kver, want, out, &p->tmp);
	if (p->out_dir) {
		snapshot_reset(&p->full);
		sim_render(&p->sim, p->kver, SIM_ALL_FILES | SNAP_WANT_NODES, &p->full, &p->tmp);
		if (sim_out_write(p->out_dir, &p->full, e) != 0 || sim_out_write_unmodelled(p->out_dir, p->kver, e) != 0)
			return -1;
	}
	return 0;
}

static int sim_wait(struct source *src, double seconds)
{
	struct simsrc *p = src->priv;

	if (seconds > 0)
		sim_run_until(&p->sim, p->sim.now_ns + (int64_t)(seconds * 1e9));
	return 0;
}

static void sim_close(struct source *src)
{
	struct simsrc *p = src->priv;

	sim_free(&p->sim);
	sbuf_free(&p->tmp);
	snapshot_free(&p->full);
	free(p);
	free(src);
}

static const struct source_ops sim_ops = {
	.name = "sim",
	.take = sim_take,
	.wait = sim_wait,
	.close = sim_close,
};

int sim_calibrate(const char *dir, struct sim_shape *sh, uint32_t *kver, struct zs_err *e)
{
	struct zs_err pe;
	struct source *src = source_procfs_open(dir, &pe);
	struct snapshot snap;
	struct sample smp;
	unsigned parts = SAMPLE_HAVE(SP_ZONEINFO) | SAMPLE_HAVE(SP_SYSCTLS) | SAMPLE_HAVE(SP_VERSION) |
			 SAMPLE_HAVE(SP_NODES) | SAMPLE_HAVE(SP_CPU_ONLINE) | SAMPLE_HAVE(SP_MEMINFO);
	int rc = -1;

	if (!src) {
		zs_err_set(e, pe.code, "--sim-machine: %s", pe.msg);
		return -1;
	}
	snapshot_init(&snap);
	sample_init(&smp);
	if (source_take(src, sample_parts_mask(parts), &snap, &pe) != 0) {
		zs_err_set(e, pe.code, "--sim-machine %s: %s", dir, pe.msg);
		goto out;
	}
	sample_parse(&smp, &snap, parts);   /* missing optional parts are inferred by kf_machine_from_sample */
	if (!(smp.have & SAMPLE_HAVE(SP_ZONEINFO))) {
		zs_err_set(e, 0, "--sim-machine %s: %s", dir, smp.err[SP_ZONEINFO].msg);
		goto out;
	}
	if (kf_machine_from_sample(&smp, &sh->km, &pe) != 0) {
		zs_err_set(e, 0, "--sim-machine %s: %s", dir, pe.msg);
		goto out;
	}
	if (sh->km.online_cpus < 1 || sh->km.online_cpus > SIM_MAX_CPUS) {
		zs_err_set(e, 0, "--sim-machine %s: %d CPUs (the simulator takes 1 … %d)", dir, sh->km.online_cpus,
			   SIM_MAX_CPUS);
		goto out;
	}
	sh->have_zones = true;
	sh->nnodes = sh->km.nnodes;
	sh->ncpus = sh->km.online_cpus;
	for (int n = 0; n < sh->km.nnodes; n++)
		for (int i = 0; i < sh->km.node[n].nzones; i++) {
			snprintf(sh->zone_name[n][i], sizeof sh->zone_name[n][i], "%s", sh->km.node[n].zone[i].name);
			sh->start_pfn[n][i] = 0;
		}
	for (int i = 0; i < smp.zi.nzones; i++) {
		int ni, zi;

		if (kf_machine_zone_slot(&sh->km, &smp.zi.zone[i], &ni, &zi))
			sh->start_pfn[ni][zi] = smp.zi.zone[i].start_pfn;
	}
	if (smp.have & SAMPLE_HAVE(SP_MEMINFO))
		sh->swap_bytes = (uint64_t)kv_val(&smp.meminfo, "SwapTotal") * 1024;
	if ((smp.have & SAMPLE_HAVE(SP_SYSCTLS)) && smp.sys.swappiness >= 0)
		sh->swappiness = smp.sys.swappiness;
	*kver = sh->km.kver;
	rc = 0;
out:
	sample_free(&smp);
	snapshot_free(&snap);
	source_close(src);
	return rc;
}

struct source *sim_source_open(const struct cli *c, struct zs_err *e)
{
	struct simsrc *p = xcalloc(1, sizeof *p);
	struct sim_scenario *sc = xmalloc(sizeof *sc);
	struct source *src;
	uint32_t kver = 0, machine_kver = 0;

	if (c->sim_kernel) {
		kver = sim_parse_kver(c->sim_kernel);
		if (!kver || kver > KF_VER(9, 99)) {
			zs_err_set(e, 0, "--sim-kernel: expected a version like 6.18, got '%s'", c->sim_kernel);
			goto fail;
		}
		/* before 3.8 zoneinfo had no managed line (the renderers write 3.8's layout and later) */
		if (kver < KF_VER(3, 8)) {
			zs_err_set(e, 0, "--sim-kernel: the simulator writes the formats of 3.8 and later, not %s",
				   c->sim_kernel);
			goto fail;
		}
	}
	if (sim_scenario_load(sc, c->sim, e) != 0)
		goto fail;
	if (c->sim_machine && sim_calibrate(c->sim_machine, &sc->shape, &machine_kver, e) != 0)
		goto fail;
	if (!kver)
		kver = machine_kver ? machine_kver : KF_VER(6, 18);
	if (sim_init(&p->sim, sc, kver, c->have_seed ? c->seed : 1, e) != 0)
		goto fail;
	free(sc);
	p->kver = kver;
	p->out_dir = c->sim_out;
	snapshot_init(&p->full);
	src = xcalloc(1, sizeof *src);
	src->ops = &sim_ops;
	src->priv = p;
	src->live = false;
	src->has_processes = false;
	return src;
fail:
	free(sc);
	free(p);
	return NULL;
}
