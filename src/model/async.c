/* async.c — asyncInvocationConfig: from an answer, and back into the REST shape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

static int parse_target(const cJSON *o, const char *key, struct yc_async_target *t, struct yc_error *err)
{
	const cJSON *tg, *empty, *ymq;
	memset(t, 0, sizeof *t);
	if (mj_object(o, key, &tg, err) < 0)
		return -1;
	/* Absent is read as "not specified": the API requires the member, but an answer that
	 * leaves it out must not make the version impossible to open. */
	if (!tg)
		return 0;
	if (mj_object(tg, "emptyTarget", &empty, err) < 0 || mj_object(tg, "ymqTarget", &ymq, err) < 0) {
		mj_prefix(err, key, -1);
		return -1;
	}
	if (empty && ymq) {
		mj_fail(err, key, "Указаны сразу emptyTarget и ymqTarget", "Both emptyTarget and ymqTarget are set");
		return -1;
	}
	if (!ymq)
		return 0;
	t->kind = YC_TARGET_YMQ;
	if (mj_str(ymq, "queueArn", false, &t->queue_arn, err) < 0 ||
	    mj_str(ymq, "serviceAccountId", false, &t->service_account_id, err) < 0) {
		mj_prefix(err, "ymqTarget", -1);
		mj_prefix(err, key, -1);
		return -1;
	}
	return 0;
}

int model_parse_async_config(const cJSON *o, struct yc_async_config *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(o)) {
		mj_fail(err, "", "Настройки асинхронного вызова должны быть объектом",
			"The async invocation config must be an object");
		return -1;
	}
	out->enabled = true;
	/* Wider than the API's 0..100 on purpose: validation, not parsing, says what is allowed. */
	if (mj_int64(o, "retriesCount", 0, 1000000000, &out->retries_count, err) < 0 ||
	    mj_str(o, "serviceAccountId", false, &out->service_account_id, err) < 0 ||
	    parse_target(o, "successTarget", &out->success, err) < 0 ||
	    parse_target(o, "failureTarget", &out->failure, err) < 0) {
		yc_async_config_free(out);
		return -1;
	}
	return 0;
}

static cJSON *target_to_json(const struct yc_async_target *t)
{
	cJSON *tg = cJSON_CreateObject();
	if (!tg)
		return NULL;
	if (t->kind != YC_TARGET_YMQ) {
		if (!cJSON_AddObjectToObject(tg, "emptyTarget"))
			goto fail;
		return tg;
	}
	cJSON *ymq = cJSON_AddObjectToObject(tg, "ymqTarget");
	if (!ymq || !cJSON_AddStringToObject(ymq, "queueArn", t->queue_arn ? t->queue_arn : "") ||
	    !cJSON_AddStringToObject(ymq, "serviceAccountId", t->service_account_id ? t->service_account_id : ""))
		goto fail;
	return tg;
fail:
	cJSON_Delete(tg);
	return NULL;
}

cJSON *model_async_config_to_json(const struct yc_async_config *c)
{
	char num[24];
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	snprintf(num, sizeof num, "%lld", (long long)c->retries_count);
	cJSON *s = target_to_json(&c->success), *f = target_to_json(&c->failure);
	if (!cJSON_AddStringToObject(o, "retriesCount", num) || !s || !cJSON_AddItemToObject(o, "successTarget", s)) {
		cJSON_Delete(s);
		cJSON_Delete(f);
		cJSON_Delete(o);
		return NULL;
	}
	if (!f || !cJSON_AddItemToObject(o, "failureTarget", f)) {
		cJSON_Delete(f);
		cJSON_Delete(o);
		return NULL;
	}
	if (c->service_account_id && c->service_account_id[0] &&
	    !cJSON_AddStringToObject(o, "serviceAccountId", c->service_account_id)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}
