/* test_core.c — every REST endpoint of docs/yandex-api.md over HTTP: auth, lists and
 * pagination, reads, createVersion with its validation, idempotency and operation. */
#include "emu_test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void assert_status_shape(const struct th_resp *r, int code)
{
	assert_non_null(r->json);
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(r->json, "code")->valueint, code);
	assert_true(strlen(th_str(r->json, "message")) > 0);
	const cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r->json, "details"), 0);
	assert_string_equal(th_str(d, "@type"), "type.googleapis.com/google.rpc.RequestInfo");
	assert_string_equal(th_str(d, "requestId"), r->request_id);
	assert_true(strlen(r->request_id) == 36);
}

static void test_oauth_exchange(void **state)
{
	struct th_ctx *c = *state;
	struct th_resp r = th_post(c->emu, "/iam/v1/tokens", NULL, "{\"yandexPassportOauthToken\":\"y0_wrong\"}");
	assert_int_equal(r.status, 401);
	assert_status_shape(&r, 16);
	th_resp_free(&r);
	r = th_post(c->emu, "/iam/v1/tokens", NULL, "{}");
	assert_int_equal(r.status, 400);
	assert_status_shape(&r, 3);
	th_resp_free(&r);
	char body[200];
	snprintf(body, sizeof(body), "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	r = th_post(c->emu, "/iam/v1/tokens", NULL, body);
	assert_int_equal(r.status, 200);
	assert_true(!strncmp(th_str(r.json, "iamToken"), "t1.", 3));
	assert_true(strlen(th_str(r.json, "expiresAt")) >= 20);
	th_resp_free(&r);
}

static void test_bearer_required(void **state)
{
	struct th_ctx *c = *state;
	char path[200];
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s", emu_demo_folder_id());
	struct th_resp r = th_get(c->emu, path, NULL);
	assert_int_equal(r.status, 401);
	assert_status_shape(&r, 16);
	th_resp_free(&r);
	r = th_get(c->emu, path, "t1.9euelZnotissuedbyus");
	assert_int_equal(r.status, 401);
	th_resp_free(&r);
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
}

static bool token_refused(struct emu *emu, const char *token)
{
	struct th_resp r = th_get(emu, "/functions/v1/runtimes", token);
	bool refused = r.status == 401;
	th_resp_free(&r);
	return refused;
}

static void test_token_expires(void **state)
{
	struct th_ctx *c = *state;
	th_control(c->emu, "POST", "/_emu/config", "{\"tokenTtlS\":1}");
	char *t = th_token(c->emu);
	assert_false(token_refused(c->emu, t));
	assert_true(TH_WAIT(token_refused(c->emu, t), 3000));
	th_control(c->emu, "POST", "/_emu/config", "{\"tokenTtlS\":43200}");
	free(t);
}

/* the VM metadata service's token: refused without Metadata-Flavor: Google, else one that works */
static void test_metadata_token(void **state)
{
	struct th_ctx *c = *state;
	const char *path = "/computeMetadata/v1/instance/service-accounts/default/token";
	struct th_resp r = th_get(c->emu, path, NULL);
	assert_int_equal(r.status, 403);
	th_resp_free(&r);
	char url[300];
	snprintf(url, sizeof(url), "%s%s", emu_url(c->emu), path);
	const char *const wrong[] = {"Metadata-Flavor: Other", NULL};
	th_http("GET", url, NULL, NULL, wrong, 0, &r);
	assert_int_equal(r.status, 403);
	th_resp_free(&r);
	const char *const flavor[] = {"Metadata-Flavor: Google", NULL};
	th_http("GET", url, NULL, NULL, flavor, 0, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(r.json);
	assert_true(!strncmp(th_str(r.json, "access_token"), "t1.", 3));
	assert_string_equal(th_str(r.json, "token_type"), "Bearer");
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(r.json, "expires_in");
	assert_true(cJSON_IsNumber(in));
	assert_int_equal((long long)in->valuedouble, 43200); /* the default token TTL */
	assert_false(token_refused(c->emu, th_str(r.json, "access_token")));
	th_resp_free(&r);
}

static void test_clouds_folders(void **state)
{
	struct th_ctx *c = *state;
	struct th_resp r = th_get(c->emu, "/resource-manager/v1/clouds", c->token);
	assert_int_equal(r.status, 200);
	const cJSON *cl = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r.json, "clouds"), 0);
	assert_string_equal(th_str(cl, "id"), emu_demo_cloud_id());
	th_resp_free(&r);
	r = th_get(c->emu, "/resource-manager/v1/folders", c->token);
	assert_int_equal(r.status, 400); /* cloudId is required */
	assert_non_null(strstr(th_str(r.json, "message"), "cloud_id"));
	th_resp_free(&r);
	char path[200];
	snprintf(path, sizeof(path), "/resource-manager/v1/folders?cloudId=%s", emu_demo_cloud_id());
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	const cJSON *fs = cJSON_GetObjectItemCaseSensitive(r.json, "folders");
	assert_int_equal(cJSON_GetArraySize(fs), 2);
	assert_string_equal(th_str(cJSON_GetArrayItem(fs, 0), "id"), emu_demo_folder_id());
	assert_string_equal(th_str(cJSON_GetArrayItem(fs, 0), "status"), "ACTIVE");
	assert_null(cJSON_GetObjectItemCaseSensitive(r.json, "nextPageToken"));
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/resource-manager/v1/folders/%s", emu_demo_folder_id());
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	assert_string_equal(th_str(r.json, "cloudId"), emu_demo_cloud_id());
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/resource-manager/v1/clouds/%s", emu_demo_cloud_id());
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	r = th_get(c->emu, "/resource-manager/v1/folders/b1gnosuchfolder00000", c->token);
	assert_int_equal(r.status, 404);
	th_resp_free(&r);
}

/* Follows nextPageToken; returns the number of items, checking ids are all different. */
static int list_all(struct th_ctx *c, const char *base, const char *key, int page_size, int *pages)
{
	char path[512], tok[64] = "";
	int n = 0;
	cJSON *seen = cJSON_CreateObject();
	*pages = 0;
	do {
		snprintf(path, sizeof(path), "%s&pageSize=%d&pageToken=%s", base, page_size, tok);
		struct th_resp r = th_get(c->emu, path, c->token);
		assert_int_equal(r.status, 200);
		const cJSON *it;
		int in_page = 0;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r.json, key)) {
			assert_null(cJSON_GetObjectItemCaseSensitive(seen, th_str(it, "id")));
			cJSON_AddTrueToObject(seen, th_str(it, "id"));
			n++;
			in_page++;
		}
		assert_true(in_page <= page_size);
		snprintf(tok, sizeof(tok), "%s", th_str(r.json, "nextPageToken"));
		(*pages)++;
		th_resp_free(&r);
	} while (*tok);
	cJSON_Delete(seen);
	return n;
}

static void test_functions_pages(void **state)
{
	struct th_ctx *c = *state;
	char fmt[256];
	int pages;
	snprintf(fmt, sizeof(fmt), "/functions/v1/functions?folderId=%s", emu_demo_folder_id());
	assert_int_equal(list_all(c, fmt, "functions", 4, &pages), 11);
	assert_int_equal(pages, 3);
	assert_int_equal(list_all(c, fmt, "functions", 1000, &pages), 11);
	assert_int_equal(pages, 1);
	char path[256];
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&pageSize=1001", emu_demo_folder_id());
	struct th_resp r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 400);
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&pageToken=garbage!", emu_demo_folder_id());
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 400);
	th_resp_free(&r);
}

static void test_function_filter_get(void **state)
{
	struct th_ctx *c = *state;
	char path[256];
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&filter=name%%3D%%22send-email%%22",
		 emu_demo_folder_id());
	struct th_resp r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	const cJSON *fs = cJSON_GetObjectItemCaseSensitive(r.json, "functions");
	assert_int_equal(cJSON_GetArraySize(fs), 1);
	const cJSON *f = cJSON_GetArrayItem(fs, 0);
	assert_string_equal(th_str(f, "name"), "send-email");
	assert_int_equal(strlen(th_str(f, "id")), 20);
	assert_true(!strncmp(th_str(f, "id"), "d4e", 3));
	char id[32];
	snprintf(id, sizeof(id), "%s", th_str(f, "id"));
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/functions/v1/functions/%s", id);
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	assert_string_equal(th_str(r.json, "name"), "send-email");
	assert_non_null(strstr(th_str(r.json, "httpInvokeUrl"), id));
	th_resp_free(&r);
	r = th_get(c->emu, "/functions/v1/functions/d4enosuchfunction000", c->token);
	assert_int_equal(r.status, 404);
	assert_status_shape(&r, 5);
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&filter=bogus", emu_demo_folder_id());
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 400);
	th_resp_free(&r);
}

/* The id of a seeded function by name. */
static void latest(struct th_ctx *c, const char *fid, const char *tag, char out[32], cJSON **json)
{
	char path[256];
	snprintf(path, sizeof(path), "/functions/v1/versions:byTag?functionId=%s&tag=%s", fid, tag);
	struct th_resp r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	snprintf(out, 32, "%s", th_str(r.json, "id"));
	if (json) {
		*json = r.json;
		r.json = NULL;
	}
	th_resp_free(&r);
}

static void test_versions(void **state)
{
	struct th_ctx *c = *state;
	char fid[32], vid[32], path[256];
	cJSON *v;
	th_function_id(c, emu_demo_folder_id(), "order-webhook", fid);
	latest(c, fid, "%24latest", vid, &v);
	const cJSON *mem = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(v, "resources"), "memory");
	assert_true(cJSON_IsString(mem)); /* int64 as a string */
	assert_string_equal(mem->valuestring, "268435456");
	const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(v, "asyncInvocationConfig");
	assert_string_equal(th_str(cfg, "retriesCount"), "3");
	assert_non_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cfg, "successTarget"), "ymqTarget"));
	cJSON_Delete(v);
	snprintf(path, sizeof(path), "/functions/v1/versions/%s", vid);
	struct th_resp r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	assert_string_equal(th_str(r.json, "functionId"), fid);
	th_resp_free(&r);
	char stable[32];
	latest(c, fid, "stable", stable, NULL);
	assert_string_not_equal(stable, vid);
	int pages;
	char fmt[256];
	snprintf(fmt, sizeof(fmt), "/functions/v1/versions?functionId=%s", fid);
	assert_int_equal(list_all(c, fmt, "versions", 1, &pages), 4);
	assert_int_equal(pages, 4);
	r = th_get(c->emu, "/functions/v1/versions", c->token);
	assert_int_equal(r.status, 400);
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/functions/v1/versions:byTag?functionId=%s&tag=nosuchtag", fid);
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 404);
	th_resp_free(&r);
}

static void test_runtimes_and_sas(void **state)
{
	struct th_ctx *c = *state;
	struct th_resp r = th_get(c->emu, "/functions/v1/runtimes", c->token);
	assert_int_equal(r.status, 200);
	char *s = cJSON_PrintUnformatted(r.json);
	assert_non_null(strstr(s, "\"python312\""));
	assert_non_null(strstr(s, "\"bash-2204\""));
	free(s);
	th_resp_free(&r);
	char fmt[256];
	int pages;
	snprintf(fmt, sizeof(fmt), "/iam/v1/serviceAccounts?folderId=%s", emu_demo_folder_id());
	assert_int_equal(list_all(c, fmt, "serviceAccounts", 2, &pages), 5);
	r = th_get(c->emu, "/iam/v1/serviceAccounts?folderId=b1gdemo0folder0ycfn1&pageSize=1", c->token);
	const cJSON *sa = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r.json, "serviceAccounts"), 0);
	assert_true(!strncmp(th_str(sa, "id"), "aje", 3));
	assert_string_equal(th_str(sa, "folderId"), emu_demo_folder_id());
	char path[128];
	snprintf(path, sizeof(path), "/iam/v1/serviceAccounts/%s", th_str(sa, "id"));
	th_resp_free(&r);
	r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	assert_string_equal(th_str(r.json, "name"), "functions-invoker");
	th_resp_free(&r);
}

/* A valid createVersion body for fid copying vid, with `extra` (",\"k\":v" or "") appended. */
static char *create_body(const char *fid, const char *vid, const char *extra)
{
	size_t n = strlen(extra) + 512;
	char *b = malloc(n);
	snprintf(b, n,
		 "{\"functionId\":\"%s\",\"runtime\":\"python312\",\"entrypoint\":\"index.handler\","
		 "\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"5s\",\"versionId\":\"%s\""
		 "%s}",
		 fid, vid, extra);
	return b;
}

static struct th_resp create(struct th_ctx *c, const char *body, const char *idem_key)
{
	char url[256], hdr[200];
	const char *headers[] = {hdr, NULL};
	snprintf(url, sizeof(url), "%s/functions/v1/versions", emu_url(c->emu));
	snprintf(hdr, sizeof(hdr), "Idempotency-Key: %s", idem_key ? idem_key : "");
	struct th_resp r;
	th_http("POST", url, c->token, body, idem_key ? headers : NULL, 0, &r);
	return r;
}

static bool op_done(struct th_ctx *c, const char *op_id, cJSON **out)
{
	char path[128];
	snprintf(path, sizeof(path), "/operations/%s", op_id);
	struct th_resp r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	bool done = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r.json, "done"));
	if (done && out) {
		*out = r.json;
		r.json = NULL;
	}
	th_resp_free(&r);
	return done;
}

static void test_create_version(void **state)
{
	struct th_ctx *c = *state;
	th_control(c->emu, "POST", "/_emu/config", "{\"operationDelayMs\":200}");
	char fid[32], vid[32], newest[32];
	th_function_id(c, emu_demo_folder_id(), "image-resizer", fid);
	latest(c, fid, "%24latest", vid, NULL);
	double before = th_stat(c->emu, "versionsCreated");
	char *body = create_body(fid, vid,
				 ",\"environment\":{\"A\":\"1\"},\"concurrency\":3,\"asyncInvocationConfig\":{\"retriesCount\":2,"
				 "\"successTarget\":{\"emptyTarget\":{}},\"failureTarget\":{\"ymqTarget\":{\"queueArn\":"
				 "\"yrn:yc:ymq:ru-central1:b1gdemo0folder0ycfn1:orders-dlq\",\"serviceAccountId\":\"ajex\"}}}");
	struct th_resp r = create(c, body, "0f8fad5b-d9cb-469f-a165-70867728950e");
	free(body);
	assert_int_equal(r.status, 200);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r.json, "done")));
	const cJSON *md = cJSON_GetObjectItemCaseSensitive(r.json, "metadata");
	assert_string_equal(th_str(md, "@type"),
			    "type.googleapis.com/yandex.cloud.serverless.functions.v1.CreateFunctionVersionMetadata");
	char op_id[32], new_vid[32];
	snprintf(op_id, sizeof(op_id), "%s", th_str(r.json, "id"));
	snprintf(new_vid, sizeof(new_vid), "%s", th_str(md, "functionVersionId"));
	assert_int_equal(strlen(new_vid), 20);
	th_resp_free(&r);
	cJSON *done = NULL;
	assert_true(TH_WAIT(op_done(c, op_id, &done), 3000));
	const cJSON *resp = cJSON_GetObjectItemCaseSensitive(done, "response");
	assert_string_equal(th_str(resp, "@type"), "type.googleapis.com/yandex.cloud.serverless.functions.v1.Version");
	assert_string_equal(th_str(resp, "id"), new_vid);
	assert_string_equal(th_str(resp, "concurrency"), "3");
	assert_string_equal(th_str(cJSON_GetObjectItemCaseSensitive(resp, "asyncInvocationConfig"), "retriesCount"), "2");
	/* versionId copies the code only: the old version's tmpfsSize is not carried over by the API */
	assert_null(cJSON_GetObjectItemCaseSensitive(resp, "tmpfsSize"));
	cJSON_Delete(done);
	latest(c, fid, "%24latest", newest, NULL);
	assert_string_equal(newest, new_vid);
	assert_true(th_stat(c->emu, "versionsCreated") == before + 1);
}

static void test_idempotency(void **state)
{
	struct th_ctx *c = *state;
	char fid[32], vid[32];
	th_function_id(c, emu_demo_folder_id(), "auth-hook", fid);
	latest(c, fid, "%24latest", vid, NULL);
	double before = th_stat(c->emu, "versionsCreated");
	char *body = create_body(fid, vid, "");
	struct th_resp a = create(c, body, "7c9e6679-7425-40de-944b-e07fc1f90ae7");
	struct th_resp b = create(c, body, "7c9e6679-7425-40de-944b-e07fc1f90ae7");
	assert_int_equal(a.status, 200);
	assert_int_equal(b.status, 200);
	assert_string_equal(th_str(a.json, "id"), th_str(b.json, "id"));
	assert_true(th_stat(c->emu, "versionsCreated") == before + 1);
	struct th_resp d = create(c, body, "16fd2706-8baf-433b-82eb-8c7fada847da");
	assert_string_not_equal(th_str(a.json, "id"), th_str(d.json, "id"));
	assert_true(th_stat(c->emu, "versionsCreated") == before + 2);
	free(body);
	th_resp_free(&a);
	th_resp_free(&b);
	th_resp_free(&d);
}

struct bad {
	const char *extra_or_body; /* appended to a valid body, or a whole body when it starts with '{' */
	int http;
	const char *field;
};

static void test_validation(void **state)
{
	struct th_ctx *c = *state;
	char fid[32], vid[32], other[32], other_vid[32];
	th_function_id(c, emu_demo_folder_id(), "telegram-bot", fid);
	latest(c, fid, "%24latest", vid, NULL);
	th_function_id(c, emu_demo_folder_id(), "cron-cleanup", other);
	latest(c, other, "%24latest", other_vid, NULL);
	const struct bad bads[] = {
		{",\"asyncInvocationConfig\":{\"retriesCount\":\"101\",\"successTarget\":{\"emptyTarget\":{}},"
		 "\"failureTarget\":{\"emptyTarget\":{}}}", 400, "asyncInvocationConfig.retriesCount"},
		{",\"asyncInvocationConfig\":{\"retriesCount\":-1,\"successTarget\":{\"emptyTarget\":{}},"
		 "\"failureTarget\":{\"emptyTarget\":{}}}", 400, "asyncInvocationConfig.retriesCount"},
		{",\"asyncInvocationConfig\":{\"retriesCount\":\"1\",\"successTarget\":{\"emptyTarget\":{}}}", 400,
		 "asyncInvocationConfig.failureTarget"},
		{",\"asyncInvocationConfig\":{\"failureTarget\":{\"emptyTarget\":{}}}", 400,
		 "asyncInvocationConfig.successTarget"},
		{",\"asyncInvocationConfig\":{\"successTarget\":{\"ymqTarget\":{\"serviceAccountId\":\"aje1\"}},"
		 "\"failureTarget\":{\"emptyTarget\":{}}}", 400, "asyncInvocationConfig.successTarget.ymqTarget.queueArn"},
		{",\"asyncInvocationConfig\":{\"successTarget\":{\"ymqTarget\":{\"queueArn\":\"yrn:yc:ymq:ru-central1:b1g:q\"}},"
		 "\"failureTarget\":{\"emptyTarget\":{}}}", 400,
		 "asyncInvocationConfig.successTarget.ymqTarget.serviceAccountId"},
		{",\"asyncInvocationConfig\":{\"successTarget\":{\"emptyTarget\":{}},\"failureTarget\":{\"ymqTarget\":"
		 "{\"queueArn\":\"arn:aws:sqs:x\",\"serviceAccountId\":\"aje1\"}}}", 400,
		 "asyncInvocationConfig.failureTarget.ymqTarget.queueArn"},
		{",\"asyncInvocationConfig\":{\"successTarget\":{\"emptyTarget\":{}},\"failureTarget\":{\"ymqTarget\":"
		 "{\"queueArn\":\"yrn:yc:ymq:ru-central1:b1g:q\",\"serviceAccountId\":"
		 "\"aje45678901234567890123456789012345678901234567890X\"}}}", 400,
		 "asyncInvocationConfig.failureTarget.ymqTarget.serviceAccountId"},
		{",\"asyncInvocationConfig\":{\"successTarget\":{\"emptyTarget\":{},\"ymqTarget\":{}},"
		 "\"failureTarget\":{\"emptyTarget\":{}}}", 400, "asyncInvocationConfig.successTarget"},
		{",\"concurrency\":17", 400, "concurrency"},
		{",\"description\":\"" "x" "\",\"environment\":{\"1BAD\":\"v\"}", 400, "environment.1BAD"},
		{",\"environment\":{\"A\":5}", 400, "environment.A"},
		{",\"tag\":[\"Bad Tag\"]", 400, "tag"},
		{",\"serviceAccountId\":\"aje45678901234567890123456789012345678901234567890X\"", 400, "serviceAccountId"},
		{",\"content\":\"UEsDBA==\"", 400, "package_source"},
	};
	for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		char *body = create_body(fid, vid, bads[i].extra_or_body);
		struct th_resp r = create(c, body, NULL);
		if (r.status != bads[i].http || !strstr(r.body, bads[i].field))
			fail_msg("case %zu: HTTP %ld %s", i, r.status, r.body);
		assert_status_shape(&r, 3);
		const cJSON *br = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r.json, "details"), 1);
		const cJSON *fv = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(br, "fieldViolations"), 0);
		assert_string_equal(th_str(fv, "field"), bads[i].field);
		th_resp_free(&r);
		free(body);
	}
	char body[2048];
	const struct {
		const char *fmt;
		const char *field;
	} parts[] = {
		{"\"runtime\":\"cobol85\",\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"1s\"", "runtime"},
		{"\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"1s\"", "runtime"},
		{"\"runtime\":\"python312\",\"entrypoint\":\"nodot\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"1s\"", "entrypoint"},
		{"\"runtime\":\"python312\",\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"134217729\"},\"executionTimeout\":\"1s\"", "resources.memory"},
		{"\"runtime\":\"python312\",\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"67108864\"},\"executionTimeout\":\"1s\"", "resources.memory"},
		{"\"runtime\":\"python312\",\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"8724152320\"},\"executionTimeout\":\"1s\"", "resources.memory"},
		{"\"runtime\":\"python312\",\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"3601s\"", "executionTimeout"},
		{"\"runtime\":\"python312\",\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"5\"", "executionTimeout"},
		{"\"runtime\":\"python312\",\"entrypoint\":\"a.b\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"1s\",\"package\":{\"bucketName\":\"b\",\"objectName\":\"o\"}", "package_source"},
		{"\"runtime\":\"bash-2204\",\"entrypoint\":\"index.handler()\",\"resources\":{\"memory\":\"134217728\"},\"executionTimeout\":\"1s\"", "entrypoint"},
	};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		snprintf(body, sizeof(body), "{\"functionId\":\"%s\",%s,\"versionId\":\"%s\"}", fid, parts[i].fmt, vid);
		struct th_resp r = create(c, body, NULL);
		if (r.status != 400 || !strstr(r.body, parts[i].field))
			fail_msg("part %zu: HTTP %ld %s", i, r.status, r.body);
		th_resp_free(&r);
	}
	/* description > 600 */
	char *longd = malloc(700);
	memset(longd, 'd', 601);
	longd[601] = '\0';
	char *extra = malloc(800);
	snprintf(extra, 800, ",\"description\":\"%s\"", longd);
	char *b2 = create_body(fid, vid, extra);
	struct th_resp r = create(c, b2, NULL);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "description"));
	th_resp_free(&r);
	free(b2);
	free(extra);
	free(longd);
	/* environment values > 4 KB in total */
	char *env = malloc(6000);
	int k = snprintf(env, 6000, ",\"environment\":{\"A\":\"");
	memset(env + k, 'v', 2100);
	k += 2100;
	k += snprintf(env + k, 6000 - (size_t)k, "\",\"B\":\"");
	memset(env + k, 'v', 2100);
	k += 2100;
	snprintf(env + k, 6000 - (size_t)k, "\"}");
	b2 = create_body(fid, vid, env);
	r = create(c, b2, NULL);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "environment"));
	th_resp_free(&r);
	free(b2);
	free(env);
	/* versionId of another function; an unknown function */
	b2 = create_body(fid, other_vid, "");
	r = create(c, b2, NULL);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "versionId") ? r.body : strstr(r.body, other_vid));
	th_resp_free(&r);
	free(b2);
	b2 = create_body("d4enosuchfunction000", vid, "");
	r = create(c, b2, NULL);
	assert_int_equal(r.status, 404);
	th_resp_free(&r);
	free(b2);
	r = create(c, "not json", NULL);
	assert_int_equal(r.status, 400);
	th_resp_free(&r);
	/* and the edges that are fine: 8 GB, 3600s, 100 retries, bash script, 16 */
	b2 = create_body(fid, vid, ",\"concurrency\":\"16\",\"asyncInvocationConfig\":{\"retriesCount\":100,"
				   "\"successTarget\":{\"emptyTarget\":{}},\"failureTarget\":{\"emptyTarget\":{}}}");
	r = create(c, b2, NULL);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	free(b2);
	snprintf(body, sizeof(body), "{\"functionId\":\"%s\",\"runtime\":\"bash-2204\",\"entrypoint\":\"handler.sh\","
		 "\"resources\":{\"memory\":8589934592},\"executionTimeout\":\"3600s\",\"versionId\":\"%s\"}", fid, vid);
	r = create(c, body, NULL);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
}

static void test_unknown_route(void **state)
{
	struct th_ctx *c = *state;
	struct th_resp r = th_get(c->emu, "/functions/v2/nothing", c->token);
	assert_int_equal(r.status, 404);
	assert_status_shape(&r, 5);
	th_resp_free(&r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oauth_exchange),	   cmocka_unit_test(test_bearer_required),
		cmocka_unit_test(test_token_expires),	   cmocka_unit_test(test_metadata_token),
		cmocka_unit_test(test_clouds_folders),
		cmocka_unit_test(test_functions_pages),	   cmocka_unit_test(test_function_filter_get),
		cmocka_unit_test(test_versions),	   cmocka_unit_test(test_runtimes_and_sas),
		cmocka_unit_test(test_create_version),	   cmocka_unit_test(test_idempotency),
		cmocka_unit_test(test_validation),	   cmocka_unit_test(test_unknown_route),
	};
	int rc = cmocka_run_group_tests(tests, th_setup_with_token, th_teardown_with_token);
	curl_global_cleanup();
	return rc;
}
