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

/* A value as the reader knows it: a service account by name with its id, a queue by name with
 * its ARN — from the lists already loaded, or the name the ARN itself carries. */
static void review_value(const struct app *a, enum yc_field f, const char *text, char *buf, size_t n)
{
	text = text ? text : "";
	enum yc_widget w = model_fields[f].widget;
	char name[200];
	if (w == YC_W_SA_PICKER) {
		const char *sa = data_sa_name(a, text);
		if (sa != text && strcmp(sa, text) && text[0] && strcmp(text, "—")) {
			snprintf(buf, n, "%s (%s)", sa, text);
			return;
		}
	} else if (w == YC_W_QUEUE) {
		const char *q = data_queue_name(a, text);
		if (q && q != text && q[0] && strcmp(q, text)) {
			snprintf(buf, n, "%s (%s)", q, text);
			return;
		}
		if (model_parse_queue_arn(text, NULL, 0, name, sizeof name, NULL) == 0 && name[0]) {
			snprintf(buf, n, "%s (%s)", name, text);
			return;
		}
	}
	snprintf(buf, n, "%s", text);
}

/* The review as lines (a diff row, the command's flags one a line), each wrapped when drawn;
 * ↑/↓ scroll by line so that a long command can be read whole in 80x24. */
#define REVIEW_HANG 4 /* a wrapped line goes on indented, so the next flag or row stands out */

struct review_line {
	char text[1200];
	attr_t at;
};

static size_t review_lines(struct app *a, struct review_line *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < a->diff.n && n < max; i++, n++) {
		const struct yc_diff_row *r = &a->diff.rows[i];
		char o[500], v[500];
		review_value(a, r->field, r->old_text, o, sizeof o);
		review_value(a, r->field, r->new_text, v, sizeof v);
		snprintf(out[n].text, sizeof out[n].text, "%s: %s → %s", model_field_title(r->field, a->lang), o, v);
		out[n].at = A_NORMAL;
	}
	const char *label = app_tr(a, "Эквивалентная команда:", "The equivalent command:");
	const char *heads[] = {"", label};
	for (size_t i = 0; i < 2 && n < max; i++, n++) {
		snprintf(out[n].text, sizeof out[n].text, "%s", heads[i]);
		out[n].at = term_attr(UI_C_LABEL);
	}
	for (const char *c = a->yc_cmd ? a->yc_cmd : ""; *c && n < max; n++) {
		size_t k = strcspn(c, "\n");
		snprintf(out[n].text, sizeof out[n].text, "%.*s", (int)k, c);
		out[n].at = term_attr(UI_C_DIM);
		c += k + (c[k] == '\n');
	}
	return n;
}

static int line_rows(int w, const struct review_line *l)
{
	return l->text[0] ? ui_wrap_hang_rows(w, l->text, REVIEW_HANG) : 1;
}

static void review_draw(struct app *a)
{
	int h = LINES - 4, w = COLS - 4, y0, x0;
	ui_draw_popup_frame(a, h, w, app_tr(a, "Проверьте изменения", "Review the changes"), &y0, &x0);
	int y = y0 + 1, bottom = y0 + h - 2;
	enum { MAX_LINES = YC_F__COUNT + 128 };
	static struct review_line lines[MAX_LINES];
	size_t n = review_lines(a, lines, MAX_LINES);
	/* No scrolling past the point where the last line shows. */
	int rows = 0;
	size_t last_top = n;
	while (last_top > 0 && rows + line_rows(w - 4, &lines[last_top - 1]) <= bottom - y)
		rows += line_rows(w - 4, &lines[--last_top]);
	if (a->help_top > (int)last_top)
		a->help_top = (int)last_top;
	for (size_t i = (size_t)a->help_top; i < n && y < bottom; i++)
		y = lines[i].text[0] ? ui_wrap_hang(y, x0 + 2, w - 4, bottom, lines[i].text, lines[i].at, REVIEW_HANG)
				     : y + 1;
	ui_put(y0 + h - 2, x0 + 2, w - 4,
	       app_tr(a, last_top ? "Enter — развернуть новую версию, Esc — назад к форме, ↑↓ — прокрутка"
				  : "Enter — развернуть новую версию, Esc — назад к форме",
		      last_top ? "Enter — deploy a new version, Esc — back to the form, ↑↓ — scroll"
			       : "Enter — deploy a new version, Esc — back to the form"),
	       A_BOLD, false);
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

const struct ui_view ui_view_review = {"review", UI_SC_REVIEW, review_draw, review_key, NULL, NULL, NULL, NULL};

