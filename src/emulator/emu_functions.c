/* emu_functions.c — Cloud Functions reads: functions (with filter=name="x"), one function,
 * versions, one version, a version by tag, runtimes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulator/emu_internal.h"

/* Today's runtimes first, then the old ones that still exist on old versions. */
static const char *const runtimes[] = {
	"nodejs22", "nodejs20", "php82", "python312", "golang121", "java21", "kotlin20", "dotnet8", "r43",
	"bash-2204", "nodejs18", "nodejs16", "python311", "python39", "golang119", "java17", "dotnet6", "bash", "php74",
};

bool emu_runtime_known(const char *id)
{
	for (size_t i = 0; i < sizeof(runtimes) / sizeof(runtimes[0]); i++)
		if (!strcmp(runtimes[i], id))
			return true;
	return false;
}

void emu_h_runtimes(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON *a = cJSON_AddArrayToObject(o, "runtimes");
	for (size_t i = 0; i < sizeof(runtimes) / sizeof(runtimes[0]); i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(runtimes[i]));
	emu_resp_json(resp, 200, o);
}

/* filter=name="x" (the only form the API documents for functions); out gets x. */
static int parse_filter(const char *f, char *out, size_t n)
{
	while (*f == ' ')
		f++;
	if (strncmp(f, "name", 4))
		return -1;
	f += 4;
	while (*f == ' ')
		f++;
	if (*f++ != '=')
		return -1;
	while (*f == ' ')
		f++;
	char q = *f++;
	if (q != '"' && q != '\'')
		return -1;
	const char *end = strchr(f, q);
	if (!end || (size_t)(end - f) >= n)
		return -1;
	for (const char *t = end + 1; *t; t++)
		if (*t != ' ')
			return -1;
	memcpy(out, f, (size_t)(end - f));
	out[end - f] = '\0';
	return 0;
}

void emu_h_functions(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	const char *folder = emu_req_query(r, "folderId");
	const char *filter = emu_req_query(r, "filter");
	char name[128] = "";
	size_t size, start;
	if (!folder || !*folder) {
		emu_resp_status(resp, r, 3, "folder_id", "Illegal argument folder_id: required");
		return;
	}
	if (filter && *filter && parse_filter(filter, name, sizeof(name))) {
		emu_resp_status(resp, r, 3, "filter", "Illegal argument filter: expected name=\"<function name>\"");
		return;
	}
	if (!emu_page_params(r, resp, EMU_PAGE_MAX, &size, &start))
		return;
	const struct emu_vec *v = &r->emu->w->functions;
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "functions");
	size_t got = 0, i = start;
	for (; i < v->n; i++) {
		const struct emu_function *f = v->items[i];
		if (strcmp(f->folder_id, folder) || (*name && strcmp(f->name, name)))
			continue;
		if (got == size)
			break;
		cJSON_AddItemToArray(arr, emu_json_function(r->emu, f));
		got++;
	}
	if (i < v->n) {
		char tok[32];
		emu_page_token(i, tok);
		cJSON_AddStringToObject(o, "nextPageToken", tok);
	}
	emu_resp_json(resp, 200, o);
}

struct emu_function *emu_function_or_404(struct emu_req *r, struct emu_resp *resp, const char *id)
{
	struct emu_function *f = id ? emu_map_get(&r->emu->w->fn_by_id, id) : NULL;
	if (!f)
		emu_resp_status(resp, r, 5, NULL, "Function %s not found", id ? id : "");
	else if (emu_world_materialize(r->emu->w, f)) {
		emu_resp_status(resp, r, 13, NULL, "Internal error: out of memory");
		f = NULL;
	}
	return f;
}

void emu_h_function_get(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	struct emu_function *f = emu_function_or_404(r, resp, r->params[0]);
	if (f)
		emu_resp_json(resp, 200, emu_json_function(r->emu, f));
}

void emu_h_versions(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	const char *fid = emu_req_query(r, "functionId");
	size_t size, start;
	if (!fid || !*fid) {
		emu_resp_status(resp, r, 3, "function_id", "Illegal argument function_id: required");
		return;
	}
	struct emu_function *f = emu_function_or_404(r, resp, fid);
	if (!f || !emu_page_params(r, resp, EMU_PAGE_MAX, &size, &start))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "versions");
	size_t i = start;
	for (; i < f->versions.n && i < start + size; i++)
		cJSON_AddItemToArray(arr, cJSON_Duplicate(((struct emu_version *)f->versions.items[i])->json, 1));
	if (i < f->versions.n) {
		char tok[32];
		emu_page_token(i, tok);
		cJSON_AddStringToObject(o, "nextPageToken", tok);
	}
	emu_resp_json(resp, 200, o);
}

void emu_h_version_get(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	const struct emu_version *v = emu_map_get(&r->emu->w->ver_by_id, r->params[0]);
	if (!v) {
		emu_resp_status(resp, r, 5, NULL, "Version %s not found", r->params[0]);
		return;
	}
	emu_resp_json(resp, 200, cJSON_Duplicate(v->json, 1));
}

void emu_h_version_by_tag(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	const char *fid = emu_req_query(r, "functionId");
	const char *tag = emu_req_query(r, "tag");
	if (!fid || !*fid) {
		emu_resp_status(resp, r, 3, "function_id", "Illegal argument function_id: required");
		return;
	}
	struct emu_function *f = emu_function_or_404(r, resp, fid);
	if (!f)
		return;
	if (!tag || !*tag)
		tag = "$latest";
	const struct emu_version *v = emu_world_version_by_tag(f, tag);
	if (!v) {
		emu_resp_status(resp, r, 5, NULL, "Version with tag %s of function %s not found", tag, fid);
		return;
	}
	emu_resp_json(resp, 200, cJSON_Duplicate(v->json, 1));
}
