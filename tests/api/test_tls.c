/* test_tls.c — quality.md's "TLS" row: the emulator serves HTTPS with a certificate from a CA
 * this test makes; without that CA (or with another) the api refuses it with a TLS error that
 * points at --ca-file, with it the calls go through. There is no switch to turn checking off. */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static char *dir;
static char ca_path[400], other_ca_path[400], cert_path[400], key_path[400];
static struct emu *emu;

static void add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	assert_non_null(ext);
	X509_add_ext(cert, ext, -1);
	X509_EXTENSION_free(ext);
}

/* A certificate for key: a CA when issuer is NULL (self-signed), else a server cert for 127.0.0.1. */
static X509 *make_cert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuer_key, long serial)
{
	X509 *x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, key);
	X509_NAME *n = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	if (!issuer) {
		add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE");
		add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else {
		add_ext(x, issuer, NID_basic_constraints, "CA:FALSE");
		add_ext(x, issuer, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
		add_ext(x, issuer, NID_ext_key_usage, "serverAuth");
	}
	assert_true(X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256()) > 0);
	return x;
}

static void write_cert(const char *path, X509 *x)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	PEM_write_X509(f, x);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	dir = t_tmpdir();
	snprintf(ca_path, sizeof ca_path, "%s/ca.pem", dir);
	snprintf(other_ca_path, sizeof other_ca_path, "%s/other-ca.pem", dir);
	snprintf(cert_path, sizeof cert_path, "%s/server.pem", dir);
	snprintf(key_path, sizeof key_path, "%s/server.key", dir);
	EVP_PKEY *ca_key = EVP_RSA_gen(2048), *other_key = EVP_RSA_gen(2048), *srv_key = EVP_RSA_gen(2048);
	X509 *ca = make_cert(ca_key, "ycfn test CA", NULL, NULL, 1);
	X509 *other = make_cert(other_key, "ycfn other CA", NULL, NULL, 2);
	X509 *srv = make_cert(srv_key, "127.0.0.1", ca, ca_key, 3);
	write_cert(ca_path, ca);
	write_cert(other_ca_path, other);
	write_cert(cert_path, srv);
	FILE *f = fopen(key_path, "w");
	assert_non_null(f);
	PEM_write_PrivateKey(f, srv_key, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	X509_free(ca);
	X509_free(other);
	X509_free(srv);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(other_key);
	EVP_PKEY_free(srv_key);
	struct emu_options o = {.quiet = true, .tls_cert_file = cert_path, .tls_key_file = key_path};
	emu = t_emu(&o);
	assert_true(strncmp(emu_url(emu), "https://", 8) == 0);
	setenv("T_CA_FILE", ca_path, 1); /* the test's own control client */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_stop_and_remove(emu, dir);
	return 0;
}

static struct api_result call_with_ca(const char *ca)
{
	struct api_config c;
	t_config(&c, emu);
	c.ca_file = ca ? strdup(ca) : NULL;
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	assert_non_null(a);
	struct api_result r = {0};
	api_wait(a, api_list_runtimes(a, t_keep, &r));
	api_free(a);
	api_config_free(&c);
	return r;
}

static void untrusted_refused(void **state)
{
	(void)state;
	const char *cas[] = {NULL, other_ca_path};
	for (int i = 0; i < 2; i++) {
		cJSON_Delete(t_control(emu, "DELETE", "/_emu/log", NULL));
		struct api_result r = call_with_ca(cas[i]);
		fprintf(stderr, "  ca=%s -> %s\n", cas[i] ? "other" : "system", t_err(&r));
		assert_int_equal(r.err.kind, YC_ERR_TLS);
		assert_non_null(strstr(r.err.what_en, "not trusted"));
		assert_non_null(strstr(r.err.hint_en, "--ca-file"));
		assert_null(strstr(r.err.hint_en, "insecure"));
		/* refused before any request was sent: not even the token exchange */
		assert_int_equal(t_logged(emu, "POST", "/iam/v1/tokens"), 0);
		t_result_free(&r);
	}
}

static void right_ca_accepted(void **state)
{
	(void)state;
	struct api_result r = call_with_ca(ca_path);
	if (r.err.kind != YC_ERR_NONE)
		fail_msg("%s", t_err(&r));
	assert_true(r.u.runtimes.n > 0);
	t_result_free(&r);
}

static void ca_file_missing(void **state)
{
	(void)state;
	struct api_result r = call_with_ca("/nonexistent/ca.pem");
	assert_int_equal(r.err.kind, YC_ERR_TLS);
	assert_non_null(strstr(r.err.hint_en, "--ca-file"));
	t_result_free(&r);
}

/* A server that answers everything with a redirect to plain http. */
static int redirect_fd;
static int redirect_port;

static void *redirector(void *ud)
{
	(void)ud;
	for (int i = 0; i < 8; i++) {
		int c = accept(redirect_fd, NULL, NULL);
		if (c < 0)
			break;
		char buf[4096];
		size_t got = 0;
		while (got < sizeof buf - 1) {
			ssize_t r = read(c, buf + got, sizeof buf - 1 - got);
			if (r <= 0)
				break;
			got += (size_t)r;
			buf[got] = '\0';
			if (strstr(buf, "\r\n\r\n"))
				break;
		}
		char ans[256];
		int n = snprintf(ans, sizeof ans,
				 "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%d/elsewhere\r\n"
				 "Content-Length: 0\r\nConnection: close\r\n\r\n",
				 redirect_port);
		if (write(c, ans, (size_t)n) != n)
			fprintf(stderr, "redirector: short write\n");
		close(c);
	}
	return NULL;
}

/* redirects are followed to https only: a redirect to http is refused, once, with a clear error */
static void redirect_to_http_refused(void **state)
{
	(void)state;
	redirect_fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof sa;
	assert_int_equal(bind(redirect_fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(redirect_fd, 8), 0);
	assert_int_equal(getsockname(redirect_fd, (struct sockaddr *)&sa, &len), 0);
	redirect_port = ntohs(sa.sin_port);
	pthread_t th;
	pthread_create(&th, NULL, redirector, NULL);
	struct api_config c = {0};
	char url[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%d", redirect_port);
	c.endpoint = strdup(url);
	c.iam_token = strdup("t1.statictokenforredirecttest00000000");
	c.retry_base_ms = 5;
	struct yc_error err;
	struct api *a = api_new(&c, &err);
	struct api_result r = {0};
	api_wait(a, api_list_runtimes(a, t_keep, &r));
	fprintf(stderr, "  redirect to http -> %s\n", t_err(&r));
	assert_int_equal(r.err.kind, YC_ERR_NETWORK);
	assert_non_null(strstr(r.err.what_en, "redirect"));
	struct api_stats st;
	api_get_stats(a, &st);
	assert_int_equal(st.retries, 0);
	api_free(a);
	api_config_free(&c);
	shutdown(redirect_fd, SHUT_RDWR);
	close(redirect_fd);
	pthread_join(th, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(untrusted_refused),
		cmocka_unit_test(right_ca_accepted),
		cmocka_unit_test(ca_file_missing),
		cmocka_unit_test(redirect_to_http_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
