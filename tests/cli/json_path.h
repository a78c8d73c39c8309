/* json_path.h — a dotted-path lookup in a cJSON tree, shared by the cli tests (cli_support.c) and
 * cli_same_body (which links the TUI helpers instead of cli_support.c). */
#ifndef YCFN_TESTS_CLI_JSON_PATH_H
#define YCFN_TESTS_CLI_JSON_PATH_H

#include <cjson/cJSON.h>

/* "a.b.c" -> the string member at that path (owned by o), or NULL. */
const char *jstr(const cJSON *o, const char *path);

#endif
