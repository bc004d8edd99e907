/* fuzz-scenario.c — sim_scenario_parse() (zonestat-scenario(5), libinih): on success every phase has a
 * duration of 0.1 s to 10^9 s and finite, not negative rates within the documented ranges, the machine's
 * counts are within the model's arrays, and the model can be built from it (sim_init succeeds or says
 * why) and run for a few simulated seconds with every invariant of sim-check holding after each step;
 * on failure a message naming the file. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sim.h"

const char fuzz_name[] = "scenario";

#define FUZZ_TICKS 40 /* 4 simulated seconds */

static void check_phase(const struct sim_phase *p, int i)
{
	const double rate[] = { p->anon_alloc, p->anon_free, p->file_read, p->file_write, p->file_reread,
				p->file_set, p->anon_touch, p->mlock, p->burst, p->pin, p->ho_rate };

	FZ_CHECK(isfinite(p->duration) && p->duration >= 0.1 && p->duration <= 1e9, "phase %d: duration %g", i,
		 p->duration);
	for (size_t k = 0; k < sizeof rate / sizeof rate[0]; k++)
		FZ_CHECK(isfinite(rate[k]) && rate[k] >= 0, "phase %d: rate %zu is %g", i, k, rate[k]);
	FZ_CHECK(p->cpu >= 0 && p->cpu <= 100 && p->tasks >= 1, "phase %d: cpu %g tasks %d", i, p->cpu, p->tasks);
	FZ_CHECK(p->ho_order >= 0 && p->ho_order < SIM_ORDERS, "phase %d: order %d", i, p->ho_order);
	FZ_CHECK(p->nlowmem_reserve_ratio >= 0 && p->nlowmem_reserve_ratio <= KF_MAX_ZONES, "phase %d: %d ratios",
		 i, p->nlowmem_reserve_ratio);
	FZ_CHECK(strnlen(p->name, sizeof p->name) < sizeof p->name, "phase %d: name not terminated", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size);
	static struct sim_scenario sc;
	static struct sim sim;
	struct zs_err e = { 0 };
	int rc;

	fz_quiet_begin();
	rc = sim_scenario_parse(&sc, t, "fuzz.ini", &e);
	fz_quiet_end("sim_scenario_parse");
	if (rc < 0) {
		FZ_CHECK(rc == -1 && strncmp(e.msg, "fuzz.ini", 8) == 0, "rc %d, error '%s'", rc, e.msg);
		free(t);
		return 0;
	}
	FZ_CHECK(rc == 0, "rc %d", rc);
	FZ_CHECK(sc.nphases >= 1 && sc.nphases <= SIM_MAX_PHASES, "%d phases", sc.nphases);
	for (int i = 0; i < sc.nphases; i++)
		check_phase(&sc.phase[i], i);
	FZ_CHECK(sc.shape.nnodes >= 1 && sc.shape.nnodes <= KF_MAX_NODES, "%d nodes", sc.shape.nnodes);
	FZ_CHECK(sc.shape.ncpus >= 1 && sc.shape.ncpus <= SIM_MAX_CPUS, "%d cpus", sc.shape.ncpus);
	FZ_CHECK(sc.shape.km.nnodes >= 0 && sc.shape.km.nnodes <= KF_MAX_NODES, "%d kformula nodes",
		 sc.shape.km.nnodes);
	for (int n = 0; n < KF_MAX_NODES; n++)
		FZ_CHECK(sc.shape.km.node[n].nzones >= 0 && sc.shape.km.node[n].nzones <= KF_MAX_ZONES,
			 "node %d: %d zones", n, sc.shape.km.node[n].nzones);
	FZ_CHECK(strnlen(sc.name, sizeof sc.name) < sizeof sc.name, "name not terminated");

	fz_quiet_begin();
	memset(&e, 0, sizeof e);
	rc = sim_init(&sim, &sc, KF_VER(6, 18), 1, &e);
	fz_quiet_end("sim_init");
	FZ_CHECK(rc == 0 || (rc == -1 && e.msg[0]), "sim_init: rc %d, error '%s'", rc, e.msg);
	if (rc == 0) {
		/* the model runs: FUZZ_TICKS steps (phase changes, sysctl changes and reclaim included), every
		 * invariant of sim-check holding after each */
		for (int i = 0; i < FUZZ_TICKS; i++) {
			struct sim_check_mark m;

			sim_check_begin(&sim, &m);
			fz_quiet_begin();
			sim_step(&sim);
			fz_quiet_end("sim_step");
			memset(&e, 0, sizeof e);
			FZ_CHECK(sim_check_step(&sim, &m, &e) == 0, "t=%.1f s: %s", (double)sim.now_ns / 1e9, e.msg);
		}
		sim_free(&sim);
	}
	free(t);
	return 0;
}
