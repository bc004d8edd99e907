/* cli.h — the command line: procps-ng vmstat's options, exactly as vmstat parses them, plus zonestat's.
 *
 * With --compat=VERSION (or when called as "vmstat") only vmstat's own options exist, so abbreviations,
 * error messages and usage text are vmstat's byte for byte.  Otherwise the full zonestat table is used. */
#ifndef ZS_CLI_H
#define ZS_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "render.h"

/* vmstat mode bits (exactly one or none may be set) */
#define VM_MODE_SLAB 0x01u
#define VM_MODE_SUM 0x02u
#define VM_MODE_DISK 0x04u
#define VM_MODE_DISKSUM 0x08u
#define VM_MODE_PARTITION 0x10u

/* compat levels: what procps-ng release to behave like */
#define COMPAT_402 402
#define COMPAT_406 406   /* the default: current upstream */

enum cli_view {
	CLI_VIEW_VMSTAT,     /* the vmstat views (default, -a, -s, -d, -D, -p, -m) */
	CLI_VIEW_ZONES,      /* -z */
	CLI_VIEW_RECLAIM,    /* -r */
	CLI_VIEW_BUDDY,      /* -b */
	CLI_VIEW_EXPLAIN,    /* --explain */
	CLI_VIEW_TOP,        /* -T, the dashboard */
};

enum cli_action {
	CLI_RUN,             /* go on and run the view */
	CLI_FORKS,           /* -f was seen: print the fork count now */
	CLI_EXIT_OK,         /* --help / --version done */
	CLI_EXIT_FAIL,       /* a usage error was printed */
};

struct cli {
	const char *prog;        /* short program name for messages */
	bool vmstat_only;        /* parsed with vmstat's option table (--compat, or called as vmstat) */
	int compat;              /* COMPAT_402 or COMPAT_406 */

	/* vmstat options */
	bool active, one_header, wide, timestamp, no_first;
	unsigned vm_mode;
	const char *partition;   /* -p, "/dev/" stripped */
	char unit;               /* 0 (KiB), 'b', 'B', 'k', 'K', 'm', 'M' */

	/* [delay [count]] */
	bool have_delay;
	unsigned long delay;     /* seconds (simulated seconds with --sim) */
	bool infinite;           /* a delay and no count */
	unsigned long count;     /* number of reports (1 without delay) */
	bool have_count;

	/* zonestat options */
	enum cli_view view;
	enum render_format output;
	const char *root;        /* --root DIR (NULL: the live /proc and /sys) */
	bool pagetypeinfo;       /* --pagetypeinfo: also read /proc/pagetypeinfo (expensive) */
	const char *pane;        /* --pane NAME: the dashboard's first pane */
	const char *sim;         /* --sim NAME|FILE */
	const char *sim_machine; /* --sim-machine DIR */
	const char *sim_out;     /* --sim-out DIR */
	const char *sim_kernel;  /* --sim-kernel VERSION (formats of --sim-out) */
	uint64_t seed;           /* --seed N */
	bool have_seed;
};

/* Parse argv; prints help, version and usage errors itself (they are the CLI's output). */
enum cli_action cli_parse(struct cli *c, int argc, char **argv);
/* The usage text for vmstat-only mode (exactly procps-ng's) or for zonestat. */
void cli_usage(const struct cli *c, FILE *out);


#endif
