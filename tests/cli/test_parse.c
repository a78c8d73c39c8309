/* test_parse.c — the flag parser and the yc value syntax, in process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cli_priv.h"
#include "cli/flags.h"
#include "cli/values.h"

static const struct cli_flag_def defs[] = {
	{"--runtime", CLI_FK_VALUE, "R", "", ""},
	{"--environment", CLI_FK_LIST, "KV", "", ""},
	{"--dry-run", CLI_FK_BOOL, NULL, "", ""},
	{"--help", CLI_FK_BOOL, NULL, "", ""},
};

static int parse(struct cli_parser *p, char **argv, int argc, struct yc_error *err)
{
	cli_parser_init(p);
	cli_parser_add(p, defs, sizeof defs / sizeof defs[0]);
	return cli_parser_run(p, argc, argv, err);
}

static void test_value_forms_and_positionals(void **state)
{
	(void)state;
	char *argv[] = {"version", "--runtime=python312", "create", "--environment", "A=1", "--environment=B=2",
			"--dry-run", "--", "--not-a-flag"};
	struct cli_parser p;
	struct yc_error err;
	assert_int_equal(parse(&p, argv, 9, &err), 0);
	assert_string_equal(cli_get(&p, "--runtime"), "python312");
	assert_true(cli_on(&p, "--dry-run"));
	assert_false(cli_given(&p, "--help"));
	const struct cli_flag_val *env = cli_flag(&p, "--environment");
	assert_int_equal(env->n_list, 2);
	assert_string_equal(env->list[0], "A=1");
	assert_string_equal(env->list[1], "B=2");
	assert_int_equal(p.n_pos, 3);
	assert_string_equal(p.pos[0], "version");
	assert_string_equal(p.pos[1], "create");
	assert_string_equal(p.pos[2], "--not-a-flag");
	cli_parser_free(&p);
}

static void test_last_value_wins_and_bool_false(void **state)
{
	(void)state;
	char *argv[] = {"--runtime", "a", "--runtime", "b", "--dry-run=false", "-h"};
	struct cli_parser p;
	struct yc_error err;
	assert_int_equal(parse(&p, argv, 6, &err), 0);
	assert_string_equal(cli_get(&p, "--runtime"), "b");
	assert_false(cli_on(&p, "--dry-run"));
	assert_true(cli_given(&p, "--dry-run"));
	assert_true(cli_on(&p, "--help"));
}

static void test_errors_name_the_flag_never_the_value(void **state)
{
	(void)state;
	struct cli_parser p;
	struct yc_error err;
	char *a1[] = {"--runtime"};
	assert_int_equal(parse(&p, a1, 1, &err), -1);
	assert_string_equal(err.field, "--runtime");
	char *a2[] = {"--token=secret-value"};
	assert_int_equal(parse(&p, a2, 1, &err), -1);
	assert_string_equal(err.field, "--token");
	char buf[512];
	yc_error_format(&err, YC_LANG_EN, buf, sizeof buf);
	assert_null(strstr(buf, "secret-value"));
	char *a3[] = {"--dry-run=yes"};
	assert_int_equal(parse(&p, a3, 1, &err), -1);
	assert_string_equal(err.field, "--dry-run");
	assert_int_equal(err.kind, YC_ERR_PARSE);
}

static void env_ok(const char *const *vals, size_t n, const char *want)
{
	char *text = NULL;
	struct yc_error err;
	assert_int_equal(cli_env_to_text(vals, n, &text, &err), 0);
	assert_string_equal(text, want);
	free(text);
}

static void env_bad(const char *v)
{
	char *text = NULL;
	struct yc_error err;
	const char *vals[] = {v};
	assert_int_equal(cli_env_to_text(vals, 1, &text, &err), -1);
	assert_null(text);
	assert_string_equal(err.field, "--environment");
}

static void test_environment_syntax(void **state)
{
	(void)state;
	env_ok((const char *[]){"A=1,B=2"}, 1, "A=1\nB=2");
	env_ok((const char *[]){"A=1", "B=x=y"}, 2, "A=1\nB=x=y");
	env_ok((const char *[]){"\"A=1,2\",B="}, 1, "A=1,2\nB=");
	env_ok((const char *[]){"\"Q=say \"\"hi\"\"\""}, 1, "Q=say \"hi\"");
	env_ok((const char *[]){"A=1,B=2", "A=3"}, 2, "B=2\nA=3");
	env_ok((const char *[]){""}, 1, "");
	env_bad("NOEQ");
	env_bad("=1");
	env_bad("A=1,,B=2");
	env_bad("\"A=1");
	env_bad("\"A=1\"x");
}

static void test_memory_syntax(void **state)
{
	(void)state;
	char buf[32];
	struct yc_error err;
	assert_int_equal(cli_memory_to_text("128m", buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "128");
	assert_int_equal(cli_memory_to_text("1GB", buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "1024");
	assert_int_equal(cli_memory_to_text("134217728", buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "128");
	assert_int_equal(cli_memory_to_text("1000", buf, sizeof buf, &err), -1);
	assert_string_equal(err.field, "--memory");
	assert_int_equal(err.kind, YC_ERR_VALIDATION);
	assert_int_equal(cli_memory_to_text("lots", buf, sizeof buf, &err), -1);
	assert_string_equal(err.field, "--memory");
	assert_int_equal(err.kind, YC_ERR_PARSE);
}

static void test_duration_and_digits(void **state)
{
	(void)state;
	struct yc_error err;
	assert_int_equal(cli_check_duration("--execution-timeout", "1m30s", &err), 0);
	assert_int_equal(cli_check_duration("--execution-timeout", "soon", &err), -1);
	assert_string_equal(err.field, "--execution-timeout");
	assert_int_equal(cli_check_digits("--async-max-retries", "3", &err), 0);
	assert_int_equal(cli_check_digits("--async-max-retries", "-1", &err), -1);
	assert_int_equal(cli_check_digits("--async-max-retries", "", &err), -1);
	assert_int_equal(cli_check_digits("--async-max-retries", "12345678901", &err), -1);
}

/* Every flag of every command fits in one parser (the command is found with all of them). */
static void test_all_flags_fit(void **state)
{
	(void)state;
	struct cli_parser p;
	cli_parser_init(&p);
	size_t total = cli_n_global_flags;
	cli_parser_add(&p, cli_global_flags, cli_n_global_flags);
	for (size_t i = 0; i < cli_n_commands; i++) {
		total += *cli_commands[i].n_flags;
		cli_parser_add(&p, cli_commands[i].flags, *cli_commands[i].n_flags);
	}
	assert_true(p.n < CLI_MAX_FLAGS);
	/* Each name kept exactly once, and a shared name means the same kind everywhere. */
	size_t kept = 0;
	for (size_t i = 0; i < cli_n_commands; i++)
		for (size_t k = 0; k < *cli_commands[i].n_flags; k++) {
			const struct cli_flag_def *d = &cli_commands[i].flags[k];
			const struct cli_flag_val *v = cli_flag(&p, d->name);
			assert_non_null(v);
			for (size_t j = 0; j < p.n; j++)
				if (strcmp(p.defs[j]->name, d->name) == 0)
					assert_int_equal(p.defs[j]->kind, d->kind);
			kept++;
		}
	assert_true(kept + cli_n_global_flags >= p.n);
	assert_true(total >= p.n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_forms_and_positionals),
		cmocka_unit_test(test_last_value_wins_and_bool_false),
		cmocka_unit_test(test_errors_name_the_flag_never_the_value),
		cmocka_unit_test(test_environment_syntax),
		cmocka_unit_test(test_memory_syntax),
		cmocka_unit_test(test_duration_and_digits),
		cmocka_unit_test(test_all_flags_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
