/* test_cli.c — the real ycfn binary against an emulator started in this process: flags, bad
 * values, dry-run bodies, a deploy end to end, invoke, lists, languages, secrets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "emulator/emulator.h"
#include "model/model.h"
#include "run.h"

static const char *g_bin;
static struct emu *g_emu;
static char g_url[128];
static char *g_home;

/* The ids of the seeded world's invoker and queue-writer service accounts and a queue ARN. */
static char g_invoker[64], g_writer[64], g_arn[160];

#define MAX_ARGS 48

/* Runs ycfn with the emulator's endpoint and credentials before args; checks no secret leaked. */
static void ycfn_env(struct run *r, const char *const *env, const char *const *args)
{
	const char *all[MAX_ARGS];
	size_t n = 0;
	all[n++] = "--endpoint";
	all[n++] = g_url;
	all[n++] = "--token";
	all[n++] = emu_demo_oauth_token();
	all[n++] = "--folder-id";
	all[n++] = emu_demo_folder_id();
	for (size_t i = 0; args[i] && n < MAX_ARGS - 1; i++)
		all[n++] = args[i];
	all[n] = NULL;
	run_ycfn(r, g_bin, g_home, all, env, NULL);
	assert_null(strstr(r->out, emu_demo_oauth_token()));
	assert_null(strstr(r->err, emu_demo_oauth_token()));
}

static void ycfn(struct run *r, const char *const *args)
{
	ycfn_env(r, NULL, args);
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void expect(const struct run *r, int code, const char *needle)
{
	if (r->code != code || (needle && !strstr(r->code ? r->err : r->out, needle)))
		print_error("exit %d (want %d)\nstdout: %s\nstderr: %s\nwanted: %s\n", r->code, code, r->out, r->err,
			    needle ? needle : "");
	assert_int_equal(r->code, code);
	if (needle)
		assert_non_null(strstr(code ? r->err : r->out, needle));
}

static cJSON *parse(const char *text)
{
	cJSON *j = cJSON_Parse(text);
	if (!j)
		print_error("not JSON: %s\n", text);
	assert_non_null(j);
	return j;
}

static const char *jstr(const cJSON *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	const cJSON *cur = o;
	for (char *save = NULL, *k = strtok_r(buf, ".", &save); k && cur; k = strtok_r(NULL, ".", &save))
		cur = cJSON_GetObjectItemCaseSensitive(cur, k);
	return cJSON_IsString(cur) ? cur->valuestring : NULL;
}

static bool jhas(const cJSON *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	const cJSON *cur = o;
	for (char *save = NULL, *k = strtok_r(buf, ".", &save); k && cur; k = strtok_r(NULL, ".", &save))
		cur = cJSON_GetObjectItemCaseSensitive(cur, k);
	return cur != NULL;
}

/* The POST bodies the emulator logged for path (a JSON array the caller deletes). */
static cJSON *logged_posts(const char *path)
{
	char *body = NULL;
	assert_int_equal(emu_http(g_url, "GET", "/_emu/log", NULL, &body), 200);
	cJSON *log = parse(body);
	free(body);
	cJSON *out = cJSON_CreateArray();
	const cJSON *req;
	cJSON_ArrayForEach(req, cJSON_GetObjectItemCaseSensitive(log, "requests"))
	{
		const char *m = jstr(req, "method"), *p = jstr(req, "path");
		if (m && p && strcmp(m, "POST") == 0 && strcmp(p, path) == 0)
			cJSON_AddItemToArray(out, cJSON_CreateString(jstr(req, "body") ? jstr(req, "body") : ""));
	}
	cJSON_Delete(log);
	return out;
}

static int group_setup(void **state)
{
	(void)state;
	struct emu_options o;
	memset(&o, 0, sizeof o);
	o.quiet = true;
	o.operation_delay_ms = 50;
	struct yc_error err;
	g_emu = emu_start(&o, &err);
	if (!g_emu)
		return -1;
	snprintf(g_url, sizeof g_url, "%s", emu_url(g_emu));
	g_home = tmpdir_new();
	/* Ids of the seeded service accounts, from a function that has async configured. */
	struct run r;
	ycfn(&r, ARGS("version", "get", "--function-name", "order-webhook", "--tag", "$latest", "--format", "json"));
	if (r.code != 0) {
		fprintf(stderr, "setup: %s\n", r.err);
		run_free(&r);
		return -1;
	}
	cJSON *v = cJSON_Parse(r.out);
	const char *inv = jstr(v, "asyncInvocationConfig.serviceAccountId");
	const char *wr = jstr(v, "asyncInvocationConfig.successTarget.ymqTarget.serviceAccountId");
	const char *arn = jstr(v, "asyncInvocationConfig.successTarget.ymqTarget.queueArn");
	if (!inv || !wr || !arn)
		return -1;
	snprintf(g_invoker, sizeof g_invoker, "%s", inv);
	snprintf(g_writer, sizeof g_writer, "%s", wr);
	snprintf(g_arn, sizeof g_arn, "%s", arn);
	cJSON_Delete(v);
	run_free(&r);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	emu_stop(g_emu);
	rm_rf(g_home);
	free(g_home);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return emu_http(g_url, "POST", "/_emu/reset", "{}", NULL) == 200 ? 0 : -1;
}

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

/* ---------- the body ---------- */

#define SEED_FLAGS(fn)                                                                                 \
	"version", "create", "--function-name=" fn, "--runtime", "python312", "--entrypoint", "index.handler", \
		"--memory", "128m", "--execution-timeout", "5s", "--async-max-retries", "3",                  \
		"--async-service-account-id", g_invoker, "--async-success-ymq-arn", g_arn,                    \
		"--async-success-sa-id", g_writer

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
		     {YC_F_DESCRIPTION, "round 'trip'"}, {YC_F_ENVIRONMENT, "A=1\nB=two words"},
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

	/* The emulator received the body --dry-run printed. Its log re-prints a body compactly (to mask
	 * secrets in it), so the dry-run output goes through the same printer before comparing: same
	 * keys, same order, same values. */
	cJSON *posts = logged_posts("/functions/v1/versions");
	assert_int_equal(cJSON_GetArraySize(posts), 1);
	size_t len = strlen(dry.out);
	assert_true(len > 0 && dry.out[len - 1] == '\n');
	cJSON *dry_json = parse(dry.out);
	char *compact = cJSON_PrintUnformatted(dry_json);
	assert_string_equal(cJSON_GetArrayItem(posts, 0)->valuestring, compact);
	free(compact);
	cJSON_Delete(dry_json);
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
	run_ycfn(&r, g_bin, g_home, ARGS("--demo", "--demo-generate", "30", "--demo-latency-ms", "1", "function", "list"),
		 NULL, NULL);
	expect(&r, 0, "order-webhook");
	run_free(&r);
	rm_rf(dir);
	free(dir);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH-TO-YCFN\n", argv[0]);
		return 2;
	}
	g_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_help_lists_commands_and_flags, setup),
		cmocka_unit_test_setup(test_version_flag, setup),
		cmocka_unit_test_setup(test_language_from_locale_and_flag, setup),
		cmocka_unit_test_setup(test_usage_errors, setup),
		cmocka_unit_test_setup(test_validation_errors, setup),
		cmocka_unit_test_setup(test_dry_run_body_of_the_seed_command, setup),
		cmocka_unit_test_setup(test_dry_run_environment_package_and_no_async, setup),
		cmocka_unit_test_setup(test_source_version_id, setup),
		cmocka_unit_test_setup(test_equivalent_command_round_trip, setup),
		cmocka_unit_test_setup(test_deploy_end_to_end, setup),
		cmocka_unit_test_setup(test_deploy_async_returns_the_operation, setup),
		cmocka_unit_test_setup(test_api_errors_exit_codes, setup),
		cmocka_unit_test_setup(test_invoke_async, setup),
		cmocka_unit_test_setup(test_lists, setup),
		cmocka_unit_test_setup(test_config_sources, setup),
		cmocka_unit_test_setup(test_demo_mode, setup),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
