/* cli_support.c — what the CLI tests share: one emulator per test program, ycfn run against it
 * with its credentials (and checked for leaked tokens), and small JSON helpers. */
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

const char *g_bin;
static struct emu *g_emu;
char g_url[128];
char *g_home;

/* The ids of the seeded world's invoker and queue-writer service accounts and a queue ARN. */
char g_invoker[64], g_writer[64], g_arn[160];

#define MAX_ARGS 48

/* Runs ycfn with the emulator's endpoint and credentials before args; checks no secret leaked. */
void ycfn_env(struct run *r, const char *const *env, const char *const *args)
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

void ycfn(struct run *r, const char *const *args)
{
	ycfn_env(r, NULL, args);
}


void expect(const struct run *r, int code, const char *needle)
{
	if (r->code != code || (needle && !strstr(r->code ? r->err : r->out, needle)))
		print_error("exit %d (want %d)\nstdout: %s\nstderr: %s\nwanted: %s\n", r->code, code, r->out, r->err,
			    needle ? needle : "");
	assert_int_equal(r->code, code);
	if (needle)
		assert_non_null(strstr(code ? r->err : r->out, needle));
}

cJSON *parse(const char *text)
{
	cJSON *j = cJSON_Parse(text);
	if (!j)
		print_error("not JSON: %s\n", text);
	assert_non_null(j);
	return j;
}

bool jhas(const cJSON *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	const cJSON *cur = o;
	for (char *save = NULL, *k = strtok_r(buf, ".", &save); k && cur; k = strtok_r(NULL, ".", &save))
		cur = cJSON_GetObjectItemCaseSensitive(cur, k);
	return cur != NULL;
}

/* The POST bodies the emulator logged for path (a JSON array the caller deletes). */
cJSON *logged_posts(const char *path)
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

int group_setup(void **state)
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

int group_teardown(void **state)
{
	(void)state;
	emu_stop(g_emu);
	rm_rf(g_home);
	free(g_home);
	return 0;
}

int setup(void **state)
{
	(void)state;
	return emu_http(g_url, "POST", "/_emu/reset", "{}", NULL) == 200 ? 0 : -1;
}

int cli_tests_run(int argc, char **argv, const struct CMUnitTest *tests, size_t n)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH-TO-YCFN\n", argv[0]);
		return 2;
	}
	g_bin = argv[1];
	return _cmocka_run_group_tests(argv[0], tests, n, group_setup, group_teardown);
}
