/* ui_main.c — ui_run(): the TUI's entry point. Grows into the full loop (loop.c). */
#include <stdio.h>

#include "ui/ui.h"

int ui_run(const struct ui_options *opt)
{
	(void)opt;
	fprintf(stderr, "ycfn: the terminal UI is not built yet\n");
	return 1;
}
