/* kformula-sample.h — describe the machine a parsed sample came from, for the kernel formulas.
 *
 * Used by --explain (to re-derive what the kernel shows) and by the simulator's --sim-machine
 * (to calibrate a model on a live system or a captured tree). */
#ifndef ZS_KFORMULA_SAMPLE_H
#define ZS_KFORMULA_SAMPLE_H

#include "kformula.h"
#include "sample.h"
#include "util.h"

/* Fill m from a sample holding at least SP_ZONEINFO (SP_VERSION, SP_SYSCTLS, SP_NODES, SP_CPU_ONLINE,
 * SP_MEMINFO, SP_VMSTAT, SP_BUDDYINFO are used when present; m->inferred says what was guessed).
 * Returns 0, or -1 when the sample has no usable zoneinfo. */
int kf_machine_from_sample(const struct sample *s, struct kf_machine *m, struct zs_err *e);
/* Where sample zone s->zi.zone[i] sits in m: *ni (node slot) and *zi (zone index); false if nowhere. */
bool kf_machine_zone_slot(const struct kf_machine *m, const struct zone *z, int *ni, int *zi);
/* The kernel's index of the zone named name (its position in every node's zone list, protection's
 * column), merged from all nodes as old kernels print only populated zones; -1 when not printed. */
int kf_zone_index(const struct proc_zoneinfo *zi, const char *name);
/* The kernel version the zoneinfo format implies (the oldest release printing it that way). */
uint32_t kf_version_from_zoneinfo(const struct proc_zoneinfo *zi);

#endif
