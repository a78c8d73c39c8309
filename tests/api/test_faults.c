/* test_faults.c — quality.md's "API faults" row: for each fault the emulator can inject, the
 * right error kind, a message naming the call that failed and saying what to do, no crash
 * (ASan), reads retried with backoff (counted at the emulator), other 4xx never retried. */
#include "api_test.h"

#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct emu *emu;

static int setup(void **state)
{
	(void)state;
	emu = t_emu(NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	emu_stop(emu);
	return 0;
}

static int reset(void **state)
{
	(void)state;
	t_reset(emu);
	return 0;
}

struct fault_case {
	const char *fault;
	int count;             /* 0 = every request */
	int status;            /* the HTTP status of the error, 0 = none */
	enum yc_err_kind kind; /* YC_ERR_NONE = succeeds after the retries */
	int sent;              /* GET /functions/v1/runtimes requests the emulator saw */
	const char *what;      /* in what_en (besides "listing runtimes") */
	const char *hint;      /* in hint_en */
	long total_ms;         /* the request's whole budget */
};

static const struct fault_case cases[] = {
	{"401", 1, 401, YC_ERR_NONE, 2, NULL, NULL, 5000},
	{"401", 0, 401, YC_ERR_AUTH, 2, "refused", "yc init", 5000},
	{"403", 0, 403, YC_ERR_API, 1, "permission denied", "functions.viewer", 5000},
	{"404", 0, 404, YC_ERR_API, 1, "not found", "Check the id", 5000},
	{"409", 0, 409, YC_ERR_API, 1, "conflict", "Reload", 5000},
	{"429", 1, 429, YC_ERR_NONE, 2, NULL, NULL, 5000},
	{"429", 0, 429, YC_ERR_API, 2, "too many requests", "Wait 1 s", 1500},
	{"500", 1, 500, YC_ERR_NONE, 2, NULL, NULL, 5000},
	{"500", 0, 500, YC_ERR_API, 4, "service failed", "Try again later", 5000},
	{"503", 0, 503, YC_ERR_API, 2, "service failed", "Wait 1 s", 1500},
	{"hang", 0, 0, YC_ERR_TIMEOUT, 1, "did not answer in time", "timeout", 700},
	{"reset", 1, 0, YC_ERR_NONE, 2, NULL, NULL, 5000},
	{"reset", 0, 0, YC_ERR_NETWORK, 4, "connection broke", "network", 5000},
	{"truncated", 1, 0, YC_ERR_NONE, 2, NULL, NULL, 5000},
	{"truncated", 0, 0, YC_ERR_PARSE, 4, "does not parse", "Try again later", 5000},
	{"invalid_json", 0, 0, YC_ERR_PARSE, 4, "does not parse", "Try again later", 5000},
	{"oversized", 0, 0, YC_ERR_PARSE, 1, "answer too large", "report", 5000},
};

static void one_case(const struct fault_case *fc)
{
	t_reset(emu);
	char f[200];
	snprintf(f, sizeof f, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"%s\",\"count\":%d}", fc->fault,
		 fc->count);
	t_fault(emu, f);
	struct api_config c;
	t_config(&c, emu);
	c.total_timeout_ms = fc->total_ms;
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	assert_non_null(a);
	struct api_result r = {0};
	long long t0 = t_now_ms();
	api_wait(a, api_list_runtimes(a, t_keep, &r));
	long long took = t_now_ms() - t0;
	int sent = t_logged(emu, "GET", "/functions/v1/runtimes");
	fprintf(stderr, "  %-12s x%d -> %s (%d sent, %lld ms): %s\n", fc->fault, fc->count,
		yc_err_kind_name(r.err.kind), sent, took, t_err(&r));
	if (r.err.kind != fc->kind)
		fail_msg("%s x%d: kind %s, wanted %s", fc->fault, fc->count, yc_err_kind_name(r.err.kind),
			 yc_err_kind_name(fc->kind));
	if (sent != fc->sent)
		fail_msg("%s x%d: %d requests, wanted %d", fc->fault, fc->count, sent, fc->sent);
	if (fc->kind == YC_ERR_NONE) {
		assert_true(r.u.runtimes.n > 0);
	} else {
		assert_non_null(strstr(r.err.what_en, "listing runtimes"));
		if (!strstr(r.err.what_en, fc->what) || !strstr(r.err.hint_en, fc->hint))
			fail_msg("%s: what \"%s\", hint \"%s\"", fc->fault, r.err.what_en, r.err.hint_en);
		assert_true(r.err.what_ru[0] && r.err.hint_ru[0]);
	}
	if (strcmp(fc->fault, "429") == 0 && fc->count == 1)
		assert_true(took >= 900); /* Retry-After: 1 was honoured */
	if (strcmp(fc->fault, "hang") == 0)
		assert_true(took < 3000);
	if (fc->kind == YC_ERR_API) {
		assert_int_equal(r.err.http_status, fc->status);
		assert_true(r.err.grpc_code > 0);
		assert_true(r.err.api_message[0] != '\0');
		assert_true(r.err.request_id[0] != '\0');
	}
	t_result_free(&r);
	api_free(a);
	api_config_free(&c);
}

static void fault_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		one_case(&cases[i]);
}

/* nothing listens: a network error that says the connection was refused */
static void connection_refused(void **state)
{
	(void)state;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof sa;
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &len), 0);
	close(s); /* the port is free now, and nothing listens there */
	struct api_config c;
	t_config(&c, emu);
	free(c.endpoint);
	char url[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%d", ntohs(sa.sin_port));
	c.endpoint = strdup(url);
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	struct api_result r = {0};
	api_wait(a, api_list_runtimes(a, t_keep, &r));
	assert_int_equal(r.err.kind, YC_ERR_NETWORK);
	assert_non_null(strstr(r.err.what_en, "getting an IAM token"));
	assert_non_null(strstr(r.err.what_en, "refused"));
	struct api_stats st;
	api_get_stats(a, &st);
	assert_int_equal(st.retries, 3); /* the token exchange is retried like a read */
	t_result_free(&r);
	api_free(a);
	api_config_free(&c);
}

/* createVersion: a 4xx is never retried, a 403 names functions.editor (and the service account
 * role when one is set), a 500 is retried with the same key */
static void create_version_faults(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, emu);
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	cJSON *body = t_create_version_body(a, "telegram-bot", "134217728", true);
	char key[40];
	const struct {
		const char *fault;
		enum yc_err_kind kind;
		int sent;
		const char *hint;
	} cc[] = {
		{"409", YC_ERR_API, 1, "Reload"},
		{"403", YC_ERR_API, 1, "iam.serviceAccounts.user"},
		{"404", YC_ERR_API, 1, "Check the id"},
		{"invalid_json", YC_ERR_PARSE, 1, "Try again later"},
		{"500", YC_ERR_NONE, 2, NULL},
		{"429", YC_ERR_NONE, 2, NULL},
	};
	for (size_t i = 0; i < sizeof cc / sizeof cc[0]; i++) {
		cJSON_Delete(t_control(emu, "DELETE", "/_emu/log", NULL));
		char f[200];
		snprintf(f, sizeof f, "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"%s\",\"count\":1}",
			 cc[i].fault);
		t_fault(emu, f);
		api_new_idempotency_key(key);
		struct api_result r = {0};
		api_wait(a, api_create_version(a, body, key, t_keep, &r));
		fprintf(stderr, "  createVersion %-12s -> %s\n", cc[i].fault, t_err(&r));
		assert_int_equal(r.err.kind, cc[i].kind);
		assert_int_equal(t_logged(emu, "POST", "/functions/v1/versions"), cc[i].sent);
		if (cc[i].hint) {
			assert_non_null(strstr(r.err.hint_en, cc[i].hint));
			assert_non_null(strstr(r.err.what_en, "creating the version"));
		}
		if (strcmp(cc[i].fault, "403") == 0)
			assert_non_null(strstr(r.err.hint_en, "functions.editor"));
		t_result_free(&r);
	}
	cJSON_Delete(body);
	api_free(a);
	api_config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(fault_table, reset),
		cmocka_unit_test_setup(connection_refused, reset),
		cmocka_unit_test_setup(create_version_faults, reset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
