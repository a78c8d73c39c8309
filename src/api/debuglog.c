/* debuglog.c — --debug-log FILE: one line per finished request, with every secret masked as ***.
 *
 * Masking works twice over: the exact secrets ycfn holds (its tokens and keys) are replaced
 * wherever they appear, and so is anything shaped like a secret (a Bearer value, a JWT, an IAM
 * or OAuth token, a JSON member named like a secret), in case the server echoes one we never had.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api_int.h"

static bool tok_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' ||
	       c == '=';
}

/* How long the secret-shaped run starting at p is (0 = none). */
static size_t secret_shape(const char *p)
{
	size_t n = 0;
	if (strncmp(p, "eyJ", 3) == 0 || strncmp(p, "t1.", 3) == 0 || (p[0] == 'y' && isdigit((unsigned char)p[1]) &&
									   p[2] == '_')) {
		while (tok_char(p[n]))
			n++;
		return n >= 20 ? n : 0;
	}
	return 0;
}

static const char *const secret_keys[] = {"\"iamToken\"", "\"yandexPassportOauthToken\"", "\"jwt\"",
					  "\"private_key\"", "\"token\"", "\"access_token\"", "\"secret\"",
					  "\"awsSecret\"", "\"oauthToken\"", "\"privateKey\""};

/* After a JSON key naming a secret: the length of `: "` up to the value's start, or 0. */
static size_t secret_member(const char *p)
{
	for (size_t i = 0; i < sizeof secret_keys / sizeof secret_keys[0]; i++) {
		size_t k = strlen(secret_keys[i]);
		if (strncmp(p, secret_keys[i], k) != 0)
			continue;
		size_t n = k;
		while (p[n] == ' ')
			n++;
		if (p[n] != ':')
			return 0;
		n++;
		while (p[n] == ' ')
			n++;
		return p[n] == '"' ? n + 1 : 0;
	}
	return 0;
}

static char *mask_known(const char *text, const char *const *known, size_t n_known)
{
	struct api_buf b = {0};
	for (const char *p = text; *p;) {
		size_t hit = 0;
		for (size_t i = 0; i < n_known && !hit; i++) {
			size_t k = known[i] ? strlen(known[i]) : 0;
			if (k >= 4 && strncmp(p, known[i], k) == 0)
				hit = k;
		}
		if (hit) {
			api_buf_add(&b, "***", 3);
			p += hit;
		} else {
			api_buf_add(&b, p++, 1);
		}
	}
	api_buf_add(&b, "", 0);
	return b.data;
}

char *api_mask_secrets(const char *text, const char *const *known, size_t n_known)
{
	char *k = mask_known(text ? text : "", known, n_known);
	if (!k)
		return NULL;
	struct api_buf b = {0};
	for (const char *p = k; *p;) {
		size_t n;
		if (strncmp(p, "Bearer ", 7) == 0 || strncmp(p, "bearer ", 7) == 0) {
			api_buf_add(&b, p, 7);
			api_buf_add(&b, "***", 3);
			for (p += 7; *p && *p != ' ' && *p != '"' && *p != '\n';)
				p++;
		} else if ((n = secret_member(p)) != 0) {
			api_buf_add(&b, p, n);
			api_buf_add(&b, "***", 3);
			for (p += n; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
		} else if ((n = secret_shape(p)) != 0 && (p == k || !tok_char(p[-1]))) {
			api_buf_add(&b, "***", 3);
			p += n;
		} else {
			api_buf_add(&b, p++, 1);
		}
	}
	api_buf_add(&b, "", 0);
	free(k);
	return b.data;
}

void api_log_xfer(struct api *api, const struct api_xfer *x, const struct yc_error *err, int64_t ms)
{
	if (!api->log)
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char when[40], body[260] = "";
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	if (x->body && x->body_len) {
		size_t n = x->body_len < sizeof body - 4 ? x->body_len : sizeof body - 4;
		memcpy(body, x->body, n);
		body[n] = '\0';
		for (size_t i = 0; i < n; i++)
			if (body[i] == '\n' || body[i] == '\r' || body[i] == '\0')
				body[i] = ' ';
		if (n < x->body_len)
			memcpy(body + n, "...", 4);
	}
	char *line = NULL;
	size_t sz = 0;
	FILE *m = open_memstream(&line, &sz);
	if (!m)
		return;
	fprintf(m, "%s.%03ldZ %s %s -> %ld %lldms attempt=%d request-id=%s", when, ts.tv_nsec / 1000000, x->method,
		x->url, x->status, (long long)ms, x->attempt, x->request_id[0] ? x->request_id : "-");
	if (err && err->kind != YC_ERR_NONE)
		fprintf(m, " error=%s: %s", yc_err_kind_name(err->kind), err->what_en);
	if (body[0])
		fprintf(m, " body=%s", body);
	fclose(m);
	const char *known[] = {api->cfg.iam_token, api->cfg.oauth_token, api->cfg.aws_secret_access_key,
			       api->cfg.aws_access_key_id, api->tok.value, api->cfg.sa_key_json};
	char *safe = api_mask_secrets(line, known, sizeof known / sizeof known[0]);
	free(line);
	if (safe) {
		fprintf(api->log, "%s\n", safe);
		fflush(api->log);
	}
	free(safe);
}
