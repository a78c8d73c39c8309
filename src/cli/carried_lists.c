/* carried_lists.c — yc's repeatable "key=value,key=value" flags for carried settings: --secret,
 * --add-service-account, --storage-mounts, --mount, --metadata-options. As in yc, giving one
 * replaces the whole list of the base version with the flags' items, in order. Members are
 * written in the proto's order, which is the order the API answers in. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"

#define PROPS_MAX 8

struct props {
	char buf[1024];
	const char *key[PROPS_MAX];
	const char *val[PROPS_MAX];
	size_t n;
};

static int bad(struct yc_error *err, const char *flag, const char *hint_ru, const char *hint_en)
{
	cli_usage_error(err, flag, "недопустимое значение", "invalid value", hint_ru, hint_en);
	return -1;
}

/* "a=1,b=2" into props (values hold no commas, as in yc's own output for these flags). */
static int props_parse(const char *flag, const char *text, struct props *p, struct yc_error *err)
{
	memset(p, 0, sizeof *p);
	size_t len = strlen(text);
	if (len >= sizeof p->buf)
		return bad(err, flag, "Значение слишком длинное", "The value is too long");
	memcpy(p->buf, text, len + 1);
	for (char *save = NULL, *kv = strtok_r(p->buf, ",", &save); kv; kv = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(kv, '=');
		if (!eq || eq == kv || p->n == PROPS_MAX)
			return bad(err, flag, "Формат: ключ=значение[,ключ=значение]", "The format is key=value[,key=value]");
		*eq = '\0';
		p->key[p->n] = kv;
		p->val[p->n++] = eq + 1;
	}
	return 0;
}

static const char *prop(const struct props *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->key[i], key) == 0)
			return p->val[i];
	return NULL;
}

/* Every key of p must be one of allowed (NULL-terminated), and every required one present. */
static int props_check(const char *flag, const struct props *p, const char *const *allowed, const char *const *required,
		       struct yc_error *err)
{
	for (size_t i = 0; i < p->n; i++) {
		bool ok = false;
		for (size_t k = 0; allowed[k] && !ok; k++)
			ok = strcmp(p->key[i], allowed[k]) == 0;
		if (!ok)
			return bad(err, flag, "Неизвестный ключ: см. man ycfn", "Unknown key: see man ycfn");
	}
	for (size_t k = 0; required[k]; k++)
		if (!prop(p, required[k]) || !*prop(p, required[k]))
			return bad(err, flag, "Не хватает обязательного ключа: см. man ycfn",
				   "A required key is missing: see man ycfn");
	return 0;
}

static void add_str(cJSON *o, const char *key, const char *v)
{
	if (v && *v)
		cJSON_AddStringToObject(o, key, v);
}

static cJSON *secret(const struct props *p, struct yc_error *err)
{
	static const char *const allowed[] = {"id", "version-id", "key", "environment-variable", NULL};
	static const char *const required[] = {"id", "key", "environment-variable", NULL};
	if (props_check("--secret", p, allowed, required, err) != 0)
		return NULL;
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", prop(p, "id"));
	add_str(o, "versionId", prop(p, "version-id"));
	add_str(o, "key", prop(p, "key"));
	add_str(o, "environmentVariable", prop(p, "environment-variable"));
	return o;
}

static cJSON *storage_mount(const struct props *p, struct yc_error *err)
{
	static const char *const allowed[] = {"mount-point", "bucket", "prefix", "read-only", NULL};
	static const char *const required[] = {"mount-point", "bucket", NULL};
	if (props_check("--storage-mounts", p, allowed, required, err) != 0)
		return NULL;
	const char *ro = prop(p, "read-only");
	if (ro && strcmp(ro, "true") != 0 && strcmp(ro, "false") != 0) {
		bad(err, "--storage-mounts", "read-only=true или false", "read-only=true or false");
		return NULL;
	}
	cJSON *o = cJSON_CreateObject();
	add_str(o, "bucketId", prop(p, "bucket"));
	add_str(o, "prefix", prop(p, "prefix"));
	add_str(o, "mountPointName", prop(p, "mount-point"));
	cJSON_AddBoolToObject(o, "readOnly", ro && strcmp(ro, "true") == 0);
	return o;
}

static int size_member(cJSON *o, const char *key, const char *text, struct yc_error *err)
{
	int64_t bytes = 0;
	char num[32];
	if (!text || !*text)
		return 0;
	if (model_parse_memory(text, 1, &bytes, err) != 0) {
		snprintf(err->field, sizeof err->field, "%s", "--mount");
		err->kind = YC_ERR_PARSE;
		return -1;
	}
	snprintf(num, sizeof num, "%lld", (long long)bytes);
	cJSON_AddStringToObject(o, key, num);
	return 0;
}

static cJSON *mount(const struct props *p, struct yc_error *err)
{
	static const char *const allowed[] = {"type", "mount-point", "bucket", "prefix", "mode", "size", "block-size", NULL};
	static const char *const required[] = {"type", "mount-point", NULL};
	if (props_check("--mount", p, allowed, required, err) != 0)
		return NULL;
	const char *type = prop(p, "type"), *mode = prop(p, "mode");
	bool os = strcmp(type, "object-storage") == 0;
	if ((!os && strcmp(type, "ephemeral-disk") != 0) || (mode && strcmp(mode, "ro") && strcmp(mode, "rw")) ||
	    (os && !prop(p, "bucket"))) {
		bad(err, "--mount", "type=object-storage (с bucket) или ephemeral-disk; mode=ro или rw",
		    "type=object-storage (with bucket) or ephemeral-disk; mode=ro or rw");
		return NULL;
	}
	cJSON *o = cJSON_CreateObject();
	add_str(o, "name", prop(p, "mount-point"));
	if (mode)
		cJSON_AddStringToObject(o, "mode", strcmp(mode, "ro") == 0 ? "READ_ONLY" : "READ_WRITE");
	cJSON *spec = cJSON_AddObjectToObject(o, os ? "objectStorage" : "ephemeralDiskSpec");
	if (os) {
		add_str(spec, "bucketId", prop(p, "bucket"));
		add_str(spec, "prefix", prop(p, "prefix"));
	} else if (size_member(spec, "size", prop(p, "size"), err) != 0 ||
		   size_member(spec, "blockSize", prop(p, "block-size"), err) != 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Replaces raw[key] with an array of what make() builds from each value of flag. */
static int list_flag(cJSON *raw, const struct cli_parser *p, const char *flag, const char *key,
		     cJSON *(*make)(const struct props *, struct yc_error *), struct yc_error *err)
{
	const struct cli_flag_val *v = cli_flag(p, flag);
	if (!v || !v->set)
		return 0;
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < v->n_list; i++) {
		struct props pr;
		cJSON *item = props_parse(flag, v->list[i], &pr, err) == 0 ? make(&pr, err) : NULL;
		if (!item) {
			cJSON_Delete(arr);
			return -1;
		}
		cJSON_AddItemToArray(arr, item);
	}
	cJSON_DeleteItemFromObjectCaseSensitive(raw, key);
	cJSON_AddItemToObject(raw, key, arr);
	return 0;
}

static int named_accounts(cJSON *raw, const struct cli_parser *p, struct yc_error *err)
{
	static const char *const allowed[] = {"alias", "id", NULL};
	const struct cli_flag_val *v = cli_flag(p, "--add-service-account");
	if (!v || !v->set)
		return 0;
	cJSON *obj = cJSON_CreateObject();
	for (size_t i = 0; obj && i < v->n_list; i++) {
		struct props pr;
		if (props_parse("--add-service-account", v->list[i], &pr, err) != 0 ||
		    props_check("--add-service-account", &pr, allowed, allowed, err) != 0) {
			cJSON_Delete(obj);
			return -1;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(obj, prop(&pr, "alias"));
		cJSON_AddStringToObject(obj, prop(&pr, "alias"), prop(&pr, "id"));
	}
	cJSON_DeleteItemFromObjectCaseSensitive(raw, "namedServiceAccounts");
	cJSON_AddItemToObject(raw, "namedServiceAccounts", obj);
	return 0;
}

static int metadata(cJSON *raw, const struct cli_parser *p, struct yc_error *err)
{
	static const char *const allowed[] = {"gce-http-endpoint", "aws-v1-http-endpoint", NULL};
	static const char *const none[] = {NULL};
	const char *v = cli_get(p, "--metadata-options");
	struct props pr;
	if (!v)
		return 0;
	if (props_parse("--metadata-options", v, &pr, err) != 0 ||
	    props_check("--metadata-options", &pr, allowed, none, err) != 0)
		return -1;
	cJSON *o = cJSON_CreateObject();
	const char *keys[][2] = {{"gce-http-endpoint", "gceHttpEndpoint"}, {"aws-v1-http-endpoint", "awsV1HttpEndpoint"}};
	for (size_t i = 0; i < 2; i++) {
		const char *val = prop(&pr, keys[i][0]);
		if (!val)
			continue;
		if (strcmp(val, "enabled") != 0 && strcmp(val, "disabled") != 0) {
			cJSON_Delete(o);
			return bad(err, "--metadata-options", "Значения: enabled или disabled", "The values are enabled or disabled");
		}
		cJSON_AddStringToObject(o, keys[i][1], strcmp(val, "enabled") == 0 ? "ENABLED" : "DISABLED");
	}
	cJSON_DeleteItemFromObjectCaseSensitive(raw, "metadataOptions");
	cJSON_AddItemToObject(raw, "metadataOptions", o);
	return 0;
}

int cli_apply_carried_lists(cJSON *raw, const struct cli_parser *p, struct yc_error *err)
{
	if (list_flag(raw, p, "--secret", "secrets", secret, err) != 0 || named_accounts(raw, p, err) != 0 ||
	    list_flag(raw, p, "--storage-mounts", "storageMounts", storage_mount, err) != 0 ||
	    list_flag(raw, p, "--mount", "mounts", mount, err) != 0 || metadata(raw, p, err) != 0)
		return -1;
	return 0;
}
