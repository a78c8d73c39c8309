/* flags.h — the command line's flag parser: tables of flags, "--name value" and "--name=value",
 * repeatable flags, positionals. Knows nothing of commands or the cloud, so the fuzzer can drive it
 * alone. Ownership: a parser points into argv and into the tables it was given (both must outlive
 * it); cli_parser_free() frees what the parser itself allocated.
 */
#ifndef YCFN_CLI_FLAGS_H
#define YCFN_CLI_FLAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

enum cli_flag_kind {
	CLI_FK_BOOL,  /* --x, or --x=true|false */
	CLI_FK_VALUE, /* --x V or --x=V; given twice, the last one wins (as in yc) */
	CLI_FK_LIST   /* --x V, repeatable: every value is kept in order */
};

struct cli_flag_def {
	const char *name; /* "--runtime" */
	enum cli_flag_kind kind;
	const char *arg;  /* the value's name in help: "RUNTIME"; NULL for bools */
	const char *help_ru;
	const char *help_en;
};

#define CLI_MAX_FLAGS 96
#define CLI_MAX_POS 8
#define CLI_MAX_LIST 64 /* values of one repeatable flag */

struct cli_flag_val {
	bool set;
	const char *value;            /* the last value; "true"/"false" for bools */
	const char *list[CLI_MAX_LIST];
	size_t n_list;
};

struct cli_parser {
	const struct cli_flag_def *defs[CLI_MAX_FLAGS];
	struct cli_flag_val vals[CLI_MAX_FLAGS];
	size_t n;
	const char *pos[CLI_MAX_POS];
	size_t n_pos;
	bool lenient; /* unknown flags are skipped (as bools) instead of refused */
};

void cli_parser_init(struct cli_parser *p);
/* Adds a table of n flags; a name already added is kept from the first table. */
void cli_parser_add(struct cli_parser *p, const struct cli_flag_def *table, size_t n);
/* Parses argv[0..argc) (argv[0] is NOT the program name: pass argv + 1). Errors are usage
 * errors: kind YC_ERR_PARSE with field = the flag. */
int cli_parser_run(struct cli_parser *p, int argc, char *const *argv, struct yc_error *err);
void cli_parser_free(struct cli_parser *p);

const struct cli_flag_val *cli_flag(const struct cli_parser *p, const char *name);
/* The value of a flag that was given, else NULL. */
const char *cli_get(const struct cli_parser *p, const char *name);
/* A bool flag given (and not =false). */
bool cli_on(const struct cli_parser *p, const char *name);
bool cli_given(const struct cli_parser *p, const char *name);

/* Sets err to a usage error (YC_ERR_PARSE) about flag (may be NULL) in both languages. */
void cli_usage_error(struct yc_error *err, const char *flag, const char *what_ru, const char *what_en,
		     const char *hint_ru, const char *hint_en);

#endif
