/* test_secrets.c — quality.md's "secrets" row for the api: the test's tokens and keys never
 * appear in the --debug-log file or in any error text, whatever happens (successes, 401s,
 * 403s, broken answers, a refused token exchange), on every auth path. */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct emu *emu;
static char *dir;
static char log_path[400];
static char errors[64 * 1024]; /* every error text of the run, both languages */

static int setup(void **state)
{
	(void)state;
	emu = t_emu(NULL);
	dir = t_tmpdir();
	snprintf(log_path, sizeof log_path, "%s/debug.log", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_stop_and_remove(emu, dir);
	return 0;
}

static void keep_error(const struct api_result *r)
{
	char buf[2048];
	for (int lang = 0; lang < 2; lang++) {
		yc_error_format(&r->err, (enum yc_lang)lang, buf, sizeof buf);
		size_t n = strlen(errors);
		snprintf(errors + n, sizeof errors - n, "%s\n%s %s\n", buf, r->err.api_message, r->err.field);
	}
}

static void run(struct api *a, api_req req)
{
	struct api_result r = {0};
	api_wait(a, req);
	(void)r;
}

static void collect(struct api_result *res, void *ud)
{
	(void)ud;
	keep_error(res);
}

/* A mix of good and bad calls on one api: every path that could leak. */
static void exercise(struct api_config *c)
{
	c->debug_log = strdup(log_path);
	struct yc_error err;
	struct api *a = api_new(c, &err);
	if (!a)
		fail_msg("%s", err.what_en);
	run(a, api_list_runtimes(a, collect, NULL));
	run(a, api_list_functions(a, c->folder_id, "order-webhook", collect, NULL));
	t_fault(emu, "{\"route\":\"GET /functions/v1/runtimes\",\"fault\":\"401\",\"count\":0}");
	run(a, api_list_runtimes(a, collect, NULL));
	cJSON_Delete(t_control(emu, "DELETE", "/_emu/faults", NULL));
	t_fault(emu, "{\"route\":\"GET /iam/v1/serviceAccounts\",\"fault\":\"403\",\"count\":0}");
	run(a, api_list_service_accounts(a, c->folder_id, collect, NULL));
	t_fault(emu, "{\"route\":\"GET /functions/v1/functions\",\"fault\":\"invalid_json\",\"count\":0}");
	run(a, api_list_functions(a, c->folder_id, NULL, collect, NULL));
	cJSON_Delete(t_control(emu, "DELETE", "/_emu/faults", NULL));
	run(a, api_invoke(a, "d4enosuchfunction0001", NULL, true, "{}", 2, collect, NULL));
	run(a, api_list_queues(a, NULL, collect, NULL));
	api_free(a);
}

static void assert_absent(const char *text, const char *secret, const char *where)
{
	if (secret && *secret && strstr(text, secret))
		fail_msg("a secret (%.6s...) appears in %s", secret, where);
}

static void check(const char *const *secrets, size_t n)
{
	char *log = t_read(log_path);
	assert_non_null(log);
	assert_true(strlen(log) > 100); /* it did log: one line per request */
	assert_non_null(strstr(log, " -> "));
	struct stat st;
	assert_int_equal(stat(log_path, &st), 0);
	assert_int_equal(st.st_mode & 077, 0); /* only the user reads it */
	for (size_t i = 0; i < n; i++) {
		assert_absent(log, secrets[i], "the debug log");
		assert_absent(errors, secrets[i], "an error text");
	}
	/* whatever the emulator issued: IAM tokens, and JWTs */
	assert_absent(log, "t1.9euelZ", "the debug log");
	assert_absent(errors, "t1.9euelZ", "an error text");
	assert_absent(log, "eyJ", "the debug log");
	assert_absent(log, "PRIVATE KEY", "the debug log");
	if (getenv("T_KEEP_LOG"))
		fprintf(stderr, "%s", log);
	free(log);
	remove(log_path);
	errors[0] = '\0';
}

static void oauth_path(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, emu);
	exercise(&c);
	const char *s[] = {emu_demo_oauth_token(), emu_demo_aws_secret()};
	check(s, 2);
	api_config_free(&c);
}

static void iam_token_path(void **state)
{
	(void)state;
	char body[256];
	snprintf(body, sizeof body, "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	cJSON *t = t_control(emu, "POST", "/iam/v1/tokens", body);
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	c.iam_token = strdup(cJSON_GetStringValue(cJSON_GetObjectItem(t, "iamToken")));
	cJSON_Delete(t);
	exercise(&c);
	const char *s[] = {c.iam_token, emu_demo_aws_secret()};
	check(s, 2);
	api_config_free(&c);
}

static void sa_key_path(void **state)
{
	(void)state;
	cJSON *cr = t_control(emu, "GET", "/_emu/credentials", NULL);
	cJSON *k = cJSON_GetObjectItem(cr, "saKey");
	const char *pk = cJSON_GetStringValue(cJSON_GetObjectItem(k, "private_key"));
	assert_non_null(pk);
	/* a line of the key's base64 body, to look for */
	const char *line = strchr(strstr(pk, "-----BEGIN"), '\n') + 1;
	char chunk[41];
	snprintf(chunk, sizeof chunk, "%.40s", line);
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	c.sa_key_json = cJSON_PrintUnformatted(k);
	cJSON_Delete(cr);
	exercise(&c);
	const char *s[] = {chunk, emu_demo_aws_secret()};
	check(s, 2);
	api_config_free(&c);
}

/* a refused token exchange: the OAuth token it sent is not in the error or the log */
static void refused_exchange(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = strdup("y0_AgAAAAAtestsecretnotvalid0000000000000000");
	c.debug_log = strdup(log_path);
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	run(a, api_list_runtimes(a, collect, NULL));
	api_free(a);
	const char *s[] = {c.oauth_token};
	check(s, 1);
	api_config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(oauth_path),
		cmocka_unit_test(iam_token_path),
		cmocka_unit_test(sa_key_path),
		cmocka_unit_test(refused_exchange),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
