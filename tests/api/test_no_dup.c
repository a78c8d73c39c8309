/* test_no_dup.c — quality.md's "no duplicate deploys" row: the connection drops after the
 * emulator created the version; the retry carries the same Idempotency-Key, gets the same
 * operation, and the emulator counts exactly one new version. */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The Idempotency-Key headers of the logged createVersion requests, in order. */
static int logged_keys(char keys[][64], int max)
{
	cJSON *l = t_control(fx.emu, "GET", "/_emu/log", NULL);
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
	t_reset(fx.emu);
	cJSON *body = t_create_version_body(fx.api, "image-resizer", "268435456", false);
	char f[200];
	snprintf(f, sizeof f, "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"%s\",\"count\":1,\"phase\":\"after\"}",
		 fault);
	t_fault(fx.emu, f);
	char key[40];
	api_new_idempotency_key(key);
	struct api_result r = {0};
	api_wait(fx.api, api_create_version(fx.api, body, key, t_keep, &r));
	if (r.err.kind != YC_ERR_NONE)
		fail_msg("%s: %s", fault, t_err(&r));
	assert_non_null(r.u.operation.id);

	char keys[8][64];
	int n = logged_keys(keys, 8);
	assert_int_equal(n, 2); /* the first went through and its answer was lost; one retry */
	assert_string_equal(keys[0], key);
	assert_string_equal(keys[1], key);
	assert_int_equal(t_stat(fx.emu, "versionsCreated"), 1);

	/* and the operation it got is the one that created that version: it finishes */
	struct api_result done = {0};
	api_wait(fx.api, api_wait_operation(fx.api, r.u.operation.id, t_keep, &done));
	assert_int_equal(done.err.kind, YC_ERR_NONE);
	assert_true(done.u.operation.done);
	assert_int_equal(t_stat(fx.emu, "versionsCreated"), 1);
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
	t_reset(fx.emu);
	cJSON *body = t_create_version_body(fx.api, "image-resizer", "268435456", false);
	for (int i = 0; i < 2; i++) {
		char key[40];
		api_new_idempotency_key(key);
		struct api_result r = {0};
		api_wait(fx.api, api_create_version(fx.api, body, key, t_keep, &r));
		assert_int_equal(r.err.kind, YC_ERR_NONE);
		t_result_free(&r);
	}
	assert_int_equal(t_stat(fx.emu, "versionsCreated"), 2);
	cJSON_Delete(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drop_after_create_reset),
		cmocka_unit_test(drop_after_create_503),
		cmocka_unit_test(new_key_new_version),
	};
	return cmocka_run_group_tests(tests, t_fixture_setup, t_fixture_teardown);
}
