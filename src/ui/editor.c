/* editor.c — the Редактор tab: the form built from model_fields[] (labels, widgets, visibility
 * and validation all come from the model's one table), every field validated as typed with the
 * message under it, the Save button. The focused text field is edited in a->edit and written
 * back to the draft on every change; pickers and dropdowns are popups (picker.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

#define LABEL_W 32
#define VALUE_X (LABEL_W + 3)
#define FORM_Y 3

void function_back(struct app *a);
void editor_save(struct app *a);

/* ---------- rows ---------- */

static bool is_text(enum yc_widget w)
{
	return w == YC_W_TEXT || w == YC_W_DIGITS || w == YC_W_QUEUE || w == YC_W_ENV_LIST;
}

static bool field_error(struct app *a, enum yc_field f, struct yc_error *err)
{
	yc_error_clear(err);
	if (!a->show_all_errors && !model_draft_field_dirty(&a->draft, f))
		return false;
	return model_draft_validate_field(&a->draft, f, err) != 0;
}

/* Rows the message takes when wrapped in the value column (at most 3). */
static int error_rows(struct app *a, enum yc_field f, const struct yc_error *err)
{
	char m[700];
	editor_problem_under(a, f, err, m, sizeof m);
	int avail = COLS - VALUE_X - 1;
	if (avail < 10)
		return 1;
	int rows = ui_wrap_rows(avail, m);
	return rows < 1 ? 1 : rows > 3 ? 3 : rows;
}

static void add_row(struct app *a, enum yc_field f, int line, int *y, int h)
{
	if (a->n_rows >= sizeof a->rows / sizeof a->rows[0])
		return;
	a->rows[a->n_rows++] = (struct ui_editor_row){.field = f, .env_line = line, .y = *y, .h = h};
	*y += h;
}

void editor_build_rows(struct app *a)
{
	a->n_rows = 0;
	a->heading_y = -1;
	if (!a->have_draft)
		return;
	int y = 0;
	struct yc_error err;
	for (int i = 0; i < YC_F__COUNT; i++) {
		enum yc_field f = (enum yc_field)i;
		if (!model_field_visible(&a->draft, f))
			continue;
		if (f == YC_F_ASYNC_ENABLED) {
			y++;
			a->heading_y = y++;
		}
		int extra = field_error(a, f, &err) ? error_rows(a, f, &err) : 0;
		if (model_fields[f].widget == YC_W_QUEUE && a->queues_failed)
			extra++;
		if (model_fields[f].widget == YC_W_ENV_LIST) {
			size_t n = editor_env_count(a->draft.value[f]);
			for (size_t l = 0; l < n; l++)
				add_row(a, f, (int)l, &y, 1);
			add_row(a, f, (int)n, &y, 1 + extra);
			continue;
		}
		add_row(a, f, -1, &y, 1 + extra);
	}
	y++;
	add_row(a, YC_F__COUNT, -1, &y, 1);
	/* Find the focus again by field and line: rows come and go as the block opens. */
	size_t best = 0;
	for (size_t i = 0; i < a->n_rows; i++) {
		if (a->rows[i].field == a->focus_field &&
		    (a->rows[i].env_line == a->focus_line || a->rows[i].env_line < 0))
			best = i;
		else if (a->rows[i].field == a->focus_field && a->rows[i].env_line < a->focus_line)
			best = i;
	}
	a->focus = best;
}

static const struct ui_editor_row *focused(struct app *a)
{
	return a->focus < a->n_rows ? &a->rows[a->focus] : NULL;
}

static enum yc_widget row_widget(const struct ui_editor_row *r)
{
	return r->field == YC_F__COUNT ? YC_W_TOGGLE : model_fields[r->field].widget;
}

static bool row_is_text(const struct ui_editor_row *r)
{
	return r && r->field != YC_F__COUNT && is_text(model_fields[r->field].widget);
}

static void row_text(struct app *a, const struct ui_editor_row *r, char *buf, size_t n)
{
	if (r->env_line >= 0)
		editor_env_line(a->draft.value[r->field], (size_t)r->env_line, buf, n);
	else
		snprintf(buf, n, "%s", a->draft.value[r->field]);
}

static void load_edit(struct app *a)
{
	const struct ui_editor_row *r = focused(a);
	if (a->edit_loaded || !row_is_text(r))
		return;
	static char buf[UI_TEXT_MAX * 4];
	row_text(a, r, buf, sizeof buf);
	ui_text_set(&a->edit, buf);
	a->edit.digits_only = model_fields[r->field].widget == YC_W_DIGITS;
	a->edit_loaded = true;
}

static void set_focus(struct app *a, size_t i)
{
	if (i >= a->n_rows)
		return;
	bool was_env = focused(a) && focused(a)->field == YC_F_ENVIRONMENT;
	a->focus = i;
	a->focus_field = a->rows[i].field;
	a->focus_line = a->rows[i].env_line;
	a->edit_loaded = false;
	if (was_env && a->focus_field != YC_F_ENVIRONMENT) {
		editor_env_compact(a);
		editor_build_rows(a);
	}
}

void editor_focus_field(struct app *a, enum yc_field f)
{
	a->focus_field = f;
	a->focus_line = 0;
	a->edit_loaded = false;
	editor_build_rows(a);
	set_focus(a, a->focus);
	function_show(a, UI_TAB_EDITOR);
}

void editor_after_change(struct app *a)
{
	editor_build_rows(a);
	draft_glue_schedule(a);
	a->need_draw = true;
}

/* ---------- drawing ---------- */

static const char *row_display(struct app *a, const struct ui_editor_row *r, char *buf, size_t n)
{
	const char *v = a->draft.value[r->field];
	switch (model_fields[r->field].widget) {
	case YC_W_RUNTIME:
		snprintf(buf, n, "%s ▾", v[0] ? v : "—");
		break;
	case YC_W_SA_PICKER:
		snprintf(buf, n, "%s ▾", data_sa_name(a, v));
		break;
	case YC_W_TOGGLE:
		snprintf(buf, n, "[%s] %s", !strcmp(v, "1") ? "x" : " ", app_tr(a, "Включить", "Enable"));
		break;
	case YC_W_TARGET_KIND:
		snprintf(buf, n, "%s ▾", !strcmp(v, "ymq") ? "Message Queue" : app_tr(a, "Не указано", "Not specified"));
		break;
	case YC_W_QUEUE: {
		/* A listed queue reads by its name; the ARN is what gets edited and sent. */
		const char *name = v[0] ? data_queue_name(a, v) : NULL;
		if (name && name != v)
			snprintf(buf, n, "%s ▾", name);
		else
			snprintf(buf, n, "%s", v);
		break;
	}
	default:
		row_text(a, r, buf, n);
	}
	return buf;
}

static void draw_row(struct app *a, size_t i, int sy)
{
	const struct ui_editor_row *r = &a->rows[i];
	bool foc = i == a->focus;
	int vw = COLS - VALUE_X - 2;
	if (r->field == YC_F__COUNT) {
		const char *b = app_tr(a, "[ Сохранить изменения ]", "[ Save changes ]");
		ui_put(sy, VALUE_X, vw, b, foc ? term_attr(UI_C_FOCUS) : A_BOLD, false);
		return;
	}
	const struct yc_field_def *def = &model_fields[r->field];
	bool first_line = r->env_line <= 0;
	if (def->widget == YC_W_TOGGLE) {
		/* The toggle carries its own words: "[x] Включить" where the label would be. */
		char buf[200];
		row_display(a, r, buf, sizeof buf);
		ui_put(sy, 4, COLS - 6, buf, foc ? term_attr(UI_C_FOCUS) : A_BOLD, false);
		return;
	}
	if (first_line) {
		bool indent = def->parent != YC_F__COUNT && r->field != YC_F_ASYNC_ENABLED;
		bool sub = r->field == YC_F_SUCCESS_QUEUE || r->field == YC_F_SUCCESS_SA ||
			   r->field == YC_F_FAILURE_QUEUE || r->field == YC_F_FAILURE_SA;
		int x = 2 + (indent ? 2 : 0) + (sub ? 2 : 0);
		/* No dirty marker on the label: it would repaint on every keystroke that flips it. */
		ui_put(sy, x, LABEL_W + 2 - x, model_field_label(r->field, a->lang), term_attr(UI_C_LABEL), false);
	}
	attr_t va = foc ? term_attr(UI_C_FOCUS) : A_UNDERLINE;
	if (def->widget == YC_W_TOGGLE || def->widget == YC_W_RUNTIME || def->widget == YC_W_SA_PICKER ||
	    def->widget == YC_W_TARGET_KIND)
		va = foc ? term_attr(UI_C_FOCUS) : A_NORMAL;
	if (foc && row_is_text(r)) {
		load_edit(a);
		ui_text_draw(&a->edit, sy, VALUE_X, vw, va, &a->cursor_x);
		a->cursor_y = sy;
	} else {
		char buf[1024];
		row_display(a, r, buf, sizeof buf);
		if (def->widget == YC_W_ENV_LIST && !buf[0] && r->env_line == (int)editor_env_count(a->draft.value[r->field]))
			snprintf(buf, sizeof buf, "%s", app_tr(a, "+ КЛЮЧ=значение", "+ KEY=value"));
		ui_fill(sy, VALUE_X, is_text(def->widget) ? vw : 0, va);
		ui_put_cut(sy, VALUE_X, vw, buf, va);
	}
}

static void draw_notes(struct app *a, size_t i, int sy, int bottom)
{
	const struct ui_editor_row *r = &a->rows[i];
	if (r->field == YC_F__COUNT || r->h < 2)
		return;
	int y = sy + 1;
	struct yc_error err;
	bool last_env = r->field != YC_F_ENVIRONMENT || r->env_line == (int)editor_env_count(a->draft.value[r->field]);
	if (last_env && field_error(a, r->field, &err) && y < bottom) {
		char m[700];
		editor_problem_under(a, r->field, &err, m, sizeof m);
		int end = y + error_rows(a, r->field, &err);
		y = ui_wrap(y, VALUE_X, COLS - VALUE_X - 1, end < bottom ? end : bottom, m, term_attr(UI_C_ERROR));
	}
	if (model_fields[r->field].widget == YC_W_QUEUE && a->queues_failed && y < bottom) {
		char m[500];
		snprintf(m, sizeof m, "%s %s", app_tr(a, "Введите ARN: список очередей недоступен —", "Type the ARN: queues cannot be listed —"),
			 a->queues_why);
		ui_put(y, VALUE_X, COLS - VALUE_X - 1, m, term_attr(UI_C_DIM), false);
	}
}

static void editor_draw(struct app *a)
{
	function_draw_tabs(a);
	if (!a->have_draft) {
		const char *m = app_tr(a, "Загрузка…", "Loading…");
		if (a->versions_loaded && !data_base(a))
			m = app_tr(a, "У функции нет версий", "The function has no versions");
		else if (!a->req_versions)
			m = app_tr(a, "Версии не загружены: r или F5 — загрузить снова, Esc — назад",
				   "Versions not loaded: r or F5 loads again, Esc goes back");
		ui_put(FORM_Y + 1, 2, COLS - 4, m, term_attr(UI_C_DIM), false);
		if (!a->req_versions && a->message_error)
			ui_wrap(FORM_Y + 3, 2, COLS - 4, LINES - 3, a->message, term_attr(UI_C_ERROR));
		return;
	}
	editor_build_rows(a);
	int h = LINES - 2 - FORM_Y;
	const struct ui_editor_row *f = focused(a);
	if (f) {
		if (f->y < a->form_top)
			a->form_top = f->y;
		if (f->y + f->h > a->form_top + h)
			a->form_top = f->y + f->h - h;
	}
	if (a->heading_y >= a->form_top && a->heading_y < a->form_top + h)
		ui_put(FORM_Y + a->heading_y - a->form_top, 1, COLS - 2, app_tr(a, "Асинхронный вызов", "Asynchronous invocation"),
		       A_BOLD, false);
	for (size_t i = 0; i < a->n_rows; i++) {
		int sy = FORM_Y + a->rows[i].y - a->form_top;
		if (sy < FORM_Y || sy >= FORM_Y + h)
			continue;
		draw_row(a, i, sy);
		draw_notes(a, i, sy, FORM_Y + h);
	}
}

/* ---------- keys ---------- */

static void toggle(struct app *a, enum yc_field f)
{
	if (model_fields[f].widget == YC_W_TOGGLE)
		model_draft_set(&a->draft, f, !strcmp(a->draft.value[f], "1") ? "0" : "1");
	else if (model_fields[f].widget == YC_W_TARGET_KIND)
		model_draft_set(&a->draft, f, !strcmp(a->draft.value[f], "ymq") ? "empty" : "ymq");
	else
		return;
	editor_after_change(a);
}

static void edit_commit(struct app *a)
{
	const struct ui_editor_row *r = focused(a);
	char *text = ui_text_get(&a->edit);
	if (!text)
		return;
	if (r->env_line >= 0) {
		char *v = editor_env_with(a->draft.value[r->field], (size_t)r->env_line, text, false);
		if (v)
			model_draft_set(&a->draft, r->field, v);
		free(v);
	} else {
		model_draft_set(&a->draft, r->field, text);
	}
	free(text);
	editor_after_change(a);
}

static void activate(struct app *a)
{
	const struct ui_editor_row *r = focused(a);
	if (!r)
		return;
	if (r->field == YC_F__COUNT) {
		editor_save(a);
		return;
	}
	enum yc_widget w = row_widget(r);
	if (w == YC_W_TOGGLE)
		toggle(a, r->field);
	else if (w == YC_W_RUNTIME || w == YC_W_SA_PICKER || w == YC_W_TARGET_KIND ||
		 (w == YC_W_QUEUE && !a->queues_failed && a->queues.n))
		editor_open_picker(a, r->field);
	else
		set_focus(a, a->focus + 1);
}

static void editor_key(struct app *a, enum ui_action act, wint_t ch)
{
	if (!a->have_draft) {
		if (act == UI_A_ESC)
			function_back(a);
		else if (act == UI_A_RELOAD)
			data_reload(a);
		return;
	}
	editor_build_rows(a);
	const struct ui_editor_row *r = focused(a);
	bool text = row_is_text(r);
	if (text)
		load_edit(a);
	int page = LINES - 6;
	switch (act) {
	case UI_A_NEXT: case UI_A_DOWN: set_focus(a, a->focus + 1); break;
	case UI_A_PREV: case UI_A_UP: if (a->focus) set_focus(a, a->focus - 1); break;
	case UI_A_PGDN:
		for (size_t i = a->focus; i < a->n_rows; i++)
			if (a->rows[i].y <= a->rows[a->focus].y + page)
				set_focus(a, i);
		break;
	case UI_A_PGUP:
		for (size_t i = a->focus + 1; i-- > 0;)
			if (a->rows[i].y >= a->rows[a->focus].y - page)
				set_focus(a, i);
		break;
	case UI_A_ENTER: activate(a); break;
	case UI_A_SAVE: editor_save(a); break;
	case UI_A_ESC: function_back(a); break;
	case UI_A_RELOAD: data_reload(a); break;
	case UI_A_TOGGLE:
		if (text && ui_text_key(&a->edit, act, ch))
			edit_commit(a);
		else if (r && r->field != YC_F__COUNT)
			toggle(a, r->field);
		break;
	case UI_A_LEFT: case UI_A_RIGHT:
		if (!text) {
			function_tab_key(a, act == UI_A_LEFT ? UI_A_TAB_PREV : UI_A_TAB_NEXT);
			break;
		}
		/* fall through */
	default:
		if (text && ui_text_key(&a->edit, act, ch))
			edit_commit(a);
		else if (!text && act == UI_A_CHAR && r && r->field != YC_F__COUNT &&
			 model_fields[r->field].widget == YC_W_TOGGLE && ch == ' ')
			toggle(a, r->field);
	}
	a->need_draw = true;
}

static void editor_click(struct app *a, int y, int x)
{
	editor_build_rows(a);
	int fy = y - FORM_Y + a->form_top;
	for (size_t i = 0; i < a->n_rows; i++) {
		if (a->rows[i].y != fy)
			continue;
		set_focus(a, i);
		enum yc_field f = a->rows[i].field;
		if (f != YC_F__COUNT && model_fields[f].widget == YC_W_QUEUE && !a->queues_failed && a->queues.n &&
		    x >= VALUE_X) {
			editor_open_picker(a, f);
		} else if (row_is_text(&a->rows[i])) {
			load_edit(a);
			if (x >= VALUE_X)
				ui_text_click(&a->edit, x - VALUE_X);
		} else if (x >= VALUE_X || a->rows[i].field == YC_F__COUNT ||
			   model_fields[a->rows[i].field].widget == YC_W_TOGGLE) {
			activate(a);
		}
		return;
	}
}

static void editor_wheel(struct app *a, int dir)
{
	if (dir > 0)
		set_focus(a, a->focus + 3 < a->n_rows ? a->focus + 3 : a->n_rows - 1);
	else
		set_focus(a, a->focus > 3 ? a->focus - 3 : 0);
}

static bool editor_typing(struct app *a)
{
	return a->have_draft && row_is_text(focused(a));
}

const struct ui_view ui_view_editor = {"editor", UI_SC_TABS | UI_SC_EDITOR, editor_draw, editor_key, editor_click,
				       editor_wheel, editor_typing, NULL};
