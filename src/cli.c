/* cli.c — command-line parsing: vmstat's options with vmstat's exact semantics, and zonestat's own. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_COMPAT = 1000, OPT_ROOT, OPT_EXPLAIN, OPT_CSV, OPT_PAGETYPEINFO, OPT_PANE,
	OPT_SIM, OPT_SIM_MACHINE, OPT_SIM_OUT, OPT_SIM_KERNEL, OPT_SEED,
};

#define VMSTAT_SHORT "afmnsdDp:S:wthVy"

/* procps-ng vmstat's table, in its order (abbreviation and ambiguity messages depend on it). */
#define VMSTAT_LONG                                                          \
	{ "active", no_argument, NULL, 'a' },                                \
	{ "forks", no_argument, NULL, 'f' },                                 \
	{ "slabs", no_argument, NULL, 'm' },                                 \
	{ "one-header", no_argument, NULL, 'n' },                            \
	{ "stats", no_argument, NULL, 's' },                                 \
	{ "disk", no_argument, NULL, 'd' },                                  \
	{ "disk-sum", no_argument, NULL, 'D' },                              \
	{ "partition", required_argument, NULL, 'p' },                       \
	{ "unit", required_argument, NULL, 'S' },                            \
	{ "wide", no_argument, NULL, 'w' },                                  \
	{ "timestamp", no_argument, NULL, 't' },                             \
	{ "help", no_argument, NULL, 'h' },                                  \
	{ "version", no_argument, NULL, 'V' },                               \
	{ "no-first", no_argument, NULL, 'y' }

static const struct option vmstat_longopts[] = { VMSTAT_LONG, { NULL, 0, NULL, 0 } };

static const struct option zonestat_longopts[] = {
	VMSTAT_LONG,
	{ "zones", no_argument, NULL, 'z' },
	{ "reclaim", no_argument, NULL, 'r' },
	{ "buddy", no_argument, NULL, 'b' },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "top", no_argument, NULL, 'T' },
	{ "pane", required_argument, NULL, OPT_PANE },
	{ "output", required_argument, NULL, 'o' },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "pagetypeinfo", no_argument, NULL, OPT_PAGETYPEINFO },
	{ "compat", required_argument, NULL, OPT_COMPAT },
	{ "sim", required_argument, NULL, OPT_SIM },
	{ "sim-machine", required_argument, NULL, OPT_SIM_MACHINE },
	{ "sim-out", required_argument, NULL, OPT_SIM_OUT },
	{ "sim-kernel", required_argument, NULL, OPT_SIM_KERNEL },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ NULL, 0, NULL, 0 },
};

static const char vmstat_usage[] =
	"\n"
	"Usage:\n"
	" %s [options] [delay [count]]\n"
	"\n"
	"Options:\n"
	" -a, --active           active/inactive memory\n"
	" -f, --forks            number of forks since boot\n"
	" -m, --slabs            slabinfo\n"
	" -n, --one-header       do not redisplay header\n"
	" -s, --stats            event counter statistics\n"
	" -d, --disk             disk statistics\n"
	" -D, --disk-sum         summarize disk statistics\n"
	" -p, --partition <dev>  partition specific statistics\n"
	" -S, --unit <char>      define display unit\n"
	" -w, --wide             wide output\n"
	" -t, --timestamp        show timestamp\n"
	" -y, --no-first         skips first line of output\n"
	"\n"
	" -h, --help     display this help and exit\n"
	" -V, --version  output version information and exit\n"
	"\n"
	"For more details see vmstat(8).\n";

static const char zonestat_usage[] =
	"\n"
	"Usage:\n"
	" %s [options] [delay [count]]\n"
	"\n"
	"A Linux memory monitor: vmstat, plus zones, watermarks, drift, reclaim, pressure and fragmentation.\n"
	"\n"
	"vmstat options (procps-ng compatible):\n"
	" -a, --active           active/inactive memory\n"
	" -f, --forks            number of forks since boot\n"
	" -m, --slabs            slabinfo\n"
	" -n, --one-header       do not redisplay header\n"
	" -s, --stats            event counter statistics\n"
	" -d, --disk             disk statistics\n"
	" -D, --disk-sum         summarize disk statistics\n"
	" -p, --partition <dev>  partition specific statistics\n"
	" -S, --unit <char>      define display unit (k, K, m or M)\n"
	" -w, --wide             wide output\n"
	" -t, --timestamp        show timestamp\n"
	" -y, --no-first         skips first line of output\n"
	"     --compat <version> behave exactly like procps-ng vmstat <version> (4.0.2 or 4.0.6)\n"
	"\n"
	"Views:\n"
	" -z, --zones            free pages against the watermarks, per node and zone\n"
	" -r, --reclaim          reclaim, compaction, refaults, vmpressure and PSI\n"
	" -b, --buddy            buddy free lists and fragmentation indices\n"
	"     --explain          derive every zone number from the kernel's formulas and check it\n"
	" -T, --top              full-screen dashboard\n"
	"     --pane <name>      first dashboard pane (zones, reclaim, procs, buddy, vmstat, explain)\n"
	"\n"
	"Output and sources:\n"
	" -o, --output <format>  table (default) or csv\n"
	"     --csv              same as --output=csv\n"
	"     --root <dir>       read a captured tree (DIR/proc/..., DIR/sys/...) instead of /proc\n"
	"     --pagetypeinfo     also read /proc/pagetypeinfo (expensive; root only on new kernels)\n"
	"\n"
	"Simulation:\n"
	"     --sim <name|file>  simulate a machine and a scenario instead of reading /proc\n"
	"     --sim-machine <dir> take the simulated machine's shape from a tree (/ for this one)\n"
	"     --sim-out <dir>    write the simulated /proc and /sys tree to DIR at every sample\n"
	"     --sim-kernel <ver> kernel version whose /proc formats --sim-out writes (default 6.18)\n"
	"     --seed <n>         random seed of the simulation\n"
	"\n"
	" -h, --help     display this help and exit\n"
	" -V, --version  output version information and exit\n"
	"\n"
	"For more details see zonestat(1).\n";

void cli_usage(const struct cli *c, FILE *out)
{
	if (c->vmstat_only)
		fprintf(out, vmstat_usage, c->prog);
	else
		fprintf(out, zonestat_usage, c->prog);
}

static enum cli_action fail_msg(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static enum cli_action fail_msg(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_EXIT_FAIL;
}

static enum cli_action fail_usage(const struct cli *c)
{
	cli_usage(c, stderr);
	return CLI_EXIT_FAIL;
}

/* procps' strtol_or_err: the whole non-empty string must be a base-10 long. */
static bool parse_long(const struct cli *c, const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	if (!s || !*s) {
		fail_msg(c, "failed to parse argument: '%s'", s ? s : "");
		return false;
	}
	v = strtol(s, &end, 10);
	if (errno || end == s || *end) {
		int err = errno;

		fflush(stdout);
		fprintf(stderr, "%s: failed to parse argument: '%s'", c->prog, s);
		if (err)
			fprintf(stderr, ": %s", strerror(err));
		fputc('\n', stderr);
		return false;
	}
	*out = v;
	return true;
}

static const char *basename_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* Take "--compat=V" / "--compat V" out of argv (before "--"), so vmstat-only parsing sees vmstat's argv. */
static int take_compat(int *argc, char **argv, const char **value)
{
	for (int i = 1; i < *argc; i++) {
		int drop = 0;

		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--compat=", 9) == 0) {
			*value = argv[i] + 9;
			drop = 1;
		} else if (strcmp(argv[i], "--compat") == 0) {
			if (i + 1 >= *argc)
				return -1;
			*value = argv[i + 1];
			drop = 2;
		}
		if (drop) {
			memmove(&argv[i], &argv[i + drop], (size_t)(*argc - i - drop + 1) * sizeof *argv);
			*argc -= drop;
			i--;
		}
	}
	return 0;
}

static int compat_level(const char *v)
{
	if (strcmp(v, "4.0.2") == 0 || strcmp(v, "4.0.1") == 0 || strcmp(v, "4.0.0") == 0)
		return COMPAT_402;
	if (strcmp(v, "4.0.3") == 0 || strcmp(v, "4.0.4") == 0 || strcmp(v, "4.0.5") == 0 ||
	    strcmp(v, "4.0.6") == 0)
		return COMPAT_406;
	return -1;
}

static enum cli_action set_view(struct cli *c, enum cli_view v, const char *opt)
{
	if (c->view != CLI_VIEW_VMSTAT && c->view != v)
		return fail_msg(c, "%s: choose one view of -z, -r, -b, --explain and --top", opt);
	c->view = v;
	return CLI_RUN;
}

enum cli_action cli_parse(struct cli *c, int argc, char **argv)
{
	const char *compat = NULL;
	const struct option *longopts;
	const char *shortopts;
	int opt;
	unsigned bits;

	memset(c, 0, sizeof *c);
	c->prog = basename_of(argv[0] ? argv[0] : "zonestat");
	c->compat = COMPAT_406;
	c->count = 1;
	c->output = RENDER_TABLE;
	if (take_compat(&argc, argv, &compat) < 0)
		return fail_msg(c, "option '--compat' requires an argument");
	if (compat) {
		c->compat = compat_level(compat);
		if (c->compat < 0)
			return fail_msg(c, "--compat: unknown procps-ng version '%s' (known: 4.0.2 to 4.0.6)",
					compat);
		c->vmstat_only = true;
	} else if (strcmp(c->prog, "vmstat") == 0) {
		c->vmstat_only = true;
	}
	longopts = c->vmstat_only ? vmstat_longopts : zonestat_longopts;
	shortopts = c->vmstat_only ? VMSTAT_SHORT : VMSTAT_SHORT "zrbo:T";

	optind = 1;
	opterr = 1;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		enum cli_action a = CLI_RUN;

		switch (opt) {
		case 'a':
			c->active = true;
			break;
		case 'f':
			return CLI_FORKS;
		case 'm':
			c->vm_mode |= VM_MODE_SLAB;
			break;
		case 'n':
			c->one_header = true;
			break;
		case 's':
			c->vm_mode |= VM_MODE_SUM;
			break;
		case 'd':
			c->vm_mode |= VM_MODE_DISK;
			break;
		case 'D':
			c->vm_mode |= VM_MODE_DISKSUM;
			break;
		case 'p':
			c->vm_mode |= VM_MODE_PARTITION;
			c->partition = strncmp(optarg, "/dev/", 5) == 0 ? optarg + 5 : optarg;
			break;
		case 'S':
			/* b and B (bytes) work although the message does not list them */
			if (optarg[0] && strchr("bBkKmM", optarg[0]))
				c->unit = optarg[0];
			else
				return fail_msg(c, "-S requires k, K, m or M (default is KiB)");
			break;
		case 'w':
			c->wide = true;
			break;
		case 't':
			c->timestamp = true;
			break;
		case 'y':
			c->no_first = true;
			break;
		case 'h':
			cli_usage(c, stdout);
			return CLI_EXIT_OK;
		case 'V':
			if (c->vmstat_only)
				printf("%s from procps-ng %s\n", c->prog, c->compat == COMPAT_402 ? "4.0.2" : "4.0.6");
			else
				printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return CLI_EXIT_OK;
		case 'z':
			a = set_view(c, CLI_VIEW_ZONES, "-z");
			break;
		case 'r':
			a = set_view(c, CLI_VIEW_RECLAIM, "-r");
			break;
		case 'b':
			a = set_view(c, CLI_VIEW_BUDDY, "-b");
			break;
		case OPT_EXPLAIN:
			a = set_view(c, CLI_VIEW_EXPLAIN, "--explain");
			break;
		case 'T':
			a = set_view(c, CLI_VIEW_TOP, "--top");
			break;
		case OPT_PANE:
			c->pane = optarg;
			break;
		case 'o':
			if (strcmp(optarg, "table") == 0)
				c->output = RENDER_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				c->output = RENDER_CSV;
			else
				return fail_msg(c, "--output: expected 'table' or 'csv', got '%s'", optarg);
			break;
		case OPT_CSV:
			c->output = RENDER_CSV;
			break;
		case OPT_ROOT:
			c->root = optarg;
			break;
		case OPT_PAGETYPEINFO:
			c->pagetypeinfo = true;
			break;
		case OPT_SIM:
			c->sim = optarg;
			break;
		case OPT_SIM_MACHINE:
			c->sim_machine = optarg;
			break;
		case OPT_SIM_OUT:
			c->sim_out = optarg;
			break;
		case OPT_SIM_KERNEL:
			c->sim_kernel = optarg;
			break;
		case OPT_SEED: {
			char *end;

			errno = 0;
			c->seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-')
				return fail_msg(c, "--seed: expected a non-negative integer, got '%s'", optarg);
			c->have_seed = true;
			break;
		}
		default:
			return fail_usage(c);
		}
		if (a != CLI_RUN)
			return a;
	}

	if (optind < argc) {
		long d;

		if (!parse_long(c, argv[optind++], &d))
			return CLI_EXIT_FAIL;
		if (d < 1)
			return fail_msg(c, "delay must be positive integer");
		if ((unsigned long)d > UINT_MAX)
			return fail_msg(c, "too large delay value");
		c->delay = (unsigned long)d;
		c->have_delay = true;
		c->infinite = true;
	}
	if (optind < argc) {
		long n;

		if (!parse_long(c, argv[optind++], &n))
			return CLI_EXIT_FAIL;
		c->count = (unsigned long)n;
		c->have_count = true;
		c->infinite = false;
	}
	if (optind < argc)
		return fail_usage(c);
	/* -y without a delay still shows one interval: of one second */
	if (c->no_first && !c->have_delay)
		c->delay = 1;

	bits = c->vm_mode;
	if (bits & (bits - 1))
		return fail_usage(c);
	if (bits && c->view != CLI_VIEW_VMSTAT)
		return fail_msg(c, "%s", "the vmstat modes (-s, -d, -D, -p, -m) do not combine with zonestat's views");
	if (c->sim_out && !c->sim)
		return fail_msg(c, "%s", "--sim-out needs --sim");
	if (c->sim && c->root)
		return fail_msg(c, "%s", "--sim and --root are two sources: choose one");
	return CLI_RUN;
}
