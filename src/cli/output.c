/* output.c — what the commands print: yc-like YAML text, or JSON with --format json. Everything
 * that came from the network is printed with control characters replaced, so an answer cannot
 * drive the user's terminal. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"

static void put_clean(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, f);
}

static void kv(FILE *f, int indent, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	fprintf(f, "%*s%s: ", indent, "", key);
	put_clean(f, value);
	fputc('\n', f);
}

static void print_json(FILE *f, const cJSON *j)
{
	char *text = j ? cJSON_Print(j) : NULL;
	fprintf(f, "%s\n", text ? text : "null");
	free(text);
}

static void print_target(FILE *f, const char *name, const struct yc_async_target *t)
{
	fprintf(f, "  %s:\n", name);
	if (t->kind != YC_TARGET_YMQ) {
		fprintf(f, "    empty_target: {}\n");
		return;
	}
	fprintf(f, "    ymq_target:\n");
	kv(f, 6, "queue_arn", t->queue_arn);
	kv(f, 6, "service_account_id", t->service_account_id);
}

static void print_version_text(FILE *f, const struct yc_version *v)
{
	char buf[64];
	kv(f, 0, "id", v->id);
	kv(f, 0, "function_id", v->function_id);
	kv(f, 0, "description", v->description);
	kv(f, 0, "created_at", v->created_at);
	kv(f, 0, "runtime", v->runtime);
	kv(f, 0, "entrypoint", v->entrypoint);
	fprintf(f, "resources:\n  memory: \"%lld\"\n", (long long)v->memory);
	kv(f, 0, "execution_timeout", model_format_duration(v->execution_timeout_ms, buf, sizeof buf));
	kv(f, 0, "service_account_id", v->service_account_id);
	if (v->image_size)
		fprintf(f, "image_size: \"%lld\"\n", (long long)v->image_size);
	kv(f, 0, "status", v->status);
	if (v->tags.n) {
		fprintf(f, "tags:\n");
		for (size_t i = 0; i < v->tags.n; i++) {
			fprintf(f, "  - ");
			put_clean(f, v->tags.items[i]);
			fputc('\n', f);
		}
	}
	kv(f, 0, "log_group_id", v->log_group_id);
	if (v->environment.n) {
		fprintf(f, "environment:\n");
		for (size_t i = 0; i < v->environment.n; i++) {
			fprintf(f, "  ");
			put_clean(f, v->environment.items[i].key);
			fprintf(f, ": ");
			put_clean(f, v->environment.items[i].value);
			fputc('\n', f);
		}
	}
	if (v->concurrency)
		fprintf(f, "concurrency: \"%lld\"\n", (long long)v->concurrency);
	if (v->async.enabled) {
		fprintf(f, "async_invocation_config:\n  retries_count: \"%lld\"\n", (long long)v->async.retries_count);
		kv(f, 2, "service_account_id", v->async.service_account_id);
		print_target(f, "success_target", &v->async.success);
		print_target(f, "failure_target", &v->async.failure);
	}
}

void cli_print_version(FILE *f, const struct yc_version *v, bool json)
{
	if (json)
		print_json(f, v->raw);
	else
		print_version_text(f, v);
}

void cli_print_version_table(FILE *f, const struct yc_version_list *l, bool json)
{
	if (json) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; arr && i < l->n; i++)
			if (l->items[i].raw)
				cJSON_AddItemReferenceToArray(arr, l->items[i].raw);
		print_json(f, arr);
		cJSON_Delete(arr);
		return;
	}
	fprintf(f, "%-22s %-24s %-12s %-8s %-8s %s\n", "ID", "CREATED AT", "RUNTIME", "MEMORY", "TIMEOUT", "ASYNC / TAGS");
	for (size_t i = 0; i < l->n; i++) {
		const struct yc_version *v = &l->items[i];
		char mem[32], dur[32];
		fprintf(f, "%-22.22s %-24.24s %-12.12s %-8s %-8s %s", v->id ? v->id : "",
			v->created_at ? v->created_at : "", v->runtime ? v->runtime : "",
			model_format_memory(v->memory, mem, sizeof mem),
			model_format_duration(v->execution_timeout_ms, dur, sizeof dur), v->async.enabled ? "async" : "-");
		for (size_t t = 0; t < v->tags.n; t++) {
			fputc(' ', f);
			put_clean(f, v->tags.items[t]);
		}
		fputc('\n', f);
	}
}

static cJSON *function_json(const struct yc_function *fn)
{
	cJSON *o = cJSON_CreateObject();
	const char *keys[] = {"id", "folderId", "createdAt", "name", "description", "httpInvokeUrl", "status"};
	const char *vals[] = {fn->id, fn->folder_id, fn->created_at, fn->name, fn->description,
			      fn->http_invoke_url, fn->status};
	for (size_t i = 0; o && i < sizeof keys / sizeof keys[0]; i++)
		if (vals[i])
			cJSON_AddStringToObject(o, keys[i], vals[i]);
	return o;
}

void cli_print_function_table(FILE *f, const struct yc_function_list *l, bool json)
{
	if (json) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; arr && i < l->n; i++)
			cJSON_AddItemToArray(arr, function_json(&l->items[i]));
		print_json(f, arr);
		cJSON_Delete(arr);
		return;
	}
	fprintf(f, "%-22s %-32s %-24s %s\n", "ID", "NAME", "CREATED AT", "STATUS");
	for (size_t i = 0; i < l->n; i++) {
		const struct yc_function *fn = &l->items[i];
		char line[256];
		snprintf(line, sizeof line, "%-22.22s %-32.32s %-24.24s %s", fn->id ? fn->id : "", fn->name ? fn->name : "",
			 fn->created_at ? fn->created_at : "", fn->status ? fn->status : "");
		put_clean(f, line);
		fputc('\n', f);
	}
}

void cli_print_invoke(FILE *f, const struct yc_invoke_result *r, bool json)
{
	if (json) {
		cJSON *o = cJSON_CreateObject();
		if (o) {
			cJSON_AddNumberToObject(o, "httpStatus", (double)r->http_status);
			cJSON_AddStringToObject(o, "requestId", r->request_id ? r->request_id : "");
			cJSON_AddStringToObject(o, "body", r->body ? r->body : "");
		}
		print_json(f, o);
		cJSON_Delete(o);
		return;
	}
	fprintf(f, "status: %ld\n", r->http_status);
	kv(f, 0, "request_id", r->request_id);
	if (r->body && *r->body) {
		fprintf(f, "body: ");
		put_clean(f, r->body);
		fputc('\n', f);
	}
}

void cli_print_operation(FILE *f, const struct yc_operation *op, bool json)
{
	if (json) {
		cJSON *o = cJSON_CreateObject();
		if (o) {
			cJSON_AddStringToObject(o, "id", op->id ? op->id : "");
			if (op->description)
				cJSON_AddStringToObject(o, "description", op->description);
			cJSON_AddBoolToObject(o, "done", op->done);
			if (op->version_id)
				cJSON_AddStringToObject(o, "functionVersionId", op->version_id);
		}
		print_json(f, o);
		cJSON_Delete(o);
		return;
	}
	kv(f, 0, "id", op->id);
	kv(f, 0, "description", op->description);
	kv(f, 0, "created_at", op->created_at);
	fprintf(f, "done: %s\n", op->done ? "true" : "false");
	if (op->version_id)
		fprintf(f, "metadata:\n  function_version_id: %s\n", op->version_id);
}
