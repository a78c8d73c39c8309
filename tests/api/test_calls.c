/* test_calls.c — every call of api.h against the emulator: the answer arrives parsed, lists
 * are whole across pages, the operation is followed to its end, independent requests run in
 * parallel behind one token fetch. */
#include "api_test.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

/* the first function of the demo folder whose name is given */
static char *function_id(const char *name)
{
	struct api_result r = {0};
	api_wait(fx.api, api_list_functions(fx.api, fx.cfg.folder_id, name, t_keep, &r));
	t_ok(&r);
	assert_int_equal(r.u.functions.n, 1);
	assert_string_equal(r.u.functions.items[0].name, name);
	char *id = strdup(r.u.functions.items[0].id);
	t_result_free(&r);
	return id;
}

static void clouds_and_folders(void **state)
{
	(void)state;
	struct api_result r = {0};
	api_wait(fx.api, api_list_clouds(fx.api, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.clouds.n >= 1);
	assert_int_equal(r.http_status, 200);
	bool found = false;
	for (size_t i = 0; i < r.u.clouds.n; i++)
		found |= strcmp(r.u.clouds.items[i].id, fx.cfg.cloud_id) == 0;
	assert_true(found);
	t_result_free(&r);

	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_list_folders(fx.api, fx.cfg.cloud_id, t_keep, &r));
	t_ok(&r);
	found = false;
	for (size_t i = 0; i < r.u.folders.n; i++)
		found |= strcmp(r.u.folders.items[i].id, fx.cfg.folder_id) == 0;
	assert_true(found);
	t_result_free(&r);
}

static void functions_versions_runtimes(void **state)
{
	(void)state;
	struct api_result r = {0};
	api_wait(fx.api, api_list_functions(fx.api, fx.cfg.folder_id, NULL, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.functions.n >= 5);
	t_result_free(&r);

	char *fid = function_id("order-webhook");
	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_get_function(fx.api, fid, t_keep, &r));
	t_ok(&r);
	assert_string_equal(r.u.function.id, fid);
	t_result_free(&r);

	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_list_versions(fx.api, fid, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.versions.n >= 2);
	t_result_free(&r);

	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_get_version_by_tag(fx.api, fid, "$latest", t_keep, &r));
	t_ok(&r);
	assert_string_equal(r.u.version.function_id, fid);
	assert_true(r.u.version.async.enabled);
	assert_non_null(r.u.version.raw);
	char *vid = strdup(r.u.version.id);
	t_result_free(&r);

	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_get_version(fx.api, vid, t_keep, &r));
	t_ok(&r);
	assert_string_equal(r.u.version.id, vid);
	t_result_free(&r);

	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_list_runtimes(fx.api, t_keep, &r));
	t_ok(&r);
	bool py = false;
	for (size_t i = 0; i < r.u.runtimes.n; i++)
		py |= strcmp(r.u.runtimes.items[i], "python312") == 0;
	assert_true(py);
	t_result_free(&r);

	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_list_service_accounts(fx.api, fx.cfg.folder_id, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.service_accounts.n >= 3);
	t_result_free(&r);
	free(fid);
	free(vid);
}

/* createVersion from the latest version, then the operation followed to its end */
static void create_version_and_wait(void **state)
{
	(void)state;
	cJSON_Delete(t_control(fx.emu, "POST", "/_emu/config", "{\"operationDelayMs\":300}"));
	char *fid = function_id("telegram-bot");
	struct api_result v = {0};
	api_wait(fx.api, api_get_version_by_tag(fx.api, fid, "$latest", t_keep, &v));
	t_ok(&v);
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "functionId", fid);
	cJSON_AddStringToObject(body, "runtime", v.u.version.runtime);
	cJSON_AddStringToObject(body, "entrypoint", v.u.version.entrypoint);
	cJSON *res = cJSON_AddObjectToObject(body, "resources");
	cJSON_AddStringToObject(res, "memory", "134217728");
	cJSON_AddStringToObject(body, "executionTimeout", "3s");
	cJSON_AddStringToObject(body, "versionId", v.u.version.id);
	char key[40];
	api_new_idempotency_key(key);
	assert_int_equal(strlen(key), 36);
	assert_int_equal(key[14], '4');

	struct api_result op = {0};
	api_wait(fx.api, api_create_version(fx.api, body, key, t_keep, &op));
	t_ok(&op);
	assert_non_null(op.u.operation.id);
	assert_non_null(op.u.operation.version_id);
	char *opid = strdup(op.u.operation.id);
	t_result_free(&op);

	memset(&op, 0, sizeof op);
	api_wait(fx.api, api_get_operation(fx.api, opid, t_keep, &op));
	t_ok(&op);
	assert_string_equal(op.u.operation.id, opid);
	t_result_free(&op);

	struct api_stats before, after;
	api_get_stats(fx.api, &before);
	memset(&op, 0, sizeof op);
	api_wait(fx.api, api_wait_operation(fx.api, opid, t_keep, &op));
	t_ok(&op);
	assert_true(op.u.operation.done);
	assert_false(op.u.operation.failed);
	assert_non_null(op.u.operation.response);
	api_get_stats(fx.api, &after);
	assert_true(after.requests - before.requests <= 10);
	t_result_free(&op);
	free(opid);
	cJSON_Delete(body);
	t_result_free(&v);
	free(fid);
}

/* a 1 s operation: seen done within 250 ms of its end, in at most 10 polls */
static void operation_overshoot(void **state)
{
	(void)state;
	cJSON_Delete(t_control(fx.emu, "POST", "/_emu/config", "{\"operationDelayMs\":1000}"));
	cJSON *body = t_create_version_body(fx.api, "cron-cleanup", "134217728", false);
	char key[40];
	api_new_idempotency_key(key);
	cJSON_Delete(t_control(fx.emu, "DELETE", "/_emu/log", NULL));
	long long t0 = t_now_ms();
	struct api_result op = {0};
	api_wait(fx.api, api_create_version(fx.api, body, key, t_keep, &op));
	t_ok(&op);
	struct api_stats before, after;
	api_get_stats(fx.api, &before);
	struct api_result done = {0};
	api_wait(fx.api, api_wait_operation(fx.api, op.u.operation.id, t_keep, &done));
	long long took = t_now_ms() - t0;
	api_get_stats(fx.api, &after);
	t_ok(&done);
	assert_true(done.u.operation.done);
	assert_true(took >= 1000);
	/* counted, not timed (the benchmark times it): at most 10 polls, and at least 4 in that
	 * second, so the early intervals were short enough to see the end within ~250 ms */
	int polls = t_logged(fx.emu, "GET", "/operations/");
	fprintf(stderr, "  1 s operation: done seen after %lld ms, %d polls\n", took, polls);
	assert_true(polls >= 4 && polls <= 10);
	assert_int_equal(after.requests - before.requests, polls);
	t_result_free(&done);
	t_result_free(&op);
	cJSON_Delete(body);
	cJSON_Delete(t_control(fx.emu, "POST", "/_emu/config", "{\"operationDelayMs\":300}"));
}

/* many pages: every item arrives, each page was one request */
static void pagination(void **state)
{
	(void)state;
	struct emu_options o = {.quiet = true, .generate = 2500};
	struct emu *big = t_emu(&o);
	struct api_config c;
	t_config(&c, big);
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	assert_non_null(a);
	struct api_result r = {0};
	api_wait(a, api_list_functions(a, c.folder_id, NULL, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.functions.n >= 2500);
	for (size_t i = 1; i < r.u.functions.n; i++) /* no page twice */
		assert_string_not_equal(r.u.functions.items[i].id, r.u.functions.items[i - 1].id);
	assert_true(t_logged(big, "GET", "/functions/v1/functions") >= 3);
	size_t nf = r.u.functions.n;
	t_result_free(&r);
	memset(&r, 0, sizeof r);
	api_wait(a, api_list_service_accounts(a, c.folder_id, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.service_accounts.n >= 2500);
	t_result_free(&r);
	(void)nf;
	api_free(a);
	api_config_free(&c);
	emu_stop(big);
}

static int parallel_done;
static void count_done(struct api_result *res, void *ud)
{
	(void)ud;
	if (res->err.kind == YC_ERR_NONE)
		parallel_done++;
}

/* five requests at once on a fresh handle: one token fetch, then all five in parallel — proven
 * by count, not time: with 100 ms latency each, five in flight at once need five connections
 * (HTTP/1.1), where one after the other would have reused one */
static void parallel_one_token(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, fx.emu);
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	assert_non_null(a);
	cJSON_Delete(t_control(fx.emu, "POST", "/_emu/latency", "{\"route\":\"*\",\"ms\":100}"));
	char *fid = function_id("order-webhook");
	parallel_done = 0;
	long long t0 = t_now_ms();
	api_list_service_accounts(a, c.folder_id, count_done, NULL);
	api_list_runtimes(a, count_done, NULL);
	api_get_function(a, fid, count_done, NULL);
	api_get_version_by_tag(a, fid, NULL, count_done, NULL);
	api_list_versions(a, fid, count_done, NULL);
	while (api_running(a) > 0) {
		api_poll(a, NULL, 0, -1);
		api_step(a);
	}
	long long took = t_now_ms() - t0;
	cJSON_Delete(t_control(fx.emu, "POST", "/_emu/latency", "{\"route\":\"*\",\"ms\":0}"));
	assert_int_equal(parallel_done, 5);
	struct api_stats s;
	api_get_stats(a, &s);
	assert_int_equal(s.token_fetches, 1);
	assert_int_equal(s.requests, 6);
	assert_true(s.connections >= 5);
	fprintf(stderr, "  token + 5 parallel reads at 100 ms latency: %lld ms, %lu connections\n", took,
		s.connections);
	assert_true(took >= 200); /* two round trips at least: the latency was there */
	api_free(a);
	api_config_free(&c);
	free(fid);
}

/* sequential requests (a token, reads, a deploy's polls) share one keep-alive connection */
static void connection_reused(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, fx.emu);
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	assert_non_null(a);
	double before = t_stat(fx.emu, "connections");
	for (int i = 0; i < 5; i++) {
		struct api_result r = {0};
		api_wait(a, api_list_runtimes(a, t_keep, &r));
		t_ok(&r);
		t_result_free(&r);
	}
	struct api_stats s;
	api_get_stats(a, &s);
	assert_int_equal(s.requests, 6);
	assert_int_equal(s.connections, 1);
	/* the emulator saw one more connection (ours), besides its control client's own */
	assert_true(t_stat(fx.emu, "connections") - before <= 1 + 2);
	api_free(a);
	api_config_free(&c);
}

/* cancel: the callback runs once, with YC_ERR_CANCELLED */
static int cancelled;
static void on_cancel(struct api_result *res, void *ud)
{
	(void)ud;
	assert_int_equal(res->err.kind, YC_ERR_CANCELLED);
	cancelled++;
}

static void cancel(void **state)
{
	(void)state;
	t_fault(fx.emu, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"hang\",\"count\":1}");
	cancelled = 0;
	api_req r = api_list_runtimes(fx.api, on_cancel, NULL);
	for (int i = 0; i < 5; i++) { /* let it be sent */
		api_poll(fx.api, NULL, 0, 20);
		api_step(fx.api);
	}
	api_cancel(fx.api, r);
	api_wait(fx.api, r);
	api_cancel(fx.api, r); /* gone: a no-op */
	api_step(fx.api);
	assert_int_equal(cancelled, 1);
	cJSON_Delete(t_control(fx.emu, "DELETE", "/_emu/faults", NULL));
}

/* cancelling an operation wait stops its polling */
static void cancel_wait_operation(void **state)
{
	(void)state;
	cJSON_Delete(t_control(fx.emu, "POST", "/_emu/config", "{\"operationDelayMs\":60000}"));
	cJSON *body = t_create_version_body(fx.api, "cron-cleanup", "134217728", false);
	char key[40];
	api_new_idempotency_key(key);
	struct api_result op = {0};
	api_wait(fx.api, api_create_version(fx.api, body, key, t_keep, &op));
	t_ok(&op);
	cJSON_Delete(t_control(fx.emu, "DELETE", "/_emu/log", NULL));
	cancelled = 0;
	api_req w = api_wait_operation(fx.api, op.u.operation.id, on_cancel, NULL);
	long long end = t_now_ms() + 5000;
	while (t_logged(fx.emu, "GET", "/operations/") < 2 && t_now_ms() < end) { /* it polls */
		api_poll(fx.api, NULL, 0, 50);
		api_step(fx.api);
	}
	assert_true(t_logged(fx.emu, "GET", "/operations/") >= 2);
	api_cancel(fx.api, w);
	api_step(fx.api);
	assert_int_equal(cancelled, 1);
	int polls = t_logged(fx.emu, "GET", "/operations/");
	for (int i = 0; i < 6; i++) { /* a while longer: no poll after the cancel */
		api_poll(fx.api, NULL, 0, 100);
		api_step(fx.api);
	}
	assert_int_equal(t_logged(fx.emu, "GET", "/operations/"), polls);
	assert_int_equal(api_running(fx.api), 0);
	cJSON_Delete(body);
	t_result_free(&op);
	cJSON_Delete(t_control(fx.emu, "POST", "/_emu/config", "{\"operationDelayMs\":300}"));
}

/* a missing argument is a validation error at once, before any request */
static void validation(void **state)
{
	(void)state;
	struct api_result r = {0};
	api_wait(fx.api, api_get_function(fx.api, "", t_keep, &r));
	assert_int_equal(r.err.kind, YC_ERR_VALIDATION);
	assert_string_equal(r.err.field, "function-id");
	memset(&r, 0, sizeof r);
	api_wait(fx.api, api_list_functions(fx.api, NULL, NULL, t_keep, &r));
	assert_int_equal(r.err.kind, YC_ERR_VALIDATION);
}

/* idle: nothing running means api_poll waits for its timeout (no busy loop) */
static void idle_waits(void **state)
{
	(void)state;
	assert_int_equal(api_running(fx.api), 0);
	long long t0 = t_now_ms();
	assert_int_equal(api_poll(fx.api, NULL, 0, 100), 0);
	assert_true(t_now_ms() - t0 >= 90);
	assert_int_equal(api_step(fx.api), 0);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* the caller's fds: revents filled when ready; a signal makes api_poll return -1 (EINTR) */
static void poll_extra_fds_and_signals(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	struct pollfd fd = {.fd = p[0], .events = POLLIN};
	assert_int_equal(api_poll(fx.api, &fd, 1, 0), 0);
	assert_int_equal(fd.revents, 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(api_poll(fx.api, &fd, 1, 1000), 0);
	assert_true(fd.revents & POLLIN);
	char c;
	assert_int_equal(read(p[0], &c, 1), 1);

	struct sigaction sa = {.sa_handler = on_alarm}, old; /* no SA_RESTART */
	sigaction(SIGALRM, &sa, &old);
	struct itimerval it = {.it_value = {.tv_usec = 50000}};
	setitimer(ITIMER_REAL, &it, NULL);
	assert_int_equal(api_poll(fx.api, &fd, 1, 5000), -1);
	sigaction(SIGALRM, &old, NULL);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clouds_and_folders),
		cmocka_unit_test(functions_versions_runtimes),
		cmocka_unit_test(create_version_and_wait),
		cmocka_unit_test(operation_overshoot),
		cmocka_unit_test(pagination),
		cmocka_unit_test(parallel_one_token),
		cmocka_unit_test(connection_reused),
		cmocka_unit_test(cancel),
		cmocka_unit_test(cancel_wait_operation),
		cmocka_unit_test(validation),
		cmocka_unit_test(idle_waits),
		cmocka_unit_test(poll_extra_fds_and_signals),
	};
	return cmocka_run_group_tests(tests, t_fixture_setup, t_fixture_teardown);
}
