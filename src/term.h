/* term.h — the terminal for the dashboard: curses set-up and the promise to give the terminal back.
 *
 * term_start() refuses terminals that cannot address the cursor (TERM unset or "dumb", stdin or stdout
 * not a terminal) with a message, before touching anything.  Once started, the terminal is restored by
 * term_stop() on every way out: a normal quit, SIGINT/SIGTERM/SIGHUP (caught, reported by term_poll, then
 * re-raised after restoring so the parent sees the signal), and exit() from anywhere (an atexit hook:
 * xmalloc's out-of-memory exit included).
 *
 * Keys come back as characters or TERM_KEY_* codes so nothing outside term.c and dashboard-draw.c needs
 * curses. */
#ifndef ZS_TERM_H
#define ZS_TERM_H

#include <stdbool.h>

#include "util.h"

enum {
	TERM_KEY_NONE = -1,      /* the timeout passed */
	TERM_KEY_RESIZE = 0x10000,
	TERM_KEY_SIGNAL,         /* SIGINT, SIGTERM or SIGHUP arrived: term_signal() says which */
	TERM_KEY_UP, TERM_KEY_DOWN, TERM_KEY_LEFT, TERM_KEY_RIGHT, TERM_KEY_PGUP, TERM_KEY_PGDN,
	TERM_KEY_HOME, TERM_KEY_END, TERM_KEY_F1, TERM_KEY_F10,
	TERM_KEY_OTHER,          /* a function key we do not use */
};

struct term_info {
	bool colour;             /* colours in use (a colour terminal, NO_COLOR unset) */
	bool unicode;            /* the locale's character set is UTF-8 */
};

/* Start curses on stdin/stdout.  -1 with e set when this is no place for a full-screen program. */
int term_start(struct term_info *ti, struct zs_err *e);
/* Give the terminal back (idempotent; safe when never started). */
void term_stop(void);
/* Wait up to timeout_ms (< 0: forever) for a key, a resize or a signal. */
int term_poll(int timeout_ms);
/* The signal that made term_poll return TERM_KEY_SIGNAL (0: none). */
int term_signal(void);
/* Current size. */
void term_size(int *rows, int *cols);

#endif
