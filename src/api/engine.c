/* engine.c — one libcurl multi handle driven by the caller's loop (curl's socket interface, so
 * that api_poll is one poll() over curl's sockets and the caller's fds, and a signal shows as
 * EINTR). Each transfer is a small state machine:
 *
 *   queued (timer or token) -> running -> [401: new token, once] -> [retry after a delay] -> done
 *
 * Jobs (what api.h calls requests) own transfers; a job's callback runs only from api_step.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api/api_int.h"

#define DEFAULT_CONNECT_MS 10000L
#define DEFAULT_TOTAL_MS 60000L

static long total_ms(const struct api *api)
{
	return api->cfg.total_timeout_ms > 0 ? api->cfg.total_timeout_ms : DEFAULT_TOTAL_MS;
}

/* ---------- curl's sockets and timer ---------- */

static int on_socket(CURL *e, curl_socket_t fd, int what, void *ud, void *sockp)
{
	(void)e;
	(void)sockp;
	struct api *api = ud;
	size_t i = 0;
	while (i < api->n_socks && api->socks[i].fd != fd)
		i++;
	if (what == CURL_POLL_REMOVE) {
		if (i < api->n_socks)
			api->socks[i] = api->socks[--api->n_socks];
		return 0;
	}
	if (i == api->n_socks) {
		if (api->n_socks == api->cap_socks) {
			size_t cap = api->cap_socks ? api->cap_socks * 2 : 16;
			struct api_sock *s = realloc(api->socks, cap * sizeof *s);
			if (!s)
				return -1;
			api->socks = s;
			api->cap_socks = cap;
		}
		api->socks[api->n_socks++] = (struct api_sock){.fd = fd};
	}
	api->socks[i].what = what;
	return 0;
}

static int on_timer(CURLM *m, long timeout_ms, void *ud)
{
	(void)m;
	struct api *api = ud;
	api->curl_deadline_ms = timeout_ms < 0 ? -1 : api_now_ms() + timeout_ms;
	return 0;
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

static void xfer_release_easy(struct api *api, struct api_xfer *x)
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
		xfer_release_easy(api, x);
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
	xfer_release_easy(api, x);
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
	xfer_release_easy(api, x);
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
		xfer_release_easy(api, x);
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

/* ---------- jobs ---------- */

struct api_job *api_job_new(struct api *api, enum api_call call, api_done_fn cb, void *ud)
{
	struct api_job *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	j->api = api;
	j->id = ++api->next_id;
	j->cb = cb;
	j->ud = ud;
	j->res.req = j->id;
	j->res.call = call;
	j->next = api->jobs;
	api->jobs = j;
	return j;
}

void api_job_finish(struct api_job *job)
{
	if (job->finished)
		return;
	job->finished = true;
	for (struct api_xfer *x = job->api->xfers; x; x = x->next) {
		if (x->job == job && !x->dead) {
			xfer_release_easy(job->api, x);
			x->dead = true;
		}
	}
}

api_req api_job_fail(struct api_job *job, const struct yc_error *err)
{
	job->res.err = *err;
	api_job_finish(job);
	return job->id;
}



static void job_free(struct api_job *j)
{
	api_result_free(&j->res);
	free(j->arg);
	free(j);
}

/* ---------- the object ---------- */

static void open_log(struct api *api, struct yc_error *err)
{
	if (!api->cfg.debug_log)
		return;
	int fd = open(api->cfg.debug_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	api->log = fd >= 0 ? fdopen(fd, "a") : NULL;
	if (!api->log) {
		if (fd >= 0)
			close(fd);
		char ru[256], en[256];
		snprintf(ru, sizeof ru, "Не удалось открыть журнал %s: %s", api->cfg.debug_log, strerror(errno));
		snprintf(en, sizeof en, "Cannot open the log %s: %s", api->cfg.debug_log, strerror(errno));
		yc_error_set(err, YC_ERR_IO, "--debug-log", ru, en, "Укажите другой файл.", "Name another file.");
	}
}

struct api *api_new(const struct api_config *cfg, struct yc_error *err)
{
	yc_error_clear(err);
	static bool curl_ready;
	if (!curl_ready) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		curl_ready = true;
	}
	struct api *api = calloc(1, sizeof *api);
	if (!api || api_config_copy(&api->cfg, cfg) != 0 || !(api->multi = curl_multi_init())) {
		if (api)
			api_config_free(&api->cfg);
		free(api);
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
		return NULL;
	}
	api->curl_deadline_ms = -1;
	curl_multi_setopt(api->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(api->multi, CURLMOPT_SOCKETDATA, api);
	curl_multi_setopt(api->multi, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(api->multi, CURLMOPT_TIMERDATA, api);
	curl_multi_setopt(api->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(api->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 16L);
	open_log(api, err);
	if (err->kind == YC_ERR_NONE)
		api_auth_init(api, err);
	if (err->kind != YC_ERR_NONE) {
		api_free(api);
		return NULL;
	}
	return api;
}

static void sweep_xfers(struct api *api)
{
	for (struct api_xfer **p = &api->xfers; *p;) {
		struct api_xfer *x = *p;
		if (!x->dead) {
			p = &x->next;
			continue;
		}
		*p = x->next;
		xfer_release_easy(api, x);
		free(x->method);
		free(x->url);
		api_free_secret(&x->body); /* may hold a JWT or an OAuth token */
		free(x->idem_key);
		free(x->content_type);
		api_buf_free(&x->resp);
		free(x);
	}
}

void api_free(struct api *api)
{
	if (!api)
		return;
	for (struct api_xfer *x = api->xfers; x; x = x->next)
		x->dead = true;
	sweep_xfers(api);
	while (api->jobs) {
		struct api_job *j = api->jobs;
		api->jobs = j->next;
		job_free(j);
	}
	if (api->multi)
		curl_multi_cleanup(api->multi);
	free(api->socks);
	if (api->log)
		fclose(api->log);
	api_free_secret(&api->tok.value);
	api_sa_key_free(&api->sa_key);
	api_config_free(&api->cfg);
	free(api);
}

void api_cancel(struct api *api, api_req req)
{
	for (struct api_job *j = api->jobs; j; j = j->next) {
		if (j->id != req || j->finished)
			continue;
		yc_error_set(&j->res.err, YC_ERR_CANCELLED, NULL, "Отменено", "Cancelled", NULL, NULL);
		api_job_finish(j);
	}
}

/* ---------- driving ---------- */

static int64_t next_timer(const struct api *api)
{
	int64_t t = api->curl_deadline_ms;
	for (const struct api_xfer *x = api->xfers; x; x = x->next) {
		if (x->dead)
			continue;
		int64_t due = x->has_early_err ? 0 : x->not_before_ms;
		if ((x->has_early_err || (due && !x->running && !x->waiting_token)) && (t < 0 || due < t))
			t = due;
	}
	for (const struct api_job *j = api->jobs; j; j = j->next)
		if (j->finished)
			return 0; /* a callback to run */
	return t;
}

int api_poll(struct api *api, struct pollfd *extra, int n_extra, int timeout_ms)
{
	int64_t t = next_timer(api);
	if (t >= 0) {
		int64_t left = t - api_now_ms();
		if (left < 0)
			left = 0;
		if (timeout_ms < 0 || left < timeout_ms)
			timeout_ms = (int)(left > 0x7fffffff ? 0x7fffffff : left);
	}
	size_t n = api->n_socks + (size_t)(n_extra > 0 ? n_extra : 0);
	struct pollfd stackfds[32], *fds = n <= 32 ? stackfds : calloc(n, sizeof *fds);
	if (!fds)
		return 0;
	for (size_t i = 0; i < api->n_socks; i++) {
		int w = api->socks[i].what;
		fds[i] = (struct pollfd){.fd = api->socks[i].fd,
					 .events = (short)(((w & CURL_POLL_IN) ? POLLIN : 0) |
							   ((w & CURL_POLL_OUT) ? POLLOUT : 0))};
	}
	for (int i = 0; i < n_extra; i++) {
		fds[api->n_socks + (size_t)i] = extra[i];
		fds[api->n_socks + (size_t)i].revents = 0;
	}
	int r = poll(fds, (nfds_t)n, timeout_ms);
	int saved = errno;
	for (size_t i = 0; i < api->n_socks; i++)
		api->socks[i].revents = r > 0 ? fds[i].revents : 0;
	for (int i = 0; i < n_extra; i++)
		extra[i].revents = r > 0 ? fds[api->n_socks + (size_t)i].revents : 0;
	if (fds != stackfds)
		free(fds);
	return r < 0 && saved == EINTR ? -1 : 0;
}

static void act_on_sockets(struct api *api)
{
	int running;
	/* copy first: socket_action may change the table */
	size_t n = api->n_socks;
	struct api_sock ready[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k < 64; i++) {
		if (api->socks[i].revents) {
			ready[k++] = api->socks[i];
			api->socks[i].revents = 0;
		}
	}
	for (size_t i = 0; i < k; i++) {
		int ev = ((ready[i].revents & POLLIN) ? CURL_CSELECT_IN : 0) |
			 ((ready[i].revents & POLLOUT) ? CURL_CSELECT_OUT : 0) |
			 ((ready[i].revents & (POLLERR | POLLHUP | POLLNVAL)) ? CURL_CSELECT_ERR : 0);
		curl_multi_socket_action(api->multi, ready[i].fd, ev, &running);
	}
	if (api->curl_deadline_ms >= 0 && api->curl_deadline_ms <= api_now_ms()) {
		api->curl_deadline_ms = -1;
		curl_multi_socket_action(api->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	}
}

static void read_done_transfers(struct api *api)
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
static void run_timers(struct api *api)
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

static void dispatch(struct api *api)
{
	for (;;) {
		struct api_job **p = &api->jobs;
		while (*p && !(*p)->finished)
			p = &(*p)->next;
		if (!*p)
			return;
		struct api_job *j = *p;
		*p = j->next;
		for (struct api_xfer *x = api->xfers; x; x = x->next)
			if (x->job == j)
				x->job = NULL; /* dead already; never touched again */
		if (j->cb)
			j->cb(&j->res, j->ud);
		job_free(j);
	}
}

int api_step(struct api *api)
{
	for (int round = 0; round < 4; round++) {
		act_on_sockets(api);
		read_done_transfers(api);
		run_timers(api);
		read_done_transfers(api);
		/* a transfer just added wants curl's timer at once: go round again rather than return */
		if (api->curl_deadline_ms < 0 || api->curl_deadline_ms > api_now_ms())
			break;
	}
	sweep_xfers(api);
	dispatch(api);
	sweep_xfers(api);
	return api_running(api);
}

int api_running(const struct api *api)
{
	int n = 0;
	for (const struct api_job *j = api->jobs; j; j = j->next)
		n++;
	return n;
}

static bool alive(const struct api *api, api_req req)
{
	for (const struct api_job *j = api->jobs; j; j = j->next)
		if (j->id == req)
			return true;
	return false;
}

void api_wait(struct api *api, api_req req)
{
	while (req && alive(api, req)) {
		api_step(api);
		if (!alive(api, req))
			break;
		api_poll(api, NULL, 0, 1000); /* a second at most, in case a signal ate a wake-up */
	}
}

void api_get_stats(const struct api *api, struct api_stats *out)
{
	*out = api->stats;
}

char *api_url(const struct api *api, enum api_service svc, const char *path)
{
	char *base = api_service_url(&api->cfg, svc);
	if (!base)
		return NULL;
	size_t n = strlen(base) + strlen(path) + 2;
	char *u = malloc(n);
	if (u)
		snprintf(u, n, "%s/%s", base, path[0] == '/' ? path + 1 : path);
	free(base);
	return u;
}
