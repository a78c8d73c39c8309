/* values.c — yc flag values into the form's text (see values.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/flags.h"
#include "cli/values.h"

#define MIB (1024 * 1024)

struct env_buf {
	char *text;
	size_t len, cap;
};

static int env_bad(struct yc_error *err, const char *what_ru, const char *what_en)
{
	cli_usage_error(err, "--environment", what_ru, what_en,
			"Формат: KEY=VALUE[,KEY=VALUE]; пару с запятой в значении возьмите в кавычки: '\"KEY=a,b\"'",
			"The format is KEY=VALUE[,KEY=VALUE]; quote a pair whose value has a comma: '\"KEY=a,b\"'");
	return -1;
}

/* Removes an earlier line for key (so that the later value wins, keeping one line per key). */
static void env_drop_key(struct env_buf *b, const char *key, size_t klen)
{
	size_t at = 0;
	while (at < b->len) {
		char *nl = memchr(b->text + at, '\n', b->len - at);
		size_t end = nl ? (size_t)(nl - b->text) + 1 : b->len;
		if (end - at > klen && memcmp(b->text + at, key, klen) == 0 && b->text[at + klen] == '=') {
			memmove(b->text + at, b->text + end, b->len - end);
			b->len -= end - at;
			b->text[b->len] = '\0';
			continue;
		}
		at = end;
	}
}

static int env_append(struct env_buf *b, const char *pair, size_t len, struct yc_error *err)
{
	const char *eq = memchr(pair, '=', len);
	if (!eq || eq == pair)
		return env_bad(err, "ожидалось KEY=VALUE", "expected KEY=VALUE");
	if (memchr(pair, '\n', len) || memchr(pair, '\r', len))
		return env_bad(err, "значение содержит перевод строки", "a value holds a line break");
	env_drop_key(b, pair, (size_t)(eq - pair));
	if (b->len + len + 2 > CLI_ENV_MAX)
		return env_bad(err, "переменные окружения слишком длинные", "the environment variables are too long");
	if (b->len + len + 2 > b->cap) {
		size_t cap = (b->len + len + 2) * 2;
		char *t = realloc(b->text, cap);
		if (!t)
			return env_bad(err, "нет памяти", "out of memory");
		b->text = t;
		b->cap = cap;
	}
	if (b->len)
		b->text[b->len++] = '\n';
	memcpy(b->text + b->len, pair, len);
	b->len += len;
	b->text[b->len] = '\0';
	return 0;
}

/* One CSV field from *s (advanced past it and its comma) into field (cap CLI_ENV_MAX). */
static int env_field(const char **s, char *field, size_t *flen, struct yc_error *err)
{
	const char *p = *s;
	size_t n = 0;
	if (*p == '"') {
		p++;
		for (;;) {
			if (*p == '\0')
				return env_bad(err, "не закрыта кавычка", "a quote is not closed");
			if (*p == '"' && p[1] == '"') {
				p++;
			} else if (*p == '"') {
				p++;
				break;
			}
			if (n + 1 >= CLI_ENV_MAX)
				return env_bad(err, "значение слишком длинное", "the value is too long");
			field[n++] = *p++;
		}
		if (*p != ',' && *p != '\0')
			return env_bad(err, "после кавычки ожидалась запятая", "expected a comma after the quote");
	} else {
		while (*p && *p != ',') {
			if (n + 1 >= CLI_ENV_MAX)
				return env_bad(err, "значение слишком длинное", "the value is too long");
			field[n++] = *p++;
		}
	}
	field[n] = '\0';
	*flen = n;
	*s = *p == ',' ? p + 1 : p;
	return 0;
}

int cli_env_to_text(const char *const *values, size_t n, char **out, struct yc_error *err)
{
	struct env_buf b = {calloc(1, 1), 0, 1};
	char *field = malloc(CLI_ENV_MAX);
	*out = NULL;
	if (!b.text || !field) {
		free(b.text);
		free(field);
		return env_bad(err, "нет памяти", "out of memory");
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *s = values[i];
		if (*s == '\0' && n == 1)
			break; /* --environment "" : no variables */
		do {
			size_t flen = 0;
			rc = env_field(&s, field, &flen, err);
			if (rc == 0)
				rc = env_append(&b, field, flen, err);
		} while (rc == 0 && *s);
	}
	free(field);
	if (rc != 0) {
		free(b.text);
		return -1;
	}
	*out = b.text;
	return 0;
}

int cli_memory_to_text(const char *value, char *buf, size_t n, struct yc_error *err)
{
	int64_t bytes = 0;
	if (model_parse_memory(value, 1, &bytes, err) != 0) {
		/* Keep the model's words, but name the flag and yc's syntax. */
		snprintf(err->field, sizeof err->field, "%s", "--memory");
		err->kind = YC_ERR_PARSE;
		snprintf(err->hint_ru, sizeof err->hint_ru, "%s", "Например: 128m, 1GB или 134217728 (байты)");
		snprintf(err->hint_en, sizeof err->hint_en, "%s", "For example 128m, 1GB or 134217728 (bytes)");
		return -1;
	}
	if (bytes <= 0 || bytes % MIB != 0) {
		yc_error_set(err, YC_ERR_VALIDATION, "--memory", "память должна быть кратна 128 МБ",
			     "memory must be a multiple of 128 MB", "Например: 128m, 256m, 1GB",
			     "For example 128m, 256m, 1GB");
		return -1;
	}
	snprintf(buf, n, "%lld", (long long)(bytes / MIB));
	return 0;
}

int cli_check_duration(const char *flag, const char *value, struct yc_error *err)
{
	int64_t ms = 0;
	if (model_parse_duration(value, &ms, err) == 0)
		return 0;
	snprintf(err->field, sizeof err->field, "%s", flag);
	err->kind = YC_ERR_PARSE;
	snprintf(err->hint_ru, sizeof err->hint_ru, "%s", "Например: 5s, 1m30s");
	snprintf(err->hint_en, sizeof err->hint_en, "%s", "For example 5s or 1m30s");
	return -1;
}

int cli_check_digits(const char *flag, const char *value, struct yc_error *err)
{
	size_t len = strlen(value);
	if (len > 0 && len <= 9 && strspn(value, "0123456789") == len)
		return 0;
	cli_usage_error(err, flag, "ожидалось целое неотрицательное число", "expected a whole non-negative number",
			"Например: 3", "For example 3");
	return -1;
}
