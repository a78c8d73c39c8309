/* widgets/list.c — a scrolling list with filter-as-you-type that knows nothing of what it lists
 * (htop's Panel). Typing one more character refines the current matches in place (filter.c);
 * only the visible rows are drawn. The index array is allocated once per data set, never per
 * keystroke. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ui/filter.h"
#include "ui/ui_int.h"

static void list_refilter(struct ui_list *l, bool refine)
{
	if (!l->vis)
		return;
	l->nvis = ui_filter(l->items, l->n, refine ? l->vis : NULL, l->nvis, l->filter, l->vis);
	if (l->sel >= l->nvis)
		l->sel = l->nvis ? l->nvis - 1 : 0;
	if (!refine)
		l->top = 0;
}

void ui_list_set(struct ui_list *l, const char *const *items, size_t n)
{
	long keep = ui_list_current(l);
	free(l->vis);
	l->items = items;
	l->n = n;
	l->vis = calloc(n ? n : 1, sizeof *l->vis);
	l->nvis = 0;
	l->sel = 0;
	l->top = 0;
	list_refilter(l, false);
	for (size_t i = 0; keep >= 0 && i < l->nvis; i++)
		if (l->vis[i] == (uint32_t)keep)
			l->sel = i;
}

void ui_list_free(struct ui_list *l)
{
	free(l->vis);
	memset(l, 0, sizeof *l);
}

long ui_list_current(const struct ui_list *l)
{
	if (!l->vis || l->sel >= l->nvis)
		return -1;
	return (long)l->vis[l->sel];
}

static void list_move(struct ui_list *l, long delta)
{
	if (!l->nvis)
		return;
	long s = (long)l->sel + delta;
	if (s < 0)
		s = 0;
	if (s >= (long)l->nvis)
		s = (long)l->nvis - 1;
	l->sel = (size_t)s;
}

static void filter_pop(char *f)
{
	size_t n = strlen(f);
	while (n > 0) {
		n--;
		if (((unsigned char)f[n] & 0xC0) != 0x80)
			break;
	}
	f[n] = 0;
}

bool ui_list_key(struct ui_list *l, enum ui_action a, wint_t ch)
{
	int page = l->rows > 1 ? l->rows - 1 : 1;
	switch (a) {
	case UI_A_UP: case UI_A_PREV: list_move(l, -1); return true;
	case UI_A_DOWN: case UI_A_NEXT: list_move(l, 1); return true;
	case UI_A_PGUP: list_move(l, -page); return true;
	case UI_A_PGDN: list_move(l, page); return true;
	case UI_A_HOME: l->sel = 0; return true;
	case UI_A_END: list_move(l, (long)l->nvis); return true;
	case UI_A_TOGGLE:
	case UI_A_CHAR: {
		char mb[MB_LEN_MAX + 1];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t r = wcrtomb(mb, a == UI_A_TOGGLE ? L' ' : (wchar_t)ch, &st);
		size_t have = strlen(l->filter);
		if (r == (size_t)-1 || have + r + 1 > sizeof l->filter)
			return true;
		memcpy(l->filter + have, mb, r);
		l->filter[have + r] = 0;
		list_refilter(l, true);
		return true;
	}
	case UI_A_BACKSPACE:
		if (!l->filter[0])
			return false;
		filter_pop(l->filter);
		list_refilter(l, false);
		return true;
	default:
		return false;
	}
}

void ui_list_wheel(struct ui_list *l, int dir)
{
	list_move(l, dir * 3);
}

void ui_list_draw(struct ui_list *l, int y, int x, int h, int w, ui_row_fn row, void *ud)
{
	l->rows = h;
	if (l->sel < l->top)
		l->top = l->sel;
	if (h > 0 && l->sel >= l->top + (size_t)h)
		l->top = l->sel - (size_t)h + 1;
	for (int r = 0; r < h; r++) {
		size_t i = l->top + (size_t)r;
		if (i >= l->nvis) {
			ui_fill(y + r, x, w, A_NORMAL);
			continue;
		}
		bool sel = i == l->sel;
		if (row)
			row(ud, l->vis[i], y + r, x, w, sel);
		else
			ui_put(y + r, x, w, l->items[l->vis[i]], sel ? term_attr(UI_C_SEL) : A_NORMAL, true);
	}
}

bool ui_list_click(struct ui_list *l, int y0, int y)
{
	if (y < y0)
		return false;
	size_t i = l->top + (size_t)(y - y0);
	if (i >= l->nvis)
		return false;
	l->sel = i;
	return true;
}
