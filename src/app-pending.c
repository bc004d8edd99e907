/* app-pending.c — entry points whose modules are not written yet.  Each module's author deletes its
 * function here when the real one lands; this file goes when it is empty. */
#include "config.h"

#include <stdio.h>

#include "app.h"

struct source *sim_source_open(const struct cli *c, struct zs_err *e)
{
	zs_err_set(e, 0, "%s: --sim is not available yet", c->prog);
	return NULL;
}
