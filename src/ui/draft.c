/* draft.c — the form's draft on disk, so that nothing typed is lost to a crash, kill -9 or a
 * dropped SSH session: saved after a short idle (debounced) and before any risky step, offered
 * back at the next start, removed after a successful deploy or a deliberate discard. The file
 * format and the atomic write are the model's (model_draft_save/load). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui_int.h"

void draft_glue_path(struct app *a)
{
	free(a->draft_path);
	a->draft_path = NULL;
	const char *fid = a->draft.function_id ? a->draft.function_id : a->fn.id;
	if (!fid)
		return;
	if (a->opt->draft_dir) {
		size_t n = strlen(a->opt->draft_dir) + strlen(fid) + 8;
		a->draft_path = malloc(n);
		if (a->draft_path)
			snprintf(a->draft_path, n, "%s/%s.json", a->opt->draft_dir, fid);
	} else {
		a->draft_path = model_draft_path(fid);
	}
}

void draft_glue_schedule(struct app *a)
{
	a->draft_due_ms = ui_now_ms() + UI_DRAFT_IDLE_MS;
}

void draft_glue_flush(struct app *a)
{
	if (!a->draft_due_ms)
		return;
	a->draft_due_ms = 0;
	if (!a->have_draft || !a->draft_path)
		return;
	if (!model_draft_dirty(&a->draft)) {
		unlink(a->draft_path);
		return;
	}
	struct yc_error err;
	if (model_draft_save(&a->draft, a->draft_path, &err) != 0)
		app_error(a, &err);
}

void draft_glue_remove(struct app *a)
{
	a->draft_due_ms = 0;
	if (a->draft_path)
		unlink(a->draft_path);
}

bool draft_glue_load(struct app *a, struct yc_draft *out)
{
	memset(out, 0, sizeof *out);
	if (!a->draft_path || access(a->draft_path, R_OK) != 0)
		return false;
	struct yc_error err;
	if (model_draft_load(out, a->draft_path, &err) != 0) {
		model_draft_free(out);
		memset(out, 0, sizeof *out);
		app_error(a, &err);
		return false;
	}
	if (out->function_id && a->fn.id && strcmp(out->function_id, a->fn.id)) {
		model_draft_free(out);
		memset(out, 0, sizeof *out);
		return false;
	}
	return true;
}
