/* source.c — the calls every source answers. */
#include "config.h"

#include <stdlib.h>

#include "source.h"

int source_take(struct source *src, snap_mask want, struct snapshot *out, struct zs_err *e)
{
	int rc = src->ops->take(src, want, out, e);

	if (rc == 0)
		out->seq = src->seq++;
	return rc;
}

int source_wait(struct source *src, double seconds)
{
	return src->ops->wait(src, seconds);
}

void source_close(struct source *src)
{
	if (src)
		src->ops->close(src);
}
