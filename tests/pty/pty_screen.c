/* pty_screen.c — the vterm screen as UTF-8 text. A wide character (CJK) fills two cells: vterm
 * gives the second as a continuation, which the text skips, so that a row reads as a person sees
 * it. An empty cell reads as a space; trailing spaces are trimmed. */
#include <stdlib.h>
#include <string.h>

#include "pty_internal.h"

struct pty_buf {
	char *s;
	size_t len, cap;
};

static bool buf_put(struct pty_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p)
			return false;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return true;
}

size_t pty_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (cp > 0x10ffff)
		cp = 0xfffd;
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Appends one row; returns false on allocation failure. */
static bool row_text(struct pty_term *t, int row, struct pty_buf *b)
{
	size_t keep = b->len;
	for (int col = 0; col < t->cols; col++) {
		VTermScreenCell cell;
		if (!vterm_screen_get_cell(t->screen, (VTermPos){.row = row, .col = col}, &cell))
			continue;
		if (cell.chars[0] == (uint32_t)-1)
			continue; /* the right half of a wide character */
		if (cell.chars[0] == 0) {
			if (!buf_put(b, " ", 1))
				return false;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++) {
			char u[4];
			size_t len = pty_utf8_encode(cell.chars[i], u);
			if (!buf_put(b, u, len))
				return false;
		}
		if (cell.chars[0] > ' ')
			keep = b->len;
		if (cell.width == 2)
			col++;
	}
	b->len = keep; /* trailing blanks trimmed */
	if (b->s)
		b->s[b->len] = '\0';
	return true;
}

char *pty_row(struct pty_term *t, int row)
{
	struct pty_buf b = {0};
	if (row < 0 || row >= t->rows || !buf_put(&b, "", 0) || !row_text(t, row, &b)) {
		free(b.s);
		return row < 0 || row >= t->rows ? strdup("") : NULL;
	}
	return b.s;
}

char *pty_screen(struct pty_term *t)
{
	struct pty_buf b = {0};
	if (!buf_put(&b, "", 0))
		return NULL;
	for (int row = 0; row < t->rows; row++) {
		if ((row > 0 && !buf_put(&b, "\n", 1)) || !row_text(t, row, &b)) {
			free(b.s);
			return NULL;
		}
	}
	return b.s;
}

bool pty_screen_has(struct pty_term *t, const char *text)
{
	char *s = pty_screen(t);
	bool has = s && strstr(s, text) != NULL;
	free(s);
	return has;
}

void pty_cursor(struct pty_term *t, int *col, int *row, bool *visible)
{
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
	if (col)
		*col = pos.col;
	if (row)
		*row = pos.row;
	if (visible)
		*visible = t->cursor_visible;
}
