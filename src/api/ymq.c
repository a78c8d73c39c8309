/* ymq.c — Message Queue (SQS query API, signed by libcurl with SigV4 and the static key) and
 * the function's invocation with ?integration=async.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"

#define YMQ_VERSION "Version=2012-11-05"
#define INVOKE_BODY_MAX (64 * 1024)

static api_req no_static_key(struct api_job *job)
{
	struct yc_error e;
	yc_error_clear(&e);
	yc_error_set(&e, YC_ERR_AUTH, "aws_access_key_id", "Нет статического ключа доступа для Message Queue",
		     "No static access key for Message Queue",
		     "Задайте AWS_ACCESS_KEY_ID и AWS_SECRET_ACCESS_KEY или ~/.aws/credentials (yc iam access-key "
		     "create), либо введите ARN очереди вручную.",
		     "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or ~/.aws/credentials (yc iam access-key "
		     "create), or type the queue ARN.");
	return api_job_fail(job, &e);
}

static struct api_xfer *ymq_post(struct api_job *job, const char *form, enum api_retry_class retry,
				 api_xfer_done_fn done)
{
	char *url = api_url(job->api, API_SVC_YMQ, "/");
	struct api_xfer *x = url ? api_xfer_submit(job->api, job, "POST", url, form, strlen(form), API_AUTH_SIGV4,
						   done)
				 : NULL;
	free(url);
	if (x) {
		x->retry = retry;
		x->want_json = false;
		x->content_type = strdup("application/x-www-form-urlencoded");
	}
	return x;
}

/* ymq_post of a form printed from fmt: the caller's values are already url-escaped. NULL when
 * out of memory. */
static struct api_xfer *ymq_post_form(struct api_job *job, enum api_retry_class retry, api_xfer_done_fn done,
				      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static struct api_xfer *ymq_post_form(struct api_job *job, enum api_retry_class retry, api_xfer_done_fn done,
				      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *form = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (!form)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(form, (size_t)n + 1, fmt, ap);
	va_end(ap);
	struct api_xfer *x = ymq_post(job, form, retry, done);
	free(form);
	return x;
}

static bool take_error(struct api_job *job, struct api_xfer *x, const struct yc_error *err)
{
	job->res.http_status = x->status;
	if (!job->res.request_id[0])
		snprintf(job->res.request_id, sizeof job->res.request_id, "%s", x->request_id);
	if (err->kind == YC_ERR_NONE)
		return false;
	if (job->res.err.kind == YC_ERR_NONE)
		job->res.err = *err;
	return true;
}

static void fail_parse(struct api_job *job, struct yc_error *e)
{
	api_error_bad_answer(job->res.call, e);
	if (job->res.err.kind == YC_ERR_NONE)
		job->res.err = *e;
}

/* One GetQueueAttributes answered: the ARN goes to its queue; the list is whole when all have. */
static void arn_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	(void)json;
	struct yc_error e;
	yc_error_clear(&e);
	if (!take_error(job, x, err)) {
		char *arn = NULL;
		if (api_ymq_parse_queue_arn(x->resp.data, x->resp.len, &arn, &e) != 0)
			fail_parse(job, &e);
		else if (x->tag >= 0 && (size_t)x->tag < job->res.u.queues.n)
			api_set_str(&job->res.u.queues.items[x->tag].arn, arn);
		free(arn);
	}
	if (job->pending == 0)
		api_job_finish(job); /* a queue whose ARN failed keeps arn NULL; err says why */
}

static void list_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	(void)json;
	if (take_error(job, x, err)) {
		api_job_finish(job);
		return;
	}
	struct yc_error e;
	yc_error_clear(&e);
	if (api_ymq_parse_queue_urls(x->resp.data, x->resp.len, &job->res.u.queues, &e) != 0) {
		fail_parse(job, &e);
		api_job_finish(job);
		return;
	}
	for (size_t i = 0; i < job->res.u.queues.n; i++) { /* all at once: curl runs them in parallel */
		char *q = api_url_escape(job->res.u.queues.items[i].url);
		struct api_xfer *a = q ? ymq_post_form(job, API_RETRY_IDEMPOTENT, arn_done,
						       "Action=GetQueueAttributes&%s&QueueUrl=%s&AttributeName.1=QueueArn",
						       YMQ_VERSION, q)
				       : NULL;
		if (a)
			a->tag = (long)i;
		free(q);
	}
	if (job->pending == 0)
		api_job_finish(job);
}

api_req api_list_queues(struct api *api, const char *name_prefix, api_done_fn cb, void *ud)
{
	struct api_job *job = api_job_new(api, API_CALL_QUEUES, cb, ud);
	if (!job)
		return 0;
	if (!api->cfg.aws_access_key_id || !api->cfg.aws_secret_access_key)
		return no_static_key(job);
	char *p = api_url_escape(name_prefix ? name_prefix : "");
	struct api_xfer *x = p ? ymq_post_form(job, API_RETRY_IDEMPOTENT, list_done, "Action=ListQueues&%s%s%s",
					       YMQ_VERSION, p[0] ? "&QueueNamePrefix=" : "", p)
			       : NULL;
	free(p);
	return x ? job->id : api_job_fail_nomem(job);
}

static void receive_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	(void)json;
	struct yc_error e;
	yc_error_clear(&e);
	if (!take_error(job, x, err) &&
	    api_ymq_parse_messages(x->resp.data, x->resp.len, &job->res.u.messages, &e) != 0)
		fail_parse(job, &e);
	api_job_finish(job);
}

api_req api_receive_messages(struct api *api, const char *queue_url, int max, api_done_fn cb, void *ud)
{
	struct api_job *job = api_job_new(api, API_CALL_RECEIVE, cb, ud);
	if (!job)
		return 0;
	if (!api->cfg.aws_access_key_id || !api->cfg.aws_secret_access_key)
		return no_static_key(job);
	if (max < 1)
		max = 1;
	if (max > 10)
		max = 10; /* the API's own limit */
	char *q = api_url_escape(queue_url ? queue_url : "");
	/* receiving hides the messages for a while: never sent twice */
	struct api_xfer *x = q ? ymq_post_form(job, API_RETRY_NEVER, receive_done,
					       "Action=ReceiveMessage&%s&QueueUrl=%s&MaxNumberOfMessages=%d"
					       "&WaitTimeSeconds=0&AttributeName.1=All",
					       YMQ_VERSION, q, max)
			       : NULL;
	free(q);
	return x ? job->id : api_job_fail_nomem(job);
}

/* ---------- invoke ---------- */

static void invoke_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	(void)json;
	struct yc_invoke_result *r = &job->res.u.invoke;
	job->res.http_status = x->status;
	snprintf(job->res.request_id, sizeof job->res.request_id, "%s", x->request_id);
	r->http_status = x->status;
	r->request_id = x->request_id[0] ? strdup(x->request_id) : NULL;
	size_t n = x->resp.len < INVOKE_BODY_MAX ? x->resp.len : INVOKE_BODY_MAX;
	r->body = strndup(x->resp.data ? x->resp.data : "", n);
	job->res.err = *err;
	api_job_finish(job);
}

api_req api_invoke(struct api *api, const char *function_id, const char *tag, bool async, const char *body,
		   size_t len, api_done_fn cb, void *ud)
{
	struct api_job *job = api_job_new(api, API_CALL_INVOKE, cb, ud);
	if (!job)
		return 0;
	struct yc_error e;
	yc_error_clear(&e);
	if (!function_id || !*function_id) {
		yc_error_set(&e, YC_ERR_VALIDATION, "function-id", "Не указан идентификатор функции",
			     "The function id is not set", "Укажите --id функции.", "Give the function's --id.");
		return api_job_fail(job, &e);
	}
	char *f = api_url_escape(function_id), *t = tag && *tag ? api_url_escape(tag) : NULL;
	char path[700];
	snprintf(path, sizeof path, "%.300s%s%s%s%.300s", f ? f : "", async ? "?integration=async" : "",
		 t ? (async ? "&" : "?") : "", t ? "tag=" : "", t ? t : "");
	free(f);
	free(t);
	char *url = api_url(api, API_SVC_INVOKE, path);
	struct api_xfer *x = url ? api_xfer_submit(api, job, "POST", url, body ? body : "", body ? len : 0,
						   API_AUTH_BEARER, invoke_done)
				 : NULL;
	free(url);
	if (!x)
		return api_job_fail_nomem(job);
	x->want_json = false;
	x->content_type = strdup("application/json");
	return job->id;
}
