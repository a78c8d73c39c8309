/* loop.c — the api object and its loop: one libcurl multi handle driven through curl's socket
 * interface, so that api_poll is one poll() over curl's sockets, the transfers' own timers and
 * the caller's fds (a signal shows as EINTR, nothing spins while idle); api_step moves curl on,
 * starts what came due and runs the callbacks of finished jobs — the only place they run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api_int.h"

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
			api_xfer_release(job->api, x);
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

api_req api_job_fail_nomem(struct api_job *job)
{
	struct yc_error e;
	yc_error_clear(&e);
	yc_error_set(&e, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
	return api_job_fail(job, &e);
}



static void job_free(struct api_job *j)
{
	api_result_free(&j->res);
	free(j->arg);
	free(j->page_token);
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
		api_xfer_release(api, x);
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
		api_engine_read_done(api);
		api_engine_run_timers(api);
		api_engine_read_done(api);
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
