/* sim-out.h — writing a snapshot as a /proc and /sys tree (--sim-out). */
#ifndef ZS_SIM_OUT_H
#define ZS_SIM_OUT_H

#include "snapshot.h"
#include "util.h"

/* Write every file the snapshot holds under DIR/proc and DIR/sys, each replaced atomically.
 * Returns 0, or -1 with e naming the file and the error (a full disk is an error, never silent). */
int sim_out_write(const char *dir, const struct snapshot *snap, struct zs_err *e);

#endif
