/* ycconfig.c — reads the yc CLI's config.yaml (libyaml), the profile that ycfn should use.
 *
 *   current: default
 *   profiles:
 *     default:
 *       token: y0_...                     # OAuth token
 *       service-account-key:              # `yc config set service-account-key key.json` stores
 *         id: ...                         # the key itself inline, as a mapping
 *         service_account_id: ...
 *         private_key: |
 *           PLEASE DO NOT REMOVE THIS LINE! ...
 *       cloud-id: b1g...
 *       folder-id: b1g...
 *       endpoint: api.cloud.yandex.net:443
 *
 * Only the nodes on these paths are read (aliases are never expanded by hand), so a hostile
 * file costs at most its own size.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "api/api_int.h"

void api_yc_profile_free(struct api_yc_profile *p)
{
	free(p->name);
	api_free_secret(&p->token);
	free(p->sa_key_file);
	api_free_secret(&p->sa_key_json);
	free(p->cloud_id);
	free(p->folder_id);
	free(p->endpoint);
	memset(p, 0, sizeof *p);
}

struct ycp {
	yaml_document_t *doc;
	const char *path;
	struct yc_error *err;
};

static int ycp_fail(struct ycp *c, const yaml_node_t *n, const char *field, const char *ru, const char *en)
{
	char wru[256], wen[256];
	unsigned long line = n ? (unsigned long)n->start_mark.line + 1 : 0;
	snprintf(wru, sizeof wru, "%s:%lu: %s: %s", c->path, line, field, ru);
	snprintf(wen, sizeof wen, "%s:%lu: %s: %s", c->path, line, field, en);
	yc_error_set(c->err, YC_ERR_CONFIG, field, wru, wen,
		     "Исправьте файл (или задайте параметры флагами), например командой `yc init`.",
		     "Fix the file (or pass the settings as flags), e.g. with `yc init`.");
	return -1;
}

/* The scalar's text (malloc'd) or NULL with an error when n is not a plain string. */
static char *ycp_scalar(struct ycp *c, const yaml_node_t *n, const char *field)
{
	if (!n || n->type != YAML_SCALAR_NODE) {
		ycp_fail(c, n, field, "ожидалась строка", "a string was expected");
		return NULL;
	}
	size_t len = n->data.scalar.length;
	if (memchr(n->data.scalar.value, 0, len)) {
		ycp_fail(c, n, field, "строка содержит нулевой байт", "the string holds a NUL byte");
		return NULL;
	}
	char *s = strndup((const char *)n->data.scalar.value, len);
	if (!s)
		yc_error_set(c->err, YC_ERR_NOMEM, field, "Не хватает памяти", "Out of memory", NULL, NULL);
	return s;
}

static bool ycp_key_is(const yaml_node_t *k, const char *name)
{
	return k && k->type == YAML_SCALAR_NODE && k->data.scalar.length == strlen(name) &&
	       memcmp(k->data.scalar.value, name, k->data.scalar.length) == 0;
}

/* The value of key `name` in mapping m, or NULL. */
static yaml_node_t *ycp_get(struct ycp *c, const yaml_node_t *m, const char *name)
{
	if (!m || m->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		if (ycp_key_is(yaml_document_get_node(c->doc, p->key), name))
			return yaml_document_get_node(c->doc, p->value);
	}
	return NULL;
}

/* The inline key mapping back into the authorized key JSON that jwt.c reads. */
static int ycp_sa_key_mapping(struct ycp *c, const yaml_node_t *m, struct api_yc_profile *out)
{
	static const char *const keys[] = {"id", "service_account_id", "created_at", "key_algorithm",
					   "public_key", "private_key"};
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; o && i < sizeof keys / sizeof keys[0]; i++) {
		yaml_node_t *v = ycp_get(c, m, keys[i]);
		if (!v)
			continue;
		char field[64];
		snprintf(field, sizeof field, "service-account-key.%s", keys[i]);
		char *s = ycp_scalar(c, v, field);
		if (!s) {
			cJSON_Delete(o);
			return -1;
		}
		cJSON_AddStringToObject(o, keys[i], s);
		api_free_secret(&s);
	}
	out->sa_key_json = o ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	return out->sa_key_json ? 0 : ycp_fail(c, m, "service-account-key", "не хватает памяти", "out of memory");
}

static int ycp_sa_key(struct ycp *c, const yaml_node_t *v, struct api_yc_profile *out)
{
	if (v->type == YAML_MAPPING_NODE)
		return ycp_sa_key_mapping(c, v, out);
	char *s = ycp_scalar(c, v, "service-account-key");
	if (!s)
		return -1;
	const char *home = getenv("HOME");
	if (s[strspn(s, " \t\r\n")] == '{') { /* the key's JSON itself */
		out->sa_key_json = s;
	} else if (s[0] == '~' && s[1] == '/' && home) {
		size_t n = strlen(home) + strlen(s);
		out->sa_key_file = malloc(n);
		if (out->sa_key_file)
			snprintf(out->sa_key_file, n, "%s%s", home, s + 1);
		free(s);
	} else {
		out->sa_key_file = s;
	}
	return 0;
}

static int ycp_profile(struct ycp *c, const yaml_node_t *pm, struct api_yc_profile *out)
{
	if (pm->type != YAML_MAPPING_NODE)
		return ycp_fail(c, pm, "profiles", "профиль должен быть отображением (ключ: значение)",
				"a profile must be a mapping (key: value)");
	static const struct {
		const char *key;
		size_t off;
	} fields[] = {
		{"token", offsetof(struct api_yc_profile, token)},
		{"cloud-id", offsetof(struct api_yc_profile, cloud_id)},
		{"folder-id", offsetof(struct api_yc_profile, folder_id)},
		{"endpoint", offsetof(struct api_yc_profile, endpoint)},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		yaml_node_t *v = ycp_get(c, pm, fields[i].key);
		if (!v)
			continue;
		char *s = ycp_scalar(c, v, fields[i].key);
		if (!s)
			return -1;
		*(char **)((char *)out + fields[i].off) = s;
	}
	yaml_node_t *k = ycp_get(c, pm, "service-account-key");
	if (k && ycp_sa_key(c, k, out) != 0)
		return -1;
	yaml_node_t *isa = ycp_get(c, pm, "instance-service-account");
	out->instance_sa = isa && isa->type == YAML_SCALAR_NODE && ycp_key_is(isa, "true");
	return 0;
}

static int ycp_root(struct ycp *c, const char *profile, struct api_yc_profile *out)
{
	yaml_node_t *root = yaml_document_get_root_node(c->doc);
	if (!root || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
		return 0; /* an empty file: no profile */
	if (root->type != YAML_MAPPING_NODE)
		return ycp_fail(c, root, "(root)", "ожидалось отображение с current и profiles",
				"a mapping with current and profiles was expected");
	char *want = NULL;
	if (profile) {
		want = strdup(profile);
	} else {
		yaml_node_t *cur = ycp_get(c, root, "current");
		if (!cur)
			return 0; /* no current profile: nothing to take */
		if (!(want = ycp_scalar(c, cur, "current")))
			return -1;
	}
	yaml_node_t *profiles = ycp_get(c, root, "profiles");
	yaml_node_t *pm = ycp_get(c, profiles, want ? want : "");
	if (!pm) {
		char ru[200], en[200];
		snprintf(ru, sizeof ru, "профиль «%.60s» не найден в profiles", want ? want : "");
		snprintf(en, sizeof en, "profile \"%.60s\" is not in profiles", want ? want : "");
		free(want);
		return ycp_fail(c, profiles ? profiles : root, profile ? "profile" : "current", ru, en);
	}
	out->name = want;
	return ycp_profile(c, pm, out);
}

int api_ycconfig_parse(const char *text, size_t len, const char *path, const char *profile,
		       struct api_yc_profile *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	struct ycp c = {.path = path ? path : "config.yaml", .err = err};
	if (len > API_FILE_MAX)
		return ycp_fail(&c, NULL, "(file)", "файл слишком большой", "the file is too large");
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser))
		return ycp_fail(&c, NULL, "(file)", "не хватает памяти", "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		char ru[200], en[200];
		snprintf(ru, sizeof ru, "строка %lu: не YAML (%.100s)", (unsigned long)parser.problem_mark.line + 1,
			 parser.problem ? parser.problem : "?");
		snprintf(en, sizeof en, "line %lu: not YAML (%.100s)", (unsigned long)parser.problem_mark.line + 1,
			 parser.problem ? parser.problem : "?");
		yaml_parser_delete(&parser);
		return ycp_fail(&c, NULL, "(file)", ru, en);
	}
	c.doc = &doc;
	int rc = ycp_root(&c, profile, out);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (rc != 0)
		api_yc_profile_free(out);
	return rc;
}
