/* test_metadata.c — the yc profile's `instance-service-account: true`: the IAM token comes from
 * the VM's metadata service (here the emulator's, through YCFN_METADATA_URL), is refreshed
 * before expires_in runs out, and never shows in the debug log. */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct emu *emu;
static char *dir;
static char yc_path[400], log_path[400];

static const char *const env_vars[] = {"YC_IAM_TOKEN", "YC_TOKEN", "YC_SERVICE_ACCOUNT_KEY_FILE", "YC_CLOUD_ID",
				       "YC_FOLDER_ID", "YC_PROFILE", "YC_ENDPOINT"};

static int setup(void **state)
{
	(void)state;
	emu = t_emu(NULL);
	dir = t_tmpdir();
	setenv("HOME", dir, 1);
	for (size_t i = 0; i < sizeof env_vars / sizeof env_vars[0]; i++)
		unsetenv(env_vars[i]);
	setenv("YCFN_METADATA_URL", emu_url(emu), 1);
	snprintf(yc_path, sizeof yc_path, "%s/config.yaml", dir);
	snprintf(log_path, sizeof log_path, "%s/debug.log", dir);
	char yaml[1024];
	snprintf(yaml, sizeof yaml,
		 "current: vm\nprofiles:\n  vm:\n    instance-service-account: true\n"
		 "    endpoint: %s\n    cloud-id: %s\n    folder-id: %s\n",
		 emu_url(emu), emu_demo_cloud_id(), emu_demo_folder_id());
	t_write(yc_path, yaml);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("YCFN_METADATA_URL");
	t_stop_and_remove(emu, dir);
	return 0;
}

static int reset(void **state)
{
	(void)state;
	t_reset(emu);
	remove(log_path);
	return 0;
}

/* The effective config of the profile above, with the test's small delays and a debug log. */
static struct api *open_api(struct api_config *c)
{
	struct yc_error err;
	if (api_config_load(c, NULL, yc_path, &err) != 0)
		fail_msg("api_config_load: %s", err.what_en);
	assert_true(c->instance_sa);
	assert_null(c->oauth_token);
	c->retry_base_ms = 5;
	c->total_timeout_ms = 5000;
	c->connect_timeout_ms = 2000;
	c->debug_log = strdup(log_path);
	struct api *a = api_new(c, &err);
	if (!a)
		fail_msg("api_new: %s", err.what_en);
	return a;
}

static void lists_functions(void **state)
{
	(void)state;
	struct api_config c;
	struct api *a = open_api(&c);
	struct api_result r = {0};
	api_wait(a, api_list_functions(a, c.folder_id, NULL, t_keep, &r));
	t_ok(&r);
	assert_true(r.u.functions.n > 0);
	t_result_free(&r);
	struct api_stats s;
	api_get_stats(a, &s);
	assert_int_equal(s.token_fetches, 1);
	api_free(a);
	api_config_free(&c);
	assert_int_equal(t_logged(emu, "GET", "/computeMetadata/v1/instance/service-accounts/default/token"), 1);
	assert_int_equal(t_logged(emu, "POST", "/iam/"), 0);
	char *log = t_read(log_path);
	assert_non_null(log);
	assert_non_null(strstr(log, "computeMetadata")); /* the fetch was logged... */
	if (strstr(log, "t1.9euelZ"))                    /* ...without the token it got */
		fail_msg("the metadata token is in the debug log");
	free(log);
}

/* tokens that live a second: fetched anew ahead of expires_in, every call succeeds meanwhile */
static void refreshed_before_expiry(void **state)
{
	(void)state;
	cJSON_Delete(t_control(emu, "POST", "/_emu/config", "{\"tokenTtlS\":1}"));
	struct api_config c;
	struct api *a = open_api(&c);
	struct api_stats s = {0};
	long long end = t_now_ms() + 5000;
	while (s.token_fetches < 3 && t_now_ms() < end) {
		struct api_result r = {0};
		api_wait(a, api_list_runtimes(a, t_keep, &r));
		t_ok(&r);
		t_result_free(&r);
		api_get_stats(a, &s);
		api_poll(a, NULL, 0, 50); /* nothing runs: just lets time pass */
	}
	assert_true(s.token_fetches >= 3);
	api_free(a);
	api_config_free(&c);
	cJSON_Delete(t_control(emu, "POST", "/_emu/config", "{\"tokenTtlS\":43200}"));
}

/* no metadata service where it points: the call fails naming the token fetch, nothing else sent */
static void no_metadata_service(void **state)
{
	(void)state;
	setenv("YCFN_METADATA_URL", "http://127.0.0.1:1", 1);
	struct api_config c;
	struct api *a = open_api(&c);
	struct api_result r = {0};
	api_wait(a, api_list_runtimes(a, t_keep, &r));
	assert_int_not_equal(r.err.kind, YC_ERR_NONE);
	assert_non_null(strstr(t_err(&r), "IAM token"));
	t_result_free(&r);
	api_free(a);
	api_config_free(&c);
	assert_int_equal(t_logged(emu, "GET", "/functions/"), 0);
	setenv("YCFN_METADATA_URL", emu_url(emu), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(lists_functions, reset),
		cmocka_unit_test_setup(refreshed_before_expiry, reset),
		cmocka_unit_test_setup(no_metadata_service, reset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
