/* emu_json.c — the REST JSON of the world's things, and reading a request's JSON body. */
#include <stdio.h>
#include <string.h>

#include "emulator/emu_internal.h"

cJSON *emu_json_resource(const char *id, const char *parent_key, const char *parent_id, const char *created_at,
			 const char *name, const char *description)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	if (parent_key)
		cJSON_AddStringToObject(o, parent_key, parent_id);
	cJSON_AddStringToObject(o, "createdAt", created_at);
	cJSON_AddStringToObject(o, "name", name);
	if (description && *description)
		cJSON_AddStringToObject(o, "description", description);
	return o;
}

cJSON *emu_json_function(const struct emu *emu, const struct emu_function *f)
{
	cJSON *o = emu_json_resource(f->id, "folderId", f->folder_id, f->created_at, f->name, f->description);
	char url[160];
	cJSON_AddItemToObject(o, "labels", f->labels ? cJSON_Duplicate(f->labels, 1) : cJSON_CreateObject());
	cJSON_AddStringToObject(o, "logGroupId", f->log_group_id);
	/* On the emulator, the invoke URL is the emulator's own: one endpoint serves it all. */
	snprintf(url, sizeof(url), "%s/%s", emu->url, f->id);
	cJSON_AddStringToObject(o, "httpInvokeUrl", url);
	cJSON_AddStringToObject(o, "status", "ACTIVE");
	return o;
}

cJSON *emu_json_sa(const struct emu_sa *s)
{
	return emu_json_resource(s->id, "folderId", s->folder_id, s->created_at, s->name, s->description);
}

cJSON *emu_json_operation(const struct emu *emu, const struct emu_operation *op)
{
	long long now = emu_now_ms();
	bool done = now >= op->done_at_ms;
	char modified[40];
	emu_rfc3339(done ? op->done_at_ms : op->created_ms, modified);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", op->id);
	cJSON_AddStringToObject(o, "description", "Create function version");
	cJSON_AddStringToObject(o, "createdAt", op->created_at);
	cJSON_AddStringToObject(o, "createdBy", op->created_by);
	cJSON_AddStringToObject(o, "modifiedAt", modified);
	cJSON_AddBoolToObject(o, "done", done);
	cJSON *md = cJSON_AddObjectToObject(o, "metadata");
	cJSON_AddStringToObject(md, "@type", "type.googleapis.com/yandex.cloud.serverless.functions.v1.CreateFunctionVersionMetadata");
	cJSON_AddStringToObject(md, "functionVersionId", op->version_id);
	if (!done)
		return o;
	if (op->error_code) {
		cJSON *e = cJSON_AddObjectToObject(o, "error");
		cJSON_AddNumberToObject(e, "code", op->error_code);
		cJSON_AddStringToObject(e, "message", op->error_message);
		cJSON *ri = cJSON_CreateObject();
		cJSON_AddStringToObject(ri, "@type", "type.googleapis.com/google.rpc.RequestInfo");
		cJSON_AddStringToObject(ri, "requestId", op->request_id);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(e, "details"), ri);
		return o;
	}
	const struct emu_version *v = emu_map_get(&emu->w->ver_by_id, op->version_id);
	if (!v) {
		cJSON *e = cJSON_AddObjectToObject(o, "error");
		cJSON_AddNumberToObject(e, "code", 13);
		cJSON_AddStringToObject(e, "message", "The version is gone.");
		cJSON_AddArrayToObject(e, "details");
		return o;
	}
	cJSON *resp = cJSON_CreateObject();
	cJSON_AddStringToObject(resp, "@type", "type.googleapis.com/yandex.cloud.serverless.functions.v1.Version");
	const cJSON *it;
	cJSON_ArrayForEach(it, v->json)
		cJSON_AddItemToObject(resp, it->string, cJSON_Duplicate(it, 1));
	cJSON_AddItemToObject(o, "response", resp);
	return o;
}

cJSON *emu_json_parse_body(struct emu_req *r, struct emu_resp *resp)
{
	const char *end = NULL;
	cJSON *j = r->body.len ? cJSON_ParseWithLengthOpts(r->body.buf, r->body.len, &end, 0) : NULL;
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		emu_resp_status(resp, r, 3, NULL, "Request body is not a JSON object");
		return NULL;
	}
	return j;
}
