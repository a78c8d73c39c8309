/* review.c — Save's second step: the field-by-field change (model_draft_diff, service accounts
 * by name) and the equivalent yc command (model_yc_command); Enter deploys (deploy.c), Esc goes
 * back to the form with nothing lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

void review_open(struct app *a)
{
	yc_diff_free(&a->diff);
	memset(&a->diff, 0, sizeof a->diff);
	model_draft_diff(&a->draft, a->lang, &a->diff);
	free(a->yc_cmd);
	a->yc_cmd = model_yc_command(&a->draft, data_base(a));
	a->help_top = 0;
	a->popup = &ui_view_review;
	a->need_draw = true;
}

static void review_draw(struct app *a)
{
	int h = LINES - 4, w = COLS - 4, y0, x0;
	ui_draw_popup_frame(a, h, w, app_tr(a, "Проверьте изменения", "Review the changes"), &y0, &x0);
	int y = y0 + 1, bottom = y0 + h - 2;
	int skip = a->help_top;
	for (size_t i = 0; i < a->diff.n && y < bottom; i++) {
		if (skip-- > 0)
			continue;
		const struct yc_diff_row *r = &a->diff.rows[i];
		const char *o = r->old_text ? r->old_text : "", *n = r->new_text ? r->new_text : "";
		/* Service accounts read by name, as in the form. */
		if (model_fields[r->field].widget == YC_W_SA_PICKER) {
			o = strcmp(o, "—") ? data_sa_name(a, o) : o;
			n = strcmp(n, "—") ? data_sa_name(a, n) : n;
		}
		char line[1200];
		snprintf(line, sizeof line, "%s: %s → %s", model_field_label(r->field, a->lang), o, n);
		y = ui_wrap(y, x0 + 2, w - 4, bottom, line, A_NORMAL);
	}
	y++;
	if (y < bottom)
		ui_put(y++, x0 + 2, w - 4, app_tr(a, "Эквивалентная команда:", "The equivalent command:"),
		       term_attr(UI_C_LABEL), false);
	ui_wrap(y, x0 + 2, w - 4, bottom, a->yc_cmd ? a->yc_cmd : "", term_attr(UI_C_DIM));
	ui_put(y0 + h - 2, x0 + 2, w - 4,
	       app_tr(a, "Enter — развернуть новую версию, Esc — назад к форме",
		      "Enter — deploy a new version, Esc — back to the form"), A_BOLD, false);
}

static void review_key(struct app *a, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (act == UI_A_ESC)
		popup_close(a);
	else if (act == UI_A_ENTER || act == UI_A_SAVE)
		review_deploy(a);
	else if (act == UI_A_DOWN || act == UI_A_PGDN)
		a->help_top++;
	else if ((act == UI_A_UP || act == UI_A_PGUP) && a->help_top > 0)
		a->help_top--;
}

const struct ui_view ui_view_review = {"review", UI_SC_REVIEW, review_draw, review_key, NULL, NULL, NULL};

