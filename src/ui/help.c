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

static const char *help_text(size_t i, enum yc_lang lang)
{
	return lang == YC_LANG_EN ? ui_keys[i].help_en : ui_keys[i].help_ru;
}

static void help_draw(struct app *a)
{
	int h = LINES - 4, w = COLS - 8, y0, x0;
	ui_draw_popup_frame(a, h, w, app_tr(a, "Справка: клавиши", "Help: keys"), &y0, &x0);
	unsigned scopes = (a->help_over ? a->help_over->scopes : 0) | UI_SC_ALL;
	int room = h - 3, tw = w - 17;
	/* No scrolling past the point where the last key shows (a long line wraps). */
	int shown = 0, rows = 0, last_top = 0;
	for (size_t i = 0; i < ui_keys_n; i++)
		shown += help_row_shown(i, scopes, a->lang);
	last_top = shown;
	for (size_t i = ui_keys_n; i-- > 0;) {
		if (!help_row_shown(i, scopes, a->lang))
			continue;
		rows += ui_wrap_rows(tw, help_text(i, a->lang));
		if (rows > room)
			break;
		last_top--;
	}
	if (a->help_top > last_top)
		a->help_top = last_top;
	int y = y0 + 1, skip = a->help_top;
	for (size_t i = 0; i < ui_keys_n && y < y0 + h - 2; i++) {
		if (!help_row_shown(i, scopes, a->lang) || skip-- > 0)
			continue;
		ui_put(y, x0 + 2, 12, ui_keys[i].name, A_BOLD, false);
		y = ui_wrap(y, x0 + 15, tw, y0 + h - 2, help_text(i, a->lang), A_NORMAL);
	}
	ui_put(y0 + h - 2, x0 + 2, w - 4,
	       last_top > 0 ? app_tr(a, "Esc — закрыть, ↑↓ — прокрутка", "Esc — close, ↑↓ — scroll")
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

/* In the help and in a question F10 does not quit (it closes the help; a question wants y/n/d). */
static unsigned no_quit_hint(struct app *a)
{
	(void)a;
	return 1u << UI_A_QUIT;
}

const struct ui_view ui_view_help = {"help", UI_SC_HELP, help_draw, help_key, NULL, NULL, NULL, no_quit_hint};

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

const struct ui_view ui_view_confirm = {"confirm", UI_SC_CONFIRM, confirm_draw, confirm_key, NULL, NULL, NULL,
					no_quit_hint};
