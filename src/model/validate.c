/* validate.c — every rule of the API for the form's fields, checked before anything is sent.
 * Messages read "<field>: <rule>" and the hint says how to fix it, in Russian and English. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/fields_internal.h"

#define ENV_VALUES_MAX 4096
#define DESCRIPTION_MAX 600
#define SA_ID_MAX 50

static int fail_field(struct yc_error *err, enum yc_field f, const char *rule_ru, const char *rule_en,
		      const char *hint_ru, const char *hint_en)
{
	char ru[256], en[256];
	snprintf(ru, sizeof ru, "%s: %s", model_fields[f].title_ru, rule_ru);
	snprintf(en, sizeof en, "%s: %s", model_fields[f].title_en, rule_en);
	yc_error_set(err, YC_ERR_VALIDATION, model_fields[f].key, ru, en, hint_ru, hint_en);
	return -1;
}

static const char *text_of(const struct yc_draft *d, enum yc_field f)
{
	return d->value[f] ? d->value[f] : "";
}

static bool in_set(const char *s, size_t max, const char *extra)
{
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || strchr(extra, *s)))
			return false;
	return true;
}

static bool runtime_known(const struct yc_string_list *l, const char *rt)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i] && strcmp(l->items[i], rt) == 0)
			return true;
	return false;
}

int fv_runtime(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	const char *t = text_of(d, f);
	if (!*t)
		return fail_field(err, f, "обязательное поле", "required", "Выберите среду выполнения из списка",
				  "Pick a runtime from the list");
	if (!in_set(t, 50, "-"))
		return fail_field(err, f, "такой среды выполнения нет", "no such runtime",
				  "Выберите среду из списка, например python312", "Pick one from the list, e.g. python312");
	/* The base version's own runtime stays allowed even when it is no longer offered. */
	bool own = d->orig[f] && strcmp(d->orig[f], t) == 0;
	if (d->runtimes && d->runtimes->n && !own && !runtime_known(d->runtimes, t))
		return fail_field(err, f, "такой среды выполнения нет в облаке", "the cloud has no such runtime",
				  "Выберите среду из списка, например python312", "Pick one from the list, e.g. python312");
	return 0;
}

/* Runtimes whose entry point is <file>.<handler>; the others take a class or script name. */
static bool wants_file_dot_handler(const char *rt)
{
	static const char *const fams[] = {"nodejs", "python", "php", "golang"};
	for (size_t i = 0; i < sizeof fams / sizeof fams[0]; i++)
		if (strncmp(rt, fams[i], strlen(fams[i])) == 0)
			return true;
	return false;
}

int fv_entrypoint(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	const char *t = text_of(d, f);
	if (!*t)
		return fail_field(err, f, "обязательное поле", "required", "Например index.handler",
				  "For example index.handler");
	for (const char *p = t; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return fail_field(err, f, "без пробелов", "no spaces allowed", "Например index.handler",
					  "For example index.handler");
	if (strlen(t) > 256)
		return fail_field(err, f, "не длиннее 256 символов", "at most 256 characters", "Сократите имя",
				  "Shorten the name");
	const char *dot = strrchr(t, '.');
	if (wants_file_dot_handler(text_of(d, YC_F_RUNTIME)) && (!dot || dot == t || !dot[1]))
		return fail_field(err, f, "нужен вид <файл>.<обработчик>", "must be <file>.<handler>",
				  "Например index.handler", "For example index.handler");
	return 0;
}

int fv_timeout(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	int64_t ms;
	if (model_parse_duration(text_of(d, f), &ms, NULL) < 0 || ms > TIMEOUT_MAX_MS)
		return fail_field(err, f, "от 0 до 3600 секунд", "0 to 3600 seconds",
				  "Введите число секунд (5) или длительность (1m30s)",
				  "Enter seconds (5) or a duration (1m30s)");
	return 0;
}

int fv_memory(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	int64_t b;
	if (model_parse_memory(text_of(d, f), FIELD_MIB, &b, NULL) < 0 || b < MEMORY_MIN || b > MEMORY_MAX_API ||
	    b % MEMORY_STEP)
		return fail_field(err, f, "от 128 МБ до 8 ГБ, кратно 128 МБ", "128 MB to 8 GB, in steps of 128 MB",
				  "Введите число мегабайт: 128, 256, 512, 1024…", "Enter megabytes: 128, 256, 512, 1024…");
	return 0;
}

static int check_sa(const struct yc_draft *d, enum yc_field f, bool required, struct yc_error *err)
{
	const char *t = text_of(d, f);
	if (!*t) {
		if (required)
			return fail_field(err, f, "обязателен для Message Queue", "required for Message Queue",
					  "Выберите аккаунт с правом ymq.writer на очередь",
					  "Pick an account with ymq.writer on the queue");
		return 0;
	}
	if (strlen(t) > SA_ID_MAX)
		return fail_field(err, f, "идентификатор не длиннее 50 символов", "the id is at most 50 characters",
				  "Выберите аккаунт из списка", "Pick an account from the list");
	if (!in_set(t, SA_ID_MAX, ""))
		return fail_field(err, f, "идентификатор из строчных латинских букв и цифр",
				  "the id is lowercase letters and digits", "Выберите аккаунт из списка",
				  "Pick an account from the list");
	return 0;
}

int fv_sa_optional(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	return check_sa(d, f, false, err);
}

int fv_sa_required(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	return check_sa(d, f, true, err);
}

int fv_description(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	long n = mj_utf8_len(text_of(d, f));
	if (n < 0)
		return fail_field(err, f, "текст не в UTF-8", "the text is not UTF-8", "Введите описание заново",
				  "Type the description again");
	if (n > DESCRIPTION_MAX)
		return fail_field(err, f, "не длиннее 600 символов", "at most 600 characters", "Сократите описание",
				  "Shorten the description");
	return 0;
}

int fv_environment(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	/* Untouched, it is sent exactly as the version has it, even a value with a newline that
	 * the text form cannot hold. */
	if (!model_draft_field_dirty(d, f))
		return 0;
	struct yc_kv_list env = {0};
	int rc = model_env_parse(text_of(d, f), &env, err);
	yc_kv_list_free(&env);
	return rc;
}

int fv_toggle(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	const char *t = text_of(d, f);
	if (strcmp(t, "0") != 0 && strcmp(t, "1") != 0)
		return fail_field(err, f, "включено или выключено", "on or off", "Нажмите Пробел", "Press Space");
	return 0;
}

int fv_retries(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	int64_t v;
	if (model_parse_retries(text_of(d, f), &v, NULL) < 0)
		return fail_field(err, f, "от 0 до 100", "must be 0–100", "Введите целое число от 0 до 100",
				  "Enter a whole number from 0 to 100");
	return 0;
}

int fv_target_kind(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	const char *t = text_of(d, f);
	if (strcmp(t, "empty") != 0 && strcmp(t, "ymq") != 0)
		return fail_field(err, f, "Не указано или Message Queue", "Not specified or Message Queue",
				  "Выберите из списка", "Pick one from the list");
	return 0;
}

int fv_queue(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	const char *t = text_of(d, f);
	if (!*t)
		return fail_field(err, f, "обязательна для Message Queue", "required for Message Queue",
				  "Выберите очередь или введите её ARN", "Pick a queue or type its ARN");
	if (model_parse_queue_arn(t, NULL, 0, NULL, 0, NULL) < 0)
		return fail_field(err, f, "неверный ARN", "not a queue ARN",
				  "Нужен вид yrn:yc:ymq:ru-central1:<каталог>:<очередь>",
				  "Expected yrn:yc:ymq:ru-central1:<folder id>:<queue name>");
	return 0;
}

/* ---- environment text ---- */

static int env_fail(struct yc_error *err, int line, const char *ru, const char *en, const char *hint_ru,
		    const char *hint_en)
{
	char r[200], e[200];
	snprintf(r, sizeof r, "строка %d: %s", line, ru);
	snprintf(e, sizeof e, "line %d: %s", line, en);
	return fail_field(err, YC_F_ENVIRONMENT, r, e, hint_ru, hint_en);
}

static bool env_key_ok(const char *k, size_t n)
{
	if (!n || !isalpha((unsigned char)k[0]) || (unsigned char)k[0] >= 0x80)
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)k[i]) || k[i] == '_') || (unsigned char)k[i] >= 0x80)
			return false;
	return true;
}

static int env_add(struct yc_kv_list *out, const char *k, size_t kn, const char *v, size_t vn)
{
	struct yc_kv *p = realloc(out->items, (out->n + 1) * sizeof *p);
	if (!p)
		return -1;
	out->items = p;
	p[out->n].key = strndup(k, kn);
	p[out->n].value = strndup(v, vn);
	out->n++;
	return p[out->n - 1].key && p[out->n - 1].value ? 0 : -1;
}

int model_env_parse(const char *text, struct yc_kv_list *out, struct yc_error *err)
{
	size_t total = 0;
	int line = 0;
	for (const char *s = text ? text : ""; *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		const char *eq = memchr(s, '=', n);
		if (n && !eq)
			return env_fail(err, line, "нужен вид КЛЮЧ=значение", "expected KEY=value",
					"Допишите = и значение", "Add = and the value");
		if (n) {
			size_t kn = (size_t)(eq - s);
			if (!env_key_ok(s, kn))
				return env_fail(err, line, "ключ — латинская буква, затем буквы, цифры и _",
						"a key is a letter, then letters, digits and _",
						"Переименуйте ключ, например DB_HOST", "Rename the key, e.g. DB_HOST");
			for (size_t i = 0; i < out->n; i++)
				if (strlen(out->items[i].key) == kn && strncmp(out->items[i].key, s, kn) == 0)
					return env_fail(err, line, "ключ повторяется", "the key is repeated",
							"Удалите одну из строк", "Remove one of the lines");
			total += n - kn - 1;
			if (total > ENV_VALUES_MAX)
				return fail_field(err, YC_F_ENVIRONMENT, "значения вместе не больше 4 КБ",
						  "values total at most 4 KB", "Сократите значения или храните их в Lockbox",
						  "Shorten the values or keep them in Lockbox");
			if (env_add(out, s, kn, eq + 1, n - kn - 1) < 0) {
				yc_error_set(err, YC_ERR_NOMEM, "environment", "Не хватает памяти", "Out of memory", NULL,
					     NULL);
				return -1;
			}
		}
		s += nl ? (size_t)(nl - s) + 1 : strlen(s);
	}
	return 0;
}

char *model_env_format(const struct yc_kv_list *env)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < env->n; i++) {
		if (i)
			sbuf_add(&b, "\n");
		sbuf_addf(&b, "%s=%s", env->items[i].key, env->items[i].value);
	}
	return sbuf_finish(&b);
}
