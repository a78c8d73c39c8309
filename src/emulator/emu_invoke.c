/* emu_invoke.c — invoking a function: POST /{functionId}?integration=async answers 202 at
 * once, then a worker thread runs the function's emulated behaviour with up to retriesCount
 * retries (retry_delay_ms apart) and sends the result message to the success or failure queue
 * (emptyTarget drops it). Without ?integration=async the behaviour runs once and answers.
 * The message format is the emulator's own; docs/emulator.md documents it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emulator/emu_internal.h"
#include "emulator/emu_validate.h"

#define PAYLOAD_MAX (1024 * 1024)

struct emu_invocation {
	char request_id[37];
	char function_id[EMU_ID_LEN + 1], version_id[EMU_ID_LEN + 1];
	char *payload;
	enum emu_behaviour behaviour;
	int fail_times;
	long long timeout_ms;
	int retries, attempts;
	char success_arn[200], failure_arn[200]; /* "" = emptyTarget */
	long long next_ms;                        /* monotonic: when the next attempt runs */
	bool done, ok;
	char delivered[220];                      /* the queue ARN, "dropped" or "undeliverable: ..." */
	char message_id[37];
	cJSON *result;                            /* the last response or error */
	char created_at[40];
};

/* One attempt of the behaviour: true = success; *result gets the response or the error. */
static bool run_attempt(enum emu_behaviour b, int fail_times, long long timeout_ms, int attempt, const char *payload,
			cJSON **result)
{
	char msg[160];
	cJSON *o = cJSON_CreateObject();
	*result = o;
	if (b == EMU_BEH_ECHO || (b == EMU_BEH_FAIL_N && attempt > fail_times)) {
		cJSON_AddNumberToObject(o, "statusCode", 200);
		cJSON_AddStringToObject(o, "body", payload);
		return true;
	}
	if (b == EMU_BEH_TIMEOUT) {
		snprintf(msg, sizeof(msg), "Function execution timed out after %lld.%03llds", timeout_ms / 1000,
			 timeout_ms % 1000);
		cJSON_AddStringToObject(o, "errorMessage", msg);
		cJSON_AddStringToObject(o, "errorType", "Timeout");
		return false;
	}
	if (b == EMU_BEH_FAIL_N)
		snprintf(msg, sizeof(msg), "emulated failure %d of %d", attempt, fail_times);
	else
		snprintf(msg, sizeof(msg), "emulated failure (this function always fails)");
	cJSON_AddStringToObject(o, "errorMessage", msg);
	cJSON_AddStringToObject(o, "errorType", "EmulatedError");
	return false;
}

static cJSON *message_json(const struct emu_invocation *inv)
{
	char finished[40];
	emu_rfc3339(emu_now_ms(), finished);
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "requestId", inv->request_id);
	cJSON_AddStringToObject(m, "functionId", inv->function_id);
	cJSON_AddStringToObject(m, "versionId", inv->version_id);
	cJSON_AddStringToObject(m, "outcome", inv->ok ? "success" : "failure");
	cJSON_AddNumberToObject(m, "attempts", inv->attempts);
	cJSON_AddItemToObject(m, inv->ok ? "response" : "error", cJSON_Duplicate(inv->result, 1));
	cJSON_AddStringToObject(m, "payload", inv->payload);
	cJSON_AddStringToObject(m, "invokedAt", inv->created_at);
	cJSON_AddStringToObject(m, "finishedAt", finished);
	return m;
}

static void deliver(struct emu *emu, struct emu_invocation *inv)
{
	const char *arn = inv->ok ? inv->success_arn : inv->failure_arn;
	if (!*arn) {
		snprintf(inv->delivered, sizeof(inv->delivered), "dropped");
		return;
	}
	char folder[64], name[128];
	struct emu_queue *q = NULL;
	if (!emu_arn_parse(arn, folder, sizeof(folder), name, sizeof(name)))
		q = emu_world_queue(emu->w, folder, name);
	cJSON *m = message_json(inv);
	char *text = cJSON_PrintUnformatted(m);
	cJSON_Delete(m);
	if (q && text && !emu_queue_push(emu->w, q, text, inv->message_id)) {
		snprintf(inv->delivered, sizeof(inv->delivered), "%s", arn);
		pthread_cond_broadcast(&emu->changed);
	} else {
		snprintf(inv->delivered, sizeof(inv->delivered), "undeliverable: no queue %.180s", arn);
	}
	free(text);
}

static void step(struct emu *emu, struct emu_invocation *inv)
{
	cJSON_Delete(inv->result);
	inv->attempts++;
	inv->ok = run_attempt(inv->behaviour, inv->fail_times, inv->timeout_ms, inv->attempts, inv->payload,
			      &inv->result);
	if (inv->ok || inv->attempts > inv->retries) {
		inv->done = true;
		deliver(emu, inv);
	} else {
		inv->next_ms = emu_mono_ms() + emu->retry_delay_ms;
	}
}

static void *invoker_main(void *arg)
{
	struct emu *emu = arg;
	pthread_mutex_lock(&emu->lock);
	while (!atomic_load(&emu->stopping)) {
		long long now = emu_mono_ms(), wait = 200;
		for (size_t i = 0; i < emu->invocations.n; i++) {
			struct emu_invocation *inv = emu->invocations.items[i];
			if (inv->done)
				continue;
			if (inv->next_ms <= now)
				step(emu, inv);
			if (!inv->done && inv->next_ms - now < wait)
				wait = inv->next_ms - now;
		}
		if (wait < 1)
			wait = 1;
		emu_cond_wait_ms(&emu->invoke_cv, &emu->lock, wait);
	}
	pthread_mutex_unlock(&emu->lock);
	return NULL;
}

int emu_invoker_start(struct emu *emu)
{
	pthread_cond_init(&emu->invoke_cv, NULL);
	if (pthread_create(&emu->invoker, NULL, invoker_main, emu))
		return -1;
	emu->invoker_started = true;
	return 0;
}

void emu_invoker_stop(struct emu *emu)
{
	if (!emu->invoker_started)
		return;
	atomic_store(&emu->stopping, true);
	pthread_mutex_lock(&emu->lock);
	pthread_cond_broadcast(&emu->invoke_cv);
	pthread_mutex_unlock(&emu->lock);
	pthread_join(emu->invoker, NULL);
	pthread_cond_destroy(&emu->invoke_cv);
	emu->invoker_started = false;
}

static void invocation_free(struct emu_invocation *inv)
{
	free(inv->payload);
	cJSON_Delete(inv->result);
	free(inv);
}

void emu_invocations_clear(struct emu *emu)
{
	for (size_t i = 0; i < emu->invocations.n; i++)
		invocation_free(emu->invocations.items[i]);
	emu->invocations.n = 0;
}

cJSON *emu_invocations_json(struct emu *emu)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a = cJSON_AddArrayToObject(o, "invocations");
	for (size_t i = 0; i < emu->invocations.n; i++) {
		const struct emu_invocation *inv = emu->invocations.items[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "requestId", inv->request_id);
		cJSON_AddStringToObject(x, "functionId", inv->function_id);
		cJSON_AddStringToObject(x, "versionId", inv->version_id);
		cJSON_AddStringToObject(x, "behaviour", emu_behaviour_name(inv->behaviour));
		cJSON_AddNumberToObject(x, "attempts", inv->attempts);
		cJSON_AddNumberToObject(x, "maxAttempts", inv->retries + 1);
		cJSON_AddStringToObject(x, "state", inv->done ? "done" : "pending");
		cJSON_AddStringToObject(x, "outcome", !inv->done ? "" : inv->ok ? "success" : "failure");
		cJSON_AddStringToObject(x, "queue", inv->delivered);
		cJSON_AddStringToObject(x, "messageId", inv->message_id);
		cJSON_AddItemToArray(a, x);
	}
	return o;
}

static void target_arn(const cJSON *cfg, const char *key, char *out, size_t n)
{
	const cJSON *ymq = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cfg, key), "ymqTarget");
	const cJSON *arn = cJSON_GetObjectItemCaseSensitive(ymq, "queueArn");
	snprintf(out, n, "%s", cJSON_IsString(arn) ? arn->valuestring : "");
}

static struct emu_invocation *invocation_new(struct emu_req *r, const struct emu_version *v, const cJSON *cfg)
{
	struct emu_invocation *inv = calloc(1, sizeof(*inv));
	if (!inv)
		return NULL;
	long long retries = 0;
	emu_json_int64(cJSON_GetObjectItemCaseSensitive(cfg, "retriesCount"), &retries);
	inv->retries = (int)retries;
	memcpy(inv->request_id, r->request_id, sizeof(inv->request_id));
	snprintf(inv->function_id, sizeof(inv->function_id), "%s", v->fn->id);
	snprintf(inv->version_id, sizeof(inv->version_id), "%s", v->id);
	inv->payload = strdup(r->body.buf ? r->body.buf : "");
	inv->behaviour = v->fn->behaviour;
	inv->fail_times = v->fn->fail_times;
	if (emu_json_duration_ms(cJSON_GetObjectItemCaseSensitive(v->json, "executionTimeout"), &inv->timeout_ms))
		inv->timeout_ms = 3000;
	target_arn(cfg, "successTarget", inv->success_arn, sizeof(inv->success_arn));
	target_arn(cfg, "failureTarget", inv->failure_arn, sizeof(inv->failure_arn));
	emu_rfc3339(emu_now_ms(), inv->created_at);
	inv->next_ms = emu_mono_ms();
	if (!inv->payload || emu_vec_push(&r->emu->invocations, inv)) {
		invocation_free(inv);
		return NULL;
	}
	return inv;
}

static void invoke_sync(struct emu_req *r, struct emu_resp *resp, const struct emu_version *v)
{
	cJSON *result = NULL;
	long long timeout_ms = 3000;
	emu_json_duration_ms(cJSON_GetObjectItemCaseSensitive(v->json, "executionTimeout"), &timeout_ms);
	bool ok = run_attempt(v->fn->behaviour, v->fn->fail_times, timeout_ms, 1, r->body.buf ? r->body.buf : "",
			      &result);
	if (ok) {
		emu_resp_text(resp, 200, "text/plain; charset=utf-8", r->body.buf ? r->body.buf : "");
		cJSON_Delete(result);
		return;
	}
	emu_resp_json(resp, v->fn->behaviour == EMU_BEH_TIMEOUT ? 504 : 502, result);
}

void emu_h_invoke(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	struct emu_function *fn = emu_function_or_404(r, resp, r->params[0]);
	if (!fn)
		return;
	const char *tag = emu_req_query(r, "tag");
	const char *integration = emu_req_query(r, "integration");
	bool async = integration && !strcmp(integration, "async");
	if (integration && !async) {
		emu_resp_status(resp, r, 3, "integration", "Illegal argument integration: only \"async\" is known");
		return;
	}
	if (r->body.len > PAYLOAD_MAX) {
		emu_resp_status(resp, r, 3, NULL, "The request body is larger than %d bytes", PAYLOAD_MAX);
		return;
	}
	const struct emu_version *v = emu_world_version_by_tag(fn, tag && *tag ? tag : "$latest");
	if (!v) {
		emu_resp_status(resp, r, 5, NULL, "Function %s has no version with tag %s", fn->id, tag && *tag ? tag : "$latest");
		return;
	}
	if (!async) {
		invoke_sync(r, resp, v);
		return;
	}
	const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(v->json, "asyncInvocationConfig");
	if (!cJSON_IsObject(cfg)) {
		emu_resp_status(resp, r, 9, NULL,
				"Asynchronous invocation is not configured for version %s (tag %s) of function %s", v->id,
				tag && *tag ? tag : "$latest", fn->id);
		return;
	}
	if (strcmp(r->method, "POST")) {
		emu_resp_status(resp, r, 3, NULL, "An async invocation is a POST");
		return;
	}
	if (!invocation_new(r, v, cfg)) {
		emu_resp_status(resp, r, 13, NULL, "Internal error: out of memory");
		return;
	}
	pthread_cond_broadcast(&r->emu->invoke_cv);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "requestId", r->request_id);
	cJSON_AddStringToObject(o, "functionId", fn->id);
	cJSON_AddStringToObject(o, "versionId", v->id);
	emu_resp_json(resp, 202, o);
}
