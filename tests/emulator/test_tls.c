/* test_tls.c — HTTPS with --tls-cert/--tls-key: a self-signed certificate made here with
 * OpenSSL is trusted when given as the CA, and refused otherwise. */
#include "emu_test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static void make_cert(const char *cert_path, const char *key_path)
{
	EVP_PKEY *key = EVP_RSA_gen(2048);
	X509 *x = X509_new();
	assert_non_null(key);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), -60);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, key);
	X509_NAME *name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"127.0.0.1", -1, -1, 0);
	X509_set_issuer_name(x, name);
	X509V3_CTX v3;
	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, "IP:127.0.0.1");
	X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	ext = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints, "critical,CA:TRUE");
	X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	assert_true(X509_sign(x, key, EVP_sha256()) > 0);
	FILE *f = fopen(cert_path, "w");
	PEM_write_X509(f, x);
	fclose(f);
	f = fopen(key_path, "w");
	PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	X509_free(x);
	EVP_PKEY_free(key);
}

static CURLcode get(const char *url, const char *ca, long *status)
{
	CURL *h = curl_easy_init();
	FILE *devnull = fopen("/dev/null", "w");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, devnull);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
	if (ca)
		curl_easy_setopt(h, CURLOPT_CAINFO, ca);
	CURLcode rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(h);
	fclose(devnull);
	return rc;
}

static void test_https(void **state)
{
	(void)state;
	char *dir = th_tmpdir();
	char cert[512], key[512], url[256];
	snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	make_cert(cert, key);
	struct emu_options o = {.quiet = true, .seed = 1, .tls_cert_file = cert, .tls_key_file = key};
	struct emu *emu = th_start(&o);
	assert_true(!strncmp(emu_url(emu), "https://127.0.0.1:", 18));
	snprintf(url, sizeof(url), "%s/functions/v1/runtimes", emu_url(emu));
	long status = 0;
	assert_int_equal(get(url, cert, &status), CURLE_OK);
	assert_int_equal(status, 401); /* TLS worked; the route wants a token */
	assert_int_equal(get(url, NULL, &status), CURLE_PEER_FAILED_VERIFICATION);
	struct th_resp r = th_post(emu, "/iam/v1/tokens", NULL, "{}"); /* no CA given: refused */
	assert_int_not_equal(r.curl, CURLE_OK);
	th_resp_free(&r);
	emu_stop(emu);
	th_rmdir(dir);
	free(dir);
}

static void test_bad_tls_files(void **state)
{
	(void)state;
	struct emu_options o = {.quiet = true, .tls_cert_file = "/nonexistent/cert.pem", .tls_key_file = "/nonexistent/key.pem"};
	struct yc_error err;
	assert_null(emu_start(&o, &err));
	assert_non_null(strstr(err.what_en, "--tls-cert"));
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_https),
		cmocka_unit_test(test_bad_tls_files),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
