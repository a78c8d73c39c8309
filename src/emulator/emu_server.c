/* emu_server.c — the emulator on libmicrohttpd: start and stop, one thread per connection
 * (so that a hang or a latency on one request never stalls another), the body of each request
 * gathered with a cap, and each answer sent — including the broken ones the faults ask for. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "emulator/emu_internal.h"

#define OVERSIZED_BYTES (64u * 1024u * 1024u)

static void notify_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
			      enum MHD_ConnectionNotificationCode code)
{
	(void)c;
	(void)socket_ctx;
	struct emu *emu = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		atomic_fetch_add(&emu->n_connections, 1);
}

static void request_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct emu_req *r = *con_cls;
	if (!r)
		return;
	emu_buf_free(&r->body);
	free(r);
	*con_cls = NULL;
}

static bool client_gone(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!ci)
		return true;
	struct pollfd p = {.fd = ci->connect_fd, .events = POLLRDHUP};
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
}

/* A hang: no answer until the client gives up or the emulator stops. */
static enum MHD_Result send_hang(struct emu *emu, struct MHD_Connection *c)
{
	while (!atomic_load(&emu->stopping) && !client_gone(c))
		emu_sleep_ms(emu, 25);
	return MHD_NO;
}

struct partial_body {
	char *body;
	size_t len, send; /* send this many bytes of len, then break the connection */
};

static ssize_t partial_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct partial_body *p = cls;
	if (pos >= p->send)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	size_t n = p->send - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, p->body + pos, n);
	return (ssize_t)n;
}

static void partial_free(void *cls)
{
	struct partial_body *p = cls;
	free(p->body);
	free(p);
}

/* 64 MiB of valid JSON made on the fly: {"pad":"xxxx...x"} */
static ssize_t oversized_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)cls;
	static const char head[] = "{\"pad\":\"";
	size_t n = OVERSIZED_BYTES - pos < max ? (size_t)(OVERSIZED_BYTES - pos) : max;
	uint64_t end = pos + n;
	memset(buf, 'x', n);
	for (uint64_t at = pos; at < end && at < sizeof(head) - 1; at++)
		buf[at - pos] = head[at];
	if (end >= OVERSIZED_BYTES - 1 && OVERSIZED_BYTES - 2 >= pos)
		buf[OVERSIZED_BYTES - 2 - pos] = '"';
	if (end == OVERSIZED_BYTES)
		buf[OVERSIZED_BYTES - 1 - pos] = '}';
	return (ssize_t)n;
}

static struct MHD_Response *make_response(struct emu_resp *resp)
{
	if (resp->send == EMU_SEND_OVERSIZED)
		return MHD_create_response_from_callback(OVERSIZED_BYTES, 64 * 1024, oversized_reader, NULL, NULL);
	if (resp->send == EMU_SEND_RESET) {
		struct partial_body *p = calloc(1, sizeof(*p));
		if (!p)
			return NULL;
		p->body = resp->body;
		p->len = resp->len;
		p->send = resp->len / 2;
		resp->body = NULL;
		struct MHD_Response *m = MHD_create_response_from_callback(p->len, 4096, partial_reader, p, partial_free);
		if (!m)
			partial_free(p);
		return m;
	}
	struct MHD_Response *m = MHD_create_response_from_buffer(resp->len, resp->body ? resp->body : (void *)"",
							      resp->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (m)
		resp->body = NULL;
	return m;
}

static enum MHD_Result send_resp(struct emu_req *r, struct emu_resp *resp)
{
	struct MHD_Connection *c = r->conn;
	if (resp->send == EMU_SEND_HANG)
		return send_hang(r->emu, c);
	struct MHD_Response *m = make_response(resp);
	if (!m)
		return MHD_NO;
	MHD_add_response_header(m, "Content-Type", resp->ctype ? resp->ctype : "application/json");
	MHD_add_response_header(m, "x-request-id", r->request_id);
	for (int i = 0; i < resp->nhdr; i++)
		MHD_add_response_header(m, resp->hdr[i].name, resp->hdr[i].value);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)resp->status, m);
	MHD_destroy_response(m);
	return rc;
}

static void handle(struct emu_req *r, struct emu_resp *resp)
{
	struct emu *emu = r->emu;
	emu_route_name(r);
	if (!strncmp(r->path, "/_emu/", 6) || !strcmp(r->path, "/_emu")) {
		pthread_mutex_lock(&emu->lock);
		emu_h_control(r, resp);
		pthread_mutex_unlock(&emu->lock);
		return;
	}
	struct emu_fault f;
	pthread_mutex_lock(&emu->lock);
	emu_make_uuid(&emu->req_rng, r->request_id);
	emu_log_request(emu, r);
	long delay = emu_latency_for(emu, r);
	bool before = emu_fault_take(emu, r, false, &f);
	pthread_mutex_unlock(&emu->lock);
	if (delay > 0)
		emu_sleep_ms(emu, delay);
	if (before && !strcmp(f.kind, "operation_error")) {
		r->op_fault = &f; /* handled: the Operation fails instead */
	} else if (before) {
		emu_fault_apply(r, &f, resp);
		return;
	}
	pthread_mutex_lock(&emu->lock);
	emu_route(r, resp);
	r->op_fault = NULL;
	bool after = emu_fault_take(emu, r, true, &f);
	pthread_mutex_unlock(&emu->lock);
	if (after)
		emu_fault_apply(r, &f, resp);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	(void)version;
	struct emu *emu = cls;
	struct emu_req *r = *con_cls;
	if (!r) {
		r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->emu = emu;
		r->conn = c;
		r->method = method;
		r->path = url;
		r->body.max = EMU_BODY_MAX;
		r->t0_ms = emu_mono_ms();
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_data_size) {
		emu_buf_add(&r->body, upload_data, *upload_data_size); /* past the cap: too_big, answered below */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (atomic_load(&emu->stopping))
		return MHD_NO;
	struct emu_resp resp = {0};
	if (r->body.too_big) {
		pthread_mutex_lock(&emu->lock);
		emu_make_uuid(&emu->req_rng, r->request_id);
		pthread_mutex_unlock(&emu->lock);
		emu_resp_status(&resp, r, 3, NULL, "Request body is larger than %u bytes", EMU_BODY_MAX);
	} else {
		handle(r, &resp);
	}
	enum MHD_Result rc = send_resp(r, &resp);
	if (!emu->opt.quiet) /* one line per request: method, path, status, time; never a header or body */
		fprintf(stderr, "ycfn-emulator: %s %s -> %d%s (%lld ms) %s\n", r->method, r->path, resp.status,
			resp.send == EMU_SEND_NORMAL ? "" : " (fault)", emu_mono_ms() - r->t0_ms, r->request_id);
	emu_resp_free(&resp);
	return rc;
}

static int listen_addr(const char *bind, int port, struct sockaddr_storage *ss, bool *v6)
{
	memset(ss, 0, sizeof(*ss));
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
	if (!bind || !strcmp(bind, "localhost"))
		bind = "127.0.0.1";
	*v6 = false;
	if (inet_pton(AF_INET, bind, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, bind, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*v6 = true;
		return 0;
	}
	return -1;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct emu_buf b = {.max = 1024 * 1024};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (emu_buf_add(&b, chunk, n)) {
			emu_buf_free(&b);
			break;
		}
	}
	fclose(f);
	return b.buf;
}

static int start_daemon(struct emu *emu, struct yc_error *err)
{
	struct sockaddr_storage ss;
	bool v6;
	if (listen_addr(emu->bind_addr, emu->opt.port, &ss, &v6)) {
		emu_err(err, YC_ERR_CONFIG, "--bind: not an IPv4 or IPv6 address", "--bind: это не адрес IPv4 или IPv6");
		if (err)
			snprintf(err->field, sizeof(err->field), "bind");
		return -1;
	}
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
	if (v6)
		flags |= MHD_USE_IPv6;
	char *cert = NULL, *key = NULL;
	bool tls = emu->tls_cert && emu->tls_key;
	if (tls) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			emu_err(err, YC_ERR_CONFIG, "this libmicrohttpd has no TLS", "libmicrohttpd собран без TLS");
			return -1;
		}
		cert = read_file(emu->tls_cert);
		key = read_file(emu->tls_key);
		if (!cert || !key) {
			free(cert);
			free(key);
			emu_err(err, YC_ERR_IO, "--tls-cert/--tls-key: cannot read the file",
				"--tls-cert/--tls-key: файл не читается");
			return -1;
		}
		flags |= MHD_USE_TLS;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, emu, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_NOTIFY_COMPLETED, request_completed, emu, MHD_OPTION_NOTIFY_CONNECTION, notify_connection,
		emu, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_CONNECTION_LIMIT, (unsigned)10000,
		tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert, MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
	free(cert);
	free(key);
	if (!d) {
		emu_err(err, YC_ERR_NETWORK, "cannot listen on the address and port (in use, or bad TLS files?)",
			"не удалось слушать адрес и порт (занят, или плохие файлы TLS?)");
		return -1;
	}
	emu->daemon = d;
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	emu->port = di ? di->port : emu->opt.port;
	const char *host = emu->bind_addr ? emu->bind_addr : "127.0.0.1";
	if (!strcmp(host, "0.0.0.0"))
		host = "127.0.0.1";
	snprintf(emu->url, sizeof(emu->url), v6 ? "%s://[%s]:%d" : "%s://%s:%d", tls ? "https" : "http", host,
		 emu->port);
	return 0;
}

static void emu_free(struct emu *emu)
{
	emu_world_free(emu->w);
	emu_faults_clear(emu);
	free(emu->faults);
	free(emu->latencies);
	cJSON_Delete(emu->log);
	cJSON_Delete(emu->by_route);
	emu_invocations_clear(emu);
	emu_vec_free(&emu->invocations);
	emu_sa_key_free(emu);
	free(emu->bind_addr);
	free(emu->state_file);
	free(emu->tls_cert);
	free(emu->tls_key);
	pthread_cond_destroy(&emu->changed);
	pthread_mutex_destroy(&emu->lock);
	free(emu);
}

struct emu *emu_start(const struct emu_options *opt, struct yc_error *err)
{
	if (opt->latency_ms < 0 || opt->latency_ms > 600000) {
		emu_err(err, YC_ERR_CONFIG, "latency: from 0 to 600000 ms", "задержка: от 0 до 600000 мс");
		return NULL;
	}
	struct emu *emu = calloc(1, sizeof(*emu));
	if (!emu) {
		emu_err(err, YC_ERR_NOMEM, "out of memory", "не хватило памяти");
		return NULL;
	}
	emu->opt = *opt;
	emu->bind_addr = emu_strdup(opt->bind_addr);
	emu->state_file = emu_strdup(opt->state_file);
	emu->tls_cert = emu_strdup(opt->tls_cert_file);
	emu->tls_key = emu_strdup(opt->tls_key_file);
	emu->operation_delay_ms = opt->operation_delay_ms > 0 ? opt->operation_delay_ms : 300;
	if (opt->operation_delay_ms < 0)
		emu->operation_delay_ms = 0;
	emu->token_ttl_s = opt->token_ttl_s > 0 ? opt->token_ttl_s : 43200;
	emu->retry_delay_ms = 1000;
	emu->req_rng = (uint64_t)opt->seed * 7919u + 17u;
	pthread_mutex_init(&emu->lock, NULL);
	pthread_cond_init(&emu->changed, NULL);
	emu->log = cJSON_CreateArray();
	emu->by_route = cJSON_CreateObject();
	if (emu_latency_set(emu, "", "", opt->latency_ms)) {
		emu_err(err, YC_ERR_NOMEM, "out of memory", "не хватило памяти");
		emu_free(emu);
		return NULL;
	}
	if (emu_sa_key_init(emu)) {
		emu_err(err, YC_ERR_NOMEM, "cannot make the service-account key", "не удалось создать ключ сервисного аккаунта");
		emu_free(emu);
		return NULL;
	}
	if (emu_world_init(emu, true, err) || emu_invoker_start(emu)) {
		if (err && err->kind == YC_ERR_NONE)
			emu_err(err, YC_ERR_NOMEM, "cannot start the invoker", "не удалось запустить исполнитель");
		emu_free(emu);
		return NULL;
	}
	if (start_daemon(emu, err)) {
		emu_invoker_stop(emu);
		emu_free(emu);
		return NULL;
	}
	return emu;
}

void emu_stop(struct emu *emu)
{
	if (!emu)
		return;
	atomic_store(&emu->stopping, true);
	pthread_mutex_lock(&emu->lock);
	pthread_cond_broadcast(&emu->changed);
	pthread_mutex_unlock(&emu->lock);
	MHD_stop_daemon(emu->daemon);
	emu_invoker_stop(emu);
	if (emu->state_file) {
		pthread_mutex_lock(&emu->lock);
		emu_state_save(emu, emu->state_file);
		pthread_mutex_unlock(&emu->lock);
	}
	emu_free(emu);
}

int emu_port(const struct emu *emu)
{
	return emu->port;
}

const char *emu_url(const struct emu *emu)
{
	return emu->url;
}
