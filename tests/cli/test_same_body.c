/* test_same_body.c — cli_same_body_as_tui: the same async settings deployed from the TUI (ycfn
 * --demo in a pty, driven like a person with the TUI scenarios' helpers) and printed by
 * `ycfn version create --dry-run` against that same emulator give the same createVersion body,
 * byte for byte: the emulator's /_emu/log keeps a body as sent when it holds no secret, and the
 * dry-run prints model_request_print's text (what the TUI sends) and a newline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_path.h"
#include "run.h"
#include "ui_support.h"

#define DEMO_OAUTH "y0_AgAAAAAdemoEmuLATOR0ycfnLocalOnlyToken000000000000"
#define DEMO_FOLDER "b1gdemo0folder0ycfn1"

/* ycfn (the command line) against the TUI's emulator. */
static void cli(struct sc *s, struct run *r, const char *const *args)
{
	const char *all[40] = {"--endpoint", s->url, "--token", DEMO_OAUTH, "--folder-id", DEMO_FOLDER};
	size_t n = 6;
	for (size_t i = 0; args[i] && n < 39; i++)
		all[n++] = args[i];
	all[n] = NULL;
	run_ycfn(r, ui_ycfn_path, s->dir, all, NULL, NULL);
	if (r->code != 0)
		fprintf(stderr, "ycfn failed (%d): %s\n", r->code, r->err);
	assert_int_equal(r->code, 0);
}

/* A queue: picked by name from the listed queues, or typed as an ARN when they cannot be listed
 * (the form offers both; the body must not depend on which). */
static void queue(struct sc *s, int nth, const char *name, const char *arn)
{
	sc_click_value(s, "Очередь Message Queue", nth);
	if (pty_wait_text(s->t, "Фильтр", 3000)) {
		pty_type(s->t, name);
		pty_wait_quiet(s->t, 80, 3000);
		sc_keys(s, "Enter", 1);
		sc_wait_gone(s, "Фильтр:");
	} else {
		sc_retype(s, "Очередь Message Queue", nth, arn);
	}
	sc_wait(s, name);
}

/* The last createVersion body in the emulator's log (malloc'd), NULL when none. */
static char *logged_create_body(struct sc *s)
{
	char *log = sc_http(s, "GET", "/_emu/log", NULL);
	cJSON *root = cJSON_Parse(log);
	free(log);
	assert_non_null(root);
	const cJSON *req;
	char *body = NULL;
	cJSON_ArrayForEach(req, cJSON_GetObjectItemCaseSensitive(root, "requests"))
	{
		const char *m = jstr(req, "method"), *p = jstr(req, "path");
		if (m && p && strcmp(m, "POST") == 0 && strcmp(p, "/functions/v1/versions") == 0) {
			free(body);
			body = jstr(req, "body") ? strdup(jstr(req, "body")) : NULL;
		}
	}
	cJSON_Delete(root);
	return body;
}

static void same_body(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 110, 40, false);
	sc_wait(&s, "order-webhook");

	/* The seeded ids of the accounts and queues the TUI will pick by name. */
	struct run r;
	cli(&s, &r, (const char *const[]){"--format", "json", "version", "get", "--function-name", "order-webhook",
					   "--tag", "$latest", NULL});
	cJSON *seed = cJSON_Parse(r.out);
	assert_non_null(seed);
	char inv[64], wr[64], ok[160], dlq[160];
	snprintf(inv, sizeof inv, "%s", jstr(seed, "asyncInvocationConfig.serviceAccountId"));
	snprintf(wr, sizeof wr, "%s", jstr(seed, "asyncInvocationConfig.successTarget.ymqTarget.serviceAccountId"));
	snprintf(ok, sizeof ok, "%s", jstr(seed, "asyncInvocationConfig.successTarget.ymqTarget.queueArn"));
	snprintf(dlq, sizeof dlq, "%s", jstr(seed, "asyncInvocationConfig.failureTarget.ymqTarget.queueArn"));
	assert_non_null(strstr(ok, ":orders-ok"));
	assert_non_null(strstr(dlq, ":orders-dlq"));
	cJSON_Delete(seed);
	run_free(&r);

	/* The command line first, while cron-cleanup's $latest is still the TUI's base too. */
	cli(&s, &r,
	    (const char *const[]){"version", "create", "--function-name", "cron-cleanup", "--async-max-retries", "3",
				  "--async-service-account-id", inv, "--async-success-ymq-arn", ok,
				  "--async-success-sa-id", wr, "--async-failure-ymq-arn", dlq, "--async-failure-sa-id",
				  wr, "--dry-run", NULL});
	size_t dry_len = strlen(r.out);
	assert_true(dry_len > 2 && r.out[dry_len - 1] == '\n');
	char *dry_text = strndup(r.out, dry_len - 1);
	assert_non_null(dry_text);
	run_free(&r);

	/* The same settings through the form, as a person sets them. */
	sc_open_function(&s, "cron-cleanup");
	sc_click_value(&s, "Включить", 0);
	sc_wait(&s, "Количество повторных вызовов");
	sc_retype(&s, "Количество повторных вызовов", 0, "3");
	sc_pick(&s, "Сервисный аккаунт", 1, "functions-invoker");
	sc_wait(&s, "functions-invoker");
	sc_pick(&s, "Успешные вызовы", 0, "Message");
	sc_wait(&s, "Очередь Message Queue");
	queue(&s, 0, "orders-ok", ok);
	sc_pick(&s, "Сервисный аккаунт", 2, "ymq-writer");
	sc_pick(&s, "Неуспешные вызовы", 0, "Message");
	queue(&s, 1, "orders-dlq", dlq);
	sc_pick(&s, "Сервисный аккаунт", 3, "ymq-writer");
	sc_keys(&s, "F2", 1);
	sc_wait(&s, "yc serverless function version create");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Новая версия");

	char *tui_text = logged_create_body(&s);
	assert_non_null(tui_text);
	if (strcmp(tui_text, dry_text) != 0)
		fprintf(stderr, "TUI sent:\n%s\ndry-run printed:\n%s\n", tui_text, dry_text);
	assert_string_equal(tui_text, dry_text);
	free(tui_text);
	free(dry_text);
	sc_stop(&s);
	sc_cleanup(&s);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH-TO-YCFN\n", argv[0]);
		return 2;
	}
	ui_ycfn_path = argv[1];
	const struct CMUnitTest tests[] = {cmocka_unit_test_teardown(same_body, sc_teardown)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
