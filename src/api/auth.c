/* auth.c — the IAM token every call carries: given as is, exchanged at iam/v1/tokens for an
 * OAuth token or a service-account JWT, or on a Yandex Cloud VM taken from the metadata service
 * for the VM's own service account (GET .../service-accounts/default/token, plain http to a
 * link-local address, as Yandex Cloud documents it). One fetch at a time: the requests that need the token
 * while it is being fetched wait for it, then all go at once. Refreshed ahead of expiresAt.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api_int.h"

#define IAM_AUDIENCE "https://iam.api.cloud.yandex.net/iam/v1/tokens"
#define TOKEN_MAX 8192
#define METADATA_DEFAULT "http://169.254.169.254"
#define METADATA_TOKEN_PATH "/computeMetadata/v1/instance/service-accounts/default/token"

static void no_credentials(struct api *api)
{
	api->tok.none = true;
	yc_error_set(&api->tok.err, YC_ERR_AUTH, NULL, "Нет учётных данных для Yandex Cloud",
		     "No Yandex Cloud credentials",
		     "Выполните `yc init` или задайте YC_TOKEN, YC_IAM_TOKEN или --sa-key ФАЙЛ (на ВМ — instance-service-account: true в профиле).",
		     "Run `yc init` or set YC_TOKEN, YC_IAM_TOKEN or --sa-key FILE (on a VM: instance-service-account: true in the profile).");
}

int api_auth_init(struct api *api, struct yc_error *err)
{
	const struct api_config *c = &api->cfg;
	if (c->iam_token) {
		api->tok.value = strdup(c->iam_token);
		api->tok.gen = 1;
		api->tok.refresh_at_ms = INT64_MAX;
		return api->tok.value ? 0 : -1;
	}
	if (c->oauth_token) {
		api->tok.renewable = true;
		return 0;
	}
	if (c->sa_key_json || c->sa_key_file) {
		char *text = NULL;
		size_t len = 0;
		if (c->sa_key_json) {
			text = strdup(c->sa_key_json);
			len = text ? strlen(text) : 0;
		} else if (api_read_file(c->sa_key_file, API_FILE_MAX, &text, &len, err) != 0) {
			snprintf(err->field, sizeof err->field, "%s", "--sa-key");
			return -1;
		}
		int rc = text ? api_sa_key_parse(text, len, &api->sa_key, err) : -1;
		api_free_secret(&text);
		if (rc != 0)
			return -1;
		api->tok.renewable = true;
		return 0;
	}
	if (c->instance_sa) {
		api->tok.renewable = true;
		api->tok.metadata = true;
		return 0;
	}
	no_credentials(api);
	return 0;
}

/* Exactly n digits at s into *out, then the separator sep (0 = none); the end, or NULL. */
static const char *digits(const char *s, int n, int *out, char sep)
{
	int v = 0;
	for (int i = 0; i < n; i++, s++) {
		if (*s < '0' || *s > '9')
			return NULL;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	if (sep && *s++ != sep)
		return NULL;
	return s;
}

/* "2023-10-11T11:22:21.286786431Z" (or with +hh:mm) in ms since the epoch; -1 when it is not. */
static long long parse_rfc3339_ms(const char *s)
{
	struct tm tm = {0};
	const char *p = digits(s, 4, &tm.tm_year, '-');
	p = p ? digits(p, 2, &tm.tm_mon, '-') : NULL;
	p = p ? digits(p, 2, &tm.tm_mday, 'T') : NULL;
	p = p ? digits(p, 2, &tm.tm_hour, ':') : NULL;
	p = p ? digits(p, 2, &tm.tm_min, ':') : NULL;
	p = p ? digits(p, 2, &tm.tm_sec, 0) : NULL;
	if (!p)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	long long ms = (long long)timegm(&tm) * 1000;
	if (*p == '.') {
		long long scale = 100;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			ms += (*p - '0') * scale;
			scale /= 10;
		}
	}
	int oh, om;
	const char *q = *p == '+' || *p == '-' ? digits(p + 1, 2, &oh, ':') : NULL;
	if (q && digits(q, 2, &om, 0))
		ms -= (*p == '+' ? 1 : -1) * ((long long)oh * 3600 + om * 60) * 1000;
	return ms;
}

static long long wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define LIFE_UNKNOWN LLONG_MIN

/* Refresh a tenth of the lifetime (ms; LIFE_UNKNOWN = take an hour) early (at most 5 minutes), so
 * a token never dies in flight. */
static int64_t refresh_after(long long life)
{
	if (life == LIFE_UNKNOWN)
		life = 3600 * 1000LL;
	if (life <= 0)
		life = 1000; /* our clock and the server's disagree: use it briefly, a 401 renews it */
	long long margin = life / 10 < 300000 ? life / 10 : 300000;
	return api_now_ms() + (int64_t)(life - margin);
}

/* iam/v1/tokens says expiresAt; the metadata service says expires_in (seconds from now). */
static int64_t refresh_time(const cJSON *json, bool metadata)
{
	if (metadata) {
		const cJSON *in = cJSON_GetObjectItemCaseSensitive(json, "expires_in");
		return refresh_after(cJSON_IsNumber(in) && in->valuedouble >= 0 && in->valuedouble < 1e9
					     ? (long long)(in->valuedouble * 1000)
					     : LIFE_UNKNOWN);
	}
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(json, "expiresAt");
	long long exp = cJSON_IsString(e) ? parse_rfc3339_ms(e->valuestring) : -1;
	return refresh_after(exp >= 0 ? exp - wall_ms() : LIFE_UNKNOWN);
}

static void token_done(struct api_job *job, struct api_xfer *x, const struct yc_error *err, const cJSON *json)
{
	(void)job;
	struct api *api = x->api;
	api->tok.fetching = false;
	yc_error_clear(&api->tok.err);
	if (err->kind != YC_ERR_NONE) {
		api->tok.err = *err;
	} else {
		const char *name = api->tok.metadata ? "access_token" : "iamToken";
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(json, name);
		if (!cJSON_IsString(t) || !t->valuestring[0] || strlen(t->valuestring) > TOKEN_MAX) {
			char ru[64], en[64];
			snprintf(ru, sizeof ru, "нет строки %s", name);
			snprintf(en, sizeof en, "no string %s", name);
			yc_error_set(&api->tok.err, YC_ERR_PARSE, name, ru, en, NULL, NULL);
			api_error_bad_answer(API_CALL_TOKEN, &api->tok.err);
		} else {
			api_free_secret(&api->tok.value);
			api->tok.value = strdup(t->valuestring);
			api->tok.gen++;
			api->tok.refresh_at_ms = refresh_time(json, api->tok.metadata);
		}
	}
	api_engine_token_done(api);
}

/* The metadata service's URL for the VM's token (malloc'd). */
static char *metadata_token_url(const struct api *api)
{
	const char *base = api->cfg.metadata_url ? api->cfg.metadata_url : METADATA_DEFAULT;
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	size_t len = n + sizeof METADATA_TOKEN_PATH;
	char *u = malloc(len);
	if (u)
		snprintf(u, len, "%.*s%s", (int)n, base, METADATA_TOKEN_PATH);
	return u;
}

static void fetch_failed(struct api *api, struct yc_error *err)
{
	if (err->kind == YC_ERR_NONE)
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
	api->tok.fetching = false;
	api->tok.err = *err; /* the request that asked fails with it (xfer_start) */
}

static void start_metadata_fetch(struct api *api)
{
	struct yc_error err;
	yc_error_clear(&err);
	char *url = metadata_token_url(api);
	struct api_xfer *x = NULL;
	api->tok.fetching = true;
	api->stats.token_fetches++;
	if (url)
		x = api_xfer_submit(api, NULL, "GET", url, NULL, 0, API_AUTH_NONE, token_done);
	if (x)
		x->metadata_flavor = true; /* a GET: retried as any read */
	else
		fetch_failed(api, &err);
	free(url);
}

static void start_fetch(struct api *api)
{
	if (api->tok.metadata) {
		start_metadata_fetch(api);
		return;
	}
	cJSON *body = cJSON_CreateObject();
	struct yc_error err;
	yc_error_clear(&err);
	if (api->cfg.oauth_token) {
		cJSON_AddStringToObject(body, "yandexPassportOauthToken", api->cfg.oauth_token);
	} else {
		char *jwt = api_jwt_sign(&api->sa_key, IAM_AUDIENCE, (long long)time(NULL), &err);
		if (jwt)
			cJSON_AddStringToObject(body, "jwt", jwt);
		api_free_secret(&jwt);
	}
	char *text = err.kind == YC_ERR_NONE && body ? cJSON_PrintUnformatted(body) : NULL;
	cJSON_Delete(body);
	char *url = api_url(api, API_SVC_IAM, "iam/v1/tokens");
	struct api_xfer *x = NULL;
	api->tok.fetching = true;
	api->stats.token_fetches++;
	if (text && url)
		x = api_xfer_submit(api, NULL, "POST", url, text, strlen(text), API_AUTH_NONE, token_done);
	if (x) {
		/* an exchange is safe to repeat */
		x->retry = API_RETRY_IDEMPOTENT;
		x->content_type = strdup("application/json");
	} else {
		fetch_failed(api, &err);
	}
	api_free_secret(&text);
	free(url);
}

bool api_auth_ready(struct api *api)
{
	if (api->tok.none)
		return false;
	if (api->tok.value && (!api->tok.renewable || api_now_ms() < api->tok.refresh_at_ms))
		return true;
	if (!api->tok.renewable)
		return false;
	if (!api->tok.fetching) {
		yc_error_clear(&api->tok.err);
		start_fetch(api);
	}
	return false;
}

void api_auth_invalidate(struct api *api, unsigned gen)
{
	if (!api->tok.renewable || gen != api->tok.gen)
		return; /* someone already has a newer token */
	api_free_secret(&api->tok.value);
	api->tok.refresh_at_ms = 0;
}

const struct yc_error *api_auth_error(const struct api *api)
{
	return &api->tok.err;
}

bool api_auth_failed(const struct api *api)
{
	return api->tok.none || api->tok.err.kind != YC_ERR_NONE || !api->tok.value;
}
