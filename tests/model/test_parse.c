/* Parsing API answers: the examples round-trip, and hostile answers give a parse error naming
 * the field, never a crash. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static void version_full_parses_every_field(void **state)
{
	(void)state;
	struct yc_version v;
	th_version_fixture("version_full.json", &v);
	assert_string_equal(v.id, "d4e6qqlqfr8n4h8ss8ro");
	assert_string_equal(v.function_id, "d4elpv36jrv4qvlnf7nv");
	assert_string_equal(v.runtime, "python312");
	assert_string_equal(v.entrypoint, "index.handler");
	assert_string_equal(v.description, "от формы: все поля");
	assert_int_equal(v.memory, 268435456);
	assert_int_equal(v.execution_timeout_ms, 5000);
	assert_int_equal(v.image_size, 4096);
	assert_int_equal(v.concurrency, 4);
	assert_int_equal(v.tmpfs_size, 0);
	assert_string_equal(v.status, "ACTIVE");
	assert_string_equal(v.log_group_id, "e23moaejmq8m1ic27kl4");
	assert_int_equal(v.tags.n, 2);
	assert_string_equal(v.tags.items[1], "prod");
	assert_int_equal(v.environment.n, 2);
	assert_string_equal(v.environment.items[1].key, "MODE");
	assert_string_equal(v.environment.items[1].value, "a=b,c");
	assert_true(v.async.enabled);
	assert_int_equal(v.async.retries_count, 3);
	assert_string_equal(v.async.service_account_id, "aje9k4fv6mel4a2ha86t");
	assert_int_equal(v.async.success.kind, YC_TARGET_YMQ);
	assert_string_equal(v.async.success.queue_arn, "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:ok-queue");
	assert_string_equal(v.async.success.service_account_id, "ajeus4adtt5ga6cqn9fl");
	assert_int_equal(v.async.failure.kind, YC_TARGET_EMPTY);
	assert_non_null(v.raw);
	assert_non_null(cJSON_GetObjectItemCaseSensitive(v.raw, "metadataOptions"));
	yc_version_free(&v);
	yc_version_free(&v); /* twice is harmless */
}

static void version_minimal_has_async_off(void **state)
{
	(void)state;
	struct yc_version v;
	th_version_fixture("version_minimal.json", &v);
	assert_false(v.async.enabled);
	assert_null(v.service_account_id);
	assert_null(v.description);
	assert_int_equal(v.environment.n, 0);
	assert_int_equal(v.execution_timeout_ms, 3000);
	yc_version_free(&v);
}

static void async_config_round_trips(void **state)
{
	(void)state;
	cJSON *j = th_json_fixture("version_full.json");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(j, "asyncInvocationConfig");
	struct yc_async_config c;
	struct yc_error err;
	assert_int_equal(model_parse_async_config(a, &c, &err), 0);
	cJSON *back = model_async_config_to_json(&c);
	assert_non_null(back);
	assert_true(cJSON_Compare(a, back, 1));
	cJSON_Delete(back);
	yc_async_config_free(&c);
	cJSON_Delete(j);
}

static void int64_as_number_or_string(void **state)
{
	(void)state;
	cJSON *j = th_json_fixture("versions_page.json");
	struct yc_version_list l = {0};
	char *next = (char *)"junk";
	struct yc_error err;
	assert_int_equal(model_parse_version_page(j, &l, &next, &err), 0);
	assert_null(next);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].memory, 134217728);
	assert_int_equal(l.items[1].memory, 134217728);
	assert_int_equal(l.items[1].image_size, 4096);
	yc_version_list_free(&l);
	cJSON_Delete(j);
}

/* Each hostile version names the field it broke. */
static void hostile_versions_name_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *json, *field;
	} cases[] = {
		{"{}", "id"},
		{"{\"id\":\"\"}", "id"},
		{"{\"id\":7}", "id"},
		{"{\"id\":\"a\",\"runtime\":[]}", "runtime"},
		{"{\"id\":\"a\",\"resources\":{\"memory\":\"12x\"}}", "resources.memory"},
		{"{\"id\":\"a\",\"resources\":{\"memory\":1.5}}", "resources.memory"},
		{"{\"id\":\"a\",\"resources\":{\"memory\":\"-1\"}}", "resources.memory"},
		{"{\"id\":\"a\",\"resources\":{\"memory\":\"99999999999999999999999\"}}", "resources.memory"},
		{"{\"id\":\"a\",\"resources\":{\"memory\":1e300}}", "resources.memory"},
		{"{\"id\":\"a\",\"resources\":\"big\"}", "resources"},
		{"{\"id\":\"a\",\"executionTimeout\":\"forever\"}", "executionTimeout"},
		{"{\"id\":\"a\",\"tags\":\"x\"}", "tags"},
		{"{\"id\":\"a\",\"tags\":[1]}", "tags"},
		{"{\"id\":\"a\",\"environment\":{\"K\":1}}", "environment.K"},
		{"{\"id\":\"a\",\"environment\":[]}", "environment"},
		{"{\"id\":\"a\",\"asyncInvocationConfig\":{\"retriesCount\":\"x\"}}", "asyncInvocationConfig.retriesCount"},
		{"{\"id\":\"a\",\"asyncInvocationConfig\":{\"successTarget\":{\"emptyTarget\":{},\"ymqTarget\":{}}}}",
		 "asyncInvocationConfig.successTarget"},
		{"{\"id\":\"a\",\"asyncInvocationConfig\":{\"failureTarget\":{\"ymqTarget\":{\"queueArn\":5}}}}",
		 "asyncInvocationConfig.failureTarget.ymqTarget.queueArn"},
		{"{\"id\":\"a\",\"concurrency\":true}", "concurrency"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cJSON *j = th_json(cases[i].json);
		struct yc_version v;
		struct yc_error err;
		yc_error_clear(&err);
		assert_int_equal(model_parse_version(j, &v, &err), -1);
		assert_int_equal(err.kind, YC_ERR_PARSE);
		if (strcmp(err.field, cases[i].field) != 0)
			fail_msg("case %zu: field '%s', want '%s'", i, err.field, cases[i].field);
		assert_true(err.what_ru[0] && err.what_en[0]);
		assert_null(v.id); /* left empty */
		cJSON_Delete(j);
	}
}

static void json_caps(void **state)
{
	(void)state;
	cJSON *j = NULL;
	struct yc_error err;
	assert_int_equal(model_json_parse("[1]", 3, &j, &err), -1);
	assert_int_equal(model_json_parse("", 0, &j, &err), -1);
	assert_int_equal(model_json_parse("{\"a\":1} x", 9, &j, &err), -1);
	assert_int_equal(model_json_parse("{\"a\":1}  \n", 10, &j, &err), 0);
	cJSON_Delete(j);
	/* Not NUL-terminated: only len bytes are read. */
	assert_int_equal(model_json_parse("{\"a\":1}garbage", 7, &j, &err), 0);
	cJSON_Delete(j);
	char deep[200];
	size_t n = 0;
	deep[n++] = '{';
	deep[n++] = '"';
	deep[n++] = 'a';
	deep[n++] = '"';
	deep[n++] = ':';
	for (int i = 0; i < 70; i++)
		deep[n++] = '[';
	for (int i = 0; i < 70; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	assert_int_equal(model_json_parse(deep, n, &j, &err), -1);
	assert_int_equal(err.kind, YC_ERR_PARSE);
	/* Brackets inside strings do not count. */
	const char *in_str = "{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"\"}";
	assert_int_equal(model_json_parse(in_str, strlen(in_str), &j, &err), 0);
	cJSON_Delete(j);
	assert_int_equal(model_json_parse("{}", YC_JSON_MAX_BYTES + 1, &j, &err), -1);
}

static void long_string_is_refused(void **state)
{
	(void)state;
	size_t n = 70 * 1024;
	char *buf = calloc(1, n + 32);
	static const char head[] = "{\"id\":\"a\",\"description\":\"";
	size_t o = sizeof head - 1;
	memcpy(buf, head, o);
	memset(buf + o, 'x', n);
	buf[o + n] = '"';
	buf[o + n + 1] = '}';
	cJSON *j = th_json(buf);
	struct yc_version v;
	struct yc_error err;
	assert_int_equal(model_parse_version(j, &v, &err), -1);
	assert_string_equal(err.field, "description");
	cJSON_Delete(j);
	free(buf);
}

static void operation_states(void **state)
{
	(void)state;
	struct yc_operation op;
	struct yc_error err;
	cJSON *j = th_json_fixture("operation_running.json");
	assert_int_equal(model_parse_operation(j, &op, &err), 0);
	assert_false(op.done);
	assert_false(op.failed);
	assert_null(op.response);
	assert_string_equal(op.version_id, "d4e6qqlqfr8n4h8ss8ro");
	yc_operation_free(&op);
	cJSON_Delete(j);

	j = th_json_fixture("operation_done.json");
	assert_int_equal(model_parse_operation(j, &op, &err), 0);
	assert_true(op.done);
	assert_false(op.failed);
	assert_non_null(op.response);
	assert_string_equal(op.response->id, "d4e6qqlqfr8n4h8ss8ro");
	assert_true(op.response->async.enabled);
	yc_operation_free(&op);
	cJSON_Delete(j);

	j = th_json_fixture("operation_error.json");
	assert_int_equal(model_parse_operation(j, &op, &err), 0);
	assert_true(op.failed);
	assert_int_equal(op.error.kind, YC_ERR_API);
	assert_int_equal(op.error.grpc_code, 3);
	assert_string_equal(op.error.request_id, "7f6c3bd0-5c0e-4c39-9c7a-0d1a2b3c4d5e");
	assert_non_null(strstr(op.error.api_message, "queueArn"));
	assert_null(op.response);
	yc_operation_free(&op);
	cJSON_Delete(j);

	j = th_json("{\"id\":\"op\",\"done\":\"yes\"}");
	assert_int_equal(model_parse_operation(j, &op, &err), -1);
	assert_string_equal(err.field, "done");
	cJSON_Delete(j);
	j = th_json("{\"id\":\"op\",\"done\":true,\"response\":{\"id\":3}}");
	assert_int_equal(model_parse_operation(j, &op, &err), -1);
	assert_string_equal(err.field, "response.id");
	cJSON_Delete(j);
}

static void status_and_format(void **state)
{
	(void)state;
	cJSON *j = th_json_fixture("status_401.json");
	struct yc_error err;
	yc_error_clear(&err);
	err.http_status = 401;
	assert_int_equal(model_parse_status(j, &err), 0);
	assert_int_equal(err.kind, YC_ERR_API);
	assert_int_equal(err.grpc_code, 16);
	assert_int_equal(err.http_status, 401);
	assert_string_equal(err.api_message, "Token is invalid or has expired.");
	assert_string_equal(err.request_id, "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
	char line[1024];
	yc_error_format(&err, YC_LANG_EN, line, sizeof line);
	assert_string_equal(line, "Not signed in: the token is invalid or expired (Token is invalid or has expired., "
				  "code 16, HTTP 401, request id 0a1b2c3d-4e5f-6789-abcd-ef0123456789). Get a new "
				  "token (yc init) or pass --token");
	size_t want = yc_error_format(&err, YC_LANG_RU, line, 10);
	assert_true(want > 10);
	assert_true(strlen(line) <= 9);
	cJSON_Delete(j);

	struct yc_error untouched;
	yc_error_clear(&untouched);
	j = th_json("{\"message\":\"no code\"}");
	assert_int_equal(model_parse_status(j, &untouched), -1);
	assert_int_equal(untouched.kind, YC_ERR_NONE);
	cJSON_Delete(j);
	j = th_json("{\"code\":\"5\",\"message\":\"not found\\u001b[2J\"}");
	assert_int_equal(model_parse_status(j, &err), 0);
	assert_int_equal(err.grpc_code, 5);
	assert_null(strchr(err.api_message, 0x1b)); /* no escape reaches a terminal */
	cJSON_Delete(j);
}

static void pages(void **state)
{
	(void)state;
	struct yc_error err;
	char *next = NULL;
	cJSON *j = th_json_fixture("functions_page.json");
	struct yc_function_list fl = {0};
	assert_int_equal(model_parse_function_page(j, &fl, &next, &err), 0);
	assert_string_equal(next, "d4e2b4s07bj0ft7m7v2q");
	free(next);
	/* A second page appends. */
	assert_int_equal(model_parse_function_page(j, &fl, NULL, &err), 0);
	assert_int_equal(fl.n, 4);
	assert_string_equal(fl.items[0].labels.items[0].key, "env");
	assert_string_equal(fl.items[3].name, "async-worker");
	yc_function_list_free(&fl);
	cJSON_Delete(j);

	j = th_json_fixture("service_accounts_page.json");
	struct yc_service_account_list sl = {0};
	assert_int_equal(model_parse_service_account_page(j, &sl, &next, &err), 0);
	assert_null(next);
	assert_int_equal(sl.n, 2);
	assert_string_equal(sl.items[0].name, "invoker");
	yc_service_account_list_free(&sl);
	cJSON_Delete(j);

	j = th_json_fixture("clouds_page.json");
	struct yc_cloud_list cl = {0};
	assert_int_equal(model_parse_cloud_page(j, &cl, &next, &err), 0);
	assert_int_equal(cl.n, 1);
	yc_cloud_list_free(&cl);
	cJSON_Delete(j);

	j = th_json_fixture("folders_page.json");
	struct yc_folder_list fol = {0};
	assert_int_equal(model_parse_folder_page(j, &fol, &next, &err), 0);
	assert_string_equal(fol.items[0].cloud_id, "b1gia87mbaomkfvsleds");
	yc_folder_list_free(&fol);
	cJSON_Delete(j);

	/* An empty folder: the API leaves the array out. */
	j = th_json("{}");
	assert_int_equal(model_parse_function_page(j, &fl, &next, &err), 0);
	assert_int_equal(fl.n, 0);
	cJSON_Delete(j);

	j = th_json("{\"functions\":[{\"id\":\"a\"},{\"name\":\"no id\"}]}");
	assert_int_equal(model_parse_function_page(j, &fl, &next, &err), -1);
	assert_string_equal(err.field, "functions[1].id");
	assert_int_equal(fl.n, 1); /* what parsed stays valid and freeable */
	yc_function_list_free(&fl);
	cJSON_Delete(j);

	j = th_json("{\"functions\":{}}");
	assert_int_equal(model_parse_function_page(j, &fl, &next, &err), -1);
	assert_string_equal(err.field, "functions");
	cJSON_Delete(j);
	j = th_json("{\"functions\":[],\"nextPageToken\":5}");
	assert_int_equal(model_parse_function_page(j, &fl, &next, &err), -1);
	assert_string_equal(err.field, "nextPageToken");
	cJSON_Delete(j);
}

static void runtimes(void **state)
{
	(void)state;
	struct yc_string_list rt;
	struct yc_error err;
	cJSON *j = th_json_fixture("runtimes.json");
	assert_int_equal(model_parse_runtimes(j, &rt, &err), 0);
	assert_int_equal(rt.n, 9);
	assert_string_equal(rt.items[7], "python312");
	yc_string_list_free(&rt);
	cJSON_Delete(j);
	j = th_json("{\"runtimes\":[\"a\",null]}");
	assert_int_equal(model_parse_runtimes(j, &rt, &err), -1);
	assert_string_equal(err.field, "runtimes");
	cJSON_Delete(j);
}

static void error_basics(void **state)
{
	(void)state;
	struct yc_error err;
	yc_error_clear(&err);
	yc_error_set(&err, YC_ERR_IO, "draft", "не записан", NULL, NULL, "check the disk");
	assert_string_equal(yc_error_what(&err, YC_LANG_EN), "не записан");
	assert_string_equal(yc_error_hint(&err, YC_LANG_RU), "check the disk");
	assert_string_equal(yc_err_kind_name(YC_ERR_IO), "io");
	assert_string_equal(yc_err_kind_name((enum yc_err_kind)999), "unknown");
	char line[256];
	yc_error_format(&err, YC_LANG_RU, line, sizeof line);
	assert_string_equal(line, "draft: не записан. check the disk");
	/* Truncation keeps whole UTF-8 characters. */
	char big[600];
	memset(big, 0, sizeof big);
	for (int i = 0; i < 290; i += 2)
		memcpy(big + i, "ж", 2); /* NOLINT(bugprone-not-null-terminated-result): big is zeroed */
	yc_error_set(&err, YC_ERR_IO, NULL, big, big, NULL, NULL);
	assert_true(strlen(err.what_ru) < sizeof err.what_ru);
	assert_int_equal(strlen(err.what_ru) % 2, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version_full_parses_every_field),
		cmocka_unit_test(version_minimal_has_async_off),
		cmocka_unit_test(async_config_round_trips),
		cmocka_unit_test(int64_as_number_or_string),
		cmocka_unit_test(hostile_versions_name_the_field),
		cmocka_unit_test(json_caps),
		cmocka_unit_test(long_string_is_refused),
		cmocka_unit_test(operation_states),
		cmocka_unit_test(status_and_format),
		cmocka_unit_test(pages),
		cmocka_unit_test(runtimes),
		cmocka_unit_test(error_basics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
