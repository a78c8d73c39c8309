/* picker.c — the popup picker and dropdown: a filterable list over copies of the caller's
 * strings; Enter chooses, Esc closes with nothing changed. With typed_ok, Enter on no match
 * takes the filter text as typed (an ARN when the queue is not listed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

void picker_close(struct app *a)
{
	for (size_t i = 0; a->pick_own && i < a->pick_n; i++)
		free(a->pick_own[i]);
	free(a->pick_own);
	a->pick_own = NULL;
	a->pick_n = 0;
	ui_list_free(&a->pick_list);
}

void picker_open(struct app *a, const char *title, const char *const *items, size_t n, long sel, bool typed_ok,
		 ui_pick_fn done)
{
	picker_close(a);
	a->pick_own = calloc(n ? n : 1, sizeof *a->pick_own);
	if (!a->pick_own)
		return;
	for (size_t i = 0; i < n; i++)
		a->pick_own[i] = strdup(items[i] ? items[i] : "");
	a->pick_n = n;
	snprintf(a->pick_title, sizeof a->pick_title, "%s", title);
	a->pick_done = done;
	a->pick_typed_ok = typed_ok;
	ui_list_set(&a->pick_list, (const char *const *)a->pick_own, n);
	if (sel >= 0 && (size_t)sel < a->pick_list.nvis)
		a->pick_list.sel = (size_t)sel;
	a->popup = &ui_view_picker;
	a->need_draw = true;
}

void popup_close(struct app *a)
{
	a->popup = NULL;
	a->need_draw = true;
}

static void geometry(struct app *a, int *y0, int *x0, int *h, int *w)
{
	*w = COLS * 2 / 3;
	if (*w < 40)
		*w = COLS - 2;
	*h = (int)a->pick_n + 3;
	if (*h > LINES - 4)
		*h = LINES - 4;
	if (*h < 6)
		*h = 6;
	*y0 = (LINES - 2 - *h) / 2;
	*x0 = (COLS - *w) / 2;
}

/* A row with a column of air on each side, the selection bar across the whole width. */
static void picker_row(void *ud, size_t idx, int y, int x, int w, bool selected)
{
	struct app *a = ud;
	attr_t at = selected ? term_attr(UI_C_SEL) : A_NORMAL;
	ui_fill(y, x, w, at);
	ui_put(y, x + 1, w - 2, a->pick_list.items[idx], at, false);
}

static void picker_draw(struct app *a)
{
	int y0, x0, h, w;
	geometry(a, &y0, &x0, &h, &w);
	ui_box(y0, x0, h, w, A_NORMAL, a->pick_title);
	char line[300];
	snprintf(line, sizeof line, "%s: %s", app_tr(a, "Фильтр", "Filter"), a->pick_list.filter);
	int used = ui_put(y0 + 1, x0 + 2, w - 4, line, term_attr(UI_C_LABEL), true);
	(void)used;
	a->cursor_y = y0 + 1;
	a->cursor_x = x0 + 2 + ui_text_width(line);
	ui_list_draw(&a->pick_list, y0 + 2, x0 + 1, h - 3, w - 2, picker_row, a);
	if (!a->pick_list.nvis)
		ui_put(y0 + 2, x0 + 2, w - 4,
		       a->pick_typed_ok ? app_tr(a, "Нет совпадений — Enter возьмёт введённое", "No match — Enter takes what you typed")
					: app_tr(a, "Нет совпадений", "No match"),
		       term_attr(UI_C_DIM), false);
}

static void choose(struct app *a)
{
	long i = ui_list_current(&a->pick_list);
	char typed[UI_FILTER_MAX];
	snprintf(typed, sizeof typed, "%s", a->pick_list.filter);
	if (i < 0 && !(a->pick_typed_ok && typed[0]))
		return;
	ui_pick_fn done = a->pick_done;
	popup_close(a);
	if (done)
		done(a, i, typed);
	picker_close(a);
}

static void picker_key(struct app *a, enum ui_action act, wint_t ch)
{
	if (act == UI_A_ESC) {
		popup_close(a);
		picker_close(a);
	} else if (act == UI_A_ENTER) {
		choose(a);
	} else {
		ui_list_key(&a->pick_list, act == UI_A_NEXT ? UI_A_DOWN : act == UI_A_PREV ? UI_A_UP : act, ch);
	}
}

static void picker_click(struct app *a, int y, int x)
{
	int y0, x0, h, w;
	geometry(a, &y0, &x0, &h, &w);
	if (y < y0 || y >= y0 + h || x < x0 || x >= x0 + w) {
		popup_close(a);
		picker_close(a);
		return;
	}
	if (ui_list_click(&a->pick_list, y0 + 2, y))
		choose(a);
}

static void picker_wheel(struct app *a, int dir)
{
	ui_list_wheel(&a->pick_list, dir);
}

static bool always(struct app *a)
{
	(void)a;
	return true;
}

const struct ui_view ui_view_picker = {"picker", UI_SC_POPUP, picker_draw, picker_key, picker_click, picker_wheel,
				       always, NULL};
