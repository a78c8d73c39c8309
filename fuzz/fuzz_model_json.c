/* fuzz_model_json — every parser of API answers on arbitrary bytes: model_json_parse, then
 * each resource, page, operation, status and runtimes parser on the object, and a draft and a
 * request from whatever parsed as a version. */
#include <stdint.h>
#include <stdlib.h>

#include "model/model.h"

static void pages(const cJSON *j)
{
	char *next = NULL;
	struct yc_cloud_list cl = {0};
	struct yc_folder_list fl = {0};
	struct yc_function_list fn = {0};
	struct yc_service_account_list sa = {0};
	struct yc_version_list vl = {0};
	struct yc_string_list rt = {0};
	model_parse_cloud_page(j, &cl, &next, NULL);
	free(next);
	model_parse_folder_page(j, &fl, &next, NULL);
	free(next);
	model_parse_function_page(j, &fn, &next, NULL);
	free(next);
	model_parse_service_account_page(j, &sa, &next, NULL);
	free(next);
	model_parse_version_page(j, &vl, &next, NULL);
	free(next);
	model_parse_runtimes(j, &rt, NULL);
	yc_cloud_list_free(&cl);
	yc_folder_list_free(&fl);
	yc_function_list_free(&fn);
	yc_service_account_list_free(&sa);
	yc_version_list_free(&vl);
	yc_string_list_free(&rt);
}

static void resources(const cJSON *j)
{
	struct yc_cloud c;
	struct yc_folder f;
	struct yc_function fn;
	struct yc_service_account s;
	struct yc_operation op;
	struct yc_async_config ac;
	struct yc_error err;
	if (model_parse_cloud(j, &c, &err) == 0)
		yc_cloud_free(&c);
	if (model_parse_folder(j, &f, &err) == 0)
		yc_folder_free(&f);
	if (model_parse_function(j, &fn, &err) == 0)
		yc_function_free(&fn);
	if (model_parse_service_account(j, &s, &err) == 0)
		yc_service_account_free(&s);
	if (model_parse_operation(j, &op, &err) == 0)
		yc_operation_free(&op);
	if (model_parse_async_config(j, &ac, &err) == 0) {
		cJSON_Delete(model_async_config_to_json(&ac));
		yc_async_config_free(&ac);
	}
	yc_error_clear(&err);
	model_parse_status(j, &err);
	char line[300];
	yc_error_format(&err, YC_LANG_RU, line, sizeof line);
}

/* A version that parses goes the whole way: draft, request, printer, command, diff. */
static void version(const cJSON *j)
{
	struct yc_version v;
	struct yc_draft d;
	struct yc_diff df;
	if (model_parse_version(j, &v, NULL) < 0)
		return;
	if (model_draft_from_version(&d, &v, NULL) == 0) {
		model_draft_set(&d, YC_F_ASYNC_RETRIES, "5"); /* one dirty field exercises apply */
		cJSON *body = model_build_create_request(&d, &v, NULL);
		free(model_request_print(body));
		cJSON_Delete(body);
		free(model_yc_command(&d, &v));
		if (model_draft_diff(&d, YC_LANG_EN, &df) == 0)
			yc_diff_free(&df);
		model_draft_free(&d);
	}
	yc_version_free(&v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* NOLINT(readability-identifier-naming): libFuzzer's name */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) /* NOLINT(readability-identifier-naming) */
{
	cJSON *j = NULL;
	if (model_json_parse((const char *)data, size, &j, NULL) < 0)
		return 0;
	pages(j);
	resources(j);
	version(j);
	cJSON_Delete(j);
	return 0;
}
