/* jwt.c — a service account's authorized key, signed into the PS256 JWT that iam/v1/tokens
 * exchanges for an IAM token (RSA-PSS, SHA-256, salt length 32, as Yandex Cloud requires).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "api/api_int.h"

void api_sa_key_free(struct api_sa_key *k)
{
	free(k->id);
	free(k->service_account_id);
	api_free_secret(&k->private_key_pem);
	memset(k, 0, sizeof *k);
}

static int key_fail(struct yc_error *err, const char *field, const char *ru, const char *en)
{
	yc_error_set(err, YC_ERR_CONFIG, field, ru, en,
		     "Создайте новый ключ: yc iam key create --service-account-name <имя> -o key.json",
		     "Create a new key: yc iam key create --service-account-name <name> -o key.json");
	return -1;
}

static char *key_string(const cJSON *o, const char *name, size_t max)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (!cJSON_IsString(v) || !v->valuestring[0] || strlen(v->valuestring) > max)
		return NULL;
	return strdup(v->valuestring);
}

int api_sa_key_parse(const char *text, size_t len, struct api_sa_key *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	cJSON *o = NULL;
	if (model_json_parse(text, len, &o, err) != 0)
		return key_fail(err, "service-account-key", "Файл ключа сервисного аккаунта — не JSON-объект",
				"The service account key is not a JSON object");
	out->id = key_string(o, "id", 128);
	out->service_account_id = key_string(o, "service_account_id", 128);
	char *pk = key_string(o, "private_key", 64 * 1024);
	cJSON_Delete(o);
	const char *field = !out->id ? "id" : !out->service_account_id ? "service_account_id" : !pk ? "private_key" : NULL;
	if (field) {
		api_free_secret(&pk);
		api_sa_key_free(out);
		char ru[200], en[200];
		snprintf(ru, sizeof ru, "В ключе сервисного аккаунта нет строки «%s»", field);
		snprintf(en, sizeof en, "The service account key has no string \"%s\"", field);
		return key_fail(err, field, ru, en);
	}
	/* yc writes "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <...>" before the PEM */
	const char *pem = strstr(pk, "-----BEGIN");
	if (!pem) {
		api_free_secret(&pk);
		api_sa_key_free(out);
		return key_fail(err, "private_key", "private_key не содержит ключа в формате PEM",
				"private_key holds no PEM key");
	}
	out->private_key_pem = strdup(pem);
	api_free_secret(&pk);
	if (!out->private_key_pem) {
		api_sa_key_free(out);
		return key_fail(err, "private_key", "Не хватает памяти", "Out of memory");
	}
	return 0;
}

char *api_base64url(const unsigned char *p, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char *o = malloc(n / 3 * 4 + 5), *q = o;
	if (!o)
		return NULL;
	size_t i = 0;
	for (; i + 2 < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		*q++ = tab[v >> 18];
		*q++ = tab[(v >> 12) & 63];
		*q++ = tab[(v >> 6) & 63];
		*q++ = tab[v & 63];
	}
	if (i < n) { /* no '=' padding in base64url as JWS uses it */
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0);
		*q++ = tab[v >> 18];
		*q++ = tab[(v >> 12) & 63];
		if (i + 1 < n)
			*q++ = tab[(v >> 6) & 63];
	}
	*q = '\0';
	return o;
}

static char *b64_json(cJSON *o)
{
	char *s = o ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	if (!s)
		return NULL;
	char *b = api_base64url((const unsigned char *)s, strlen(s));
	cJSON_free(s);
	return b;
}

/* RSA-PSS SHA-256 with a 32-byte salt over the signing input. */
static int ps256(const char *pem, const char *input, unsigned char *sig, size_t *sig_len)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *pkey = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
	BIO_free(bio);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	int ok = pkey && md && EVP_PKEY_base_id(pkey) == EVP_PKEY_RSA && EVP_PKEY_get_size(pkey) <= (int)*sig_len &&
		 EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL, pkey) == 1 &&
		 EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
		 EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) == 1 &&
		 EVP_DigestSign(md, sig, sig_len, (const unsigned char *)input, strlen(input)) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	return ok ? 0 : -1;
}

char *api_jwt_sign(const struct api_sa_key *key, const char *audience, long long now, struct yc_error *err)
{
	cJSON *h = cJSON_CreateObject();
	cJSON_AddStringToObject(h, "typ", "JWT");
	cJSON_AddStringToObject(h, "alg", "PS256");
	cJSON_AddStringToObject(h, "kid", key->id);
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "iss", key->service_account_id);
	cJSON_AddStringToObject(c, "aud", audience);
	cJSON_AddNumberToObject(c, "iat", (double)now);
	cJSON_AddNumberToObject(c, "exp", (double)(now + 3600));
	char *hb = b64_json(h), *cb = b64_json(c);
	char *input = NULL, *jwt = NULL;
	unsigned char sig[1024];
	size_t sig_len = sizeof sig;
	if (hb && cb && (input = malloc(strlen(hb) + strlen(cb) + 2))) {
		sprintf(input, "%s.%s", hb, cb);
		if (ps256(key->private_key_pem, input, sig, &sig_len) == 0) {
			char *sb = api_base64url(sig, sig_len);
			size_t n = strlen(input) + (sb ? strlen(sb) : 0) + 2;
			if (sb && (jwt = malloc(n)))
				snprintf(jwt, n, "%s.%s", input, sb);
			free(sb);
		} else {
			key_fail(err, "private_key", "Не удалось подписать JWT ключом сервисного аккаунта (нужен RSA-ключ в PEM)",
				 "Could not sign the JWT with the service account key (an RSA key in PEM is needed)");
		}
	}
	free(hb);
	free(cb);
	free(input);
	if (!jwt && err && err->kind == YC_ERR_NONE)
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
	return jwt;
}
