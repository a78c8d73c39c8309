/* folders.c — the first screen when no folder is known: clouds, then a cloud's folders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

static void folders_draw(struct app *a)
{
	char line[300];
	snprintf(line, sizeof line, " %s  %s: %s",
		 a->picking_folders ? app_tr(a, "Выберите каталог", "Choose a folder")
				    : app_tr(a, "Выберите облако", "Choose a cloud"),
		 app_tr(a, "Фильтр", "Filter"), a->folder_list.filter);
	ui_put(1, 0, COLS, line, term_attr(UI_C_LABEL), true);
	/* Typing filters: the cursor sits where the next letter goes. */
	a->cursor_y = 1;
	a->cursor_x = ui_text_width(line) < COLS - 1 ? ui_text_width(line) : COLS - 1;
	ui_list_draw(&a->folder_list, 2, 1, LINES - 4, COLS - 2, NULL, NULL);
	if (!a->folder_list.nvis && !api_running(a->api)) {
		if (a->message_error) {
			int y = ui_wrap(3, 2, COLS - 4, LINES - 4, a->message, term_attr(UI_C_ERROR));
			ui_put(y + 1, 2, COLS - 4, app_tr(a, "F5 — попробовать снова, F10 — выход", "F5 tries again, F10 quits"),
			       term_attr(UI_C_DIM), false);
		} else {
			ui_put(3, 2, COLS - 4, app_tr(a, "Ничего не найдено", "Nothing found"), term_attr(UI_C_DIM), false);
		}
	}
}

static void folders_choose(struct app *a)
{
	long i = ui_list_current(&a->folder_list);
	if (i < 0)
		return;
	if (!a->picking_folders) {
		data_load_folders(a, a->clouds.items[i].id);
		return;
	}
	free(a->folder_id);
	free(a->folder_name);
	a->folder_id = strdup(a->folders.items[i].id);
	a->folder_name = a->folders.items[i].name ? strdup(a->folders.items[i].name) : NULL;
	data_load_functions(a);
}

static void folders_key(struct app *a, enum ui_action act, wint_t ch)
{
	if (act == UI_A_ENTER) {
		folders_choose(a);
	} else if (act == UI_A_ESC) {
		if (a->folder_list.filter[0]) {
			a->folder_list.filter[0] = 0;
			ui_list_set(&a->folder_list, a->folder_items, a->folder_list.n);
		} else if (a->picking_folders && a->clouds.n > 1) {
			a->picking_folders = false;
			a->folder_list.filter[0] = 0;
			free(a->folder_items);
			a->folder_items = calloc(a->clouds.n, sizeof *a->folder_items);
			for (size_t i = 0; a->folder_items && i < a->clouds.n; i++)
				a->folder_items[i] = a->clouds.items[i].name;
			ui_list_set(&a->folder_list, a->folder_items, a->folder_items ? a->clouds.n : 0);
		}
	} else if (act == UI_A_RELOAD) {
		data_load_clouds(a);
	} else {
		ui_list_key(&a->folder_list, act, ch);
	}
}

static void folders_click(struct app *a, int y, int x)
{
	(void)x;
	long before = ui_list_current(&a->folder_list);
	if (ui_list_click(&a->folder_list, 2, y) && before == ui_list_current(&a->folder_list))
		folders_choose(a);
}

static void folders_wheel(struct app *a, int dir)
{
	ui_list_wheel(&a->folder_list, dir);
}

static bool always(struct app *a)
{
	(void)a;
	return true;
}

/* Esc clears the filter, or goes back from folders to the clouds when there are several. */
static unsigned folders_hints_off(struct app *a)
{
	bool back = a->folder_list.filter[0] || (a->picking_folders && a->clouds.n > 1);
	return back ? 0 : 1u << UI_A_ESC;
}

const struct ui_view ui_view_folders = {"folders", UI_SC_LIST, folders_draw, folders_key, folders_click,
					folders_wheel, always, folders_hints_off};
