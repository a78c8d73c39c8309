/* field_io.c — each field's text read from a version, written into a createVersion body, and
 * shown to a reader or given to yc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/fields_internal.h"

static char *dup0(const char *s)
{
	return strdup(s ? s : "");
}

char *fr_runtime(const struct yc_version *v) { return dup0(v->runtime); }
char *fr_entrypoint(const struct yc_version *v) { return dup0(v->entrypoint); }
char *fr_service_account(const struct yc_version *v) { return dup0(v->service_account_id); }
char *fr_description(const struct yc_version *v) { return dup0(v->description); }
char *fr_environment(const struct yc_version *v) { return model_env_format(&v->environment); }
char *fr_async_enabled(const struct yc_version *v) { return dup0(v->async.enabled ? "1" : "0"); }
char *fr_async_sa(const struct yc_version *v) { return dup0(v->async.service_account_id); }

/* Whole seconds as the console shows them ("5"); anything finer as a duration ("1.5s"). */
char *fr_timeout(const struct yc_version *v)
{
	char buf[32];
	if (v->execution_timeout_ms % 1000 == 0)
		snprintf(buf, sizeof buf, "%lld", (long long)(v->execution_timeout_ms / 1000));
	else
		model_format_duration(v->execution_timeout_ms, buf, sizeof buf);
	return strdup(buf);
}

/* Megabytes as the console shows them ("128"); an odd size keeps its bytes ("1000B"). */
char *fr_memory(const struct yc_version *v)
{
	char buf[32];
	if (v->memory % FIELD_MIB == 0)
		snprintf(buf, sizeof buf, "%lld", (long long)(v->memory / FIELD_MIB));
	else
		snprintf(buf, sizeof buf, "%lldB", (long long)v->memory);
	return strdup(buf);
}

/* When async is off the form still offers a value the moment it is switched on. */
char *fr_async_retries(const struct yc_version *v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)(v->async.enabled ? v->async.retries_count : 3));
	return strdup(buf);
}

static char *kind_of(const struct yc_async_target *t)
{
	return strdup(t->kind == YC_TARGET_YMQ ? "ymq" : "empty");
}
char *fr_success_kind(const struct yc_version *v) { return kind_of(&v->async.success); }
char *fr_failure_kind(const struct yc_version *v) { return kind_of(&v->async.failure); }
char *fr_success_queue(const struct yc_version *v) { return dup0(v->async.success.queue_arn); }
char *fr_failure_queue(const struct yc_version *v) { return dup0(v->async.failure.queue_arn); }
char *fr_success_sa(const struct yc_version *v) { return dup0(v->async.success.service_account_id); }
char *fr_failure_sa(const struct yc_version *v) { return dup0(v->async.failure.service_account_id); }

/* ---- into the request ---- */

static int nomem(struct yc_error *err, enum yc_field f)
{
	yc_error_set(err, YC_ERR_NOMEM, model_fields[f].key, "Не хватает памяти", "Out of memory", NULL, NULL);
	return -1;
}

/* Replaces member key of o with item (taking it); NULL item just removes the member. */
static int put(cJSON *o, const char *key, cJSON *item)
{
	cJSON_DeleteItemFromObjectCaseSensitive(o, key);
	if (!item)
		return 0;
	if (!cJSON_AddItemToObject(o, key, item)) {
		cJSON_Delete(item);
		return -1;
	}
	return 0;
}

static const char *text_of(const struct yc_draft *d, enum yc_field f)
{
	return d->value[f] ? d->value[f] : "";
}

/* A top-level string member; "" leaves it out (the API's own "not set"). */
int fa_string(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	const char *t = text_of(d, f);
	cJSON *s = NULL;
	if (*t && !(s = cJSON_CreateString(t)))
		return nomem(err, f);
	return put(body, model_fields[f].json_path, s) < 0 ? nomem(err, f) : 0;
}

int fa_memory(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	int64_t bytes;
	char num[24];
	if (model_parse_memory(text_of(d, f), FIELD_MIB, &bytes, err) < 0)
		return -1;
	snprintf(num, sizeof num, "%lld", (long long)bytes);
	cJSON *res = cJSON_GetObjectItemCaseSensitive(body, "resources");
	if (!cJSON_IsObject(res)) {
		if (put(body, "resources", cJSON_CreateObject()) < 0)
			return nomem(err, f);
		res = cJSON_GetObjectItemCaseSensitive(body, "resources");
	}
	cJSON *s = cJSON_CreateString(num);
	return !s || put(res, "memory", s) < 0 ? nomem(err, f) : 0;
}

int fa_timeout(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	int64_t ms;
	char buf[32];
	if (model_parse_duration(text_of(d, f), &ms, err) < 0)
		return -1;
	cJSON *s = cJSON_CreateString(model_format_duration(ms, buf, sizeof buf));
	return !s || put(body, "executionTimeout", s) < 0 ? nomem(err, f) : 0;
}

int fa_environment(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	struct yc_kv_list env = {0};
	if (model_env_parse(text_of(d, f), &env, err) < 0) {
		yc_kv_list_free(&env);
		return -1;
	}
	cJSON *o = env.n ? cJSON_CreateObject() : NULL;
	for (size_t i = 0; o && i < env.n; i++)
		if (!cJSON_AddStringToObject(o, env.items[i].key, env.items[i].value)) {
			cJSON_Delete(o);
			o = NULL;
		}
	int rc = (env.n && !o) || put(body, "environment", o) < 0 ? nomem(err, f) : 0;
	yc_kv_list_free(&env);
	return rc;
}

static void target_from_draft(const struct yc_draft *d, enum yc_field kind, struct yc_async_target *t)
{
	t->kind = strcmp(text_of(d, kind), "ymq") == 0 ? YC_TARGET_YMQ : YC_TARGET_EMPTY;
	if (t->kind == YC_TARGET_YMQ) {
		t->queue_arn = (char *)text_of(d, kind + 1);
		t->service_account_id = (char *)text_of(d, kind + 2);
	}
}

/* The async block is written whole from the draft, over the members the base version had, so
 * that a member this program does not know survives. */
int fa_async(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	if (strcmp(text_of(d, YC_F_ASYNC_ENABLED), "1") != 0)
		return put(body, "asyncInvocationConfig", NULL);
	struct yc_async_config c = {.enabled = true};
	if (model_parse_retries(text_of(d, YC_F_ASYNC_RETRIES), &c.retries_count, err) < 0)
		return -1;
	c.service_account_id = (char *)text_of(d, YC_F_ASYNC_SA);
	target_from_draft(d, YC_F_SUCCESS_KIND, &c.success);
	target_from_draft(d, YC_F_FAILURE_KIND, &c.failure);
	cJSON *fresh = model_async_config_to_json(&c); /* borrows the draft's strings: no free */
	if (!fresh)
		return nomem(err, f);
	cJSON *old = cJSON_GetObjectItemCaseSensitive(body, "asyncInvocationConfig");
	cJSON *merged = cJSON_IsObject(old) ? cJSON_Duplicate(old, 1) : cJSON_CreateObject();
	if (!merged) {
		cJSON_Delete(fresh);
		return nomem(err, f);
	}
	static const char *const known[] = {"retriesCount", "serviceAccountId", "successTarget", "failureTarget"};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		put(merged, known[i], cJSON_DetachItemFromObjectCaseSensitive(fresh, known[i]));
	cJSON_Delete(fresh);
	return put(body, "asyncInvocationConfig", merged) < 0 ? nomem(err, f) : 0;
}

/* ---- for a reader ---- */

char *fd_memory(const char *text, enum yc_lang lang)
{
	(void)lang;
	int64_t b;
	char buf[48];
	if (model_parse_memory(text, FIELD_MIB, &b, NULL) < 0)
		return strdup(text);
	if (b % FIELD_MIB == 0)
		snprintf(buf, sizeof buf, "%lld MB", (long long)(b / FIELD_MIB));
	else
		snprintf(buf, sizeof buf, "%lld B", (long long)b);
	return strdup(buf);
}

char *fd_timeout(const char *text, enum yc_lang lang)
{
	int64_t ms;
	char buf[48], d[32];
	if (model_parse_duration(text, &ms, NULL) < 0)
		return strdup(text);
	model_format_duration(ms, d, sizeof d);
	d[strlen(d) - 1] = '\0'; /* drop the 's' */
	snprintf(buf, sizeof buf, "%s %s", d, lang == YC_LANG_EN ? "s" : "с");
	return strdup(buf);
}

char *fd_service_account(const char *text, enum yc_lang lang)
{
	if (*text)
		return strdup(text);
	return strdup(lang == YC_LANG_EN ? "Not selected" : "Не выбрано");
}

char *fd_toggle(const char *text, enum yc_lang lang)
{
	bool on = strcmp(text, "1") == 0;
	if (lang == YC_LANG_EN)
		return strdup(on ? "On" : "Off");
	return strdup(on ? "Включено" : "Выключено");
}

char *fd_target_kind(const char *text, enum yc_lang lang)
{
	if (strcmp(text, "ymq") == 0)
		return strdup("Message Queue");
	return strdup(lang == YC_LANG_EN ? "Not specified" : "Не указано");
}

/* One line: "A=1, B=2"; the review screen shows rows, not blocks. */
char *fd_environment(const char *text, enum yc_lang lang)
{
	if (!*text)
		return strdup(lang == YC_LANG_EN ? "None" : "Нет");
	struct sbuf b = {0};
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			if (p[1])
				sbuf_add(&b, ", ");
		} else if (*p != '\r') {
			sbuf_addn(&b, p, 1);
		}
	}
	return sbuf_finish(&b);
}

char *ff_memory(const char *text)
{
	int64_t b;
	char buf[32];
	if (model_parse_memory(text, FIELD_MIB, &b, NULL) < 0)
		return strdup(text);
	return strdup(model_format_memory(b, buf, sizeof buf));
}

char *ff_timeout(const char *text)
{
	int64_t ms;
	char buf[32];
	if (model_parse_duration(text, &ms, NULL) < 0)
		return strdup(text);
	return strdup(model_format_duration(ms, buf, sizeof buf));
}
