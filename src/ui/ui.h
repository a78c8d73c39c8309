/* ui.h — the terminal UI's one entry point. Everything else in src/ui/ is private to it. */
#ifndef YCFN_UI_H
#define YCFN_UI_H

#include <stdbool.h>

#include "api/api.h"

struct ui_options {
	const struct api_config *cfg; /* effective config (endpoint, credentials, folder) */
	const char *folder_id;        /* NULL: ask (clouds -> folders) unless cfg->folder_id */
	const char *function_id;      /* jump straight to this function */
	const char *function_name;    /* or find it by name in the folder */
	enum yc_lang lang;
	bool demo;                    /* talking to the embedded emulator: say so in the status line */
	const char *draft_dir;        /* NULL = model_draft_path()'s default */
};

/* Runs the TUI until the user quits. Returns the process exit code. Restores the terminal on
 * every path, signals included. */
int ui_run(const struct ui_options *opt);

#endif
