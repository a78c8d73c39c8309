/* json.c — reading JSON from outside without trusting it: size and depth caps, typed getters
 * that name the member at fault. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void mj_fail(struct yc_error *err, const char *field, const char *what_ru, const char *what_en)
{
	yc_error_set(err, YC_ERR_PARSE, field, what_ru, what_en,
		     "Повторите запрос; если ошибка не уходит, проверьте адрес API (--endpoint)",
		     "Try again; if it persists, check the API endpoint (--endpoint)");
}

void mj_prefix(struct yc_error *err, const char *prefix, long index)
{
	if (!err)
		return;
	char tmp[256];
	if (index >= 0)
		snprintf(tmp, sizeof tmp, "%s[%ld]%s%s", prefix, index, err->field[0] ? "." : "", err->field);
	else
		snprintf(tmp, sizeof tmp, "%s%s%s", prefix, err->field[0] ? "." : "", err->field);
	mj_copy_clean(err->field, sizeof err->field, tmp);
}

/* Deepest nesting of arrays and objects, counted outside strings; stops early past limit. */
static int json_depth(const char *buf, size_t len, int limit)
{
	int depth = 0, max = 0;
	bool in_str = false, esc = false;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (in_str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			if (++depth > max)
				max = depth;
			if (max > limit)
				return max;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return max;
}

int model_json_parse(const char *buf, size_t len, cJSON **out, struct yc_error *err)
{
	*out = NULL;
	if (!buf || len == 0) {
		mj_fail(err, "", "Пустой ответ вместо JSON", "An empty answer where JSON was expected");
		return -1;
	}
	if (len > YC_JSON_MAX_BYTES) {
		mj_fail(err, "", "Ответ слишком большой (больше 16 МБ)", "The answer is too large (over 16 MB)");
		return -1;
	}
	if (json_depth(buf, len, YC_JSON_MAX_DEPTH) > YC_JSON_MAX_DEPTH) {
		mj_fail(err, "", "Ответ вложен слишком глубоко", "The answer is nested too deeply");
		return -1;
	}
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	if (!j) {
		mj_fail(err, "", "Ответ не является корректным JSON", "The answer is not valid JSON");
		return -1;
	}
	for (const char *p = end; p && p < buf + len; p++) {
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			cJSON_Delete(j);
			mj_fail(err, "", "После JSON в ответе лишние данные", "Trailing data after the JSON answer");
			return -1;
		}
	}
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		mj_fail(err, "", "Ответ не является объектом JSON", "The answer is not a JSON object");
		return -1;
	}
	*out = j;
	return 0;
}

static const cJSON *member(const cJSON *o, const char *key)
{
	if (!cJSON_IsObject(o))
		return NULL;
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNull(m) ? NULL : m;
}

static int missing(const char *key, struct yc_error *err)
{
	mj_fail(err, key, "В ответе нет обязательного поля", "A required field is missing from the answer");
	return -1;
}

static int nomem(const char *key, struct yc_error *err)
{
	yc_error_set(err, YC_ERR_NOMEM, key, "Не хватает памяти", "Out of memory", NULL, NULL);
	return -1;
}

/* The member key of o when it is there and is_type accepts it: 0 with *out (NULL when absent or
 * null), or -1 with "the field must be <what>" in err. */
static int typed_member(const cJSON *o, const char *key, cJSON_bool (*is_type)(const cJSON *), const char *what_ru,
			const char *what_en, const cJSON **out, struct yc_error *err)
{
	*out = member(o, key);
	if (*out && !is_type(*out)) {
		*out = NULL;
		mj_fail(err, key, what_ru, what_en);
		return -1;
	}
	return 0;
}

int mj_str(const cJSON *o, const char *key, bool required, char **out, struct yc_error *err)
{
	const cJSON *m = member(o, key);
	if (!m)
		return required ? missing(key, err) : 0;
	if (!cJSON_IsString(m) || !m->valuestring) {
		mj_fail(err, key, "Поле должно быть строкой", "The field must be a string");
		return -1;
	}
	size_t len = strlen(m->valuestring);
	if (len > MJ_STR_MAX) {
		mj_fail(err, key, "Строка слишком длинная (больше 64 КБ)", "The string is too long (over 64 KB)");
		return -1;
	}
	if (required && len == 0)
		return missing(key, err);
	char *s = strdup(m->valuestring);
	if (!s)
		return nomem(key, err);
	free(*out);
	*out = s;
	return 0;
}

/* Decimal digits with an optional minus, nothing else; overflow refused. */
static int parse_int64_text(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	if (neg)
		s++;
	if (!*s || strlen(s) > 19)
		return -1;
	uint64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v > (uint64_t)INT64_MAX)
		return -1;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

/* An integer as the API writes one: a string of digits (int64 in proto3 JSON) or a number. */
static int int64_of(const cJSON *m, int64_t *out)
{
	if (cJSON_IsString(m) && m->valuestring)
		return parse_int64_text(m->valuestring, out);
	if (!cJSON_IsNumber(m))
		return -1;
	double d = m->valuedouble;
	/* Beyond 2^53 a double no longer holds every integer. */
	if (!isfinite(d) || d != floor(d) || fabs(d) > 9007199254740992.0)
		return -1;
	*out = (int64_t)d;
	return 0;
}

int mj_int64_value(const cJSON *m, const char *key, int64_t min, int64_t max, int64_t *out, struct yc_error *err)
{
	int64_t v = 0;
	if (int64_of(m, &v) < 0) {
		mj_fail(err, key, "Поле должно быть целым числом", "The field must be an integer");
		return -1;
	}
	if (v < min || v > max) {
		mj_fail(err, key, "Значение вне допустимого диапазона", "The value is out of range");
		return -1;
	}
	*out = v;
	return 0;
}

int mj_int64(const cJSON *o, const char *key, int64_t min, int64_t max, int64_t *out, struct yc_error *err)
{
	const cJSON *m = member(o, key);
	if (!m)
		return 0;
	return mj_int64_value(m, key, min, max, out, err);
}

int mj_bool(const cJSON *o, const char *key, bool *out, struct yc_error *err)
{
	const cJSON *m;
	if (typed_member(o, key, cJSON_IsBool, "Поле должно быть true или false", "The field must be true or false", &m,
			 err) < 0)
		return -1;
	if (m)
		*out = cJSON_IsTrue(m);
	return 0;
}

int mj_object(const cJSON *o, const char *key, const cJSON **out, struct yc_error *err)
{
	return typed_member(o, key, cJSON_IsObject, "Поле должно быть объектом", "The field must be an object", out, err);
}

static int too_many(const char *key, struct yc_error *err)
{
	mj_fail(err, key, "Слишком много элементов", "Too many items");
	return -1;
}

int mj_kv_map(const cJSON *o, const char *key, struct yc_kv_list *out, struct yc_error *err)
{
	const cJSON *m;
	if (mj_object(o, key, &m, err) < 0)
		return -1;
	if (!m)
		return 0;
	size_t n = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, m)
	{
		if (++n > MJ_ITEMS_MAX)
			return too_many(key, err);
	}
	yc_kv_list_free(out);
	if (!n)
		return 0;
	out->items = calloc(n, sizeof *out->items);
	if (!out->items)
		return too_many(key, err);
	cJSON_ArrayForEach(it, m)
	{
		char name[96];
		snprintf(name, sizeof name, "%s.%.60s", key, it->string ? it->string : "");
		if (!it->string || strlen(it->string) > MJ_STR_MAX) {
			mj_fail(err, key, "Слишком длинный ключ", "A key is too long");
			return -1;
		}
		char *v = NULL;
		if (!cJSON_IsString(it)) {
			mj_fail(err, name, "Значение должно быть строкой", "The value must be a string");
			return -1;
		}
		if (strlen(it->valuestring) > MJ_STR_MAX) {
			mj_fail(err, name, "Строка слишком длинная (больше 64 КБ)", "The string is too long (over 64 KB)");
			return -1;
		}
		v = strdup(it->valuestring);
		char *k = strdup(it->string);
		if (!v || !k) {
			free(v);
			free(k);
			return nomem(key, err);
		}
		out->items[out->n].key = k;
		out->items[out->n].value = v;
		out->n++;
	}
	return 0;
}

int mj_str_array(const cJSON *o, const char *key, struct yc_string_list *out, struct yc_error *err)
{
	const cJSON *m;
	if (typed_member(o, key, cJSON_IsArray, "Поле должно быть массивом", "The field must be an array", &m, err) < 0)
		return -1;
	if (!m)
		return 0;
	size_t n = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, m)
	{
		if (++n > MJ_ITEMS_MAX)
			return too_many(key, err);
		if (!cJSON_IsString(it) || strlen(it->valuestring) > MJ_STR_MAX) {
			mj_fail(err, key, "Элементы должны быть строками не длиннее 64 КБ",
				"Items must be strings of at most 64 KB");
			return -1;
		}
	}
	yc_string_list_free(out);
	if (!n)
		return 0;
	out->items = calloc(n, sizeof *out->items);
	if (!out->items)
		return too_many(key, err);
	cJSON_ArrayForEach(it, m)
	{
		if (!(out->items[out->n] = strdup(it->valuestring)))
			return nomem(key, err);
		out->n++;
	}
	return 0;
}
