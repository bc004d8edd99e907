/* main.c — zonestat: parse the command line, run the view it asks for. */
#include "config.h"

#include <stdio.h>

#include "app.h"
#include "cli.h"

int main(int argc, char **argv)
{
	struct cli c;

	switch (cli_parse(&c, argc, argv)) {
	case CLI_EXIT_OK:
		return fflush(stdout) == 0 && !ferror(stdout) ? ZS_EXIT_OK : ZS_EXIT_FAIL;
	case CLI_EXIT_FAIL:
		return ZS_EXIT_FAIL;
	case CLI_FORKS:
		return vmstat_forks(&c);
	case CLI_RUN:
		break;
	}
	switch (c.view) {
	case CLI_VIEW_ZONES:
		return zones_main(&c);
	case CLI_VIEW_RECLAIM:
		return reclaim_main(&c);
	case CLI_VIEW_BUDDY:
		return buddy_main(&c);
	case CLI_VIEW_EXPLAIN:
		return explain_main(&c);
	case CLI_VIEW_TOP:
		return dashboard_main(&c);
	case CLI_VIEW_VMSTAT:
	default:
		return vmstat_main(&c);
	}
}
