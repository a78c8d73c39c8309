/* values.c — the values a user types or a flag carries: memory, durations, queue ARNs, retries. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/internal.h"

#define MEMORY_MAX ((int64_t)1 << 50)   /* 1 PiB: far above any limit, far below overflow */
#define DURATION_MAX_MS ((int64_t)1e15) /* ~31 700 years */

static void value_fail(struct yc_error *err, const char *what_ru, const char *what_en, const char *hint_ru,
		       const char *hint_en)
{
	yc_error_set(err, YC_ERR_PARSE, NULL, what_ru, what_en, hint_ru, hint_en);
}

/* Skips spaces; returns the end of the text without its trailing spaces. */
static const char *trim(const char **text)
{
	const char *s = *text;
	while (*s == ' ' || *s == '\t')
		s++;
	const char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*text = s;
	return e;
}

/* "123" or "1.5": the integer part (≤ max_int_digits) and up to 9 fraction digits. */
struct decimal {
	int64_t whole, frac, frac_scale; /* value = whole + frac / frac_scale */
};
static const char *parse_decimal(const char *s, const char *e, int max_int_digits, struct decimal *d)
{
	int n = 0;
	d->whole = 0;
	d->frac = 0;
	d->frac_scale = 1;
	while (s < e && isdigit((unsigned char)*s)) {
		if (++n > max_int_digits)
			return NULL;
		d->whole = d->whole * 10 + (*s++ - '0');
	}
	if (!n)
		return NULL;
	if (s < e && *s == '.') {
		s++;
		int k = 0;
		while (s < e && isdigit((unsigned char)*s)) {
			if (++k > 9)
				return NULL;
			d->frac = d->frac * 10 + (*s++ - '0');
			d->frac_scale *= 10;
		}
		if (!k)
			return NULL;
	}
	return s;
}

static int64_t memory_unit(const char *u, size_t n, int64_t bare_unit)
{
	static const struct {
		const char *name;
		int64_t mult;
	} units[] = {
		{"b", 1},
		{"k", 1 << 10},	       {"kb", 1 << 10},	       {"kib", 1 << 10},
		{"m", 1 << 20},	       {"mb", 1 << 20},	       {"mib", 1 << 20},
		{"g", (int64_t)1 << 30}, {"gb", (int64_t)1 << 30}, {"gib", (int64_t)1 << 30},
		{"t", (int64_t)1 << 40}, {"tb", (int64_t)1 << 40}, {"tib", (int64_t)1 << 40},
	};
	if (n == 0)
		return bare_unit > 0 ? bare_unit : 1;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strlen(units[i].name) == n && strncasecmp(units[i].name, u, n) == 0)
			return units[i].mult;
	return 0;
}

int model_parse_memory(const char *text, int64_t bare_unit, int64_t *bytes, struct yc_error *err)
{
	static const char *const hint_ru = "Укажите размер, например 128MB или 1GB";
	static const char *const hint_en = "Give a size such as 128MB or 1GB";
	if (!text) {
		value_fail(err, "Размер памяти не указан", "No memory size given", hint_ru, hint_en);
		return -1;
	}
	const char *s = text, *e = trim(&s);
	struct decimal d;
	const char *p = parse_decimal(s, e, 16, &d);
	if (!p) {
		value_fail(err, "Размер памяти не разобран", "The memory size does not parse", hint_ru, hint_en);
		return -1;
	}
	while (p < e && *p == ' ')
		p++;
	int64_t unit = memory_unit(p, (size_t)(e - p), bare_unit);
	if (!unit) {
		value_fail(err, "Неизвестная единица размера памяти", "Unknown memory size unit", hint_ru, hint_en);
		return -1;
	}
	if (d.whole > MEMORY_MAX / unit) {
		value_fail(err, "Размер памяти слишком большой", "The memory size is too large", hint_ru, hint_en);
		return -1;
	}
	/* The fraction must come to whole bytes: 1.5GB is fine, 1.5B is not. 128 bits, because
	 * nine fraction digits times a terabyte overflow 64. */
	unsigned __int128 frac_bytes = (unsigned __int128)d.frac * (unsigned __int128)unit;
	if (frac_bytes % (unsigned __int128)d.frac_scale) {
		value_fail(err, "Размер памяти должен быть целым числом байт", "The memory size must be whole bytes",
			   hint_ru, hint_en);
		return -1;
	}
	int64_t v = d.whole * unit + (int64_t)(frac_bytes / (unsigned __int128)d.frac_scale);
	if (v > MEMORY_MAX) {
		value_fail(err, "Размер памяти слишком большой", "The memory size is too large", hint_ru, hint_en);
		return -1;
	}
	*bytes = v;
	return 0;
}

char *model_format_memory(int64_t bytes, char *buf, size_t n)
{
	const int64_t k = 1024, m = k * k, g = m * k;
	if (bytes > 0 && bytes % g == 0)
		snprintf(buf, n, "%lldGB", (long long)(bytes / g));
	else if (bytes > 0 && bytes % m == 0)
		snprintf(buf, n, "%lldMB", (long long)(bytes / m));
	else if (bytes > 0 && bytes % k == 0)
		snprintf(buf, n, "%lldKB", (long long)(bytes / k));
	else
		snprintf(buf, n, "%lldB", (long long)bytes);
	return buf;
}

static int64_t duration_unit(const char **p, const char *e)
{
	const char *s = *p;
	if (e - s >= 2 && s[0] == 'm' && s[1] == 's') {
		*p = s + 2;
		return 1;
	}
	if (s < e && (*s == 'h' || *s == 'm' || *s == 's')) {
		*p = s + 1;
		return *s == 'h' ? 3600000 : *s == 'm' ? 60000 : 1000;
	}
	return 0;
}

int model_parse_duration(const char *text, int64_t *ms, struct yc_error *err)
{
	static const char *const hint_ru = "Укажите длительность, например 5s, 1m30s или 5 (секунды)";
	static const char *const hint_en = "Give a duration such as 5s, 1m30s or 5 (seconds)";
	if (!text) {
		value_fail(err, "Длительность не указана", "No duration given", hint_ru, hint_en);
		return -1;
	}
	const char *s = text, *e = trim(&s);
	int64_t total = 0;
	bool bare_ok = true;
	if (s == e) {
		value_fail(err, "Длительность не указана", "No duration given", hint_ru, hint_en);
		return -1;
	}
	while (s < e) {
		struct decimal d;
		const char *p = parse_decimal(s, e, 10, &d);
		if (!p) {
			value_fail(err, "Длительность не разобрана", "The duration does not parse", hint_ru, hint_en);
			return -1;
		}
		int64_t unit = duration_unit(&p, e);
		if (!unit) {
			/* A bare number means seconds, but only as the whole text. */
			if (p != e || !bare_ok) {
				value_fail(err, "Неизвестная единица длительности", "Unknown duration unit", hint_ru,
					   hint_en);
				return -1;
			}
			unit = 1000;
		}
		bare_ok = false;
		total += d.whole * unit + d.frac * unit / d.frac_scale;
		if (total > DURATION_MAX_MS) {
			value_fail(err, "Длительность слишком большая", "The duration is too long", hint_ru, hint_en);
			return -1;
		}
		s = p;
	}
	*ms = total;
	return 0;
}

char *model_format_duration(int64_t ms, char *buf, size_t n)
{
	if (ms < 0)
		ms = 0;
	if (ms % 1000 == 0) {
		snprintf(buf, n, "%llds", (long long)(ms / 1000));
		return buf;
	}
	char frac[8];
	snprintf(frac, sizeof frac, "%03lld", (long long)(ms % 1000));
	for (int i = 2; i > 0 && frac[i] == '0'; i--)
		frac[i] = '\0';
	snprintf(buf, n, "%lld.%ss", (long long)(ms / 1000), frac);
	return buf;
}

/* [first, end) is 1..max characters, each of which is in set (or alnum when alnum is true). */
static bool chars_ok(const char *s, const char *end, size_t max, const char *set, bool upper)
{
	size_t n = (size_t)(end - s);
	if (n == 0 || n > max)
		return false;
	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;
		if (!(islower(c) || isdigit(c) || (upper && isupper(c)) || (c && strchr(set, c))))
			return false;
	}
	return true;
}

int model_parse_queue_arn(const char *arn, char *folder, size_t folder_n, char *name, size_t name_n,
			  struct yc_error *err)
{
	static const char prefix[] = "yrn:yc:ymq:";
	const char *region, *f, *q, *end;
	if (!arn || strncmp(arn, prefix, sizeof prefix - 1) != 0)
		goto bad;
	region = arn + sizeof prefix - 1;
	if (!(f = strchr(region, ':')) || !chars_ok(region, f, 32, "-", false))
		goto bad;
	f++;
	if (!(q = strchr(f, ':')) || !chars_ok(f, q, 50, "", false))
		goto bad;
	q++;
	end = q + strlen(q);
	/* Queue names: letters, digits, '-' and '_', up to 80; a FIFO queue ends in ".fifo". */
	size_t qlen = (size_t)(end - q);
	const char *qbase_end = qlen > 5 && strcmp(end - 5, ".fifo") == 0 ? end - 5 : end;
	if (qlen > 80 || !chars_ok(q, qbase_end, 80, "-_", true))
		goto bad;
	if (folder && folder_n)
		snprintf(folder, folder_n, "%.*s", (int)(q - 1 - f), f);
	if (name && name_n)
		snprintf(name, name_n, "%s", q);
	return 0;
bad:
	value_fail(err, "Неверный ARN очереди", "Not a queue ARN",
		   "Нужен вид yrn:yc:ymq:ru-central1:<каталог>:<имя очереди>",
		   "Expected yrn:yc:ymq:ru-central1:<folder id>:<queue name>");
	return -1;
}

int model_parse_retries(const char *text, int64_t *out, struct yc_error *err)
{
	size_t n = text ? strlen(text) : 0;
	bool ok = n > 0 && n <= 3;
	int64_t v = 0;
	for (size_t i = 0; ok && i < n; i++) {
		if (!isdigit((unsigned char)text[i]))
			ok = false;
		else
			v = v * 10 + (text[i] - '0');
	}
	if (!ok || v > 100) {
		value_fail(err, "Количество повторных вызовов: от 0 до 100", "Number of retries: must be 0–100",
			   "Введите целое число от 0 до 100", "Enter a whole number from 0 to 100");
		return -1;
	}
	*out = v;
	return 0;
}

int model_check_function_name(const char *name, struct yc_error *err)
{
	size_t n = name ? strlen(name) : 0;
	bool ok = n >= 3 && n <= 63 && islower((unsigned char)name[0]) &&
		  (islower((unsigned char)name[n - 1]) || isdigit((unsigned char)name[n - 1])) &&
		  chars_ok(name, name + n, 63, "-", false);
	if (!ok)
		yc_error_set(err, YC_ERR_VALIDATION, "name", "Имя функции: от 3 до 63 символов — строчные латинские буквы, цифры и дефисы",
			     "Function name: 3 to 63 characters — lowercase letters, digits and hyphens",
			     "Начните с буквы, закончите буквой или цифрой", "Start with a letter, end with a letter or digit");
	return ok ? 0 : -1;
}

int model_check_tag(const char *tag, struct yc_error *err)
{
	size_t n = tag ? strlen(tag) : 0;
	bool ok = (tag && strcmp(tag, "$latest") == 0) ||
		  (n >= 1 && islower((unsigned char)tag[0]) && chars_ok(tag, tag + n, 1024, "-_", false));
	if (!ok)
		yc_error_set(err, YC_ERR_VALIDATION, "tag", "Тег: строчные латинские буквы, цифры, - и _, с буквы, или $latest",
			     "Tag: lowercase letters, digits, - and _, starting with a letter, or $latest",
			     "Например prod или $latest", "For example prod or $latest");
	return ok ? 0 : -1;
}
