/* test_no_dup.c — quality.md's "no duplicate deploys" row: the connection drops after the
 * emulator created the version; the retry carries the same Idempotency-Key, gets the same
 * operation, and the emulator counts exactly one new version. */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static struct emu *emu;
static struct api *api;
static struct api_config cfg;

static int setup(void **state)
{
	(void)state;
	emu = t_emu(NULL);
	t_config(&cfg, emu);
	struct yc_error err;
	api = api_new(&cfg, &err);
	assert_non_null(api);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	api_free(api);
	api_config_free(&cfg);
	emu_stop(emu);
	return 0;
}

static cJSON *body_for(const char *name)
{
	struct api_result fl = {0}, v = {0};
	api_wait(api, api_list_functions(api, cfg.folder_id, name, t_keep, &fl));
	assert_int_equal(fl.u.functions.n, 1);
	api_wait(api, api_get_version_by_tag(api, fl.u.functions.items[0].id, NULL, t_keep, &v));
	assert_int_equal(v.err.kind, YC_ERR_NONE);
	cJSON *b = cJSON_CreateObject();
	cJSON_AddStringToObject(b, "functionId", fl.u.functions.items[0].id);
	cJSON_AddStringToObject(b, "runtime", v.u.version.runtime);
	cJSON_AddStringToObject(b, "entrypoint", v.u.version.entrypoint);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(b, "resources"), "memory", "268435456");
	cJSON_AddStringToObject(b, "executionTimeout", "5s");
	cJSON_AddStringToObject(b, "versionId", v.u.version.id);
	t_result_free(&fl);
	t_result_free(&v);
	return b;
}

/* The Idempotency-Key headers of the logged createVersion requests, in order. */
static int logged_keys(char keys[][64], int max)
{
	cJSON *l = t_control(emu, "GET", "/_emu/log", NULL);
	int n = 0;
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(l, "requests"))
	{
		const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(r, "method"));
		const char *p = cJSON_GetStringValue(cJSON_GetObjectItem(r, "path"));
		if (!m || !p || strcmp(m, "POST") != 0 || strcmp(p, "/functions/v1/versions") != 0 || n >= max)
			continue;
		const cJSON *h = cJSON_GetObjectItem(r, "headers"), *k = NULL, *e;
		cJSON_ArrayForEach(e, h) /* header names in any case */
			if (e->string && strcasecmp(e->string, "Idempotency-Key") == 0)
				k = e;
		snprintf(keys[n++], 64, "%s", cJSON_GetStringValue(k) ? cJSON_GetStringValue(k) : "");
	}
	cJSON_Delete(l);
	return n;
}

static void run_drop_after(const char *fault)
{
	cJSON_Delete(t_control(emu, "POST", "/_emu/reset", "{}"));
	cJSON *body = body_for("image-resizer");
	char f[200];
	snprintf(f, sizeof f, "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"%s\",\"count\":1,\"phase\":\"after\"}",
		 fault);
	t_fault(emu, f);
	char key[40];
	api_new_idempotency_key(key);
	struct api_result r = {0};
	api_wait(api, api_create_version(api, body, key, t_keep, &r));
	if (r.err.kind != YC_ERR_NONE)
		fail_msg("%s: %s", fault, t_err(&r));
	assert_non_null(r.u.operation.id);

	char keys[8][64];
	int n = logged_keys(keys, 8);
	assert_int_equal(n, 2); /* the first went through and its answer was lost; one retry */
	assert_string_equal(keys[0], key);
	assert_string_equal(keys[1], key);
	assert_int_equal(t_stat(emu, "versionsCreated"), 1);

	/* and the operation it got is the one that created that version: it finishes */
	struct api_result done = {0};
	api_wait(api, api_wait_operation(api, r.u.operation.id, t_keep, &done));
	assert_int_equal(done.err.kind, YC_ERR_NONE);
	assert_true(done.u.operation.done);
	assert_int_equal(t_stat(emu, "versionsCreated"), 1);
	t_result_free(&done);
	t_result_free(&r);
	cJSON_Delete(body);
}

static void drop_after_create_reset(void **state)
{
	(void)state;
	run_drop_after("reset");
}

static void drop_after_create_503(void **state)
{
	(void)state;
	run_drop_after("503");
}

/* two deploys are two keys: each makes its own version */
static void new_key_new_version(void **state)
{
	(void)state;
	cJSON_Delete(t_control(emu, "POST", "/_emu/reset", "{}"));
	cJSON *body = body_for("image-resizer");
	for (int i = 0; i < 2; i++) {
		char key[40];
		api_new_idempotency_key(key);
		struct api_result r = {0};
		api_wait(api, api_create_version(api, body, key, t_keep, &r));
		assert_int_equal(r.err.kind, YC_ERR_NONE);
		t_result_free(&r);
	}
	assert_int_equal(t_stat(emu, "versionsCreated"), 2);
	cJSON_Delete(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drop_after_create_reset),
		cmocka_unit_test(drop_after_create_503),
		cmocka_unit_test(new_key_new_version),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
