/* cmd_create.c — `ycfn version create`: the base version -> a draft -> the flags applied through the
 * form's field table -> the form's validation -> the one request builder. Same body as the TUI. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"
#include "cli/values.h"

static bool any_async_flag(const struct cli_parser *p)
{
	for (size_t i = 0; i < cli_n_version_create_flags; i++) {
		const char *name = cli_version_create_flags[i].name;
		if (strncmp(name, "--async-", 8) == 0 && cli_given(p, name))
			return true;
	}
	return false;
}

/* Conflicts and syntax, checked before anything is fetched. */
static int check_flags(const struct cli_parser *p, struct yc_error *err)
{
	if (cli_on(p, "--no-async") && any_async_flag(p)) {
		cli_usage_error(err, "--no-async", "нельзя вместе с флагами --async-*", "cannot go with --async-* flags",
				"Уберите --no-async или флаги --async-*", "Drop --no-async or the --async-* flags");
		return -1;
	}
	const char *pairs[][2] = {{"--async-success-sa-id", "--async-success-ymq-arn"},
				  {"--async-failure-sa-id", "--async-failure-ymq-arn"},
				  {"--package-object-name", "--package-bucket-name"},
				  {"--package-bucket-name", "--package-object-name"},
				  {"--package-sha256", "--package-bucket-name"}};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (cli_given(p, pairs[i][0]) && !cli_given(p, pairs[i][1])) {
			char ru[128], en[128];
			snprintf(ru, sizeof ru, "Добавьте %s", pairs[i][1]);
			snprintf(en, sizeof en, "Add %s", pairs[i][1]);
			cli_usage_error(err, pairs[i][0], "флаг требует ещё одного флага", "the flag needs another flag",
					ru, en);
			return -1;
		}
	const char *v;
	if ((v = cli_get(p, "--execution-timeout")) && cli_check_duration("--execution-timeout", v, err) != 0)
		return -1;
	if ((v = cli_get(p, "--async-max-retries")) && cli_check_digits("--async-max-retries", v, err) != 0)
		return -1;
	char mem[32];
	if ((v = cli_get(p, "--memory")) && cli_memory_to_text(v, mem, sizeof mem, err) != 0)
		return -1;
	const struct cli_flag_val *env = cli_flag(p, "--environment");
	char *text = NULL;
	if (env && env->set && cli_env_to_text(env->list, env->n_list, &text, err) != 0)
		return -1;
	free(text);
	return 0;
}

static int set_field(struct yc_draft *d, enum yc_field f, const char *text, struct yc_error *err)
{
	if (model_draft_set(d, f, text) == 0)
		return 0;
	yc_error_set(err, YC_ERR_NOMEM, NULL, "нет памяти", "out of memory", NULL, NULL);
	return -1;
}

/* yc's async flags set the whole block: what no flag names is 0, none or "not specified"; the
 * flags themselves go in afterwards, through the table like every other field. */
static int apply_async(struct yc_draft *d, const struct cli_parser *p, struct yc_error *err)
{
	if (cli_on(p, "--no-async"))
		return set_field(d, YC_F_ASYNC_ENABLED, "0", err);
	if (!any_async_flag(p))
		return 0;
	bool ok = cli_given(p, "--async-success-ymq-arn"), bad = cli_given(p, "--async-failure-ymq-arn");
	static const enum yc_field cleared[] = {YC_F_ASYNC_SA, YC_F_SUCCESS_QUEUE, YC_F_SUCCESS_SA,
						YC_F_FAILURE_QUEUE, YC_F_FAILURE_SA};
	for (size_t i = 0; i < sizeof cleared / sizeof cleared[0]; i++)
		if (set_field(d, cleared[i], "", err) != 0)
			return -1;
	if (set_field(d, YC_F_ASYNC_ENABLED, "1", err) != 0 || set_field(d, YC_F_ASYNC_RETRIES, "0", err) != 0 ||
	    set_field(d, YC_F_SUCCESS_KIND, ok ? "ymq" : "empty", err) != 0 ||
	    set_field(d, YC_F_FAILURE_KIND, bad ? "ymq" : "empty", err) != 0)
		return -1;
	return 0;
}

/* Every flag that names a field of the form goes in through the form's table. */
static int apply_flags(struct yc_draft *d, const struct cli_parser *p, struct yc_error *err)
{
	for (size_t i = 0; i < cli_n_version_create_flags; i++) {
		const char *name = cli_version_create_flags[i].name;
		const struct yc_field_def *def = model_field_by_flag(name);
		const struct cli_flag_val *v = cli_flag(p, name);
		if (!def || !v || !v->set || strncmp(name, "--async-", 8) == 0)
			continue;
		char mem[32];
		char *env = NULL;
		const char *text = v->value;
		if (def->id == YC_F_MEMORY) {
			if (cli_memory_to_text(v->value, mem, sizeof mem, err) != 0)
				return -1;
			text = mem;
		} else if (def->id == YC_F_ENVIRONMENT) {
			if (cli_env_to_text(v->list, v->n_list, &env, err) != 0)
				return -1;
			text = env;
		}
		int rc = set_field(d, def->id, text, err);
		free(env);
		if (rc != 0)
			return -1;
	}
	/* The async fields come from their own flags (also in the table), set as yc sets them. */
	if (apply_async(d, p, err) != 0)
		return -1;
	for (size_t i = 0; i < cli_n_version_create_flags; i++) {
		const char *name = cli_version_create_flags[i].name;
		const struct yc_field_def *def = model_field_by_flag(name);
		if (def && strncmp(name, "--async-", 8) == 0 && cli_given(p, name) &&
		    set_field(d, def->id, cli_get(p, name), err) != 0)
			return -1;
	}
	return 0;
}

/* The form's validation, each message naming the flag instead of the form's field. */
static int validate(const struct cli_ctx *ctx, const struct yc_draft *d)
{
	int bad = 0;
	for (int f = 0; f < YC_F__COUNT; f++) {
		struct yc_error e;
		yc_error_clear(&e);
		if (model_draft_validate_field(d, (enum yc_field)f, &e) == 0)
			continue;
		const char *flag = model_fields[f].yc_flag ? model_fields[f].yc_flag : model_fields[f].key;
		snprintf(e.field, sizeof e.field, "%s", flag);
		cli_fail(ctx, &e, CLI_EXIT_VALIDATION);
		bad++;
	}
	return bad;
}

/* Code from Object Storage instead of the base version's: the one thing the form does not do. */
static int apply_package(cJSON *body, const struct cli_parser *p, struct yc_error *err)
{
	const char *bucket = cli_get(p, "--package-bucket-name");
	if (!bucket)
		return 0;
	cJSON_DeleteItemFromObjectCaseSensitive(body, "versionId");
	cJSON *pkg = cJSON_AddObjectToObject(body, "package");
	if (!pkg || !cJSON_AddStringToObject(pkg, "bucketName", bucket) ||
	    !cJSON_AddStringToObject(pkg, "objectName", cli_get(p, "--package-object-name")) ||
	    (cli_get(p, "--package-sha256") && !cJSON_AddStringToObject(pkg, "sha256", cli_get(p, "--package-sha256")))) {
		yc_error_set(err, YC_ERR_NOMEM, NULL, "нет памяти", "out of memory", NULL, NULL);
		return -1;
	}
	return 0;
}

/* The base version: --source-version-id, else the function's $latest. */
static int fetch_base(struct cli_ctx *ctx, const struct cli_parser *p, struct api_result *res, struct yc_error *err)
{
	const char *src = cli_get(p, "--source-version-id");
	char *fid = NULL;
	memset(res, 0, sizeof *res);
	if (!cli_api(ctx, err))
		return -1;
	if (src && !cli_get(p, "--function-id") && !cli_get(p, "--function-name")) {
		api_req r = api_get_version(ctx->api, src, cli_wait_cb(), res);
		int rc = cli_wait(ctx, r, res);
		*err = res->err;
		return rc;
	}
	if (cli_resolve_function(ctx, cli_get(p, "--function-id"), cli_get(p, "--function-name"), &fid, err) != 0)
		return -1;
	api_req r = src ? api_get_version(ctx->api, src, cli_wait_cb(), res)
			: api_get_version_by_tag(ctx->api, fid, "$latest", cli_wait_cb(), res);
	int rc = cli_wait(ctx, r, res);
	*err = res->err;
	if (rc == 0 && src && (!res->u.version.function_id || strcmp(res->u.version.function_id, fid) != 0)) {
		yc_error_set(err, YC_ERR_VALIDATION, "--source-version-id", "версия принадлежит другой функции",
			     "the version belongs to another function",
			     "Возьмите версию этой функции: ycfn version list", "Use a version of this function: ycfn version list");
		rc = -1;
	}
	free(fid);
	return rc;
}

/* Sends the body and, unless --async, waits for the operation and prints the new version. */
static int deploy(struct cli_ctx *ctx, const struct cli_parser *p, const cJSON *body)
{
	char key[40];
	api_new_idempotency_key(key);
	struct api_result res;
	memset(&res, 0, sizeof res);
	api_req r = api_create_version(ctx->api, body, key, cli_wait_cb(), &res);
	int rc = cli_wait_or_fail(ctx, r, &res);
	if (rc)
		return rc;
	if (cli_on(p, "--async") || res.u.operation.failed) {
		rc = res.u.operation.failed ? cli_fail(ctx, &res.u.operation.error, CLI_EXIT_API) : CLI_OK;
		if (rc == CLI_OK)
			cli_print_operation(stdout, &res.u.operation, ctx->json);
		api_result_free(&res);
		return rc;
	}
	struct api_result fin;
	memset(&fin, 0, sizeof fin);
	if (res.u.operation.done) {
		fin = res;
		memset(&res, 0, sizeof res);
	} else {
		r = api_wait_operation(ctx->api, res.u.operation.id, cli_wait_cb(), &fin);
		api_result_free(&res);
		rc = cli_wait_or_fail(ctx, r, &fin);
		if (rc)
			return rc;
	}
	rc = CLI_OK;
	if (fin.u.operation.failed)
		rc = cli_fail(ctx, &fin.u.operation.error, CLI_EXIT_API);
	else if (fin.u.operation.response)
		cli_print_version(stdout, fin.u.operation.response, ctx->json);
	else
		cli_print_operation(stdout, &fin.u.operation, ctx->json);
	api_result_free(&fin);
	return rc;
}

/* The model names a carried setting by its JSON name; when a flag set it, name the flag. */
static const struct yc_error *name_carried_flag(struct yc_error *err, const struct cli_parser *p)
{
	static const char *const map[][2] = {{"concurrency", "--concurrency"}, {"tmpfsSize", "--tmpfs-size"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(err->field, map[i][0]) == 0 && cli_given(p, map[i][1]))
			snprintf(err->field, sizeof err->field, "%s", map[i][1]);
	return err;
}

static int build_and_send(struct cli_ctx *ctx, const struct cli_parser *p, struct yc_version *base,
			  const struct yc_string_list *runtimes)
{
	struct yc_draft d;
	struct yc_error err;
	memset(&d, 0, sizeof d);
	yc_error_clear(&err);
	if (model_draft_from_version(&d, base, &err) != 0) {
		model_draft_free(&d);
		return cli_fail(ctx, &err, cli_exit_for(&err));
	}
	d.runtimes = runtimes; /* NULL when not asked for or not answered: then the form's own list */
	int rc = CLI_OK;
	cJSON *body = NULL;
	if (apply_flags(&d, p, &err) != 0)
		rc = cli_fail(ctx, &err, err.kind == YC_ERR_PARSE ? CLI_EXIT_USAGE : cli_exit_for(&err));
	else if (validate(ctx, &d) != 0)
		rc = CLI_EXIT_VALIDATION;
	else if (cli_apply_carried(base->raw, p, &err) != 0)
		rc = cli_fail(ctx, &err, err.kind == YC_ERR_PARSE ? CLI_EXIT_USAGE : cli_exit_for(&err));
	else if (!(body = model_build_create_request(&d, base, &err)) || apply_package(body, p, &err) != 0)
		rc = cli_fail(ctx, name_carried_flag(&err, p), cli_exit_for(&err));
	else if (cli_on(p, "--dry-run")) {
		char *text = model_request_print(body);
		if (text)
			printf("%s\n", text);
		else
			rc = CLI_EXIT_INTERNAL;
		free(text);
	} else {
		rc = deploy(ctx, p, body);
	}
	cJSON_Delete(body);
	model_draft_free(&d);
	return rc;
}

int cli_cmd_version_create(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n)
{
	struct yc_error err;
	yc_error_clear(&err);
	if (n > 0) {
		char name[64];
		snprintf(name, sizeof name, "%s", args[0]);
		cli_usage_error(&err, name, "лишний аргумент", "unexpected argument", "Значения задаются флагами",
				"Values are given with flags");
		return cli_fail(ctx, &err, CLI_EXIT_USAGE);
	}
	if (check_flags(p, &err) != 0)
		return cli_fail(ctx, &err, err.kind == YC_ERR_PARSE ? CLI_EXIT_USAGE : cli_exit_for(&err));
	if (!cli_get(p, "--function-id") && !cli_get(p, "--function-name") && !cli_get(p, "--source-version-id")) {
		cli_usage_error(&err, "--function-id", "не указана функция", "no function is given",
				"Укажите --function-id или --function-name", "Give --function-id or --function-name");
		return cli_fail(ctx, &err, CLI_EXIT_USAGE);
	}
	/* A new --runtime is checked against the cloud's list, fetched while the base version is. */
	struct api_result rts, base;
	memset(&rts, 0, sizeof rts);
	api_req rr = 0;
	if (cli_get(p, "--runtime") && cli_api(ctx, &err))
		rr = api_list_runtimes(ctx->api, cli_wait_cb(), &rts);
	int rc;
	if (fetch_base(ctx, p, &base, &err) != 0) {
		rc = cli_fail(ctx, &err, cli_exit_for(&err));
	} else {
		bool have = rr && cli_wait(ctx, rr, &rts) == 0;
		rc = build_and_send(ctx, p, &base.u.version, have ? &rts.u.runtimes : NULL);
	}
	if (rr)
		api_wait(ctx->api, rr);
	api_result_free(&rts);
	api_result_free(&base);
	return rc;
}
