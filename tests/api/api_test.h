/* api_test.h — what the api tests share: an emulator in-process, its control routes over plain
 * libcurl (never the api module, so the module cannot vouch for itself), a config pointing at
 * it, and a blocking way to run one call and keep its result.
 */
#ifndef YCFN_API_TEST_H
#define YCFN_API_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "api/api.h"
#include "emulator/emulator.h"

/* An emulator on 127.0.0.1:ephemeral (o may be NULL: quiet, defaults); fails the test if not. */
struct emu *t_emu(const struct emu_options *o);
/* A control request to the emulator; returns the parsed answer (caller deletes) or NULL. */
cJSON *t_control(struct emu *emu, const char *method, const char *path, const char *body);
/* POST /_emu/faults with the given JSON. */
void t_fault(struct emu *emu, const char *json);
/* A number from /_emu/stats: "versionsCreated", or "byRoute.GET /functions/v1/functions". */
double t_stat(struct emu *emu, const char *key);
/* How many logged requests have this method and path (prefix). */
int t_logged(struct emu *emu, const char *method, const char *path_prefix);
/* A config for the emulator: endpoint, demo OAuth token, small retry delays, 5 s timeout. */
void t_config(struct api_config *cfg, struct emu *emu);
/* A callback that moves the whole result into *(struct api_result *)ud (free with
 * t_result_free): api_wait(api, api_list_clouds(api, t_keep, &res)). */
void t_keep(struct api_result *res, void *ud);
void t_result_free(struct api_result *r);
/* The english line of an error (static buffer). */
const char *t_err(const struct api_result *r);
/* Fails the test with the error's english line unless the call succeeded. */
void t_ok(const struct api_result *r);
/* The group fixture of the tests that talk to one emulator through one api: t_fixture_setup
 * starts the emulator, fills fx.cfg for it (t_config) and opens fx.api on it (fails the test if
 * not); t_fixture_teardown frees them all. For cmocka_run_group_tests. */
struct t_fixture {
	struct emu *emu;
	struct api *api;
	struct api_config cfg;
};
extern struct t_fixture fx;
int t_fixture_setup(void **state);
int t_fixture_teardown(void **state);
/* A createVersion body for the demo function called name, copied from its current version, with
 * this memory (bytes, as a string) and a 5 s timeout; with_sa adds its service account (or a
 * demo one when it has none). The caller deletes it. */
cJSON *t_create_version_body(struct api *a, const char *name, const char *memory, bool with_sa);
/* POST /_emu/reset: the emulator's world as it was at start (a per-test setup). */
void t_reset(struct emu *emu);
long long t_now_ms(void);
/* A fresh temp dir (malloc'd path); t_rmrf removes it. */
char *t_tmpdir(void);
void t_rmrf(const char *dir);
/* The teardown of a group with an emulator and a temp dir: stops emu, removes dir and frees it. */
void t_stop_and_remove(struct emu *emu, char *dir);
void t_write(const char *path, const char *text);
char *t_read(const char *path); /* malloc'd, or NULL */

#endif
