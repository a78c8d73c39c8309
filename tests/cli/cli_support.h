/* cli_support.h — what the CLI tests share (cli_support.c): an emulator started in the test
 * process, the real ycfn run against it, JSON helpers. Strings returned are the caller's. */
#ifndef YCFN_TESTS_CLI_SUPPORT_H
#define YCFN_TESTS_CLI_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "json_path.h" /* jstr */
#include "run.h"

struct CMUnitTest;

extern const char *g_bin;  /* the ycfn binary */
extern char g_url[128];    /* the emulator */
extern char *g_home;       /* a clean HOME for every run */
/* The seeded invoker and queue-writer service accounts, and the orders-ok queue's ARN. */
extern char g_invoker[64], g_writer[64], g_arn[160];

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The seed's `yc serverless function version create` flags, for function fn. */
#define SEED_FLAGS(fn)                                                                                 \
	"version", "create", "--function-name=" fn, "--runtime", "python312", "--entrypoint", "index.handler", \
		"--memory", "128m", "--execution-timeout", "5s", "--async-max-retries", "3",                  \
		"--async-service-account-id", g_invoker, "--async-success-ymq-arn", g_arn,                    \
		"--async-success-sa-id", g_writer

/* ycfn with the emulator's --endpoint, --token and --folder-id before args (and env extras);
 * fails the test if the token shows in its output. */
void ycfn_env(struct run *r, const char *const *env, const char *const *args);
void ycfn(struct run *r, const char *const *args);
/* The exit code, and needle in stdout (code 0) or stderr; prints both on failure. */
void expect(const struct run *r, int code, const char *needle);
cJSON *parse(const char *text);                       /* fails the test when not JSON */
bool jhas(const cJSON *o, const char *path);
cJSON *logged_posts(const char *path);                /* bodies of POST path in /_emu/log */
int setup(void **state);                              /* resets the emulator */

/* Runs the group with the emulator up: argv[1] is the ycfn binary. */
int cli_tests_run(int argc, char **argv, const struct CMUnitTest *tests, size_t n);

#endif
