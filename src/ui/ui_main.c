/* ui_main.c — ui_run(): set up the API and the terminal, run the loop, put everything back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "ui/ui_int.h"

void loop_run(struct app *a);

int ui_run(const struct ui_options *opt)
{
	struct yc_error err;
	yc_error_clear(&err);
	struct app *a = calloc(1, sizeof *a);
	if (!a)
		return 70;
	a->opt = opt;
	a->lang = opt->lang;
	a->base = -1;
	a->shown_version = -1;
	a->api = api_new(opt->cfg, &err);
	if (!a->api) {
		char m[1200];
		yc_error_format(&err, opt->lang, m, sizeof m);
		fprintf(stderr, "ycfn: %s\n", m);
		free(a);
		return 3;
	}
	if (term_init() != 0) {
		api_free(a->api);
		free(a);
		return 1;
	}
	a->view = &ui_view_functions;
	a->need_draw = true;
	data_load_start(a);
	loop_run(a);
	draft_glue_flush(a);
	int code = a->exit_code;
	term_end();
	api_free(a->api);
	data_free(a);
	deploy_free();
	free(a);
	return code;
}
