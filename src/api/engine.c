/* engine.c — the life of one transfer on the multi handle, a small state machine:
 *
 *   queued (timer or token) -> running -> [401: new token, once] -> [retry after a delay] -> done
 *
 * loop.c drives the handle; a job (what api.h calls a request) owns its transfers.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api_int.h"

#define DEFAULT_CONNECT_MS 10000L
#define DEFAULT_TOTAL_MS 60000L

static long total_ms(const struct api *api)
{
	return api->cfg.total_timeout_ms > 0 ? api->cfg.total_timeout_ms : DEFAULT_TOTAL_MS;
}

/* ---------- the life of a transfer ---------- */

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct api_xfer *x = ud;
	return api_buf_add(&x->resp, p, size * n) == 0 ? size * n : 0;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct api_xfer *x = ud;
	size_t len = size * n;
	char line[256];
	size_t l = len < sizeof line - 1 ? len : sizeof line - 1;
	memcpy(line, p, l);
	line[l] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strncasecmp(line, "x-request-id:", 13) == 0) {
		const char *v = line + 13 + strspn(line + 13, " \t");
		snprintf(x->request_id, sizeof x->request_id, "%s", v);
	} else if (strncasecmp(line, "retry-after:", 12) == 0) {
		char *end;
		long s = strtol(line + 12, &end, 10);
		x->retry_after_s = end != line + 12 && s >= 0 ? s : 1; /* an HTTP date: wait a second */
	}
	return len;
}

void api_xfer_release(struct api *api, struct api_xfer *x)
{
	if (x->easy) {
		curl_multi_remove_handle(api->multi, x->easy);
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
	}
	curl_slist_free_all(x->headers);
	x->headers = NULL;
	x->running = false;
}

static void xfer_set_options(struct api *api, struct api_xfer *x, CURL *e)
{
	const struct api_config *c = &api->cfg;
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https"); /* never downgrade on a redirect */
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	if (c->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, c->ca_file);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms > 0 ? c->connect_timeout_ms
									       : DEFAULT_CONNECT_MS);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, total_ms(api));
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)API_BODY_MAX);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "ycfn/0.1");
	if (strcmp(x->method, "POST") == 0) {
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_len);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->body ? x->body : "");
	} else if (strcmp(x->method, "GET") != 0) {
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, x->method);
	}
	if (x->auth == API_AUTH_BEARER) {
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER);
		curl_easy_setopt(e, CURLOPT_XOAUTH2_BEARER, api->tok.value);
	} else if (x->auth == API_AUTH_SIGV4) {
		curl_easy_setopt(e, CURLOPT_AWS_SIGV4, "aws:amz:ru-central1:sqs");
		curl_easy_setopt(e, CURLOPT_USERNAME, c->aws_access_key_id);
		curl_easy_setopt(e, CURLOPT_PASSWORD, c->aws_secret_access_key);
	}
	/* curl 7.88 signs every listed header into SigV4, even a removed one ("Expect:" with no
	 * value) that it never sends — the server's signature would then differ. Bodies to Message
	 * Queue are small, so no Expect: 100-continue is sent for them anyway. */
	struct curl_slist *h = NULL;
	if (x->auth != API_AUTH_SIGV4) {
		h = curl_slist_append(h, "Expect:");
		h = curl_slist_append(h, "Accept: application/json");
	}
	char line[128];
	if (x->content_type) {
		snprintf(line, sizeof line, "Content-Type: %s", x->content_type);
		h = curl_slist_append(h, line);
	}
	if (x->metadata_flavor)
		h = curl_slist_append(h, "Metadata-Flavor: Google");
	if (x->idem_key) {
		snprintf(line, sizeof line, "Idempotency-Key: %s", x->idem_key);
		h = curl_slist_append(h, line);
	}
	x->headers = h;
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
}

static void xfer_fail_early(struct api_xfer *x, const struct yc_error *err)
{
	x->has_early_err = true;
	x->early_err = *err;
}

/* Sends the transfer now, or parks it until there is a token. */
static void xfer_start(struct api *api, struct api_xfer *x)
{
	x->not_before_ms = 0;
	if (x->auth == API_AUTH_BEARER && !api_auth_ready(api)) {
		if (api->tok.none || (!api->tok.fetching && api->tok.err.kind != YC_ERR_NONE))
			xfer_fail_early(x, &api->tok.err);
		else
			x->waiting_token = true;
		return;
	}
	CURL *e = curl_easy_init();
	if (!e) {
		struct yc_error err;
		yc_error_clear(&err);
		api_error_from_curl(CURLE_OUT_OF_MEMORY, false, false, x->url, &err);
		xfer_fail_early(x, &err);
		return;
	}
	x->token_gen = api->tok.gen;
	api_buf_free(&x->resp);
	x->resp.max = API_BODY_MAX;
	x->status = 0;
	x->retry_after_s = 0;
	x->request_id[0] = '\0';
	x->attempt++;
	x->started_ms = api_now_ms();
	if (!x->first_ms)
		x->first_ms = x->started_ms;
	xfer_set_options(api, x, e);
	x->easy = e;
	x->running = true;
	api->stats.requests++;
	if (curl_multi_add_handle(api->multi, e) != CURLM_OK) {
		struct yc_error err;
		yc_error_clear(&err);
		api_error_from_curl(CURLE_FAILED_INIT, false, false, x->url, &err);
		api_xfer_release(api, x);
		xfer_fail_early(x, &err);
	}
}

static char *copy_body(const char *body, size_t len)
{
	char *b = malloc(len + 1);
	if (b) {
		memcpy(b, body, len);
		b[len] = '\0';
	}
	return b;
}

struct api_xfer *api_xfer_submit(struct api *api, struct api_job *job, const char *method, const char *url,
				 const char *body, size_t body_len, enum api_auth auth, api_xfer_done_fn done)
{
	struct api_xfer *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->api = api;
	x->job = job;
	x->call = job ? job->res.call : API_CALL_TOKEN;
	x->method = strdup(method);
	x->url = strdup(url);
	x->body = body ? copy_body(body, body_len) : NULL;
	x->body_len = body ? body_len : 0;
	x->auth = auth;
	x->done = done;
	x->retry = strcmp(method, "GET") == 0 ? API_RETRY_IDEMPOTENT : API_RETRY_NEVER;
	x->want_json = true;
	x->next = api->xfers;
	api->xfers = x;
	if (job)
		job->pending++;
	if (!x->method || !x->url || (body && !x->body)) {
		struct yc_error err;
		yc_error_clear(&err);
		yc_error_set(&err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
		xfer_fail_early(x, &err);
	} else {
		/* started from the next api_step, once the caller has set its headers */
		int64_t now = api_now_ms();
		x->not_before_ms = now > 0 ? now : 1;
	}
	return x;
}

void api_xfer_delay(struct api_xfer *x, int64_t at)
{
	if (x && !x->running && !x->has_early_err && at > x->not_before_ms)
		x->not_before_ms = at;
}

/* The transfer is over for good: hand the outcome to its job. */
static void xfer_finish(struct api *api, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	api_xfer_release(api, x);
	x->dead = true;
	if (x->job) {
		x->job->pending--;
		if (x->job->finished)
			return; /* cancelled meanwhile */
	}
	x->done(x->job, x, err, json);
}

static bool try_again(struct api *api, struct api_xfer *x, const struct yc_error *err)
{
	int max = api->cfg.max_attempts > 0 ? api->cfg.max_attempts : 4;
	if (x->resp.too_big || x->attempt >= max || !api_retry_wanted(x->retry, err))
		return false;
	long base = api->cfg.retry_base_ms > 0 ? api->cfg.retry_base_ms : 250;
	long delay = api_retry_delay_ms(base, x->attempt + 1, x->retry_after_s);
	int64_t now = api_now_ms();
	if (now + delay - x->first_ms > total_ms(api))
		return false; /* the whole budget of the request would be spent */
	api_xfer_release(api, x);
	x->not_before_ms = now + delay;
	api->stats.retries++;
	return true;
}

/* curl says the transfer is over: classify, then refresh the token, retry or deliver. */
static void xfer_completed(struct api *api, struct api_xfer *x, CURLcode rc)
{
	struct yc_error err;
	yc_error_clear(&err);
	cJSON *json = NULL;
	long conns = 0, sent = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->status);
	curl_easy_getinfo(x->easy, CURLINFO_NUM_CONNECTS, &conns);
	curl_easy_getinfo(x->easy, CURLINFO_REQUEST_SIZE, &sent); /* > 0: the request went out */
	api->stats.connections += (unsigned long)conns;
	if (rc == CURLE_FILESIZE_EXCEEDED || rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_TOO_MANY_REDIRECTS)
		x->resp.too_big = true; /* too large, or a redirect we refuse: the same again, never retried */
	if (rc != CURLE_OK) {
		api_error_from_curl(rc, x->status > 0 || sent > 0, x->resp.too_big, x->url, &err);
		api_error_for_call(x->call, &err);
	} else if (x->status >= 400 || x->status < 200) {
		api_error_from_http(x->call, x->job && x->job->sa_involved, x->status, x->resp.data, x->resp.len,
				    x->request_id, &err);
		api_error_retry_after(&err, x->retry_after_s);
	} else if (x->want_json && model_json_parse(x->resp.data ? x->resp.data : "", x->resp.len, &json, &err) != 0) {
		api_error_bad_answer(x->call, &err);
	}
	if (err.kind != YC_ERR_NONE && !err.request_id[0] && x->request_id[0])
		snprintf(err.request_id, sizeof err.request_id, "%s", x->request_id);
	api_log_xfer(api, x, &err, api_now_ms() - x->started_ms);

	if (err.kind == YC_ERR_AUTH && x->status == 401 && x->auth == API_AUTH_BEARER && !x->auth_retried &&
	    api->tok.renewable) {
		x->auth_retried = true;
		api_auth_invalidate(api, x->token_gen);
		api_xfer_release(api, x);
		api->stats.retries++;
		xfer_start(api, x);
	} else if (err.kind != YC_ERR_NONE && try_again(api, x, &err)) {
		/* parked until its time comes */
	} else {
		xfer_finish(api, x, &err, json);
	}
	cJSON_Delete(json);
}

void api_engine_token_done(struct api *api)
{
	for (struct api_xfer *x = api->xfers; x; x = x->next) {
		if (x->dead || !x->waiting_token)
			continue;
		x->waiting_token = false;
		if (api_auth_failed(api))
			xfer_fail_early(x, api_auth_error(api));
		else
			xfer_start(api, x);
	}
}

void api_engine_read_done(struct api *api)
{
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(api->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct api_xfer *x = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		CURLcode rc = m->data.result;
		if (x && !x->dead && x->running)
			xfer_completed(api, x, rc);
	}
}

/* Timers that came due and transfers that failed before being sent. */
void api_engine_run_timers(struct api *api)
{
	int64_t now = api_now_ms();
	for (struct api_xfer *x = api->xfers; x; x = x->next) {
		if (x->dead || x->running || x->waiting_token)
			continue;
		if (x->has_early_err) {
			x->has_early_err = false;
			xfer_finish(api, x, &x->early_err, NULL);
		} else if (x->not_before_ms && x->not_before_ms <= now) {
			xfer_start(api, x);
		}
	}
}
