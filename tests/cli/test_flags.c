/* test_flags.c — the real ycfn binary: --help, --version, the language, and every usage
 * error (exit 2) and validation error (exit 6), each naming its flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "cli_support.h"
#include "emulator/emulator.h"
#include "model/model.h"
#include "run.h"

/* ---------- help, version, language ---------- */

static void test_help_lists_commands_and_flags(void **state)
{
	(void)state;
	struct run r;
	run_ycfn(&r, g_bin, g_home, ARGS("--help", "--lang", "en"), NULL, NULL);
	expect(&r, 0, "version create");
	assert_non_null(strstr(r.out, "Exit codes"));
	assert_non_null(strstr(r.out, "function list"));
	run_free(&r);

	run_ycfn(&r, g_bin, g_home, ARGS("version", "create", "--help"), ARGS("LANG=en_US.UTF-8"), NULL);
	expect(&r, 0, "--dry-run");
	const char *flags[] = {"--function-id", "--function-name", "--runtime", "--entrypoint", "--memory",
			       "--execution-timeout", "--service-account-id", "--environment", "--description",
			       "--source-version-id", "--package-bucket-name", "--package-object-name",
			       "--package-sha256", "--async-max-retries", "--async-service-account-id",
			       "--async-success-ymq-arn", "--async-success-sa-id", "--async-failure-ymq-arn",
			       "--async-failure-sa-id", "--no-async", "--async", "still reads the base version"};
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		assert_non_null(strstr(r.out, flags[i]));
	run_free(&r);

	const char *cmds[][2] = {{"version", "get"}, {"version", "list"}, {"function", "list"}, {"invoke", NULL}};
	for (size_t i = 0; i < 4; i++) {
		run_ycfn(&r, g_bin, g_home, cmds[i][1] ? ARGS(cmds[i][0], cmds[i][1], "--help") : ARGS(cmds[i][0], "--help"),
			 NULL, NULL);
		expect(&r, 0, "Использование");
		run_free(&r);
	}
}

static void test_version_flag(void **state)
{
	(void)state;
	struct run r;
	run_ycfn(&r, g_bin, g_home, ARGS("--version"), NULL, NULL);
	expect(&r, 0, "ycfn ");
	run_free(&r);
}

static void test_language_from_locale_and_flag(void **state)
{
	(void)state;
	struct run r;
	run_ycfn(&r, g_bin, g_home, ARGS("--bogus"), ARGS("LANG=en_GB.UTF-8"), NULL);
	expect(&r, 2, "--bogus: unknown flag");
	run_free(&r);
	run_ycfn(&r, g_bin, g_home, ARGS("--bogus"), ARGS("LANG=ru_RU.UTF-8"), NULL);
	expect(&r, 2, "--bogus: неизвестный флаг");
	run_free(&r);
	run_ycfn(&r, g_bin, g_home, ARGS("--bogus"), ARGS("LANG=en_US.UTF-8", "LC_ALL=ru_RU.UTF-8"), NULL);
	expect(&r, 2, "неизвестный флаг");
	run_free(&r);
	run_ycfn(&r, g_bin, g_home, ARGS("--lang", "en", "function", "list", "--bogus"), NULL, NULL);
	expect(&r, 2, "unknown flag");
	run_free(&r);
}

/* ---------- usage errors: exit 2 naming the flag ---------- */

struct bad_case {
	const char *args[16];
	int code;
	const char *needle;
};

static void run_bad_cases(const struct bad_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct run r;
		ycfn_env(&r, ARGS("LANG=en_US.UTF-8"), cases[i].args);
		expect(&r, cases[i].code, cases[i].needle);
		/* One line, naming what is wrong. */
		assert_non_null(strstr(r.err, "ycfn: "));
		run_free(&r);
	}
}

static void test_usage_errors(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		{{"nonsense"}, 2, "nonsense: unknown command"},
		{{"version", "create", "--runtime"}, 2, "--runtime: the flag has no value"},
		{{"version", "create", "--function-name", "order-webhook", "--no-such"}, 2, "--no-such: unknown flag"},
		{{"version", "create", "-x"}, 2, "short flags"},
		{{"version", "create", "--runtime", "python312"}, 2, "--function-id"},
		{{"version", "create", "--function-id", "x", "extra"}, 2, "extra: unexpected argument"},
		{{"--lang", "de", "function", "list"}, 2, "--lang"},
		{{"--format", "xml", "function", "list"}, 2, "--format"},
		{{"--demo-state", "/tmp/x", "function", "list"}, 2, "--demo-state"},
		{{"--demo", "function", "list"}, 2, "--endpoint: cannot go with --demo"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--async=maybe"}, 2, "--async"},
		{{"version", "create", "--function-name", "order-webhook", "--no-async", "--async-max-retries", "2"},
		 2, "--no-async"},
		{{"version", "create", "--function-name", "order-webhook", "--async-success-sa-id", "x"}, 2,
		 "--async-success-sa-id"},
		{{"version", "create", "--function-name", "order-webhook", "--async-failure-sa-id", "x"}, 2,
		 "--async-failure-sa-id"},
		{{"version", "create", "--function-name", "order-webhook", "--package-object-name", "o"}, 2,
		 "--package-object-name"},
		{{"version", "create", "--function-name", "order-webhook", "--package-bucket-name", "b"}, 2,
		 "--package-bucket-name"},
		{{"version", "create", "--function-name", "order-webhook", "--memory", "lots"}, 2, "--memory"},
		{{"version", "create", "--function-name", "order-webhook", "--execution-timeout", "soon"}, 2,
		 "--execution-timeout"},
		{{"version", "create", "--function-name", "order-webhook", "--async-max-retries", "three"}, 2,
		 "--async-max-retries"},
		{{"version", "create", "--function-name", "order-webhook", "--environment", "NOEQUALS"}, 2,
		 "--environment"},
		{{"version", "create", "--function-name", "order-webhook", "--environment", "\"A=1"}, 2,
		 "--environment"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--concurrency", "many"}, 2,
		 "--concurrency"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--min-log-level", "loud"}, 2,
		 "--min-log-level"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--log-group-id", "g",
		  "--log-folder-id", "f"},
		 2, "--log-folder-id"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--subnet-id", "a,,b"}, 2,
		 "--subnet-id"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--tmpfs-size", "big"}, 2,
		 "--tmpfs-size"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--secret", "id=s1"}, 2, "--secret"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--secret", "id=s,key=k,bogus=1"},
		 2, "--secret"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--add-service-account", "alias=r"},
		 2, "--add-service-account"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--mount", "type=nfs,mount-point=x"},
		 2, "--mount"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--storage-mounts",
		  "mount-point=m,bucket=b,read-only=maybe"},
		 2, "--storage-mounts"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--metadata-options",
		  "gce-http-endpoint=sometimes"},
		 2, "--metadata-options"},
		{{"invoke", "order-webhook", "--data", "x", "--data-file", "/dev/null"}, 2, "--data-file"},
		{{"invoke", "order-webhook", "--data-file", "/nonexistent/body"}, 2, "--data-file"},
		{{"invoke"}, 2, "--function-id"},
		{{"version", "get"}, 2, "--tag"},
	};
	run_bad_cases(cases, sizeof cases / sizeof cases[0]);
	struct run r;
	run_ycfn(&r, g_bin, g_home, ARGS("--demo", "--demo-generate", "many", "function", "list"), NULL, NULL);
	expect(&r, 2, "--demo-generate");
	run_free(&r);
	run_ycfn(&r, g_bin, g_home, ARGS("--demo", "--demo-latency-ms", "-5", "function", "list"), NULL, NULL);
	expect(&r, 2, "--demo-latency-ms");
	run_free(&r);
}

/* ---------- validation: exit 6, the form's message naming the flag ---------- */

static void test_validation_errors(void **state)
{
	(void)state;
	static char long_desc[700];
	memset(long_desc, 'd', sizeof long_desc - 1);
	static const struct bad_case cases[] = {
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--memory", "100m"}, 6,
		 "--memory"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--memory", "16GB"}, 6,
		 "--memory"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--memory", "1000"}, 6,
		 "--memory"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--execution-timeout", "2h"}, 6,
		 "--execution-timeout"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--async-max-retries", "101"}, 6,
		 "--async-max-retries"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--async-success-ymq-arn",
		  "not-an-arn", "--async-success-sa-id", "aje1"},
		 6, "--async-success-ymq-arn"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--async-failure-ymq-arn",
		  "yrn:yc:ymq:ru-central1:b1gdemo0folder0ycfn1:q"},
		 6, "--async-failure-sa-id"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--environment", "1BAD=x"}, 6,
		 "--environment"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--entrypoint", ""}, 6,
		 "--entrypoint"},
		{{"version", "list", "--function-name", "Bad\"Name"}, 6, "--function-name"},
		{{"version", "create", "--function-name", "x", "--dry-run"}, 6, "--function-name"},
		{{"version", "get", "--function-name", "order-webhook", "--tag", "NOT A TAG"}, 6, "--tag"},
		{{"invoke", "order-webhook", "--tag", "Bad"}, 6, "--tag"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--concurrency", "17"}, 6,
		 "--concurrency"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--tmpfs-size", "1GB"}, 6,
		 "--tmpfs-size"},
		{{"version", "create", "--function-name", "order-webhook", "--dry-run", "--runtime", "cobol"}, 6,
		 "--runtime: Runtime: the cloud has no such runtime"},
	};
	run_bad_cases(cases, sizeof cases / sizeof cases[0]);
	struct run r;
	ycfn_env(&r, ARGS("LANG=en_US.UTF-8"),
		 ARGS("version", "create", "--function-name", "order-webhook", "--dry-run", "--description", long_desc));
	expect(&r, 6, "--description");
	run_free(&r);
	/* Nothing was created by any of them. */
	cJSON *posts = logged_posts("/functions/v1/versions");
	assert_int_equal(cJSON_GetArraySize(posts), 0);
	cJSON_Delete(posts);
}


int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_help_lists_commands_and_flags, setup),
		cmocka_unit_test_setup(test_version_flag, setup),
		cmocka_unit_test_setup(test_language_from_locale_and_flag, setup),
		cmocka_unit_test_setup(test_usage_errors, setup),
		cmocka_unit_test_setup(test_validation_errors, setup),
	};
	return cli_tests_run(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
