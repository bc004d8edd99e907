/* fuzz-nodes.c — proc_nodes_parse() over per-node sysfs files (input: "== nodeN/meminfo",
 * "== nodeN/vmstat", "== nodeN/cpulist" sections, fuzz.h): nodes unique in ascending order, CPU lists
 * sorted, counters named from the text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "nodes";

static void check_kv(const struct kvset *kv, const char *text, size_t len, const char *what)
{
	for (size_t i = 0; i < kv_count(kv); i++) {
		const char *n = kv_name(kv, i);
		int64_t v;

		FZ_CHECK(*n && !strchr(n, '\n') && memmem(text, len, n, strlen(n)), "%s name '%s'", what, n);
		FZ_CHECK(kv_get(kv, n, &v) && v == kv_value(kv, i), "%s: %s looked up differs", what, n);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot snap;
	struct node_sysfs *nodes = NULL;
	int nn = 0, rc, rc2;
	struct zs_err e = { 0 };

	snapshot_init(&snap);
	fz_snapshot(&snap, (const char *)data, size, NULL);
	fz_quiet_begin();
	rc = proc_nodes_parse(&nodes, &nn, &snap, &e);
	/* again over the first result: it is freed and rebuilt */
	rc2 = proc_nodes_parse(&nodes, &nn, &snap, &e);
	fz_quiet_end("proc_nodes_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d/%d", rc, rc2);
	FZ_CHECK(rc == 0 ? nn >= 1 : nn == 0, "rc %d with %d nodes", rc, nn);
	for (int i = 0; i < nn; i++) {
		const struct node_sysfs *n = &nodes[i];

		FZ_CHECK(n->id >= 0 && (i == 0 || n->id > nodes[i - 1].id), "node %d id %d not ascending", i,
			 n->id);
		FZ_CHECK(n->ncpus >= 0 && n->ncpus <= 65536, "node %d: %d cpus", n->id, n->ncpus);
		for (int c = 0; c < n->ncpus; c++)
			FZ_CHECK(n->cpus[c] >= 0 && (c == 0 || n->cpus[c] > n->cpus[c - 1]),
				 "node %d: cpu list not sorted at %d", n->id, c);
		check_kv(&n->meminfo, (const char *)data, size, "meminfo");
		check_kv(&n->vmstat, (const char *)data, size, "vmstat");
	}
	proc_nodes_free(nodes, nn);
	snapshot_free(&snap);
	return 0;
}
