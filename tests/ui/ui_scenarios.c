/* ui_scenarios.c — the TUI as a person uses it: the real `ycfn --demo` in a pty, keys and
 * clicks, waits on the screen (never fixed sleeps), and what the emulator received.
 * Usage: ui_scenarios <test|all> <path of ycfn>. Screenshots go to screenshots/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ui_support.h"

#define DEMO_TOKEN "y0_AgAAAAAdemo"

static void assert_no_token(struct sc *s)
{
	char *scr = pty_screen(s->t);
	assert_null(strstr(scr, DEMO_TOKEN));
	free(scr);
}

static void quit_clean(struct sc *s)
{
	sc_keys(s, "F10", 1);
	int st = 0;
	if (!pty_wait_exit(s->t, 5000, &st)) {
		/* Unsaved changes: the question first. */
		pty_type(s->t, "d");
		assert_true(pty_wait_exit(s->t, 5000, &st));
	}
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* The request bodies the emulator got for createVersion, newest last. */
static cJSON *last_create_body(struct sc *s)
{
	char *log = sc_http(s, "GET", "/_emu/log", NULL);
	cJSON *root = cJSON_Parse(log);
	free(log);
	assert_non_null(root);
	cJSON *reqs = cJSON_GetObjectItem(root, "requests"), *r, *found = NULL;
	cJSON_ArrayForEach(r, reqs)
	{
		const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(r, "method"));
		const char *p = cJSON_GetStringValue(cJSON_GetObjectItem(r, "path"));
		if (m && p && !strcmp(m, "POST") && strstr(p, "/functions/v1/versions"))
			found = r;
	}
	cJSON *body = NULL;
	if (found) {
		const char *b = cJSON_GetStringValue(cJSON_GetObjectItem(found, "body"));
		body = b ? cJSON_Parse(b) : cJSON_Duplicate(cJSON_GetObjectItem(found, "body"), 1);
	}
	cJSON_Delete(root);
	return body;
}

static const char *jstr(const cJSON *o, const char *path)
{
	char buf[200];
	snprintf(buf, sizeof buf, "%s", path);
	const cJSON *cur = o;
	for (char *save = NULL, *k = strtok_r(buf, ".", &save); k && cur; k = strtok_r(NULL, ".", &save))
		cur = cJSON_GetObjectItem(cur, k);
	if (!cur)
		return NULL;
	if (cJSON_IsNumber(cur)) {
		static char num[32];
		snprintf(num, sizeof num, "%.0f", cur->valuedouble);
		return num;
	}
	return cJSON_GetStringValue(cur);
}

/* ---------- every screen ---------- */

static void walk_screens(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 100, 30, false);
	sc_wait(&s, "order-webhook");
	sc_wait(&s, "python312");
	sc_shot(&s, "functions");
	pty_type(s.t, "image");
	sc_wait_gone(&s, "order-webhook");
	sc_shot(&s, "functions-filtered");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Сохранить изменения");
	sc_wait(&s, "nodejs22");
	sc_wait(&s, "Асинхронный вызов");
	sc_shot(&s, "editor");
	/* Tabs answer the mouse. */
	int col;
	assert_int_equal(sc_find(&s, "Версии", 0, &col), 1);
	assert_int_equal(pty_click(s.t, col + 1, 1), 0);
	sc_wait(&s, "$latest");
	sc_shot(&s, "versions");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "только чтение");
	sc_shot(&s, "version-read-only");
	sc_keys(&s, "Esc", 1);
	sc_wait_gone(&s, "только чтение");
	sc_keys(&s, "F4", 1);
	sc_wait(&s, "Входные данные");
	pty_type(s.t, "{\"hello\":\"мир\"}");
	/* image-resizer has no async config yet: a plain call (async is tested after deploying). */
	sc_keys(&s, "F7", 1);
	sc_wait(&s, "HTTP 200");
	sc_wait(&s, "request id");
	sc_shot(&s, "testing");
	sc_keys(&s, "F4", 1);
	sc_wait(&s, "Ссылка для вызова");
	sc_shot(&s, "overview");
	sc_keys(&s, "F1", 1);
	sc_wait(&s, "Справка: клавиши");
	sc_shot(&s, "help");
	sc_keys(&s, "Esc", 1);
	sc_wait_gone(&s, "Справка: клавиши");
	assert_no_token(&s);
	sc_keys(&s, "Esc", 1);
	sc_wait(&s, "Фильтр: image");
	quit_clean(&s);
	sc_cleanup(&s);
}

/* ---------- the seed's job: async with Message Queue targets, deployed ---------- */

static bool queues_listed(struct sc *s)
{
	return sc_find(s, "список очередей недоступен", 0, NULL) < 0;
}

/* The queue: from the picker when the queues can be listed, else typed (the form says why). */
static void pick_queue(struct sc *s, int nth, const char *name)
{
	if (!queues_listed(s)) {
		char arn[200];
		snprintf(arn, sizeof arn, "yrn:yc:ymq:ru-central1:b1gdemo0folder0ycfn1:%s", name);
		sc_retype(s, "Очередь Message Queue", nth, arn);
		return;
	}
	sc_pick(s, "Очередь Message Queue", nth, name);
}

static void enable_async_mq(struct sc *s)
{
	sc_open_function(s, "cron-cleanup");
	sc_click_value(s, "Включить", 0);
	sc_wait(s, "Количество повторных вызовов");
	sc_retype(s, "Количество повторных вызовов", 0, "3");
	/* The async block's own service account is the second "Сервисный аккаунт" row. */
	sc_pick(s, "Сервисный аккаунт", 1, "functions-invoker");
	sc_wait(s, "functions-invoker");
	sc_pick(s, "Успешные вызовы", 0, "Message");
	sc_wait(s, "Очередь Message Queue");
	pick_queue(s, 0, "orders-ok");
	sc_pick(s, "Сервисный аккаунт", 2, "ymq-writer");
	sc_pick(s, "Неуспешные вызовы", 0, "Message");
	sc_wait(s, "Неуспешные вызовы");
	pick_queue(s, 1, "orders-dlq");
	sc_pick(s, "Сервисный аккаунт", 3, "ymq-writer");
}

static void async_deploy(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 110, 40, false);
	enable_async_mq(&s);
	sc_shot(&s, "editor-async-mq");
	/* Esc on the review: back to the form, nothing lost. */
	sc_keys(&s, "F2", 1);
	sc_wait(&s, "Проверьте изменения");
	sc_keys(&s, "Esc", 1);
	sc_wait_gone(&s, "Проверьте изменения");
	sc_wait(&s, "orders-dlq");
	sc_wait(&s, "functions-invoker");
	sc_keys(&s, "F2", 1);
	sc_wait(&s, "Проверьте изменения");
	sc_wait(&s, "yc serverless function version create");
	sc_shot(&s, "review");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Новая версия");
	sc_shot(&s, "deployed");
	cJSON *body = last_create_body(&s);
	assert_non_null(body);
	char *text = cJSON_PrintUnformatted(body);
	fprintf(stderr, "createVersion body: %s\n", text);
	free(text);
	assert_string_equal(jstr(body, "asyncInvocationConfig.retriesCount"), "3");
	assert_non_null(jstr(body, "asyncInvocationConfig.serviceAccountId"));
	const char *ok = jstr(body, "asyncInvocationConfig.successTarget.ymqTarget.queueArn");
	const char *dlq = jstr(body, "asyncInvocationConfig.failureTarget.ymqTarget.queueArn");
	assert_non_null(ok);
	assert_non_null(dlq);
	assert_non_null(strstr(ok, ":orders-ok"));
	assert_non_null(strstr(dlq, ":orders-dlq"));
	assert_non_null(jstr(body, "asyncInvocationConfig.successTarget.ymqTarget.serviceAccountId"));
	assert_string_equal(jstr(body, "runtime"), "bash-2204");
	cJSON_Delete(body);
	char *stats = sc_http(&s, "GET", "/_emu/stats", NULL);
	assert_non_null(strstr(stats, "\"versionsCreated\":1"));
	free(stats);
	sc_keys(&s, "Enter", 1);
	sc_wait_gone(&s, "Новая версия");
	/* The new version takes ?integration=async. */
	sc_keys(&s, "F4", 1);
	sc_keys(&s, "F4", 1);
	sc_wait(&s, "Входные данные");
	pty_type(s.t, "{\"n\":1}");
	sc_keys(&s, "F6", 1);
	sc_wait(&s, "HTTP 202");
	/* The result lands in the success queue, and the Testing tab reads it back. */
	if (queues_listed(&s))
		sc_wait(&s, "Сообщение из очереди orders-ok");
	sc_shot(&s, "testing-async");
	/* The list knows without a re-fetch: cron-cleanup's async is on now. */
	sc_keys(&s, "Esc", 1);
	sc_wait(&s, "Фильтр: cron-cleanup");
	int r = sc_find(&s, "cron-cleanup", 1, NULL);
	char *row = sc_row_text(&s, r);
	assert_non_null(strstr(row, "вкл"));
	free(row);
	assert_no_token(&s);
	quit_clean(&s);
	sc_cleanup(&s);
}

static bool draft_on_disk(struct sc *s);

/* ---------- every validation error, under its field ---------- */

static void expect_error_under(struct sc *s, const char *label, int nth)
{
	/* Poll: the message shows once the program has drawn the keystrokes. */
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int r;
	char *next;
	for (;;) {
		r = sc_find(s, label, nth, NULL);
		next = r >= 0 ? sc_row_text(s, r + 1) : NULL;
		if (next && strstr(next, "!"))
			break;
		free(next);
		next = NULL;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec > 10)
			break;
		pty_pump(s->t, 50);
	}
	bool ok = r >= 0 && next && strstr(next, "!");
	if (!ok) {
		char *scr = pty_screen(s->t);
		fprintf(stderr, "no error under %s:\n%s\n", label, scr);
		free(scr);
	}
	free(next);
	assert_true(ok);
}

static void validation(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 110, 40, false);
	sc_open_function(&s, "image-resizer");
	sc_retype(&s, "Точка входа", 0, "");
	expect_error_under(&s, "Точка входа", 0);
	/* The hardware cursor sits in the focused text field. */
	int ccol, crow;
	bool cvis;
	pty_cursor(s.t, &ccol, &crow, &cvis);
	assert_true(cvis);
	assert_int_equal(crow, sc_find(&s, "Точка входа", 0, NULL));
	assert_int_equal(ccol, 35);
	sc_retype(&s, "Таймаут", 0, "abc");
	expect_error_under(&s, "Таймаут", 0);
	sc_retype(&s, "Память", 0, "100");
	expect_error_under(&s, "Память", 0);
	sc_click_value(&s, "Включить", 0);
	sc_wait(&s, "Количество повторных вызовов");
	/* Digits only: letters never enter the field; 101 is out of range. */
	sc_retype(&s, "Количество повторных вызовов", 0, "1a0b1");
	expect_error_under(&s, "Количество повторных вызовов", 0);
	sc_wait(&s, "101");
	sc_pick(&s, "Успешные вызовы", 0, "Message");
	/* Not a listed queue: the picker takes the text as typed, and the ARN check refuses it. */
	if (queues_listed(&s))
		sc_pick(&s, "Очередь Message Queue", 0, "not-an-arn");
	else
		sc_retype(&s, "Очередь Message Queue", 0, "not-an-arn");
	expect_error_under(&s, "Очередь Message Queue", 0);
	/* An environment line without '=' is refused under the list. */
	sc_click_value(&s, "+ КЛЮЧ=значение", 0);
	pty_type(s.t, "NO_EQUALS");
	sc_wait(&s, "NO_EQUALS");
	expect_error_under(&s, "+ КЛЮЧ=значение", 0); /* under the whole list */
	sc_shot(&s, "editor-validation");
	sc_keys(&s, "F2", 1);
	sc_wait(&s, "Ошибок в форме");
	sc_shot(&s, "editor-save-refused");
	/* Unsaved changes: quitting asks first; "n" stays with everything as typed. */
	sc_keys(&s, "F10", 1);
	sc_wait(&s, "Есть несохранённые изменения");
	sc_shot(&s, "quit-question");
	pty_type(s.t, "n");
	sc_wait_gone(&s, "Есть несохранённые изменения");
	sc_wait(&s, "not-an-arn");
	/* Esc asks too; "d" discards: back to the list, and the draft file is gone. */
	sc_keys(&s, "Esc", 1);
	sc_wait(&s, "Уйти?");
	pty_type(s.t, "d");
	sc_wait(&s, "Фильтр: image-resizer");
	assert_false(draft_on_disk(&s));
	sc_cleanup(&s);
}

/* ---------- the words about a problem: under the field and in the status line ---------- */

/* The row under label's row, waiting until it holds want (or is free of "!" when want NULL). */
static char *row_under(struct sc *s, const char *label, const char *want)
{
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int r = sc_find(s, label, 0, NULL);
		char *next = r >= 0 ? sc_row_text(s, r + 1) : NULL;
		if (next && (want ? strstr(next, want) != NULL : strstr(next, "!") == NULL))
			return next;
		free(next);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec > 10) {
			char *scr = pty_screen(s->t);
			fail_msg("under %s no \"%s\":\n%s", label, want ? want : "(no message)", scr);
			free(scr);
			return NULL;
		}
		pty_pump(s->t, 50);
	}
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void form_messages_in(const char *lang, const char *retries, const char *problem, const char *status,
			     const char *timeout, const char *review)
{
	static struct sc s;
	memset(&s, 0, sizeof s);
	const char *args[] = {"--function-name", "payment-callback", "--lang", lang, NULL};
	sc_start(&s, args, NULL, 80, 24, false);
	sc_wait(&s, retries);
	/* Under the field: the problem without the field's name, the rule said once. */
	sc_retype(&s, retries, 0, "101");
	char *under = row_under(&s, retries, problem);
	assert_int_equal(count_of(under, retries), 0);
	assert_int_equal(count_of(under, "100"), 1);
	free(under);
	/* A refused Save: the status line names the field by its label, never by its key. */
	sc_keys(&s, "F2", 1);
	sc_wait(&s, status);
	char *scr = pty_screen(s.t);
	assert_null(strstr(scr, "async.retries"));
	free(scr);
	/* It follows the form: two problems, then one, then none and it is gone. */
	sc_retype(&s, timeout, 0, "abc");
	sc_wait(&s, ": 2 — ");
	sc_retype(&s, timeout, 0, "20");
	sc_wait(&s, status);
	sc_retype(&s, retries, 0, "10");
	free(row_under(&s, retries, NULL));
	sc_wait_gone(&s, status);
	sc_wait_gone(&s, ": 1 — ");
	/* Save again goes to the review with nothing of the old problem on the screen. */
	sc_keys(&s, "F2", 1);
	sc_wait(&s, review);
	sc_wait_gone(&s, status);
	sc_keys(&s, "Esc", 1);
	sc_wait_gone(&s, review);
	sc_cleanup(&s);
}

static void form_messages(void **state)
{
	(void)state;
	form_messages_in("ru", "Количество повторных вызовов", "! От 0 до 100",
			 "Ошибок в форме: 1 — Количество повторных вызовов", "Таймаут", "Проверьте изменения");
	form_messages_in("en", "Number of retries", "! Must be 0–100", "Problems in the form: 1 — Number of retries",
			 "Timeout", "Review the changes");
}

/* ---------- a failed deploy leaves the form as typed ---------- */

static void deploy_fault(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 110, 40, false);
	free(sc_http(&s, "POST", "/_emu/faults", "{\"route\":\"POST /functions/v1/versions\",\"fault\":\"403\",\"count\":0}"));
	sc_open_function(&s, "image-resizer");
	sc_retype(&s, "Память", 0, "768");
	sc_retype(&s, "Точка входа", 0, "main.thumbs");
	/* The environment is an editable list: the last row adds a variable. */
	sc_click_value(&s, "+ КЛЮЧ=значение", 0);
	pty_type(s.t, "NEW_VAR=один");
	sc_keys(&s, "Tab", 1);
	sc_wait(&s, "NEW_VAR=один");
	sc_keys(&s, "F2", 1);
	sc_wait(&s, "Проверьте изменения");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Не удалось развернуть");
	sc_shot(&s, "deploy-failed");
	sc_keys(&s, "Esc", 1);
	sc_wait_gone(&s, "Не удалось развернуть");
	sc_wait(&s, "768");
	sc_wait(&s, "main.thumbs");
	char *stats = sc_http(&s, "GET", "/_emu/stats", NULL);
	assert_non_null(strstr(stats, "\"versionsCreated\":0"));
	free(stats);
	/* The fault gone, the same Save goes through with the same form. */
	free(sc_http(&s, "DELETE", "/_emu/faults", NULL));
	sc_keys(&s, "F2", 1);
	sc_wait(&s, "Проверьте изменения");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Новая версия");
	cJSON *body = last_create_body(&s);
	assert_non_null(body);
	assert_string_equal(jstr(body, "entrypoint"), "main.thumbs");
	assert_string_equal(jstr(body, "environment.NEW_VAR"), "один");
	assert_string_equal(jstr(body, "environment.BUCKET"), "images");
	cJSON_Delete(body);
	/* A slow operation: Esc stops the waiting, and says the cloud may still finish it. */
	sc_keys(&s, "Enter", 1);
	sc_wait_gone(&s, "Новая версия");
	free(sc_http(&s, "POST", "/_emu/config", "{\"operationDelayMs\":20000}"));
	sc_retype(&s, "Память", 0, "1024");
	sc_keys(&s, "F2", 1);
	sc_wait(&s, "Проверьте изменения");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Операция:");
	sc_keys(&s, "Esc", 1);
	sc_wait(&s, "Ожидание операции остановлено");
	sc_shot(&s, "deploy-wait-stopped");
	sc_keys(&s, "Esc", 1);
	sc_wait(&s, "1024");
	sc_cleanup(&s);
}

/* ---------- kill -9 while editing: the draft comes back ---------- */

static bool draft_on_disk(struct sc *s)
{
	char d[400];
	snprintf(d, sizeof d, "%s/state/ycfn/drafts", s->dir);
	DIR *dir = opendir(d);
	if (!dir)
		return false;
	bool any = false;
	struct dirent *e;
	/* Only the renamed file counts: a temp file is not a saved draft yet. */
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		any |= n > 5 && !strcmp(e->d_name + n - 5, ".json");
	}
	closedir(dir);
	return any;
}

static void reliability_nothing_lost(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 100, 30, false);
	sc_open_function(&s, "image-resizer");
	sc_retype(&s, "Точка входа", 0, "resize.main");
	sc_click_value(&s, "Включить", 0);
	sc_wait(&s, "Количество повторных вызовов");
	/* Poll for the draft file (saved after a short idle), never a fixed sleep. */
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!draft_on_disk(&s)) {
		pty_pump(s.t, 50);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec > 10)
			fail_msg("the draft never reached the disk");
	}
	pty_signal(s.t, SIGKILL);
	int st;
	assert_true(pty_wait_exit(s.t, 5000, &st));
	sc_stop(&s);
	sc_start(&s, NULL, NULL, 100, 30, true);
	sc_wait(&s, "order-webhook");
	pty_type(s.t, "image-resizer");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Восстановить несохранённые изменения");
	sc_shot(&s, "restore-draft");
	pty_type(s.t, "y");
	sc_wait(&s, "resize.main");
	sc_wait(&s, "Количество повторных вызовов");
	sc_shot(&s, "restored");
	sc_cleanup(&s);
}

/* ---------- resize storms ---------- */

static void resize_storm(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 100, 30, false);
	sc_open_function(&s, "image-resizer");
	sc_retype(&s, "Точка входа", 0, "storm.handler");
	/* A fixed xorshift sequence: the same storm every run, so a failure can be replayed. */
	unsigned x = 2463534242u;
	for (int i = 0; i < 300; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		int cols = 1 + (int)(x % 250);
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		pty_resize(s.t, cols, 1 + (int)(x % 80));
		pty_pump(s.t, 0);
	}
	pty_resize(s.t, 50, 12);
	sc_wait(&s, "Терминал слишком мал");
	sc_shot(&s, "too-small");
	pty_resize(s.t, 60, 16);
	sc_wait_gone(&s, "Терминал слишком мал");
	pty_resize(s.t, 100, 30);
	sc_wait(&s, "storm.handler");
	assert_true(kill(pty_pid(s.t), 0) == 0);
	sc_cleanup(&s);
}

/* ---------- looks: NO_COLOR, monochrome, English ---------- */

static void no_color(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	const char *env[] = {"NO_COLOR=1", NULL};
	sc_start(&s, NULL, env, 100, 30, false);
	sc_open_function(&s, "order-webhook");
	sc_shot(&s, "editor-no-color");
	quit_clean(&s);
	sc_cleanup(&s);
}

static void monochrome(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	const char *env[] = {"TERM=vt100", NULL};
	sc_start(&s, NULL, env, 80, 24, false);
	sc_open_function(&s, "order-webhook");
	sc_shot(&s, "editor-vt100");
	quit_clean(&s);
	sc_cleanup(&s);
	/* No terminfo for $TERM at all: it falls back (xterm-256color, xterm, vt100) and works. */
	const char *env2[] = {"TERM=no-such-terminal-ycfn", NULL};
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, env2, 80, 24, false);
	sc_open_function(&s, "order-webhook");
	quit_clean(&s);
	sc_cleanup(&s);
}

static void english(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	const char *args[] = {"--lang", "en", NULL};
	sc_start(&s, args, NULL, 100, 30, false);
	sc_wait(&s, "order-webhook");
	pty_type(s.t, "order-webhook");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "Save changes");
	sc_wait(&s, "Runtime");
	sc_wait(&s, "Asynchronous invocation");
	sc_wait(&s, "Number of retries");
	sc_shot(&s, "editor-en");
	quit_clean(&s);
	sc_cleanup(&s);
}

/* ---------- the terminal comes back after signals ---------- */

static void termios_after(int sig)
{
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 100, 30, false);
	sc_wait(&s, "order-webhook");
	pty_signal(s.t, sig);
	int st;
	assert_true(pty_wait_exit(s.t, 5000, &st));
	struct termios tio;
	assert_int_equal(pty_termios(s.t, &tio), 0);
	assert_true(tio.c_lflag & ICANON);
	assert_true(tio.c_lflag & ECHO);
	assert_true(tio.c_lflag & ISIG);
	sc_cleanup(&s);
}

static void termios_signals(void **state)
{
	(void)state;
	/* Suspend and resume: the screen comes back whole, still running. (Under the harness the
	 * group is orphaned, so the kernel drops the stop itself; the path through endwin and the
	 * repaint is the same.) */
	static struct sc s;
	memset(&s, 0, sizeof s);
	sc_start(&s, NULL, NULL, 100, 30, false);
	sc_wait(&s, "order-webhook");
	size_t before = pty_bytes_out(s.t);
	pty_signal(s.t, SIGTSTP);
	pty_signal(s.t, SIGCONT);
	sc_wait(&s, "order-webhook");
	pty_wait_quiet(s.t, 100, 3000);
	assert_true(pty_bytes_out(s.t) > before + 500); /* repainted, not just a line */
	assert_true(kill(pty_pid(s.t), 0) == 0);
	sc_keys(&s, "F10", 1);
	int st;
	assert_true(pty_wait_exit(s.t, 5000, &st));
	sc_cleanup(&s);
	termios_after(SIGTERM);
	termios_after(SIGHUP);
	termios_after(SIGINT);
}

/* ---------- no folder known: clouds -> folders, against an emulator of its own ---------- */

static const char *emulator_path;

static void folders(void **state)
{
	(void)state;
	if (!emulator_path)
		skip();
	static struct sc s;
	memset(&s, 0, sizeof s);
	const char *eargv[] = {emulator_path, NULL};
	struct pty_term *emu = pty_spawn(eargv, NULL, 200, 10);
	assert_non_null(emu);
	assert_true(pty_wait_text(emu, "http://", 10000));
	char *row = pty_row(emu, 0);
	char *url = strstr(row, "http://");
	url[strcspn(url, " \r\n")] = 0;
	snprintf(s.url, sizeof s.url, "%s", url);
	free(row);
	char *cred = sc_http(&s, "GET", "/_emu/credentials", NULL);
	cJSON *c = cJSON_Parse(cred);
	free(cred);
	char tok[300];
	snprintf(tok, sizeof tok, "YC_TOKEN=%s", cJSON_GetStringValue(cJSON_GetObjectItem(c, "oauthToken")));
	cJSON_Delete(c);
	snprintf(s.dir, sizeof s.dir, "/tmp/ycfn-ui-XXXXXX");
	assert_non_null(mkdtemp(s.dir));
	char home[300], st[300];
	snprintf(home, sizeof home, "HOME=%s", s.dir);
	snprintf(st, sizeof st, "XDG_STATE_HOME=%s/state", s.dir);
	const char *env[] = {home, st, tok, "ASAN_OPTIONS=detect_leaks=0", "ESCDELAY=25", NULL};
	const char *argv[] = {ui_ycfn_path, "--endpoint", s.url, NULL};
	s.t = pty_spawn(argv, env, 100, 30);
	assert_non_null(s.t);
	/* One cloud: straight to its folders. */
	sc_wait(&s, "Выберите каталог");
	sc_wait(&s, "staging");
	sc_shot(&s, "folders");
	pty_type(s.t, "stag");
	sc_wait_gone(&s, " default\n");
	sc_keys(&s, "Enter", 1);
	sc_wait(&s, "staging-echo");
	sc_wait(&s, "data-etl");
	assert_no_token(&s);
	char *scr = pty_screen(s.t);
	assert_null(strstr(scr, "demoEmuLATOR"));
	free(scr);
	quit_clean(&s);
	sc_cleanup(&s);
	pty_close(emu);
}

/* ---------- Esc cancels a running request ---------- */

static void esc_cancels(void **state)
{
	(void)state;
	static struct sc s;
	memset(&s, 0, sizeof s);
	const char *args[] = {"--demo-latency-ms", "1500", NULL};
	sc_start(&s, args, NULL, 100, 30, false);
	if (!pty_wait_text(s.t, "order-webhook", 30000))
		fail_msg("the list never came");
	pty_type(s.t, "send-email");
	sc_keys(&s, "Enter", 1);
	assert_true(pty_wait_text(s.t, "Загрузка версий", 5000));
	sc_keys(&s, "Esc", 1);
	sc_wait(&s, "Отменено");
	sc_wait(&s, "r или F5");
	sc_shot(&s, "cancelled");
	/* Nothing lost: loading again works. */
	sc_keys(&s, "F5", 1);
	if (!pty_wait_text(s.t, "Среда выполнения", 30000))
		fail_msg("reload after cancel never showed the form");
	sc_cleanup(&s);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest all[] = {
		cmocka_unit_test_teardown(walk_screens, sc_teardown),      cmocka_unit_test_teardown(async_deploy, sc_teardown),
		cmocka_unit_test_teardown(validation, sc_teardown),        cmocka_unit_test_teardown(deploy_fault, sc_teardown),
		cmocka_unit_test_teardown(reliability_nothing_lost, sc_teardown), cmocka_unit_test_teardown(resize_storm, sc_teardown),
		cmocka_unit_test_teardown(no_color, sc_teardown),          cmocka_unit_test_teardown(monochrome, sc_teardown),
		cmocka_unit_test_teardown(english, sc_teardown),           cmocka_unit_test_teardown(termios_signals, sc_teardown),
		cmocka_unit_test_teardown(folders, sc_teardown),           cmocka_unit_test_teardown(esc_cancels, sc_teardown),
		cmocka_unit_test_teardown(form_messages, sc_teardown),
	};
	if (argc < 3) {
		fprintf(stderr, "usage: %s <test|all> <ycfn>\n", argv[0]);
		return 2;
	}
	ui_ycfn_path = argv[2];
	emulator_path = argc > 3 ? argv[3] : NULL;
	if (!strcmp(argv[1], "all"))
		return cmocka_run_group_tests(all, NULL, NULL);
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (!strcmp(all[i].name, argv[1]))
			return _cmocka_run_group_tests(argv[1], &all[i], 1, NULL, NULL);
	fprintf(stderr, "no test named %s\n", argv[1]);
	return 2;
}
