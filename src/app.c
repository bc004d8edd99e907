/* app.c — pick the source and the view the command line asks for. */
#include "config.h"

#include "app.h"

struct source *app_open_source(const struct cli *c, struct zs_err *e)
{
	if (c->sim)
		return sim_source_open(c, e);
	return source_procfs_open(c->root, e);
}
