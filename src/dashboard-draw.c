/* dashboard-draw.c — copy a laid-out struct dash_screen to the terminal.  The only dashboard file that
 * knows curses: attributes become colour pairs, or bold/underline/reverse without colours. */
#include "config.h"

#include <curses.h>
#include <wchar.h>

#include "dashboard-draw.h"

/* foreground per attribute (-1: the terminal's default) */
static const short fg[DA_NATTR] = {
	[DA_NORMAL] = -1, [DA_TITLE] = COLOR_CYAN, [DA_HEAD] = COLOR_BLACK, [DA_DIM] = -1,
	[DA_OK] = COLOR_GREEN, [DA_HIGH] = COLOR_YELLOW, [DA_LOW] = COLOR_MAGENTA, [DA_MIN] = COLOR_RED,
	[DA_USED] = COLOR_GREEN, [DA_CACHE] = COLOR_BLUE, [DA_MARK] = COLOR_RED, [DA_SPARK] = COLOR_CYAN,
};

static bool colour;
static attr_t attr_of[DA_NATTR];

void dash_draw_init(bool use_colour)
{
	colour = use_colour;
	for (int a = 0; a < DA_NATTR; a++) {
		attr_t at = A_NORMAL;

		if (colour && a != DA_NORMAL) {
			init_pair((short)a, fg[a], a == DA_HEAD ? COLOR_CYAN : -1);
			at = COLOR_PAIR(a);
		}
		switch (a) {
		case DA_TITLE:
		case DA_MARK:
		case DA_MIN:
			at |= A_BOLD;
			break;
		case DA_HEAD:
			at |= colour ? A_NORMAL : A_REVERSE;
			break;
		case DA_DIM:
			at |= colour ? A_DIM : A_NORMAL;
			break;
		case DA_LOW:
			at |= colour ? A_NORMAL : A_BOLD | A_UNDERLINE;
			break;
		case DA_HIGH:
			at |= colour ? A_NORMAL : A_UNDERLINE;
			break;
		default:
			break;
		}
		/* without colours, "below min" must still stand out on a monochrome screen */
		if (!colour && a == DA_MIN)
			at |= A_REVERSE;
		attr_of[a] = at;
	}
}

void dash_draw(const struct dash_screen *s, bool full)
{
	wchar_t run[512];

	if (full)
		clearok(curscr, TRUE);
	erase();
	for (int r = 0; r < s->rows && r < LINES; r++) {
		int c = 0;

		while (c < s->cols && c < COLS) {
			int a = s->cell[r * s->cols + c].attr;
			int n = 0, start = c;

			/* a run of one attribute goes out in one call */
			while (c < s->cols && c < COLS && s->cell[r * s->cols + c].attr == a && n < 511) {
				run[n++] = (wchar_t)s->cell[r * s->cols + c].ch;
				c++;
			}
			run[n] = L'\0';
			attrset(a < DA_NATTR ? attr_of[a] : A_NORMAL);
			/* the bottom-right cell would scroll some terminals: leave it out */
			if (r == LINES - 1 && start + n >= COLS)
				n = COLS - 1 - start;
			if (n > 0)
				mvaddnwstr(r, start, run, n);
		}
	}
	attrset(A_NORMAL);
	refresh();
}
