/* command.c — the equivalent `yc serverless function version create …` for a draft, quoted for
 * a POSIX shell. `--source-version-id` copies only the code, so every setting the base version
 * carries and the form does not show is spelled out as its own flag, as the request does. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/fields_internal.h"

static bool shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_@%+=:,./-", *s))
			return false;
	return true;
}

char *model_shell_quote(const char *s)
{
	if (!s)
		s = "";
	if (shell_safe(s))
		return strdup(s);
	struct sbuf b = {0};
	sbuf_add(&b, "'");
	for (; *s; s++) {
		if (*s == '\'')
			sbuf_add(&b, "'\\''");
		else
			sbuf_addn(&b, s, 1);
	}
	sbuf_add(&b, "'");
	return sbuf_finish(&b);
}

static void add_flag(struct sbuf *b, const char *flag, const char *value)
{
	sbuf_addf(b, " \\\n  %s", flag);
	if (value) {
		char *q = model_shell_quote(value);
		if (!q) {
			b->failed = true;
			return;
		}
		sbuf_addf(b, " %s", q);
		free(q);
	}
}

/* yc's map flags (and ycfn's own --environment, src/cli/values.c) read each value as CSV
 * fields, one KEY=VALUE per field: a pair whose value holds a comma or a double quote is one
 * CSV-quoted field ("C=x,y"; a quote doubled), or it would split into two pairs. */
static char *env_pair(const char *k, const char *v)
{
	struct sbuf b = {0};
	bool csv = strpbrk(v, ",\"") != NULL;
	if (csv)
		sbuf_add(&b, "\"");
	sbuf_addf(&b, "%s=", k);
	for (const char *p = v; *p; p++)
		sbuf_add(&b, csv && *p == '"' ? "\"\"" : (char[2]){*p, 0});
	if (csv)
		sbuf_add(&b, "\"");
	return sbuf_finish(&b);
}

static void add_pairs(struct sbuf *b, const struct yc_kv_list *env)
{
	for (size_t i = 0; i < env->n; i++) {
		char *pair = env_pair(env->items[i].key, env->items[i].value);
		add_flag(b, "--environment", pair ? pair : "");
		free(pair);
	}
}

/* Untouched, the version's own pairs (a value may hold a newline the text cannot); edited,
 * the text's. */
static void add_environment(struct sbuf *b, const struct yc_draft *d, const struct yc_version *base)
{
	const char *text = d->value[YC_F_ENVIRONMENT] ? d->value[YC_F_ENVIRONMENT] : "";
	if (base && !model_draft_field_dirty(d, YC_F_ENVIRONMENT)) {
		add_pairs(b, &base->environment);
		return;
	}
	struct yc_kv_list env = {0};
	if (model_env_parse(text, &env, NULL) == 0)
		add_pairs(b, &env);
	else if (*text)
		add_flag(b, "--environment", text); /* as typed: yc will say what is wrong */
	yc_kv_list_free(&env);
}

static void add_form_fields(struct sbuf *b, const struct yc_draft *d, const struct yc_version *base)
{
	for (int i = 0; i < YC_F__COUNT; i++) {
		const struct yc_field_def *f = &model_fields[i];
		const char *t = d->value[i] ? d->value[i] : "";
		if (!f->yc_flag || !model_field_visible(d, f->id))
			continue;
		if (f->widget == YC_W_ENV_LIST) {
			add_environment(b, d, base);
			continue;
		}
		if (!*t && f->id != YC_F_RUNTIME && f->id != YC_F_ENTRYPOINT)
			continue; /* "" is "not set": yc's default is the same */
		char *v = f->flag_value ? f->flag_value(t) : strdup(t);
		if (!v) {
			b->failed = true;
			return;
		}
		add_flag(b, f->yc_flag, v);
		free(v);
	}
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(m) ? m->valuestring : NULL;
}

/* "a=1,b=2" from pairs whose value is present; NULL values skipped. */
static void add_props(struct sbuf *b, const char *flag, const char *const *kv, size_t n)
{
	struct sbuf p = {0};
	for (size_t i = 0; i + 1 < n; i += 2)
		if (kv[i + 1] && kv[i + 1][0])
			sbuf_addf(&p, "%s%s=%s", p.len ? "," : "", kv[i], kv[i + 1]);
	char *s = sbuf_finish(&p);
	if (s && *s)
		add_flag(b, flag, s);
	free(s);
}

static char *lower(const char *s, char *buf, size_t n)
{
	size_t i = 0;
	for (; s && s[i] && i + 1 < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[i] = '\0';
	return s ? buf : NULL;
}

static void add_int64_member(struct sbuf *b, const cJSON *raw, const char *key, const char *flag, bool bytes)
{
	int64_t v = 0;
	char buf[32];
	if (mj_int64(raw, key, 1, INT64_MAX, &v, NULL) < 0 || v <= 0)
		return;
	if (bytes)
		model_format_memory(v, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%lld", (long long)v);
	add_flag(b, flag, buf);
}

static void command_add_carried(struct sbuf *b, const cJSON *raw);

char *model_yc_command(const struct yc_draft *d, const struct yc_version *base)
{
	struct sbuf b = {0};
	const char *fid = d->function_id && *d->function_id ? d->function_id : base ? base->function_id : NULL;
	const char *vid = base && base->id ? base->id : d->base_version_id;
	sbuf_add(&b, "yc serverless function version create");
	add_flag(&b, "--function-id", fid ? fid : "");
	add_form_fields(&b, d, base);
	add_flag(&b, "--source-version-id", vid ? vid : "");
	if (base && base->raw) {
		add_int64_member(&b, base->raw, "concurrency", "--concurrency", false);
		add_int64_member(&b, base->raw, "tmpfsSize", "--tmpfs-size", true);
		command_add_carried(&b, base->raw);
	}
	return sbuf_finish(&b);
}

/* ---- settings carried from the base version ---- */

static void add_network(struct sbuf *b, const cJSON *raw)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(raw, "connectivity");
	if (!cJSON_IsObject(c))
		return;
	if (str_of(c, "networkId"))
		add_flag(b, "--network-id", str_of(c, "networkId"));
	struct yc_string_list subnets = {0};
	if (mj_str_array(c, "subnetId", &subnets, NULL) == 0 && subnets.n) {
		struct sbuf s = {0};
		for (size_t i = 0; i < subnets.n; i++)
			sbuf_addf(&s, "%s%s", i ? "," : "", subnets.items[i]);
		char *list = sbuf_finish(&s);
		if (list)
			add_flag(b, "--subnet-id", list);
		free(list);
	}
	yc_string_list_free(&subnets);
}

static void add_logging(struct sbuf *b, const cJSON *raw)
{
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(raw, "logOptions");
	char lvl[32];
	if (!cJSON_IsObject(l))
		return;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(l, "disabled")))
		add_flag(b, "--no-logging", NULL);
	if (str_of(l, "logGroupId"))
		add_flag(b, "--log-group-id", str_of(l, "logGroupId"));
	if (str_of(l, "folderId"))
		add_flag(b, "--log-folder-id", str_of(l, "folderId"));
	if (str_of(l, "minLevel") && strcmp(str_of(l, "minLevel"), "LEVEL_UNSPECIFIED") != 0)
		add_flag(b, "--min-log-level", lower(str_of(l, "minLevel"), lvl, sizeof lvl));
}

static void add_secrets_and_accounts(struct sbuf *b, const cJSON *raw)
{
	const cJSON *it, *arr = cJSON_GetObjectItemCaseSensitive(raw, "secrets");
	if (cJSON_IsArray(arr))
		cJSON_ArrayForEach(it, arr)
	{
		const char *kv[] = {"id", str_of(it, "id"), "version-id", str_of(it, "versionId"), "key", str_of(it, "key"),
				    "environment-variable", str_of(it, "environmentVariable")};
		add_props(b, "--secret", kv, 8);
	}
	const cJSON *named = cJSON_GetObjectItemCaseSensitive(raw, "namedServiceAccounts");
	if (cJSON_IsObject(named))
		cJSON_ArrayForEach(it, named)
	{
		const char *kv[] = {"alias", it->string, "id", cJSON_IsString(it) ? it->valuestring : NULL};
		add_props(b, "--add-service-account", kv, 4);
	}
}

static void add_mounts(struct sbuf *b, const cJSON *raw)
{
	const cJSON *it, *arr = cJSON_GetObjectItemCaseSensitive(raw, "storageMounts");
	if (cJSON_IsArray(arr))
		cJSON_ArrayForEach(it, arr)
	{
		const char *kv[] = {"mount-point", str_of(it, "mountPointName"), "bucket", str_of(it, "bucketId"), "prefix",
				    str_of(it, "prefix"), "read-only",
				    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "readOnly")) ? "true" : "false"};
		add_props(b, "--storage-mounts", kv, 8);
	}
	arr = cJSON_GetObjectItemCaseSensitive(raw, "mounts");
	if (cJSON_IsArray(arr))
		cJSON_ArrayForEach(it, arr)
	{
		const cJSON *os = cJSON_GetObjectItemCaseSensitive(it, "objectStorage");
		const cJSON *disk = cJSON_GetObjectItemCaseSensitive(it, "ephemeralDiskSpec");
		char size[32] = "", block[32] = "";
		int64_t v = 0, w = 0;
		if (disk && mj_int64(disk, "size", 1, INT64_MAX, &v, NULL) == 0 && v)
			model_format_memory(v, size, sizeof size);
		if (disk && mj_int64(disk, "blockSize", 1, INT64_MAX, &w, NULL) == 0 && w)
			model_format_memory(w, block, sizeof block);
		const char *mode = str_of(it, "mode");
		const char *kv[] = {"type", os ? "object-storage" : "ephemeral-disk", "mount-point", str_of(it, "name"),
				    "bucket", os ? str_of(os, "bucketId") : NULL, "prefix", os ? str_of(os, "prefix") : NULL,
				    "mode", mode && strcmp(mode, "READ_ONLY") == 0 ? "ro" : mode ? "rw" : NULL,
				    "size", size, "block-size", block};
		add_props(b, "--mount", kv, 14);
	}
}

static void add_metadata(struct sbuf *b, const cJSON *raw)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(raw, "metadataOptions");
	char a[32], g[32];
	if (!cJSON_IsObject(m))
		return;
	const char *aws = str_of(m, "awsV1HttpEndpoint"), *gce = str_of(m, "gceHttpEndpoint");
	const char *kv[] = {"aws-v1-http-endpoint", aws && strcmp(aws, "METADATA_OPTION_UNSPECIFIED") ? lower(aws, a, sizeof a) : NULL,
			    "gce-http-endpoint", gce && strcmp(gce, "METADATA_OPTION_UNSPECIFIED") ? lower(gce, g, sizeof g) : NULL};
	add_props(b, "--metadata-options", kv, 4);
}

static void command_add_carried(struct sbuf *b, const cJSON *raw)
{
	add_network(b, raw);
	add_secrets_and_accounts(b, raw);
	add_logging(b, raw);
	add_mounts(b, raw);
	add_metadata(b, raw);
}
