/* run.h — the CLI tests' helpers: run the real ycfn binary with a clean environment and capture
 * what it prints, and talk to an emulator's /_emu/ control routes. Strings are malloc'd and freed
 * with run_free / free. */
#ifndef YCFN_TESTS_CLI_RUN_H
#define YCFN_TESTS_CLI_RUN_H

#include <stddef.h>

struct run {
	int code;  /* exit code, or 128 + signal */
	char *out; /* stdout, NUL-terminated */
	char *err; /* stderr */
};

/* Runs bin with args (NULL-terminated, not counting argv[0]) and the extra env ("NAME=value",
 * NULL-terminated, may be NULL) on top of a minimal one whose HOME and XDG dirs are home.
 * stdin: text written to the child's stdin (NULL = empty). Kills it after 60 s. */
void run_ycfn(struct run *r, const char *bin, const char *home, const char *const *args, const char *const *env,
	      const char *stdin_text);
void run_free(struct run *r);

/* An HTTP request to base + path; returns the status, *body (malloc'd, may be NULL). */
long emu_http(const char *base, const char *method, const char *path, const char *json, char **body);

/* A fresh private temp dir (malloc'd path); removed by rm_rf. */
char *tmpdir_new(void);
void rm_rf(const char *path);

#endif
