/* term.c — curses set-up and restore, signals, keys and resize for the dashboard.
 *
 * Signals: SIGINT, SIGTERM and SIGHUP only write their number to a pipe (the one async-signal-safe
 * thing worth doing); term_poll() watches that pipe next to stdin, so a signal wakes the loop at once and
 * the terminal is restored in ordinary code, never inside a handler.  SIGWINCH is left to curses, which
 * then hands us KEY_RESIZE (poll() returns EINTR for it: poll is never restarted after a handler). */
#include "config.h"

#include <curses.h>
#include <ncursesw/term.h> /* terminfo: setupterm, del_curterm (<term.h> is our own term module) */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "term.h"

static bool started;
static bool atexit_done;
static SCREEN *screen;
static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t last_signal;
static struct sigaction old_act[3];
static const int caught[3] = { SIGINT, SIGTERM, SIGHUP };

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;

	last_signal = sig;
	if (sig_pipe[1] >= 0 && write(sig_pipe[1], &b, 1) < 0) {
		/* the pipe is full: a wake-up is already pending */
	}
	errno = saved;
}

static void atexit_restore(void)
{
	term_stop();
}

/* Can this terminal run a full-screen program?  NULL if so, else why not. */
static const char *unusable(void)
{
	const char *t = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return "--top needs a terminal on standard input and output";
	if (!t || !*t)
		return "--top needs a terminal: TERM is not set";
	if (strcmp(t, "dumb") == 0)
		return "--top needs a terminal that can move the cursor; TERM=dumb cannot "
		       "(use -z, -r or -b for line output)";
	return NULL;
}

static bool no_color_env(void)
{
	const char *v = getenv("NO_COLOR");

	/* no-color.org: present and not empty */
	return v && *v;
}

int term_start(struct term_info *ti, struct zs_err *e)
{
	const char *why = unusable();
	struct sigaction sa;
	int tinfo_err = 0;

	memset(ti, 0, sizeof *ti);
	if (why) {
		zs_err_set(e, 0, "%s", why);
		return -1;
	}
	/* only the character set: numbers stay locale-neutral everywhere */
	setlocale(LC_CTYPE, "");
	ti->unicode = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

	if (pipe(sig_pipe) != 0) {
		zs_err_set(e, errno, "--top: pipe: %s", strerror(errno));
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	/* Ask terminfo first: newterm() on a terminal it does not know loses the screen it had begun to
	 * build (ncurses' pre-screen), where setupterm() fails cleanly and del_curterm() frees its success. */
	if (setupterm(NULL, fileno(stdout), &tinfo_err) != OK) {
		if (tinfo_err == -1)
			zs_err_set(e, 0, "--top: no terminfo database found (TERM '%s')", getenv("TERM"));
		else
			zs_err_set(e, 0, "--top: terminal type '%s' is unknown to curses", getenv("TERM"));
		goto fail;
	}
	del_curterm(cur_term);
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		zs_err_set(e, 0, "--top: terminal type '%s' is unknown to curses", getenv("TERM"));
		goto fail;
	}
	set_term(screen);
	started = true;
	if (!atexit_done) {
		atexit(atexit_restore);
		atexit_done = true;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(caught[i], &sa, &old_act[i]);

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (has_colors() && !no_color_env()) {
		start_color();
		use_default_colors();
		ti->colour = true;
	}
	return 0;

fail:
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
	return -1;
}

void term_stop(void)
{
	if (!started)
		return;
	started = false;
	curs_set(1);
	endwin();
	fflush(stdout);
	delscreen(screen);
	screen = NULL;
	for (int i = 0; i < 3; i++)
		sigaction(caught[i], &old_act[i], NULL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
}

int term_signal(void)
{
	return last_signal;
}

static int map_key(int k)
{
	switch (k) {
	case KEY_RESIZE:
		return TERM_KEY_RESIZE;
	case KEY_UP:
		return TERM_KEY_UP;
	case KEY_DOWN:
		return TERM_KEY_DOWN;
	case KEY_LEFT:
		return TERM_KEY_LEFT;
	case KEY_RIGHT:
		return TERM_KEY_RIGHT;
	case KEY_PPAGE:
		return TERM_KEY_PGUP;
	case KEY_NPAGE:
		return TERM_KEY_PGDN;
	case KEY_HOME:
		return TERM_KEY_HOME;
	case KEY_END:
		return TERM_KEY_END;
	case KEY_F(1):
		return TERM_KEY_F1;
	case KEY_F(10):
		return TERM_KEY_F10;
	}
	return k >= 0 && k < 256 ? k : TERM_KEY_OTHER;
}

int term_poll(int timeout_ms)
{
	struct pollfd pfd[2];
	int k;

	if (!started)
		return TERM_KEY_NONE;
	if (last_signal)
		return TERM_KEY_SIGNAL;
	/* keys curses has already read (the rest of an escape sequence, a paste) */
	if ((k = getch()) != ERR)
		return map_key(k);
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sig_pipe[0];
	pfd[1].events = POLLIN;
	if (poll(pfd, 2, timeout_ms) < 0) {
		/* EINTR: a resize (curses queued KEY_RESIZE) or one of our signals */
		if (last_signal)
			return TERM_KEY_SIGNAL;
		k = getch();
		return k == ERR ? TERM_KEY_NONE : map_key(k);
	}
	if (pfd[1].revents & POLLIN)
		return TERM_KEY_SIGNAL;
	if (pfd[0].revents & (POLLHUP | POLLERR)) {
		/* the terminal went away: behave as on SIGHUP */
		last_signal = SIGHUP;
		return TERM_KEY_SIGNAL;
	}
	if (pfd[0].revents & POLLIN) {
		k = getch();
		return k == ERR ? TERM_KEY_NONE : map_key(k);
	}
	return TERM_KEY_NONE;
}

void term_size(int *rows, int *cols)
{
	*rows = started ? LINES : 24;
	*cols = started ? COLS : 80;
}
