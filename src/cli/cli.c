/* cli.c — cli_main: global flags, the config they make, --demo, then a command or the TUI. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_priv.h"
#include "ui/ui.h"

#ifndef YCFN_VERSION
#define YCFN_VERSION "0.0.0"
#endif


static enum yc_lang lang_from_env(void)
{
	const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(names[i]);
		if (v && *v)
			return strncmp(v, "en", 2) == 0 ? YC_LANG_EN : YC_LANG_RU;
	}
	return YC_LANG_RU;
}

/* The command named by the first positionals (the longest match), or NULL. *words: how many. */
static const struct cli_command *find_command(const struct cli_parser *p, size_t *words)
{
	const struct cli_command *best = NULL;
	*words = 0;
	for (size_t i = 0; i < cli_n_commands; i++) {
		const char *path = cli_commands[i].path;
		size_t w = 0, off = 0;
		while (w < p->n_pos) {
			size_t len = strlen(p->pos[w]);
			if (strncmp(path + off, p->pos[w], len) != 0 || (path[off + len] != ' ' && path[off + len] != '\0'))
				break;
			off += len;
			w++;
			if (path[off] == '\0') {
				if (w > *words) {
					best = &cli_commands[i];
					*words = w;
				}
				break;
			}
			off++;
		}
	}
	return best;
}

/* Lenient pass: which command, whatever the flags are. */
static const struct cli_command *prescan(int argc, char **argv, size_t *words)
{
	struct cli_parser p;
	cli_parser_init(&p);
	p.lenient = true;
	cli_parser_add(&p, cli_global_flags, cli_n_global_flags);
	for (size_t i = 0; i < cli_n_commands; i++)
		cli_parser_add(&p, cli_commands[i].flags, *cli_commands[i].n_flags);
	struct yc_error err;
	const struct cli_command *c = NULL;
	*words = 0;
	if (cli_parser_run(&p, argc, argv, &err) == 0)
		c = find_command(&p, words);
	cli_parser_free(&p);
	return c;
}

static int check_enum(const struct cli_parser *p, const char *flag, const char *a, const char *b, struct yc_error *err)
{
	const char *v = cli_get(p, flag);
	if (!v || strcmp(v, a) == 0 || strcmp(v, b) == 0)
		return 0;
	char hint_ru[96], hint_en[96];
	snprintf(hint_ru, sizeof hint_ru, "Укажите %s или %s", a, b);
	snprintf(hint_en, sizeof hint_en, "Give %s or %s", a, b);
	cli_usage_error(err, flag, "недопустимое значение", "invalid value", hint_ru, hint_en);
	return -1;
}

static int run_ui(struct cli_ctx *ctx, const struct cli_parser *p)
{
	struct ui_options o;
	memset(&o, 0, sizeof o);
	o.cfg = &ctx->cfg;
	o.folder_id = ctx->cfg.folder_id;
	o.function_id = cli_get(p, "--function-id");
	o.function_name = cli_get(p, "--function-name");
	o.lang = ctx->lang;
	o.demo = ctx->demo;
	return ui_run(&o);
}

static int dispatch(struct cli_ctx *ctx, const struct cli_parser *p, const struct cli_command *c, size_t words)
{
	struct yc_error err;
	if (cli_on(p, "--help")) {
		if (c)
			cli_help_command(stdout, c, ctx->lang);
		else
			cli_help_global(stdout, ctx->lang);
		return CLI_OK;
	}
	if (cli_on(p, "--version")) {
		printf("ycfn %s\n", YCFN_VERSION);
		return CLI_OK;
	}
	if (!c && p->n_pos > 0) {
		char name[64];
		snprintf(name, sizeof name, "%s", p->pos[0]);
		cli_usage_error(&err, name, "неизвестная команда", "unknown command", "Список команд: ycfn --help",
				"See the commands with ycfn --help");
		return cli_fail(ctx, &err, CLI_EXIT_USAGE);
	}
	if (cli_config_build(ctx, p, &err) != 0)
		return cli_fail(ctx, &err, err.kind == YC_ERR_PARSE ? CLI_EXIT_USAGE : cli_exit_for(&err));
	if (!c)
		return run_ui(ctx, p);
	return c->run(ctx, p, p->pos + words, p->n_pos - words);
}

int cli_main(int argc, char **argv)
{
	struct cli_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.prog = "ycfn";
	ctx.lang = lang_from_env();
	int n = argc > 0 ? argc - 1 : 0;
	char **args = argv + (argc > 0 ? 1 : 0);

	size_t words = 0;
	const struct cli_command *c = prescan(n, args, &words);
	struct cli_parser p;
	cli_parser_init(&p);
	cli_parser_add(&p, cli_global_flags, cli_n_global_flags);
	if (c)
		cli_parser_add(&p, c->flags, *c->n_flags);
	struct yc_error err;
	int rc;
	if (cli_parser_run(&p, n, args, &err) != 0) {
		const char *l = cli_get(&p, "--lang");
		if (l && strcmp(l, "en") == 0)
			ctx.lang = YC_LANG_EN;
		rc = cli_fail(&ctx, &err, CLI_EXIT_USAGE);
	} else if (check_enum(&p, "--lang", "ru", "en", &err) != 0 ||
		   check_enum(&p, "--format", "text", "json", &err) != 0) {
		rc = cli_fail(&ctx, &err, CLI_EXIT_USAGE);
	} else {
		const char *l = cli_get(&p, "--lang");
		if (l)
			ctx.lang = strcmp(l, "en") == 0 ? YC_LANG_EN : YC_LANG_RU;
		const char *fmt = cli_get(&p, "--format");
		ctx.json = fmt && strcmp(fmt, "json") == 0;
		rc = dispatch(&ctx, &p, c, words);
	}
	cli_parser_free(&p);
	cli_ctx_free(&ctx);
	return rc;
}
