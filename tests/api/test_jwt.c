/* test_jwt.c — the authorized key file and the PS256 JWT made from it, checked here with
 * OpenSSL on its own (the emulator checks it again in test_auth.c), plus secret masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "api/api.h"
#include "api/api_int.h"

static EVP_PKEY *pkey;
static char *key_json;

/* A fresh RSA key as yc writes it: the "PLEASE DO NOT REMOVE" line before the PEM. */
static int setup(void **state)
{
	(void)state;
	pkey = EVP_RSA_gen(2048);
	assert_non_null(pkey);
	BIO *b = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_PrivateKey(b, pkey, NULL, NULL, 0, NULL, NULL), 1);
	char *pem;
	long n = BIO_get_mem_data(b, &pem);
	char *pk = malloc((size_t)n + 100);
	snprintf(pk, (size_t)n + 100, "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <ajekid>\n%.*s", (int)n,
		 pem);
	BIO_free(b);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", "ajekid");
	cJSON_AddStringToObject(o, "service_account_id", "ajesaid");
	cJSON_AddStringToObject(o, "created_at", "2024-01-01T00:00:00Z");
	cJSON_AddStringToObject(o, "key_algorithm", "RSA_2048");
	cJSON_AddStringToObject(o, "private_key", pk);
	key_json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	free(pk);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	EVP_PKEY_free(pkey);
	free(key_json);
	return 0;
}

static unsigned char *b64url_decode(const char *s, size_t n, size_t *out_n)
{
	char *t = malloc(n + 4);
	assert_non_null(t);
	size_t i;
	for (i = 0; i < n; i++)
		t[i] = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
	while (i % 4)
		t[i++] = '=';
	unsigned char *o = malloc(i + 1);
	assert_non_null(o);
	int len = EVP_DecodeBlock(o, (unsigned char *)t, (int)i);
	free(t);
	assert_true(len >= 0);
	*out_n = (size_t)len - (n % 4 == 2 ? 2 : n % 4 == 3 ? 1 : 0);
	return o;
}

static cJSON *part(const char *p, size_t n)
{
	size_t len;
	unsigned char *d = b64url_decode(p, n, &len);
	cJSON *o = cJSON_ParseWithLength((const char *)d, len);
	free(d);
	assert_non_null(o);
	return o;
}

/* header {"typ":"JWT","alg":"PS256","kid"}, claims iss/aud/iat/exp, a PS256 signature with salt 32 */
static void jwt_verifies(void **state)
{
	(void)state;
	struct api_sa_key k;
	struct yc_error err;
	assert_int_equal(api_sa_key_parse(key_json, strlen(key_json), &k, &err), 0);
	assert_string_equal(k.id, "ajekid");
	assert_true(strncmp(k.private_key_pem, "-----BEGIN", 10) == 0);
	char *jwt = api_jwt_sign(&k, "https://iam.api.cloud.yandex.net/iam/v1/tokens", 1700000000LL, &err);
	assert_non_null(jwt);
	char *d1 = strchr(jwt, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	if (!d1 || !d2) {
		fail_msg("not three parts: %s", jwt);
		return;
	}
	assert_null(strchr(jwt, '='));
	cJSON *h = part(jwt, (size_t)(d1 - jwt)), *c = part(d1 + 1, (size_t)(d2 - d1 - 1));
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(h, "alg")), "PS256");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(h, "typ")), "JWT");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(h, "kid")), "ajekid");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(c, "iss")), "ajesaid");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(c, "aud")),
			    "https://iam.api.cloud.yandex.net/iam/v1/tokens");
	double iat = cJSON_GetNumberValue(cJSON_GetObjectItem(c, "iat"));
	double exp = cJSON_GetNumberValue(cJSON_GetObjectItem(c, "exp"));
	assert_true(iat == 1700000000.0 && exp > iat && exp - iat <= 3600);
	cJSON_Delete(h);
	cJSON_Delete(c);

	size_t sig_len;
	unsigned char *sig = b64url_decode(d2 + 1, strlen(d2 + 1), &sig_len);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx;
	assert_int_equal(EVP_DigestVerifyInit(md, &pctx, EVP_sha256(), NULL, pkey), 1);
	EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
	EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32);
	assert_int_equal(EVP_DigestVerify(md, sig, sig_len, (unsigned char *)jwt, (size_t)(d2 - jwt)), 1);
	EVP_MD_CTX_free(md);
	free(sig);
	api_free_secret(&jwt);
	api_sa_key_free(&k);
}

/* a key file that is not one: a config error naming the field */
static void bad_keys(void **state)
{
	(void)state;
	struct api_sa_key k;
	struct yc_error err;
	const char *cases[][2] = {
		{"not json", NULL},
		{"{\"id\":\"a\",\"service_account_id\":\"b\"}", "private_key"},
		{"{\"id\":\"a\",\"private_key\":\"-----BEGIN\"}", "service_account_id"},
		{"{\"id\":\"a\",\"service_account_id\":\"b\",\"private_key\":\"no pem here\"}", "private_key"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		yc_error_clear(&err);
		assert_int_equal(api_sa_key_parse(cases[i][0], strlen(cases[i][0]), &k, &err), -1);
		assert_int_equal(err.kind, YC_ERR_CONFIG);
		if (cases[i][1])
			assert_string_equal(err.field, cases[i][1]);
	}
	/* a PEM that is not a key: signing fails with a message, no crash */
	const char *junk = "{\"id\":\"a\",\"service_account_id\":\"b\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n\"}";
	assert_int_equal(api_sa_key_parse(junk, strlen(junk), &k, &err), 0);
	yc_error_clear(&err);
	assert_null(api_jwt_sign(&k, "aud", 1, &err));
	assert_int_equal(err.kind, YC_ERR_CONFIG);
	api_sa_key_free(&k);
}

/* masking: known secrets, Bearer values, JWT and token shapes, JSON members named like secrets */
static void masking(void **state)
{
	(void)state;
	const char *known[] = {"s3cr3t-value", NULL};
	char *m = api_mask_secrets("a s3cr3t-value b Authorization: Bearer t1.abc {\"iamToken\":\"x\\\"y\",\"jwt\":\"q\"} "
				   "eyJhbGciOiJQUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln t1.9euelZqabcdefghijklmnopqrs y0_AgAAAAAabcdefghijklmnop",
				   known, 2);
	assert_null(strstr(m, "s3cr3t"));
	assert_null(strstr(m, "t1.abc"));
	assert_null(strstr(m, "x\\\"y"));
	assert_null(strstr(m, "eyJ"));
	assert_null(strstr(m, "9euelZ"));
	assert_null(strstr(m, "AgAAAA"));
	assert_non_null(strstr(m, "Bearer ***"));
	assert_non_null(strstr(m, "\"jwt\":\"***\""));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jwt_verifies),
		cmocka_unit_test(bad_keys),
		cmocka_unit_test(masking),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
