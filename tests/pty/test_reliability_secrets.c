/* test_reliability_secrets.c — quality.md "secrets", the screen part: with the emulator's known
 * OAuth token and static key configured, walk ycfn's screens (the list, the editor, an edit, the
 * review with the equivalent yc command, the deploy, the other tabs, both invocations, help) and
 * error screens (every request answered 401), taking a screenshot of each:
 * neither the token, nor any IAM token the emulator issued ("t1.9euelZ..."), nor the static key's
 * secret ever appears on a screen, in a screenshot (.txt and .svg), or anywhere in the bytes
 * ycfn wrote to the terminal.
 * Usage: pty_reliability_secrets <path of ycfn>   (PTY_SECRETS_SHOTS=dir keeps the screenshots) */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulator/emulator.h"
#include "reliability.h"

#define IAM_PREFIX "t1.9euelZ" /* every IAM token the emulator issues starts so */

static const char *secrets[4];

static bool control(const char *url, const char *method, const char *path, const char *body)
{
	CURL *c = curl_easy_init();
	if (!c)
		return false;
	char full[256];
	snprintf(full, sizeof full, "%s%s", url, path);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, full);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	FILE *null = fopen("/dev/null", "w");
	curl_easy_setopt(c, CURLOPT_WRITEDATA, null);
	long code = 0;
	bool ok = curl_easy_perform(c) == CURLE_OK &&
		  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code / 100 == 2;
	if (null)
		fclose(null);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return ok;
}

/* Which secret the file holds, or NULL. */
static const char *file_leaks(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return "(screenshot missing)";
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (int i = 0; secrets[i]; i++)
		if (strstr(buf, secrets[i]))
			return secrets[i] == secrets[0] ? "the OAuth token" : secrets[i];
	return NULL;
}

struct walk {
	struct pty_term *t;
	const char *shots;
	int step, distinct;
	char *last;
	char why[1024];
};

/* Waits for the screen to settle, screenshots it and checks screen and files for a secret. */
static bool look(struct walk *w, const char *name)
{
	pty_wait_quiet(w->t, 300, 15000);
	char shot[64], path[512];
	snprintf(shot, sizeof shot, "secrets_%02d_%s", w->step++, name);
	if (pty_screenshot(w->t, w->shots, shot) != 0) {
		snprintf(w->why, sizeof w->why, "screenshot %s could not be written", shot);
		return false;
	}
	for (const char *ext = "txt"; ext; ext = strcmp(ext, "txt") == 0 ? "svg" : NULL) {
		snprintf(path, sizeof path, "%s/%s.%s", w->shots, shot, ext);
		const char *leak = file_leaks(path);
		if (leak) {
			snprintf(w->why, sizeof w->why, "%s holds %s", path, leak);
			return false;
		}
	}
	char *s = pty_screen(w->t);
	if (s && (!w->last || strcmp(s, w->last) != 0))
		w->distinct++;
	free(w->last);
	w->last = s;
	for (int i = 0; secrets[i]; i++) {
		if (pty_seen(w->t, secrets[i])) {
			snprintf(w->why, sizeof w->why, "ycfn wrote a secret to the terminal (%s) by step %s",
				 i == 0 ? "the OAuth token" : secrets[i], shot);
			return false;
		}
	}
	return pty_running(w->t) || (snprintf(w->why, sizeof w->why, "ycfn ended at step %s", shot), false);
}

static bool keys_then_look(struct walk *w, const char *const keys[], const char *name)
{
	for (int i = 0; keys[i]; i++) {
		pty_key(w->t, keys[i]);
		pty_wait_quiet(w->t, 150, 10000);
	}
	return look(w, name);
}

static bool error_shown(struct pty_term *t)
{
	/* The emulator's own message for the fault, or the UI's words for it. */
	static const char *const marks[] = {"Token is invalid", "401", "nauthenticated", "UNAUTHENTICATED",
		"не приняты", "утентифи", "вториз", NULL};
	for (int i = 0; marks[i]; i++)
		if (pty_screen_has(t, marks[i]))
			return true;
	return false;
}

/* Tabs until the hardware cursor sits on the row labelled label (the focused field). */
static bool tab_to(struct walk *w, const char *label)
{
	for (int i = 0; i < 30; i++) {
		int row;
		pty_cursor(w->t, NULL, &row, NULL);
		char *text = pty_row(w->t, row);
		bool there = text && strstr(text, label);
		free(text);
		if (there)
			return true;
		pty_key(w->t, "Tab");
		pty_wait_quiet(w->t, 100, 5000);
	}
	snprintf(w->why, sizeof w->why, "Tab never reached the field \"%s\"", label);
	return false;
}

/* Opens the first function (on its Editor), changes the retries, saves: the review with the
 * equivalent yc command, then the deploy to its end. */
static bool walk_deploy(struct walk *w)
{
	static const char *const open_fn[] = {"Enter", NULL}, *const edit[] = {"End", "Backspace", "7", NULL},
				 *const save[] = {"F2", NULL};
	if (!look(w, "list") || !keys_then_look(w, open_fn, "editor") || !tab_to(w, "Количество повторных") ||
	    !keys_then_look(w, edit, "edited") || !keys_then_look(w, save, "review"))
		return false;
	if (!pty_screen_has(w->t, "yc serverless function version create")) {
		snprintf(w->why, sizeof w->why, "F2 after an edit did not show the review with the yc command");
		return false;
	}
	pty_key(w->t, "Enter");
	long long end = rel_now_ms() + 15000;
	while (!pty_screen_has(w->t, "d4e") && rel_now_ms() < end && pty_running(w->t))
		pty_pump(w->t, 50); /* until a version id shows (they start so in the emulator) */
	static const char *const close[] = {"Esc", NULL};
	return look(w, "deployed") && keys_then_look(w, close, "deploy_closed");
}

/* The other screens: the function's tabs, both invocations on the Testing tab, the help. */
static bool walk_happy(struct walk *w)
{
	static const char *const next_tab[] = {"F4", NULL}, *const inv_async[] = {"F6", NULL},
				 *const inv_sync[] = {"F7", NULL}, *const help[] = {"F1", NULL},
				 *const back[] = {"Esc", NULL};
	return walk_deploy(w) && keys_then_look(w, next_tab, "versions") && keys_then_look(w, next_tab, "testing") &&
	       keys_then_look(w, inv_async, "invoked_async") && keys_then_look(w, inv_sync, "invoked_sync") &&
	       keys_then_look(w, next_tab, "overview") && keys_then_look(w, help, "help") &&
	       keys_then_look(w, back, "help_closed") && keys_then_look(w, back, "list_again");
}

/* Every request answered 401: the error on screen, wide enough that nothing of it is cut. */
static bool walk_errors(struct walk *w, const char *url)
{
	static const char *const open_fn[] = {"Enter", NULL}, *const to_testing[] = {"F4", "F4", NULL},
				 *const inv_async[] = {"F6", NULL}, *const back[] = {"Esc", NULL};
	if (!control(url, "POST", "/_emu/faults", "{\"route\":\"*\",\"fault\":\"401\",\"count\":0}")) {
		snprintf(w->why, sizeof w->why, "the emulator refused the 401 fault");
		return false;
	}
	pty_key(w->t, "F5");
	long long end = rel_now_ms() + 15000;
	while (!error_shown(w->t) && rel_now_ms() < end && pty_running(w->t))
		pty_pump(w->t, 50);
	if (!look(w, "error_401"))
		return false;
	if (!error_shown(w->t)) {
		snprintf(w->why, sizeof w->why, "no error on screen after every request got 401 and F5");
		return false;
	}
	pty_resize(w->t, 300, 40);
	return look(w, "error_401_wide") && keys_then_look(w, open_fn, "error_open") &&
	       keys_then_look(w, to_testing, "error_testing") && keys_then_look(w, inv_async, "error_invoke") &&
	       keys_then_look(w, back, "error_back");
}

static bool walk_screens(struct walk *w, const char *url)
{
	return walk_happy(w) && walk_errors(w, url);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <ycfn>\n", argv[0]);
		return 2;
	}
	struct yc_error err = {0};
	struct emu_options eo = {.quiet = true};
	struct emu *emu = emu_start(&eo, &err);
	if (!emu) {
		fprintf(stderr, "pty_reliability_secrets: the emulator did not start\n");
		return 1;
	}
	secrets[0] = emu_demo_oauth_token();
	secrets[1] = emu_demo_aws_secret();
	secrets[2] = IAM_PREFIX;
	char env[6][256];
	snprintf(env[0], sizeof env[0], "YC_ENDPOINT=%s", emu_url(emu));
	snprintf(env[1], sizeof env[1], "YC_TOKEN=%s", emu_demo_oauth_token());
	snprintf(env[2], sizeof env[2], "YC_CLOUD_ID=%s", emu_demo_cloud_id());
	snprintf(env[3], sizeof env[3], "YC_FOLDER_ID=%s", emu_demo_folder_id());
	snprintf(env[4], sizeof env[4], "AWS_ACCESS_KEY_ID=%s", emu_demo_aws_key_id());
	snprintf(env[5], sizeof env[5], "AWS_SECRET_ACCESS_KEY=%s", emu_demo_aws_secret());
	const char *extra[] = {env[0], env[1], env[2], env[3], env[4], env[5], NULL};
	struct rel_home h;
	if (!rel_home_init(&h, extra))
		return 1;
	/* The screenshots go to the temp HOME (removed at the end) unless PTY_SECRETS_SHOTS names a
	 * directory to keep them in, for a person to look at. */
	char shots[256];
	const char *keep = getenv("PTY_SECRETS_SHOTS");
	snprintf(shots, sizeof shots, "%s", keep && *keep ? keep : h.dir);
	struct walk w = {.shots = shots};
	w.t = rel_start(argv[1], NULL, &h, 100, 30);
	for (int i = 0; w.t && secrets[i]; i++)
		pty_watch(w.t, secrets[i]);
	bool ok = w.t && rel_wait_drawn(w.t, 30000);
	if (!ok)
		snprintf(w.why, sizeof w.why, "ycfn never drew its first screen");
	ok = ok && walk_screens(&w, emu_url(emu));
	if (ok && w.distinct < 8) {
		snprintf(w.why, sizeof w.why, "the walk saw only %d distinct screens: it did not walk", w.distinct);
		ok = false;
	}
	if (ok && rel_sanitizer_report(w.t)) {
		snprintf(w.why, sizeof w.why, "a sanitizer report: %s", rel_sanitizer_report(w.t));
		ok = false;
	}
	if (ok)
		printf("pty_reliability_secrets: ok, %d screens (%d distinct), no secret\n", w.step, w.distinct);
	else {
		fprintf(stderr, "pty_reliability_secrets: FAIL: %s\n", w.why);
		if (w.t)
			rel_dump(w.t, w.why);
	}
	free(w.last);
	pty_close(w.t);
	rel_home_cleanup(&h);
	emu_stop(emu);
	return ok ? 0 : 1;
}
