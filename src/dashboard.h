/* dashboard.h — the dashboard (-T) without the terminal: its state, the screen as plain data, the keys.
 *
 * The dashboard is built in two steps so that Check can test everything but the drawing:
 *   1. dash_layout() turns the state (samples, analyses, processes, histories) into a struct dash_screen:
 *      rows × cols cells, each a character and an attribute (DA_*), with no curses anywhere;
 *   2. dashboard-draw.c copies that grid to the terminal (term.c sets the terminal up).
 * Keys arrive as TERM_KEY_* codes (term.h), so dash_key() is a pure function of the state too.
 *
 * Files: dashboard.c (main loop, sampling), dashboard-state.c (samples → analyses and histories),
 * dashboard-screen.c (the cell grid, bars, sparklines), dashboard-layout.c (header, pane order, help, key
 * bar), dashboard-panes.c (zones, reclaim, processes), dashboard-more.c (buddy, vmstat, explain),
 * dashboard-keys.c (keys), dashboard-draw.c (curses). */
#ifndef ZS_DASHBOARD_H
#define ZS_DASHBOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis.h"
#include "cli.h"
#include "procs.h"
#include "sample.h"

/* ---- the screen as data ---- */

/* What a cell means; the drawing maps each to a colour pair or, without colours, to bold/underline/
 * reverse.  The words on the screen carry the meaning too ("ok", "<low"), so monochrome loses nothing. */
enum dash_attr {
	DA_NORMAL,
	DA_TITLE,      /* pane titles, program line */
	DA_HEAD,       /* column headings, key bar (reverse) */
	DA_DIM,        /* labels, units, n/a */
	DA_OK,         /* zone status ok, gauge fill when ok */
	DA_HIGH,       /* below high */
	DA_LOW,        /* below low */
	DA_MIN,        /* below min */
	DA_USED,       /* memory bar: used */
	DA_CACHE,      /* memory bar: page cache */
	DA_MARK,       /* watermark marks in bars and gauges */
	DA_SPARK,      /* sparklines */
	DA_NATTR
};

struct dash_cell {
	uint32_t ch;   /* a Unicode code point (ASCII only unless the screen is unicode) */
	uint8_t attr;  /* enum dash_attr */
};

struct dash_screen {
	int rows, cols;
	bool unicode;               /* the terminal takes UTF-8: block characters for bars and sparklines */
	struct dash_cell *cell;     /* rows × cols, row-major */
};

void dash_screen_init(struct dash_screen *s, int rows, int cols, bool unicode);
void dash_screen_free(struct dash_screen *s);
/* Blank every cell. */
void dash_screen_clear(struct dash_screen *s);
/* Write text (UTF-8) at row, col, clipped to the screen; returns the column after it. */
int dash_put(struct dash_screen *s, int row, int col, int attr, const char *text);
int dash_printf(struct dash_screen *s, int row, int col, int attr, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* n cells of ch from col. */
void dash_fill(struct dash_screen *s, int row, int col, int n, uint32_t ch, int attr);
/* Change the attribute of n cells. */
void dash_set_attr(struct dash_screen *s, int row, int col, int n, int attr);
struct dash_cell *dash_at(struct dash_screen *s, int row, int col);
/* A row as UTF-8 text, trailing blanks removed (tests, README captures). */
const char *dash_row_text(const struct dash_screen *s, int row, char *buf, size_t size);

/* ---- numbers as short text ---- */

/* 1536 KiB -> "1.5G"-style: value in KiB, 4 or 5 characters. */
const char *dash_kib(uint64_t kib, char *buf, size_t size);
/* A rate per second: "0", "12.3", "4.5k", "1.2M". */
const char *dash_rate(double v, char *buf, size_t size);

/* ---- history for sparklines ---- */

#define DASH_HIST 300   /* samples kept: five minutes at 1 s */

struct dash_hist {
	double v[DASH_HIST];
	int n, head;    /* head: the next slot to write */
};

void dash_hist_push(struct dash_hist *h, double v);
/* The i-th newest value (0 = newest); requires i < n. */
double dash_hist_get(const struct dash_hist *h, int i);
/* Draw the last width values at row, col: one cell each, scaled to the largest shown (blank when all
 * are zero).  Returns that largest value. */
double dash_spark(struct dash_screen *s, int row, int col, int width, const struct dash_hist *h);

enum dash_series {
	DH_SCAN_KSWAPD, DH_SCAN_DIRECT, DH_STEAL_KSWAPD, DH_STEAL_DIRECT, DH_ALLOCSTALL, DH_COMPACT_STALL,
	DH_REFAULT, DH_SWAP_IN, DH_SWAP_OUT, DH_PSI_SOME, DH_PSI_FULL, DH_FREE_KIB,
	DH_N
};

/* ---- panes and keys ---- */

enum dash_pane { DP_ZONES, DP_RECLAIM, DP_PROCS, DP_BUDDY, DP_VMSTAT, DP_EXPLAIN, DP_N };
/* "zones" … "explain" */
extern const char *const dash_pane_name[DP_N];
/* The pane called name, or -1. */
int dash_pane_of(const char *name);

/* ---- the state ---- */

#define DASH_VMLINES 64   /* vmstat lines kept for the vmstat pane */

struct dash {
	/* what the command line and the source say */
	const char *prog;
	const char *origin;          /* "live", "--root DIR", "--sim NAME" */
	bool sim;                    /* time is simulated: waiting advances it, keys step it */
	bool has_procs;              /* the process pane exists (live /proc only) */
	bool unicode, colour;

	/* view settings the keys change */
	enum dash_pane pane;         /* shown first; zones, reclaim and procs follow when there is room */
	bool help, paused, quit;
	unsigned interval;           /* seconds (simulated seconds with --sim) */
	enum procs_sort sort;
	bool sort_reverse;
	bool step;                   /* --sim, paused: advance one interval now */
	char msg[96];                /* a short message for the key bar ("interval 2 s") */

	/* data */
	struct sample s[2];
	int cur;                     /* s[cur] is the newest */
	bool have_prev;
	uint64_t nsamples;
	double elapsed_s;            /* since the first sample (simulated time with --sim) */
	char kernel_release[64];     /* read with the first sample */
	unsigned asked;              /* dash_parts() when s[cur] was taken (and filled) */
	bool seen[RC_N];             /* the counter has moved since start (khugepaged, proactive rows) */
	unsigned page_kib;           /* KiB per page (4 on most machines): this machine's when live, else
				      * derived from meminfo/zoneinfo */
	bool page_known;             /* page_kib is the running system's: no guessing */
	struct zones_analysis za;
	bool have_za;
	struct reclaim_analysis ra;
	bool have_ra;
	struct vmp_window win;
	struct buddy_analysis ba;
	bool have_ba;
	struct analysis_notes notes;
	char note[160];              /* the latest note, shown until replaced */
	uint64_t oom_start;          /* oom_kill at the first sample */
	bool have_oom;
	struct dash_hist hist[DH_N];
	struct proc_list procs;
	bool have_procs_data;
	char procs_err[128];
	/* the vmstat pane: lines of vmstat's own format */
	char vmline[DASH_VMLINES][160];
	int nvmlines;
	/* explain: watermarks derived from the kernel formulas, per zone of s[cur] (NULL: not computed) */
	struct dash_explain *explain;
};

void dash_init(struct dash *d);
void dash_free(struct dash *d);
/* The sample parts the dashboard reads: what the panes on the screen show. */
unsigned dash_parts(const struct dash *d);
/* Whether pane p is on the screen (given room): the chosen one and those dash_layout() puts after it. */
bool dash_pane_shown(const struct dash *d, enum dash_pane p);
/* The newest sample lacks a part the screen now shows (a pane was switched to): sample again. */
bool dash_parts_missing(const struct dash *d);
/* s[cur] was just parsed: run the analyses, update histories, the vmstat line, and the counters since
 * start.  Returns 0, or -1 when the sample lacks what the dashboard cannot do without (meminfo). */
int dash_update(struct dash *d, struct zs_err *e);
/* The parts dash_parts_missing() found were parsed into the newest sample: analyse them. */
void dash_filled(struct dash *d);
/* Make room for the next sample: the newest becomes the previous one. */
void dash_rotate(struct dash *d);

/* Lay the whole screen out.  Too small a screen gets a message saying the size needed. */
void dash_layout(const struct dash *d, struct dash_screen *scr);
#define DASH_MIN_COLS 64
#define DASH_MIN_ROWS 16

/* Pieces of the layout (each draws from row, within rows; returns the rows used). */
int dash_layout_header(const struct dash *d, struct dash_screen *scr, int row);
int dash_pane_zones(const struct dash *d, struct dash_screen *scr, int row, int rows);
int dash_pane_reclaim(const struct dash *d, struct dash_screen *scr, int row, int rows);
int dash_pane_procs(const struct dash *d, struct dash_screen *scr, int row, int rows);
int dash_pane_buddy(const struct dash *d, struct dash_screen *scr, int row, int rows);
int dash_pane_vmstat(const struct dash *d, struct dash_screen *scr, int row, int rows);
int dash_pane_explain(const struct dash *d, struct dash_screen *scr, int row, int rows);
/* The line saying why a pane has nothing: the parser's message for part, else what; returns 1. */
int dash_missing(const struct dash *d, struct dash_screen *scr, int row, int part, const char *what);
/* A pane's title line ("─ Zones ─── extra"); returns 1. */
int dash_title(struct dash_screen *scr, int row, const char *title, const char *extra);
/* A horizontal bar of width cells: segments of values (scaled to total) in their attributes. */
void dash_bar(struct dash_screen *scr, int row, int col, int width, const uint64_t *v, const int *attr,
	      int nseg, uint64_t total);

/* Explain pane data (dashboard-more.c). */
void dash_explain_update(struct dash *d);
void dash_explain_free(struct dash *d);

/* What a key did. */
enum dash_action {
	DACT_NONE,      /* nothing (unknown key) */
	DACT_REDRAW,    /* the view changed: lay out again */
	DACT_RESAMPLE,  /* take a fresh sample now (a live source resumed) */
	DACT_FILL,      /* a pane switched to shows parts the newest sample lacks: read just those */
	DACT_STEP,      /* --sim: advance one interval now */
	DACT_QUIT,
};
/* Apply a key (TERM_KEY_* or a character) to the state. */
enum dash_action dash_key(struct dash *d, int key);

#endif
