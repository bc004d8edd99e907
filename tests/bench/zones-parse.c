/* zones-parse.c — the measuring helper of tests/bench/zones-bench.sh.
 *
 *   zones-parse gen NODES ZONES CPUS      write a synthetic 6.18-format /proc/zoneinfo to stdout: every
 *                                         node with ZONES populated zones, CPUS pagesets per zone
 *   zones-parse parse FILE SECONDS        parse FILE with proc_zoneinfo_parse() again and again for about
 *                                         SECONDS of CPU time; print "bytes rounds cpu_seconds MB/s"
 *
 * Linked with the program's own library, so it measures the parser the program runs. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proc.h"

static const char *const zone_names[] = { "DMA", "DMA32", "Normal", "Movable", "HighMem", "Device" };
static const char *const node_items[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file", "nr_unevictable",
	"nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon", "nr_isolated_file",
	"workingset_nodes", "workingset_refault_anon", "workingset_refault_file", "nr_anon_pages",
	"nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback", "nr_shmem", "nr_kernel_stack",
	"nr_page_table_pages",
};
static const char *const zone_items[] = {
	"nr_free_pages", "nr_free_pages_blocks", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending",
	"nr_mlock", "nr_zspages", "nr_free_cma", "numa_hit", "numa_miss", "numa_foreign", "numa_interleave",
	"numa_local", "numa_other",
};

static void gen(int nodes, int zones, int cpus)
{
	unsigned long seed = 12345;

	for (int n = 0; n < nodes; n++)
		for (int z = 0; z < zones; z++) {
			unsigned long managed = 262144ul * (unsigned long)(z + 1);

			printf("Node %d, zone %8s", n, zone_names[z % 6]);
			if (z == 0) {
				printf("\n  per-node stats");
				for (size_t i = 0; i < sizeof node_items / sizeof *node_items; i++)
					printf("\n      %-12s %lu", node_items[i], (seed = seed * 1103515245 + 12345) % 100000);
			}
			printf("\n  pages free     %lu\n        boost    0\n        min      %lu\n        low      %lu"
			       "\n        high     %lu\n        promo    %lu\n        spanned  %lu\n        present  %lu"
			       "\n        managed  %lu\n        cma      0\n        protection: (0, 3019, 4043, 4043, 4043)",
			       managed / 3, managed / 100, managed / 80, managed / 66, managed / 57, managed, managed,
			       managed);
			for (size_t i = 0; i < sizeof zone_items / sizeof *zone_items; i++)
				printf("\n      %-12s %lu", zone_items[i], (seed = seed * 1103515245 + 12345) % 1000000);
			printf("\n  pagesets");
			for (int c = 0; c < cpus; c++)
				printf("\n    cpu: %i\n              count:    %lu\n              high:     %i"
				       "\n              batch:    %i\n              high_min: %i\n              high_max: %i",
				       c, (seed = seed * 1103515245 + 12345) % 500, 1530, 63, 186, 1530);
			printf("\n  vm stats threshold: %d\n  node_unreclaimable:  0\n  start_pfn:           %lu\n",
			       125, 1048576ul * (unsigned long)(n * zones + z));
		}
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int parse(const char *file, double seconds)
{
	FILE *f = fopen(file, "rb");
	char *buf;
	long len;
	struct proc_zoneinfo zi;
	struct zs_err e;
	double t0, t;
	unsigned long rounds = 0;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		perror(file);
		return 1;
	}
	buf = malloc((size_t)len + 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		perror(file);
		return 1;
	}
	buf[len] = '\0';
	fclose(f);
	memset(&zi, 0, sizeof zi);
	t0 = cpu_now();
	do {
		if (proc_zoneinfo_parse(&zi, buf, (size_t)len, &e) != 0) {
			fprintf(stderr, "zones-parse: %s\n", e.msg);
			return 1;
		}
		/* a fresh struct each round, as the program's loop parses each sample into a fresh one */
		proc_zoneinfo_free(&zi);
		memset(&zi, 0, sizeof zi);
		rounds++;
		t = cpu_now() - t0;
	} while (t < seconds);
	printf("%ld %lu %.6f %.1f\n", len, rounds, t, (double)len * (double)rounds / t / 1e6);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0) {
		gen(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (argc == 4 && strcmp(argv[1], "parse") == 0)
		return parse(argv[2], atof(argv[3]));
	fprintf(stderr, "usage: zones-parse gen NODES ZONES CPUS | parse FILE SECONDS\n");
	return 2;
}
