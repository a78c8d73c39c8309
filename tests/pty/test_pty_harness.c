/* test_pty_harness.c — the harness tested against programs whose output is known: printf in a
 * shell, a tiny ncursesw program (fixtures/), and dialog. Nothing here depends on ycfn.
 * Usage: pty_harness_test <test-name> <path of pty_fixture_curses> */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pty.h"

static const char *fixture_path;
/* ncurses keeps memory to the end by design: leak reports from the fixture are not ours. */
static const char *const fixture_env[] = {"ASAN_OPTIONS=detect_leaks=0", "ESCDELAY=25", NULL};

static struct pty_term *fixture(int cols, int rows)
{
	const char *argv[] = {fixture_path, NULL};
	struct pty_term *t = pty_spawn(argv, fixture_env, cols, rows);
	assert_non_null(t);
	assert_true(pty_wait_text(t, "fixture ready", 5000));
	return t;
}

static struct pty_term *shell(const char *script)
{
	const char *argv[] = {"/bin/sh", "-c", script, NULL};
	struct pty_term *t = pty_spawn(argv, NULL, 80, 24);
	assert_non_null(t);
	return t;
}

static void assert_row(struct pty_term *t, int row, const char *want)
{
	char *got = pty_row(t, row);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* printf's bytes arrive exactly, colours do not show in the text, a CJK character is one char. */
static void text_and_bytes(void **state)
{
	(void)state;
	struct pty_term *t = shell("printf 'h\\303\\251llo\\033[31mred\\033[0m \\346\\274\\242\\345\\255\\227|'");
	assert_true(pty_wait_text(t, "|", 5000));
	assert_row(t, 0, "héllored 漢字|");
	int st;
	assert_true(pty_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* h é(2) llo ESC[31m(5) red ESC[0m(4) space 漢字(6) | */
	assert_int_equal(pty_bytes_out(t), 1 + 2 + 3 + 5 + 3 + 4 + 1 + 6 + 1);
	pty_close(t);
}

static void exit_status(void **state)
{
	(void)state;
	struct pty_term *t = shell("exit 3");
	int st;
	assert_true(pty_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	assert_false(pty_running(t));
	pty_close(t);

	t = shell("echo up; exec sleep 30");
	assert_true(pty_wait_text(t, "up", 5000));
	assert_true(pty_running(t));
	assert_int_equal(pty_signal(t, SIGTERM), 0);
	assert_true(pty_wait_exit(t, 5000, &st));
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
	pty_close(t);

	/* The terminal going away hangs the session up. */
	t = shell("echo up; exec sleep 30");
	assert_true(pty_wait_text(t, "up", 5000));
	pty_hangup(t);
	assert_true(pty_wait_exit(t, 5000, &st));
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGHUP);
	assert_int_equal(pty_key(t, "Enter"), -1);
	assert_true(pty_screen_has(t, "up"));
	pty_close(t);

	/* The environment is the harness's, not the caller's. */
	setenv("NO_COLOR", "1", 1);
	const char *env[] = {"YCFN_X=42", NULL};
	const char *argv[] = {"/bin/sh", "-c", "echo \"[$TERM|$LANG|${NO_COLOR-unset}|$YCFN_X]\"", NULL};
	t = pty_spawn(argv, env, 80, 24);
	assert_true(pty_wait_text(t, "]", 5000));
	assert_true(pty_screen_has(t, "[xterm-256color|C.UTF-8|unset|42]"));
	pty_close(t);
	unsetenv("NO_COLOR");
}

static void key_shows(struct pty_term *t, const char *key, const char *want)
{
	char line[96];
	snprintf(line, sizeof line, "key: %s", want);
	assert_int_equal(pty_key(t, key), 0);
	if (!pty_wait_text(t, line, 3000)) {
		char *s = pty_screen(t);
		fail_msg("key %s: wanted \"%s\", screen:\n%s", key, line, s);
	}
}

/* Each named key reaches an ncurses program as the key it names (keypad mode honoured). */
static void keys(void **state)
{
	(void)state;
	struct pty_term *t = fixture(80, 24);
	static const char *const pairs[][2] = {
		{"F1", "KEY_F(1)"}, {"F5", "KEY_F(5)"}, {"F10", "KEY_F(10)"}, {"F12", "KEY_F(12)"},
		{"Up", "KEY_UP"}, {"Down", "KEY_DOWN"}, {"Left", "KEY_LEFT"}, {"Right", "KEY_RIGHT"},
		{"Home", "KEY_HOME"}, {"End", "KEY_END"}, {"PgUp", "KEY_PPAGE"}, {"PgDn", "KEY_NPAGE"},
		{"Delete", "KEY_DC"}, {"S-Tab", "KEY_BTAB"}, {"Tab", "^I"}, {"Enter", "^J"} /* ncurses nl(): CR reads as NL */,
		{"C-x", "^X"}, {"C-s", "^S"}, {"Esc", "^["}, {"Backspace", "KEY_BACKSPACE"},
		{"Space", "char"} /* "char " trimmed */, {"ж", "char ж"}, {"?", "char ?"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		key_shows(t, pairs[i][0], pairs[i][1]);
	assert_int_equal(pty_key(t, "NoSuchKey"), -1);
	assert_int_equal(pty_type(t, "Ё"), 0);
	assert_true(pty_wait_text(t, "key: char Ё", 3000));
	pty_close(t);
}

/* A wide character takes two cells: what follows it sits where a person sees it. */
static void wide_and_cursor(void **state)
{
	(void)state;
	struct pty_term *t = fixture(80, 24);
	assert_row(t, 1, "Привет 漢字 end");
	char *row = pty_row(t, 1);
	assert_non_null(strstr(row, "end"));
	free(row);
	int col, r;
	bool vis;
	/* The fixture moves the cursor after drawing the row: poll until it has, or time out. */
	for (int waited = 0; waited < 3000; waited += 20) {
		pty_cursor(t, &col, &r, &vis);
		if (col == 3 && r == 6)
			break;
		pty_pump(t, 20);
	}
	pty_cursor(t, &col, &r, &vis);
	assert_int_equal(col, 3);
	assert_int_equal(r, 6);
	assert_true(vis);
	assert_int_equal(pty_key(t, "h"), 0);
	assert_true(pty_wait_text(t, "key: hidden", 3000));
	pty_cursor(t, NULL, NULL, &vis);
	assert_false(vis);
	assert_false(pty_cursor_visible(t));
	pty_close(t);
}

static void resize(void **state)
{
	(void)state;
	struct pty_term *t = fixture(80, 24);
	assert_int_equal(pty_resize(t, 100, 30), 0);
	assert_true(pty_wait_text(t, "size 100x30", 3000));
	assert_int_equal(pty_resize(t, 20, 5), 0);
	assert_true(pty_wait_text(t, "size 20x5", 3000));
	int c, r;
	pty_size(t, &c, &r);
	assert_int_equal(c, 20);
	assert_int_equal(r, 5);
	assert_int_equal(pty_resize(t, 0, 5), -1);
	pty_close(t);
}

static void mouse(void **state)
{
	(void)state;
	struct pty_term *t = fixture(80, 24);
	assert_true(pty_mouse_mode(t) != 0);
	assert_int_equal(pty_click(t, 7, 4), 0);
	if (!pty_wait_text(t, "mouse: 7,4", 3000)) {
		char *s = pty_screen(t);
		fail_msg("no click seen:\n%s", s);
	}
	pty_close(t);
}

/* Clean exit restores the termios, leaves the alternate screen and shows the cursor; an exit
 * without endwin leaves them raw — and the harness sees the difference. */
static void termios_and_modes(void **state)
{
	(void)state;
	struct pty_term *t = fixture(80, 24);
	struct termios before, now;
	char why[160];
	assert_int_equal(pty_termios_initial(t, &before), 0);
	assert_int_equal(pty_termios(t, &now), 0);
	assert_false(pty_termios_same(&before, &now, why, sizeof why));
	assert_non_null(strstr(why, "c_"));
	assert_true(pty_altscreen(t));
	assert_int_equal(pty_key(t, "q"), 0);
	int st;
	assert_true(pty_wait_exit(t, 5000, &st));
	assert_int_equal(pty_termios(t, &now), 0);
	assert_true(pty_termios_same(&before, &now, why, sizeof why));
	assert_false(pty_altscreen(t));
	assert_true(pty_cursor_visible(t));
	assert_int_equal(pty_mouse_mode(t), 0);
	char tail[64];
	size_t n = pty_tail(t, tail, sizeof tail);
	assert_true(n > 0 && memmem(tail, n, "\x1b[?1049l", 8));
	pty_close(t);

	t = fixture(80, 24);
	assert_int_equal(pty_key(t, "x"), 0);
	assert_true(pty_wait_exit(t, 5000, &st));
	assert_int_equal(WEXITSTATUS(st), 3);
	assert_int_equal(pty_termios(t, &now), 0);
	assert_false(pty_termios_same(&before, &now, why, sizeof why));
	assert_true(pty_altscreen(t));
	pty_close(t);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void screenshot(void **state)
{
	(void)state;
	char dir[] = "/tmp/pty_shot_XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct pty_term *t = fixture(40, 8);
	assert_int_equal(pty_screenshot(t, dir, "fixture"), 0);
	char path[256];
	snprintf(path, sizeof path, "%s/fixture.txt", dir);
	char *txt = slurp(path);
	assert_non_null(strstr(txt, "Привет 漢字 end\n"));
	assert_non_null(strstr(txt, "red<b>& green rev"));
	unlink(path);
	snprintf(path, sizeof path, "%s/fixture.svg", dir);
	char *svg = slurp(path);
	assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(svg, "fill=\"#ff0000\" font-weight=\"bold\""));   /* colour 196, bold */
	assert_non_null(strstr(svg, "red&lt;b&gt;&amp;"));                        /* escaped */
	assert_non_null(strstr(svg, "fill=\"#4e9a06\""));                         /* green background */
	assert_non_null(strstr(svg, "text-decoration=\"underline\""));
	assert_non_null(strstr(svg, "fill=\"#d0d0d0\"/>"));                       /* reverse: default fg as bg */
	assert_non_null(strstr(svg, ">漢字</text>"));
	assert_null(strstr(svg, "\x1b"));
	unlink(path);
	rmdir(dir);
	pty_close(t);
}

static void wait_gone(void **state)
{
	(void)state;
	struct pty_term *t = fixture(80, 24);
	assert_int_equal(pty_key(t, "F2"), 0);
	assert_true(pty_wait_text(t, "KEY_F(2)", 3000));
	assert_int_equal(pty_key(t, "F3"), 0);
	assert_true(pty_wait_gone(t, "KEY_F(2)", 3000));
	assert_true(pty_screen_has(t, "KEY_F(3)"));
	assert_false(pty_wait_text(t, "never shown", 100));
	assert_true(pty_wait_quiet(t, 50, 3000));
	pty_close(t);
}

static void watch(void **state)
{
	(void)state;
	const char *argv[] = {"/bin/sh", "-c", "printf 'x%.0s' $(seq 1 20000); printf 'Address'; printf 'Sanitizer\\n'", NULL};
	struct pty_term *t = pty_spawn(argv, NULL, 80, 24);
	assert_int_equal(pty_watch(t, "AddressSanitizer"), 0);
	assert_int_equal(pty_watch(t, "runtime error:"), 0);
	int st;
	assert_true(pty_wait_exit(t, 10000, &st));
	assert_true(pty_seen(t, "AddressSanitizer"));
	assert_false(pty_seen(t, "runtime error:"));
	assert_int_equal(pty_bytes_out(t), 20000 + 16 + 2);
	pty_close(t);
}

/* Keys a program has not read are counted; once it reads them, none are. */
static void input_pending(void **state)
{
	(void)state;
	struct pty_term *t = shell("echo up; exec sleep 30");
	assert_true(pty_wait_text(t, "up", 5000));
	assert_int_equal(pty_type(t, "abc\n"), 0); /* a whole line: counted in canonical mode */
	long long end = (long long)time(NULL) + 5;
	while (pty_input_pending(t) != 4 && time(NULL) < end)
		pty_pump(t, 5);
	assert_int_equal(pty_input_pending(t), 4);
	assert_false(pty_wait_input_taken(t, 100));
	pty_close(t);

	t = fixture(80, 24);
	for (int i = 0; i < 200; i++)
		assert_int_equal(pty_key(t, i % 2 ? "F2" : "Right"), 0);
	assert_true(pty_wait_input_taken(t, 5000));
	assert_int_equal(pty_input_pending(t), 0);
	assert_true(pty_wait_text(t, "key: KEY_F(2)", 3000));
	pty_close(t);
}

/* dialog reads what we type into a form field and prints it at Enter. */
static void dialog_form(void **state)
{
	(void)state;
	char out[] = "/tmp/pty_dialog_XXXXXX";
	int fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	char envout[300];
	snprintf(envout, sizeof envout, "OUT=%s", out);
	const char *env[] = {envout, NULL};
	const char *argv[] = {"/bin/sh", "-c",
		"dialog --form Test 10 40 2 'Retries:' 1 1 '' 1 10 5 0 'Имя:' 2 1 '' 2 10 10 0 2>\"$OUT\"", NULL};
	struct pty_term *t = pty_spawn(argv, env, 80, 24);
	assert_true(pty_wait_text(t, "Retries:", 5000));
	assert_int_equal(pty_type(t, "42"), 0);
	assert_true(pty_wait_text(t, "42", 3000));
	assert_int_equal(pty_key(t, "Down"), 0);
	assert_int_equal(pty_type(t, "Юля"), 0);
	assert_true(pty_wait_text(t, "Юля", 3000));
	assert_int_equal(pty_key(t, "Enter"), 0);
	int st;
	assert_true(pty_wait_exit(t, 5000, &st));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_string_equal(slurp(out), "42\nЮля\n");
	unlink(out);
	pty_close(t);
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest all[] = {
		cmocka_unit_test(text_and_bytes), cmocka_unit_test(exit_status),
		cmocka_unit_test(keys), cmocka_unit_test(wide_and_cursor),
		cmocka_unit_test(resize), cmocka_unit_test(mouse),
		cmocka_unit_test(termios_and_modes), cmocka_unit_test(screenshot),
		cmocka_unit_test(wait_gone), cmocka_unit_test(watch), cmocka_unit_test(input_pending),
		cmocka_unit_test(dialog_form),
	};
	if (argc < 3) {
		fprintf(stderr, "usage: %s <test|all> <pty_fixture_curses>\n", argv[0]);
		return 2;
	}
	fixture_path = argv[2];
	if (strcmp(argv[1], "all") == 0)
		return cmocka_run_group_tests(all, NULL, NULL);
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(all[i].name, argv[1]) == 0)
			return _cmocka_run_group_tests(argv[1], &all[i], 1, NULL, NULL);
	fprintf(stderr, "no test named %s\n", argv[1]);
	return 2;
}
