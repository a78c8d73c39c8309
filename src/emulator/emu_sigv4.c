/* emu_sigv4.c — checks the AWS Signature Version 4 of a Message Queue request against the
 * seeded static key (HMAC-SHA256 via OpenSSL), the way YMQ does: region ru-central1,
 * service sqs. Works with what libcurl's CURLOPT_AWS_SIGV4 "aws:amz:ru-central1:sqs" sends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "emulator/emu_internal.h"

struct sigv4_auth {
	char key_id[128], date[16], region[32], service[32];
	char signed_headers[512];
	char signature[80];
};

/* "AWS4-HMAC-SHA256 Credential=K/D/R/S/aws4_request, SignedHeaders=a;b, Signature=hex" */
static int parse_auth(const char *h, struct sigv4_auth *a)
{
	memset(a, 0, sizeof(*a));
	if (strncmp(h, "AWS4-HMAC-SHA256 ", 17) || strlen(h) > 2048)
		return -1;
	const char *cred = strstr(h, "Credential="), *sh = strstr(h, "SignedHeaders="), *sig = strstr(h, "Signature=");
	if (!cred || !sh || !sig)
		return -1;
	char scope[400];
	size_t n = strcspn(cred + 11, ", ");
	if (n >= sizeof(scope))
		return -1;
	memcpy(scope, cred + 11, n);
	scope[n] = '\0';
	char *parts[5];
	char *save = NULL, *p = strtok_r(scope, "/", &save);
	int k = 0;
	for (; p && k < 5; p = strtok_r(NULL, "/", &save))
		parts[k++] = p;
	if (k != 5 || p || strcmp(parts[4], "aws4_request") || strlen(parts[0]) >= sizeof(a->key_id) ||
	    strlen(parts[1]) != 8 || strlen(parts[2]) >= sizeof(a->region) || strlen(parts[3]) >= sizeof(a->service))
		return -1;
	snprintf(a->key_id, sizeof(a->key_id), "%s", parts[0]);
	snprintf(a->date, sizeof(a->date), "%s", parts[1]);
	snprintf(a->region, sizeof(a->region), "%s", parts[2]);
	snprintf(a->service, sizeof(a->service), "%s", parts[3]);
	n = strcspn(sh + 14, ", ");
	if (n == 0 || n >= sizeof(a->signed_headers))
		return -1;
	memcpy(a->signed_headers, sh + 14, n);
	n = strcspn(sig + 10, ", ");
	if (n != 64)
		return -1;
	memcpy(a->signature, sig + 10, n);
	return 0;
}

static void sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char md[32];
	unsigned int len = 0;
	EVP_Digest(data, n, md, &len, EVP_sha256(), NULL);
	emu_hex(md, 32, out);
}

static void hmac(const void *key, size_t key_n, const char *msg, unsigned char out[32])
{
	unsigned int len = 32;
	HMAC(EVP_sha256(), key, (int)key_n, (const unsigned char *)msg, strlen(msg), out, &len);
}

/* Header values: trimmed, inner runs of spaces collapsed to one. */
static void add_canonical_value(struct emu_buf *b, const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	bool space = false;
	for (; *v; v++) {
		if (*v == ' ' || *v == '\t') {
			space = true;
			continue;
		}
		if (space)
			emu_buf_add(b, " ", 1);
		space = false;
		emu_buf_add(b, v, 1);
	}
}

static void aws_encode(struct emu_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c))
			emu_buf_add(b, s, 1);
		else
			emu_buf_printf(b, "%%%02X", c);
	}
}

struct qparam {
	char *k, *v;
};
struct qlist {
	struct qparam items[64];
	int n;
};

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct qlist *q = cls;
	if (q->n < 64) {
		struct emu_buf kb = {0}, vb = {0};
		aws_encode(&kb, key);
		emu_buf_add(&kb, "", 0);
		aws_encode(&vb, value ? value : "");
		emu_buf_add(&vb, "", 0);
		q->items[q->n].k = kb.buf;
		q->items[q->n].v = vb.buf;
		q->n++;
	}
	return MHD_YES;
}

static int qparam_cmp(const void *a, const void *b)
{
	const struct qparam *x = a, *y = b;
	int c = strcmp(x->k, y->k);
	return c ? c : strcmp(x->v, y->v);
}

static void canonical_query(const struct emu_req *r, struct emu_buf *b)
{
	struct qlist q = {0};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_query, &q);
	qsort(q.items, (size_t)q.n, sizeof(q.items[0]), qparam_cmp);
	for (int i = 0; i < q.n; i++) {
		emu_buf_printf(b, "%s%s=%s", i ? "&" : "", q.items[i].k, q.items[i].v);
		free(q.items[i].k);
		free(q.items[i].v);
	}
}

static int canonical_request(const struct emu_req *r, const struct sigv4_auth *a, struct emu_buf *b)
{
	emu_buf_printf(b, "%s\n", r->method);
	for (const char *p = r->path; *p; p++) {
		if (*p == '/')
			emu_buf_add(b, "/", 1);
		else {
			char one[2] = {*p, 0};
			aws_encode(b, one);
		}
	}
	emu_buf_add(b, "\n", 1);
	canonical_query(r, b);
	emu_buf_add(b, "\n", 1);
	char names[512];
	snprintf(names, sizeof(names), "%s", a->signed_headers);
	char *save = NULL;
	for (char *h = strtok_r(names, ";", &save); h; h = strtok_r(NULL, ";", &save)) {
		const char *v = emu_req_header(r, h);
		if (!v)
			return -1;
		emu_buf_printf(b, "%s:", h);
		add_canonical_value(b, v);
		emu_buf_add(b, "\n", 1);
	}
	emu_buf_printf(b, "\n%s\n", a->signed_headers);
	const char *payload = emu_req_header(r, "x-amz-content-sha256");
	char hash[65];
	if (!payload) {
		sha256_hex(r->body.buf ? r->body.buf : "", r->body.len, hash);
		payload = hash;
	}
	emu_buf_printf(b, "%s", payload);
	return 0;
}

int emu_sigv4_verify(struct emu_req *r, const char **code, const char **why)
{
	const char *h = emu_req_header(r, "Authorization");
	struct sigv4_auth a;
	*code = "MissingAuthenticationToken";
	*why = "Request is missing Authentication Token (an AWS Signature Version 4 Authorization header)";
	if (!h)
		return -1;
	*code = "IncompleteSignature";
	*why = "The request signature does not conform to AWS Signature Version 4";
	if (parse_auth(h, &a))
		return -1;
	*code = "InvalidClientTokenId";
	*why = "The security token included in the request is invalid (unknown access key id)";
	if (strcmp(a.key_id, emu_demo_aws_key_id()))
		return -1;
	const char *amz_date = emu_req_header(r, "x-amz-date");
	*code = "IncompleteSignature";
	*why = "The request must carry X-Amz-Date, for the region ru-central1 and the service sqs";
	if (!amz_date || strlen(amz_date) != 16 || strncmp(amz_date, a.date, 8) || strcmp(a.region, "ru-central1") ||
	    strcmp(a.service, "sqs"))
		return -1;
	struct emu_buf creq = {0};
	int bad = canonical_request(r, &a, &creq);
	char creq_hash[65];
	sha256_hex(creq.buf ? creq.buf : "", creq.len, creq_hash);
	emu_buf_free(&creq);
	char sts[512], secret[128];
	snprintf(sts, sizeof(sts), "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s", amz_date, a.date, a.region,
		 a.service, creq_hash);
	snprintf(secret, sizeof(secret), "AWS4%s", emu_demo_aws_secret());
	unsigned char k1[32], k2[32], k3[32], k4[32], sig[32];
	hmac(secret, strlen(secret), a.date, k1);
	hmac(k1, 32, a.region, k2);
	hmac(k2, 32, a.service, k3);
	hmac(k3, 32, "aws4_request", k4);
	hmac(k4, 32, sts, sig);
	char hex[65];
	emu_hex(sig, 32, hex);
	*code = "SignatureDoesNotMatch";
	*why = "The request signature we calculated does not match the signature you provided";
	if (bad || CRYPTO_memcmp(hex, a.signature, 64))
		return -1;
	return 0;
}
