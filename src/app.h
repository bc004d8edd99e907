/* app.h — what main() dispatches to: one entry point per view, and the source the command line asks for.
 *
 * Exit statuses (documented in zonestat(1)):
 *   0  success
 *   1  error: bad usage, unreadable or unusable input, write error
 *   2  --explain: at least one derived number disagrees with what the kernel shows
 * 141 is never returned: a closed pipe ends the program quietly with status 0 in zonestat's own views and
 * with SIGPIPE in --compat mode, as procps does. */
#ifndef ZS_APP_H
#define ZS_APP_H

#include "cli.h"
#include "source.h"

#define ZS_EXIT_OK 0
#define ZS_EXIT_FAIL 1
#define ZS_EXIT_DISAGREE 2

/* The source for this command line: --sim, --root, or the live /proc. */
struct source *app_open_source(const struct cli *c, struct zs_err *e);

/* Entry points, one per view (each in its own module). */
int vmstat_main(const struct cli *c);     /* vmstat-main.c: default, -a, -s, -d, -D, -p, -m */
int vmstat_forks(const struct cli *c);    /* vmstat-main.c: -f */
int zones_main(const struct cli *c);      /* view-zones.c: -z */
int reclaim_main(const struct cli *c);    /* view-reclaim.c: -r */
int buddy_main(const struct cli *c);      /* view-buddy.c: -b */
int explain_main(const struct cli *c);    /* explain.c: --explain */
int dashboard_main(const struct cli *c);  /* dashboard.c: -T */
/* sim-source.c: a source backed by the simulation engine. */
struct source *sim_source_open(const struct cli *c, struct zs_err *e);

#endif
