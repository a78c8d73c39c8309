/* test_bodies.c — what `version create --dry-run` prints: the seed's command, every kind of
 * value, carried settings, --source-version-id, and the TUI's equivalent yc command run as ycfn. */
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

/* ---------- the body ---------- */

static void test_dry_run_body_of_the_seed_command(void **state)
{
	(void)state;
	struct run r;
	ycfn(&r, ARGS(SEED_FLAGS("telegram-bot"), "--dry-run"));
	expect(&r, 0, "{");
	cJSON *b = parse(r.out);
	assert_string_equal(jstr(b, "runtime"), "python312");
	assert_string_equal(jstr(b, "entrypoint"), "index.handler");
	assert_string_equal(jstr(b, "resources.memory"), "134217728");
	assert_string_equal(jstr(b, "executionTimeout"), "5s");
	assert_non_null(jstr(b, "functionId"));
	assert_non_null(jstr(b, "versionId"));
	assert_string_equal(jstr(b, "asyncInvocationConfig.retriesCount"), "3");
	assert_string_equal(jstr(b, "asyncInvocationConfig.serviceAccountId"), g_invoker);
	assert_string_equal(jstr(b, "asyncInvocationConfig.successTarget.ymqTarget.queueArn"), g_arn);
	assert_string_equal(jstr(b, "asyncInvocationConfig.successTarget.ymqTarget.serviceAccountId"), g_writer);
	assert_true(jhas(b, "asyncInvocationConfig.failureTarget.emptyTarget"));
	/* Carried over from the base version: the form does not show them, the body keeps them. */
	assert_string_equal(jstr(b, "environment.BOT_NAME"), "ycfn_demo_bot");
	assert_string_equal(jstr(b, "concurrency"), "2");
	cJSON_Delete(b);
	run_free(&r);
	cJSON *posts = logged_posts("/functions/v1/versions");
	assert_int_equal(cJSON_GetArraySize(posts), 0);
	cJSON_Delete(posts);
}

static void test_dry_run_environment_package_and_no_async(void **state)
{
	(void)state;
	struct run r;
	ycfn(&r, ARGS("version", "create", "--function-name", "order-webhook", "--dry-run", "--environment",
		      "A=1,B=x=y", "--environment", "\"C=3,4\"", "--no-async", "--package-bucket-name", "bkt",
		      "--package-object-name", "code.zip", "--package-sha256", "abc"));
	expect(&r, 0, "{");
	cJSON *b = parse(r.out);
	assert_string_equal(jstr(b, "environment.A"), "1");
	assert_string_equal(jstr(b, "environment.B"), "x=y");
	assert_string_equal(jstr(b, "environment.C"), "3,4");
	assert_null(jstr(b, "environment.SHOP_URL")); /* --environment replaces the set */
	assert_false(jhas(b, "asyncInvocationConfig"));
	assert_false(jhas(b, "versionId"));
	assert_string_equal(jstr(b, "package.bucketName"), "bkt");
	assert_string_equal(jstr(b, "package.objectName"), "code.zip");
	assert_string_equal(jstr(b, "package.sha256"), "abc");
	cJSON_Delete(b);
	run_free(&r);

	/* Memory in bytes and in GB; a duration with minutes; description. */
	ycfn(&r, ARGS("version", "create", "--function-name", "image-resizer", "--dry-run", "--memory", "1073741824",
		      "--execution-timeout", "1m30s", "--description", "from the cli"));
	expect(&r, 0, "{");
	b = parse(r.out);
	assert_string_equal(jstr(b, "resources.memory"), "1073741824");
	assert_string_equal(jstr(b, "executionTimeout"), "90s");
	assert_string_equal(jstr(b, "description"), "from the cli");
	assert_false(jhas(b, "asyncInvocationConfig")); /* it was off, no async flag */
	assert_true(jhas(b, "storageMounts"));          /* carried over */
	cJSON_Delete(b);
	run_free(&r);
	ycfn(&r, ARGS("version", "create", "--function-name", "cron-cleanup", "--dry-run", "--memory", "2GB",
		      "--service-account-id", g_writer, "--runtime", "nodejs22", "--entrypoint", "index.handler"));
	expect(&r, 0, "\"2147483648\"");
	b = parse(r.out);
	assert_string_equal(jstr(b, "serviceAccountId"), g_writer);
	assert_string_equal(jstr(b, "runtime"), "nodejs22");
	cJSON_Delete(b);
	run_free(&r);
	/* Settings the form does not show, with yc's flags. */
	ycfn(&r, ARGS("version", "create", "--function-name", "report-generator", "--dry-run", "--concurrency", "4",
		      "--tmpfs-size", "512MB", "--network-id", "net1", "--subnet-id", "s1,s2", "--subnet-id", "s3",
		      "--log-folder-id", "f1", "--min-log-level", "error", "--no-logging"));
	expect(&r, 0, "{");
	b = parse(r.out);
	assert_string_equal(jstr(b, "concurrency"), "4");
	assert_string_equal(jstr(b, "tmpfsSize"), "536870912");
	assert_string_equal(jstr(b, "connectivity.networkId"), "net1");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
				 cJSON_GetObjectItemCaseSensitive(b, "connectivity"), "subnetId")),
			 3);
	assert_string_equal(jstr(b, "logOptions.folderId"), "f1");
	assert_false(jhas(b, "logOptions.logGroupId"));
	assert_string_equal(jstr(b, "logOptions.minLevel"), "ERROR");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(b, "logOptions"),
								  "disabled")));
	cJSON_Delete(b);
	run_free(&r);
	/* The base's tmpfs (512 MB) does not fit in 256 MB: the model says so, naming the setting. */
	ycfn(&r, ARGS("version", "create", "--function-name", "image-resizer", "--dry-run", "--memory", "256m"));
	expect(&r, 6, "tmpfsSize");
	run_free(&r);
}

static void test_source_version_id(void **state)
{
	(void)state;
	struct run r;
	ycfn(&r, ARGS("version", "list", "--function-name", "order-webhook", "--format", "json"));
	expect(&r, 0, "[");
	cJSON *l = parse(r.out);
	assert_true(cJSON_GetArraySize(l) >= 2);
	const cJSON *v;
	const char *old = NULL;
	cJSON_ArrayForEach(v, l)
	{
		if (strcmp(jstr(v, "runtime"), "python311") == 0)
			old = jstr(v, "id");
	}
	assert_non_null(old);
	struct run d;
	ycfn(&d, ARGS("version", "create", "--function-name", "order-webhook", "--source-version-id", old, "--dry-run"));
	expect(&d, 0, "{");
	cJSON *b = parse(d.out);
	assert_string_equal(jstr(b, "versionId"), old);
	assert_string_equal(jstr(b, "runtime"), "python311");
	cJSON_Delete(b);
	run_free(&d);
	/* A version of another function is refused. */
	ycfn(&d, ARGS("version", "create", "--function-name", "image-resizer", "--source-version-id", old, "--dry-run"));
	expect(&d, 6, "--source-version-id");
	run_free(&d);
	cJSON_Delete(l);
	run_free(&r);
}

/* Values with commas and quotes: each pair must reach ycfn's CSV reader as one field. */
#define ENV_ROUND_TRIP "A=1\nB=two words\nC=x,y\nD=say \"hi\", ok\nE=k=v,w\nF=\"\nG=,"

/* The "equivalent command" the TUI shows (model_yc_command), run as ycfn, builds the same body
 * as the draft it was made from. */
static void round_trip(const char *function, const char *memory_mb)
{
	struct run r;
	ycfn(&r, ARGS("--format", "json", "version", "get", "--function-name", function, "--tag", "$latest"));
	expect(&r, 0, "{");
	cJSON *raw = parse(r.out);
	run_free(&r);
	struct yc_version base;
	struct yc_draft d;
	struct yc_error err;
	memset(&base, 0, sizeof base);
	memset(&d, 0, sizeof d);
	assert_int_equal(model_parse_version(raw, &base, &err), 0);
	cJSON_Delete(raw);
	assert_int_equal(model_draft_from_version(&d, &base, &err), 0);
	const struct {
		enum yc_field f;
		const char *text;
	} edits[] = {{YC_F_MEMORY, memory_mb},      {YC_F_TIMEOUT, "10"},
		     {YC_F_DESCRIPTION, "round 'trip'"}, {YC_F_ENVIRONMENT, ENV_ROUND_TRIP},
		     {YC_F_ASYNC_ENABLED, "1"},      {YC_F_ASYNC_RETRIES, "3"},
		     {YC_F_ASYNC_SA, g_invoker},     {YC_F_SUCCESS_KIND, "ymq"},
		     {YC_F_SUCCESS_QUEUE, g_arn},    {YC_F_SUCCESS_SA, g_writer},
		     {YC_F_FAILURE_KIND, "empty"}};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++)
		assert_int_equal(model_draft_set(&d, edits[i].f, edits[i].text), 0);
	cJSON *body = model_build_create_request(&d, &base, &err);
	assert_non_null(body);
	char *want = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);

	char *yc = model_yc_command(&d, &base);
	const char *prefix = "yc serverless function version create";
	assert_int_equal(strncmp(yc, prefix, strlen(prefix)), 0);
	size_t n = strlen(yc) + 1024;
	char *cmd = malloc(n);
	snprintf(cmd, n, "'%s' --endpoint '%s' --token '%s' --folder-id '%s' version create%s --dry-run", g_bin, g_url,
		 emu_demo_oauth_token(), emu_demo_folder_id(), yc + strlen(prefix));
	run_ycfn(&r, "/bin/sh", g_home, ARGS("-c", cmd), NULL, NULL);
	if (r.code != 0)
		print_error("command: %s\nstderr: %s\n", cmd, r.err);
	expect(&r, 0, "{");
	cJSON *got = parse(r.out);
	char *got_text = cJSON_PrintUnformatted(got);
	assert_string_equal(got_text, want);
	free(got_text);
	cJSON_Delete(got);
	run_free(&r);
	free(cmd);
	free(yc);
	free(want);
	model_draft_free(&d);
	yc_version_free(&base);
}

static void test_equivalent_command_round_trip(void **state)
{
	(void)state;
	round_trip("cron-cleanup", "256");
	round_trip("telegram-bot", "256");     /* --concurrency, an environment */
	round_trip("report-generator", "256"); /* --network-id, --subnet-id, --log-group-id, --min-log-level */
	round_trip("send-email", "256");       /* --secret */
	round_trip("legacy-api", "256");       /* --mount, --add-service-account */
	round_trip("image-resizer", "1024");   /* --storage-mounts, --tmpfs-size */
}


int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_dry_run_body_of_the_seed_command, setup),
		cmocka_unit_test_setup(test_dry_run_environment_package_and_no_async, setup),
		cmocka_unit_test_setup(test_source_version_id, setup),
		cmocka_unit_test_setup(test_equivalent_command_round_trip, setup),
	};
	return cli_tests_run(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
