/* versions.c — the Версии tab: every version with its tags, creation time, runtime and a
 * one-line async summary; Enter opens one read-only (a popup of the form's fields). */
#include <stdio.h>
#include <stdlib.h>
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
	char created[64];
	const char *when = data_time_text(v->created_at, false, created, sizeof created);
	/* The list shows the minute; the zone is the same on every row, so the header says it. */
	if (when == created && strlen(created) > 16)
		created[16] = 0;
	char as[300];
	data_async_summary(a, &v->async, w - (col_w[0] + col_w[1] + col_w[2] + col_w[3]), as, sizeof as);
	const char *cells[5] = {v->id, when ? when : "", v->runtime ? v->runtime : "", tags, as};
	put_cols(y, x, w, cells, at);
}

static void versions_draw(struct app *a)
{
	function_draw_tabs(a);
	bool narrow = COLS - 2 - (col_w[0] + col_w[1] + col_w[2] + col_w[3]) < 18;
	const char *head[5] = {app_tr(a, "Версия", "Version"), app_tr(a, "Создана (UTC)", "Created (UTC)"),
			       app_tr(a, "Среда", "Runtime"), app_tr(a, "Теги", "Tags"),
			       narrow ? app_tr(a, "Асинхр.", "Async") : app_tr(a, "Асинхронный вызов", "Async invocation")};
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
					 versions_wheel, NULL, NULL};

/* ---------- one version, read-only ---------- */

/* A field's value as the form shows it: accounts and queues by name, sizes with units. */
static void version_value(struct app *a, enum yc_field f, const char *text, char *buf, size_t n)
{
	enum yc_widget w = model_fields[f].widget;
	if (w == YC_W_SA_PICKER) {
		snprintf(buf, n, "%s", data_sa_name(a, text));
		return;
	}
	if (w == YC_W_QUEUE) {
		snprintf(buf, n, "%s", data_queue_name(a, text));
		return;
	}
	char *d = model_field_describe(f, text, a->lang);
	snprintf(buf, n, "%s", d ? d : text);
	free(d);
}

static int version_field(struct app *a, const struct yc_draft *d, enum yc_field f, int y, int bottom, int x0, int w)
{
	const struct yc_field_def *def = &model_fields[f];
	/* Indented as in the form, so that the three "Сервисный аккаунт" rows read apart. */
	int indent = f == YC_F_ASYNC_ENABLED || def->parent == YC_F__COUNT ? 0
		     : def->parent == YC_F_ASYNC_ENABLED                 ? 2
									  : 4;
	const char *label = f == YC_F_ASYNC_ENABLED ? model_field_title(f, a->lang) : model_field_label(f, a->lang);
	ui_put(y, x0 + 2 + indent, 30 - indent, label, term_attr(UI_C_LABEL), false);
	char val[600];
	if (def->widget == YC_W_ENV_LIST) {
		size_t lines = editor_env_count(d->value[f]);
		for (size_t i = 0; i < lines && y < bottom; i++, y++) {
			editor_env_line(d->value[f], i, val, sizeof val);
			ui_put_cut(y, x0 + 33, w - 35, val, A_NORMAL);
		}
		if (!lines)
			ui_put(y++, x0 + 33, w - 35, "—", A_NORMAL, false);
		return y;
	}
	version_value(a, f, d->value[f], val, sizeof val);
	ui_put_cut(y, x0 + 33, w - 35, val, A_NORMAL);
	return y + 1;
}

static void version_draw(struct app *a)
{
	if (a->shown_version < 0 || (size_t)a->shown_version >= a->versions.n)
		return;
	const struct yc_version *v = &a->versions.items[a->shown_version];
	struct yc_draft d;
	memset(&d, 0, sizeof d);
	int h = LINES - 4, w = COLS - 8, y0, x0;
	char title[160];
	snprintf(title, sizeof title, "%s %s (%s)", app_tr(a, "Версия", "Version"), v->id,
		 app_tr(a, "только чтение", "read-only"));
	ui_draw_popup_frame(a, h, w, title, &y0, &x0);
	if (model_draft_from_version(&d, v, NULL) != 0)
		return;
	int y = y0 + 1;
	for (int f = 0; f < YC_F__COUNT && y < y0 + h - 1; f++)
		if (model_field_visible(&d, (enum yc_field)f))
			y = version_field(a, &d, (enum yc_field)f, y, y0 + h - 1, x0, w);
	model_draft_free(&d);
}

static void version_key(struct app *a, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (act == UI_A_ESC || act == UI_A_ENTER)
		popup_close(a);
}

/* Enter only closes it, as Esc does: no "choose" promised. */
static unsigned version_hints_off(struct app *a)
{
	(void)a;
	return 1u << UI_A_ENTER;
}

const struct ui_view ui_view_version = {"version", UI_SC_POPUP, version_draw, version_key, NULL, NULL, NULL,
					version_hints_off};
