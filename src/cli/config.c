/* config.c — the effective config: from the flags through api_config_load (flag > env > yc
 * profile), or, with --demo, the embedded emulator's seeded world and credentials so that the real
 * auth path (OAuth -> IAM token) runs against it. */
#include <curl/curl.h>
#include <errno.h>
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

/* POST /_emu/latency on the embedded emulator (a loopback control route; no credentials). */
static int demo_set_latency(const char *url, long ms, struct yc_error *err)
{
	char full[256], body[64];
	snprintf(full, sizeof full, "%s/_emu/latency", url);
	snprintf(body, sizeof body, "{\"route\":\"*\",\"ms\":%ld}", ms);
	CURL *h = curl_easy_init();
	if (!h) {
		yc_error_set(err, YC_ERR_NOMEM, "--demo-latency-ms", "нет памяти", "out of memory", NULL, NULL);
		return -1;
	}
	struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(h, CURLOPT_URL, full);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	FILE *sink = fopen("/dev/null", "w");
	if (sink)
		curl_easy_setopt(h, CURLOPT_WRITEDATA, sink);
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (sink)
		fclose(sink);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	if (rc != CURLE_OK || status != 200) {
		yc_error_set(err, YC_ERR_NETWORK, "--demo-latency-ms", "эмулятор не принял задержку",
			     "the emulator refused the latency", NULL, NULL);
		return -1;
	}
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
	o.quiet = true;
	ctx->emu = emu_start(&o, err);
	if (!ctx->emu)
		return -1;
	const char *url = emu_url(ctx->emu);
	if (latency > 0 && demo_set_latency(url, latency, err) != 0)
		return -1;
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
