/* calls.c — the Cloud Functions, Resource Manager, IAM and Operation calls: one table row per
 * endpoint (service, path, how its answer parses), a list follows nextPageToken to the end,
 * the operation is polled with a growing interval.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"

#define MAX_PAGES 10000 /* 10 million items */
#define POLL_FIRST_MS 100
#define POLL_MAX_MS 2000

typedef int (*page_fn)(struct api_result *r, const cJSON *o, char **next, struct yc_error *err);
typedef int (*one_fn)(struct api_result *r, const cJSON *o, struct yc_error *err);

static int page_clouds(struct api_result *r, const cJSON *o, char **n, struct yc_error *e)
{
	return model_parse_cloud_page(o, &r->u.clouds, n, e);
}
static int page_folders(struct api_result *r, const cJSON *o, char **n, struct yc_error *e)
{
	return model_parse_folder_page(o, &r->u.folders, n, e);
}
static int page_functions(struct api_result *r, const cJSON *o, char **n, struct yc_error *e)
{
	return model_parse_function_page(o, &r->u.functions, n, e);
}
static int page_versions(struct api_result *r, const cJSON *o, char **n, struct yc_error *e)
{
	return model_parse_version_page(o, &r->u.versions, n, e);
}
static int page_sas(struct api_result *r, const cJSON *o, char **n, struct yc_error *e)
{
	return model_parse_service_account_page(o, &r->u.service_accounts, n, e);
}
static int one_function(struct api_result *r, const cJSON *o, struct yc_error *e)
{
	return model_parse_function(o, &r->u.function, e);
}
static int one_version(struct api_result *r, const cJSON *o, struct yc_error *e)
{
	return model_parse_version(o, &r->u.version, e);
}
static int one_runtimes(struct api_result *r, const cJSON *o, struct yc_error *e)
{
	return model_parse_runtimes(o, &r->u.runtimes, e);
}
static int one_operation(struct api_result *r, const cJSON *o, struct yc_error *e)
{
	yc_operation_free(&r->u.operation); /* a poll replaces the previous answer */
	return model_parse_operation(o, &r->u.operation, e);
}

/* The JSON calls: what answers them and how. */
static const struct call_def {
	enum api_service svc;
	const char *path; /* printf format over the (escaped) argument */
	page_fn page;
	one_fn one;
} defs[API_CALL__COUNT] = {
	[API_CALL_CLOUDS] = {API_SVC_RESOURCE_MANAGER, "resource-manager/v1/clouds?pageSize=1000", page_clouds, NULL},
	[API_CALL_FOLDERS] = {API_SVC_RESOURCE_MANAGER, "resource-manager/v1/folders?cloudId=%s&pageSize=1000",
			      page_folders, NULL},
	[API_CALL_FUNCTIONS] = {API_SVC_FUNCTIONS, "functions/v1/functions?folderId=%s&pageSize=1000",
				page_functions, NULL},
	[API_CALL_FUNCTION] = {API_SVC_FUNCTIONS, "functions/v1/functions/%s", NULL, one_function},
	[API_CALL_VERSIONS] = {API_SVC_FUNCTIONS, "functions/v1/versions?functionId=%s&pageSize=1000", page_versions,
			       NULL},
	[API_CALL_VERSION] = {API_SVC_FUNCTIONS, "functions/v1/versions/%s", NULL, one_version},
	[API_CALL_RUNTIMES] = {API_SVC_FUNCTIONS, "functions/v1/runtimes", NULL, one_runtimes},
	[API_CALL_SERVICE_ACCOUNTS] = {API_SVC_IAM, "iam/v1/serviceAccounts?folderId=%s&pageSize=1000", page_sas,
				       NULL},
	[API_CALL_CREATE_VERSION] = {API_SVC_FUNCTIONS, "functions/v1/versions", NULL, one_operation},
	[API_CALL_OPERATION] = {API_SVC_OPERATION, "operations/%s", NULL, one_operation},
};

void api_result_free(struct api_result *r)
{
	switch (r->call) {
	case API_CALL_CLOUDS: yc_cloud_list_free(&r->u.clouds); break;
	case API_CALL_FOLDERS: yc_folder_list_free(&r->u.folders); break;
	case API_CALL_FUNCTIONS: yc_function_list_free(&r->u.functions); break;
	case API_CALL_FUNCTION: yc_function_free(&r->u.function); break;
	case API_CALL_VERSIONS: yc_version_list_free(&r->u.versions); break;
	case API_CALL_VERSION: yc_version_free(&r->u.version); break;
	case API_CALL_RUNTIMES: yc_string_list_free(&r->u.runtimes); break;
	case API_CALL_SERVICE_ACCOUNTS: yc_service_account_list_free(&r->u.service_accounts); break;
	case API_CALL_CREATE_VERSION:
	case API_CALL_OPERATION: yc_operation_free(&r->u.operation); break;
	case API_CALL_QUEUES: yc_queue_list_free(&r->u.queues); break;
	case API_CALL_RECEIVE: yc_message_list_free(&r->u.messages); break;
	case API_CALL_INVOKE: yc_invoke_result_free(&r->u.invoke); break;
	default: break;
	}
	memset(&r->u, 0, sizeof r->u);
}

/* Copies what the transfer knows into the result, finishing the job on an error. */
static bool take_error(struct api_job *job, struct api_xfer *x, const struct yc_error *err)
{
	job->res.http_status = x->status;
	snprintf(job->res.request_id, sizeof job->res.request_id, "%s", x->request_id);
	if (err->kind == YC_ERR_NONE)
		return false;
	job->res.err = *err;
	api_job_finish(job);
	return true;
}

static void bad_answer(struct api_job *job, struct yc_error *e)
{
	api_error_bad_answer(job->res.call, e);
	job->res.err = *e;
	api_job_finish(job);
}

static void page_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	if (take_error(job, x, err))
		return;
	const struct call_def *d = &defs[job->res.call];
	struct yc_error e;
	yc_error_clear(&e);
	char *next = NULL;
	if (d->page(&job->res, json, &next, &e) != 0) {
		free(next);
		bad_answer(job, &e);
		return;
	}
	if (!next || !*next) {
		free(next);
		api_job_finish(job);
		return;
	}
	if (++job->polls > MAX_PAGES || (job->page_token && strcmp(job->page_token, next) == 0)) {
		free(next); /* a server that hands out the same page again would keep us here forever */
		yc_error_set(&e, YC_ERR_PARSE, "nextPageToken", "nextPageToken повторяется", "nextPageToken repeats",
			     NULL, NULL);
		bad_answer(job, &e);
		return;
	}
	free(job->page_token);
	job->page_token = strdup(next);
	char *tok = api_url_escape(next);
	free(next);
	size_t n = strlen(job->arg) + (tok ? strlen(tok) : 0) + 16;
	char *url = malloc(n);
	if (tok && url) {
		snprintf(url, n, "%s&pageToken=%s", job->arg, tok);
		api_xfer_submit(job->api, job, "GET", url, NULL, 0, API_AUTH_BEARER, page_done);
	} else {
		yc_error_set(&job->res.err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
		api_job_finish(job);
	}
	free(tok);
	free(url);
}

static void one_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	if (take_error(job, x, err))
		return;
	struct yc_error e;
	yc_error_clear(&e);
	if (defs[job->res.call].one(&job->res, json, &e) != 0)
		bad_answer(job, &e);
	else
		api_job_finish(job);
}

static api_req fail_arg(struct api_job *job, const char *field)
{
	struct yc_error e;
	yc_error_clear(&e);
	char ru[160], en[160];
	snprintf(ru, sizeof ru, "%s: не указан %s", api_call_name(job->res.call), field);
	snprintf(en, sizeof en, "%s: %s is not set", api_call_name(job->res.call), field);
	yc_error_set(&e, YC_ERR_VALIDATION, field, ru, en, "Укажите значение (флаг или профиль yc).",
		     "Give the value (a flag or the yc profile).");
	return api_job_fail(job, &e);
}

/* Sends the job's GET of path on svc (the URL kept in job->arg); path NULL means building it ran
 * out of memory. Returns the job's id, failed at once when out of memory. */
static api_req submit_get(struct api_job *job, enum api_service svc, const char *path, api_xfer_done_fn done)
{
	job->arg = path ? api_url(job->api, svc, path) : NULL;
	if (!job->arg || !api_xfer_submit(job->api, job, "GET", job->arg, NULL, 0, API_AUTH_BEARER, done))
		return api_job_fail_nomem(job);
	return job->id;
}

/* A GET of call's path with arg (escaped) put in; extra is appended to the query as is. */
static api_req get_call(struct api *api, enum api_call call, const char *arg, const char *arg_name,
			const char *extra, api_done_fn cb, void *ud)
{
	struct api_job *job = api_job_new(api, call, cb, ud);
	if (!job)
		return 0;
	const struct call_def *d = &defs[call];
	if (strstr(d->path, "%s") && (!arg || !*arg))
		return fail_arg(job, arg_name);
	char *esc = api_url_escape(arg ? arg : "");
	size_t n = strlen(d->path) + (esc ? strlen(esc) : 0) + (extra ? strlen(extra) : 0) + 1;
	char *path = malloc(n);
	if (path && esc) {
		/* the table's "%s" is where the argument goes */
		const char *at = strstr(d->path, "%s");
		int head = at ? (int)(at - d->path) : (int)strlen(d->path);
		snprintf(path, n, "%.*s%s%s%s", head, d->path, at ? esc : "", at ? at + 2 : "", extra ? extra : "");
	}
	api_req id = submit_get(job, d->svc, path && esc ? path : NULL, d->page ? page_done : one_done);
	free(esc);
	free(path);
	return id;
}

api_req api_list_clouds(struct api *api, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_CLOUDS, NULL, NULL, NULL, cb, ud);
}

api_req api_list_folders(struct api *api, const char *cloud_id, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_FOLDERS, cloud_id, "cloud-id", NULL, cb, ud);
}

api_req api_list_functions(struct api *api, const char *folder_id, const char *name, api_done_fn cb, void *ud)
{
	char *extra = NULL;
	if (name) {
		size_t n = strlen(name) + 16;
		char *f = malloc(n);
		if (f) {
			snprintf(f, n, "name=\"%s\"", name);
			char *esc = api_url_escape(f);
			if (esc && (extra = malloc(strlen(esc) + 16)))
				sprintf(extra, "&filter=%s", esc);
			free(esc);
		}
		free(f);
	}
	api_req r = get_call(api, API_CALL_FUNCTIONS, folder_id, "folder-id", extra, cb, ud);
	free(extra);
	return r;
}

api_req api_get_function(struct api *api, const char *function_id, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_FUNCTION, function_id, "function-id", NULL, cb, ud);
}

api_req api_list_versions(struct api *api, const char *function_id, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_VERSIONS, function_id, "function-id", NULL, cb, ud);
}

api_req api_get_version(struct api *api, const char *version_id, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_VERSION, version_id, "version-id", NULL, cb, ud);
}

api_req api_get_version_by_tag(struct api *api, const char *function_id, const char *tag, api_done_fn cb, void *ud)
{
	struct api_job *job = api_job_new(api, API_CALL_VERSION, cb, ud);
	if (!job)
		return 0;
	if (!function_id || !*function_id)
		return fail_arg(job, "function-id");
	char *f = api_url_escape(function_id), *t = api_url_escape(tag && *tag ? tag : "$latest");
	char path[600];
	snprintf(path, sizeof path, "functions/v1/versions:byTag?functionId=%.250s&tag=%.250s", f ? f : "", t ? t : "");
	free(f);
	free(t);
	return submit_get(job, API_SVC_FUNCTIONS, path, one_done);
}

api_req api_list_runtimes(struct api *api, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_RUNTIMES, NULL, NULL, NULL, cb, ud);
}

api_req api_list_service_accounts(struct api *api, const char *folder_id, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_SERVICE_ACCOUNTS, folder_id, "folder-id", NULL, cb, ud);
}

api_req api_get_operation(struct api *api, const char *operation_id, api_done_fn cb, void *ud)
{
	return get_call(api, API_CALL_OPERATION, operation_id, "operation-id", NULL, cb, ud);
}

/* ---------- createVersion ---------- */

static bool has_string(const cJSON *o, const char *name)
{
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, name));
	return v && *v;
}

/* Does the new version name a service account (so a 403 may be iam.serviceAccounts.user)? */
static bool names_service_account(const cJSON *body)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig");
	const char *targets[] = {"successTarget", "failureTarget"};
	bool any = has_string(body, "serviceAccountId") || has_string(a, "serviceAccountId");
	for (int i = 0; i < 2 && !any; i++) {
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, targets[i]);
		any = has_string(cJSON_GetObjectItemCaseSensitive(t, "ymqTarget"), "serviceAccountId");
	}
	return any;
}

api_req api_create_version(struct api *api, const cJSON *body, const char *idempotency_key, api_done_fn cb,
			   void *ud)
{
	struct api_job *job = api_job_new(api, API_CALL_CREATE_VERSION, cb, ud);
	if (!job)
		return 0;
	if (!body)
		return fail_arg(job, "body");
	if (!idempotency_key || !*idempotency_key || strlen(idempotency_key) > 64)
		return fail_arg(job, "Idempotency-Key");
	job->sa_involved = names_service_account(body);
	char *text = model_request_print(body);
	char *url = api_url(api, API_SVC_FUNCTIONS, defs[API_CALL_CREATE_VERSION].path);
	struct api_xfer *x = NULL;
	if (text && url)
		x = api_xfer_submit(api, job, "POST", url, text, strlen(text), API_AUTH_BEARER, one_done);
	if (x) {
		x->retry = API_RETRY_IDEM_KEY; /* safe to resend: the same key gets the same operation */
		x->idem_key = strdup(idempotency_key);
		x->content_type = strdup("application/json");
	}
	free(text);
	free(url);
	return x ? job->id : api_job_fail_nomem(job);
}

/* ---------- waiting for an operation ---------- */

static void poll_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	if (take_error(job, x, err))
		return;
	struct yc_error e;
	yc_error_clear(&e);
	if (one_operation(&job->res, json, &e) != 0) {
		bad_answer(job, &e);
		return;
	}
	struct yc_operation *op = &job->res.u.operation;
	if (op->done) {
		if (op->failed) {
			job->res.err = op->error;
			if (!job->res.err.request_id[0])
				snprintf(job->res.err.request_id, sizeof job->res.err.request_id, "%s", x->request_id);
		}
		api_job_finish(job);
		return;
	}
	/* a growing interval: quick for the common few-second deploy, gentle for a long one */
	job->poll_interval_ms = job->poll_interval_ms * 5 / 4;
	if (job->poll_interval_ms > POLL_MAX_MS)
		job->poll_interval_ms = POLL_MAX_MS;
	api_xfer_delay(api_xfer_submit(job->api, job, "GET", job->arg, NULL, 0, API_AUTH_BEARER, poll_done),
		       api_now_ms() + job->poll_interval_ms);
}

api_req api_wait_operation(struct api *api, const char *operation_id, api_done_fn cb, void *ud)
{
	struct api_job *job = api_job_new(api, API_CALL_OPERATION, cb, ud);
	if (!job)
		return 0;
	if (!operation_id || !*operation_id)
		return fail_arg(job, "operation-id");
	char *esc = api_url_escape(operation_id);
	char path[400];
	snprintf(path, sizeof path, "operations/%.300s", esc ? esc : "");
	free(esc);
	job->arg = api_url(api, API_SVC_OPERATION, path);
	job->poll_interval_ms = POLL_FIRST_MS;
	/* the operation was just created: its first answer is known, so ask only after a while */
	struct api_xfer *x = job->arg ? api_xfer_submit(api, job, "GET", job->arg, NULL, 0, API_AUTH_BEARER, poll_done)
				      : NULL;
	if (!x)
		return api_job_fail_nomem(job);
	api_xfer_delay(x, api_now_ms() + POLL_FIRST_MS);
	return job->id;
}
