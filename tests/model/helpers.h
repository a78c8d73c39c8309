/* helpers.h — shared bits of the model tests: fixtures and JSON from text. */
#ifndef MODEL_TEST_HELPERS_H
#define MODEL_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/model.h"

/* Reads tests/model/data/<name> (malloc'd, NUL-terminated); fails the test when missing. */
char *th_read_fixture(const char *name, size_t *len);
/* model_json_parse of a fixture or a literal; fails the test on error. */
cJSON *th_json_fixture(const char *name);
cJSON *th_json(const char *text);
/* A parsed version from a fixture. */
void th_version_fixture(const char *name, struct yc_version *v);

#endif
