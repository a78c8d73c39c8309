/* test_jwt.c — the JWT exchange: a PS256 JWT signed here with OpenSSL by the seeded authorized
 * key gets an IAM token; every broken claim or signature gets 401. */
#include "emu_test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

struct ctx {
	struct emu *emu;
	EVP_PKEY *key;
	char kid[64], sa[64];
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));
	c->emu = th_start(NULL);
	struct th_resp r = th_get(c->emu, "/_emu/credentials", NULL);
	assert_int_equal(r.status, 200);
	const cJSON *k = cJSON_GetObjectItemCaseSensitive(r.json, "saKey");
	snprintf(c->kid, sizeof(c->kid), "%s", th_str(k, "id"));
	snprintf(c->sa, sizeof(c->sa), "%s", th_str(k, "service_account_id"));
	const char *pem = strstr(th_str(k, "private_key"), "-----BEGIN"); /* skip the PLEASE line */
	assert_non_null(pem);
	BIO *b = BIO_new_mem_buf(pem, -1);
	c->key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	assert_non_null(c->key);
	assert_non_null(strstr(th_str(k, "public_key"), "BEGIN PUBLIC KEY"));
	th_resp_free(&r);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	EVP_PKEY_free(c->key);
	emu_stop(c->emu);
	free(c);
	return 0;
}

static void b64url(const unsigned char *in, size_t n, char *out)
{
	int len = EVP_EncodeBlock((unsigned char *)out, in, (int)n);
	while (len > 0 && out[len - 1] == '=')
		len--;
	out[len] = '\0';
	for (char *p = out; *p; p++)
		*p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
}

static char *sign(EVP_PKEY *key, const char *header, const char *claims, int padding)
{
	char h[512], cl[1024];
	b64url((const unsigned char *)header, strlen(header), h);
	b64url((const unsigned char *)claims, strlen(claims), cl);
	char *jwt = malloc(4096);
	int n = snprintf(jwt, 4096, "%s.%s", h, cl);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	unsigned char sig[512];
	size_t sig_n = sizeof(sig);
	assert_int_equal(EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), NULL, key), 1);
	assert_int_equal(EVP_PKEY_CTX_set_rsa_padding(pctx, padding), 1);
	if (padding == RSA_PKCS1_PSS_PADDING)
		assert_int_equal(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST), 1);
	assert_int_equal(EVP_DigestSign(ctx, sig, &sig_n, (unsigned char *)jwt, (size_t)n), 1);
	EVP_MD_CTX_free(ctx);
	char s[1024];
	b64url(sig, sig_n, s);
	snprintf(jwt + n, 4096 - (size_t)n, ".%s", s);
	return jwt;
}

static long exchange(struct ctx *c, const char *jwt, char *msg, size_t msg_n)
{
	char *body = malloc(strlen(jwt) + 32);
	sprintf(body, "{\"jwt\":\"%s\"}", jwt);
	struct th_resp r = th_post(c->emu, "/iam/v1/tokens", NULL, body);
	free(body);
	long st = r.status;
	if (st == 200)
		assert_true(!strncmp(th_str(r.json, "iamToken"), "t1.", 3));
	else if (msg)
		snprintf(msg, msg_n, "%s", th_str(r.json, "message"));
	th_resp_free(&r);
	return st;
}

static char *jwt_with(struct ctx *c, EVP_PKEY *key, const char *alg, const char *kid, const char *iss,
		      const char *aud, long iat_off, long exp_off, int padding)
{
	char header[256], claims[512];
	long now = (long)time(NULL);
	snprintf(header, sizeof(header), "{\"typ\":\"JWT\",\"alg\":\"%s\",\"kid\":\"%s\"}", alg, kid ? kid : c->kid);
	snprintf(claims, sizeof(claims), "{\"iss\":\"%s\",\"aud\":\"%s\",\"iat\":%ld,\"exp\":%ld}", iss ? iss : c->sa,
		 aud ? aud : "https://iam.api.cloud.yandex.net/iam/v1/tokens", now + iat_off, now + exp_off);
	return sign(key ? key : c->key, header, claims, padding);
}

static void test_good_jwt(void **state)
{
	struct ctx *c = *state;
	char *jwt = jwt_with(c, NULL, "PS256", NULL, NULL, NULL, 0, 3600, RSA_PKCS1_PSS_PADDING);
	assert_int_equal(exchange(c, jwt, NULL, 0), 200);
	free(jwt);
}

static void expect_401(struct ctx *c, char *jwt, const char *why)
{
	char msg[512] = "";
	assert_int_equal(exchange(c, jwt, msg, sizeof(msg)), 401);
	if (!strstr(msg, why))
		fail_msg("expected \"%s\" in \"%s\"", why, msg);
	free(jwt);
}

static void test_bad_jwts(void **state)
{
	struct ctx *c = *state;
	EVP_PKEY *other = EVP_RSA_gen(2048);
	expect_401(c, jwt_with(c, other, "PS256", NULL, NULL, NULL, 0, 600, RSA_PKCS1_PSS_PADDING), "signature");
	expect_401(c, jwt_with(c, NULL, "RS256", NULL, NULL, NULL, 0, 600, RSA_PKCS1_PADDING), "alg");
	/* PKCS#1 v1.5 signature under a PS256 header: must not verify */
	expect_401(c, jwt_with(c, NULL, "PS256", NULL, NULL, NULL, 0, 600, RSA_PKCS1_PADDING), "signature");
	expect_401(c, jwt_with(c, NULL, "PS256", "ajeotherkey000000000", NULL, NULL, 0, 600, RSA_PKCS1_PSS_PADDING), "kid");
	expect_401(c, jwt_with(c, NULL, "PS256", NULL, "ajesomeoneelse000000", NULL, 0, 600, RSA_PKCS1_PSS_PADDING), "iss");
	expect_401(c, jwt_with(c, NULL, "PS256", NULL, NULL, "https://example.com", 0, 600, RSA_PKCS1_PSS_PADDING), "aud");
	expect_401(c, jwt_with(c, NULL, "PS256", NULL, NULL, NULL, 0, 3601, RSA_PKCS1_PSS_PADDING), "3600");
	expect_401(c, jwt_with(c, NULL, "PS256", NULL, NULL, NULL, -7200, -3600, RSA_PKCS1_PSS_PADDING), "expired");
	EVP_PKEY_free(other);
	char msg[256];
	assert_int_equal(exchange(c, "not.a.jwt.at.all", msg, sizeof(msg)), 401);
	assert_int_equal(exchange(c, "abc", msg, sizeof(msg)), 401);
	/* a good JWT with its claims swapped after signing */
	char *jwt = jwt_with(c, NULL, "PS256", NULL, NULL, NULL, 0, 600, RSA_PKCS1_PSS_PADDING);
	char *dot = strchr(jwt, '.');
	dot[2] = dot[2] == 'A' ? 'B' : 'A';
	expect_401(c, jwt, "");
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_jwt),
		cmocka_unit_test(test_bad_jwts),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
