/* parse.c — API answers into the model's structs. Nothing in an answer is trusted: every
 * member is type-checked and capped; a failure names the member and leaves *out empty. */
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

/* Sanity bounds, not the API's rules (those are validation's job): an old version may well
 * hold a value that a new one may not, and must still open. */
#define BYTES_MAX ((int64_t)1 << 50)
#define COUNT_MAX ((int64_t)1000000000)

int model_parse_cloud(const cJSON *o, struct yc_cloud *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	if (mj_str(o, "id", true, &out->id, err) || mj_str(o, "name", false, &out->name, err) ||
	    mj_str(o, "createdAt", false, &out->created_at, err) ||
	    mj_str(o, "description", false, &out->description, err)) {
		yc_cloud_free(out);
		return -1;
	}
	return 0;
}

int model_parse_folder(const cJSON *o, struct yc_folder *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	if (mj_str(o, "id", true, &out->id, err) || mj_str(o, "cloudId", false, &out->cloud_id, err) ||
	    mj_str(o, "name", false, &out->name, err) || mj_str(o, "status", false, &out->status, err) ||
	    mj_str(o, "createdAt", false, &out->created_at, err) ||
	    mj_str(o, "description", false, &out->description, err)) {
		yc_folder_free(out);
		return -1;
	}
	return 0;
}

int model_parse_function(const cJSON *o, struct yc_function *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	if (mj_str(o, "id", true, &out->id, err) || mj_str(o, "folderId", false, &out->folder_id, err) ||
	    mj_str(o, "createdAt", false, &out->created_at, err) || mj_str(o, "name", false, &out->name, err) ||
	    mj_str(o, "description", false, &out->description, err) ||
	    mj_str(o, "httpInvokeUrl", false, &out->http_invoke_url, err) ||
	    mj_str(o, "status", false, &out->status, err) || mj_kv_map(o, "labels", &out->labels, err)) {
		yc_function_free(out);
		return -1;
	}
	return 0;
}

int model_parse_service_account(const cJSON *o, struct yc_service_account *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	if (mj_str(o, "id", true, &out->id, err) || mj_str(o, "folderId", false, &out->folder_id, err) ||
	    mj_str(o, "name", false, &out->name, err) || mj_str(o, "description", false, &out->description, err) ||
	    mj_str(o, "createdAt", false, &out->created_at, err)) {
		yc_service_account_free(out);
		return -1;
	}
	return 0;
}

static int parse_version_numbers(const cJSON *o, struct yc_version *v, struct yc_error *err)
{
	const cJSON *res;
	if (mj_object(o, "resources", &res, err) < 0)
		return -1;
	if (res && mj_int64(res, "memory", 0, BYTES_MAX, &v->memory, err) < 0) {
		mj_prefix(err, "resources", -1);
		return -1;
	}
	char *timeout = NULL;
	if (mj_str(o, "executionTimeout", false, &timeout, err) < 0)
		return -1;
	if (timeout) {
		struct yc_error e2;
		int rc = model_parse_duration(timeout, &v->execution_timeout_ms, &e2);
		free(timeout);
		if (rc < 0) {
			mj_fail(err, "executionTimeout", "Длительность не разобрана", "The duration does not parse");
			return -1;
		}
	}
	if (mj_int64(o, "imageSize", 0, BYTES_MAX, &v->image_size, err) ||
	    mj_int64(o, "concurrency", 0, COUNT_MAX, &v->concurrency, err) ||
	    mj_int64(o, "tmpfsSize", 0, BYTES_MAX, &v->tmpfs_size, err))
		return -1;
	return 0;
}

static int parse_version_strings(const cJSON *o, struct yc_version *v, struct yc_error *err)
{
	return mj_str(o, "id", true, &v->id, err) || mj_str(o, "functionId", false, &v->function_id, err) ||
	       mj_str(o, "description", false, &v->description, err) ||
	       mj_str(o, "createdAt", false, &v->created_at, err) || mj_str(o, "runtime", false, &v->runtime, err) ||
	       mj_str(o, "entrypoint", false, &v->entrypoint, err) ||
	       mj_str(o, "serviceAccountId", false, &v->service_account_id, err) ||
	       mj_str(o, "status", false, &v->status, err) || mj_str(o, "logGroupId", false, &v->log_group_id, err);
}

int model_parse_version(const cJSON *o, struct yc_version *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(o)) {
		mj_fail(err, "", "Версия функции должна быть объектом JSON", "A function version must be a JSON object");
		return -1;
	}
	const cJSON *async;
	if (parse_version_strings(o, out, err) || parse_version_numbers(o, out, err) ||
	    mj_str_array(o, "tags", &out->tags, err) || mj_kv_map(o, "environment", &out->environment, err) ||
	    mj_object(o, "asyncInvocationConfig", &async, err))
		goto fail;
	if (async && model_parse_async_config(async, &out->async, err) < 0) {
		mj_prefix(err, "asyncInvocationConfig", -1);
		goto fail;
	}
	if (!(out->raw = cJSON_Duplicate(o, 1))) {
		yc_error_set(err, YC_ERR_NOMEM, "", "Не хватает памяти", "Out of memory", NULL, NULL);
		goto fail;
	}
	return 0;
fail:
	yc_version_free(out);
	return -1;
}

static int parse_operation_result(const cJSON *o, struct yc_operation *op, struct yc_error *err)
{
	const cJSON *e, *r;
	if (mj_object(o, "error", &e, err) < 0 || mj_object(o, "response", &r, err) < 0)
		return -1;
	if (e) {
		yc_error_clear(&op->error);
		if (model_parse_status(e, &op->error) < 0) {
			mj_fail(err, "error", "Ошибка операции не в формате google.rpc.Status",
				"The operation's error is not a google.rpc.Status");
			return -1;
		}
		op->failed = true;
		return 0;
	}
	if (r && op->done) {
		if (!(op->response = calloc(1, sizeof *op->response))) {
			yc_error_set(err, YC_ERR_NOMEM, "response", "Не хватает памяти", "Out of memory", NULL, NULL);
			return -1;
		}
		if (model_parse_version(r, op->response, err) < 0) {
			mj_prefix(err, "response", -1);
			free(op->response);
			op->response = NULL;
			return -1;
		}
	}
	return 0;
}

int model_parse_operation(const cJSON *o, struct yc_operation *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	const cJSON *meta;
	if (mj_str(o, "id", true, &out->id, err) || mj_str(o, "description", false, &out->description, err) ||
	    mj_str(o, "createdAt", false, &out->created_at, err) ||
	    mj_str(o, "createdBy", false, &out->created_by, err) ||
	    mj_str(o, "modifiedAt", false, &out->modified_at, err) || mj_bool(o, "done", &out->done, err) ||
	    mj_object(o, "metadata", &meta, err))
		goto fail;
	if (meta && mj_str(meta, "functionVersionId", false, &out->version_id, err) < 0) {
		mj_prefix(err, "metadata", -1);
		goto fail;
	}
	if (parse_operation_result(o, out, err) < 0)
		goto fail;
	return 0;
fail:
	yc_operation_free(out);
	return -1;
}
