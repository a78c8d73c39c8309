/* emu_validate.c — createVersion's checks, as the API makes them: the first problem found is
 * answered with INVALID_ARGUMENT (HTTP 400) naming the field by its JSON path
 * (e.g. "asyncInvocationConfig.retriesCount"), in the message and in a BadRequest detail. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulator/emu_internal.h"
#include "emulator/emu_validate.h"

#define MB128 134217728LL

__attribute__((format(printf, 4, 5))) static int fail(struct emu_check *c, int code, const char *field,
							   const char *fmt, ...)
{
	c->code = code;
	snprintf(c->field, sizeof(c->field), "%s", field);
	char why[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (code == 3)
		snprintf(c->message, sizeof(c->message), "Illegal argument %s: %s", field, why);
	else
		snprintf(c->message, sizeof(c->message), "%s", why);
	return -1;
}

int emu_json_int64(const cJSON *v, long long *out)
{
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d != floor(d) || d < -9.2e18 || d > 9.2e18)
			return -1;
		*out = (long long)d;
		return 0;
	}
	if (!cJSON_IsString(v) || !*v->valuestring || strlen(v->valuestring) > 20)
		return -1;
	char *end;
	errno = 0;
	long long x = strtoll(v->valuestring, &end, 10);
	if (*end || errno)
		return -1;
	*out = x;
	return 0;
}

/* google.protobuf.Duration in JSON: "5s", "1.5s", "0.000000001s". */
int emu_json_duration_ms(const cJSON *v, long long *ms)
{
	if (!cJSON_IsString(v))
		return -1;
	const char *s = v->valuestring;
	size_t n = strlen(s);
	if (n < 2 || n > 32 || s[n - 1] != 's')
		return -1;
	long long sec = 0, frac_ms = 0;
	size_t i = 0;
	if (!isdigit((unsigned char)s[0]))
		return -1;
	for (; isdigit((unsigned char)s[i]); i++)
		sec = sec * 10 + (s[i] - '0');
	if (s[i] == '.') {
		int digits = 0;
		for (i++; isdigit((unsigned char)s[i]); i++, digits++)
			if (digits < 3)
				frac_ms = frac_ms * 10 + (s[i] - '0');
		if (digits == 0 || digits > 9)
			return -1;
		for (; digits < 3; digits++)
			frac_ms *= 10;
	}
	if (i != n - 1 || sec > 315576000000LL)
		return -1;
	*ms = sec * 1000 + frac_ms;
	return 0;
}

static bool is_bash(const char *runtime)
{
	return !strncmp(runtime, "bash", 4);
}

static bool ident_ok(const char *s, const char *first, const char *rest)
{
	if (!*s || !strchr(first, *s))
		return false;
	for (s++; *s; s++)
		if (!strchr(rest, *s))
			return false;
	return true;
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"

static int check_entrypoint(struct emu_check *c, const char *runtime, const cJSON *e)
{
	if (!cJSON_IsString(e) || !*e->valuestring)
		return fail(c, 3, "entrypoint", "required");
	const char *s = e->valuestring;
	if (strlen(s) > 256)
		return fail(c, 3, "entrypoint", "too long (at most 256 characters)");
	if (is_bash(runtime)) {
		if (!ident_ok(s, LOWER UPPER DIGITS "_-.", LOWER UPPER DIGITS "_-./"))
			return fail(c, 3, "entrypoint", "bash runtimes take a script name such as handler.sh, not \"%s\"", s);
		return 0;
	}
	const char *dot = strrchr(s, '.');
	if (!dot || dot == s || !dot[1] || !ident_ok(s, LOWER UPPER DIGITS "_-./$", LOWER UPPER DIGITS "_-./$"))
		return fail(c, 3, "entrypoint", "must be <file>.<handler>, e.g. index.handler, not \"%s\"", s);
	return 0;
}

static int check_memory(struct emu_check *c, const cJSON *res)
{
	long long mem;
	if (!cJSON_IsObject(res))
		return fail(c, 3, "resources", "required");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(res, "memory");
	if (!m)
		return fail(c, 3, "resources.memory", "required");
	if (emu_json_int64(m, &mem))
		return fail(c, 3, "resources.memory", "must be an integer number of bytes");
	if (mem < MB128 || mem > 64 * MB128 || mem % MB128)
		return fail(c, 3, "resources.memory",
			    "must be a multiple of 134217728 (128 MB) between 134217728 (128 MB) and 8589934592 (8 GB)");
	return 0;
}

static int check_source(struct emu_check *c, struct emu_world *w, const struct emu_function *fn, const cJSON *b)
{
	const cJSON *vid = cJSON_GetObjectItemCaseSensitive(b, "versionId");
	const cJSON *pkg = cJSON_GetObjectItemCaseSensitive(b, "package");
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(b, "content");
	int n = !!vid + !!pkg + !!content;
	if (n != 1)
		return fail(c, 3, "package_source",
			    n ? "exactly one of versionId, package or content, not several"
			      : "one of versionId, package or content is required");
	if (vid) {
		if (!cJSON_IsString(vid) || !*vid->valuestring)
			return fail(c, 3, "versionId", "must be a version id");
		const struct emu_version *v = emu_map_get(&w->ver_by_id, vid->valuestring);
		if (!v || v->fn != fn)
			return fail(c, 5, "versionId", "Version %s of this function not found", vid->valuestring);
	} else if (pkg) {
		const cJSON *bn = cJSON_GetObjectItemCaseSensitive(pkg, "bucketName");
		const cJSON *on = cJSON_GetObjectItemCaseSensitive(pkg, "objectName");
		if (!cJSON_IsString(bn) || !*bn->valuestring)
			return fail(c, 3, "package.bucketName", "required");
		if (!cJSON_IsString(on) || !*on->valuestring)
			return fail(c, 3, "package.objectName", "required");
	} else {
		if (!cJSON_IsString(content) || !*content->valuestring)
			return fail(c, 3, "content", "must be a base64 zip archive");
		if (strlen(content->valuestring) / 4 * 3 > 52428800)
			return fail(c, 3, "content", "is larger than 52428800 bytes");
	}
	return 0;
}

static int check_environment(struct emu_check *c, const cJSON *env)
{
	if (!env)
		return 0;
	if (!cJSON_IsObject(env))
		return fail(c, 3, "environment", "must be an object of strings");
	size_t total = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, env) {
		char field[96];
		snprintf(field, sizeof(field), "environment.%.60s", it->string);
		if (!ident_ok(it->string, LOWER UPPER, LOWER UPPER DIGITS "_"))
			return fail(c, 3, field, "a key must match [a-zA-Z][a-zA-Z0-9_]*, \"%s\" does not", it->string);
		if (!cJSON_IsString(it))
			return fail(c, 3, field, "a value must be a string");
		total += strlen(it->valuestring);
	}
	if (total > 4096)
		return fail(c, 3, "environment", "all values together must be at most 4096 bytes");
	return 0;
}

static int check_sa_id(struct emu_check *c, const char *field, const cJSON *v, bool required)
{
	if (!v) {
		if (required)
			return fail(c, 3, field, "required");
		return 0;
	}
	if (!cJSON_IsString(v) || (required && !*v->valuestring))
		return fail(c, 3, field, required ? "required" : "must be a string");
	if (strlen(v->valuestring) > 50)
		return fail(c, 3, field, "at most 50 characters");
	return 0;
}

static int check_target(struct emu_check *c, const cJSON *cfg, const char *key)
{
	char field[128];
	snprintf(field, sizeof(field), "asyncInvocationConfig.%s", key);
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(cfg, key);
	if (!cJSON_IsObject(t))
		return fail(c, 3, field, "required (emptyTarget or ymqTarget)");
	const cJSON *empty = cJSON_GetObjectItemCaseSensitive(t, "emptyTarget");
	const cJSON *ymq = cJSON_GetObjectItemCaseSensitive(t, "ymqTarget");
	if (!!empty + !!ymq != 1)
		return fail(c, 3, field, "exactly one of emptyTarget or ymqTarget is required");
	if (empty)
		return cJSON_IsObject(empty) ? 0 : fail(c, 3, field, "emptyTarget must be {}");
	snprintf(field, sizeof(field), "asyncInvocationConfig.%s.ymqTarget.queueArn", key);
	const cJSON *arn = cJSON_GetObjectItemCaseSensitive(ymq, "queueArn");
	if (!cJSON_IsString(arn) || !*arn->valuestring)
		return fail(c, 3, field, "required");
	if (emu_arn_parse(arn->valuestring, NULL, 0, NULL, 0))
		return fail(c, 3, field, "must be yrn:yc:ymq:ru-central1:<folder_id>:<queue_name>, not \"%s\"",
			    arn->valuestring);
	snprintf(field, sizeof(field), "asyncInvocationConfig.%s.ymqTarget.serviceAccountId", key);
	return check_sa_id(c, field, cJSON_GetObjectItemCaseSensitive(ymq, "serviceAccountId"), true);
}

static int check_async(struct emu_check *c, const cJSON *cfg)
{
	if (!cfg)
		return 0;
	if (!cJSON_IsObject(cfg))
		return fail(c, 3, "asyncInvocationConfig", "must be an object");
	const cJSON *rc = cJSON_GetObjectItemCaseSensitive(cfg, "retriesCount");
	long long retries = 0;
	if (rc && (emu_json_int64(rc, &retries) || retries < 0 || retries > 100))
		return fail(c, 3, "asyncInvocationConfig.retriesCount", "must be an integer between 0 and 100");
	if (check_sa_id(c, "asyncInvocationConfig.serviceAccountId",
			cJSON_GetObjectItemCaseSensitive(cfg, "serviceAccountId"), false))
		return -1;
	if (check_target(c, cfg, "successTarget") || check_target(c, cfg, "failureTarget"))
		return -1;
	return 0;
}

static int check_int_range(struct emu_check *c, const cJSON *b, const char *key, long long lo, long long hi,
			   const char *why)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(b, key);
	long long x;
	if (v && (emu_json_int64(v, &x) || x < lo || x > hi))
		return fail(c, 3, key, "%s", why);
	return 0;
}

static int check_tags(struct emu_check *c, const cJSON *tags)
{
	if (!tags)
		return 0;
	if (!cJSON_IsArray(tags))
		return fail(c, 3, "tag", "must be a list of tags");
	const cJSON *t;
	cJSON_ArrayForEach(t, tags) {
		if (!cJSON_IsString(t) || !ident_ok(t->valuestring, LOWER, LOWER DIGITS "-_") ||
		    strlen(t->valuestring) > 63)
			return fail(c, 3, "tag", "each tag must match [a-z][-_0-9a-z]*");
	}
	return 0;
}

int emu_validate_create(struct emu_world *w, const cJSON *b, struct emu_function **fn_out, struct emu_check *c)
{
	memset(c, 0, sizeof(*c));
	const cJSON *fid = cJSON_GetObjectItemCaseSensitive(b, "functionId");
	if (!cJSON_IsString(fid) || !*fid->valuestring)
		return fail(c, 3, "functionId", "required");
	struct emu_function *fn = emu_map_get(&w->fn_by_id, fid->valuestring);
	if (!fn)
		return fail(c, 5, "functionId", "Function %s not found", fid->valuestring);
	*fn_out = fn;
	const cJSON *rt = cJSON_GetObjectItemCaseSensitive(b, "runtime");
	if (!cJSON_IsString(rt) || !*rt->valuestring)
		return fail(c, 3, "runtime", "required");
	if (!emu_runtime_known(rt->valuestring))
		return fail(c, 3, "runtime", "unknown runtime \"%s\" (see GET functions/v1/runtimes)", rt->valuestring);
	if (check_entrypoint(c, rt->valuestring, cJSON_GetObjectItemCaseSensitive(b, "entrypoint")))
		return -1;
	if (check_memory(c, cJSON_GetObjectItemCaseSensitive(b, "resources")))
		return -1;
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(b, "executionTimeout");
	long long ms;
	if (!to)
		return fail(c, 3, "executionTimeout", "required");
	if (emu_json_duration_ms(to, &ms) || ms > 3600000)
		return fail(c, 3, "executionTimeout", "must be a duration between 0s and 3600s, e.g. \"5s\"");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(b, "description");
	if (d && (!cJSON_IsString(d) || strlen(d->valuestring) > 600))
		return fail(c, 3, "description", "at most 600 characters");
	if (check_sa_id(c, "serviceAccountId", cJSON_GetObjectItemCaseSensitive(b, "serviceAccountId"), false) ||
	    check_environment(c, cJSON_GetObjectItemCaseSensitive(b, "environment")) ||
	    check_tags(c, cJSON_GetObjectItemCaseSensitive(b, "tag")) ||
	    check_int_range(c, b, "concurrency", 0, 16, "must be an integer between 0 and 16") ||
	    check_int_range(c, b, "tmpfsSize", 0, 8589934592LL, "must be a number of bytes, at most 8 GB") ||
	    check_async(c, cJSON_GetObjectItemCaseSensitive(b, "asyncInvocationConfig")))
		return -1;
	return check_source(c, w, fn, b);
}

/* The model's ARN check (one rule for client and server), plus the one region YMQ has. */
int emu_arn_parse(const char *arn, char *folder, size_t folder_n, char *name, size_t name_n)
{
	static const char prefix[] = "yrn:yc:ymq:ru-central1:";
	if (strncmp(arn, prefix, sizeof(prefix) - 1))
		return -1;
	return model_parse_queue_arn(arn, folder, folder_n, name, name_n, NULL) < 0 ? -1 : 0;
}
