/* emu_control.c — the /_emu/ routes that tests drive (docs/emulator.md): faults, latency, the
 * request log, counters, settings, the demo credentials, reset, async invocations, behaviours.
 * No auth, but loopback clients only. Runs with emu->lock held. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulator/emu_internal.h"
#include "emulator/emu_validate.h"

static void ok(struct emu_resp *resp)
{
	emu_resp_json(resp, 200, cJSON_CreateObject());
}

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool json_num(const cJSON *o, const char *key, long long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return v && !emu_json_int64(v, out);
}

/* operation_error: createVersion answers a not-done Operation that ends with a google.rpc.Status
 * {code, message}; no version is made. Only that route, only before it is handled. */
static bool operation_error_args(struct emu_req *r, struct emu_resp *resp, const cJSON *b, struct emu_fault *f)
{
	long long code = 13;
	const char *msg = json_str(b, "message");
	if (strcmp(f->method, "POST") || strcmp(f->path, "/functions/v1/versions") || f->after) {
		emu_resp_status(resp, r, 3, "route", "Illegal argument route: operation_error needs "
						     "\"POST /functions/v1/versions\" and phase \"before\"");
		return false;
	}
	if (cJSON_GetObjectItemCaseSensitive(b, "code") && (!json_num(b, "code", &code) || code < 1 || code > 16)) {
		emu_resp_status(resp, r, 3, "code", "Illegal argument code: a google.rpc.Code from 1 to 16");
		return false;
	}
	if (msg && strlen(msg) >= sizeof(f->message)) {
		emu_resp_status(resp, r, 3, "message", "Illegal argument message: at most 255 bytes");
		return false;
	}
	f->grpc_code = (int)code;
	snprintf(f->message, sizeof(f->message), "%s", msg ? msg : "Creating the function version failed (injected)");
	return true;
}

static void add_fault(struct emu_req *r, struct emu_resp *resp, const cJSON *b)
{
	struct emu *emu = r->emu;
	struct emu_fault f = {0};
	const char *kind = json_str(b, "fault");
	const char *phase = json_str(b, "phase");
	long long count = 1, retry_after = 1;
	if (!kind || !emu_fault_kind_known(kind)) {
		emu_resp_status(resp, r, 3, "fault", "Illegal argument fault: one of 401 403 404 409 429 500 503 "
						      "hang reset truncated invalid_json oversized operation_error");
		return;
	}
	if (emu_route_spec_parse(json_str(b, "route"), f.method, f.path)) {
		emu_resp_status(resp, r, 3, "route", "Illegal argument route: \"*\", \"/prefix\" or \"METHOD /prefix\"");
		return;
	}
	if (phase && strcmp(phase, "before") && strcmp(phase, "after")) {
		emu_resp_status(resp, r, 3, "phase", "Illegal argument phase: \"before\" or \"after\"");
		return;
	}
	if (cJSON_GetObjectItemCaseSensitive(b, "count") && (!json_num(b, "count", &count) || count < 0)) {
		emu_resp_status(resp, r, 3, "count", "Illegal argument count: a number >= 0 (0 = every request)");
		return;
	}
	json_num(b, "retryAfter", &retry_after);
	snprintf(f.kind, sizeof(f.kind), "%s", kind);
	f.after = phase && !strcmp(phase, "after");
	if (!strcmp(kind, "operation_error") && !operation_error_args(r, resp, b, &f))
		return;
	f.count = (int)count;
	f.retry_after = (int)retry_after;
	snprintf(f.id, sizeof(f.id), "f%d", ++emu->fault_seq);
	if (emu->nfaults == emu->capfaults) {
		size_t cap = emu->capfaults ? emu->capfaults * 2 : 8;
		struct emu_fault *p = realloc(emu->faults, cap * sizeof(*p));
		if (!p) {
			emu_resp_status(resp, r, 13, NULL, "out of memory");
			return;
		}
		emu->faults = p;
		emu->capfaults = cap;
	}
	emu->faults[emu->nfaults++] = f;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", f.id);
	emu_resp_json(resp, 200, o);
}

static void list_faults(struct emu *emu, struct emu_resp *resp)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a = cJSON_AddArrayToObject(o, "faults");
	for (size_t i = 0; i < emu->nfaults; i++) {
		const struct emu_fault *f = &emu->faults[i];
		cJSON *x = cJSON_CreateObject();
		char route[300];
		snprintf(route, sizeof(route), "%s%s%s", f->method, *f->method ? " " : "", *f->path ? f->path : "*");
		cJSON_AddStringToObject(x, "id", f->id);
		cJSON_AddStringToObject(x, "route", route);
		cJSON_AddStringToObject(x, "fault", f->kind);
		cJSON_AddNumberToObject(x, "count", f->count);
		cJSON_AddStringToObject(x, "phase", f->after ? "after" : "before");
		if (f->grpc_code) {
			cJSON_AddNumberToObject(x, "code", f->grpc_code);
			cJSON_AddStringToObject(x, "message", f->message);
		}
		cJSON_AddItemToArray(a, x);
	}
	emu_resp_json(resp, 200, o);
}

static void set_latency(struct emu_req *r, struct emu_resp *resp, const cJSON *b)
{
	struct emu *emu = r->emu;
	struct emu_latency l = {0};
	long long ms = 0;
	if (emu_route_spec_parse(json_str(b, "route"), l.method, l.path) || !json_num(b, "ms", &ms) || ms < 0 ||
	    ms > 600000) {
		emu_resp_status(resp, r, 3, "ms", "Illegal argument: {\"route\":\"*\",\"ms\":0..600000}");
		return;
	}
	if (emu_latency_set(emu, l.method, l.path, (long)ms)) {
		emu_resp_status(resp, r, 13, NULL, "out of memory");
		return;
	}
	ok(resp);
}

static void stats(struct emu *emu, struct emu_resp *resp)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "requests", (double)emu->n_requests);
	cJSON_AddNumberToObject(o, "versionsCreated", (double)emu->n_versions_created);
	cJSON_AddNumberToObject(o, "tokensIssued", (double)emu->n_tokens_issued);
	cJSON_AddNumberToObject(o, "connections", (double)atomic_load(&emu->n_connections));
	cJSON_AddItemToObject(o, "byRoute", cJSON_Duplicate(emu->by_route, 1));
	emu_resp_json(resp, 200, o);
}

static cJSON *config_json(const struct emu *emu)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "operationDelayMs", (double)emu->operation_delay_ms);
	cJSON_AddNumberToObject(o, "tokenTtlS", (double)emu->token_ttl_s);
	cJSON_AddNumberToObject(o, "retryDelayMs", (double)emu->retry_delay_ms);
	return o;
}

static void set_config(struct emu_req *r, struct emu_resp *resp, const cJSON *b)
{
	struct emu *emu = r->emu;
	long long v;
	if (json_num(b, "operationDelayMs", &v) && v >= 0)
		emu->operation_delay_ms = v;
	if (json_num(b, "tokenTtlS", &v) && v > 0)
		emu->token_ttl_s = v;
	if (json_num(b, "retryDelayMs", &v) && v >= 0)
		emu->retry_delay_ms = v;
	emu_resp_json(resp, 200, config_json(emu));
}

static void credentials(struct emu *emu, struct emu_resp *resp)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "oauthToken", emu_demo_oauth_token());
	cJSON_AddStringToObject(o, "cloudId", emu_demo_cloud_id());
	cJSON_AddStringToObject(o, "folderId", emu_demo_folder_id());
	cJSON_AddStringToObject(o, "awsKeyId", emu_demo_aws_key_id());
	cJSON_AddStringToObject(o, "awsSecret", emu_demo_aws_secret());
	cJSON_AddItemToObject(o, "saKey", emu_sa_key_json(emu));
	emu_resp_json(resp, 200, o);
}

static void reset(struct emu_req *r, struct emu_resp *resp)
{
	struct emu *emu = r->emu;
	struct yc_error err;
	struct emu_world *old = emu->w;
	emu->w = NULL;
	if (emu_world_init(emu, false, &err)) {
		emu->w = old;
		emu_resp_status(resp, r, 13, NULL, "reset failed: %s", err.what_en);
		return;
	}
	emu_world_free(old);
	emu_faults_clear(emu);
	emu->nlat = 0;
	if (emu_latency_set(emu, "", "", emu->opt.latency_ms)) {
		emu_resp_status(resp, r, 13, NULL, "reset failed: out of memory");
		return;
	}
	emu_log_clear(emu);
	cJSON_Delete(emu->by_route);
	emu->by_route = cJSON_CreateObject();
	emu->n_requests = emu->n_versions_created = emu->n_tokens_issued = 0;
	atomic_store(&emu->n_connections, 0);
	emu->operation_delay_ms = emu->opt.operation_delay_ms > 0 ? emu->opt.operation_delay_ms : 300;
	if (emu->opt.operation_delay_ms < 0)
		emu->operation_delay_ms = 0;
	emu->token_ttl_s = emu->opt.token_ttl_s > 0 ? emu->opt.token_ttl_s : 43200;
	emu->retry_delay_ms = 1000;
	emu_invocations_clear(emu);
	ok(resp);
}

static void set_behaviour(struct emu_req *r, struct emu_resp *resp, const cJSON *b)
{
	struct emu_function *fn = emu_function_or_404(r, resp, json_str(b, "functionId"));
	enum emu_behaviour beh;
	long long n = 0;
	if (!fn)
		return;
	if (emu_behaviour_parse(json_str(b, "behaviour"), &beh)) {
		emu_resp_status(resp, r, 3, "behaviour", "Illegal argument behaviour: echo, fail_n, fail or timeout");
		return;
	}
	json_num(b, "failTimes", &n);
	fn->behaviour = beh;
	fn->fail_times = n < 0 ? 0 : n > 1000 ? 1000 : (int)n;
	ok(resp);
}

static bool is(const struct emu_req *r, const char *method, const char *path)
{
	return !strcmp(r->method, method) && !strcmp(r->path, path);
}

void emu_h_control(struct emu_req *r, struct emu_resp *resp)
{
	struct emu *emu = r->emu;
	emu_make_uuid(&emu->req_rng, r->request_id);
	if (!emu_req_from_loopback(r)) {
		emu_resp_status(resp, r, 7, NULL, "Control routes answer loopback clients only");
		return;
	}
	cJSON *b = NULL;
	/* a POST with no body is a POST of {} */
	if (!strcmp(r->method, "POST") && r->body.len && !(b = emu_json_parse_body(r, resp)))
		return;
	if (!b)
		b = cJSON_CreateObject();
	if (is(r, "POST", "/_emu/faults"))
		add_fault(r, resp, b);
	else if (is(r, "GET", "/_emu/faults"))
		list_faults(emu, resp);
	else if (is(r, "DELETE", "/_emu/faults")) {
		emu_faults_clear(emu);
		ok(resp);
	} else if (is(r, "POST", "/_emu/latency"))
		set_latency(r, resp, b);
	else if (is(r, "GET", "/_emu/log")) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "requests", cJSON_Duplicate(emu->log, 1));
		emu_resp_json(resp, 200, o);
	} else if (is(r, "DELETE", "/_emu/log")) {
		emu_log_clear(emu);
		ok(resp);
	} else if (is(r, "GET", "/_emu/stats"))
		stats(emu, resp);
	else if (is(r, "GET", "/_emu/config"))
		emu_resp_json(resp, 200, config_json(emu));
	else if (is(r, "POST", "/_emu/config"))
		set_config(r, resp, b);
	else if (is(r, "GET", "/_emu/credentials"))
		credentials(emu, resp);
	else if (is(r, "POST", "/_emu/reset"))
		reset(r, resp);
	else if (is(r, "GET", "/_emu/invocations"))
		emu_resp_json(resp, 200, emu_invocations_json(emu));
	else if (is(r, "POST", "/_emu/behaviour"))
		set_behaviour(r, resp, b);
	else
		emu_resp_status(resp, r, 5, NULL, "No control route %s %s (see docs/emulator.md)", r->method, r->path);
	cJSON_Delete(b);
}
