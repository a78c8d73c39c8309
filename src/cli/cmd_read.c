/* cmd_read.c — the commands that read and invoke: version get/list, function list, invoke. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"

/* The largest request body we read from --data-file (the invoke API takes 3.5 MB). */
#define CLI_DATA_MAX (4u * 1024u * 1024u)

static int too_many_args(const struct cli_ctx *ctx, const char *const *args, size_t n, size_t max)
{
	if (n <= max)
		return 0;
	struct yc_error err;
	char name[64];
	snprintf(name, sizeof name, "%s", args[max]);
	cli_usage_error(&err, name, "лишний аргумент", "unexpected argument", "См. --help", "See --help");
	return cli_fail(ctx, &err, CLI_EXIT_USAGE);
}

static int fail_resolve(const struct cli_ctx *ctx, const struct yc_error *err)
{
	return cli_fail(ctx, err, err->kind == YC_ERR_PARSE && !err->request_id[0] && !err->http_status
					  ? CLI_EXIT_USAGE
					  : cli_exit_for(err));
}

/* Starts one call on ctx's API and waits; prints the error and returns its exit code on failure. */
#define CLI_CALL(ctx, res, call)                                                                       \
	do {                                                                                           \
		memset(&(res), 0, sizeof(res));                                                       \
		int rc_ = cli_wait_or_fail((ctx), (call), &(res));                                         \
		if (rc_)                                                                               \
			return rc_;                                                                    \
	} while (0)

int cli_cmd_version_get(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n)
{
	int rc = too_many_args(ctx, args, n, 1);
	if (rc)
		return rc;
	struct yc_error err;
	yc_error_clear(&err);
	if (cli_check_tag(p, &err) != 0)
		return cli_fail(ctx, &err, CLI_EXIT_VALIDATION);
	if (!cli_api(ctx, &err))
		return cli_fail(ctx, &err, cli_exit_for(&err));
	struct api_result res;
	if (n == 1 && !cli_given(p, "--tag")) {
		CLI_CALL(ctx, res, api_get_version(ctx->api, args[0], cli_wait_cb(), &res));
	} else {
		char *fid = NULL;
		if (n == 1 || !cli_given(p, "--tag")) {
			cli_usage_error(&err, "--tag", "укажите либо id версии, либо функцию и --tag",
					"give either a version id, or a function and --tag",
					"Например: ycfn version get --function-id ID --tag '$latest'",
					"For example: ycfn version get --function-id ID --tag '$latest'");
			return cli_fail(ctx, &err, CLI_EXIT_USAGE);
		}
		if (cli_resolve_function(ctx, cli_get(p, "--function-id"), cli_get(p, "--function-name"), &fid, &err) != 0)
			return fail_resolve(ctx, &err);
		memset(&res, 0, sizeof res);
		api_req r = api_get_version_by_tag(ctx->api, fid, cli_get(p, "--tag"), cli_wait_cb(), &res);
		free(fid);
		rc = cli_wait_or_fail(ctx, r, &res);
		if (rc)
			return rc;
	}
	cli_print_version(stdout, &res.u.version, ctx->json);
	api_result_free(&res);
	return CLI_OK;
}

int cli_cmd_version_list(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n)
{
	int rc = too_many_args(ctx, args, n, 0);
	if (rc)
		return rc;
	struct yc_error err;
	yc_error_clear(&err);
	char *fid = NULL;
	if (cli_resolve_function(ctx, cli_get(p, "--function-id"), cli_get(p, "--function-name"), &fid, &err) != 0)
		return fail_resolve(ctx, &err);
	if (!cli_api(ctx, &err)) {
		free(fid);
		return cli_fail(ctx, &err, cli_exit_for(&err));
	}
	struct api_result res;
	memset(&res, 0, sizeof res);
	api_req r = api_list_versions(ctx->api, fid, cli_wait_cb(), &res);
	free(fid);
	rc = cli_wait_or_fail(ctx, r, &res);
	if (rc)
		return rc;
	cli_print_version_table(stdout, &res.u.versions, ctx->json);
	api_result_free(&res);
	return CLI_OK;
}

int cli_cmd_function_list(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n)
{
	(void)p;
	int rc = too_many_args(ctx, args, n, 0);
	if (rc)
		return rc;
	struct yc_error err;
	yc_error_clear(&err);
	if (!ctx->cfg.folder_id || !*ctx->cfg.folder_id) {
		yc_error_set(&err, YC_ERR_CONFIG, "--folder-id", "не задан каталог", "no folder is set",
			     "Укажите --folder-id, YC_FOLDER_ID или folder-id в профиле yc",
			     "Give --folder-id, YC_FOLDER_ID or folder-id in the yc profile");
		return cli_fail(ctx, &err, CLI_EXIT_CONFIG);
	}
	if (!cli_api(ctx, &err))
		return cli_fail(ctx, &err, cli_exit_for(&err));
	struct api_result res;
	CLI_CALL(ctx, res, api_list_functions(ctx->api, ctx->cfg.folder_id, NULL, cli_wait_cb(), &res));
	cli_print_function_table(stdout, &res.u.functions, ctx->json);
	api_result_free(&res);
	return CLI_OK;
}

/* The body of an invocation: --data, --data-file (capped), or nothing. *buf malloc'd. */
static int read_data(const struct cli_parser *p, char **buf, size_t *len, struct yc_error *err)
{
	const char *data = cli_get(p, "--data"), *file = cli_get(p, "--data-file");
	*buf = NULL;
	*len = 0;
	if (data && file) {
		cli_usage_error(err, "--data-file", "нельзя вместе с --data", "cannot go with --data",
				"Оставьте один из флагов", "Keep one of the two");
		return -1;
	}
	if (!file) {
		*buf = strdup(data ? data : "");
		*len = strlen(*buf);
		return 0;
	}
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!f) {
		cli_usage_error(err, "--data-file", "файл не открывается", "the file cannot be opened",
				"Проверьте путь и права", "Check the path and the permissions");
		return -1;
	}
	*buf = malloc(CLI_DATA_MAX + 1);
	size_t got = *buf ? fread(*buf, 1, CLI_DATA_MAX + 1, f) : 0;
	bool failed = !*buf || ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed || got > CLI_DATA_MAX) {
		cli_usage_error(err, "--data-file", failed ? "файл не читается" : "файл больше 4 МБ",
				failed ? "the file cannot be read" : "the file is larger than 4 MB",
				"Возьмите файл поменьше", "Use a smaller file");
		free(*buf);
		*buf = NULL;
		return -1;
	}
	(*buf)[got] = '\0';
	*len = got;
	return 0;
}

int cli_cmd_invoke(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n)
{
	int rc = too_many_args(ctx, args, n, 1);
	if (rc)
		return rc;
	struct yc_error err;
	yc_error_clear(&err);
	char *body = NULL, *fid = NULL;
	size_t len = 0;
	if (cli_check_tag(p, &err) != 0)
		return cli_fail(ctx, &err, CLI_EXIT_VALIDATION);
	if (read_data(p, &body, &len, &err) != 0)
		return cli_fail(ctx, &err, CLI_EXIT_USAGE);
	const char *id = cli_get(p, "--function-id"), *name = cli_get(p, "--function-name");
	if (n == 1 && (id || name)) {
		cli_usage_error(&err, id ? "--function-id" : "--function-name", "функция указана дважды",
				"the function is given twice", "Оставьте аргумент или флаг", "Keep the argument or the flag");
		free(body);
		return cli_fail(ctx, &err, CLI_EXIT_USAGE);
	}
	/* A positional is a name when the folder has a function of that name, else an id (as yc). */
	struct yc_error name_err;
	if (n == 1 && ctx->cfg.folder_id && *ctx->cfg.folder_id && model_check_function_name(args[0], &name_err) == 0) {
		if (cli_resolve_function(ctx, NULL, args[0], &fid, &err) != 0 && err.kind != YC_ERR_API) {
			free(body);
			return fail_resolve(ctx, &err);
		}
	}
	if (!fid && n == 1)
		fid = strdup(args[0]);
	if (!fid && cli_resolve_function(ctx, id, name, &fid, &err) != 0) {
		free(body);
		return fail_resolve(ctx, &err);
	}
	if (!cli_api(ctx, &err)) {
		free(body);
		free(fid);
		return cli_fail(ctx, &err, cli_exit_for(&err));
	}
	struct api_result res;
	memset(&res, 0, sizeof res);
	api_req r = api_invoke(ctx->api, fid, cli_get(p, "--tag"), cli_on(p, "--async"), body, len, cli_wait_cb(), &res);
	free(fid);
	free(body);
	rc = cli_wait_or_fail(ctx, r, &res);
	if (rc)
		return rc;
	cli_print_invoke(stdout, &res.u.invoke, ctx->json);
	rc = res.u.invoke.http_status >= 200 && res.u.invoke.http_status < 300 ? CLI_OK : CLI_EXIT_API;
	api_result_free(&res);
	return rc;
}
