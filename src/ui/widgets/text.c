/* widgets/text.c — a one-line text field, edited by code point and drawn by display width, so
 * a Cyrillic value behaves like a Latin one. The caller owns the struct; nothing is allocated
 * except the string ui_text_get returns. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

void ui_text_set(struct ui_text *t, const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	t->len = 0;
	while (s && *s && t->len < UI_TEXT_MAX) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, strlen(s), &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof st);
			wc = 0xFFFD;
			r = 1;
		}
		t->buf[t->len++] = wc;
		s += r;
	}
	t->buf[t->len] = 0;
	t->cur = t->len;
	t->off = 0;
}

char *ui_text_get(const struct ui_text *t)
{
	size_t cap = t->len * MB_LEN_MAX + 1;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t k = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < t->len; i++) {
		size_t r = wcrtomb(out + k, t->buf[i], &st);
		if (r == (size_t)-1) {
			out[k] = '?';
			r = 1;
			memset(&st, 0, sizeof st);
		}
		k += r;
	}
	out[k] = 0;
	return out;
}

static bool text_insert(struct ui_text *t, wint_t ch)
{
	if (t->len >= UI_TEXT_MAX || ch < 32 || ch == 127)
		return false;
	if (t->digits_only && (ch < '0' || ch > '9'))
		return false;
	memmove(t->buf + t->cur + 1, t->buf + t->cur, (t->len - t->cur) * sizeof(wchar_t));
	t->buf[t->cur++] = (wchar_t)ch;
	t->buf[++t->len] = 0;
	return true;
}

static bool text_delete_at(struct ui_text *t, size_t at)
{
	if (at >= t->len)
		return false;
	memmove(t->buf + at, t->buf + at + 1, (t->len - at) * sizeof(wchar_t));
	t->len--;
	return true;
}

bool ui_text_key(struct ui_text *t, enum ui_action a, wint_t ch)
{
	switch (a) {
	case UI_A_CHAR:
		return text_insert(t, ch);
	case UI_A_TOGGLE:
		return text_insert(t, L' ');
	case UI_A_BACKSPACE:
		if (t->cur == 0)
			return false;
		t->cur--;
		return text_delete_at(t, t->cur);
	case UI_A_DELETE:
		return text_delete_at(t, t->cur);
	case UI_A_LEFT:
		if (t->cur > 0)
			t->cur--;
		return false;
	case UI_A_RIGHT:
		if (t->cur < t->len)
			t->cur++;
		return false;
	case UI_A_HOME:
		t->cur = 0;
		return false;
	case UI_A_END:
		t->cur = t->len;
		return false;
	default:
		return false;
	}
}

static int cols_of(wchar_t wc)
{
	return ui_safe_wc(&wc);
}

void ui_text_click(struct ui_text *t, int col)
{
	size_t i = t->off;
	int used = 0;
	while (i < t->len && used + cols_of(t->buf[i]) <= col)
		used += cols_of(t->buf[i++]);
	t->cur = i;
}

void ui_text_draw(struct ui_text *t, int y, int x, int w, attr_t a, int *cursor_x)
{
	if (w < 2)
		return;
	/* Scroll so that the cursor stays inside, one column kept for it at the end. */
	if (t->cur < t->off)
		t->off = t->cur;
	for (;;) {
		int used = 0;
		for (size_t i = t->off; i < t->cur; i++)
			used += cols_of(t->buf[i]);
		if (used < w || t->off >= t->cur)
			break;
		t->off++;
	}
	attrset((int)a);
	move(y, x);
	int used = 0;
	for (size_t i = t->off; i < t->len; i++) {
		wchar_t wc = t->buf[i];
		int cw = ui_safe_wc(&wc);
		if (used + cw > w)
			break;
		addnwstr(&wc, 1);
		used += cw;
	}
	for (; used < w; used++)
		addch(' ');
	attrset(A_NORMAL);
	int cx = 0;
	for (size_t i = t->off; i < t->cur; i++)
		cx += cols_of(t->buf[i]);
	if (cursor_x)
		*cursor_x = x + cx;
}
