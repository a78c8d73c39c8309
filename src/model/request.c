/* request.c — the createVersion body from the base version and the draft, and the one printer
 * of it. The base version's answer is the starting point, so every setting the form does not
 * show is carried over untouched; only what the user changed is written over it. */
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

/* Version members that are the server's own (output only) and may not be sent back, and the
 * code sources, of which we send exactly one (versionId). */
static const char *const drop_members[] = {
	"id", "functionId", "createdAt", "imageSize", "status", "tags", "logGroupId", "@type",
	"package", "content", "versionId",
};

/* CreateFunctionVersionRequest's members in the proto's order: the body always prints the same
 * whatever order the answer came in. Members not listed keep their order after these. */
static const char *const canonical_order[] = {
	"functionId", "runtime", "description", "entrypoint", "resources", "executionTimeout",
	"serviceAccountId", "package", "content", "versionId", "environment", "tag", "connectivity",
	"namedServiceAccounts", "secrets", "logOptions", "storageMounts", "asyncInvocationConfig",
	"tmpfsSize", "concurrency", "mounts", "metadataOptions",
};

static bool has_path(const cJSON *o, const char *path)
{
	char key[128];
	while (*path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof key || !cJSON_IsObject(o))
			return false;
		memcpy(key, path, n);
		key[n] = '\0';
		if (!(o = cJSON_GetObjectItemCaseSensitive(o, key)) || cJSON_IsNull(o))
			return false;
		path += dot ? n + 1 : n;
	}
	return true;
}

static cJSON *reorder(cJSON *body)
{
	cJSON *out = cJSON_CreateObject();
	if (!out)
		return NULL;
	for (size_t i = 0; i < sizeof canonical_order / sizeof canonical_order[0]; i++) {
		cJSON *m = cJSON_DetachItemFromObjectCaseSensitive(body, canonical_order[i]);
		if (m)
			cJSON_AddItemToObject(out, canonical_order[i], m);
	}
	while (body->child) {
		cJSON *m = cJSON_DetachItemViaPointer(body, body->child);
		char *k = m->string;
		m->string = NULL;
		cJSON_AddItemToObject(out, k, m);
		free(k);
	}
	return out;
}

static int apply_fields(cJSON *body, const struct yc_draft *d, struct yc_error *err)
{
	for (int i = 0; i < YC_F__COUNT; i++) {
		const struct yc_field_def *f = &model_fields[i];
		if (!model_field_visible(d, f->id))
			continue;
		/* A top-level field the answer lacked is written too, so the body is complete. */
		bool need = model_draft_field_dirty(d, f->id) || (f->parent == YC_F__COUNT && !has_path(body, f->json_path));
		if (need && f->apply(body, d, f->id, err) < 0)
			return -1;
	}
	return 0;
}

static int set_ids(cJSON *body, const struct yc_draft *d, const struct yc_version *base, struct yc_error *err)
{
	const char *fid = d->function_id && *d->function_id ? d->function_id : base->function_id;
	if (!fid || !*fid || !base->id || !*base->id) {
		yc_error_set(err, YC_ERR_VALIDATION, !fid || !*fid ? "functionId" : "versionId",
			     "Не известно, какую функцию и версию менять", "It is not known which function and version to change",
			     "Откройте функцию заново", "Open the function again");
		return -1;
	}
	if (!cJSON_AddStringToObject(body, "functionId", fid) || !cJSON_AddStringToObject(body, "versionId", base->id)) {
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
		return -1;
	}
	return 0;
}

cJSON *model_build_create_request(const struct yc_draft *d, const struct yc_version *base, struct yc_error *err)
{
	struct yc_error first;
	if (model_draft_validate(d, &first, 1) > 0) {
		if (err)
			*err = first;
		return NULL;
	}
	cJSON *body = base->raw && cJSON_IsObject(base->raw) ? cJSON_Duplicate(base->raw, 1) : cJSON_CreateObject();
	if (!body) {
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
		return NULL;
	}
	for (size_t i = 0; i < sizeof drop_members / sizeof drop_members[0]; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(body, drop_members[i]);
	cJSON *out = NULL;
	if (apply_fields(body, d, err) < 0 || set_ids(body, d, base, err) < 0 ||
	    model_check_carried_settings(body, err) < 0)
		goto done;
	if (!(out = reorder(body)))
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
done:
	cJSON_Delete(body);
	return out;
}

char *model_request_print(const cJSON *body)
{
	return body ? cJSON_Print(body) : NULL;
}
