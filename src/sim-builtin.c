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
	  "# a quiet machine: allocations and frees balance; the page cache grows by 3M/s, so no reclaim for\n"
	  "# the first ~40 minutes\n"
	  "[machine]\nnodes = 1\ncpus = 4\nmemory = 8G\nswap = 2G\n"
	  "[phase steady]\nduration = 1h\nanon_alloc = 20M\nanon_free = 20M\nfile_read = 2M\nfile_write = 1M\n"
	  "cpu = 15\ntasks = 4\n" },
	{ "cache-stream",
	  "# a large file read streams through the page cache; once it fills memory (~17 s) kswapd absorbs it\n"
	  "# and no task stalls\n"
	  "[machine]\nnodes = 1\ncpus = 4\nmemory = 4G\nswap = 0\n"
	  "[phase stream]\nduration = 1h\nfile_read = 200M\ncpu = 30\ntasks = 2\n" },
	{ "anon-leak",
	  "# a process leaks anonymous memory without swap: direct reclaim and the first OOM kill at ~18 s,\n"
	  "# then again every ~18 s\n"
	  "[machine]\nnodes = 1\ncpus = 2\nmemory = 2G\nswap = 0\n"
	  "[phase leak]\nduration = 1h\nanon_alloc = 100M\nfile_read = 1M\ncpu = 50\ntasks = 1\n" },
	{ "burst",
	  "# a service reads its 4G hot set from the page cache at 2G/s; at 30 s a 5G allocation burst\n"
	  "# outruns kswapd: direct reclaim (allocation stalls) at medium vmpressure evicts part of the hot\n"
	  "# set, which refaults while the burst holds its memory and, after its release at 50 s, until the\n"
	  "# set is cached again (~70 s); the cycle repeats every 80 s\n"
	  "[machine]\nnodes = 1\ncpus = 8\nmemory = 8G\nswap = 2G\nrepeat = yes\n"
	  "[phase warm]\nduration = 30\nfile_reread = 2G\nfile_set = 4G\ncpu = 20\ntasks = 4\n"
	  "[phase burst]\nduration = 20\nburst = 5G\nfile_reread = 2G\nfile_set = 4G\ncpu = 90\ntasks = 8\n"
	  "[phase release]\nduration = 30\nanon_free = 300M\nfile_reread = 2G\nfile_set = 4G\ncpu = 20\ntasks = 4\n" },
	{ "thrash",
	  "# an anonymous working set larger than memory (filled in 15 s): swap-outs from ~10 s, then swap-ins\n"
	  "# and refaults for ever\n"
	  "[machine]\nnodes = 1\ncpus = 2\nmemory = 2G\nswap = 4G\n"
	  "[phase fill]\nduration = 15\nanon_alloc = 200M\ncpu = 50\ntasks = 2\n"
	  "[phase thrash]\nduration = 1h\nanon_touch = 400M\nfile_reread = 20M\nfile_set = 512M\ncpu = 20\n"
	  "tasks = 4\n" },
	{ "fragment",
	  "# 0-30 s a job fills memory while kernel allocations (1 MiB/s of slab) scatter over the\n"
	  "# pageblocks; 30-40 s it exits: ~3.5 GiB is free again, but in pieces (order-9 fragmentation index\n"
	  "# ~900, no free order-9 block); from 40 s huge-page faults compact, fail and fall back to 4 KiB\n"
	  "[machine]\nnodes = 1\ncpus = 4\nmemory = 4G\nswap = 1G\n"
	  "[phase fill]\nduration = 30\nanon_alloc = 100M\npin = 1M\ncpu = 40\ntasks = 4\n"
	  "[phase exit]\nduration = 10\nanon_free = 400M\ncpu = 10\ntasks = 2\n"
	  "[phase thp]\nduration = 1h\nhigh_order = 9\nhigh_order_rate = 20\nanon_free = 40M\ncpu = 30\ntasks = 4\n" },
	{ "numa2",
	  "# a two-node NUMA machine (node 1 has only a Normal zone): page cache streams into both nodes and from\n"
	  "# ~48 s each node's kswapd keeps its own zones between their watermarks\n"
	  "[machine]\nnodes = 2\ncpus = 8\nmemory = 4G\nswap = 1G\n"
	  "[phase run]\nduration = 1h\nanon_alloc = 40M\nanon_free = 40M\nfile_read = 150M\ncpu = 25\ntasks = 8\n" },
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
