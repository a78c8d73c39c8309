/* versions.c — the Версии tab: every version with its tags, creation time, runtime and a
 * one-line async summary; Enter opens one read-only (a popup of the form's fields). */
#include <stdio.h>
#include <string.h>

#include "ui/ui_int.h"

void function_back(struct app *a);

/* Columns by display width (Cyrillic headers included), never printf's byte counts. */
static const int col_w[] = {22, 17, 13, 15};

static int put_cols(int y, int x, int w, const char *const cells[5], attr_t at)
{
	int cx = x;
	for (int i = 0; i < 5 && cx < x + w; i++) {
		int cw = i < 4 ? col_w[i] : x + w - cx;
		if (cx + cw > x + w)
			cw = x + w - cx;
		ui_put(y, cx, cw - (i < 4 ? 1 : 0), cells[i], at, false);
		cx += cw;
	}
	return cx;
}

static void ver_row(void *ud, size_t idx, int y, int x, int w, bool sel)
{
	struct app *a = ud;
	const struct yc_version *v = &a->versions.items[idx];
	attr_t at = sel ? term_attr(UI_C_SEL) : A_NORMAL;
	ui_fill(y, x, w, at);
	char tags[200] = "";
	size_t k = 0;
	for (size_t i = 0; i < v->tags.n && k < sizeof tags; i++)
		k += (size_t)snprintf(tags + k, sizeof tags - k, "%s%s", i ? "," : "", v->tags.items[i]);
	char created[20] = "";
	snprintf(created, sizeof created, "%.16s", v->created_at ? v->created_at : "");
	char as[300];
	data_async_summary(a, &v->async, as, sizeof as);
	const char *cells[5] = {v->id, created, v->runtime ? v->runtime : "", tags, as};
	put_cols(y, x, w, cells, at);
}

static void versions_draw(struct app *a)
{
	function_draw_tabs(a);
	const char *head[5] = {app_tr(a, "Версия", "Version"), app_tr(a, "Создана", "Created"),
			       app_tr(a, "Среда", "Runtime"), app_tr(a, "Теги", "Tags"),
			       app_tr(a, "Асинхронный вызов", "Async invocation")};
	put_cols(3, 1, COLS - 2, head, term_attr(UI_C_DIM) | A_BOLD);
	ui_list_draw(&a->ver_list, 4, 1, LINES - 6, COLS - 2, ver_row, a);
	if (!a->versions_loaded)
		ui_put(5, 2, COLS - 4, "…", term_attr(UI_C_DIM), false);
}

static void versions_key(struct app *a, enum ui_action act, wint_t ch)
{
	if (act == UI_A_ENTER) {
		long i = ui_list_current(&a->ver_list);
		if (i >= 0) {
			a->shown_version = i;
			a->popup = &ui_view_version;
		}
	} else if (act == UI_A_ESC) {
		function_back(a);
	} else if (act == UI_A_RELOAD) {
		data_reload(a);
	} else if (act == UI_A_LEFT || act == UI_A_RIGHT) {
		function_tab_key(a, act == UI_A_LEFT ? UI_A_TAB_PREV : UI_A_TAB_NEXT);
	} else if (act != UI_A_CHAR) {
		ui_list_key(&a->ver_list, act, ch);
	}
}

static void versions_click(struct app *a, int y, int x)
{
	(void)x;
	long before = ui_list_current(&a->ver_list);
	if (ui_list_click(&a->ver_list, 4, y) && before == ui_list_current(&a->ver_list)) {
		a->shown_version = before;
		a->popup = &ui_view_version;
	}
}

static void versions_wheel(struct app *a, int dir)
{
	ui_list_wheel(&a->ver_list, dir);
}

const struct ui_view ui_view_versions = {"versions", UI_SC_TABS, versions_draw, versions_key, versions_click,
					 versions_wheel, NULL};

/* ---------- one version, read-only ---------- */

static void version_draw(struct app *a)
{
	if (a->shown_version < 0 || (size_t)a->shown_version >= a->versions.n)
		return;
	const struct yc_version *v = &a->versions.items[a->shown_version];
	struct yc_draft d;
	memset(&d, 0, sizeof d);
	int h = LINES - 6, w = COLS - 8, y0, x0;
	char title[160];
	snprintf(title, sizeof title, "%s %s (%s)", app_tr(a, "Версия", "Version"), v->id,
		 app_tr(a, "только чтение", "read-only"));
	ui_draw_popup_frame(a, h, w, title, &y0, &x0);
	if (model_draft_from_version(&d, v, NULL) != 0)
		return;
	int y = y0 + 1;
	for (int f = 0; f < YC_F__COUNT && y < y0 + h - 1; f++) {
		if (!model_field_visible(&d, (enum yc_field)f))
			continue;
		const char *val = d.value[f];
		if (model_fields[f].widget == YC_W_SA_PICKER)
			val = data_sa_name(a, val);
		else if (model_fields[f].widget == YC_W_TARGET_KIND)
			val = !strcmp(val, "ymq") ? "Message Queue" : app_tr(a, "Не указано", "Not specified");
		else if (model_fields[f].widget == YC_W_TOGGLE)
			val = !strcmp(val, "1") ? app_tr(a, "[x] Включить", "[x] Enable") : app_tr(a, "[ ] Включить", "[ ] Enable");
		ui_put(y, x0 + 2, 30, model_field_label((enum yc_field)f, a->lang), term_attr(UI_C_LABEL), false);
		ui_put(y, x0 + 33, w - 35, val, A_NORMAL, false);
		y++;
	}
	model_draft_free(&d);
}

static void version_key(struct app *a, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (act == UI_A_ESC || act == UI_A_ENTER)
		popup_close(a);
}

const struct ui_view ui_view_version = {"version", UI_SC_POPUP, version_draw, version_key, NULL, NULL, NULL};
