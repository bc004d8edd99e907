/* unit-run.h — the one runner of every Check suite: main() is `return unit_run(suite());`. */
#ifndef ZS_UNIT_RUN_H
#define ZS_UNIT_RUN_H

#include <check.h>

/* Run every test of S (and free it); the exit status for main(): 0 when none failed, else 1. */
int unit_run(Suite *s);

#endif
