/* draw.c — text on screen measured in display columns (wcwidth), never bytes, so Cyrillic and
 * wide characters align; control characters from outside (C0, C1, DEL, bidi and zero-width
 * format characters) are shown as '?', never sent raw. Every text on screen goes through here
 * or through ui_safe_wc (the text field). */
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

/* Next code point of s (UTF-8); *adv gets the bytes used. Bad bytes become U+FFFD. */
static wchar_t next_wc(const char *s, size_t *adv)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t r = mbrtowc(&wc, s, strlen(s) < 8 ? strlen(s) : 8, &st);
	if (r == 0 || r == (size_t)-1 || r == (size_t)-2) {
		*adv = 1;
		return 0xFFFD;
	}
	*adv = r;
	return wc;
}

/* Invisible characters that still steer the terminal's drawing: bidi overrides and isolates
 * (they reorder what follows, "Trojan Source"), zero-width joiners and marks, the BOM. */
static bool is_format_char(wchar_t wc)
{
	return (wc >= 0x200B && wc <= 0x200F) || (wc >= 0x202A && wc <= 0x202E) || (wc >= 0x2060 && wc <= 0x206F) ||
	       wc == 0x061C || wc == 0xFEFF || (wc >= 0xFFF9 && wc <= 0xFFFB);
}

int ui_safe_wc(wchar_t *wc)
{
	int cw = wcwidth(*wc);
	if (cw < 0 || is_format_char(*wc)) {
		*wc = L'?';
		cw = 1;
	}
	return cw;
}

static int wc_cols(wchar_t *wc)
{
	return ui_safe_wc(wc);
}

int ui_text_width(const char *s)
{
	int w = 0;
	while (s && *s) {
		size_t adv;
		wchar_t wc = next_wc(s, &adv);
		w += wc_cols(&wc);
		s += adv;
	}
	return w;
}

int ui_put(int y, int x, int w, const char *s, attr_t a, bool pad)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	wchar_t buf[512];
	size_t k = 0;
	int used = 0;
	while (s && *s && k + 1 < sizeof buf / sizeof buf[0]) {
		size_t adv;
		wchar_t wc = next_wc(s, &adv);
		if (wc == L'\n' || wc == L'\t')
			wc = L' ';
		int cw = wc_cols(&wc);
		if (used + cw > w)
			break;
		buf[k++] = wc;
		used += cw;
		s += adv;
	}
	buf[k] = 0;
	attrset((int)a);
	mvaddnwstr(y, x, buf, (int)k);
	if (pad)
		for (int i = used; i < w; i++)
			addch(' ');
	attrset(A_NORMAL);
	return used;
}

int ui_put_cut(int y, int x, int w, const char *s, attr_t a)
{
	if (ui_text_width(s) <= w || w < 2)
		return ui_put(y, x, w, s, a, false);
	int used = ui_put(y, x, w - 1, s, a, false);
	return used + ui_put(y, x + used, 1, "…", a, false);
}

void ui_fill(int y, int x, int w, attr_t a)
{
	if (y < 0 || y >= LINES)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset((int)a);
	move(y, x);
	for (int i = 0; i < w; i++)
		addch(' ');
	attrset(A_NORMAL);
}

const char *ui_tr(const struct ui_options *o, const char *ru, const char *en)
{
	return o->lang == YC_LANG_EN ? en : ru;
}

void ui_box(int y, int x, int h, int w, attr_t a, const char *title)
{
	attrset((int)a);
	for (int r = 0; r < h; r++) {
		move(y + r, x);
		for (int c = 0; c < w; c++) {
			bool top = r == 0, bot = r == h - 1, l = c == 0, rt = c == w - 1;
			chtype ch = ' ';
			if ((top || bot) && (l || rt))
				ch = top ? (l ? ACS_ULCORNER : ACS_URCORNER) : (l ? ACS_LLCORNER : ACS_LRCORNER);
			else if (top || bot)
				ch = ACS_HLINE;
			else if (l || rt)
				ch = ACS_VLINE;
			addch(ch);
		}
	}
	attrset(A_NORMAL);
	if (title && w > 6) {
		ui_put(y, x + 2, 1, " ", a, false);
		int tw = ui_put(y, x + 3, w - 6, title, a | A_BOLD, false);
		ui_put(y, x + 3 + tw, 1, " ", a, false);
	}
}

/* Writes s wrapped into the box's width, a new row at each '\n'; returns the next row. */
int ui_wrap(int y, int x, int w, int bottom, const char *s, attr_t at)
{
	return ui_wrap_hang(y, x, w, bottom, s, at, 0);
}

int ui_wrap_hang(int y, int x0, int w0, int bottom, const char *s, attr_t at, int hang)
{
	char line[1024];
	if (!s)
		return y;
	if (hang < 0 || hang > w0 / 2)
		hang = 0;
	bool first = true; /* the first row of a paragraph: not indented */
	while (*s && y < bottom) {
		if (*s == '\n') {
			s++;
			first = true;
			continue;
		}
		int x = first ? x0 : x0 + hang, w = first ? w0 : w0 - hang;
		first = false;
		/* Take as many bytes as fit in w columns, cutting at a code point boundary. */
		size_t take = 0, best = 0;
		while (s[take] && s[take] != '\n') {
			size_t next = take + 1;
			while (s[next] && ((unsigned char)s[next] & 0xC0) == 0x80)
				next++;
			if (next >= sizeof line)
				break;
			memcpy(line, s, next);
			line[next] = 0;
			if (ui_text_width(line) > w)
				break;
			take = best = next;
		}
		if (!best)
			best = 1;
		/* Break between words when one fits: the last space of the piece. */
		if (s[best] && s[best] != ' ' && s[best] != '\n') {
			size_t sp = best;
			while (sp > 0 && s[sp] != ' ')
				sp--;
			if (sp > 0 && sp >= best / 3)
				best = sp;
		}
		memcpy(line, s, best);
		line[best] = 0;
		ui_put(y++, x, w, line, at, false);
		s += best;
		while (*s == ' ')
			s++;
	}
	return y;
}

int ui_wrap_rows(int w, const char *s)
{
	return ui_wrap_hang_rows(w, s, 0);
}

int ui_wrap_hang_rows(int w, const char *s, int hang)
{
	/* The same walk as drawing, above the screen, where ui_put draws nothing. */
	const int off = -100000;
	return ui_wrap_hang(off, 0, w, 0, s, A_NORMAL, hang) - off;
}

void ui_draw_popup_frame(struct app *a, int h, int w, const char *title, int *y0, int *x0)
{
	(void)a;
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 3)
		h = LINES - 3;
	*y0 = (LINES - 2 - h) / 2;
	*x0 = (COLS - w) / 2;
	ui_box(*y0, *x0, h, w, A_NORMAL, title);
}

