/* editor_msg.c — the words about the form's problems. Under a field the label is already beside
 * it, so the line gives the problem without the field's name, and the hint only when it says
 * more than the rule. The status line counts the problems as the form has them now and names
 * the fields by their titles ("Количество повторных вызовов"), never by the draft key. The
 * model's messages read "<title>: <rule>"; the name is taken off here, not in the model. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "ui/ui_int.h"

/* what without a leading "<title>: " or "<label>: " (the model's messages start with one). */
static const char *without_name(enum yc_field f, enum yc_lang lang, const char *what)
{
	const char *names[] = {model_field_title(f, lang), model_field_label(f, lang)};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t k = strlen(names[i]);
		if (k && !strncmp(what, names[i], k) && what[k] == ':' && what[k + 1] == ' ' && what[k + 2])
			return what + k + 2;
	}
	return what;
}

/* The numbers in s ("от 0 до 100" → 0 100), at most max of them; returns how many. */
static size_t numbers_of(const char *s, long *out, size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		if (!isdigit((unsigned char)*s)) {
			s++;
			continue;
		}
		long v = 0;
		for (; isdigit((unsigned char)*s); s++)
			v = v < 100000000 ? v * 10 + (*s - '0') : v;
		out[n++] = v;
	}
	return n;
}

static bool all_in(const long *a, size_t na, const long *b, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		bool found = false;
		for (size_t j = 0; j < nb && !found; j++)
			found = a[i] == b[j];
		if (!found)
			return false;
	}
	return true;
}

/* The hint restates the rule: the same text, or the same numbers ("от 0 до 100" and "Введите
 * целое число от 0 до 100"; "must be 0–100" and "Enter a whole number from 0 to 100"). */
static bool hint_restates(const char *rule, const char *hint)
{
	if (!hint[0] || !strcasecmp(rule, hint) || strstr(hint, rule) == hint)
		return true;
	long r[16], h[16];
	size_t nr = numbers_of(rule, r, 16), nh = numbers_of(hint, h, 16);
	return nr && nh && all_in(r, nr, h, nh) && all_in(h, nh, r, nr);
}

/* s with its first letter capitalised (Cyrillic too) into buf. */
static void capitalised(const char *s, char *buf, size_t n)
{
	snprintf(buf, n, "%s", s);
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t r = mbrtowc(&wc, buf, strlen(buf), &st);
	if (r == 0 || r > 4 || r == (size_t)-1 || r == (size_t)-2)
		return;
	char up[MB_LEN_MAX];
	memset(&st, 0, sizeof st);
	size_t k = wcrtomb(up, (wchar_t)towupper((wint_t)wc), &st);
	if (k == r)
		memcpy(buf, up, k);
}

void editor_problem_under(const struct app *a, enum yc_field f, const struct yc_error *err, char *buf, size_t n)
{
	char rule[300];
	capitalised(without_name(f, a->lang, yc_error_what(err, a->lang)), rule, sizeof rule);
	const char *hint = yc_error_hint(err, a->lang);
	if (hint_restates(rule, hint))
		snprintf(buf, n, "! %s", rule);
	else
		snprintf(buf, n, "! %s — %s", rule, hint);
}

/* "<title>: <rule>" for the status line. */
static void named_problem(const struct app *a, enum yc_field f, const struct yc_error *err, char *buf, size_t n)
{
	snprintf(buf, n, "%s: %s", model_field_title(f, a->lang),
		 without_name(f, a->lang, yc_error_what(err, a->lang)));
}

/* Appends s when it fits in width columns; false when it did not. */
static bool append_fit(char *buf, size_t n, int width, const char *s)
{
	size_t used = strlen(buf);
	if (used + strlen(s) + 1 > n)
		return false;
	memcpy(buf + used, s, strlen(s) + 1);
	if (ui_text_width(buf) <= width)
		return true;
	buf[used] = 0;
	return false;
}

bool editor_form_status(const struct app *a, int width, char *buf, size_t n)
{
	buf[0] = 0;
	if (!a->form_status || !a->have_draft || a->screen != UI_S_FUNCTION)
		return false;
	enum yc_field bad[YC_F__COUNT];
	struct yc_error errs[YC_F__COUNT];
	size_t nbad = 0;
	for (int i = 0; i < YC_F__COUNT; i++)
		if (model_draft_validate_field(&a->draft, (enum yc_field)i, &errs[nbad]) != 0)
			bad[nbad++] = (enum yc_field)i;
	if (!nbad)
		return false;
	snprintf(buf, n, "%s: %zu — ", app_tr(a, "Ошибок в форме", "Problems in the form"), nbad);
	char item[400];
	if (nbad == 1) {
		named_problem(a, bad[0], &errs[0], item, sizeof item);
		if (append_fit(buf, n, width, item))
			return true;
	}
	for (size_t i = 0; i < nbad; i++) {
		char more[40];
		snprintf(more, sizeof more, i ? ", +%zu" : "+%zu", nbad - i);
		snprintf(item, sizeof item, "%s%s", i ? ", " : "", model_field_title(bad[i], a->lang));
		/* Keep room for "+N" after this title unless it is the last. */
		size_t before = strlen(buf);
		if (!append_fit(buf, n, width, item) ||
		    (i + 1 < nbad && !append_fit(buf, n, width, ", +99"))) {
			buf[before] = 0;
			append_fit(buf, n, width, more);
			return true;
		}
		buf[before + strlen(item)] = 0;
	}
	return true;
}
