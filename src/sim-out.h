/* sim-out.h — writing a snapshot as a /proc and /sys tree (--sim-out). */
#ifndef ZS_SIM_OUT_H
#define ZS_SIM_OUT_H

#include <stdint.h>

#include "snapshot.h"
#include "util.h"

/* Write every file the snapshot holds under DIR/proc and DIR/sys, each replaced atomically.
 * Returns 0, or -1 with e naming the file and the error (a full disk is an error, never silent). */
int sim_out_write(const char *dir, const struct snapshot *snap, struct zs_err *e);

/* The files of the simulated kernel (version kver) that no snapshot slot holds: pressure/cpu and
 * pressure/io from 4.20, which the simulator does not model (their stall time stays 0) but which tools
 * read together with pressure/memory (node_exporter's pressure collector needs all three).  0 or -1. */
int sim_out_write_unmodelled(const char *dir, uint32_t kver, struct zs_err *e);

#endif
