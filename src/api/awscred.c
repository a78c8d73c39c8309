/* awscred.c — the static key for Message Queue from ~/.aws/credentials, as the AWS CLI (which
 * the YMQ docs tell users to set up) writes it:
 *
 *   [default]
 *   aws_access_key_id = YCAJE...
 *   aws_secret_access_key = YCP...
 */
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"

static const char *trim(const char *s, const char *e, size_t *n)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*n = (size_t)(e - s);
	return s;
}

static bool same(const char *s, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(s, word, n) == 0;
}

int api_awscred_parse(const char *text, size_t len, const char *profile, char **key_id, char **secret,
		      struct yc_error *err)
{
	*key_id = *secret = NULL;
	if (!profile || !*profile)
		profile = "default";
	if (len > API_FILE_MAX) {
		yc_error_set(err, YC_ERR_CONFIG, "~/.aws/credentials", "Файл ~/.aws/credentials слишком большой",
			     "~/.aws/credentials is too large", NULL, NULL);
		return -1;
	}
	bool in = false;
	const char *end = text + len;
	for (const char *ln = text; ln < end;) {
		const char *nl = memchr(ln, '\n', (size_t)(end - ln));
		const char *le = nl ? nl : end;
		size_t n;
		const char *s = trim(ln, le, &n);
		ln = nl ? nl + 1 : end;
		if (n == 0 || s[0] == '#' || s[0] == ';')
			continue;
		if (s[0] == '[') {
			size_t pn;
			const char *p = trim(s + 1, s + n - (s[n - 1] == ']' ? 1 : 0), &pn);
			in = same(p, pn, profile);
			continue;
		}
		const char *eq = memchr(s, '=', n);
		if (!in || !eq)
			continue;
		size_t kn, vn;
		const char *k = trim(s, eq, &kn);
		const char *v = trim(eq + 1, s + n, &vn);
		char **dst = same(k, kn, "aws_access_key_id") ? key_id
			     : same(k, kn, "aws_secret_access_key") ? secret : NULL;
		if (!dst || vn == 0 || memchr(v, 0, vn))
			continue;
		api_free_secret(dst);
		*dst = strndup(v, vn);
	}
	if (!*key_id || !*secret) { /* half a key is no key */
		api_free_secret(key_id);
		api_free_secret(secret);
	}
	return 0;
}
