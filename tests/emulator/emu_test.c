/* emu_test.c — see emu_test.h. */
#include "emu_test.h"

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BODY_CAP (80u * 1024u * 1024u)

struct emu *th_start(const struct emu_options *o)
{
	struct emu_options def = {.quiet = true, .seed = 1};
	struct yc_error err;
	struct emu *emu = emu_start(o ? o : &def, &err);
	if (!emu)
		fail_msg("emu_start: %s", err.what_en);
	return emu;
}

static size_t on_body(char *p, size_t size, size_t n, void *cls)
{
	struct th_resp *r = cls;
	size_t len = size * n;
	if (r->len + len > BODY_CAP)
		return 0;
	if (r->len + len + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 4096;
		while (cap < r->len + len + 1)
			cap *= 2;
		char *b = realloc(r->body, cap);
		if (!b)
			return 0;
		r->body = b;
		r->cap = cap;
	}
	memcpy(r->body + r->len, p, len);
	r->len += len;
	r->body[r->len] = '\0';
	return len;
}

static void header_value(const char *line, size_t n, const char *name, char *out, size_t out_n)
{
	size_t k = strlen(name);
	if (n <= k + 1 || strncasecmp(line, name, k) || line[k] != ':')
		return;
	const char *v = line + k + 1;
	while (*v == ' ')
		v++;
	size_t len = n - (size_t)(v - line);
	while (len && (v[len - 1] == '\r' || v[len - 1] == '\n'))
		len--;
	snprintf(out, out_n, "%.*s", (int)len, v);
}

static size_t on_header(char *p, size_t size, size_t n, void *cls)
{
	struct th_resp *r = cls;
	header_value(p, size * n, "x-request-id", r->request_id, sizeof(r->request_id));
	header_value(p, size * n, "Retry-After", r->retry_after, sizeof(r->retry_after));
	header_value(p, size * n, "Content-Type", r->content_type, sizeof(r->content_type));
	return size * n;
}

int th_http(const char *method, const char *url, const char *token, const char *body, const char *const *headers,
	    long timeout_ms, struct th_resp *out)
{
	memset(out, 0, sizeof(*out));
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	char auth[512];
	if (token) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
	}
	if (body)
		h = curl_slist_append(h, "Content-Type: application/json");
	for (int i = 0; headers && headers[i]; i++)
		h = curl_slist_append(h, headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms ? timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	out->curl = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (out->body)
		out->json = cJSON_Parse(out->body);
	return out->curl == CURLE_OK ? 0 : -1;
}

void th_resp_free(struct th_resp *r)
{
	free(r->body);
	cJSON_Delete(r->json);
	memset(r, 0, sizeof(*r));
}

static struct th_resp request(struct emu *emu, const char *method, const char *path, const char *token,
			      const char *body)
{
	char url[2048];
	struct th_resp r;
	snprintf(url, sizeof(url), "%s%s", emu_url(emu), path);
	th_http(method, url, token, body, NULL, 0, &r);
	return r;
}

struct th_resp th_get(struct emu *emu, const char *path, const char *token)
{
	return request(emu, "GET", path, token, NULL);
}

struct th_resp th_post(struct emu *emu, const char *path, const char *token, const char *body)
{
	return request(emu, "POST", path, token, body);
}

char *th_token(struct emu *emu)
{
	char body[256];
	snprintf(body, sizeof(body), "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	struct th_resp r = th_post(emu, "/iam/v1/tokens", NULL, body);
	assert_int_equal(r.status, 200);
	char *t = strdup(th_str(r.json, "iamToken"));
	assert_true(strlen(t) > 20);
	th_resp_free(&r);
	return t;
}

const char *th_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

void th_control(struct emu *emu, const char *method, const char *path, const char *body)
{
	struct th_resp r = request(emu, method, path, NULL, body);
	if (r.status != 200)
		fail_msg("%s %s: HTTP %ld %s", method, path, r.status, r.body ? r.body : "");
	th_resp_free(&r);
}

double th_stat(struct emu *emu, const char *key)
{
	struct th_resp r = th_get(emu, "/_emu/stats", NULL);
	assert_int_equal(r.status, 200);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r.json, key);
	double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
	th_resp_free(&r);
	return d;
}

long long th_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void th_sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

char *th_tmpdir(void)
{
	char tmpl[] = "/tmp/ycfn-emu-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* nftw, not rm -rf through a shell: no command processor, no quoting of the path */
void th_rmdir(const char *dir)
{
	if (nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

struct th_resp th_sqs(struct emu *emu, const char *form, const char *key, const char *secret)
{
	struct th_resp r;
	memset(&r, 0, sizeof(r));
	CURL *h = curl_easy_init();
	char url[256], userpwd[256];
	snprintf(url, sizeof(url), "%s/", emu_url(emu));
	struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	if (key) {
		snprintf(userpwd, sizeof(userpwd), "%s:%s", key, secret);
		curl_easy_setopt(h, CURLOPT_AWS_SIGV4, "aws:amz:ru-central1:sqs");
		curl_easy_setopt(h, CURLOPT_USERPWD, userpwd);
	}
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	r.curl = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	return r;
}

void th_between(const char *s, const char *tag, char *out, size_t n)
{
	char open[64], close[64];
	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	const char *a = strstr(s, open);
	assert_non_null(a);
	a += strlen(open);
	const char *b = strstr(a, close);
	assert_non_null(b);
	snprintf(out, n, "%.*s", (int)(b - a), a);
}

/* Undoes the five XML escapes. */
void th_xml_unescape(char *s)
{
	static const struct {
		const char *from;
		char to;
	} map[] = {{"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}};
	char *o = s;
	for (char *p = s; *p;) {
		size_t i = 0;
		for (; i < 5; i++)
			if (!strncmp(p, map[i].from, strlen(map[i].from)))
				break;
		if (i < 5) {
			*o++ = map[i].to;
			p += strlen(map[i].from);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
}

int th_setup_with_token(void **state)
{
	struct th_ctx *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	c->emu = th_start(NULL);
	c->token = th_token(c->emu);
	*state = c;
	return 0;
}

int th_teardown_with_token(void **state)
{
	struct th_ctx *c = *state;
	emu_stop(c->emu);
	free(c->token);
	free(c);
	return 0;
}

void th_function_id(struct th_ctx *c, const char *folder, const char *name, char out[32])
{
	char path[256];
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&filter=name%%3D%%22%s%%22", folder, name);
	struct th_resp r = th_get(c->emu, path, c->token);
	assert_int_equal(r.status, 200);
	snprintf(out, 32, "%s", th_str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r.json, "functions"), 0), "id"));
	assert_int_equal(strlen(out), 20);
	th_resp_free(&r);
}
