/* analysis-notes.c — the events an analysis finds, kept as messages for the caller to print. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

void analysis_notes_init(struct analysis_notes *n)
{
	memset(n, 0, sizeof *n);
}

void analysis_notes_clear(struct analysis_notes *n)
{
	for (int i = 0; i < n->n; i++)
		free(n->msg[i]);
	n->n = 0;
}

void analysis_notes_free(struct analysis_notes *n)
{
	analysis_notes_clear(n);
	free(n->msg);
	memset(n, 0, sizeof *n);
}

void analysis_notes_add(struct analysis_notes *n, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	size_t cap;

	if (!n)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* A broken counter would otherwise repeat its note every sample of a long run: keep each once per
	 * analysis. */
	for (int i = 0; i < n->n; i++)
		if (strcmp(n->msg[i], buf) == 0)
			return;
	cap = (size_t)n->cap;
	xgrow((void **)&n->msg, &cap, (size_t)n->n + 1, sizeof *n->msg);
	n->cap = (int)cap;
	n->msg[n->n++] = xstrdup(buf);
}
