/* ui_support.c — see ui_support.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ui_support.h"

#define WAIT_MS 15000

const char *ui_ycfn_path;
static struct sc *sc_current;

static void dump(struct sc *s, const char *why, const char *text)
{
	char *scr = pty_screen(s->t);
	fprintf(stderr, "---- %s \"%s\" ----\n%s\n----\n", why, text, scr ? scr : "");
	free(scr);
}

static void read_url(struct sc *s)
{
	char path[300];
	snprintf(path, sizeof path, "%s/url", s->dir);
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		FILE *f = fopen(path, "r");
		if (f) {
			bool ok = fgets(s->url, sizeof s->url, f) != NULL;
			fclose(f);
			s->url[strcspn(s->url, "\r\n")] = 0;
			if (ok && s->url[0])
				return;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > 15)
			fail_msg("ycfn --demo never wrote %s", path);
		/* Poll the condition: pump the pty so the child is never blocked on output. */
		pty_pump(s->t, 20);
	}
}

void sc_start(struct sc *s, const char *const *args, const char *const *env, int cols, int rows, bool keep_dir)
{
	if (!keep_dir) {
		snprintf(s->dir, sizeof s->dir, "/tmp/ycfn-ui-XXXXXX");
		assert_non_null(mkdtemp(s->dir));
	}
	char home[300], state[300], config[300], urlf[300];
	snprintf(home, sizeof home, "HOME=%s", s->dir);
	snprintf(state, sizeof state, "XDG_STATE_HOME=%s/state", s->dir);
	snprintf(config, sizeof config, "XDG_CONFIG_HOME=%s/config", s->dir);
	snprintf(urlf, sizeof urlf, "YCFN_DEMO_URL_FILE=%s/url", s->dir);
	char urlpath[300];
	snprintf(urlpath, sizeof urlpath, "%s/url", s->dir);
	unlink(urlpath);
	const char *e[32] = {home, state, config, urlf, "ASAN_OPTIONS=detect_leaks=0", "ESCDELAY=25"};
	size_t ne = 6;
	for (size_t i = 0; env && env[i] && ne < 31; i++)
		e[ne++] = env[i];
	e[ne] = NULL;
	const char *argv[32] = {ui_ycfn_path, "--demo"};
	size_t na = 2;
	for (size_t i = 0; args && args[i] && na < 31; i++)
		argv[na++] = args[i];
	argv[na] = NULL;
	s->t = pty_spawn(argv, e, cols, rows);
	sc_current = s;
	assert_non_null(s->t);
	read_url(s);
}

void sc_stop(struct sc *s)
{
	if (s->t)
		pty_close(s->t);
	s->t = NULL;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

void sc_cleanup(struct sc *s)
{
	sc_stop(s);
	if (s->dir[0])
		nftw(s->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	s->dir[0] = 0;
	if (sc_current == s)
		sc_current = NULL;
}

int sc_teardown(void **state)
{
	(void)state;
	if (sc_current)
		sc_cleanup(sc_current);
	return 0;
}

void sc_wait(struct sc *s, const char *text)
{
	if (!pty_wait_text(s->t, text, WAIT_MS)) {
		dump(s, "never saw", text);
		fail_msg("the screen never showed \"%s\"", text);
	}
}

void sc_wait_gone(struct sc *s, const char *text)
{
	if (!pty_wait_gone(s->t, text, WAIT_MS)) {
		dump(s, "still there", text);
		fail_msg("\"%s\" stayed on the screen", text);
	}
}

/* Column of byte offset k in a UTF-8 row: count code points (every character we look for
 * and everything before it in our rows is one column wide). */
static int cols_before(const char *row, size_t k)
{
	int c = 0;
	for (size_t i = 0; i < k; i++)
		if (((unsigned char)row[i] & 0xC0) != 0x80)
			c++;
	return c;
}

int sc_find(struct sc *s, const char *text, int nth, int *col)
{
	for (int r = 0; r < 200; r++) {
		char *row = pty_row(s->t, r);
		if (!row)
			break;
		const char *p = row;
		while ((p = strstr(p, text)) != NULL) {
			if (nth-- == 0) {
				if (col)
					*col = cols_before(row, (size_t)(p - row));
				free(row);
				return r;
			}
			p += strlen(text);
		}
		free(row);
	}
	return -1;
}

void sc_click_value(struct sc *s, const char *label, int nth)
{
	int r = sc_find(s, label, nth, NULL);
	if (r < 0) {
		dump(s, "no label", label);
		fail_msg("no \"%s\" on the screen", label);
	}
	assert_int_equal(pty_click(s->t, 36, r), 0);
	pty_wait_quiet(s->t, 60, 2000);
}

char *sc_row_text(struct sc *s, int row)
{
	return pty_row(s->t, row);
}

void sc_keys(struct sc *s, const char *key, int times)
{
	for (int i = 0; i < times; i++)
		assert_int_equal(pty_key(s->t, key), 0);
	pty_wait_quiet(s->t, 60, 3000);
}

void sc_shot(struct sc *s, const char *name)
{
	pty_wait_quiet(s->t, 100, 3000);
	assert_int_equal(pty_screenshot(s->t, NULL, name), 0);
}

struct buf {
	char *p;
	size_t n;
};

static size_t on_body(char *d, size_t sz, size_t nm, void *ud)
{
	struct buf *b = ud;
	size_t n = sz * nm;
	char *g = realloc(b->p, b->n + n + 1);
	if (!g)
		return 0;
	memcpy(g + b->n, d, n);
	b->p = g;
	b->n += n;
	b->p[b->n] = 0;
	return n;
}

char *sc_http(struct sc *s, const char *method, const char *path, const char *body)
{
	CURL *c = curl_easy_init();
	assert_non_null(c);
	char url[600];
	snprintf(url, sizeof url, "%s%s", s->url, path);
	struct buf b = {calloc(1, 1), 0};
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK)
		fail_msg("%s %s: %s", method, path, curl_easy_strerror(rc));
	return b.p;
}

void sc_open_function(struct sc *s, const char *name)
{
	sc_wait(s, name);
	assert_int_equal(pty_type(s->t, name), 0);
	sc_keys(s, "Enter", 1);
	sc_wait(s, "Среда выполнения");
}

void sc_retype(struct sc *s, const char *label, int nth, const char *text)
{
	sc_click_value(s, label, nth);
	sc_keys(s, "End", 1);
	sc_keys(s, "Backspace", 40);
	assert_int_equal(pty_type(s->t, text), 0);
	pty_wait_quiet(s->t, 80, 3000);
}

void sc_pick(struct sc *s, const char *label, int nth, const char *filter)
{
	sc_click_value(s, label, nth);
	sc_wait(s, "Фильтр");
	pty_type(s->t, filter);
	pty_wait_quiet(s->t, 80, 3000);
	sc_keys(s, "Enter", 1);
	sc_wait_gone(s, "Фильтр:");
}
