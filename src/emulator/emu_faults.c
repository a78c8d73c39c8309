/* emu_faults.c — what tests inject: faults (instead of handling a request, or after it, replacing
 * the answer; operation_error is createVersion's to answer, see emu_create.c), latency per route,
 * and the request log (with every secret masked). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "emulator/emu_internal.h"

/* route "*" | "/prefix" | "METHOD /prefix" */
int emu_route_spec_parse(const char *spec, char method[16], char path[256])
{
	method[0] = path[0] = '\0';
	if (!spec || !*spec || !strcmp(spec, "*"))
		return 0;
	const char *sp = strchr(spec, ' ');
	if (spec[0] != '/') {
		if (!sp || sp - spec >= 16 || sp[1] != '/')
			return -1;
		memcpy(method, spec, (size_t)(sp - spec));
		method[sp - spec] = '\0';
		spec = sp + 1;
	}
	if (strlen(spec) >= 256)
		return -1;
	snprintf(path, 256, "%s", spec);
	return 0;
}

static bool route_matches(const char *method, const char *path, const struct emu_req *r)
{
	if (*method && strcmp(method, r->method))
		return false;
	return !*path || !strncmp(r->path, path, strlen(path));
}

bool emu_fault_take(struct emu *emu, struct emu_req *r, bool after, struct emu_fault *out)
{
	for (size_t i = 0; i < emu->nfaults; i++) {
		struct emu_fault *f = &emu->faults[i];
		if (f->after != after || !route_matches(f->method, f->path, r))
			continue;
		if (!strcmp(f->kind, "operation_error") && r->handler != emu_h_create_version)
			continue; /* only createVersion makes an Operation to fail */
		*out = *f;
		if (f->count > 0 && --f->count == 0) {
			memmove(f, f + 1, (emu->nfaults - i - 1) * sizeof(*f));
			emu->nfaults--;
		}
		return true;
	}
	return false;
}

static void sqs_error(struct emu_resp *resp, const struct emu_req *r, int status, const char *code, const char *msg)
{
	char xml[1024];
	snprintf(xml, sizeof(xml),
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Type>%s</Type><Code>%s</Code>"
		 "<Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>",
		 status < 500 ? "Sender" : "Receiver", code, msg, r->request_id);
	emu_resp_text(resp, status, "text/xml", xml);
}

static const struct {
	const char *kind;
	int grpc;
	const char *sqs_code;
	const char *message;
} status_faults[] = {
	{"401", 16, "AccessDeniedException", "Token is invalid or has expired."},
	{"403", 7, "AccessDeniedException", "Permission denied"},
	{"404", 5, "NonExistentQueue", "Not found (injected)"},
	{"409", 10, "OperationAborted", "Operation aborted: a concurrent modification (injected)"},
	{"429", 8, "ThrottlingException", "Too many requests (injected)"},
	{"500", 13, "InternalFailure", "Internal error (injected)"},
	{"503", 14, "ServiceUnavailable", "Service is unavailable, try again later (injected)"},
};

bool emu_fault_kind_known(const char *kind)
{
	static const char *const special[] = {"hang", "reset", "truncated", "invalid_json", "oversized",
					      "operation_error"};
	for (size_t i = 0; i < sizeof(status_faults) / sizeof(status_faults[0]); i++)
		if (!strcmp(kind, status_faults[i].kind))
			return true;
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (!strcmp(kind, special[i]))
			return true;
	return false;
}

/* The body to break: the real answer (phase after) or a plausible one. */
static void ensure_body(struct emu_req *r, struct emu_resp *resp)
{
	if (resp->body && resp->len >= 16)
		return;
	emu_resp_status(resp, r, 13, NULL,
			"This answer is broken on purpose by an injected fault; a client must not trust it.");
	resp->status = 200;
}

void emu_fault_apply(struct emu_req *r, const struct emu_fault *f, struct emu_resp *resp)
{
	for (size_t i = 0; i < sizeof(status_faults) / sizeof(status_faults[0]); i++) {
		if (strcmp(f->kind, status_faults[i].kind))
			continue;
		emu_resp_free(resp);
		int http = emu_grpc_http(status_faults[i].grpc);
		if (r->is_sqs)
			sqs_error(resp, r, http, status_faults[i].sqs_code, status_faults[i].message);
		else
			emu_resp_status(resp, r, status_faults[i].grpc, NULL, "%s", status_faults[i].message);
		if (http == 429 || http == 503) {
			char ra[16];
			snprintf(ra, sizeof(ra), "%d", f->retry_after > 0 ? f->retry_after : 1);
			emu_resp_header(resp, "Retry-After", ra);
		}
		return;
	}
	if (!strcmp(f->kind, "hang")) {
		resp->send = EMU_SEND_HANG;
	} else if (!strcmp(f->kind, "reset")) {
		ensure_body(r, resp);
		resp->send = EMU_SEND_RESET;
	} else if (!strcmp(f->kind, "truncated")) {
		ensure_body(r, resp);
		resp->len /= 2;
		resp->body[resp->len] = '\0';
	} else if (!strcmp(f->kind, "invalid_json")) {
		emu_resp_free(resp);
		emu_resp_text(resp, 200, "application/json", "{\"id\": \"d4e\", \"name\": <html>oops</html>,,}");
	} else if (!strcmp(f->kind, "oversized")) {
		emu_resp_free(resp);
		resp->status = 200;
		resp->ctype = "application/json";
		resp->send = EMU_SEND_OVERSIZED;
	}
}

long emu_latency_for(struct emu *emu, const struct emu_req *r)
{
	long ms = 0;
	for (size_t i = 0; i < emu->nlat; i++)
		if (route_matches(emu->latencies[i].method, emu->latencies[i].path, r))
			ms += emu->latencies[i].ms;
	return ms;
}

int emu_latency_set(struct emu *emu, const char *method, const char *path, long ms)
{
	for (size_t i = 0; i < emu->nlat; i++) { /* one entry per route: replace, or clear with 0 */
		if (!strcmp(emu->latencies[i].method, method) && !strcmp(emu->latencies[i].path, path)) {
			emu->latencies[i] = emu->latencies[--emu->nlat];
			break;
		}
	}
	if (ms <= 0)
		return 0;
	if (emu->nlat == emu->caplat) {
		size_t cap = emu->caplat ? emu->caplat * 2 : 8;
		struct emu_latency *p = realloc(emu->latencies, cap * sizeof(*p));
		if (!p)
			return -1;
		emu->latencies = p;
		emu->caplat = cap;
	}
	struct emu_latency *l = &emu->latencies[emu->nlat++];
	snprintf(l->method, sizeof(l->method), "%s", method);
	snprintf(l->path, sizeof(l->path), "%s", path);
	l->ms = ms;
	return 0;
}

void emu_faults_clear(struct emu *emu)
{
	emu->nfaults = 0;
}

/* ---------- the request log ---------- */

bool emu_secret_name(const char *name)
{
	static const char *const words[] = {"authorization", "token", "secret", "password", "jwt", "private",
					    "cookie", "key"};
	char low[128];
	size_t i = 0;
	for (; name[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
	low[i] = '\0';
	if (!strcmp(low, "idempotency-key") || !strcmp(low, "x-amz-date"))
		return false; /* identifiers, not secrets: tests look at them */
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strstr(low, words[k]))
			return true;
	return false;
}

/* Returns whether anything was masked. */
static bool mask_json(cJSON *o)
{
	cJSON *it;
	bool masked = false;
	cJSON_ArrayForEach(it, o) {
		if (it->string && emu_secret_name(it->string) && cJSON_IsString(it)) {
			cJSON_SetValuestring(it, "***");
			masked = true;
		} else if (cJSON_IsObject(it) || cJSON_IsArray(it)) {
			masked |= mask_json(it);
		}
	}
	return masked;
}

/* Any "t1." IAM token or the demo OAuth token inside free text becomes ***. */
static char *mask_text(const char *s, size_t n)
{
	struct emu_buf b = {0};
	const char *oauth = emu_demo_oauth_token();
	size_t olen = strlen(oauth);
	for (size_t i = 0; i < n;) {
		if (n - i >= olen && !memcmp(s + i, oauth, olen)) {
			emu_buf_add(&b, "***", 3);
			i += olen;
		} else if (n - i > 9 && !memcmp(s + i, "t1.9euelZ", 9)) {
			emu_buf_add(&b, "***", 3);
			while (i < n && (strchr("-_.", s[i]) || (s[i] >= '0' && s[i] <= '9') ||
					 ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
				i++;
		} else {
			emu_buf_add(&b, s + i, 1);
			i++;
		}
	}
	if (!b.buf)
		emu_buf_add(&b, "", 0);
	return b.buf;
}

static enum MHD_Result header_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	cJSON *h = cls;
	cJSON_AddStringToObject(h, key, emu_secret_name(key) ? "***" : (value ? value : ""));
	return MHD_YES;
}

/* The body as sent, byte for byte (tests compare it with what a client printed), unless a JSON
 * member named like a secret had to be masked: then the masked object, re-printed compactly. */
static cJSON *body_for_log(const struct emu_req *r)
{
	size_t n = r->body.len < EMU_LOG_BODY_MAX ? r->body.len : EMU_LOG_BODY_MAX;
	cJSON *j = n == r->body.len && n ? cJSON_ParseWithLength(r->body.buf, n) : NULL;
	if (cJSON_IsObject(j) && mask_json(j)) {
		char *p = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
		char *m = p ? mask_text(p, strlen(p)) : NULL;
		free(p);
		cJSON *s = cJSON_CreateString(m ? m : "");
		free(m);
		return s;
	}
	cJSON_Delete(j);
	char *m = mask_text(r->body.buf ? r->body.buf : "", n);
	cJSON *s = cJSON_CreateString(m ? m : "");
	free(m);
	return s;
}

void emu_log_request(struct emu *emu, struct emu_req *r)
{
	emu->n_requests++;
	cJSON *cnt = cJSON_GetObjectItemCaseSensitive(emu->by_route, r->route);
	if (cnt)
		cJSON_SetNumberValue(cnt, cnt->valuedouble + 1);
	else
		cJSON_AddNumberToObject(emu->by_route, r->route, 1);
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "method", r->method);
	cJSON_AddStringToObject(e, "path", r->path);
	char *q = emu_req_query_string(r, true);
	char *qm = q ? mask_text(q, strlen(q)) : NULL;
	cJSON_AddStringToObject(e, "query", qm ? qm : "");
	free(q);
	free(qm);
	cJSON_AddStringToObject(e, "requestId", r->request_id);
	cJSON_AddStringToObject(e, "route", r->route);
	cJSON *h = cJSON_AddObjectToObject(e, "headers");
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, header_iter, h);
	cJSON *body = body_for_log(r);
	emu->log_bytes += strlen(body->valuestring);
	cJSON_AddItemToObject(e, "body", body);
	cJSON_AddItemToArray(emu->log, e);
	emu->nlog++;
	/* the oldest go first, past a count or past a total of body bytes */
	while (emu->nlog > 1 && (emu->nlog > EMU_LOG_MAX || emu->log_bytes > EMU_LOG_BYTES_MAX)) {
		const cJSON *old = cJSON_GetObjectItemCaseSensitive(emu->log->child, "body");
		emu->log_bytes -= strlen(old->valuestring);
		cJSON_DeleteItemFromArray(emu->log, 0);
		emu->nlog--;
	}
}

void emu_log_clear(struct emu *emu)
{
	cJSON_Delete(emu->log);
	emu->log = cJSON_CreateArray();
	emu->nlog = 0;
	emu->log_bytes = 0;
}
