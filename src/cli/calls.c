/* calls.c — the command line's blocking use of the async API, errors and exit codes. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"

const char *cli_tr(enum yc_lang lang, const char *ru, const char *en)
{
	return lang == YC_LANG_EN ? en : ru;
}

int cli_fail(const struct cli_ctx *ctx, const struct yc_error *err, int code)
{
	char line[2048];
	yc_error_format(err, ctx->lang, line, sizeof line);
	fprintf(stderr, "%s: %s\n", ctx->prog ? ctx->prog : "ycfn", line);
	return code;
}

int cli_exit_for(const struct yc_error *err)
{
	switch (err->kind) {
	case YC_ERR_NONE:
		return CLI_OK;
	case YC_ERR_NETWORK:
	case YC_ERR_TLS:
	case YC_ERR_TIMEOUT:
		return CLI_EXIT_NETWORK;
	case YC_ERR_HTTP:
	case YC_ERR_API:
	case YC_ERR_PARSE:
		return CLI_EXIT_API;
	case YC_ERR_AUTH:
	case YC_ERR_CONFIG:
	case YC_ERR_IO:
		return CLI_EXIT_CONFIG;
	case YC_ERR_VALIDATION:
		return CLI_EXIT_VALIDATION;
	default:
		return CLI_EXIT_INTERNAL;
	}
}

struct api *cli_api(struct cli_ctx *ctx, struct yc_error *err)
{
	if (!ctx->api)
		ctx->api = api_new(&ctx->cfg, err);
	return ctx->api;
}

/* Moves the result out: the API frees only what is left in res. */
static void wait_cb(struct api_result *res, void *ud)
{
	struct api_result *out = ud;
	*out = *res;
	memset(&res->u, 0, sizeof res->u);
}

api_done_fn cli_wait_cb(void)
{
	return wait_cb;
}

int cli_wait(struct cli_ctx *ctx, api_req req, struct api_result *res)
{
	if (req == 0) {
		if (res->err.kind == YC_ERR_NONE)
			yc_error_set(&res->err, YC_ERR_NOMEM, NULL, "запрос не отправлен", "the request was not sent",
				     NULL, NULL);
		return -1;
	}
	api_wait(ctx->api, req);
	return res->err.kind == YC_ERR_NONE ? 0 : -1;
}

int cli_wait_or_fail(struct cli_ctx *ctx, api_req req, struct api_result *res)
{
	if (cli_wait(ctx, req, res) == 0)
		return 0;
	int rc = cli_fail(ctx, &res->err, cli_exit_for(&res->err));
	api_result_free(res); /* what the call had parsed (a failed Operation) too */
	return rc;
}

int cli_check_tag(const struct cli_parser *p, struct yc_error *err)
{
	const char *tag = cli_get(p, "--tag");
	if (!tag || model_check_tag(tag, err) == 0)
		return 0;
	snprintf(err->field, sizeof err->field, "%s", "--tag");
	return -1;
}

static int need_folder(const struct cli_ctx *ctx, const char *flag, struct yc_error *err)
{
	if (ctx->cfg.folder_id && *ctx->cfg.folder_id)
		return 0;
	yc_error_set(err, YC_ERR_CONFIG, flag, "не задан каталог", "no folder is set",
		     "Укажите --folder-id, YC_FOLDER_ID или folder-id в профиле yc",
		     "Give --folder-id, YC_FOLDER_ID or folder-id in the yc profile");
	return -1;
}

int cli_resolve_function(struct cli_ctx *ctx, const char *id, const char *name, char **out_id, struct yc_error *err)
{
	*out_id = NULL;
	if (id) {
		*out_id = strdup(id);
		return *out_id ? 0 : -1;
	}
	if (!name) {
		cli_usage_error(err, "--function-id", "не указана функция", "no function is given",
				"Укажите --function-id или --function-name", "Give --function-id or --function-name");
		return -1;
	}
	if (model_check_function_name(name, err) != 0) {
		snprintf(err->field, sizeof err->field, "%s", "--function-name");
		return -1;
	}
	if (need_folder(ctx, "--function-name", err) != 0 || !cli_api(ctx, err))
		return -1;
	struct api_result res;
	memset(&res, 0, sizeof res);
	api_req r = api_list_functions(ctx->api, ctx->cfg.folder_id, name, cli_wait_cb(), &res);
	int rc = cli_wait(ctx, r, &res);
	*err = res.err;
	if (rc == 0) {
		for (size_t i = 0; i < res.u.functions.n && !*out_id; i++)
			if (res.u.functions.items[i].name && strcmp(res.u.functions.items[i].name, name) == 0)
				*out_id = strdup(res.u.functions.items[i].id);
		if (!*out_id) {
			yc_error_set(err, YC_ERR_API, "--function-name", "в каталоге нет функции с таким именем",
				     "the folder has no function of that name",
				     "Проверьте имя и каталог: ycfn function list",
				     "Check the name and the folder: ycfn function list");
			err->http_status = 404;
			rc = -1;
		}
	}
	api_result_free(&res);
	return rc;
}
