/* values.h — turning yc-style flag values into the form's text, with yc's syntax. Pure: no I/O,
 * so the fuzzer drives it. Messages name the flag. */
#ifndef YCFN_CLI_VALUES_H
#define YCFN_CLI_VALUES_H

#include <stddef.h>

#include "model/model.h"

/* The longest environment text we build (the API caps all values at 4 KB; keys add a little). */
#define CLI_ENV_MAX (64u * 1024u)

/* yc's map-flag syntax: "KEY=VAL[,KEY=VAL]" per occurrence, read as CSV fields, every occurrence
 * added in order; a field may be double-quoted to hold commas ("A=1,2" -> "\"A=1,2\""), "" inside
 * quotes is one ". model_yc_command writes a pair with a comma or a quote that way.
 * Writes the form's text ("KEY=VALUE" lines joined by '\n') as a malloc'd string into *out.
 * A later KEY replaces an earlier one. An empty single value ("") means no variables. */
int cli_env_to_text(const char *const *values, size_t n, char **out, struct yc_error *err);

/* yc's byteSize ("128m", "1GB", "134217728" bytes) into the form's text (MB, digits). */
int cli_memory_to_text(const char *value, char *buf, size_t n, struct yc_error *err);

/* Checks the syntax of a duration ("5s", "1m30s") and of a retries count (digits). */
int cli_check_duration(const char *flag, const char *value, struct yc_error *err);
int cli_check_digits(const char *flag, const char *value, struct yc_error *err);

#endif
