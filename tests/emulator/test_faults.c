/* test_faults.c — the control routes: every injected fault, count and phase (including the
 * version really created before a reset), per-route latency that stalls no other request, a
 * hang that neither blocks others nor emu_stop, the masked request log (raw bodies otherwise),
 * counters, reset. */
#include "emu_test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int before_each(void **state)
{
	struct th_ctx *c = *state;
	th_control(c->emu, "DELETE", "/_emu/faults", NULL);
	return 0;
}

static void fault(struct th_ctx *c, const char *json)
{
	struct th_resp r = th_post(c->emu, "/_emu/faults", NULL, json);
	assert_int_equal(r.status, 200);
	assert_true(th_str(r.json, "id")[0] == 'f');
	th_resp_free(&r);
}

static struct th_resp runtimes(struct th_ctx *c, long timeout_ms)
{
	char url[256];
	struct th_resp r;
	snprintf(url, sizeof(url), "%s/functions/v1/runtimes", emu_url(c->emu));
	th_http("GET", url, c->token, NULL, NULL, timeout_ms, &r);
	return r;
}

static void test_status_faults(void **state)
{
	struct th_ctx *c = *state;
	static const struct {
		const char *fault;
		long http;
		int code;
	} cases[] = {
		{"401", 401, 16}, {"403", 403, 7}, {"404", 404, 5}, {"409", 409, 10},
		{"429", 429, 8},  {"500", 500, 13}, {"503", 503, 14},
	};
	char json[256];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(json, sizeof(json), "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"%s\",\"retryAfter\":7}",
			 cases[i].fault);
		fault(c, json);
		struct th_resp r = runtimes(c, 0);
		assert_int_equal(r.status, cases[i].http);
		assert_int_equal(cJSON_GetObjectItemCaseSensitive(r.json, "code")->valueint, cases[i].code);
		if (cases[i].http == 429)
			assert_string_equal(r.retry_after, "7");
		th_resp_free(&r);
		r = runtimes(c, 0); /* count 1 (the default): the next one is fine */
		assert_int_equal(r.status, 200);
		th_resp_free(&r);
	}
}

static void test_count_and_route_forms(void **state)
{
	struct th_ctx *c = *state;
	fault(c, "{\"route\":\"/functions/v1/run\",\"fault\":\"401\",\"count\":2}");
	for (int i = 0; i < 2; i++) {
		struct th_resp r = runtimes(c, 0);
		assert_int_equal(r.status, 401);
		th_resp_free(&r);
	}
	struct th_resp r = runtimes(c, 0);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	fault(c, "{\"route\":\"*\",\"fault\":\"401\",\"count\":0}"); /* always */
	for (int i = 0; i < 3; i++) {
		r = runtimes(c, 0);
		assert_int_equal(r.status, 401);
		th_resp_free(&r);
	}
	r = th_get(c->emu, "/_emu/stats", NULL); /* control routes are never faulted */
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	th_control(c->emu, "DELETE", "/_emu/faults", NULL);
	fault(c, "{\"route\":\"POST /functions/v1/runtimes\",\"fault\":\"500\"}"); /* other method: no hit */
	r = runtimes(c, 0);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	fault(c, "{\"route\":\"GET /x\",\"fault\":\"503\",\"count\":4,\"phase\":\"after\"}");
	r = th_get(c->emu, "/_emu/faults", NULL);
	const cJSON *armed = cJSON_GetObjectItemCaseSensitive(r.json, "faults");
	assert_int_equal(cJSON_GetArraySize(armed), 2);
	const cJSON *last = cJSON_GetArrayItem(armed, 1);
	assert_string_equal(th_str(last, "route"), "GET /x");
	assert_string_equal(th_str(last, "phase"), "after");
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(last, "count")->valueint, 4);
	th_resp_free(&r);
	r = th_post(c->emu, "/_emu/faults", NULL, "{\"route\":\"*\",\"fault\":\"teapot\"}");
	assert_int_equal(r.status, 400);
	th_resp_free(&r);
}

static void test_broken_bodies(void **state)
{
	struct th_ctx *c = *state;
	fault(c, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"truncated\"}");
	struct th_resp r = runtimes(c, 0);
	assert_int_equal(r.curl, CURLE_OK);
	assert_non_null(r.body);
	assert_null(r.json);
	th_resp_free(&r);
	fault(c, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"invalid_json\"}");
	r = runtimes(c, 0);
	assert_int_equal(r.status, 200);
	assert_null(r.json);
	th_resp_free(&r);
	fault(c, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"reset\"}");
	r = runtimes(c, 0);
	assert_int_equal(r.curl, CURLE_PARTIAL_FILE);
	th_resp_free(&r);
	fault(c, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"oversized\"}");
	r = runtimes(c, 30000);
	assert_int_equal(r.curl, CURLE_OK);
	assert_int_equal(r.len, 64u * 1024u * 1024u);
	assert_non_null(r.json); /* valid JSON, only far too big */
	th_resp_free(&r);
}

struct bg {
	struct th_ctx *c;
	long timeout_ms;
	struct th_resp r;
	atomic_bool done;
	pthread_t t;
};

static void *bg_runtimes(void *p)
{
	struct bg *b = p;
	b->r = runtimes(b->c, b->timeout_ms);
	atomic_store(&b->done, true);
	return NULL;
}

static void test_hang_blocks_nobody(void **state)
{
	struct th_ctx *c = *state;
	fault(c, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"hang\"}");
	struct bg b = {.c = c, .timeout_ms = 400};
	pthread_create(&b.t, NULL, bg_runtimes, &b);
	assert_true(TH_WAIT(th_stat(c->emu, "requests") >= 1, 2000));
	struct th_resp r = th_get(c->emu, "/resource-manager/v1/clouds", c->token); /* not stalled */
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	pthread_join(b.t, NULL);
	assert_int_equal(b.r.curl, CURLE_OPERATION_TIMEDOUT);
	th_resp_free(&b.r);
}

static void test_latency_per_route(void **state)
{
	struct th_ctx *c = *state;
	th_control(c->emu, "POST", "/_emu/latency", "{\"route\":\"GET /functions/v1/runtimes\",\"ms\":1500}");
	struct bg b = {.c = c};
	long long t0 = th_now_ms();
	pthread_create(&b.t, NULL, bg_runtimes, &b);
	struct th_resp r = th_get(c->emu, "/resource-manager/v1/clouds", c->token);
	assert_int_equal(r.status, 200);
	assert_false(atomic_load(&b.done)); /* the other route answered while the slow one still waits */
	th_resp_free(&r);
	pthread_join(b.t, NULL);
	assert_int_equal(b.r.status, 200);
	assert_true(th_now_ms() - t0 >= 1500);
	th_resp_free(&b.r);
	th_control(c->emu, "POST", "/_emu/latency", "{\"route\":\"GET /functions/v1/runtimes\",\"ms\":0}");
	r = runtimes(c, 0);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
}

/* emu_options.latency_ms: every cloud route waits from the start, and again after a reset; the
 * control routes do not; POST /_emu/latency on "*" changes it; out of range is refused. */
static void test_start_latency(void **state)
{
	(void)state;
	struct emu_options o = {.quiet = true, .latency_ms = 300};
	struct emu *emu = th_start(&o);
	long long t0 = th_now_ms();
	struct th_resp r = th_get(emu, "/resource-manager/v1/clouds", NULL);
	assert_true(th_now_ms() - t0 >= 300);
	th_resp_free(&r);
	th_control(emu, "POST", "/_emu/reset", "{}");
	t0 = th_now_ms();
	r = th_get(emu, "/functions/v1/runtimes", NULL);
	assert_true(th_now_ms() - t0 >= 300);
	th_resp_free(&r);
	th_control(emu, "POST", "/_emu/latency", "{\"route\":\"*\",\"ms\":0}");
	t0 = th_now_ms();
	r = th_get(emu, "/functions/v1/runtimes", NULL);
	assert_true(th_now_ms() - t0 < 300);
	th_resp_free(&r);
	emu_stop(emu);
	struct yc_error err;
	o.latency_ms = 600001;
	assert_null(emu_start(&o, &err));
	assert_non_null(strstr(err.what_en, "latency"));
	o.latency_ms = -1;
	assert_null(emu_start(&o, &err));
}

/* The id of the seeded function name and of its $latest version. */
static void latest_of(struct th_ctx *c, const char *name, char fid[32], char vid[32])
{
	char path[256];
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&filter=name%%3D%%22%s%%22",
		 emu_demo_folder_id(), name);
	struct th_resp r = th_get(c->emu, path, c->token);
	snprintf(fid, 32, "%s", th_str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r.json, "functions"), 0), "id"));
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/functions/v1/versions:byTag?functionId=%s&tag=%%24latest", fid);
	r = th_get(c->emu, path, c->token);
	snprintf(vid, 32, "%s", th_str(r.json, "id"));
	th_resp_free(&r);
}

static void test_after_phase_creates_once(void **state)
{
	struct th_ctx *c = *state;
	char path[256], fid[32], vid[32];
	latest_of(c, "pdf-render", fid, vid);
	struct th_resp r;
	char body[512], url[256];
	snprintf(body, sizeof(body), "{\"functionId\":\"%s\",\"runtime\":\"dotnet8\",\"entrypoint\":\"Function.Handler\","
		 "\"resources\":{\"memory\":\"1073741824\"},\"executionTimeout\":\"30s\",\"versionId\":\"%s\"}", fid, vid);
	snprintf(url, sizeof(url), "%s/functions/v1/versions", emu_url(c->emu));
	const char *hdr[] = {"Idempotency-Key: 3b241101-e2bb-4255-8caf-4136c566a962", NULL};
	double before = th_stat(c->emu, "versionsCreated");
	fault(c, "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"reset\",\"phase\":\"after\"}");
	th_http("POST", url, c->token, body, hdr, 0, &r);
	assert_int_not_equal(r.curl, CURLE_OK); /* the connection broke mid-answer... */
	th_resp_free(&r);
	assert_true(th_stat(c->emu, "versionsCreated") == before + 1); /* ...after the version was made */
	th_http("POST", url, c->token, body, hdr, 0, &r); /* the retry with the same key */
	assert_int_equal(r.status, 200);
	char op[32];
	snprintf(op, sizeof(op), "%s", th_str(r.json, "id"));
	th_resp_free(&r);
	assert_true(th_stat(c->emu, "versionsCreated") == before + 1);
	snprintf(path, sizeof(path), "/functions/v1/versions:byTag?functionId=%s&tag=%%24latest", fid);
	r = th_get(c->emu, path, c->token);
	assert_string_not_equal(th_str(r.json, "id"), vid);
	th_resp_free(&r);
	(void)op;
}

static void test_log_masks_secrets(void **state)
{
	struct th_ctx *c = *state;
	th_control(c->emu, "DELETE", "/_emu/log", NULL);
	char *t = th_token(c->emu);
	struct th_resp r = runtimes(c, 0);
	th_resp_free(&r);
	r = th_get(c->emu, "/_emu/log", NULL);
	assert_int_equal(r.status, 200);
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(r.json, "requests");
	assert_int_equal(cJSON_GetArraySize(reqs), 2);
	const cJSON *first = cJSON_GetArrayItem(reqs, 0);
	assert_string_equal(th_str(first, "method"), "POST");
	assert_string_equal(th_str(first, "path"), "/iam/v1/tokens");
	assert_non_null(strstr(th_str(first, "body"), "***"));
	const cJSON *second = cJSON_GetArrayItem(reqs, 1);
	assert_string_equal(th_str(cJSON_GetObjectItemCaseSensitive(second, "headers"), "Authorization"), "***");
	assert_string_equal(th_str(second, "route"), "GET /functions/v1/runtimes");
	assert_int_equal(strlen(th_str(second, "requestId")), 36);
	assert_null(strstr(r.body, t));
	assert_null(strstr(r.body, c->token));
	assert_null(strstr(r.body, emu_demo_oauth_token()));
	th_resp_free(&r);
	free(t);
}

/* The operation's answer, polled until it is done (deadline 5 s). */
static bool operation_done(struct th_ctx *c, const char *id, struct th_resp *r)
{
	char path[128];
	snprintf(path, sizeof(path), "/operations/%s", id);
	th_resp_free(r);
	*r = th_get(c->emu, path, c->token);
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r->json, "done"));
}

/* operation_error: a valid createVersion is answered with a not-done Operation that ends with
 * the fault's google.rpc.Status, and no version is made; the next request is served as usual. */
static void test_operation_error(void **state)
{
	struct th_ctx *c = *state;
	char fid[32], vid[32], body[512], op[32], path[128];
	latest_of(c, "order-webhook", fid, vid);
	snprintf(body, sizeof(body), "{\"functionId\":\"%s\",\"runtime\":\"python312\",\"entrypoint\":\"index.handler\","
		 "\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"5s\",\"versionId\":\"%s\"}", fid, vid);
	fault(c, "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"operation_error\",\"code\":9,"
		 "\"message\":\"Build failed: no matching distribution for flask==99\"}");
	double before = th_stat(c->emu, "versionsCreated");
	struct th_resp r = th_post(c->emu, "/functions/v1/versions", c->token, body);
	assert_int_equal(r.status, 200);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r.json, "done")));
	assert_null(cJSON_GetObjectItemCaseSensitive(r.json, "error"));
	snprintf(op, sizeof(op), "%s", th_str(r.json, "id"));
	char request_id[80];
	snprintf(request_id, sizeof(request_id), "%s", r.request_id);
	const cJSON *md = cJSON_GetObjectItemCaseSensitive(r.json, "metadata");
	snprintf(path, sizeof(path), "/functions/v1/versions/%s", th_str(md, "functionVersionId"));
	th_resp_free(&r);
	assert_true(TH_WAIT(operation_done(c, op, &r), 5000));
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(r.json, "error");
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(e, "code")->valueint, 9);
	assert_string_equal(th_str(e, "message"), "Build failed: no matching distribution for flask==99");
	assert_string_equal(th_str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e, "details"), 0), "requestId"),
			    request_id);
	assert_null(cJSON_GetObjectItemCaseSensitive(r.json, "response"));
	th_resp_free(&r);
	/* No version: not counted, not findable, $latest where it was. */
	assert_true(th_stat(c->emu, "versionsCreated") == before);
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 404);
	th_resp_free(&r);
	char fid2[32], vid2[32];
	latest_of(c, "order-webhook", fid2, vid2);
	assert_string_equal(vid2, vid);
	/* The fault was used up: the next one is made. */
	r = th_post(c->emu, "/functions/v1/versions", c->token, body);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	assert_true(th_stat(c->emu, "versionsCreated") == before + 1);
	/* Only createVersion, only before it is handled, a google.rpc.Code. */
	static const char *const bad[] = {
		"{\"route\":\"*\",\"fault\":\"operation_error\"}",
		"{\"route\":\"POST /functions/v1/versions\",\"fault\":\"operation_error\",\"phase\":\"after\"}",
		"{\"route\":\"POST /functions/v1/versions\",\"fault\":\"operation_error\",\"code\":17}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = th_post(c->emu, "/_emu/faults", NULL, bad[i]);
		assert_int_equal(r.status, 400);
		th_resp_free(&r);
	}
}

/* The body as the client sent it, byte for byte, while nothing in it is a secret; a secret-named
 * member makes it the masked object, printed compactly. */
static void test_log_keeps_raw_bodies(void **state)
{
	struct th_ctx *c = *state;
	const char *raw = "{\n  \"functionId\": \"d4enone\",\n\t\"environment\" : {\"A\": \"x,y\"}\n}";
	const char *secret = "{ \"description\": \"d\",  \"password\": \"hunter2\" }";
	th_control(c->emu, "DELETE", "/_emu/log", NULL);
	struct th_resp r = th_post(c->emu, "/functions/v1/versions", c->token, raw);
	th_resp_free(&r);
	r = th_post(c->emu, "/functions/v1/versions", c->token, secret);
	th_resp_free(&r);
	r = th_get(c->emu, "/_emu/log", NULL);
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(r.json, "requests");
	assert_int_equal(cJSON_GetArraySize(reqs), 2);
	assert_string_equal(th_str(cJSON_GetArrayItem(reqs, 0), "body"), raw);
	assert_string_equal(th_str(cJSON_GetArrayItem(reqs, 1), "body"), "{\"description\":\"d\",\"password\":\"***\"}");
	assert_null(strstr(r.body, "hunter2"));
	th_resp_free(&r);
}

static void test_stats_connections(void **state)
{
	struct th_ctx *c = *state;
	double conns = th_stat(c->emu, "connections");
	CURL *h = curl_easy_init();
	char url[256];
	snprintf(url, sizeof(url), "%s/resource-manager/v1/clouds", emu_url(c->emu));
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, NULL);
	FILE *devnull = fopen("/dev/null", "w");
	curl_easy_setopt(h, CURLOPT_WRITEDATA, devnull);
	for (int i = 0; i < 3; i++)
		assert_int_equal(curl_easy_perform(h), CURLE_OK);
	curl_easy_cleanup(h);
	fclose(devnull);
	/* three requests on one kept-alive connection (+1 for the stats request itself) */
	assert_true(th_stat(c->emu, "connections") == conns + 2);
	struct th_resp r = th_get(c->emu, "/_emu/stats", NULL);
	const cJSON *by = cJSON_GetObjectItemCaseSensitive(r.json, "byRoute");
	assert_true(cJSON_GetObjectItemCaseSensitive(by, "GET /resource-manager/v1/clouds")->valuedouble >= 3);
	th_resp_free(&r);
}

static void test_credentials_and_reset(void **state)
{
	struct th_ctx *c = *state;
	struct th_resp r = th_get(c->emu, "/_emu/credentials", NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(th_str(r.json, "oauthToken"), emu_demo_oauth_token());
	assert_string_equal(th_str(r.json, "folderId"), emu_demo_folder_id());
	assert_string_equal(th_str(r.json, "awsKeyId"), emu_demo_aws_key_id());
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(r.json, "saKey");
	assert_true(!strncmp(th_str(key, "private_key"), "PLEASE DO NOT REMOVE THIS LINE!", 31));
	assert_true(!strncmp(th_str(key, "service_account_id"), "aje", 3));
	th_resp_free(&r);
	fault(c, "{\"route\":\"*\",\"fault\":\"500\",\"count\":0}");
	th_control(c->emu, "POST", "/_emu/reset", "{}");
	assert_true(th_stat(c->emu, "requests") == 0);
	char *t = th_token(c->emu); /* the faults are gone; tokens of before are gone too */
	r = runtimes(c, 0);
	assert_int_equal(r.status, 401);
	th_resp_free(&r);
	free(c->token);
	c->token = t;
	r = runtimes(c, 0);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
}

struct hang_then_stop {
	char url[256];
	char token[512];
	struct th_resp r;
};

static void *bg_hang(void *p)
{
	struct hang_then_stop *h = p;
	th_http("GET", h->url, h->token, NULL, NULL, 20000, &h->r);
	return NULL;
}

/* emu_stop while a request hangs: returns promptly, the client sees the connection end. */
static void test_stop_with_hang(void **state)
{
	(void)state;
	struct emu *emu = th_start(NULL);
	struct th_resp r = th_post(emu, "/_emu/faults", NULL, "{\"route\":\"*\",\"fault\":\"hang\",\"count\":0}");
	th_resp_free(&r);
	struct hang_then_stop h;
	snprintf(h.url, sizeof(h.url), "%s/functions/v1/runtimes", emu_url(emu));
	snprintf(h.token, sizeof(h.token), "x");
	pthread_t t;
	pthread_create(&t, NULL, bg_hang, &h);
	assert_true(TH_WAIT(th_stat(emu, "requests") >= 1, 3000));
	long long t0 = th_now_ms();
	emu_stop(emu);
	assert_true(th_now_ms() - t0 < 5000);
	pthread_join(t, NULL);
	assert_int_not_equal(h.r.curl, CURLE_OK);
	th_resp_free(&h.r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_status_faults, before_each),
		cmocka_unit_test_setup(test_count_and_route_forms, before_each),
		cmocka_unit_test_setup(test_broken_bodies, before_each),
		cmocka_unit_test_setup(test_hang_blocks_nobody, before_each),
		cmocka_unit_test_setup(test_latency_per_route, before_each),
		cmocka_unit_test(test_start_latency),
		cmocka_unit_test_setup(test_after_phase_creates_once, before_each),
		cmocka_unit_test_setup(test_operation_error, before_each),
		cmocka_unit_test_setup(test_log_masks_secrets, before_each),
		cmocka_unit_test_setup(test_log_keeps_raw_bodies, before_each),
		cmocka_unit_test_setup(test_stats_connections, before_each),
		cmocka_unit_test_setup(test_credentials_and_reset, before_each),
		cmocka_unit_test(test_stop_with_hang),
	};
	int rc = cmocka_run_group_tests(tests, th_setup_with_token, th_teardown_with_token);
	curl_global_cleanup();
	return rc;
}
