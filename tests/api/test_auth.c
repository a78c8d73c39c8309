/* test_auth.c — every way to a token, against the emulator: an IAM token as given, an OAuth
 * token exchanged, a service-account key signed into a PS256 JWT that the emulator verifies
 * (from a file and inline), refusal, no credentials, and refresh before expiresAt. */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

static struct emu *emu;
static char *dir;

static int setup(void **state)
{
	(void)state;
	emu = t_emu(NULL);
	dir = t_tmpdir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_stop_and_remove(emu, dir);
	return 0;
}

static int reset(void **state)
{
	(void)state;
	t_reset(emu);
	return 0;
}

/* Runs list_runtimes on a fresh api with cfg; returns the result (caller frees). */
static struct api_result runtimes(struct api_config *cfg, struct api_stats *stats)
{
	struct yc_error err;
	struct api *a = api_new(cfg, &err);
	if (!a)
		fail_msg("api_new: %s", err.what_en);
	struct api_result r = {0};
	api_wait(a, api_list_runtimes(a, t_keep, &r));
	if (stats)
		api_get_stats(a, stats);
	api_free(a);
	return r;
}

static void oauth_exchanged(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, emu);
	struct api_stats s;
	struct api_result r = runtimes(&c, &s);
	assert_int_equal(r.err.kind, YC_ERR_NONE);
	assert_int_equal(s.token_fetches, 1);
	assert_int_equal(t_stat(emu, "tokensIssued"), 1);
	assert_int_equal(t_logged(emu, "POST", "/iam/v1/tokens"), 1);
	t_result_free(&r);
	api_config_free(&c);
}

static void iam_token_as_given(void **state)
{
	(void)state;
	char body[256];
	snprintf(body, sizeof body, "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	cJSON *t = t_control(emu, "POST", "/iam/v1/tokens", body);
	const char *iam = cJSON_GetStringValue(cJSON_GetObjectItem(t, "iamToken"));
	assert_non_null(iam);
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	c.iam_token = strdup(iam);
	cJSON_Delete(t);
	struct api_stats s;
	struct api_result r = runtimes(&c, &s);
	assert_int_equal(r.err.kind, YC_ERR_NONE);
	assert_int_equal(s.token_fetches, 0);
	t_result_free(&r);
	api_config_free(&c);
}

static char *sa_key_text(void)
{
	cJSON *cr = t_control(emu, "GET", "/_emu/credentials", NULL);
	cJSON *k = cJSON_GetObjectItem(cr, "saKey");
	assert_true(cJSON_IsObject(k));
	char *s = cJSON_Print(k);
	cJSON_Delete(cr);
	return s;
}

/* the authorized key from a file: a real PS256 JWT, verified by the emulator, exchanged */
static void sa_key_file(void **state)
{
	(void)state;
	char *key = sa_key_text();
	char path[400];
	snprintf(path, sizeof path, "%s/key.json", dir);
	t_write(path, key);
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	c.sa_key_file = strdup(path);
	struct api_stats s;
	struct api_result r = runtimes(&c, &s);
	if (r.err.kind != YC_ERR_NONE)
		fail_msg("%s", t_err(&r));
	assert_int_equal(s.token_fetches, 1);
	assert_int_equal(t_stat(emu, "tokensIssued"), 1);
	t_result_free(&r);
	api_config_free(&c);

	/* the same key inline, as `yc config set service-account-key` stores it */
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	c.sa_key_json = key;
	r = runtimes(&c, NULL);
	assert_int_equal(r.err.kind, YC_ERR_NONE);
	t_result_free(&r);
	api_config_free(&c);
}

/* a JWT signed by another key: refused by IAM, an auth error that says to check the key */
static void sa_key_wrong(void **state)
{
	(void)state;
	char *key = sa_key_text();
	cJSON *k = cJSON_Parse(key);
	free(key);
	/* swap the private key for one of our own: kid and iss stay, the signature cannot verify */
	EVP_PKEY *p = EVP_RSA_gen(2048);
	BIO *b = BIO_new(BIO_s_mem());
	PEM_write_bio_PrivateKey(b, p, NULL, NULL, 0, NULL, NULL);
	char *pem;
	long n = BIO_get_mem_data(b, &pem);
	char *pk = strndup(pem, (size_t)n);
	cJSON_ReplaceItemInObject(k, "private_key", cJSON_CreateString(pk));
	free(pk);
	BIO_free(b);
	EVP_PKEY_free(p);
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	c.sa_key_json = cJSON_PrintUnformatted(k);
	cJSON_Delete(k);
	struct api_result r = runtimes(&c, NULL);
	assert_int_equal(r.err.kind, YC_ERR_AUTH);
	assert_non_null(strstr(r.err.what_en, "getting an IAM token"));
	assert_non_null(strstr(r.err.hint_en, "yc init"));
	assert_int_equal(t_logged(emu, "GET", "/functions/v1/runtimes"), 0);
	t_result_free(&r);
	api_config_free(&c);
}

static void oauth_refused(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = strdup("y0_notavalidtokenatall0000000000000");
	struct api_result r = runtimes(&c, NULL);
	assert_true(r.err.kind == YC_ERR_AUTH || r.err.kind == YC_ERR_API);
	assert_non_null(strstr(r.err.what_en, "getting an IAM token"));
	assert_int_equal(t_logged(emu, "POST", "/iam/v1/tokens"), 1); /* a 4xx is never retried */
	t_result_free(&r);
	api_config_free(&c);
}

static void no_credentials(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	struct api_result r = runtimes(&c, NULL);
	assert_int_equal(r.err.kind, YC_ERR_AUTH);
	assert_non_null(strstr(r.err.hint_en, "yc init"));
	/* nothing was sent */
	assert_int_equal(t_logged(emu, "GET", "/functions/"), 0);
	assert_int_equal(t_logged(emu, "POST", "/iam/"), 0);
	t_result_free(&r);
	api_config_free(&c);
}

/* a key file that does not exist: api_new says so, naming the flag */
static void sa_key_missing_file(void **state)
{
	(void)state;
	struct api_config c;
	t_config(&c, emu);
	free(c.oauth_token);
	c.oauth_token = NULL;
	c.sa_key_file = strdup("/nonexistent/key.json");
	struct yc_error err;
	assert_null(api_new(&c, &err));
	assert_int_equal(err.kind, YC_ERR_IO);
	assert_non_null(strstr(err.what_en, "/nonexistent/key.json"));
	api_config_free(&c);
}

/* tokens that live a second: refreshed ahead of expiry, every call succeeds meanwhile */
static void refresh_before_expiry(void **state)
{
	(void)state;
	cJSON_Delete(t_control(emu, "POST", "/_emu/config", "{\"tokenTtlS\":1}"));
	struct api_config c;
	t_config(&c, emu);
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	assert_non_null(a);
	struct api_stats s = {0};
	long long end = t_now_ms() + 5000;
	int calls = 0;
	while (s.token_fetches < 3 && t_now_ms() < end) {
		struct api_result r = {0};
		api_wait(a, api_list_runtimes(a, t_keep, &r));
		if (r.err.kind != YC_ERR_NONE)
			fail_msg("call %d: %s", calls, t_err(&r));
		t_result_free(&r);
		calls++;
		api_get_stats(a, &s);
		api_poll(a, NULL, 0, 50); /* nothing runs: just lets time pass */
	}
	assert_true(s.token_fetches >= 3);
	api_free(a);
	api_config_free(&c);
	cJSON_Delete(t_control(emu, "POST", "/_emu/config", "{\"tokenTtlS\":43200}"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(oauth_exchanged, reset),
		cmocka_unit_test_setup(iam_token_as_given, reset),
		cmocka_unit_test_setup(sa_key_file, reset),
		cmocka_unit_test_setup(sa_key_wrong, reset),
		cmocka_unit_test_setup(oauth_refused, reset),
		cmocka_unit_test_setup(no_credentials, reset),
		cmocka_unit_test_setup(sa_key_missing_file, reset),
		cmocka_unit_test_setup(refresh_before_expiry, reset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
