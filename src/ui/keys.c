/* keys.c — every key of every screen in one table: the loop dispatches by it, the bottom line
 * shows its hints, and F1/? lists it. Adding a key means adding one row here. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_int.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC_KEY 27

#define EVERY (UI_SC_LIST | UI_SC_TABS | UI_SC_EDITOR | UI_SC_TESTING)
#define FORMS (UI_SC_EDITOR | UI_SC_TESTING)

const struct ui_key_row ui_keys[] = {
	{KEY_F(1), UI_A_HELP, UI_SC_ALL, 0, "F1", "Справка", "Help", "справка: все клавиши этого экрана",
	 "help: every key of this screen"},
	{'?', UI_A_HELP, UI_SC_ALL, UI_KF_NOT_TYPING, "?", NULL, NULL, "справка", "help"},
	{KEY_F(2), UI_A_SAVE, UI_SC_EDITOR, 0, "F2", "Сохранить", "Save", "сохранить изменения (проверка, обзор, развёртывание)",
	 "save changes (check, review, deploy)"},
	{CTRL('s'), UI_A_SAVE, UI_SC_EDITOR, 0, "Ctrl-S", NULL, NULL, "сохранить изменения", "save changes"},
	{'\t', UI_A_NEXT, EVERY, 0, "Tab", NULL, NULL, "следующее поле", "next field"},
	{KEY_BTAB, UI_A_PREV, EVERY, 0, "Shift-Tab", NULL, NULL, "предыдущее поле", "previous field"},
	{KEY_DOWN, UI_A_DOWN, UI_SC_ALL, 0, "↓", NULL, NULL, "вниз / следующее поле", "down / next field"},
	{KEY_UP, UI_A_UP, UI_SC_ALL, 0, "↑", NULL, NULL, "вверх / предыдущее поле", "up / previous field"},
	{KEY_F(3), UI_A_TAB_PREV, UI_SC_TABS, 0, "F3", NULL, NULL, "предыдущая вкладка", "previous tab"},
	{KEY_F(4), UI_A_TAB_NEXT, UI_SC_TABS, 0, "F4", "Вкладка", "Tab", "следующая вкладка", "next tab"},
	{KEY_LEFT, UI_A_LEFT, UI_SC_ALL, 0, "←", NULL, NULL, "курсор влево (вне поля — вкладка)",
	 "cursor left (outside a field: the tab)"},
	{KEY_RIGHT, UI_A_RIGHT, UI_SC_ALL, 0, "→", NULL, NULL, "курсор вправо (вне поля — вкладка)",
	 "cursor right (outside a field: the tab)"},
	{KEY_HOME, UI_A_HOME, UI_SC_ALL, 0, "Home", NULL, NULL, "в начало", "to the start"},
	{KEY_END, UI_A_END, UI_SC_ALL, 0, "End", NULL, NULL, "в конец", "to the end"},
	{KEY_PPAGE, UI_A_PGUP, UI_SC_ALL, 0, "PgUp", NULL, NULL, "страница вверх", "page up"},
	{KEY_NPAGE, UI_A_PGDN, UI_SC_ALL, 0, "PgDn", NULL, NULL, "страница вниз", "page down"},
	/* Enter where it means something else than "choose" (rows before the general one win). */
	{'\r', UI_A_ENTER, UI_SC_REVIEW, 0, "Enter", "Развернуть", "Deploy", "развернуть новую версию",
	 "deploy a new version"},
	{'\r', UI_A_ENTER, UI_SC_PROGRESS | UI_SC_HELP, 0, "Enter", NULL, NULL, "закрыть", "close"},
	{'\r', UI_A_NONE, UI_SC_CONFIRM, 0, "Enter", NULL, NULL, NULL, NULL}, /* a question wants y/n/d */
	{'\r', UI_A_ENTER, UI_SC_ALL, 0, "Enter", "Выбрать", "Choose",
	 "открыть список, нажать кнопку, выбрать", "open a picker, press a button, choose"},
	{'\n', UI_A_ENTER, UI_SC_ALL, 0, "Enter", NULL, NULL, NULL, NULL},
	{KEY_ENTER, UI_A_ENTER, UI_SC_ALL, 0, "Enter", NULL, NULL, NULL, NULL},
	{' ', UI_A_TOGGLE, UI_SC_EDITOR, UI_KF_NOT_TYPING, "Space", NULL, NULL, "переключить", "toggle a switch"},
	{KEY_BACKSPACE, UI_A_BACKSPACE, UI_SC_ALL, 0, "Backspace", NULL, NULL, "стереть символ", "delete a character"},
	{127, UI_A_BACKSPACE, UI_SC_ALL, 0, "Backspace", NULL, NULL, NULL, NULL},
	{CTRL('h'), UI_A_BACKSPACE, UI_SC_ALL, 0, "Backspace", NULL, NULL, NULL, NULL},
	{KEY_DC, UI_A_DELETE, UI_SC_ALL, 0, "Delete", NULL, NULL, "удалить символ", "delete forward"},
	{KEY_F(6), UI_A_INVOKE_ASYNC, UI_SC_TESTING, 0, "F6", "Асинхронно", "Async",
	 "вызвать с ?integration=async", "invoke with ?integration=async"},
	{KEY_F(7), UI_A_INVOKE_SYNC, UI_SC_TESTING, 0, "F7", "Вызвать", "Invoke", "обычный вызов", "a plain call"},
	{'y', UI_A_YES, UI_SC_CONFIRM, 0, "y", "Да", "Yes", "да", "yes"},
	{'n', UI_A_NO, UI_SC_CONFIRM, 0, "n", "Нет", "No", "нет", "no"},
	{'d', UI_A_DISCARD, UI_SC_CONFIRM, 0, "d", NULL, NULL, "отбросить изменения", "discard the changes"},
	{ESC_KEY, UI_A_ESC, UI_SC_ALL, 0, "Esc", "Назад", "Back",
	 "закрыть, отменить запрос, назад (спросит о несохранённом)",
	 "close, cancel a request, go back (asks about unsaved changes)"},
	{KEY_F(5), UI_A_RELOAD, EVERY, 0, "F5", NULL, NULL, "обновить из облака", "reload from the cloud"},
	{'r', UI_A_RELOAD, UI_SC_TABS, UI_KF_NOT_TYPING, "r", NULL, NULL, "обновить", "reload"},
	{KEY_F(10), UI_A_QUIT, UI_SC_ALL, 0, "F10", "Выход", "Quit", "выход (спросит о несохранённом)",
	 "quit (asks about unsaved changes)"},
	{'q', UI_A_QUIT, UI_SC_TABS | UI_SC_HELP, UI_KF_NOT_TYPING, "q", NULL, NULL, "выход", "quit"},
	{CTRL('c'), UI_A_QUIT, UI_SC_ALL, 0, "Ctrl-C", NULL, NULL, "выход", "quit"},
	{CTRL('z'), UI_A_SUSPEND, UI_SC_ALL, 0, "Ctrl-Z", NULL, NULL, "приостановить (fg — вернуться)",
	 "suspend (fg comes back)"},
};
const size_t ui_keys_n = sizeof ui_keys / sizeof ui_keys[0];

enum ui_action keys_lookup(int key, bool is_fn_key, unsigned scopes, bool typing)
{
	scopes |= UI_SC_ALL;
	for (size_t i = 0; i < ui_keys_n; i++) {
		const struct ui_key_row *r = &ui_keys[i];
		if (r->key != key || !(r->scopes & scopes))
			continue;
		/* A character key means itself only when it arrived as a character. */
		if (is_fn_key != (r->key >= KEY_MIN && r->key <= KEY_MAX))
			continue;
		if ((r->flags & UI_KF_NOT_TYPING) && typing)
			continue;
		/* Ctrl-C and Esc stay global, everything else is the scope's own. */
		return r->act;
	}
	if (!is_fn_key && key >= 32 && key != 127)
		return UI_A_CHAR;
	return UI_A_NONE;
}

bool keys_shadowed(size_t i, unsigned scopes)
{
	if (!(ui_keys[i].scopes & UI_SC_ALL))
		return false;
	for (size_t j = 0; j < ui_keys_n; j++)
		if (j != i && ui_keys[j].key == ui_keys[i].key && (ui_keys[j].scopes & scopes & ~(unsigned)UI_SC_ALL))
			return true;
	return false;
}

void keys_hints(unsigned scopes, bool typing, unsigned off, enum yc_lang lang, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = 0;
	for (size_t i = 0; i < ui_keys_n && used + 1 < n; i++) {
		const struct ui_key_row *r = &ui_keys[i];
		const char *hint = lang == YC_LANG_EN ? r->hint_en : r->hint_ru;
		if (!hint || !(r->scopes & (scopes | UI_SC_ALL)))
			continue;
		if ((r->flags & UI_KF_NOT_TYPING) && typing)
			continue;
		if (keys_shadowed(i, scopes) || (r->act < 32 && (off & (1u << r->act))))
			continue;
		if ((r->scopes & UI_SC_ALL) && r->act == UI_A_ENTER && (scopes & UI_SC_TESTING))
			continue;
		int w = snprintf(buf + used, n - used, "%s%s %s", used ? "  " : "", r->name, hint);
		if (w < 0 || (size_t)w >= n - used) {
			buf[used] = 0;
			break;
		}
		used += (size_t)w;
	}
}
