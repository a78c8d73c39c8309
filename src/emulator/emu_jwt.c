/* emu_jwt.c — the seeded service-account authorized key (an RSA key made once per process) and
 * the JWT exchange: PS256 (RSA-PSS, SHA-256, salt = hash length) checked against its public
 * key, plus kid, iss, aud, iat and exp (exp - iat <= 3600) like IAM does. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "emulator/emu_internal.h"
#include "emulator/emu_validate.h"

#define SA_KEY_ID "ajedemo0sakey0ycfn01"
#define JWT_AUDIENCE "https://iam.api.cloud.yandex.net/iam/v1/tokens"
#define JWT_MAX 16384

/* Made once: RSA key generation is slow, and every emulator of a process may share it. */
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static char *g_priv_pem, *g_pub_pem;

static char *bio_string(BIO *b)
{
	char *data = NULL;
	long n = BIO_get_mem_data(b, &data);
	char *s = n > 0 ? malloc((size_t)n + 1) : NULL;
	if (s) {
		memcpy(s, data, (size_t)n);
		s[n] = '\0';
	}
	return s;
}

static void make_key(void)
{
	EVP_PKEY *k = EVP_RSA_gen(2048);
	if (!k)
		return;
	BIO *priv = BIO_new(BIO_s_mem()), *pub = BIO_new(BIO_s_mem());
	if (priv && pub && PEM_write_bio_PrivateKey(priv, k, NULL, NULL, 0, NULL, NULL) &&
	    PEM_write_bio_PUBKEY(pub, k)) {
		g_priv_pem = bio_string(priv);
		g_pub_pem = bio_string(pub);
	}
	BIO_free(priv);
	BIO_free(pub);
	EVP_PKEY_free(k);
}

static EVP_PKEY *key_from_pem(const char *pem)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	return k;
}

/* The key of a state file wins over the process's own (see emu_state.c). */
int emu_sa_key_set(struct emu *emu, const char *priv_pem, const char *pub_pem)
{
	EVP_PKEY *k = key_from_pem(priv_pem);
	char *a = strdup(priv_pem), *b = strdup(pub_pem);
	if (!k || !a || !b) {
		EVP_PKEY_free(k);
		free(a);
		free(b);
		return -1;
	}
	emu_sa_key_free(emu);
	emu->sa_pkey = k;
	emu->sa_priv_pem = a;
	emu->sa_pub_pem = b;
	return 0;
}

int emu_sa_key_init(struct emu *emu)
{
	pthread_once(&key_once, make_key);
	snprintf(emu->sa_key_id, sizeof(emu->sa_key_id), "%s", SA_KEY_ID);
	if (!g_priv_pem || !g_pub_pem)
		return -1;
	return emu_sa_key_set(emu, g_priv_pem, g_pub_pem);
}

void emu_sa_key_free(struct emu *emu)
{
	EVP_PKEY_free(emu->sa_pkey);
	free(emu->sa_priv_pem);
	free(emu->sa_pub_pem);
	emu->sa_pkey = NULL;
	emu->sa_priv_pem = emu->sa_pub_pem = NULL;
}

cJSON *emu_sa_key_json(const struct emu *emu)
{
	cJSON *o = cJSON_CreateObject();
	char created[40];
	emu_rfc3339(1709283600000LL, created);
	cJSON_AddStringToObject(o, "id", emu->sa_key_id);
	cJSON_AddStringToObject(o, "service_account_id", emu->sa_id);
	cJSON_AddStringToObject(o, "created_at", created);
	cJSON_AddStringToObject(o, "key_algorithm", "RSA_2048");
	cJSON_AddStringToObject(o, "public_key", emu->sa_pub_pem ? emu->sa_pub_pem : "");
	struct emu_buf b = {0};
	emu_buf_printf(&b, "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <%s>\n%s", emu->sa_key_id,
		       emu->sa_priv_pem ? emu->sa_priv_pem : "");
	cJSON_AddStringToObject(o, "private_key", b.buf ? b.buf : "");
	emu_buf_free(&b);
	return o;
}

static cJSON *decode_part(const char *s, size_t n)
{
	unsigned char *raw = NULL;
	size_t len = 0;
	if (emu_base64url_decode(s, n, &raw, &len))
		return NULL;
	cJSON *j = cJSON_ParseWithLength((const char *)raw, len);
	free(raw);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return NULL;
	}
	return j;
}

static int verify_ps256(EVP_PKEY *key, const char *data, size_t n, const unsigned char *sig, size_t sig_n)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	int ok = ctx && EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), NULL, key) == 1 &&
		 EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
		 EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
		 EVP_DigestVerify(ctx, sig, sig_n, (const unsigned char *)data, n) == 1;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

static bool aud_ok(const cJSON *aud)
{
	if (cJSON_IsString(aud))
		return !strcmp(aud->valuestring, JWT_AUDIENCE);
	const cJSON *a;
	cJSON_ArrayForEach(a, aud) {
		if (cJSON_IsString(a) && !strcmp(a->valuestring, JWT_AUDIENCE))
			return true;
	}
	return false;
}

static int check_claims(struct emu *emu, const cJSON *hdr, const cJSON *cl, const char **why)
{
	const cJSON *alg = cJSON_GetObjectItemCaseSensitive(hdr, "alg");
	const cJSON *kid = cJSON_GetObjectItemCaseSensitive(hdr, "kid");
	const cJSON *iss = cJSON_GetObjectItemCaseSensitive(cl, "iss");
	long long iat, exp, now = emu_now_ms() / 1000;
	if (!cJSON_IsString(alg) || strcmp(alg->valuestring, "PS256"))
		return *why = "alg must be PS256", -1;
	if (!cJSON_IsString(kid) || strcmp(kid->valuestring, emu->sa_key_id))
		return *why = "unknown key id (kid)", -1;
	if (!cJSON_IsString(iss) || strcmp(iss->valuestring, emu->sa_id))
		return *why = "iss is not the service account of this key", -1;
	if (!aud_ok(cJSON_GetObjectItemCaseSensitive(cl, "aud")))
		return *why = "aud must be " JWT_AUDIENCE, -1;
	if (emu_json_int64(cJSON_GetObjectItemCaseSensitive(cl, "iat"), &iat) ||
	    emu_json_int64(cJSON_GetObjectItemCaseSensitive(cl, "exp"), &exp))
		return *why = "iat and exp are required", -1;
	if (exp <= iat || exp - iat > 3600)
		return *why = "exp - iat must be at most 3600 seconds", -1;
	if (exp < now)
		return *why = "the JWT has expired", -1;
	if (iat > now + 300)
		return *why = "iat is in the future", -1;
	return 0;
}

int emu_jwt_verify(struct emu *emu, const char *jwt, char *subject, size_t subject_n, const char **why)
{
	size_t n = strlen(jwt);
	const char *d1 = strchr(jwt, '.');
	const char *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	*why = "not a JWT (header.claims.signature)";
	if (n > JWT_MAX || !d1 || !d2 || strchr(d2 + 1, '.'))
		return -1;
	cJSON *hdr = decode_part(jwt, (size_t)(d1 - jwt));
	cJSON *cl = decode_part(d1 + 1, (size_t)(d2 - d1 - 1));
	unsigned char *sig = NULL;
	size_t sig_n = 0;
	int rc = -1;
	if (!hdr || !cl || emu_base64url_decode(d2 + 1, strlen(d2 + 1), &sig, &sig_n))
		goto out;
	if (check_claims(emu, hdr, cl, why))
		goto out;
	if (!emu->sa_pkey || verify_ps256(emu->sa_pkey, jwt, (size_t)(d2 - jwt), sig, sig_n)) {
		*why = "the signature does not verify (PS256 with the key's public key)";
		goto out;
	}
	snprintf(subject, subject_n, "%s", emu->sa_id);
	rc = 0;
out:
	free(sig);
	cJSON_Delete(hdr);
	cJSON_Delete(cl);
	return rc;
}
