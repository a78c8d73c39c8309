/* emu_create.c — createVersion and its Operation: validated like the API, honouring
 * Idempotency-Key (same key -> same operation, no second version), done after
 * operation_delay_ms, $latest moved to the new version.
 *
 * Like the real API, the new version has exactly the settings in the request: versionId copies
 * the code only. Carrying the other settings over is the client's job, and this is where a
 * client that forgets one gets caught.
 *
 * An operation_error fault (emu_control.c) makes a valid request's Operation fail: answered not
 * done, it ends with that error and no version is made, as when the cloud cannot build one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulator/emu_internal.h"
#include "emulator/emu_validate.h"

/* Settings copied verbatim from the request into the version. */
static const char *const copied[] = {
	"connectivity", "namedServiceAccounts", "secrets", "logOptions", "storageMounts", "mounts", "metadataOptions",
};

static void add_int64_string(cJSON *to, const char *key, const cJSON *from)
{
	long long x;
	char num[32];
	if (from && !emu_json_int64(from, &x)) {
		snprintf(num, sizeof(num), "%lld", x);
		cJSON_AddStringToObject(to, key, num);
	}
}

static cJSON *normalized_async(const cJSON *cfg)
{
	cJSON *out = cJSON_Duplicate(cfg, 1);
	cJSON_DeleteItemFromObjectCaseSensitive(out, "retriesCount");
	const cJSON *rc = cJSON_GetObjectItemCaseSensitive(cfg, "retriesCount");
	if (rc)
		add_int64_string(out, "retriesCount", rc);
	else
		cJSON_AddStringToObject(out, "retriesCount", "0");
	return out;
}

static const char *image_size(struct emu_world *w, const cJSON *b, char num[32])
{
	const cJSON *vid = cJSON_GetObjectItemCaseSensitive(b, "versionId");
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(b, "content");
	if (cJSON_IsString(vid)) {
		const struct emu_version *src = emu_map_get(&w->ver_by_id, vid->valuestring);
		const cJSON *sz = src ? cJSON_GetObjectItemCaseSensitive(src->json, "imageSize") : NULL;
		if (sz && cJSON_IsString(sz))
			return sz->valuestring;
	}
	snprintf(num, 32, "%zu", cJSON_IsString(content) ? strlen(content->valuestring) / 4 * 3 * 3 : (size_t)65536);
	return num;
}

static cJSON *version_from_request(struct emu *emu, struct emu_function *fn, const cJSON *b)
{
	char created[40], num[32];
	emu_rfc3339(emu_now_ms(), created);
	cJSON *v = cJSON_CreateObject();
	cJSON_AddStringToObject(v, "functionId", fn->id);
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(b, "description");
	cJSON_AddStringToObject(v, "description", cJSON_IsString(d) ? d->valuestring : "");
	cJSON_AddStringToObject(v, "createdAt", created);
	cJSON_AddStringToObject(v, "runtime", cJSON_GetObjectItemCaseSensitive(b, "runtime")->valuestring);
	cJSON_AddStringToObject(v, "entrypoint", cJSON_GetObjectItemCaseSensitive(b, "entrypoint")->valuestring);
	cJSON *res = cJSON_AddObjectToObject(v, "resources");
	add_int64_string(res, "memory",
			 cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(b, "resources"), "memory"));
	cJSON_AddStringToObject(v, "executionTimeout",
				cJSON_GetObjectItemCaseSensitive(b, "executionTimeout")->valuestring);
	const cJSON *sa = cJSON_GetObjectItemCaseSensitive(b, "serviceAccountId");
	if (cJSON_IsString(sa) && *sa->valuestring)
		cJSON_AddStringToObject(v, "serviceAccountId", sa->valuestring);
	cJSON_AddStringToObject(v, "imageSize", image_size(emu->w, b, num));
	cJSON_AddStringToObject(v, "status", "ACTIVE");
	cJSON *tags = cJSON_AddArrayToObject(v, "tags");
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(b, "tag"))
		cJSON_AddItemToArray(tags, cJSON_CreateString(t->valuestring));
	cJSON_AddStringToObject(v, "logGroupId", fn->log_group_id);
	const cJSON *env = cJSON_GetObjectItemCaseSensitive(b, "environment");
	if (env && cJSON_GetArraySize(env) > 0)
		cJSON_AddItemToObject(v, "environment", cJSON_Duplicate(env, 1));
	for (size_t i = 0; i < sizeof(copied) / sizeof(copied[0]); i++) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(b, copied[i]);
		if (x)
			cJSON_AddItemToObject(v, copied[i], cJSON_Duplicate(x, 1));
	}
	const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(b, "asyncInvocationConfig");
	if (cfg)
		cJSON_AddItemToObject(v, "asyncInvocationConfig", normalized_async(cfg));
	add_int64_string(v, "concurrency", cJSON_GetObjectItemCaseSensitive(b, "concurrency"));
	add_int64_string(v, "tmpfsSize", cJSON_GetObjectItemCaseSensitive(b, "tmpfsSize"));
	return v;
}

/* The subject of the caller's token (checked already). */
static const char *caller(struct emu_req *r)
{
	const char *auth = emu_req_header(r, "Authorization");
	const struct emu_token *t = auth ? emu_map_get(&r->emu->w->tokens, auth + 7) : NULL;
	return t ? t->subject : "";
}

static struct emu_operation *new_operation(struct emu *emu, const char *version_id, const char *fn_id,
					   const char *created_by)
{
	struct emu_operation *op = calloc(1, sizeof(*op));
	if (!op)
		return NULL;
	emu_make_id(&emu->w->rng, "d4e", op->id);
	snprintf(op->version_id, sizeof(op->version_id), "%s", version_id);
	snprintf(op->function_id, sizeof(op->function_id), "%s", fn_id);
	snprintf(op->created_by, sizeof(op->created_by), "%s", created_by);
	op->created_ms = emu_now_ms();
	op->done_at_ms = op->created_ms + emu->operation_delay_ms;
	emu_rfc3339(op->created_ms, op->created_at);
	if (emu_vec_push(&emu->w->operations, op)) {
		free(op);
		return NULL;
	}
	emu_map_put(&emu->w->op_by_id, op->id, op);
	return op;
}

/* At least this long before a failing Operation is done, so that the createVersion answer is
 * never done yet however small operation_delay_ms is. */
#define FAILED_OP_MIN_MS 100

/* The Operation of an injected failure: a version id that will never exist, no version. */
static struct emu_operation *failed_operation(struct emu_req *r, const struct emu_function *fn)
{
	struct emu *emu = r->emu;
	char vid[EMU_ID_LEN + 1];
	emu_make_id(&emu->w->rng, "d4e", vid);
	struct emu_operation *op = new_operation(emu, vid, fn->id, caller(r));
	if (!op)
		return NULL;
	op->error_code = r->op_fault->grpc_code;
	snprintf(op->error_message, sizeof(op->error_message), "%s", r->op_fault->message);
	snprintf(op->request_id, sizeof(op->request_id), "%s", r->request_id);
	if (op->done_at_ms < op->created_ms + FAILED_OP_MIN_MS)
		op->done_at_ms = op->created_ms + FAILED_OP_MIN_MS;
	return op;
}

void emu_h_create_version(struct emu_req *r, struct emu_resp *resp)
{
	struct emu *emu = r->emu;
	if (!emu_require_token(r, resp))
		return;
	const char *key = emu_req_header(r, "Idempotency-Key");
	if (key && strlen(key) > 128) {
		emu_resp_status(resp, r, 3, "Idempotency-Key", "Idempotency-Key is longer than 128 characters");
		return;
	}
	struct emu_operation *op = key && *key ? emu_map_get(&emu->w->idem, key) : NULL;
	if (op) {
		emu_resp_json(resp, 200, emu_json_operation(emu, op));
		return;
	}
	cJSON *body = emu_json_parse_body(r, resp);
	if (!body)
		return;
	struct emu_function *fn = NULL;
	struct emu_check c;
	if (emu_validate_create(emu->w, body, &fn, &c)) {
		emu_resp_status(resp, r, c.code, c.code == 3 ? c.field : NULL, "%s", c.message);
		cJSON_Delete(body);
		return;
	}
	struct emu_version *v = NULL;
	if (r->op_fault) {
		op = failed_operation(r, fn);
	} else {
		v = emu_world_add_version(emu->w, fn, version_from_request(emu, fn, body));
		op = v ? new_operation(emu, v->id, fn->id, caller(r)) : NULL;
	}
	cJSON_Delete(body);
	if (!op) {
		emu_resp_status(resp, r, 13, NULL, "Internal error: out of memory");
		return;
	}
	if (v) {
		emu_world_set_tag(v, "$latest");
		emu->n_versions_created++;
	}
	if (key && *key)
		emu_map_put(&emu->w->idem, key, op);
	if (emu->state_file)
		emu_state_save(emu, emu->state_file);
	emu_resp_json(resp, 200, emu_json_operation(emu, op));
}

void emu_h_operation_get(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	const struct emu_operation *op = emu_map_get(&r->emu->w->op_by_id, r->params[0]);
	if (!op) {
		emu_resp_status(resp, r, 5, NULL, "Operation %s not found", r->params[0]);
		return;
	}
	emu_resp_json(resp, 200, emu_json_operation(r->emu, op));
}
