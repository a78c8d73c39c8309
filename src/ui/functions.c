/* functions.c — the folder's functions: name, status, $latest's runtime, async at a glance.
 * Type to filter, Enter opens. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_int.h"

struct cols {
	int name, status, runtime;
};

static struct cols layout(void)
{
	struct cols c;
	c.status = 10;
	c.runtime = 12;
	c.name = COLS - 2 - c.status - c.runtime - 14;
	if (c.name < 16)
		c.name = 16;
	return c;
}

static void fn_row(void *ud, size_t idx, int y, int x, int w, bool sel)
{
	struct app *a = ud;
	const struct yc_function *f = &a->functions.items[idx];
	const struct yc_version *v = a->fn_latest ? &a->fn_latest[idx] : NULL;
	struct cols c = layout();
	attr_t at = sel ? term_attr(UI_C_SEL) : A_NORMAL;
	ui_fill(y, x, w, at);
	ui_put_cut(y, x, c.name - 1, f->name ? f->name : f->id, at | A_BOLD);
	ui_put(y, x + c.name, c.status - 1, f->status ? f->status : "", at, false);
	const char *rt = v && v->id ? (v->runtime ? v->runtime : "") : "…";
	ui_put(y, x + c.name + c.status, c.runtime - 1, rt, at, false);
	const char *as = "…";
	if (v && v->id)
		as = v->async.enabled ? app_tr(a, "вкл", "on") : app_tr(a, "выкл", "off");
	ui_put(y, x + c.name + c.status + c.runtime, w - (c.name + c.status + c.runtime), as,
	       v && v->id && v->async.enabled ? (sel ? at : term_attr(UI_C_OK)) : at, false);
}

static void functions_draw(struct app *a)
{
	char line[300];
	snprintf(line, sizeof line, " %s  %s: %s", app_tr(a, "Функции", "Functions"), app_tr(a, "Фильтр", "Filter"),
		 a->fn_list.filter);
	ui_put(1, 0, COLS, line, term_attr(UI_C_LABEL), true);
	/* Typing filters: the cursor sits where the next letter goes. */
	a->cursor_y = 1;
	a->cursor_x = ui_text_width(line) < COLS - 1 ? ui_text_width(line) : COLS - 1;
	struct cols c = layout();
	attr_t h = term_attr(UI_C_DIM) | A_BOLD;
	ui_put(2, 1, c.name - 1, app_tr(a, "Имя", "Name"), h, false);
	ui_put(2, 1 + c.name, c.status - 1, app_tr(a, "Статус", "Status"), h, false);
	ui_put(2, 1 + c.name + c.status, c.runtime - 1, app_tr(a, "Среда", "Runtime"), h, false);
	ui_put(2, 1 + c.name + c.status + c.runtime, 12, app_tr(a, "Асинхр.", "Async"), h, false);
	ui_list_draw(&a->fn_list, 3, 1, LINES - 5, COLS - 2, fn_row, a);
	data_fetch_visible_latest(a);
	if (a->functions_loaded && !a->fn_list.nvis)
		ui_put(4, 2, COLS - 4, app_tr(a, "Нет функций", "No functions"), term_attr(UI_C_DIM), false);
	if (!a->functions_loaded && !a->req_functions && a->message_error) {
		/* The load failed: the whole message where the list would be, and how to retry. */
		int y = ui_wrap(4, 2, COLS - 4, LINES - 4, a->message, term_attr(UI_C_ERROR));
		ui_put(y + 1, 2, COLS - 4, app_tr(a, "F5 — попробовать снова, F10 — выход", "F5 tries again, F10 quits"),
		       term_attr(UI_C_DIM), false);
	}
}

static void functions_open(struct app *a)
{
	long i = ui_list_current(&a->fn_list);
	if (i >= 0)
		data_open_function(a, &a->functions.items[i]);
}

static void functions_key(struct app *a, enum ui_action act, wint_t ch)
{
	if (act == UI_A_ENTER) {
		functions_open(a);
	} else if (act == UI_A_ESC) {
		if (a->fn_list.filter[0]) {
			a->fn_list.filter[0] = 0;
			ui_list_set(&a->fn_list, a->fn_items, a->fn_list.n);
		} else if (!a->opt->folder_id && !(a->opt->cfg && a->opt->cfg->folder_id)) {
			data_load_clouds(a);
		}
	} else if (act == UI_A_RELOAD) {
		data_load_functions(a);
	} else {
		ui_list_key(&a->fn_list, act, ch);
	}
}

static void functions_click(struct app *a, int y, int x)
{
	(void)x;
	long before = ui_list_current(&a->fn_list);
	if (ui_list_click(&a->fn_list, 3, y) && before == ui_list_current(&a->fn_list))
		functions_open(a);
}

static void functions_wheel(struct app *a, int dir)
{
	ui_list_wheel(&a->fn_list, dir);
}

static bool always(struct app *a)
{
	(void)a;
	return true;
}

/* Esc clears the filter, or goes back to the clouds when the folder was picked here. */
static unsigned functions_hints_off(struct app *a)
{
	bool fixed = a->opt->folder_id || (a->opt->cfg && a->opt->cfg->folder_id);
	return !a->fn_list.filter[0] && fixed ? 1u << UI_A_ESC : 0;
}

const struct ui_view ui_view_functions = {"functions", UI_SC_LIST, functions_draw, functions_key, functions_click,
					  functions_wheel, always, functions_hints_off};
