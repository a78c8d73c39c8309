/* function.c — the function screen: the tab bar (Обзор / Редактор / Версии / Тестирование),
 * the Overview tab, going back to the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

static const struct ui_view *const tab_views[UI_TAB__COUNT] = {&ui_view_overview, &ui_view_editor,
							      &ui_view_versions, &ui_view_testing};
static const char *const tab_ru[UI_TAB__COUNT] = {"Обзор", "Редактор", "Версии", "Тестирование"};
static const char *const tab_en[UI_TAB__COUNT] = {"Overview", "Editor", "Versions", "Testing"};
static int tab_x[UI_TAB__COUNT + 1];

void function_show(struct app *a, enum ui_tab tab)
{
	a->screen = UI_S_FUNCTION;
	a->tab = tab;
	a->view = tab_views[tab];
	a->need_draw = true;
}

void function_draw_tabs(struct app *a)
{
	int x = 1;
	for (int t = 0; t < UI_TAB__COUNT; t++) {
		char label[64];
		snprintf(label, sizeof label, " %s ", app_tr(a, tab_ru[t], tab_en[t]));
		tab_x[t] = x;
		attr_t at = t == (int)a->tab ? term_attr(UI_C_SEL) | A_BOLD : term_attr(UI_C_LABEL);
		x += ui_put(1, x, COLS - x, label, at, false) + 1;
	}
	tab_x[UI_TAB__COUNT] = x;
	move(2, 0);
	attrset((int)term_attr(UI_C_DIM));
	hline(ACS_HLINE, COLS);
	attrset(A_NORMAL);
}

bool function_tabs_click(struct app *a, int y, int x)
{
	if (y != 1)
		return false;
	for (int t = 0; t < UI_TAB__COUNT; t++)
		if (x >= tab_x[t] && x < tab_x[t + 1] - 1) {
			function_show(a, (enum ui_tab)t);
			return true;
		}
	return false;
}

void function_tab_key(struct app *a, enum ui_action act)
{
	int t = (int)a->tab + (act == UI_A_TAB_NEXT ? 1 : -1);
	t = (t + UI_TAB__COUNT) % UI_TAB__COUNT;
	function_show(a, (enum ui_tab)t);
}

static void back_to_list(struct app *a)
{
	if (!a->functions_loaded && a->folder_id)
		data_load_functions(a);
	a->screen = UI_S_FUNCTIONS;
	a->view = &ui_view_functions;
	a->need_draw = true;
}

/* Esc on any tab: back to the list, asking first when the form has unsaved changes. */
void function_back(struct app *a);
void function_back(struct app *a)
{
	if (!editor_try_leave(a, back_to_list))
		return;
	back_to_list(a);
}

/* ---------- Обзор ---------- */

static int kv(struct app *a, int y, const char *ru, const char *en, const char *value)
{
	if (y >= LINES - 2)
		return y;
	ui_put(y, 2, 24, app_tr(a, ru, en), term_attr(UI_C_LABEL), false);
	ui_put_cut(y, 27, COLS - 28, value ? value : "—", A_NORMAL);
	return y + 1;
}

/* A version's field in the words the form and the review use ("256 MB", "10 s"). */
static const char *field_text(struct app *a, enum yc_field f, const struct yc_version *v, char *buf, size_t n)
{
	char *text = model_fields[f].from_version(v);
	char *d = text ? model_field_describe(f, text, a->lang) : NULL;
	snprintf(buf, n, "%s", d ? d : "—");
	free(text);
	free(d);
	return buf;
}

static void overview_draw(struct app *a)
{
	function_draw_tabs(a);
	int y = 3;
	y = kv(a, y, "Идентификатор", "ID", a->fn.id);
	y = kv(a, y, "Имя", "Name", a->fn.name);
	y = kv(a, y, "Статус", "Status", a->fn.status);
	y = kv(a, y, "Ссылка для вызова", "Invoke URL", a->fn.http_invoke_url);
	char when[64];
	y = kv(a, y, "Создана", "Created", data_time_text(a->fn.created_at, true, when, sizeof when));
	y = kv(a, y, "Описание", "Description", a->fn.description);
	const struct yc_version *v = data_base(a);
	y++;
	ui_put(y++, 2, COLS - 4, app_tr(a, "Последняя версия ($latest)", "Latest version ($latest)"), A_BOLD, false);
	if (!v) {
		kv(a, y, "Версия", "Version", a->versions_loaded ? app_tr(a, "нет версий", "no versions") : "…");
		return;
	}
	char mem[32], tmo[32], as[300];
	y = kv(a, y, "Версия", "Version", v->id);
	y = kv(a, y, "Среда выполнения", "Runtime", v->runtime);
	y = kv(a, y, "Точка входа", "Entry point", v->entrypoint);
	y = kv(a, y, "Память", "Memory", field_text(a, YC_F_MEMORY, v, mem, sizeof mem));
	y = kv(a, y, "Таймаут", "Timeout", field_text(a, YC_F_TIMEOUT, v, tmo, sizeof tmo));
	y = kv(a, y, "Создана", "Created", data_time_text(v->created_at, true, when, sizeof when));
	data_async_summary(a, &v->async, COLS - 28, as, sizeof as);
	kv(a, y, "Асинхронный вызов", "Async invocation", as);
}

static void overview_key(struct app *a, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (act == UI_A_ESC)
		function_back(a);
	else if (act == UI_A_RELOAD)
		data_reload(a);
	else if (act == UI_A_LEFT || act == UI_A_RIGHT)
		function_tab_key(a, act == UI_A_LEFT ? UI_A_TAB_PREV : UI_A_TAB_NEXT);
}

/* Enter opens nothing on the overview. */
static unsigned overview_hints_off(struct app *a)
{
	(void)a;
	return 1u << UI_A_ENTER;
}

const struct ui_view ui_view_overview = {"overview", UI_SC_TABS, overview_draw, overview_key, NULL, NULL, NULL,
					 overview_hints_off};
