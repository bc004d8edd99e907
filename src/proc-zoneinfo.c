/* proc-zoneinfo.c — /proc/zoneinfo.  PLACEHOLDER: the parser is being written (zones work). */
#include "config.h"

#include <stdlib.h>

#include "proc.h"

int proc_zoneinfo_parse(struct proc_zoneinfo *zi, const char *text, size_t len, struct zs_err *e)
{
	(void)zi; (void)text; (void)len;
	zs_err_set(e, 0, "zoneinfo: parser not written yet");
	return -1;
}

void proc_zoneinfo_free(struct proc_zoneinfo *zi)
{
	(void)zi;
}

int proc_buddyinfo_parse(struct proc_buddyinfo *b, const char *text, size_t len, struct zs_err *e)
{
	(void)b; (void)text; (void)len;
	zs_err_set(e, 0, "buddyinfo: parser not written yet");
	return -1;
}

void proc_buddyinfo_free(struct proc_buddyinfo *b)
{
	(void)b;
}

int proc_psi_parse(struct proc_psi *p, const char *text, size_t len, struct zs_err *e)
{
	(void)p; (void)text; (void)len;
	zs_err_set(e, 0, "pressure/memory: parser not written yet");
	return -1;
}

int proc_sysctl_parse(struct sysctls *sys, const struct snapshot *snap, struct zs_err *e)
{
	(void)sys; (void)snap;
	zs_err_set(e, 0, "sysctl: parser not written yet");
	return -1;
}

int proc_nodes_parse(struct node_sysfs **nodes, int *nnodes, const struct snapshot *snap, struct zs_err *e)
{
	(void)nodes; (void)nnodes; (void)snap;
	zs_err_set(e, 0, "node sysfs: parser not written yet");
	return -1;
}

void proc_nodes_free(struct node_sysfs *nodes, int nnodes)
{
	(void)nodes; (void)nnodes;
}
