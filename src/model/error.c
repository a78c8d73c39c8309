/* error.c — struct yc_error: setting, reading and formatting the one error value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void yc_error_clear(struct yc_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

void yc_error_set(struct yc_error *err, enum yc_err_kind kind, const char *field, const char *what_ru,
		  const char *what_en, const char *hint_ru, const char *hint_en)
{
	if (!err)
		return;
	err->kind = kind;
	mj_copy_clean(err->field, sizeof err->field, field ? field : "");
	mj_copy_clean(err->what_ru, sizeof err->what_ru, what_ru ? what_ru : "");
	mj_copy_clean(err->what_en, sizeof err->what_en, what_en ? what_en : "");
	mj_copy_clean(err->hint_ru, sizeof err->hint_ru, hint_ru ? hint_ru : "");
	mj_copy_clean(err->hint_en, sizeof err->hint_en, hint_en ? hint_en : "");
}

const char *yc_error_what(const struct yc_error *err, enum yc_lang lang)
{
	if (!err)
		return "";
	const char *s = lang == YC_LANG_EN ? err->what_en : err->what_ru;
	/* A message set in one language only still says something in the other. */
	if (!*s)
		s = lang == YC_LANG_EN ? err->what_ru : err->what_en;
	return s;
}

const char *yc_error_hint(const struct yc_error *err, enum yc_lang lang)
{
	if (!err)
		return "";
	const char *s = lang == YC_LANG_EN ? err->hint_en : err->hint_ru;
	if (!*s)
		s = lang == YC_LANG_EN ? err->hint_ru : err->hint_en;
	return s;
}

const char *yc_err_kind_name(enum yc_err_kind kind)
{
	static const char *const names[YC_ERR__COUNT] = {
		[YC_ERR_NONE] = "none",		[YC_ERR_NETWORK] = "network", [YC_ERR_TLS] = "tls",
		[YC_ERR_TIMEOUT] = "timeout",	[YC_ERR_HTTP] = "http",	      [YC_ERR_API] = "api",
		[YC_ERR_PARSE] = "parse",	[YC_ERR_AUTH] = "auth",	      [YC_ERR_VALIDATION] = "validation",
		[YC_ERR_CANCELLED] = "cancelled", [YC_ERR_CONFIG] = "config", [YC_ERR_IO] = "io",
		[YC_ERR_NOMEM] = "nomem",
	};
	if ((unsigned)kind >= YC_ERR__COUNT)
		return "unknown";
	return names[kind];
}

/* The parenthesised details: "(message, code N, HTTP S, request id R)", or "" when none. */
static void format_details(const struct yc_error *err, enum yc_lang lang, struct sbuf *b)
{
	bool ru = lang == YC_LANG_RU;
	const char *sep = " (";
	if (err->api_message[0]) {
		sbuf_addf(b, "%s%s", sep, err->api_message);
		sep = ", ";
	}
	if (err->grpc_code) {
		sbuf_addf(b, "%s%s %d", sep, ru ? "код" : "code", err->grpc_code);
		sep = ", ";
	}
	if (err->http_status) {
		sbuf_addf(b, "%sHTTP %d", sep, err->http_status);
		sep = ", ";
	}
	if (err->request_id[0]) {
		sbuf_addf(b, "%srequest id %s", sep, err->request_id);
		sep = ", ";
	}
	if (sep[0] == ',')
		sbuf_add(b, ")");
}

size_t yc_error_format(const struct yc_error *err, enum yc_lang lang, char *buf, size_t n)
{
	struct sbuf b = {0};
	if (err) {
		if (err->field[0])
			sbuf_addf(&b, "%s: ", err->field);
		sbuf_add(&b, yc_error_what(err, lang));
		format_details(err, lang, &b);
		const char *hint = yc_error_hint(err, lang);
		if (*hint) {
			size_t l = b.len;
			if (l && b.s[l - 1] != '.' && b.s[l - 1] != '!' && b.s[l - 1] != '?')
				sbuf_add(&b, ".");
			sbuf_addf(&b, " %s", hint);
		}
	}
	size_t want = b.failed ? 0 : b.len;
	if (n) {
		size_t k = want < n - 1 ? want : n - 1;
		/* Never cut a UTF-8 sequence in half. */
		while (k > 0 && k < want && ((unsigned char)b.s[k] & 0xC0) == 0x80)
			k--;
		if (k)
			memcpy(buf, b.s, k);
		buf[k] = '\0';
	}
	free(b.s);
	return want;
}
