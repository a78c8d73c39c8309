/* The createVersion body: settings the user did not change come out exactly as they came in;
 * output-only members are dropped; the draft's changes are applied in the REST shapes. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

struct fixture {
	struct yc_version v;
	struct yc_draft d;
};

static void load(struct fixture *fx, const char *name)
{
	th_version_fixture(name, &fx->v);
	assert_int_equal(model_draft_from_version(&fx->d, &fx->v, NULL), 0);
}

static void unload(struct fixture *fx)
{
	model_draft_free(&fx->d);
	yc_version_free(&fx->v);
}

static cJSON *build(struct fixture *fx)
{
	struct yc_error err;
	yc_error_clear(&err);
	cJSON *body = model_build_create_request(&fx->d, &fx->v, &err);
	if (!body)
		fail_msg("build failed: %s: %s", err.field, err.what_en);
	return body;
}

static const char *str_at(const cJSON *o, const char *a, const char *b, const char *c)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, a);
	if (b)
		m = cJSON_GetObjectItemCaseSensitive(m, b);
	if (c)
		m = cJSON_GetObjectItemCaseSensitive(m, c);
	return cJSON_IsString(m) ? m->valuestring : NULL;
}

static const char *const output_only[] = {"id", "createdAt", "imageSize", "status", "tags", "logGroupId"};

static void unchanged_draft_carries_everything(void **state)
{
	(void)state;
	struct fixture fx;
	load(&fx, "version_full.json");
	cJSON *body = build(&fx);
	const cJSON *m;
	cJSON_ArrayForEach(m, fx.v.raw)
	{
		bool dropped = false;
		for (size_t i = 0; i < sizeof output_only / sizeof output_only[0]; i++)
			dropped |= strcmp(m->string, output_only[i]) == 0;
		const cJSON *out = cJSON_GetObjectItemCaseSensitive(body, m->string);
		if (dropped) {
			if (out)
				fail_msg("output-only %s was sent", m->string);
			continue;
		}
		if (!out || !cJSON_Compare(m, out, 1))
			fail_msg("%s did not come out as it came in", m->string);
	}
	assert_string_equal(str_at(body, "versionId", NULL, NULL), "d4e6qqlqfr8n4h8ss8ro");
	assert_string_equal(str_at(body, "functionId", NULL, NULL), "d4elpv36jrv4qvlnf7nv");
	/* Exactly one code source. */
	assert_null(cJSON_GetObjectItemCaseSensitive(body, "package"));
	assert_null(cJSON_GetObjectItemCaseSensitive(body, "content"));
	cJSON_Delete(body);
	unload(&fx);
}

static void changes_are_applied(void **state)
{
	(void)state;
	struct fixture fx;
	load(&fx, "version_full.json");
	model_draft_set(&fx.d, YC_F_MEMORY, "512");
	model_draft_set(&fx.d, YC_F_TIMEOUT, "1m30s");
	model_draft_set(&fx.d, YC_F_RUNTIME, "python311");
	model_draft_set(&fx.d, YC_F_ENTRYPOINT, "main.run");
	model_draft_set(&fx.d, YC_F_SERVICE_ACCOUNT, "");
	model_draft_set(&fx.d, YC_F_DESCRIPTION, "new");
	model_draft_set(&fx.d, YC_F_ENVIRONMENT, "A=1\nB=x=y");
	cJSON *body = build(&fx);
	assert_string_equal(str_at(body, "resources", "memory", NULL), "536870912");
	assert_string_equal(str_at(body, "executionTimeout", NULL, NULL), "90s");
	assert_string_equal(str_at(body, "runtime", NULL, NULL), "python311");
	assert_string_equal(str_at(body, "entrypoint", NULL, NULL), "main.run");
	assert_null(cJSON_GetObjectItemCaseSensitive(body, "serviceAccountId"));
	assert_string_equal(str_at(body, "description", NULL, NULL), "new");
	assert_string_equal(str_at(body, "environment", "B", NULL), "x=y");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(body, "environment")), 2);
	/* The rest is still there. */
	assert_non_null(cJSON_GetObjectItemCaseSensitive(body, "secrets"));
	assert_non_null(cJSON_GetObjectItemCaseSensitive(body, "mounts"));
	assert_string_equal(str_at(body, "concurrency", NULL, NULL), "4");
	cJSON_Delete(body);
	/* Emptying the environment leaves it out. */
	model_draft_set(&fx.d, YC_F_ENVIRONMENT, "");
	body = build(&fx);
	assert_null(cJSON_GetObjectItemCaseSensitive(body, "environment"));
	cJSON_Delete(body);
	unload(&fx);
}

static void async_switched_on(void **state)
{
	(void)state;
	struct fixture fx;
	load(&fx, "version_minimal.json");
	cJSON *body = build(&fx);
	assert_null(cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig"));
	cJSON_Delete(body);

	model_draft_set(&fx.d, YC_F_ASYNC_ENABLED, "1");
	body = build(&fx);
	cJSON *want = th_json("{\"retriesCount\":\"3\",\"successTarget\":{\"emptyTarget\":{}},"
			      "\"failureTarget\":{\"emptyTarget\":{}}}");
	assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig"), want, 1));
	cJSON_Delete(want);
	cJSON_Delete(body);

	model_draft_set(&fx.d, YC_F_ASYNC_RETRIES, "0");
	model_draft_set(&fx.d, YC_F_ASYNC_SA, "aje9k4fv6mel4a2ha86t");
	model_draft_set(&fx.d, YC_F_SUCCESS_KIND, "ymq");
	model_draft_set(&fx.d, YC_F_SUCCESS_QUEUE, "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:ok");
	model_draft_set(&fx.d, YC_F_SUCCESS_SA, "ajeus4adtt5ga6cqn9fl");
	model_draft_set(&fx.d, YC_F_FAILURE_QUEUE, "typed then hidden"); /* failure stays "not specified" */
	body = build(&fx);
	want = th_json("{\"retriesCount\":\"0\",\"successTarget\":{\"ymqTarget\":{\"queueArn\":"
		       "\"yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:ok\",\"serviceAccountId\":\"ajeus4adtt5ga6cqn9fl\"}},"
		       "\"failureTarget\":{\"emptyTarget\":{}},\"serviceAccountId\":\"aje9k4fv6mel4a2ha86t\"}");
	assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig"), want, 1));
	cJSON_Delete(want);
	cJSON_Delete(body);

	/* Invalid: the first error, and no body. */
	model_draft_set(&fx.d, YC_F_SUCCESS_SA, "");
	struct yc_error err;
	assert_null(model_build_create_request(&fx.d, &fx.v, &err));
	assert_int_equal(err.kind, YC_ERR_VALIDATION);
	assert_string_equal(err.field, "async.success.serviceAccount");
	unload(&fx);
}

static void async_changed_or_off(void **state)
{
	(void)state;
	struct fixture fx;
	load(&fx, "version_full.json");
	/* A member of the async block this program does not know survives a change. */
	cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(fx.v.raw, "asyncInvocationConfig"), "futureKnob", "x");
	model_draft_set(&fx.d, YC_F_ASYNC_RETRIES, "7");
	cJSON *body = build(&fx);
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig");
	assert_string_equal(str_at(a, "retriesCount", NULL, NULL), "7");
	assert_string_equal(str_at(a, "futureKnob", NULL, NULL), "x");
	assert_string_equal(str_at(a, "serviceAccountId", NULL, NULL), "aje9k4fv6mel4a2ha86t");
	assert_string_equal(str_at(a, "successTarget", "ymqTarget", "serviceAccountId"), "ajeus4adtt5ga6cqn9fl");
	assert_non_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "failureTarget"), "emptyTarget"));
	cJSON_Delete(body);
	/* Off: no asyncInvocationConfig at all. */
	model_draft_set(&fx.d, YC_F_ASYNC_ENABLED, "0");
	body = build(&fx);
	assert_null(cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig"));
	cJSON_Delete(body);
	/* ymq → not specified gives emptyTarget. */
	model_draft_set(&fx.d, YC_F_ASYNC_ENABLED, "1");
	model_draft_set(&fx.d, YC_F_SUCCESS_KIND, "empty");
	body = build(&fx);
	a = cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig");
	assert_non_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "successTarget"), "emptyTarget"));
	assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "successTarget"), "ymqTarget"));
	cJSON_Delete(body);
	unload(&fx);
}

static void carried_settings_are_checked(void **state)
{
	(void)state;
	struct fixture fx;
	struct yc_error err;
	load(&fx, "version_full.json");
	cJSON_ReplaceItemInObjectCaseSensitive(fx.v.raw, "concurrency", cJSON_CreateString("17"));
	assert_null(model_build_create_request(&fx.d, &fx.v, &err));
	assert_string_equal(err.field, "concurrency");
	assert_int_equal(err.kind, YC_ERR_VALIDATION);
	cJSON_ReplaceItemInObjectCaseSensitive(fx.v.raw, "concurrency", cJSON_CreateNumber(16));
	cJSON *body = build(&fx);
	cJSON_Delete(body);
	/* tmpfs 512 MB needs memory of at least 683 MB (3/4 rule); memory 1024 is fine, 512 is not. */
	cJSON_ReplaceItemInObjectCaseSensitive(fx.v.raw, "tmpfsSize", cJSON_CreateString("536870912"));
	model_draft_set(&fx.d, YC_F_MEMORY, "1024");
	body = build(&fx);
	cJSON_Delete(body);
	model_draft_set(&fx.d, YC_F_MEMORY, "512");
	assert_null(model_build_create_request(&fx.d, &fx.v, &err));
	assert_string_equal(err.field, "tmpfsSize");
	unload(&fx);
}

static void printing_is_deterministic(void **state)
{
	(void)state;
	struct fixture fx;
	load(&fx, "version_minimal.json");
	cJSON *body = build(&fx);
	char *text = model_request_print(body);
	cJSON *j = th_json(text);
	assert_true(cJSON_Compare(j, body, 1));
	cJSON_Delete(j);
	/* The members in the proto's order, whatever order the answer had. */
	cJSON *min = th_json("{\"functionId\":\"d4elpv36jrv4qvlnf7nv\",\"runtime\":\"nodejs18\",\"entrypoint\":"
			     "\"index.handler\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"3s\","
			     "\"versionId\":\"d4ehd8ndv5vt0kc3lg6e\",\"logOptions\":{\"folderId\":\"b1g681qpemb4t39ipuvn\"}}");
	char *expect = cJSON_Print(min);
	assert_string_equal(text, expect);
	free(expect);
	cJSON_Delete(min);

	struct fixture fx2;
	th_version_fixture("version_minimal.json", &fx2.v);
	/* Same answer, members reversed. */
	cJSON *rev = cJSON_CreateObject();
	while (fx2.v.raw->child) {
		cJSON *m = fx2.v.raw->child;
		while (m->next)
			m = m->next;
		cJSON_DetachItemViaPointer(fx2.v.raw, m);
		char *k = m->string;
		m->string = NULL;
		cJSON_AddItemToObject(rev, k, m);
		free(k);
	}
	cJSON_Delete(fx2.v.raw);
	fx2.v.raw = rev;
	assert_int_equal(model_draft_from_version(&fx2.d, &fx2.v, NULL), 0);
	cJSON *body2 = build(&fx2);
	char *text2 = model_request_print(body2);
	assert_string_equal(text, text2);
	free(text2);
	cJSON_Delete(body2);
	unload(&fx2);
	free(text);
	cJSON_Delete(body);
	unload(&fx);
	assert_null(model_request_print(NULL));
}

static void from_an_operation_response(void **state)
{
	(void)state;
	cJSON *j = th_json_fixture("operation_done.json");
	struct yc_operation op;
	struct yc_draft d;
	assert_int_equal(model_parse_operation(j, &op, NULL), 0);
	assert_int_equal(model_draft_from_version(&d, op.response, NULL), 0);
	cJSON *body = model_build_create_request(&d, op.response, NULL);
	assert_non_null(body);
	assert_null(cJSON_GetObjectItemCaseSensitive(body, "@type"));
	assert_non_null(cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig"));
	/* An unknown member of a newer API is carried along. */
	cJSON_Delete(body);
	cJSON_AddStringToObject(op.response->raw, "futureSetting", "kept");
	body = model_build_create_request(&d, op.response, NULL);
	assert_string_equal(str_at(body, "futureSetting", NULL, NULL), "kept");
	cJSON_Delete(body);
	model_draft_free(&d);
	yc_operation_free(&op);
	cJSON_Delete(j);
}

static void a_version_without_raw(void **state)
{
	(void)state;
	struct yc_version v = {0};
	v.id = strdup("d4eabc");
	v.function_id = strdup("d4efun");
	v.runtime = strdup("python312");
	v.entrypoint = strdup("index.handler");
	v.memory = 128 << 20;
	v.execution_timeout_ms = 2500;
	struct yc_draft d;
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	cJSON *body = model_build_create_request(&d, &v, NULL);
	assert_non_null(body);
	assert_string_equal(str_at(body, "executionTimeout", NULL, NULL), "2.5s");
	assert_string_equal(str_at(body, "resources", "memory", NULL), "134217728");
	assert_string_equal(str_at(body, "runtime", NULL, NULL), "python312");
	cJSON_Delete(body);
	model_draft_free(&d);
	yc_version_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unchanged_draft_carries_everything),
		cmocka_unit_test(changes_are_applied),
		cmocka_unit_test(async_switched_on),
		cmocka_unit_test(async_changed_or_off),
		cmocka_unit_test(carried_settings_are_checked),
		cmocka_unit_test(printing_is_deterministic),
		cmocka_unit_test(from_an_operation_response),
		cmocka_unit_test(a_version_without_raw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
