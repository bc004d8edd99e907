/* proc-nodes.c — per-node sysfs files: nodeN/meminfo ("Node 0 MemFree:  123 kB"), nodeN/vmstat and
 * nodeN/cpulist, kept by node number in ascending order. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"

/* "Node 0 MemTotal:       24684092 kB": the "Node N " prefix is dropped, the key ends at the colon. */
static int node_meminfo(struct kvset *kv, const char *text, size_t len)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	int n = 0;

	kv_clear(kv);
	while (p < end) {
		const char *eol = zs_line_end(p, end), *k = p, *c;
		int64_t v;

		if (eol - k > 5 && memcmp(k, "Node ", 5) == 0) {
			k += 5;
			while (k < eol && *k >= '0' && *k <= '9')
				k++;
			k = zs_skip_blanks(k);
		}
		c = memchr(k, ':', (size_t)(eol - k));
		if (c && c > k) {
			const char *s = c + 1;

			if (zs_parse_i64(&s, &v) && s <= eol) {
				kv_put(kv, k, (size_t)(c - k), v);
				n++;
			}
		}
		p = eol + 1;
	}
	return n;
}

static struct node_sysfs *node_of(struct node_sysfs **nodes, int *nnodes, int id)
{
	struct node_sysfs *n;
	int i;

	for (i = 0; i < *nnodes; i++)
		if ((*nodes)[i].id == id)
			return &(*nodes)[i];
	*nodes = xrealloc(*nodes, (size_t)(*nnodes + 1) * sizeof **nodes);
	/* keep ascending ids: insert before the first larger one */
	for (i = *nnodes; i > 0 && (*nodes)[i - 1].id > id; i--)
		(*nodes)[i] = (*nodes)[i - 1];
	n = &(*nodes)[i];
	memset(n, 0, sizeof *n);
	n->id = id;
	kv_init(&n->meminfo);
	kv_init(&n->vmstat);
	(*nnodes)++;
	return n;
}

int proc_nodes_parse(struct node_sysfs **nodes, int *nnodes, const struct snapshot *snap, struct zs_err *e)
{
	int found = 0;

	proc_nodes_free(*nodes, *nnodes);
	*nodes = NULL;
	*nnodes = 0;
	for (size_t i = 0; i < snap->nextra; i++) {
		const struct snap_extra *x = &snap->extra[i];
		const char *s = x->name, *slash;
		uint64_t id;
		struct node_sysfs *n;
		struct zs_err ignored;

		if (!x->t.read || x->t.err || strncmp(s, "node", 4) != 0)
			continue;
		s += 4;
		if (!zs_parse_u64(&s, &id) || *s != '/' || id > INT_MAX)
			continue;
		slash = s + 1;
		n = node_of(nodes, nnodes, (int)id);
		found++;
		if (strcmp(slash, "meminfo") == 0)
			node_meminfo(&n->meminfo, x->t.buf, x->t.len);
		else if (strcmp(slash, "vmstat") == 0)
			proc_vmstat_parse(&n->vmstat, x->t.buf, x->t.len, &ignored);
		else if (strcmp(slash, "cpulist") == 0 &&
			 proc_cpulist_parse(&n->cpus, &n->ncpus, x->t.buf, x->t.len, &ignored) < 0)
			n->ncpus = 0;
	}
	if (found == 0) {
		zs_err_set(e, 0, "devices/system/node: no nodeN files");
		return -1;
	}
	return 0;
}

void proc_nodes_free(struct node_sysfs *nodes, int nnodes)
{
	for (int i = 0; i < nnodes; i++) {
		kv_free(&nodes[i].meminfo);
		kv_free(&nodes[i].vmstat);
		free(nodes[i].cpus);
	}
	free(nodes);
}
