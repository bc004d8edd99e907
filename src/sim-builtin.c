/* sim-builtin.c — the built-in scenarios, written in the scenario file format (zonestat-scenario(5)) so
 * they double as examples: `zonestat --sim=NAME` runs one. */
#include "config.h"

#include <string.h>

#include "sim.h"

struct builtin {
	const char *name, *text;
};

static const struct builtin builtins[] = {
	{ "steady",
	  "# a quiet machine: allocations and frees balance, a little page cache traffic\n"
	  "[machine]\nnodes = 1\ncpus = 4\nmemory = 8G\nswap = 2G\n"
	  "[phase steady]\nduration = 1h\nanon_alloc = 20M\nanon_free = 20M\nfile_read = 2M\nfile_write = 1M\n"
	  "cpu = 15\ntasks = 4\n" },
	{ "cache-stream",
	  "# a large file read streams through the page cache; kswapd absorbs it and no task stalls\n"
	  "[machine]\nnodes = 1\ncpus = 4\nmemory = 4G\nswap = 0\n"
	  "[phase stream]\nduration = 1h\nfile_read = 200M\ncpu = 30\ntasks = 2\n" },
	{ "anon-leak",
	  "# a process leaks anonymous memory without swap until the OOM killer ends it, again and again\n"
	  "[machine]\nnodes = 1\ncpus = 2\nmemory = 2G\nswap = 0\n"
	  "[phase leak]\nduration = 1h\nanon_alloc = 100M\nfile_read = 1M\ncpu = 50\ntasks = 1\n" },
	{ "burst",
	  "# page cache fills memory, then an allocation burst outruns kswapd and forces direct reclaim\n"
	  "[machine]\nnodes = 1\ncpus = 8\nmemory = 8G\nswap = 2G\nrepeat = yes\n"
	  "[phase warm]\nduration = 30\nfile_read = 250M\ncpu = 20\ntasks = 4\n"
	  "[phase burst]\nduration = 20\nburst = 6G\ncpu = 90\ntasks = 8\n"
	  "[phase release]\nduration = 30\nanon_free = 300M\nfile_read = 20M\ncpu = 20\ntasks = 4\n" },
	{ "thrash",
	  "# an anonymous working set larger than memory: swap-outs, swap-ins and refaults\n"
	  "[machine]\nnodes = 1\ncpus = 2\nmemory = 2G\nswap = 4G\n"
	  "[phase fill]\nduration = 15\nanon_alloc = 200M\ncpu = 50\ntasks = 2\n"
	  "[phase thrash]\nduration = 1h\nanon_touch = 400M\nfile_reread = 20M\nfile_set = 512M\ncpu = 20\n"
	  "tasks = 4\n" },
	{ "fragment",
	  "# scattered unmovable pins and THP-sized allocations fragment the buddy lists\n"
	  "[machine]\nnodes = 1\ncpus = 4\nmemory = 4G\nswap = 1G\n"
	  "[phase fragment]\nduration = 1h\nanon_alloc = 50M\nanon_free = 50M\npin = 2M\nhigh_order = 9\n"
	  "high_order_rate = 20\ncpu = 30\ntasks = 4\n" },
	{ "numa2",
	  "# a two-node NUMA machine with page cache traffic on both nodes\n"
	  "[machine]\nnodes = 2\ncpus = 8\nmemory = 4G\nswap = 1G\n"
	  "[phase run]\nduration = 1h\nanon_alloc = 40M\nanon_free = 40M\nfile_read = 50M\ncpu = 25\ntasks = 8\n" },
};

const char *const sim_builtin_names[] = { "steady", "cache-stream", "anon-leak", "burst", "thrash",
					  "fragment", "numa2", NULL };

const char *sim_builtin_text(const char *name)
{
	for (size_t i = 0; i < ZS_ARRAY_LEN(builtins); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].text;
	return NULL;
}
