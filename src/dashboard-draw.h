/* dashboard-draw.h — the screen grid onto the terminal (curses stays inside dashboard-draw.c). */
#ifndef ZS_DASHBOARD_DRAW_H
#define ZS_DASHBOARD_DRAW_H

#include <stdbool.h>

#include "dashboard.h"

/* Set up the attributes once term_start() has run (colour: the terminal's colours are in use). */
void dash_draw_init(bool colour);
/* Draw the grid; full: repaint every cell (after a resize or ^L). */
void dash_draw(const struct dash_screen *s, bool full);

#endif
