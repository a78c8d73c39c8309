/* test_invoke.c — async invocation: 202 at once, then the behaviour runs with retries and the
 * result message lands in the right queue after the right number of attempts; sync invocation. */
#include "emu_test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* retries a few ms apart, so that a behaviour's attempts take no time */
static int setup(void **state)
{
	th_setup_with_token(state);
	struct th_ctx *c = *state;
	th_control(c->emu, "POST", "/_emu/config", "{\"retryDelayMs\":5}");
	return 0;
}

static struct th_resp invoke(struct th_ctx *c, const char *fid, const char *query, const char *body, const char *token)
{
	char url[256];
	snprintf(url, sizeof(url), "%s/%s%s", emu_url(c->emu), fid, query);
	struct th_resp r;
	th_http("POST", url, token, body, NULL, 0, &r);
	return r;
}

/* The /_emu/invocations entry of request_id once it is done (caller deletes), or NULL. */
static cJSON *finished(struct th_ctx *c, const char *request_id)
{
	struct th_resp r = th_get(c->emu, "/_emu/invocations", NULL);
	cJSON *found = NULL;
	const cJSON *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r.json, "invocations")) {
		if (!strcmp(th_str(it, "requestId"), request_id) && !strcmp(th_str(it, "state"), "done"))
			found = cJSON_Duplicate(it, 1);
	}
	th_resp_free(&r);
	return found;
}

/* Receives one message from the queue (long poll 2 s), parsed; NULL when none. */
static cJSON *receive(struct th_ctx *c, const char *folder, const char *queue)
{
	char form[512];
	snprintf(form, sizeof(form), "Action=ReceiveMessage&QueueUrl=http%%3A%%2F%%2Fx%%2F%s%%2Fq%%2F%s&WaitTimeSeconds=2",
		 folder, queue);
	struct th_resp r = th_sqs(c->emu, form, emu_demo_aws_key_id(), emu_demo_aws_secret());
	assert_int_equal(r.status, 200);
	cJSON *m = NULL;
	if (strstr(r.body, "<Body>")) {
		char *body = malloc(r.len + 1);
		th_between(r.body, "Body", body, r.len + 1);
		th_xml_unescape(body);
		m = cJSON_Parse(body);
		free(body);
	}
	th_resp_free(&r);
	return m;
}

static void check_async(struct th_ctx *c, const char *folder, const char *name, int attempts, const char *outcome,
			const char *queue)
{
	char fid[32], rid[80];
	th_function_id(c, folder, name, fid);
	struct th_resp r = invoke(c, fid, "?integration=async", "{\"order\":42}", c->token);
	assert_int_equal(r.status, 202);
	assert_int_equal(strlen(r.request_id), 36);
	assert_string_equal(th_str(r.json, "requestId"), r.request_id);
	snprintf(rid, sizeof(rid), "%s", r.request_id);
	th_resp_free(&r);
	cJSON *inv = NULL;
	assert_true(TH_WAIT((inv = finished(c, rid)) != NULL, 5000));
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(inv, "attempts")->valueint, attempts);
	assert_string_equal(th_str(inv, "outcome"), outcome);
	char arn[200];
	if (queue)
		snprintf(arn, sizeof(arn), "yrn:yc:ymq:ru-central1:%s:%s", folder, queue);
	else
		snprintf(arn, sizeof(arn), "dropped");
	assert_string_equal(th_str(inv, "queue"), arn);
	cJSON_Delete(inv);
	if (!queue)
		return;
	cJSON *m = receive(c, folder, queue);
	assert_non_null(m);
	assert_string_equal(th_str(m, "requestId"), rid);
	assert_string_equal(th_str(m, "functionId"), fid);
	assert_int_equal(strlen(th_str(m, "versionId")), 20);
	assert_string_equal(th_str(m, "outcome"), outcome);
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(m, "attempts")->valueint, attempts);
	assert_string_equal(th_str(m, "payload"), "{\"order\":42}");
	if (!strcmp(outcome, "success"))
		assert_string_equal(th_str(cJSON_GetObjectItemCaseSensitive(m, "response"), "body"), "{\"order\":42}");
	else
		assert_true(strlen(th_str(cJSON_GetObjectItemCaseSensitive(m, "error"), "errorMessage")) > 0);
	cJSON_Delete(m);
}

/* order-webhook fails twice then succeeds; 3 retries; success -> orders-ok */
static void test_fail_twice_then_succeed(void **state)
{
	check_async(*state, emu_demo_folder_id(), "order-webhook", 3, "success", "orders-ok");
}

/* send-email always fails; 2 retries; failure -> emails-dlq */
static void test_always_fails(void **state)
{
	check_async(*state, emu_demo_folder_id(), "send-email", 3, "failure", "emails-dlq");
}

/* report-generator exceeds its timeout; 1 retry; failure -> orders-dlq */
static void test_timeout(void **state)
{
	check_async(*state, emu_demo_folder_id(), "report-generator", 2, "failure", "orders-dlq");
}

/* telegram-bot echoes; 0 retries; emptyTarget drops the result */
static void test_empty_target_drops(void **state)
{
	check_async(*state, emu_demo_folder_id(), "telegram-bot", 1, "success", NULL);
}

/* payment-callback fails once; 5 retries; changed to always fail: 6 attempts to payments-failed */
static void test_behaviour_control(void **state)
{
	struct th_ctx *c = *state;
	char fid[32], body[128];
	th_function_id(c, emu_demo_folder_id(), "payment-callback", fid);
	snprintf(body, sizeof(body), "{\"functionId\":\"%s\",\"behaviour\":\"fail\"}", fid);
	th_control(c->emu, "POST", "/_emu/behaviour", body);
	check_async(c, emu_demo_folder_id(), "payment-callback", 6, "failure", "payments-failed");
}

/* A version made here with a tag and a target queue that does not exist: ?tag= reaches it,
 * and the result is recorded as undeliverable. */
static void test_tag_and_missing_queue(void **state)
{
	struct th_ctx *c = *state;
	char fid[32], vid[32], path[256], body[1024], url[256];
	th_function_id(c, emu_demo_folder_id(), "metrics-exporter", fid);
	snprintf(path, sizeof(path), "/functions/v1/versions:byTag?functionId=%s&tag=%%24latest", fid);
	struct th_resp r = th_get(c->emu, path, c->token);
	snprintf(vid, sizeof(vid), "%s", th_str(r.json, "id"));
	th_resp_free(&r);
	snprintf(body, sizeof(body),
		 "{\"functionId\":\"%s\",\"runtime\":\"golang121\",\"entrypoint\":\"main.Export\","
		 "\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"10s\",\"versionId\":\"%s\","
		 "\"tag\":[\"canary\"],\"asyncInvocationConfig\":{\"retriesCount\":\"0\",\"successTarget\":"
		 "{\"ymqTarget\":{\"queueArn\":\"yrn:yc:ymq:ru-central1:%s:no-such-queue\",\"serviceAccountId\":\"ajex\"}},"
		 "\"failureTarget\":{\"emptyTarget\":{}}}}",
		 fid, vid, emu_demo_folder_id());
	snprintf(url, sizeof(url), "%s/functions/v1/versions", emu_url(c->emu));
	th_http("POST", url, c->token, body, NULL, 0, &r);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	r = invoke(c, fid, "?integration=async&tag=canary", "{}", c->token);
	assert_int_equal(r.status, 202);
	char rid[80];
	snprintf(rid, sizeof(rid), "%s", r.request_id);
	th_resp_free(&r);
	cJSON *inv = NULL;
	assert_true(TH_WAIT((inv = finished(c, rid)) != NULL, 5000));
	assert_string_equal(th_str(inv, "outcome"), "success");
	assert_true(!strncmp(th_str(inv, "queue"), "undeliverable", 13));
	cJSON_Delete(inv);
}

static void test_refusals(void **state)
{
	struct th_ctx *c = *state;
	char fid[32];
	th_function_id(c, emu_demo_folder_id(), "image-resizer", fid); /* no asyncInvocationConfig */
	struct th_resp r = invoke(c, fid, "?integration=async", "{}", c->token);
	assert_int_equal(r.status, 400);
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(r.json, "code")->valueint, 9);
	assert_non_null(strstr(th_str(r.json, "message"), "not configured"));
	th_resp_free(&r);
	r = invoke(c, "d4enosuchfunction000", "?integration=async", "{}", c->token);
	assert_int_equal(r.status, 404);
	th_resp_free(&r);
	th_function_id(c, emu_demo_folder_id(), "order-webhook", fid);
	r = invoke(c, fid, "?integration=async", "{}", NULL);
	assert_int_equal(r.status, 401);
	th_resp_free(&r);
	r = invoke(c, fid, "?integration=async&tag=nosuchtag", "{}", c->token);
	assert_int_equal(r.status, 404);
	th_resp_free(&r);
	r = invoke(c, fid, "?integration=async&tag=stable", "{}", c->token); /* the older version: no async */
	assert_int_equal(r.status, 400);
	th_resp_free(&r);
}

static void test_sync(void **state)
{
	struct th_ctx *c = *state;
	char fid[32];
	th_function_id(c, emu_demo_folder_id(), "image-resizer", fid);
	struct th_resp r = invoke(c, fid, "", "hello", c->token);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "hello");
	th_resp_free(&r);
	th_function_id(c, emu_demo_folder_id(), "send-email", fid);
	r = invoke(c, fid, "", "x", c->token);
	assert_int_equal(r.status, 502);
	assert_string_equal(th_str(r.json, "errorType"), "EmulatedError");
	th_resp_free(&r);
	th_function_id(c, emu_demo_folder_id(), "report-generator", fid);
	r = invoke(c, fid, "", "x", c->token);
	assert_int_equal(r.status, 504);
	assert_string_equal(th_str(r.json, "errorType"), "Timeout");
	th_resp_free(&r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fail_twice_then_succeed), cmocka_unit_test(test_always_fails),
		cmocka_unit_test(test_timeout),			cmocka_unit_test(test_empty_target_drops),
		cmocka_unit_test(test_behaviour_control),	cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_tag_and_missing_queue),
		cmocka_unit_test(test_sync),
	};
	int rc = cmocka_run_group_tests(tests, setup, th_teardown_with_token);
	curl_global_cleanup();
	return rc;
}
