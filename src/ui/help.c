/* help.c — F1/?: every key of the screen underneath, straight from the key table; and the
 * yes/no question (quit, leave, restore). */
#include <stdio.h>
#include <string.h>

#include "ui/ui_int.h"

void help_open(struct app *a)
{
	a->help_over = a->popup ? a->popup : a->view;
	a->help_top = 0;
	a->popup = &ui_view_help;
	a->need_draw = true;
}

static bool help_row_shown(size_t i, unsigned scopes, enum yc_lang lang)
{
	const struct ui_key_row *r = &ui_keys[i];
	const char *text = lang == YC_LANG_EN ? r->help_en : r->help_ru;
	return text && (r->scopes & scopes) && !keys_shadowed(i, scopes);
}

static void help_draw(struct app *a)
{
	int h = LINES - 4, w = COLS - 8, y0, x0;
	ui_draw_popup_frame(a, h, w, app_tr(a, "Справка: клавиши", "Help: keys"), &y0, &x0);
	unsigned scopes = (a->help_over ? a->help_over->scopes : 0) | UI_SC_ALL;
	int total = 0, room = h - 3;
	for (size_t i = 0; i < ui_keys_n; i++)
		total += help_row_shown(i, scopes, a->lang);
	/* No scrolling past the last key. */
	if (a->help_top > total - room)
		a->help_top = total > room ? total - room : 0;
	int y = y0 + 1, skip = a->help_top;
	for (size_t i = 0; i < ui_keys_n && y < y0 + h - 2; i++) {
		const struct ui_key_row *r = &ui_keys[i];
		if (!help_row_shown(i, scopes, a->lang) || skip-- > 0)
			continue;
		ui_put(y, x0 + 2, 12, r->name, A_BOLD, false);
		ui_put(y, x0 + 15, w - 17, a->lang == YC_LANG_EN ? r->help_en : r->help_ru, A_NORMAL, false);
		y++;
	}
	ui_put(y0 + h - 2, x0 + 2, w - 4,
	       total > room ? app_tr(a, "Esc — закрыть, ↑↓ — прокрутка", "Esc — close, ↑↓ — scroll")
			    : app_tr(a, "Esc — закрыть", "Esc — close"),
	       term_attr(UI_C_DIM), false);
}

static void help_key(struct app *a, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (act == UI_A_DOWN || act == UI_A_PGDN)
		a->help_top++;
	else if ((act == UI_A_UP || act == UI_A_PGUP) && a->help_top > 0)
		a->help_top--;
	else if (act == UI_A_QUIT || act == UI_A_ESC || act == UI_A_ENTER || act == UI_A_HELP)
		a->popup = a->help_over != a->view ? a->help_over : NULL;
}

const struct ui_view ui_view_help = {"help", UI_SC_HELP, help_draw, help_key, NULL, NULL, NULL};

void confirm_open(struct app *a, const char *text, ui_answer_fn done)
{
	snprintf(a->confirm_text, sizeof a->confirm_text, "%s", text);
	a->confirm_done = done;
	a->popup = &ui_view_confirm;
	a->need_draw = true;
}

static void confirm_draw(struct app *a)
{
	int w = COLS - 10, h = 6, y0, x0;
	ui_draw_popup_frame(a, h, w, app_tr(a, "Вопрос", "Question"), &y0, &x0);
	/* Two lines are enough for every question we ask. */
	int tw = ui_text_width(a->confirm_text);
	if (tw <= w - 4) {
		ui_put(y0 + 2, x0 + 2, w - 4, a->confirm_text, A_BOLD, false);
		return;
	}
	const char *cut = strstr(a->confirm_text, "? ");
	if (!cut)
		cut = strstr(a->confirm_text, ". ");
	char first[400];
	size_t n = cut ? (size_t)(cut - a->confirm_text) + 1 : strlen(a->confirm_text);
	snprintf(first, sizeof first, "%.*s", (int)n, a->confirm_text);
	ui_put(y0 + 1, x0 + 2, w - 4, first, A_BOLD, false);
	ui_put(y0 + 3, x0 + 2, w - 4, cut ? cut + 2 : "", A_NORMAL, false);
}

static void confirm_key(struct app *a, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (act != UI_A_YES && act != UI_A_NO && act != UI_A_DISCARD && act != UI_A_ESC)
		return;
	ui_answer_fn done = a->confirm_done;
	a->popup = NULL;
	a->need_draw = true;
	if (done)
		done(a, act == UI_A_ESC ? UI_A_NO : act);
}

const struct ui_view ui_view_confirm = {"confirm", UI_SC_CONFIRM, confirm_draw, confirm_key, NULL, NULL, NULL};
