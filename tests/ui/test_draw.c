/* test_draw.c — text from the network never steers the terminal: control characters (C0, C1,
 * DEL) and the invisible bidi / zero-width format characters are drawn as '?', one column each,
 * while letters keep their width (Cyrillic 1, CJK 2). No terminal needed: the width walk is the
 * one drawing uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui/ui_int.h"

static void controls_become_question_marks(void **state)
{
	(void)state;
	const wchar_t bad[] = {0x1b, 0x07, 0x0d, 0x7f, 0x85, 0x9b, 0x202e, 0x2066, 0x200b, 0x200f, 0xfeff, 0x061c};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		wchar_t wc = bad[i];
		assert_int_equal(ui_safe_wc(&wc), 1);
		assert_int_equal(wc, L'?');
	}
}

static void letters_keep_their_width(void **state)
{
	(void)state;
	wchar_t ya = 0x044f, han = 0x4e2d, a = L'a';
	assert_int_equal(ui_safe_wc(&ya), 1);
	assert_int_equal(ya, 0x044f);
	assert_int_equal(ui_safe_wc(&han), 2);
	assert_int_equal(han, 0x4e2d);
	assert_int_equal(ui_safe_wc(&a), 1);
	assert_int_equal(a, L'a');
}

static void widths_count_the_replacements(void **state)
{
	(void)state;
	/* "a ESC [31m b": ESC is one '?' column, the rest plain text. */
	assert_int_equal(ui_text_width("a\x1b[31mb"), 7);
	/* RLO between letters: one column, shown as '?', never reordering what follows. */
	assert_int_equal(ui_text_width("ab\xe2\x80\xae" "cd"), 5);
	assert_int_equal(ui_text_width("очередь"), 7);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8")) {
		fputs("no UTF-8 locale (C.UTF-8 or en_US.UTF-8): the TUI needs one\n", stderr);
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_become_question_marks),
		cmocka_unit_test(letters_keep_their_width),
		cmocka_unit_test(widths_count_the_replacements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
