/* api_test.c — helpers of the api tests (see api_test.h). */
#include "api_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

struct body {
	char *p;
	size_t n;
};

static size_t on_write(char *p, size_t s, size_t n, void *ud)
{
	struct body *b = ud;
	char *q = realloc(b->p, b->n + s * n + 1);
	if (!q)
		return 0;
	memcpy(q + b->n, p, s * n);
	b->n += s * n;
	q[b->n] = '\0';
	b->p = q;
	return s * n;
}

struct emu *t_emu(const struct emu_options *o)
{
	struct emu_options def = {.quiet = true};
	struct yc_error err;
	yc_error_clear(&err);
	struct emu *emu = emu_start(o ? o : &def, &err);
	if (!emu)
		fail_msg("emu_start: %s", err.what_en);
	return emu;
}

cJSON *t_control(struct emu *emu, const char *method, const char *path, const char *body)
{
	char url[512];
	snprintf(url, sizeof url, "%s%s", emu_url(emu), path);
	CURL *e = curl_easy_init();
	struct body b = {0};
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	if (body)
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 10000L);
	/* a TLS emulator in the tests uses a CA the test made: the control client trusts it
	 * through the same file the api is given */
	const char *ca = getenv("T_CA_FILE");
	if (ca)
		curl_easy_setopt(e, CURLOPT_CAINFO, ca);
	CURLcode rc = curl_easy_perform(e);
	long status = 0;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(e);
	curl_slist_free_all(h);
	if (rc != CURLE_OK || status != 200)
		fail_msg("%s %s: curl %d, HTTP %ld: %s", method, path, (int)rc, status, b.p ? b.p : "");
	cJSON *j = b.p ? cJSON_Parse(b.p) : NULL;
	free(b.p);
	return j;
}

void t_fault(struct emu *emu, const char *json)
{
	cJSON_Delete(t_control(emu, "POST", "/_emu/faults", json));
}

double t_stat(struct emu *emu, const char *key)
{
	cJSON *s = t_control(emu, "GET", "/_emu/stats", NULL);
	const cJSON *v;
	if (strncmp(key, "byRoute.", 8) == 0)
		v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s, "byRoute"), key + 8);
	else
		v = cJSON_GetObjectItemCaseSensitive(s, key);
	double d = cJSON_IsNumber(v) ? v->valuedouble : 0;
	cJSON_Delete(s);
	return d;
}

int t_logged(struct emu *emu, const char *method, const char *path_prefix)
{
	cJSON *l = t_control(emu, "GET", "/_emu/log", NULL);
	int n = 0;
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(l, "requests"))
	{
		const char *m = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "method"));
		const char *p = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "path"));
		if (m && p && strcmp(m, method) == 0 && strncmp(p, path_prefix, strlen(path_prefix)) == 0)
			n++;
	}
	cJSON_Delete(l);
	return n;
}

void t_config(struct api_config *cfg, struct emu *emu)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->endpoint = strdup(emu_url(emu));
	cfg->oauth_token = strdup(emu_demo_oauth_token());
	cfg->cloud_id = strdup(emu_demo_cloud_id());
	cfg->folder_id = strdup(emu_demo_folder_id());
	cfg->aws_access_key_id = strdup(emu_demo_aws_key_id());
	cfg->aws_secret_access_key = strdup(emu_demo_aws_secret());
	cfg->retry_base_ms = 5;
	cfg->total_timeout_ms = 5000;
	cfg->connect_timeout_ms = 2000;
	cfg->lang = YC_LANG_EN;
}

void t_keep(struct api_result *res, void *ud)
{
	struct api_result *out = ud;
	*out = *res;
	memset(&res->u, 0, sizeof res->u); /* moved */
	out->req = res->req ? res->req : 1; /* marks "the callback ran" */
}

void t_result_free(struct api_result *r)
{
	api_result_free(r);
}

const char *t_err(const struct api_result *r)
{
	static char buf[2048];
	yc_error_format(&r->err, YC_LANG_EN, buf, sizeof buf);
	return buf;
}

void t_ok(const struct api_result *r)
{
	if (r->err.kind != YC_ERR_NONE)
		fail_msg("%s", t_err(r));
}

struct t_fixture fx;

int t_fixture_setup(void **state)
{
	(void)state;
	fx.emu = t_emu(NULL);
	t_config(&fx.cfg, fx.emu);
	struct yc_error err;
	fx.api = api_new(&fx.cfg, &err);
	if (!fx.api)
		fail_msg("api_new: %s", err.what_en);
	return 0;
}

int t_fixture_teardown(void **state)
{
	(void)state;
	api_free(fx.api);
	api_config_free(&fx.cfg);
	emu_stop(fx.emu);
	return 0;
}

cJSON *t_create_version_body(struct api *a, const char *name, const char *memory, bool with_sa)
{
	struct api_result fl = {0}, v = {0};
	api_wait(a, api_list_functions(a, emu_demo_folder_id(), name, t_keep, &fl));
	t_ok(&fl);
	assert_int_equal(fl.u.functions.n, 1);
	assert_string_equal(fl.u.functions.items[0].name, name);
	api_wait(a, api_get_version_by_tag(a, fl.u.functions.items[0].id, NULL, t_keep, &v));
	t_ok(&v);
	cJSON *b = cJSON_CreateObject();
	cJSON_AddStringToObject(b, "functionId", fl.u.functions.items[0].id);
	cJSON_AddStringToObject(b, "runtime", v.u.version.runtime);
	cJSON_AddStringToObject(b, "entrypoint", v.u.version.entrypoint);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(b, "resources"), "memory", memory);
	cJSON_AddStringToObject(b, "executionTimeout", "5s");
	cJSON_AddStringToObject(b, "versionId", v.u.version.id);
	if (with_sa)
		cJSON_AddStringToObject(b, "serviceAccountId",
					v.u.version.service_account_id ? v.u.version.service_account_id
								       : "ajedeployer0000000001");
	t_result_free(&fl);
	t_result_free(&v);
	return b;
}

void t_reset(struct emu *emu)
{
	cJSON_Delete(t_control(emu, "POST", "/_emu/reset", "{}"));
}

long long t_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *t_tmpdir(void)
{
	char tmpl[] = "/tmp/ycfn-api-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void t_rmrf(const char *dir)
{
	if (nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

void t_stop_and_remove(struct emu *emu, char *dir)
{
	emu_stop(emu);
	t_rmrf(dir);
	free(dir);
}

void t_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

char *t_read(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct body b = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		on_write(buf, 1, n, &b);
	fclose(f);
	if (!b.p)
		b.p = strdup("");
	return b.p;
}
