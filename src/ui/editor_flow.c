/* editor_flow.c — the form's life around the fields: filled when the base version arrives (and
 * the draft on disk offered back), kept when the data is reloaded, checked before Save, and the
 * question before leaving it with unsaved changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

static void restore_answer(struct app *a, enum ui_action ans)
{
	if (!a->have_restore)
		return;
	if (ans == UI_A_YES) {
		for (int f = 0; f < YC_F__COUNT; f++)
			if (a->restore.value[f])
				model_draft_set(&a->draft, (enum yc_field)f, a->restore.value[f]);
		app_message(a, false, "%s", app_tr(a, "Несохранённые изменения восстановлены", "Unsaved changes restored"));
		a->edit_loaded = false;
		editor_after_change(a);
	} else {
		draft_glue_remove(a);
	}
	model_draft_free(&a->restore);
	a->have_restore = false;
}

static bool drafts_differ(const struct yc_draft *x, const struct yc_draft *y)
{
	for (int f = 0; f < YC_F__COUNT; f++)
		if (x->value[f] && y->value[f] && strcmp(x->value[f], y->value[f]))
			return true;
	return false;
}

static void offer_restore(struct app *a)
{
	a->restore_offered = true;
	memset(&a->restore, 0, sizeof a->restore);
	if (!draft_glue_load(a, &a->restore))
		return;
	if (!drafts_differ(&a->restore, &a->draft)) {
		model_draft_free(&a->restore);
		return;
	}
	a->have_restore = true;
	confirm_open(a, app_tr(a, "Восстановить несохранённые изменения? y — да, n — нет (черновик будет удалён)",
			       "Restore unsaved changes? y — yes, n — no (the draft is deleted)"),
		     restore_answer);
}

void editor_on_version(struct app *a)
{
	const struct yc_version *b = data_base(a);
	if (!b)
		return;
	struct yc_error err;
	struct yc_draft nd;
	memset(&nd, 0, sizeof nd);
	if (model_draft_from_version(&nd, b, &err) != 0) {
		app_error(a, &err);
		model_draft_free(&nd);
		return;
	}
	if (a->have_draft) {
		/* A reload: the new base, with everything the user typed kept on top. */
		for (int f = 0; f < YC_F__COUNT; f++)
			if (model_draft_field_dirty(&a->draft, (enum yc_field)f))
				model_draft_set(&nd, (enum yc_field)f, a->draft.value[f]);
		model_draft_free(&a->draft);
	}
	a->draft = nd;
	a->have_draft = true;
	a->edit_loaded = false;
	if (!a->draft_path)
		draft_glue_path(a);
	if (!a->restore_offered)
		offer_restore(a);
	editor_build_rows(a);
	a->need_draw = true;
}

void editor_save(struct app *a);
void editor_save(struct app *a)
{
	if (!a->have_draft || a->deploying)
		return;
	draft_glue_flush(a);
	struct yc_error errs[YC_F__COUNT];
	size_t n = model_draft_validate(&a->draft, errs, YC_F__COUNT);
	if (n) {
		/* The status line follows the form from now on: it counts what is left to fix. */
		a->show_all_errors = true;
		a->message[0] = 0;
		a->message_error = true;
		a->form_status = true;
		a->need_draw = true;
		for (int f = 0; f < YC_F__COUNT; f++) {
			struct yc_error e;
			if (model_draft_validate_field(&a->draft, (enum yc_field)f, &e) != 0) {
				editor_focus_field(a, (enum yc_field)f);
				return;
			}
		}
		return;
	}
	a->form_status = false;
	if (!model_draft_dirty(&a->draft)) {
		app_message(a, false, "%s", app_tr(a, "Изменений нет — сохранять нечего", "No changes — nothing to save"));
		return;
	}
	review_open(a);
}

static void leave_answer(struct app *a, enum ui_action ans)
{
	if (ans == UI_A_NO || ans == UI_A_ESC)
		return;
	if (ans == UI_A_DISCARD) {
		draft_glue_remove(a);
		for (int f = 0; f < YC_F__COUNT; f++)
			model_draft_set(&a->draft, (enum yc_field)f, a->draft.orig[f]);
		a->edit_loaded = false;
		editor_build_rows(a);
	} else {
		draft_glue_flush(a);
	}
	if (a->leave_then)
		a->leave_then(a);
}

bool editor_try_leave(struct app *a, void (*then)(struct app *a))
{
	if (!a->have_draft || !model_draft_dirty(&a->draft))
		return true;
	draft_glue_flush(a);
	a->leave_then = then;
	confirm_open(a, app_tr(a, "Есть несохранённые изменения. Уйти? y — да (черновик сохранён), n — нет, d — отбросить",
			       "There are unsaved changes. Leave? y — yes (the draft is kept), n — no, d — discard them"),
		     leave_answer);
	return false;
}
