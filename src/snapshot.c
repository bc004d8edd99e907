/* snapshot.c — storage for the raw texts of one instant. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

#define SNAP_PATH(id, base, path) path,
const char *const snap_file_path[SNAP_NFILES] = { SNAP_FILES(SNAP_PATH) };
#undef SNAP_PATH
#define SNAP_BASEV(id, base, path) base,
const enum snap_base snap_file_base[SNAP_NFILES] = { SNAP_FILES(SNAP_BASEV) };
#undef SNAP_BASEV
#define SNAP_NAME(id, base, path) #id,
const char *const snap_file_id_name[SNAP_NFILES] = { SNAP_FILES(SNAP_NAME) };
#undef SNAP_NAME

void snapshot_init(struct snapshot *s)
{
	memset(s, 0, sizeof *s);
}

void snapshot_free(struct snapshot *s)
{
	for (int i = 0; i < SNAP_NFILES; i++)
		free(s->f[i].buf);
	for (size_t i = 0; i < s->nextra; i++) {
		free(s->extra[i].name);
		free(s->extra[i].t.buf);
	}
	free(s->extra);
	snapshot_init(s);
}

void snapshot_reset(struct snapshot *s)
{
	for (int i = 0; i < SNAP_NFILES; i++) {
		s->f[i].read = false;
		s->f[i].len = 0;
		s->f[i].err = ENOENT;
	}
	for (size_t i = 0; i < s->nextra; i++) {
		s->extra[i].t.read = false;
		s->extra[i].t.len = 0;
		s->extra[i].t.err = ENOENT;
	}
}

void snap_text_reserve(struct snap_text *t, size_t n)
{
	if (n + 1 > t->cap) {
		size_t c = t->cap ? t->cap : 4096;

		while (c < n + 1)
			c *= 2;
		t->buf = xrealloc(t->buf, c);
		t->cap = c;
	}
}

static void text_set(struct snap_text *t, const char *text, size_t len)
{
	snap_text_reserve(t, len);
	memcpy(t->buf, text, len);
	t->buf[len] = '\0';
	t->len = len;
	t->err = 0;
	t->read = true;
}

const char *snapshot_text(const struct snapshot *s, enum snap_file id, size_t *len)
{
	const struct snap_text *t = &s->f[id];

	if (!t->read || t->err || !t->buf) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = t->len;
	return t->buf;
}

void snapshot_set(struct snapshot *s, enum snap_file id, const char *text, size_t len)
{
	text_set(&s->f[id], text, len);
}

void snapshot_set_error(struct snapshot *s, enum snap_file id, int err)
{
	s->f[id].read = true;
	s->f[id].err = err ? err : EIO;
	s->f[id].len = 0;
}

const struct snap_text *snapshot_extra(const struct snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->nextra; i++)
		if (strcmp(s->extra[i].name, name) == 0)
			return s->extra[i].t.read && !s->extra[i].t.err ? &s->extra[i].t : NULL;
	return NULL;
}

struct snap_text *snapshot_extra_slot(struct snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->nextra; i++)
		if (strcmp(s->extra[i].name, name) == 0)
			return &s->extra[i].t;
	xgrow((void **)&s->extra, &s->extra_cap, s->nextra + 1, sizeof *s->extra);
	memset(&s->extra[s->nextra], 0, sizeof s->extra[s->nextra]);
	s->extra[s->nextra].name = xstrdup(name);
	s->extra[s->nextra].t.err = ENOENT;
	return &s->extra[s->nextra++].t;
}

void snapshot_set_extra(struct snapshot *s, const char *name, const char *text, size_t len)
{
	text_set(snapshot_extra_slot(s, name), text, len);
}
