/* pty_shot.c — screenshots: name.txt (the text) and name.svg (a monospace grid, each cell with
 * its colours and attributes as vterm holds them, on a dark theme). Every glyph is placed at its
 * own cell's x, so that Cyrillic, CJK and box drawing stay on the grid whatever font renders it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pty_internal.h"

enum { CELL_W = 9, CELL_H = 18, FONT_PX = 15, BASELINE = 14 };

#define THEME_FG 0xd0d0d0u
#define THEME_BG 0x1c1c1cu

/* Tango-like 16 colours, readable on the dark background. */
static const unsigned ansi16[16] = {
	0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
	0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
};

static unsigned xterm256(unsigned idx)
{
	if (idx < 16)
		return ansi16[idx];
	if (idx < 232) {
		static const unsigned lv[6] = {0, 95, 135, 175, 215, 255};
		idx -= 16;
		return lv[idx / 36] << 16 | lv[(idx / 6) % 6] << 8 | lv[idx % 6];
	}
	unsigned g = 8 + 10 * (idx - 232);
	return g << 16 | g << 8 | g;
}

static unsigned color_rgb(const VTermColor *c, bool fg)
{
	if (fg && VTERM_COLOR_IS_DEFAULT_FG(c))
		return THEME_FG;
	if (!fg && VTERM_COLOR_IS_DEFAULT_BG(c))
		return THEME_BG;
	if (VTERM_COLOR_IS_INDEXED(c))
		return xterm256(c->indexed.idx);
	return (unsigned)c->rgb.red << 16 | (unsigned)c->rgb.green << 8 | c->rgb.blue;
}

struct cell_style {
	unsigned fg, bg;
	bool bold, underline, italic;
};

static struct cell_style style_of(const VTermScreenCell *cell)
{
	struct cell_style s = {
		.fg = color_rgb(&cell->fg, true),
		.bg = color_rgb(&cell->bg, false),
		.bold = cell->attrs.bold,
		.underline = cell->attrs.underline != 0,
		.italic = cell->attrs.italic,
	};
	if (cell->attrs.reverse) {
		unsigned x = s.fg;
		s.fg = s.bg;
		s.bg = x;
	}
	return s;
}

static bool style_eq(const struct cell_style *a, const struct cell_style *b)
{
	return a->fg == b->fg && a->bold == b->bold && a->underline == b->underline && a->italic == b->italic;
}

/* One code point as XML text: markup escaped, characters XML forbids replaced. */
static void xml_char(FILE *f, uint32_t cp)
{
	if (cp == '&')
		fputs("&amp;", f);
	else if (cp == '<')
		fputs("&lt;", f);
	else if (cp == '>')
		fputs("&gt;", f);
	else if (cp == '"')
		fputs("&quot;", f);
	else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp < 0xe000) ||
		 cp == 0xfffe || cp == 0xffff || cp > 0x10ffff)
		fputs("&#xFFFD;", f);
	else {
		char u[4];
		size_t len = pty_utf8_encode(cp, u);
		fwrite(u, 1, len, f);
	}
}

static void cell_at(struct pty_term *t, int row, int col, VTermScreenCell *cell)
{
	memset(cell, 0, sizeof *cell);
	vterm_screen_get_cell(t->screen, (VTermPos){.row = row, .col = col}, cell);
}

static void svg_backgrounds(struct pty_term *t, FILE *f, int row)
{
	for (int col = 0; col < t->cols;) {
		VTermScreenCell cell;
		cell_at(t, row, col, &cell);
		unsigned bg = style_of(&cell).bg;
		int end = col + 1;
		for (; end < t->cols; end++) {
			VTermScreenCell next;
			cell_at(t, row, end, &next);
			if (style_of(&next).bg != bg)
				break;
		}
		if (bg != THEME_BG)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%06x\"/>\n",
				col * CELL_W, row * CELL_H, (end - col) * CELL_W, CELL_H, bg);
		col = end;
	}
}

/* Nothing to draw in the cell: no glyph, and no underline that would show under a space. */
static bool blank(const VTermScreenCell *c)
{
	return (c->chars[0] == 0 || c->chars[0] == ' ' || c->chars[0] == (uint32_t)-1) && !c->attrs.underline;
}

/* A run of non-blank cells of one style as one <text>, with an x for every glyph. */
static int svg_text_run(struct pty_term *t, FILE *f, int row, int col)
{
	VTermScreenCell cell;
	cell_at(t, row, col, &cell);
	struct cell_style s = style_of(&cell);
	int end = col;
	fprintf(f, "<text y=\"%d\" fill=\"#%06x\"%s%s%s x=\"", row * CELL_H + BASELINE, s.fg,
		s.bold ? " font-weight=\"bold\"" : "", s.italic ? " font-style=\"italic\"" : "",
		s.underline ? " text-decoration=\"underline\"" : "");
	for (; end < t->cols; end++) {
		VTermScreenCell c;
		cell_at(t, row, end, &c);
		struct cell_style cs = style_of(&c);
		if (blank(&c) || !style_eq(&cs, &s))
			break;
		fprintf(f, "%s%d", end > col ? " " : "", end * CELL_W);
		if (c.width == 2)
			end++;
	}
	fputs("\">", f);
	for (int i = col; i < end; i++) {
		VTermScreenCell c;
		cell_at(t, row, i, &c);
		if (c.chars[0] == 0)
			fputc(' ', f); /* an underlined empty cell */
		for (int k = 0; k < VTERM_MAX_CHARS_PER_CELL && c.chars[k] && c.chars[k] != (uint32_t)-1; k++)
			xml_char(f, c.chars[k]);
		if (c.width == 2)
			i++;
	}
	fputs("</text>\n", f);
	return end;
}

static void svg_write(struct pty_term *t, FILE *f)
{
	int w = t->cols * CELL_W, h = t->rows * CELL_H;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		   "font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"%d\" "
		   "xml:space=\"preserve\">\n",
		w, h, w, h, FONT_PX);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#%06x\"/>\n", w, h, THEME_BG);
	for (int row = 0; row < t->rows; row++)
		svg_backgrounds(t, f, row);
	for (int row = 0; row < t->rows; row++) {
		for (int col = 0; col < t->cols;) {
			VTermScreenCell cell;
			cell_at(t, row, col, &cell);
			if (blank(&cell))
				col++;
			else
				col = svg_text_run(t, f, row, col);
		}
	}
	int ccol, crow;
	bool visible;
	pty_cursor(t, &ccol, &crow, &visible);
	if (visible && ccol < t->cols && crow < t->rows)
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#%06x\"/>\n",
			ccol * CELL_W, crow * CELL_H, CELL_W, CELL_H, THEME_FG);
	fputs("</svg>\n", f);
}

static int write_file(const char *dir, const char *name, const char *ext, struct pty_term *t, bool svg)
{
	char path[4096];
	if ((size_t)snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext) >= sizeof path)
		return -1;
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	if (svg) {
		svg_write(t, f);
	} else {
		char *s = pty_screen(t);
		if (s)
			fprintf(f, "%s\n", s);
		free(s);
	}
	return fclose(f) == 0 ? 0 : -1;
}

int pty_screenshot(struct pty_term *t, const char *dir, const char *name)
{
	if (!dir)
		dir = getenv("YCFN_SCREENSHOT_DIR");
	if (!dir || !*dir)
		dir = PTY_SOURCE_DIR "/screenshots";
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -1;
	if (write_file(dir, name, "txt", t, false) < 0)
		return -1;
	return write_file(dir, name, "svg", t, true);
}
