/* carried.c — yc's flags for settings the form does not show (concurrency, tmpfs, network,
 * logging). They are written into the base version's answer before the body is built, so that
 * the model carries them into the request exactly as it carries every setting it does not type,
 * and checks them the same way (concurrency 0-16, tmpfs against memory). This is what lets the
 * "equivalent yc command" the TUI shows run as a ycfn command. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"
#include "cli/values.h"

static int nomem(struct yc_error *err)
{
	yc_error_set(err, YC_ERR_NOMEM, NULL, "нет памяти", "out of memory", NULL, NULL);
	return -1;
}

/* Replaces (or adds) obj[key] with item; takes item. */
static int put(cJSON *obj, const char *key, cJSON *item, struct yc_error *err)
{
	if (!item)
		return nomem(err);
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item);
	else
		cJSON_AddItemToObject(obj, key, item);
	return 0;
}

static cJSON *child_object(cJSON *obj, const char *key, struct yc_error *err)
{
	cJSON *c = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsObject(c))
		return c;
	c = cJSON_CreateObject();
	return put(obj, key, c, err) == 0 ? c : NULL;
}

static int set_sizes(cJSON *raw, const struct cli_parser *p, struct yc_error *err)
{
	const char *v = cli_get(p, "--concurrency");
	if (v) {
		if (cli_check_digits("--concurrency", v, err) != 0 || put(raw, "concurrency", cJSON_CreateString(v), err) != 0)
			return -1;
	}
	v = cli_get(p, "--tmpfs-size");
	if (v) {
		int64_t bytes = 0;
		char num[32];
		if (model_parse_memory(v, 1, &bytes, err) != 0) {
			snprintf(err->field, sizeof err->field, "%s", "--tmpfs-size");
			err->kind = YC_ERR_PARSE;
			return -1;
		}
		snprintf(num, sizeof num, "%lld", (long long)bytes);
		if (put(raw, "tmpfsSize", cJSON_CreateString(num), err) != 0)
			return -1;
	}
	return 0;
}

/* --subnet-id a,b (repeatable) into an array. */
static cJSON *subnets(const struct cli_flag_val *v, struct yc_error *err)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < v->n_list; i++) {
		const char *s = v->list[i];
		while (*s) {
			size_t len = strcspn(s, ",");
			char id[128];
			if (len == 0 || len >= sizeof id) {
				cJSON_Delete(arr);
				cli_usage_error(err, "--subnet-id", "недопустимый id подсети", "not a valid subnet id",
						"Перечислите id через запятую", "List the ids separated by commas");
				return NULL;
			}
			memcpy(id, s, len);
			id[len] = '\0';
			cJSON_AddItemToArray(arr, cJSON_CreateString(id));
			s += len + (s[len] == ',');
		}
	}
	if (!arr)
		nomem(err);
	return arr;
}

static int set_network(cJSON *raw, const struct cli_parser *p, struct yc_error *err)
{
	const char *net = cli_get(p, "--network-id");
	const struct cli_flag_val *sub = cli_flag(p, "--subnet-id");
	bool has_sub = sub && sub->set;
	if (!net && !has_sub)
		return 0;
	cJSON *c = child_object(raw, "connectivity", err);
	if (!c)
		return -1;
	if (net && put(c, "networkId", cJSON_CreateString(net), err) != 0)
		return -1;
	if (has_sub) {
		cJSON *arr = subnets(sub, err);
		if (!arr || put(c, "subnetId", arr, err) != 0)
			return -1;
	}
	return 0;
}

static int min_level(const char *v, char *out, size_t n, struct yc_error *err)
{
	static const char *const levels[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
	size_t len = strlen(v);
	if (len < n) {
		for (size_t i = 0; i <= len; i++)
			out[i] = (char)toupper((unsigned char)v[i]);
		for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
			if (strcmp(out, levels[i]) == 0)
				return 0;
	}
	cli_usage_error(err, "--min-log-level", "неизвестный уровень журнала", "unknown log level",
			"Укажите trace, debug, info, warn, error или fatal", "Give trace, debug, info, warn, error or fatal");
	return -1;
}

static int set_logging(cJSON *raw, const struct cli_parser *p, struct yc_error *err)
{
	const char *group = cli_get(p, "--log-group-id"), *folder = cli_get(p, "--log-folder-id");
	const char *level = cli_get(p, "--min-log-level");
	bool off = cli_on(p, "--no-logging");
	if (!group && !folder && !level && !off)
		return 0;
	if (group && folder) {
		cli_usage_error(err, "--log-folder-id", "нельзя вместе с --log-group-id", "cannot go with --log-group-id",
				"Оставьте один из флагов", "Keep one of the two");
		return -1;
	}
	char lvl[16];
	if (level && min_level(level, lvl, sizeof lvl, err) != 0)
		return -1;
	cJSON *l = child_object(raw, "logOptions", err);
	if (!l)
		return -1;
	if (off && put(l, "disabled", cJSON_CreateTrue(), err) != 0)
		return -1;
	/* The destination is a oneof: naming one drops the other. */
	if (group) {
		cJSON_DeleteItemFromObjectCaseSensitive(l, "folderId");
		if (put(l, "logGroupId", cJSON_CreateString(group), err) != 0)
			return -1;
	}
	if (folder) {
		cJSON_DeleteItemFromObjectCaseSensitive(l, "logGroupId");
		if (put(l, "folderId", cJSON_CreateString(folder), err) != 0)
			return -1;
	}
	return level ? put(l, "minLevel", cJSON_CreateString(lvl), err) : 0;
}

int cli_apply_carried(cJSON *raw, const struct cli_parser *p, struct yc_error *err)
{
	if (!cJSON_IsObject(raw)) {
		yc_error_set(err, YC_ERR_PARSE, NULL, "версия-основа пришла без настроек",
			     "the base version came without its settings", NULL, NULL);
		return -1;
	}
	if (set_sizes(raw, p, err) != 0 || set_network(raw, p, err) != 0 || set_logging(raw, p, err) != 0 ||
	    cli_apply_carried_lists(raw, p, err) != 0)
		return -1;
	return 0;
}
