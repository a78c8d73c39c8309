/* config.c — the effective config: from the flags through api_config_load (flag > env > yc
 * profile), or, with --demo, the embedded emulator's seeded world and credentials so that the real
 * auth path (OAuth -> IAM token) runs against it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"
#include "emulator/emulator.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* A whole decimal number in [0, max] from a flag; false with a usage error. */
static int flag_count(const struct cli_parser *p, const char *flag, long max, long *out, struct yc_error *err)
{
	const char *v = cli_get(p, flag);
	*out = 0;
	if (!v)
		return 0;
	char *end = NULL;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end != '\0' || errno != 0 || n > max) {
		char ru[96], en[96];
		snprintf(ru, sizeof ru, "Укажите целое число от 0 до %ld", max);
		snprintf(en, sizeof en, "Give a whole number from 0 to %ld", max);
		cli_usage_error(err, flag, "недопустимое число", "not a valid number", ru, en);
		return -1;
	}
	*out = n;
	return 0;
}

static int write_url_file(const char *path, const char *url, struct yc_error *err)
{
	FILE *f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", url) < 0 || fclose(f) != 0) {
		yc_error_set(err, YC_ERR_IO, "YCFN_DEMO_URL_FILE", "не удалось записать адрес эмулятора",
			     "could not write the emulator's URL", "Проверьте путь", "Check the path");
		return -1;
	}
	return 0;
}

static int demo_start(struct cli_ctx *ctx, const struct cli_parser *p, struct yc_error *err)
{
	long generate, latency;
	if (flag_count(p, "--demo-generate", 1000000, &generate, err) != 0 ||
	    flag_count(p, "--demo-latency-ms", 600000, &latency, err) != 0)
		return -1;
	struct emu_options o;
	memset(&o, 0, sizeof o);
	o.bind_addr = "127.0.0.1";
	o.state_file = cli_get(p, "--demo-state");
	o.generate = (int)generate;
	o.latency_ms = latency;
	o.quiet = true;
	ctx->emu = emu_start(&o, err);
	if (!ctx->emu)
		return -1;
	const char *url = emu_url(ctx->emu);
	const char *url_file = getenv("YCFN_DEMO_URL_FILE");
	if (url_file && *url_file && write_url_file(url_file, url, err) != 0)
		return -1;

	/* The demo never reads the user's yc profile or environment: their real tokens stay home. */
	struct api_config *c = &ctx->cfg;
	c->endpoint = strdup(url);
	c->oauth_token = strdup(emu_demo_oauth_token());
	c->cloud_id = strdup(cli_get(p, "--cloud-id") ? cli_get(p, "--cloud-id") : emu_demo_cloud_id());
	c->folder_id = strdup(cli_get(p, "--folder-id") ? cli_get(p, "--folder-id") : emu_demo_folder_id());
	c->aws_access_key_id = strdup(emu_demo_aws_key_id());
	c->aws_secret_access_key = strdup(emu_demo_aws_secret());
	c->ca_file = dup_or_null(cli_get(p, "--ca-file"));
	c->debug_log = dup_or_null(cli_get(p, "--debug-log"));
	c->lang = ctx->lang;
	if (!c->endpoint || !c->oauth_token || !c->cloud_id || !c->folder_id || !c->aws_access_key_id ||
	    !c->aws_secret_access_key) {
		yc_error_set(err, YC_ERR_NOMEM, NULL, "нет памяти", "out of memory", NULL, NULL);
		return -1;
	}
	return 0;
}

static int demo_flags_alone(const struct cli_parser *p, struct yc_error *err)
{
	const char *only[] = {"--demo-state", "--demo-generate", "--demo-latency-ms"};
	for (size_t i = 0; i < 3; i++)
		if (cli_given(p, only[i])) {
			cli_usage_error(err, only[i], "флаг действует только вместе с --demo",
					"the flag works only with --demo", "Добавьте --demo", "Add --demo");
			return -1;
		}
	return 0;
}

/* The demo brings its own endpoint and credentials: a flag that names others is a mistake. */
static int demo_conflicts(const struct cli_parser *p, struct yc_error *err)
{
	const char *not_with[] = {"--endpoint", "--token", "--iam-token", "--sa-key", "--profile"};
	for (size_t i = 0; i < sizeof not_with / sizeof not_with[0]; i++)
		if (cli_given(p, not_with[i])) {
			cli_usage_error(err, not_with[i], "нельзя вместе с --demo: у демо свой эмулятор и ключи",
					"cannot go with --demo: the demo has its own emulator and credentials",
					"Уберите флаг или --demo", "Drop the flag or --demo");
			return -1;
		}
	return 0;
}

int cli_config_build(struct cli_ctx *ctx, const struct cli_parser *p, struct yc_error *err)
{
	yc_error_clear(err);
	if (cli_on(p, "--demo")) {
		ctx->demo = true;
		return demo_conflicts(p, err) == 0 ? demo_start(ctx, p, err) : -1;
	}
	if (demo_flags_alone(p, err) != 0)
		return -1;
	struct api_config flags;
	memset(&flags, 0, sizeof flags);
	flags.profile = dup_or_null(cli_get(p, "--profile"));
	flags.cloud_id = dup_or_null(cli_get(p, "--cloud-id"));
	flags.folder_id = dup_or_null(cli_get(p, "--folder-id"));
	flags.endpoint = dup_or_null(cli_get(p, "--endpoint"));
	flags.oauth_token = dup_or_null(cli_get(p, "--token"));
	flags.iam_token = dup_or_null(cli_get(p, "--iam-token"));
	flags.sa_key_file = dup_or_null(cli_get(p, "--sa-key"));
	flags.ca_file = dup_or_null(cli_get(p, "--ca-file"));
	flags.debug_log = dup_or_null(cli_get(p, "--debug-log"));
	flags.lang = ctx->lang;
	int rc = api_config_load(&ctx->cfg, &flags, NULL, err);
	api_config_free(&flags);
	ctx->cfg.lang = ctx->lang;
	return rc;
}

void cli_ctx_free(struct cli_ctx *ctx)
{
	if (ctx->api)
		api_free(ctx->api);
	ctx->api = NULL;
	api_config_free(&ctx->cfg);
	if (ctx->emu)
		emu_stop(ctx->emu);
	ctx->emu = NULL;
}
