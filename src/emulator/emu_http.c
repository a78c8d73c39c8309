/* emu_http.c — reading a request (headers, query, client address) and making answers:
 * JSON, google.rpc.Status errors with the HTTP status of their code, the Bearer check, paging. */
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "emulator/emu_internal.h"

const char *emu_req_header(const struct emu_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *emu_req_query(const struct emu_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static void url_encode(struct emu_buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c))
			emu_buf_add(b, s, 1);
		else
			emu_buf_printf(b, "%%%02X", c);
	}
}

struct query_build {
	struct emu_buf b;
	bool mask;
};

static enum MHD_Result query_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct query_build *q = cls;
	struct emu_buf *b = &q->b;
	if (q->mask && value && emu_secret_name(key))
		value = "***";
	if (b->len)
		emu_buf_add(b, "&", 1);
	url_encode(b, key);
	if (value) {
		emu_buf_add(b, "=", 1);
		url_encode(b, value);
	}
	return MHD_YES;
}

char *emu_req_query_string(const struct emu_req *r, bool mask_secrets)
{
	struct query_build q = {.b = {.max = 64 * 1024}, .mask = mask_secrets};
	emu_buf_add(&q.b, "", 0);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_iter, &q);
	return q.b.buf;
}

bool emu_req_from_loopback(const struct emu_req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return false;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
		return (ntohl(a->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
		return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr) ||
		       (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr) && a->sin6_addr.s6_addr[12] == 127);
	}
	return false;
}

void emu_resp_json(struct emu_resp *resp, int status, cJSON *json)
{
	free(resp->body);
	resp->body = json ? cJSON_PrintUnformatted(json) : NULL;
	resp->len = resp->body ? strlen(resp->body) : 0;
	resp->status = status;
	resp->ctype = "application/json";
	cJSON_Delete(json);
}

void emu_resp_text(struct emu_resp *resp, int status, const char *ctype, const char *text)
{
	free(resp->body);
	resp->body = strdup(text);
	resp->len = resp->body ? strlen(resp->body) : 0;
	resp->status = status;
	resp->ctype = ctype;
}

void emu_resp_header(struct emu_resp *resp, const char *name, const char *value)
{
	if (resp->nhdr >= (int)(sizeof(resp->hdr) / sizeof(resp->hdr[0])))
		return;
	resp->hdr[resp->nhdr].name = strdup(name);
	resp->hdr[resp->nhdr].value = strdup(value);
	resp->nhdr++;
}

void emu_resp_free(struct emu_resp *resp)
{
	free(resp->body);
	for (int i = 0; i < resp->nhdr; i++) {
		free(resp->hdr[i].name);
		free(resp->hdr[i].value);
	}
	memset(resp, 0, sizeof(*resp));
}

int emu_grpc_http(int code)
{
	static const int map[] = {200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401};
	return code >= 0 && code <= 16 ? map[code] : 500;
}

void emu_resp_status(struct emu_resp *resp, const struct emu_req *r, int grpc_code, const char *field,
		     const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cJSON *st = cJSON_CreateObject();
	cJSON_AddNumberToObject(st, "code", grpc_code);
	cJSON_AddStringToObject(st, "message", msg);
	cJSON *details = cJSON_AddArrayToObject(st, "details");
	cJSON *ri = cJSON_CreateObject();
	cJSON_AddStringToObject(ri, "@type", "type.googleapis.com/google.rpc.RequestInfo");
	cJSON_AddStringToObject(ri, "requestId", r->request_id);
	cJSON_AddItemToArray(details, ri);
	if (field) {
		cJSON *br = cJSON_CreateObject();
		cJSON_AddStringToObject(br, "@type", "type.googleapis.com/google.rpc.BadRequest");
		cJSON *fv = cJSON_CreateObject();
		cJSON_AddStringToObject(fv, "field", field);
		cJSON_AddStringToObject(fv, "description", msg);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(br, "fieldViolations"), fv);
		cJSON_AddItemToArray(details, br);
	}
	emu_resp_json(resp, emu_grpc_http(grpc_code), st);
}

bool emu_require_token(struct emu_req *r, struct emu_resp *resp)
{
	const char *auth = emu_req_header(r, "Authorization");
	if (!auth || strncmp(auth, "Bearer ", 7)) {
		emu_resp_status(resp, r, 16, NULL, "The request is missing an IAM token (Authorization: Bearer).");
		return false;
	}
	const struct emu_token *t = emu_map_get(&r->emu->w->tokens, auth + 7);
	if (!t || t->expires_ms <= emu_now_ms()) {
		emu_resp_status(resp, r, 16, NULL, "Token is invalid or has expired.");
		return false;
	}
	return true;
}

static bool parse_size(const char *s, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0)
		return false;
	*out = v;
	return true;
}

bool emu_page_params(struct emu_req *r, struct emu_resp *resp, size_t max, size_t *size, size_t *start)
{
	const char *ps = emu_req_query(r, "pageSize");
	const char *pt = emu_req_query(r, "pageToken");
	long v = 0;
	*size = EMU_PAGE_DEFAULT;
	*start = 0;
	if (ps && *ps) {
		if (!parse_size(ps, &v) || (size_t)v > max) {
			emu_resp_status(resp, r, 3, "page_size", "Illegal argument page_size: must be between 0 and %zu",
					max);
			return false;
		}
		if (v > 0)
			*size = (size_t)v;
	}
	if (pt && *pt) {
		long off = emu_page_token_parse(pt);
		if (off < 0) {
			emu_resp_status(resp, r, 3, "page_token", "Illegal argument page_token: invalid page token");
			return false;
		}
		*start = (size_t)off;
	}
	return true;
}
