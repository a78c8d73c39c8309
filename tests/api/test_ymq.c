/* test_ymq.c — Message Queue (SigV4 by libcurl, checked by the emulator with the seeded key) and
 * the async invocation: queues arrive with their ARNs, an async invoke answers 202 with a request
 * id, its result lands in the success queue and ReceiveMessage reads it; no key or a wrong key
 * is an auth error that says what to set. */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct yc_queue *find_queue(const struct yc_queue_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].name && strcmp(l->items[i].name, name) == 0)
			return &l->items[i];
	return NULL;
}

/* ListQueues, then every QueueArn in parallel */
static void list_queues(void **state)
{
	(void)state;
	struct api_result r = {0};
	api_wait(fx.api, api_list_queues(fx.api, NULL, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.queues.n >= 6);
	for (size_t i = 0; i < r.u.queues.n; i++) {
		assert_non_null(r.u.queues.items[i].url);
		assert_non_null(r.u.queues.items[i].arn);
		assert_true(strncmp(r.u.queues.items[i].arn, "yrn:yc:ymq:ru-central1:", 23) == 0);
	}
	const struct yc_queue *q = find_queue(&r.u.queues, "orders-ok");
	assert_non_null(q);
	char want[128];
	snprintf(want, sizeof want, "yrn:yc:ymq:ru-central1:%s:orders-ok", emu_demo_folder_id());
	assert_string_equal(q->arn, want);
	t_result_free(&r);

	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_list_queues(fx.api, "orders", t_keep, &r));
	t_ok(&r);
	assert_true(r.u.queues.n >= 2);
	for (size_t i = 0; i < r.u.queues.n; i++)
		assert_true(strncmp(r.u.queues.items[i].name, "orders", 6) == 0);
	t_result_free(&r);
}

static char *function_id(const char *name)
{
	struct api_result r = {0};
	api_wait(fx.api, api_list_functions(fx.api, fx.cfg.folder_id, name, t_keep, &r));
	t_ok(&r);
	assert_int_equal(r.u.functions.n, 1);
	char *id = strdup(r.u.functions.items[0].id);
	t_result_free(&r);
	return id;
}

/* invoke ?integration=async: 202 and a request id; the result reaches the success queue */
static void invoke_async_then_receive(void **state)
{
	(void)state;
	struct api_result q = {0};
	api_wait(fx.api, api_list_queues(fx.api, "payments-ok", t_keep, &q));
	t_ok(&q);
	const struct yc_queue *ok_q = find_queue(&q.u.queues, "payments-ok");
	assert_non_null(ok_q);

	char *fid = function_id("payment-callback");
	const char *body = "{\"order\":42}";
	struct api_result r = {0};
	api_wait(fx.api, api_invoke(fx.api, fid, NULL, true, body, strlen(body), t_keep, &r));
	t_ok(&r);
	assert_int_equal(r.u.invoke.http_status, 202);
	assert_non_null(r.u.invoke.request_id);
	assert_true(strlen(r.u.invoke.request_id) > 8);
	char rid[80];
	snprintf(rid, sizeof rid, "%s", r.u.invoke.request_id);
	t_result_free(&r);

	/* poll the queue until the result message arrives (the emulator retries the function first) */
	bool found = false;
	long long end = t_now_ms() + 15000;
	while (!found && t_now_ms() < end) {
		struct api_result m = {0};
		api_wait(fx.api, api_receive_messages(fx.api, ok_q->url, 10, t_keep, &m));
		t_ok(&m);
		for (size_t i = 0; i < m.u.messages.n; i++) {
			assert_non_null(m.u.messages.items[i].id);
			assert_non_null(m.u.messages.items[i].body);
			found |= strstr(m.u.messages.items[i].body, rid) != NULL;
		}
		t_result_free(&m);
		if (!found)
			api_poll(fx.api, NULL, 0, 100); /* nothing runs: lets the emulator work */
	}
	assert_true(found);
	t_result_free(&q);
	free(fid);
}

/* a plain (synchronous) invoke of an echo function answers 200 with its body */
static void invoke_sync(void **state)
{
	(void)state;
	char *fid = function_id("image-resizer");
	struct api_result r = {0};
	api_wait(fx.api, api_invoke(fx.api, fid, "$latest", false, "{\"w\":64}", 8, t_keep, &r));
	t_ok(&r);
	assert_int_equal(r.u.invoke.http_status, 200);
	assert_non_null(strstr(r.u.invoke.body, "64"));
	t_result_free(&r);
	free(fid);
}

/* no static key: YC_ERR_AUTH saying how to set one, and nothing sent */
static void no_static_key(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, fx.emu);
	free(c.aws_access_key_id);
	free(c.aws_secret_access_key);
	c.aws_access_key_id = c.aws_secret_access_key = NULL;
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	struct api_result r = {0};
	api_wait(a, api_list_queues(a, NULL, t_keep, &r));
	assert_int_equal(r.err.kind, YC_ERR_AUTH);
	assert_non_null(strstr(r.err.hint_en, "AWS_ACCESS_KEY_ID"));
	assert_non_null(strstr(r.err.hint_en, "ARN"));
	api_free(a);
	api_config_free(&c);
}

/* a wrong secret: the signature does not match, an auth error about the key */
static void wrong_secret(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, fx.emu);
	free(c.aws_secret_access_key);
	c.aws_secret_access_key = strdup("YCNwrongsecretwrongsecretwrongsecret0000");
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	struct api_result r = {0};
	api_wait(a, api_list_queues(a, NULL, t_keep, &r));
	fprintf(stderr, "  wrong secret -> %s\n", t_err(&r));
	assert_int_equal(r.err.kind, YC_ERR_AUTH);
	assert_non_null(strstr(r.err.hint_en, "static key"));
	assert_null(strstr(t_err(&r), "wrongsecret"));
	api_free(a);
	api_config_free(&c);
}

/* a 403 on ListQueues names ymq.reader */
static void forbidden_names_role(void **state)
{
	(void)state;
	t_fault(fx.emu, "{\"route\":\"POST /\",\"fault\":\"403\",\"count\":1}");
	struct api_result r = {0};
	api_wait(fx.api, api_list_queues(fx.api, NULL, t_keep, &r));
	assert_int_equal(r.err.kind, YC_ERR_API);
	assert_non_null(strstr(r.err.hint_en, "ymq.reader"));
	assert_true(r.err.api_message[0] != '\0');
	t_result_free(&r);
	cJSON_Delete(t_control(fx.emu, "DELETE", "/_emu/faults", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_queues),
		cmocka_unit_test(invoke_async_then_receive),
		cmocka_unit_test(invoke_sync),
		cmocka_unit_test(no_static_key),
		cmocka_unit_test(wrong_secret),
		cmocka_unit_test(forbidden_names_role),
	};
	return cmocka_run_group_tests(tests, t_fixture_setup, t_fixture_teardown);
}
