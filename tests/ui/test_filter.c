/* test_filter.c — the list filter as a pure function: what matches, refining in place, and the
 * order kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "ui/filter.h"

static const char *const items[] = {"functions-invoker (aje1)", "ymq-writer (aje2)", "Deployer (aje3)",
				    "сервис-отчётов (aje4)", "image-resizer-sa (aje5)"};
#define N (sizeof items / sizeof items[0])

static void match_folds_ascii_only(void **state)
{
	(void)state;
	assert_true(ui_filter_match("Deployer", "deploy"));
	assert_true(ui_filter_match("deployer", "DEPLOY"));
	assert_true(ui_filter_match("сервис-отчётов", "отчёт"));
	assert_false(ui_filter_match("сервис-отчётов", "ОТЧЁТ")); /* bytes compare beyond ASCII */
	assert_true(ui_filter_match("anything", ""));
	assert_false(ui_filter_match(NULL, "x"));
	assert_false(ui_filter_match("abc", "abcd"));
	assert_true(ui_filter_match("aaab", "aab")); /* a false start does not hide a later match */
}

static void refine_in_place_keeps_order(void **state)
{
	(void)state;
	uint32_t vis[N];
	size_t n = ui_filter(items, N, NULL, 0, "e", vis); /* every "(ajeN)" has one */
	assert_int_equal(n, 5);
	assert_int_equal(vis[0], 0);
	n = ui_filter(items, N, vis, n, "er", vis);
	assert_int_equal(n, 4);
	n = ui_filter(items, N, vis, n, "er (", vis);
	assert_int_equal(n, 3);
	assert_int_equal(vis[0], 0);
	assert_int_equal(vis[1], 1);
	assert_int_equal(vis[2], 2);
	n = ui_filter(items, N, NULL, 0, "aje4", vis);
	assert_int_equal(n, 1);
	assert_int_equal(vis[0], 3);
	n = ui_filter(items, N, NULL, 0, "zzz", vis);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(match_folds_ascii_only),
		cmocka_unit_test(refine_in_place_keeps_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
