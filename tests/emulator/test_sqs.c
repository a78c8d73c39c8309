/* test_sqs.c — Message Queue over the SQS protocol, signed by libcurl's own SigV4
 * (CURLOPT_AWS_SIGV4 "aws:amz:ru-central1:sqs"), exactly as the api module signs. */
#include "emu_test.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	struct emu *emu;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));
	c->emu = th_start(NULL);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	emu_stop(c->emu);
	free(c);
	return 0;
}

static struct th_resp sqs(struct ctx *c, const char *form, const char *key, const char *secret)
{
	return th_sqs(c->emu, form, key, secret);
}

static struct th_resp sqs_ok(struct ctx *c, const char *form)
{
	struct th_resp r = sqs(c, form, emu_demo_aws_key_id(), emu_demo_aws_secret());
	if (r.status != 200)
		fail_msg("%s: HTTP %ld %s", form, r.status, r.body ? r.body : "");
	return r;
}

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_list_queues(void **state)
{
	struct ctx *c = *state;
	struct th_resp r = sqs_ok(c, "Action=ListQueues&Version=2012-11-05");
	assert_non_null(strstr(r.body, "<ListQueuesResponse"));
	assert_non_null(strstr(r.body, "<ListQueuesResult>"));
	assert_int_equal(count(r.body, "<QueueUrl>"), 6);
	assert_non_null(strstr(r.body, "<RequestId>"));
	th_resp_free(&r);
	r = sqs_ok(c, "Action=ListQueues&QueueNamePrefix=orders&Version=2012-11-05");
	assert_int_equal(count(r.body, "<QueueUrl>"), 2);
	th_resp_free(&r);
}

static void queue_url(struct ctx *c, const char *name, char *out, size_t n)
{
	char form[256];
	snprintf(form, sizeof(form), "Action=GetQueueUrl&QueueName=%s&Version=2012-11-05", name);
	struct th_resp r = sqs_ok(c, form);
	th_between(r.body, "QueueUrl", out, n);
	th_resp_free(&r);
}

/* The queue's URL, url-escaped for a form. */
static void escaped_queue_url(struct ctx *c, const char *name, char *out, size_t n)
{
	char url[256];
	queue_url(c, name, url, sizeof(url));
	char *e = curl_easy_escape(NULL, url, 0);
	assert_non_null(e);
	snprintf(out, n, "%s", e);
	curl_free(e);
}

static void test_queue_arn(void **state)
{
	struct ctx *c = *state;
	char form[1024], esc[512];
	escaped_queue_url(c, "orders-ok", esc, sizeof(esc));
	snprintf(form, sizeof(form), "Action=GetQueueAttributes&QueueUrl=%s&AttributeName.1=QueueArn&Version=2012-11-05", esc);
	struct th_resp r = sqs_ok(c, form);
	char expect[200];
	snprintf(expect, sizeof(expect), "<Attribute><Name>QueueArn</Name><Value>yrn:yc:ymq:ru-central1:%s:orders-ok</Value></Attribute>",
		 emu_demo_folder_id());
	assert_non_null(strstr(r.body, expect));
	th_resp_free(&r);
	r = sqs(c, "Action=GetQueueAttributes&QueueUrl=http%3A%2F%2Fx%2Fb1g%2Fdj6%2Fnope&AttributeName.1=QueueArn",
		emu_demo_aws_key_id(), emu_demo_aws_secret());
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "<ErrorResponse"));
	assert_non_null(strstr(r.body, "<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"));
	assert_non_null(strstr(r.body, "<Type>Sender</Type>"));
	th_resp_free(&r);
}

static void test_send_receive_delete(void **state)
{
	struct ctx *c = *state;
	char esc[512], form[1024], id[64], body[256], handle[128];
	escaped_queue_url(c, "audit-events", esc, sizeof(esc));
	snprintf(form, sizeof(form), "Action=SendMessage&QueueUrl=%s&MessageBody=%%7B%%22a%%22%%3A%%22%%3Cb%%26c%%3E%%22%%7D", esc);
	struct th_resp r = sqs_ok(c, form);
	th_between(r.body, "MessageId", id, sizeof(id));
	assert_int_equal(strlen(id), 36);
	th_resp_free(&r);
	snprintf(form, sizeof(form), "Action=ReceiveMessage&QueueUrl=%s&MaxNumberOfMessages=10&VisibilityTimeout=60", esc);
	r = sqs_ok(c, form);
	assert_int_equal(count(r.body, "<Message>"), 1);
	char got_id[64];
	th_between(r.body, "MessageId", got_id, sizeof(got_id));
	assert_string_equal(got_id, id);
	th_between(r.body, "Body", body, sizeof(body));
	assert_string_equal(body, "{&quot;a&quot;:&quot;&lt;b&amp;c&gt;&quot;}");
	th_between(r.body, "ReceiptHandle", handle, sizeof(handle));
	th_resp_free(&r);
	r = sqs_ok(c, form); /* invisible for 60 s now */
	assert_int_equal(count(r.body, "<Message>"), 0);
	th_resp_free(&r);
	snprintf(form, sizeof(form), "Action=DeleteMessage&QueueUrl=%s&ReceiptHandle=%s", esc, handle);
	r = sqs_ok(c, form);
	assert_non_null(strstr(r.body, "<DeleteMessageResponse"));
	th_resp_free(&r);
	r = sqs(c, form, emu_demo_aws_key_id(), emu_demo_aws_secret());
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "ReceiptHandleIsInvalid"));
	th_resp_free(&r);
}

struct later_send {
	struct ctx *c;
	double before;
	char form[1024];
	pthread_t t;
};

static void *send_later(void *p)
{
	struct later_send *l = p;
	/* send once the ReceiveMessage has reached the emulator (the log counts it before it waits) */
	assert_true(TH_WAIT(th_stat(l->c->emu, "requests") > l->before, 5000));
	struct th_resp r = sqs_ok(l->c, l->form);
	th_resp_free(&r);
	return NULL;
}

/* ReceiveMessage with WaitTimeSeconds returns as soon as a message arrives. */
static void test_long_poll(void **state)
{
	struct ctx *c = *state;
	char esc[512];
	escaped_queue_url(c, "payments-ok", esc, sizeof(esc));
	struct later_send l = {.c = c, .before = th_stat(c->emu, "requests")};
	snprintf(l.form, sizeof(l.form), "Action=SendMessage&QueueUrl=%s&MessageBody=late", esc);
	pthread_create(&l.t, NULL, send_later, &l);
	char form[1024];
	snprintf(form, sizeof(form), "Action=ReceiveMessage&QueueUrl=%s&WaitTimeSeconds=20", esc);
	long long t0 = th_now_ms();
	struct th_resp r = sqs_ok(c, form);
	assert_true(th_now_ms() - t0 < 15000);
	assert_int_equal(count(r.body, "<Message>"), 1);
	th_resp_free(&r);
	pthread_join(l.t, NULL);
}

static void test_signature_checked(void **state)
{
	struct ctx *c = *state;
	struct th_resp r = sqs(c, "Action=ListQueues", NULL, NULL);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "MissingAuthenticationToken"));
	th_resp_free(&r);
	r = sqs(c, "Action=ListQueues", "YCAJEsomeoneelse", emu_demo_aws_secret());
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "InvalidClientTokenId"));
	th_resp_free(&r);
	r = sqs(c, "Action=ListQueues", emu_demo_aws_key_id(), "wrong-secret");
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "SignatureDoesNotMatch"));
	th_resp_free(&r);
	r = sqs(c, "Action=Frobnicate", emu_demo_aws_key_id(), emu_demo_aws_secret());
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "InvalidAction"));
	th_resp_free(&r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_queues),
		cmocka_unit_test(test_queue_arn),
		cmocka_unit_test(test_send_receive_delete),
		cmocka_unit_test(test_signature_checked),
		cmocka_unit_test(test_long_poll),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
