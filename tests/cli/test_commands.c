/* test_commands.c — the commands against the emulator: a deploy end to end, --async, API
 * errors and exit codes, invoke, lists, where the config comes from, --demo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "cli_support.h"
#include "cli/cli.h"
#include "emulator/emulator.h"
#include "model/model.h"
#include "run.h"

/* ---------- deploy end to end ---------- */

static void test_deploy_end_to_end(void **state)
{
	(void)state;
	struct run dry, r, g;
	ycfn(&dry, ARGS(SEED_FLAGS("legacy-api"), "--dry-run"));
	expect(&dry, 0, "{");
	ycfn(&r, ARGS(SEED_FLAGS("legacy-api")));
	expect(&r, 0, "id: ");
	assert_non_null(strstr(r.out, "retries_count: \"3\""));

	/* The emulator received the body --dry-run printed, byte for byte (its log keeps a body as
	 * sent when no secret is in it); the dry-run adds a newline. */
	cJSON *posts = logged_posts("/functions/v1/versions");
	assert_int_equal(cJSON_GetArraySize(posts), 1);
	size_t len = strlen(dry.out);
	assert_true(len > 0 && dry.out[len - 1] == '\n');
	const char *sent = cJSON_GetArrayItem(posts, 0)->valuestring;
	assert_int_equal(strlen(sent), len - 1);
	assert_memory_equal(sent, dry.out, len - 1);
	cJSON_Delete(posts);

	/* The new version, read back, has the async config. */
	char id[64] = "";
	sscanf(r.out, "id: %63s", id);
	assert_true(id[0] != '\0');
	ycfn(&g, ARGS("version", "get", id, "--format", "json"));
	expect(&g, 0, "{");
	cJSON *v = parse(g.out);
	assert_string_equal(jstr(v, "id"), id);
	assert_string_equal(jstr(v, "asyncInvocationConfig.retriesCount"), "3");
	assert_string_equal(jstr(v, "asyncInvocationConfig.successTarget.ymqTarget.queueArn"), g_arn);
	assert_true(jhas(v, "asyncInvocationConfig.failureTarget.emptyTarget"));
	assert_true(jhas(v, "mounts"));
	assert_true(jhas(v, "namedServiceAccounts"));
	cJSON_Delete(v);
	run_free(&g);

	/* It is the new $latest. */
	ycfn(&g, ARGS("version", "get", "--function-name", "legacy-api", "--tag", "$latest"));
	expect(&g, 0, id);
	run_free(&g);
	run_free(&r);
	run_free(&dry);
}

static void test_deploy_async_returns_the_operation(void **state)
{
	(void)state;
	assert_int_equal(emu_http(g_url, "POST", "/_emu/config", "{\"operationDelayMs\":5000}", NULL), 200);
	struct run r;
	ycfn(&r, ARGS("--format", "json", "version", "create", "--function-name", "cron-cleanup", "--async",
		      "--description", "async deploy"));
	expect(&r, 0, "{");
	cJSON *op = parse(r.out);
	assert_non_null(jstr(op, "id"));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(op, "done")));
	cJSON_Delete(op);
	run_free(&r);
}

static void test_api_errors_exit_codes(void **state)
{
	(void)state;
	assert_int_equal(emu_http(g_url, "POST", "/_emu/faults",
				  "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"403\",\"count\":0}", NULL),
			 200);
	struct run r;
	ycfn(&r, ARGS("version", "create", "--function-name", "cron-cleanup", "--description", "x"));
	expect(&r, 4, "403");
	run_free(&r);
	/* A function that is not there. */
	ycfn(&r, ARGS("version", "list", "--function-name", "no-such-function"));
	expect(&r, 4, "--function-name");
	run_free(&r);
	/* Nothing listening. */
	const char *args[] = {"--endpoint", "http://127.0.0.1:1", "--iam-token", "t0ken-never-printed",
			      "--folder-id", "f", "function", "list", NULL};
	run_ycfn(&r, g_bin, g_home, args, NULL, NULL);
	expect(&r, 5, NULL);
	assert_null(strstr(r.err, "t0ken-never-printed"));
	run_free(&r);
	/* TLS: the plain-HTTP emulator behind an https URL with a CA bundle that is not one. */
	char https[160];
	snprintf(https, sizeof https, "https%s", g_url + 4);
	const char *tls[] = {"--endpoint", https, "--ca-file", "/dev/null", "--token", emu_demo_oauth_token(),
			     "--folder-id", "f", "function", "list", NULL};
	run_ycfn(&r, g_bin, g_home, tls, NULL, NULL);
	expect(&r, 5, NULL);
	run_free(&r);
	/* No credentials at all (a clean HOME, no env). */
	const char *noauth[] = {"--endpoint", g_url, "--folder-id", "f", "function", "list", NULL};
	run_ycfn(&r, g_bin, g_home, noauth, NULL, NULL);
	expect(&r, 3, NULL);
	run_free(&r);
	/* No folder. */
	const char *nofolder[] = {"--endpoint", g_url, "--token", emu_demo_oauth_token(), "function", "list", NULL};
	run_ycfn(&r, g_bin, g_home, nofolder, NULL, NULL);
	expect(&r, 3, "--folder-id");
	run_free(&r);
}

/* The cloud takes the request, then the Operation fails (the emulator's operation_error): the
 * deploy exits with CLI_EXIT_API and says what the Operation said, and what to do. */
static void test_deploy_operation_fails(void **state)
{
	(void)state;
	struct run r;
	ycfn(&r, ARGS("--format", "json", "version", "get", "--function-name", "cron-cleanup", "--tag", "$latest"));
	expect(&r, 0, "{");
	cJSON *latest = parse(r.out);
	char was[64];
	snprintf(was, sizeof was, "%s", jstr(latest, "id"));
	cJSON_Delete(latest);
	run_free(&r);
	assert_int_equal(emu_http(g_url, "POST", "/_emu/faults",
				  "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"operation_error\",\"code\":9,"
				  "\"message\":\"Build failed: no matching distribution for flask==99\"}",
				  NULL),
			 200);
	ycfn_env(&r, ARGS("LANG=en_US.UTF-8"),
		 ARGS("version", "create", "--function-name", "cron-cleanup", "--description", "x"));
	expect(&r, CLI_EXIT_API, "Build failed: no matching distribution for flask==99");
	assert_non_null(strstr(r.err, "code 9"));
	assert_non_null(strstr(r.err, "Check the resource's state and try again")); /* the hint */
	assert_string_equal(r.out, "");
	run_free(&r);
	/* Nothing was deployed. */
	ycfn(&r, ARGS("version", "get", "--function-name", "cron-cleanup", "--tag", "$latest"));
	expect(&r, 0, was);
	run_free(&r);
}

/* ---------- invoke and lists ---------- */

static void test_invoke_async(void **state)
{
	(void)state;
	struct run r;
	ycfn(&r, ARGS("invoke", "order-webhook", "--async", "--data", "{\"order\":1}"));
	expect(&r, 0, "status: 202");
	assert_non_null(strstr(r.out, "request_id: "));
	run_free(&r);
	char *body = NULL;
	assert_int_equal(emu_http(g_url, "GET", "/_emu/log", NULL, &body), 200);
	assert_non_null(strstr(body, "integration=async"));
	assert_non_null(strstr(body, "{\\\"order\\\":1}"));
	free(body);

	char *dir = tmpdir_new();
	char file[600];
	snprintf(file, sizeof file, "%s/body.json", dir);
	FILE *f = fopen(file, "w");
	fputs("{\"from\":\"file\"}", f);
	fclose(f);
	ycfn(&r, ARGS("--format", "json", "invoke", "--function-name", "payment-callback", "--async", "--data-file", file));
	expect(&r, 0, "\"httpStatus\":\t202");
	run_free(&r);
	/* Synchronous: the echo function answers with the body; the body may come from stdin. */
	ycfn(&r, ARGS("invoke", "image-resizer", "--data", "{\"x\":1}"));
	expect(&r, 0, "status: 200");
	assert_non_null(strstr(r.out, "body: {\"x\":1}"));
	run_free(&r);
	const char *from_stdin[] = {"--endpoint", g_url, "--token", emu_demo_oauth_token(), "--folder-id",
				    emu_demo_folder_id(), "invoke", "image-resizer", "--data-file", "-", NULL};
	run_ycfn(&r, g_bin, g_home, from_stdin, NULL, "{\"from\":\"stdin\"}");
	expect(&r, 0, "body: {\"from\":\"stdin\"}");
	run_free(&r);
	/* A function whose async invocation is off: the cloud's 400, exit 4, its words. */
	ycfn(&r, ARGS("--lang", "en", "invoke", "image-resizer", "--async", "--data", "{}"));
	expect(&r, 4, "not configured");
	run_free(&r);
	rm_rf(dir);
	free(dir);
}

static void test_lists(void **state)
{
	(void)state;
	struct run r;
	ycfn(&r, ARGS("function", "list"));
	expect(&r, 0, "order-webhook");
	assert_non_null(strstr(r.out, "NAME"));
	assert_null(strstr(r.out, "data-etl")); /* another folder */
	run_free(&r);
	ycfn(&r, ARGS("function", "list", "--format", "json"));
	expect(&r, 0, "[");
	cJSON *l = parse(r.out);
	assert_true(cJSON_GetArraySize(l) >= 10);
	cJSON_Delete(l);
	run_free(&r);
	ycfn(&r, ARGS("version", "list", "--function-name", "order-webhook"));
	expect(&r, 0, "$latest");
	run_free(&r);
	/* By id, and --cloud-id is taken (the TUI starts there when no folder is set). */
	ycfn(&r, ARGS("version", "get", "--function-name", "order-webhook", "--tag", "$latest", "--format", "json"));
	expect(&r, 0, "{");
	cJSON *v = parse(r.out);
	char fid[64];
	snprintf(fid, sizeof fid, "%s", jstr(v, "functionId"));
	cJSON_Delete(v);
	run_free(&r);
	ycfn(&r, ARGS("--cloud-id", "b1gdemo0cloud0ycfn01", "version", "list", "--function-id", fid));
	expect(&r, 0, "$latest");
	run_free(&r);
	ycfn(&r, ARGS("invoke", "--function-id", fid, "--async", "--tag", "$latest"));
	expect(&r, 0, "status: 202");
	run_free(&r);
	ycfn(&r, ARGS("version", "get", "--function-name", "order-webhook", "--tag", "$latest"));
	expect(&r, 0, "async_invocation_config:");
	run_free(&r);
}

/* ---------- where the config comes from: flags > environment > yc profile ---------- */

static void write_file(const char *dir, const char *name, const char *text, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void expect_no_secret(const struct run *r, const char *secret)
{
	assert_null(strstr(r->out, secret));
	assert_null(strstr(r->err, secret));
}

static void test_config_sources(void **state)
{
	(void)state;
	char *home = tmpdir_new();
	char dir[600], path[700], yaml[1024];
	snprintf(dir, sizeof dir, "%s/.config", home);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/.config/yandex-cloud", home);
	mkdir(dir, 0700);
	snprintf(yaml, sizeof yaml,
		 "current: emu\nprofiles:\n  emu:\n    token: %s\n    endpoint: %s\n    folder-id: %s\n"
		 "  bare:\n    endpoint: %s\n    folder-id: nowhere\n",
		 emu_demo_oauth_token(), g_url, emu_demo_folder_id(), g_url);
	write_file(dir, "config.yaml", yaml, path, sizeof path);
	struct run r;
	/* The current profile alone. */
	run_ycfn(&r, g_bin, home, ARGS("function", "list"), NULL, NULL);
	expect(&r, 0, "order-webhook");
	expect_no_secret(&r, emu_demo_oauth_token());
	run_free(&r);
	/* The environment beats the profile; a flag beats the environment. */
	run_ycfn(&r, g_bin, home, ARGS("function", "list"), ARGS("YC_FOLDER_ID=b1gdemo0folder0stag2"), NULL);
	expect(&r, 0, "data-etl");
	assert_null(strstr(r.out, "order-webhook"));
	run_free(&r);
	run_ycfn(&r, g_bin, home, ARGS("--folder-id", emu_demo_folder_id(), "function", "list"),
		 ARGS("YC_FOLDER_ID=b1gdemo0folder0stag2"), NULL);
	expect(&r, 0, "order-webhook");
	run_free(&r);
	/* --profile picks another one: it has no credentials. */
	run_ycfn(&r, g_bin, home, ARGS("--profile", "bare", "function", "list"), NULL, NULL);
	expect(&r, 3, NULL);
	run_free(&r);

	/* --iam-token, from the emulator's IAM. */
	char body[256], *answer = NULL;
	snprintf(body, sizeof body, "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	assert_int_equal(emu_http(g_url, "POST", "/iam/v1/tokens", body, &answer), 200);
	cJSON *tok = parse(answer);
	free(answer);
	char iam[1024];
	snprintf(iam, sizeof iam, "%s", jstr(tok, "iamToken"));
	cJSON_Delete(tok);
	run_ycfn(&r, g_bin, g_home, ARGS("--endpoint", g_url, "--iam-token", iam, "--folder-id", emu_demo_folder_id(),
					 "function", "list"),
		 NULL, NULL);
	expect(&r, 0, "order-webhook");
	expect_no_secret(&r, iam);
	run_free(&r);

	/* --sa-key: the seeded authorized key, signed into a JWT and exchanged. */
	assert_int_equal(emu_http(g_url, "GET", "/_emu/credentials", NULL, &answer), 200);
	cJSON *cred = parse(answer);
	free(answer);
	char *key = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(cred, "saKey"));
	cJSON_Delete(cred);
	write_file(home, "key.json", key, path, sizeof path);
	free(key);
	char debug[700];
	snprintf(debug, sizeof debug, "%s/debug.log", home);
	run_ycfn(&r, g_bin, g_home, ARGS("--endpoint", g_url, "--sa-key", path, "--folder-id", emu_demo_folder_id(),
					 "--debug-log", debug, "function", "list"),
		 NULL, NULL);
	expect(&r, 0, "order-webhook");
	run_free(&r);
	/* --debug-log wrote the requests, with no secret in them. */
	FILE *f = fopen(debug, "r");
	assert_non_null(f);
	char log[65536];
	size_t got = fread(log, 1, sizeof log - 1, f);
	log[got] = '\0';
	fclose(f);
	assert_non_null(strstr(log, "/functions/v1/functions"));
	assert_null(strstr(log, "PRIVATE KEY"));
	assert_null(strstr(log, "eyJ"));
	rm_rf(home);
	free(home);
}

/* ---------- --demo ---------- */

static void test_demo_mode(void **state)
{
	(void)state;
	char *dir = tmpdir_new();
	char file[600], env[700];
	snprintf(file, sizeof file, "%s/url", dir);
	snprintf(env, sizeof env, "YCFN_DEMO_URL_FILE=%s", file);
	struct run r;
	run_ycfn(&r, g_bin, g_home, ARGS("--demo", "function", "list"), ARGS(env), NULL);
	expect(&r, 0, "order-webhook");
	run_free(&r);
	FILE *f = fopen(file, "r");
	assert_non_null(f);
	char url[128] = "";
	assert_non_null(fgets(url, sizeof url, f));
	fclose(f);
	assert_int_equal(strncmp(url, "http://127.0.0.1:", 17), 0);

	/* The state file keeps a deploy for the next run. */
	char state_file[600];
	snprintf(state_file, sizeof state_file, "%s/world.json", dir);
	run_ycfn(&r, g_bin, g_home,
		 ARGS("--demo", "--demo-state", state_file, "version", "create", "--function-name", "auth-hook",
		      "--description", "kept"),
		 NULL, NULL);
	expect(&r, 0, "description: kept");
	run_free(&r);
	run_ycfn(&r, g_bin, g_home,
		 ARGS("--demo", "--demo-state", state_file, "version", "get", "--function-name", "auth-hook", "--tag",
		      "$latest"),
		 NULL, NULL);
	expect(&r, 0, "description: kept");
	run_free(&r);
	/* No command and no terminal: the interface says so (exit 1). */
	run_ycfn(&r, g_bin, g_home, ARGS("--demo", "--lang", "en"), NULL, NULL);
	expect(&r, 1, "terminal");
	run_free(&r);
	run_ycfn(&r, g_bin, g_home, ARGS("--demo", "--demo-generate", "30", "--demo-latency-ms", "1", "function", "list"),
		 NULL, NULL);
	expect(&r, 0, "order-webhook");
	run_free(&r);
	/* The latency is the emulator's from its start: the token exchange waits too, then the list. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run_ycfn(&r, g_bin, g_home, ARGS("--demo", "--demo-latency-ms", "300", "function", "list"), NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	expect(&r, 0, "order-webhook");
	run_free(&r);
	long ms = (long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms >= 600);
	rm_rf(dir);
	free(dir);
}


int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_deploy_end_to_end, setup),
		cmocka_unit_test_setup(test_deploy_async_returns_the_operation, setup),
		cmocka_unit_test_setup(test_api_errors_exit_codes, setup),
		cmocka_unit_test_setup(test_deploy_operation_fails, setup),
		cmocka_unit_test_setup(test_invoke_async, setup),
		cmocka_unit_test_setup(test_lists, setup),
		cmocka_unit_test_setup(test_config_sources, setup),
		cmocka_unit_test_setup(test_demo_mode, setup),
	};
	return cli_tests_run(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
