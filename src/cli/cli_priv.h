/* cli_priv.h — what the command line's files share; private to src/cli/. */
#ifndef YCFN_CLI_PRIV_H
#define YCFN_CLI_PRIV_H

#include <stdbool.h>
#include <stdio.h>

#include "api/api.h"
#include "cli/cli.h"
#include "cli/flags.h"
#include "model/model.h"

struct emu;

/* The state of one run: the effective config, and the API handle made on first use. */
struct cli_ctx {
	struct api_config cfg; /* owned */
	enum yc_lang lang;
	bool json;             /* --format json */
	bool demo;
	struct emu *emu;       /* --demo: the embedded emulator, owned */
	struct api *api;       /* NULL until cli_api() */
	const char *prog;      /* "ycfn" */
};

struct cli_command {
	const char *path;      /* "version create" */
	const char *args;      /* positional arguments for the usage line: "<VERSION-ID>", "" */
	const struct cli_flag_def *flags;
	const size_t *n_flags; /* a pointer: the tables live in flag_tables.c */
	int (*run)(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n_args);
	const char *summary_ru;
	const char *summary_en;
	const char *notes_ru; /* more lines for --help, NULL when none */
	const char *notes_en;
};

extern const struct cli_command cli_commands[];
extern const size_t cli_n_commands;
extern const struct cli_flag_def cli_global_flags[];
extern const size_t cli_n_global_flags;

/* config.c: the effective config from the flags (flag > env > yc profile), or with --demo the
 * embedded emulator's. err kind YC_ERR_PARSE = a bad flag value. */
int cli_config_build(struct cli_ctx *ctx, const struct cli_parser *p, struct yc_error *err);
void cli_ctx_free(struct cli_ctx *ctx);

/* help.c */
void cli_help_global(FILE *f, enum yc_lang lang);
void cli_help_command(FILE *f, const struct cli_command *c, enum yc_lang lang);
const char *cli_tr(enum yc_lang lang, const char *ru, const char *en);

/* Prints "ycfn: <the error, one line>" to stderr and returns code. */
int cli_fail(const struct cli_ctx *ctx, const struct yc_error *err, int code);
/* The exit code for an error from the API or the model. */
int cli_exit_for(const struct yc_error *err);
/* The API handle, made from ctx->cfg on first use; NULL with err set when that fails. */
struct api *cli_api(struct cli_ctx *ctx, struct yc_error *err);

/* Blocking calls over the async API: each submits, waits, and moves the result into *res
 * (the caller frees the member it asked for with api_result_free). 0 when res->err is clean. */
int cli_wait(struct cli_ctx *ctx, api_req req, struct api_result *res);
/* cli_wait that on failure prints the error, frees res and returns the exit code (never 0); 0 when
 * the call succeeded. */
int cli_wait_or_fail(struct cli_ctx *ctx, api_req req, struct api_result *res);
api_done_fn cli_wait_cb(void);

/* The function to work on, from --function-id or --function-name (or a positional name/id):
 * *id malloc'd. Needs a folder for a name. */
int cli_resolve_function(struct cli_ctx *ctx, const char *id, const char *name, char **out_id, struct yc_error *err);

/* carried.c: yc's flags for settings the form does not show (--concurrency, --tmpfs-size,
 * --network-id, --subnet-id, --no-logging, --log-group-id, --log-folder-id, --min-log-level),
 * written into the base version's answer raw so that the model carries and checks them. */
int cli_apply_carried(cJSON *raw, const struct cli_parser *p, struct yc_error *err);
/* carried_lists.c: --secret, --add-service-account, --storage-mounts, --mount, --metadata-options
 * (each given replaces the base's whole list). */
int cli_apply_carried_lists(cJSON *raw, const struct cli_parser *p, struct yc_error *err);

/* --tag, when given, checked as the API would (YC_ERR_VALIDATION naming --tag). */
int cli_check_tag(const struct cli_parser *p, struct yc_error *err);

/* output.c */
void cli_print_version(FILE *f, const struct yc_version *v, bool json);
void cli_print_version_table(FILE *f, const struct yc_version_list *l, bool json);
void cli_print_function_table(FILE *f, const struct yc_function_list *l, bool json);
void cli_print_invoke(FILE *f, const struct yc_invoke_result *r, bool json);
void cli_print_operation(FILE *f, const struct yc_operation *op, bool json);

/* Commands. */
int cli_cmd_version_create(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n);
int cli_cmd_version_get(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n);
int cli_cmd_version_list(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n);
int cli_cmd_function_list(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n);
int cli_cmd_invoke(struct cli_ctx *ctx, const struct cli_parser *p, const char *const *args, size_t n);

/* flag_tables.c */
extern const struct cli_flag_def cli_version_create_flags[], cli_version_get_flags[], cli_version_list_flags[],
	cli_invoke_flags[];
extern const size_t cli_n_version_create_flags, cli_n_version_get_flags, cli_n_version_list_flags,
	cli_n_invoke_flags;

#endif
