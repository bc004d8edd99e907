/* proc-pick.h — read a few named values out of a "name value" file (/proc/vmstat, /proc/meminfo)
 * without keeping the rest: what a view that shows six numbers every second needs, at the cost of
 * scanning the text once, and only up to the last name it wants. */
#ifndef ZS_PROC_PICK_H
#define ZS_PROC_PICK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct proc_pick {
	const char *name;        /* "pgpgin", "MemFree" */
	uint64_t value;          /* 0 when absent */
	bool found;
	size_t hint;             /* where the line was last time (kept between calls: files keep their
	                            layout, so the next search starts there); 0 at first */
};

/* sep: the character that ends a name (' ' for /proc/vmstat, ':' for /proc/meminfo).  Fills value and
 * found of each key (the first line with that name wins); returns how many were found.  Never fails:
 * text that does not look like the format simply yields nothing. */
size_t proc_pick(struct proc_pick *keys, size_t n, const char *text, size_t len, char sep);
/* Initialise keys from names (hints cleared). */
void proc_pick_init(struct proc_pick *keys, const char *const *names, size_t n);

#endif
