/* pty_keys.c — named keys to the bytes an xterm sends. Encoded by libvterm, so that the
 * cursor keys follow the program's keypad mode (ncurses' keypad() switches to "\eOA") exactly
 * as a real xterm would. */
#include <string.h>

#include "pty_internal.h"

static const struct {
	const char *name;
	VTermKey key;
} key_table[] = {
	{"Tab", VTERM_KEY_TAB},
	{"Enter", VTERM_KEY_ENTER},
	{"Esc", VTERM_KEY_ESCAPE},
	{"Backspace", VTERM_KEY_BACKSPACE},
	{"Up", VTERM_KEY_UP},
	{"Down", VTERM_KEY_DOWN},
	{"Left", VTERM_KEY_LEFT},
	{"Right", VTERM_KEY_RIGHT},
	{"Insert", VTERM_KEY_INS},
	{"Delete", VTERM_KEY_DEL},
	{"Home", VTERM_KEY_HOME},
	{"End", VTERM_KEY_END},
	{"PgUp", VTERM_KEY_PAGEUP},
	{"PgDn", VTERM_KEY_PAGEDOWN},
};

/* "S-", "C-", "M-" prefixes, in any order; a lone "C-" or "-" stays a name. */
static const char *parse_mods(const char *name, VTermModifier *mod)
{
	*mod = VTERM_MOD_NONE;
	while (name[0] && name[1] == '-' && name[2]) {
		if (name[0] == 'S')
			*mod |= VTERM_MOD_SHIFT;
		else if (name[0] == 'C')
			*mod |= VTERM_MOD_CTRL;
		else if (name[0] == 'M')
			*mod |= VTERM_MOD_ALT;
		else
			break;
		name += 2;
	}
	return name;
}

/* One UTF-8 code point making up the whole string, or -1. */
static long single_codepoint(const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return -1;
	/* Decoded by hand: the harness must not depend on the test's locale. */
	const unsigned char *u = (const unsigned char *)s;
	long cp;
	size_t need;
	if (u[0] < 0x80) {
		cp = u[0];
		need = 1;
	} else if ((u[0] & 0xe0) == 0xc0) {
		cp = u[0] & 0x1f;
		need = 2;
	} else if ((u[0] & 0xf0) == 0xe0) {
		cp = u[0] & 0x0f;
		need = 3;
	} else if ((u[0] & 0xf8) == 0xf0) {
		cp = u[0] & 0x07;
		need = 4;
	} else {
		return -1;
	}
	if (len != need)
		return -1;
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (u[i] & 0x3f);
	}
	return cp;
}

/* Calls vterm's keyboard with its output captured; false for an unknown name. */
static bool encode(struct pty_term *t, const char *name)
{
	VTermModifier mod;
	const char *base = parse_mods(name, &mod);
	if (strcmp(base, "Space") == 0) {
		vterm_keyboard_unichar(t->vt, ' ', mod);
		return true;
	}
	for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++) {
		if (strcmp(base, key_table[i].name) == 0) {
			vterm_keyboard_key(t->vt, key_table[i].key, mod);
			return true;
		}
	}
	if (base[0] == 'F' && base[1] >= '1' && base[1] <= '9') {
		int n = base[1] - '0';
		if (base[2] >= '0' && base[2] <= '9' && !base[3])
			n = n * 10 + base[2] - '0';
		else if (base[2])
			n = 0;
		if (n >= 1 && n <= 12) {
			vterm_keyboard_key(t->vt, VTERM_KEY_FUNCTION(n), mod);
			return true;
		}
	}
	long cp = single_codepoint(base);
	if (cp < 0)
		return false;
	vterm_keyboard_unichar(t->vt, (uint32_t)cp, mod);
	return true;
}

size_t pty_key_bytes(struct pty_term *t, const char *name, char *buf, size_t n)
{
	t->capture_key = true;
	t->nkey = 0;
	bool ok = encode(t, name);
	t->capture_key = false;
	if (!ok)
		return 0;
	size_t len = t->nkey < n ? t->nkey : n;
	memcpy(buf, t->key, len);
	return len;
}
