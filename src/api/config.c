/* config.c — the effective configuration: flag > environment > yc profile > ~/.aws/credentials,
 * and the base URL of every service.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"

static const char *const default_host[API_SVC__COUNT] = {
	[API_SVC_IAM] = "https://iam.api.cloud.yandex.net",
	[API_SVC_RESOURCE_MANAGER] = "https://resource-manager.api.cloud.yandex.net",
	[API_SVC_FUNCTIONS] = "https://serverless-functions.api.cloud.yandex.net",
	[API_SVC_OPERATION] = "https://operation.api.cloud.yandex.net",
	[API_SVC_YMQ] = "https://message-queue.api.cloud.yandex.net",
	[API_SVC_INVOKE] = "https://functions.yandexcloud.net",
};

void api_config_free(struct api_config *c)
{
	free(c->endpoint);
	for (int i = 0; i < API_SVC__COUNT; i++)
		free(c->service_url[i]);
	free(c->ca_file);
	api_free_secret(&c->iam_token);
	api_free_secret(&c->oauth_token);
	free(c->sa_key_file);
	api_free_secret(&c->sa_key_json);
	free(c->cloud_id);
	free(c->folder_id);
	free(c->profile);
	free(c->aws_access_key_id);
	api_free_secret(&c->aws_secret_access_key);
	free(c->debug_log);
	free(c->metadata_url);
	memset(c, 0, sizeof *c);
}

/* A deep copy (api_new keeps its own). */
int api_config_copy(struct api_config *dst, const struct api_config *src)
{
	*dst = *src;
	char **d[] = {&dst->endpoint, &dst->ca_file, &dst->iam_token, &dst->oauth_token, &dst->sa_key_file,
		      &dst->sa_key_json, &dst->cloud_id, &dst->folder_id, &dst->profile,
		      &dst->aws_access_key_id, &dst->aws_secret_access_key, &dst->debug_log, &dst->metadata_url};
	const char *s[] = {src->endpoint, src->ca_file, src->iam_token, src->oauth_token, src->sa_key_file,
			   src->sa_key_json, src->cloud_id, src->folder_id, src->profile,
			   src->aws_access_key_id, src->aws_secret_access_key, src->debug_log, src->metadata_url};
	bool ok = true;
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
		ok &= !s[i] || (*d[i] = strdup(s[i])) != NULL;
	for (int i = 0; i < API_SVC__COUNT; i++)
		ok &= !src->service_url[i] || (dst->service_url[i] = strdup(src->service_url[i])) != NULL;
	return ok ? 0 : -1;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* The first non-NULL of flag, environment, profile (copied). */
static char *pick(const char *flag, const char *envval, const char *prof)
{
	return api_strdup(flag ? flag : envval ? envval : prof);
}

/* A base URL for every service, or NULL for the real hosts. yc's own endpoint setting (profile,
 * YC_ENDPOINT) is a gRPC host:port whose REST hosts cannot be derived: only an http(s) URL there
 * is taken. A bare host:port given as ycfn's own flag means https on it. */
static char *endpoint_url(const char *e, bool flag)
{
	if (!e || !*e || strcmp(e, "api.cloud.yandex.net:443") == 0 || strcmp(e, "api.cloud.yandex.net") == 0)
		return NULL;
	if (strncmp(e, "http://", 7) == 0 || strncmp(e, "https://", 8) == 0)
		return strdup(e);
	if (!flag)
		return NULL;
	size_t n = strlen(e) + 9;
	char *u = malloc(n);
	if (u)
		snprintf(u, n, "https://%s", e);
	return u;
}

static int load_profile(const char *path, bool explicit_path, const char *profile, struct api_yc_profile *p,
			struct yc_error *err)
{
	char *def = NULL;
	if (!path) {
		const char *home = env("HOME");
		if (!home)
			return 0;
		size_t n = strlen(home) + 40;
		def = malloc(n);
		if (!def)
			return -1;
		snprintf(def, n, "%s/.config/yandex-cloud/config.yaml", home);
		path = def;
	}
	char *text = NULL;
	size_t len = 0;
	struct yc_error e2;
	yc_error_clear(&e2);
	int rc = 0;
	if (api_read_file(path, API_FILE_MAX, &text, &len, &e2) != 0) {
		/* no file is fine unless the user named it (or a profile in it) */
		if (explicit_path || profile) {
			*err = e2;
			rc = -1;
		}
	} else {
		rc = api_ycconfig_parse(text, len, path, profile, p, err);
	}
	api_free_secret(&text);
	free(def);
	return rc;
}

static void load_aws_file(const char *profile, char **id, char **secret)
{
	const char *path = env("AWS_SHARED_CREDENTIALS_FILE");
	char buf[4096];
	if (!path) {
		if (!env("HOME"))
			return;
		snprintf(buf, sizeof buf, "%s/.aws/credentials", env("HOME"));
		path = buf;
	}
	char *text = NULL;
	size_t len = 0;
	struct yc_error e;
	yc_error_clear(&e);
	if (api_read_file(path, API_FILE_MAX, &text, &len, &e) == 0)
		api_awscred_parse(text, len, profile, id, secret, &e);
	api_free_secret(&text);
}

/* Credentials come as a set from the first source that has any, so that a key file given as a
 * flag is not beaten by a token in the profile. */
static void pick_credentials(struct api_config *o, const struct api_config *f, const struct api_yc_profile *p)
{
	if (f->iam_token || f->oauth_token || f->sa_key_file || f->sa_key_json || f->instance_sa) {
		o->instance_sa = f->instance_sa;
		o->iam_token = api_strdup(f->iam_token);
		o->oauth_token = api_strdup(f->oauth_token);
		o->sa_key_file = api_strdup(f->sa_key_file);
		o->sa_key_json = api_strdup(f->sa_key_json);
	} else if (env("YC_IAM_TOKEN") || env("YC_TOKEN") || env("YC_SERVICE_ACCOUNT_KEY_FILE")) {
		o->iam_token = api_strdup(env("YC_IAM_TOKEN"));
		o->oauth_token = api_strdup(env("YC_TOKEN"));
		o->sa_key_file = api_strdup(env("YC_SERVICE_ACCOUNT_KEY_FILE"));
	} else {
		o->oauth_token = api_strdup(p->token);
		o->sa_key_file = api_strdup(p->sa_key_file);
		o->sa_key_json = api_strdup(p->sa_key_json);
		o->instance_sa = p->instance_sa;
	}
}

int api_config_load(struct api_config *out, const struct api_config *flags, const char *yc_config_path,
		    struct yc_error *err)
{
	static const struct api_config none;
	const struct api_config *f = flags ? flags : &none;
	memset(out, 0, sizeof *out);
	yc_error_clear(err);
	const char *profile = f->profile ? f->profile : env("YC_PROFILE");
	struct api_yc_profile p = {0};
	if (load_profile(yc_config_path, yc_config_path != NULL, profile, &p, err) != 0)
		return -1;
	/* the settings that only flags carry */
	if (api_config_copy(out, f) != 0)
		goto nomem;
	free(out->endpoint);
	free(out->iam_token);
	free(out->oauth_token);
	free(out->sa_key_file);
	free(out->sa_key_json);
	free(out->cloud_id);
	free(out->folder_id);
	free(out->profile);
	free(out->aws_access_key_id);
	free(out->aws_secret_access_key);
	free(out->metadata_url);
	out->instance_sa = false;
	out->iam_token = out->oauth_token = out->sa_key_file = out->sa_key_json = NULL;
	out->aws_access_key_id = out->aws_secret_access_key = NULL;

	out->endpoint = f->endpoint ? endpoint_url(f->endpoint, true)
			: env("YC_ENDPOINT") ? endpoint_url(env("YC_ENDPOINT"), false)
					     : endpoint_url(p.endpoint, false);
	out->cloud_id = pick(f->cloud_id, env("YC_CLOUD_ID"), p.cloud_id);
	out->folder_id = pick(f->folder_id, env("YC_FOLDER_ID"), p.folder_id);
	out->profile = pick(profile, NULL, p.name);
	out->metadata_url = pick(f->metadata_url, env("YCFN_METADATA_URL"), NULL);
	pick_credentials(out, f, &p);

	if (f->aws_access_key_id && f->aws_secret_access_key) {
		out->aws_access_key_id = strdup(f->aws_access_key_id);
		out->aws_secret_access_key = strdup(f->aws_secret_access_key);
	} else if (env("AWS_ACCESS_KEY_ID") && env("AWS_SECRET_ACCESS_KEY")) {
		out->aws_access_key_id = strdup(env("AWS_ACCESS_KEY_ID"));
		out->aws_secret_access_key = strdup(env("AWS_SECRET_ACCESS_KEY"));
	} else {
		load_aws_file(env("AWS_PROFILE"), &out->aws_access_key_id, &out->aws_secret_access_key);
	}
	api_yc_profile_free(&p);
	return 0;
nomem:
	api_yc_profile_free(&p);
	api_config_free(out);
	yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
	return -1;
}

char *api_service_url(const struct api_config *cfg, enum api_service svc)
{
	if ((int)svc < 0 || svc >= API_SVC__COUNT)
		return NULL;
	const char *u = cfg->service_url[svc] ? cfg->service_url[svc]
			: cfg->endpoint		? cfg->endpoint
						: default_host[svc];
	size_t n = strlen(u);
	while (n > 0 && u[n - 1] == '/')
		n--;
	return strndup(u, n);
}
