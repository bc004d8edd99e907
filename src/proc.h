/* proc.h — the parsers, one per /proc (or /sys) file; each lives in proc-<file>.c.
 *
 * Every parser takes the file's text and its length (the text is NUL-terminated too; a NUL byte within it
 * ends the text, as no /proc file holds one), fills its struct by field name, ignores fields it does not
 * know, and returns 0, or -1 with e set to a message that names the file ("zoneinfo: line 12: …").  They
 * never print and never exit. */
#ifndef ZS_PROC_H
#define ZS_PROC_H

#include <stddef.h>

#include "kv.h"
#include "sample.h"
#include "util.h"

int proc_stat_parse(struct proc_stat *st, const char *text, size_t len, struct zs_err *e);
void proc_stat_free(struct proc_stat *st);

/* "Key:   value kB" lines; value as printed (kB for most keys). */
int proc_meminfo_parse(struct kvset *kv, const char *text, size_t len, struct zs_err *e);
/* "key value" lines. */
int proc_vmstat_parse(struct kvset *kv, const char *text, size_t len, struct zs_err *e);
int proc_uptime_parse(struct proc_uptime *u, const char *text, size_t len, struct zs_err *e);
int proc_loadavg_parse(double avg[3], const char *text, size_t len, struct zs_err *e);
/* "0-3,8,10-11" -> ascending ids, each once (a list the kernel did not write, "3,1-2,2", is sorted and
 * its repeats dropped), all below 65536; *cpus is replaced on success and left alone on failure. */
int proc_cpulist_parse(int **cpus, int *n, const char *text, size_t len, struct zs_err *e);

int proc_zoneinfo_parse(struct proc_zoneinfo *zi, const char *text, size_t len, struct zs_err *e);
void proc_zoneinfo_free(struct proc_zoneinfo *zi);
/* The zone NAME of node NODE, or NULL. */
const struct zone *proc_zoneinfo_find(const struct proc_zoneinfo *zi, int node, const char *name);
int proc_buddyinfo_parse(struct proc_buddyinfo *b, const char *text, size_t len, struct zs_err *e);
void proc_buddyinfo_free(struct proc_buddyinfo *b);
int proc_pagetypeinfo_parse(struct proc_pagetypeinfo *pt, const char *text, size_t len, struct zs_err *e);
void proc_pagetypeinfo_free(struct proc_pagetypeinfo *pt);
int proc_psi_parse(struct proc_psi *p, const char *text, size_t len, struct zs_err *e);
/* Reads every sysctl file the snapshot holds (absent ones stay -1). */
int proc_sysctl_parse(struct sysctls *sys, const struct snapshot *snap, struct zs_err *e);
/* Per-node sysfs extras ("nodeN/meminfo", "nodeN/vmstat", "nodeN/cpulist"). */
int proc_nodes_parse(struct node_sysfs **nodes, int *nnodes, const struct snapshot *snap,
		     struct zs_err *e);
void proc_nodes_free(struct node_sysfs *nodes, int nnodes);

#endif
