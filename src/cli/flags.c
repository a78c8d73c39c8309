/* flags.c — the flag parser (see flags.h). */
#include <stdio.h>
#include <string.h>

#include "cli/flags.h"

void cli_parser_init(struct cli_parser *p)
{
	memset(p, 0, sizeof *p);
}

void cli_parser_free(struct cli_parser *p)
{
	/* Nothing is allocated today; kept so that callers need not change if that changes. */
	(void)p;
}

static int find(const struct cli_parser *p, const char *name, size_t len)
{
	for (size_t i = 0; i < p->n; i++)
		if (strlen(p->defs[i]->name) == len && strncmp(p->defs[i]->name, name, len) == 0)
			return (int)i;
	return -1;
}

void cli_parser_add(struct cli_parser *p, const struct cli_flag_def *table, size_t n)
{
	for (size_t i = 0; i < n && p->n < CLI_MAX_FLAGS; i++)
		if (find(p, table[i].name, strlen(table[i].name)) < 0)
			p->defs[p->n++] = &table[i];
}

void cli_usage_error(struct yc_error *err, const char *flag, const char *what_ru, const char *what_en,
		     const char *hint_ru, const char *hint_en)
{
	yc_error_clear(err);
	yc_error_set(err, YC_ERR_PARSE, flag, what_ru, what_en, hint_ru, hint_en);
}

/* A flag name as given, capped, for messages: never the value (it may be a token). */
static void name_of(const char *arg, size_t len, char *buf, size_t n)
{
	if (len >= n)
		len = n - 1;
	memcpy(buf, arg, len);
	buf[len] = '\0';
}

static int set_bool(struct cli_flag_val *v, const char *name, const char *eq, struct yc_error *err)
{
	if (eq && strcmp(eq, "true") != 0 && strcmp(eq, "false") != 0) {
		cli_usage_error(err, name, "этот флаг не принимает значения, кроме true и false",
				"this flag takes no value other than true or false",
				"Уберите значение после '='", "Remove the value after '='");
		return -1;
	}
	v->set = true;
	v->value = eq ? eq : "true";
	return 0;
}

static int set_value(struct cli_flag_val *v, const struct cli_flag_def *d, const char *val, struct yc_error *err)
{
	v->set = true;
	v->value = val;
	if (d->kind != CLI_FK_LIST)
		return 0;
	if (v->n_list == CLI_MAX_LIST) {
		cli_usage_error(err, d->name, "флаг повторён слишком много раз", "the flag is repeated too many times",
				"Объедините значения через запятую", "Join the values with commas");
		return -1;
	}
	v->list[v->n_list++] = val;
	return 0;
}

/* One "--name[=value]" at argv[*i]; may consume argv[*i + 1]. */
static int parse_flag(struct cli_parser *p, int argc, char *const *argv, int *i, struct yc_error *err)
{
	const char *arg = argv[*i];
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	char name[64];
	name_of(arg, len, name, sizeof name);
	int k = find(p, arg, len);
	if (k < 0) {
		if (p->lenient)
			return 0;
		cli_usage_error(err, name, "неизвестный флаг", "unknown flag",
				"Список флагов команды: --help", "See the command's flags with --help");
		return -1;
	}
	const struct cli_flag_def *d = p->defs[k];
	struct cli_flag_val *v = &p->vals[k];
	/* The lenient pass only looks for the command: it never fails, the strict pass reports. */
	if (d->kind == CLI_FK_BOOL)
		return set_bool(v, d->name, eq ? eq + 1 : NULL, err) == 0 || p->lenient ? 0 : -1;
	if (eq)
		return set_value(v, d, eq + 1, err) == 0 || p->lenient ? 0 : -1;
	if (*i + 1 >= argc) {
		if (p->lenient)
			return 0;
		cli_usage_error(err, d->name, "у флага нет значения", "the flag has no value",
				"Укажите значение после флага", "Give a value after the flag");
		return -1;
	}
	*i += 1;
	return set_value(v, d, argv[*i], err) == 0 || p->lenient ? 0 : -1;
}

int cli_parser_run(struct cli_parser *p, int argc, char *const *argv, struct yc_error *err)
{
	bool only_pos = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!only_pos && strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (!only_pos && strcmp(a, "-h") == 0)
			a = "--help";
		if (!only_pos && a[0] == '-' && a[1] == '-' && a[2] != '\0') {
			char *one[1] = {(char *)a};
			int j = 0;
			if (a != argv[i]) {
				if (parse_flag(p, 1, one, &j, err) != 0)
					return -1;
			} else if (parse_flag(p, argc, argv, &i, err) != 0) {
				return -1;
			}
			continue;
		}
		if (!only_pos && a[0] == '-' && a[1] != '\0') {
			if (p->lenient)
				continue;
			char name[64];
			name_of(a, strlen(a), name, sizeof name);
			cli_usage_error(err, name, "короткие флаги не поддерживаются", "short flags are not supported",
					"Используйте длинный флаг: --help", "Use the long flag; see --help");
			return -1;
		}
		if (p->n_pos == CLI_MAX_POS) {
			if (p->lenient)
				continue;
			cli_usage_error(err, NULL, "слишком много аргументов", "too many arguments",
					"Список аргументов команды: --help", "See the command's arguments with --help");
			return -1;
		}
		p->pos[p->n_pos++] = a;
	}
	return 0;
}

const struct cli_flag_val *cli_flag(const struct cli_parser *p, const char *name)
{
	int k = find(p, name, strlen(name));
	return k < 0 ? NULL : &p->vals[k];
}

const char *cli_get(const struct cli_parser *p, const char *name)
{
	const struct cli_flag_val *v = cli_flag(p, name);
	return v && v->set ? v->value : NULL;
}

bool cli_on(const struct cli_parser *p, const char *name)
{
	const char *v = cli_get(p, name);
	return v && strcmp(v, "false") != 0;
}

bool cli_given(const struct cli_parser *p, const char *name)
{
	const struct cli_flag_val *v = cli_flag(p, name);
	return v && v->set;
}
