/* sim-source.h — the simulator's source and machine calibration (sim-source.c). */
#ifndef ZS_SIM_SOURCE_H
#define ZS_SIM_SOURCE_H

#include "sim.h"

/* --sim-machine DIR: zones (managed/present/spanned), CPUs, nodes, sysctls and swap size from the tree at
 * DIR ("/" for this machine), through the same parsers and kf_machine_from_sample as --explain.
 * *kver gets the tree's kernel version.  Returns 0, or -1 with e set. */
int sim_calibrate(const char *dir, struct sim_shape *sh, uint32_t *kver, struct zs_err *e);

#endif
