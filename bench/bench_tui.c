/* bench_tui — drives ycfn in a pty (tests/pty harness) against an emulator started in this
 * process (so ycfn's own memory and wake-ups are measured without the emulator's), following a
 * script of steps, and prints what it measured as key=value lines for scripts/bench.
 *
 *   bench_tui [--generate N] [--op-delay MS] [--cols C] [--rows R] [--home DIR] STEP... -- YCFN [ARG]...
 *
 * In ycfn's arguments {URL} {TOKEN} {CLOUD} {FOLDER} become the emulator's address and demo
 * credentials. Steps, in order (times are ms since the program was started, or since the last t0):
 * {FNID:NAME} becomes the id of the demo folder's function NAME.
 *   latency:MS        every emulator route answers MS later (POST /_emu/latency)
 *   spawn             starts ycfn (the clock starts here)
 *   wait:TEXT         until TEXT is on the screen; time_TEXT=ms when it first appeared
 *   quiet:MS          until nothing was written for MS
 *   key:NAME          a key (pty_key names: Tab, Enter, F2, Down, ...)
 *   type:TEXT         typed text
 *   t0                restarts the clock
 *   time:NAME         NAME_ms=ms since the clock started
 *   stats0            remembers the emulator's counters and clears its request log
 *   reqs:NAME         requests since stats0: NAME_requests, NAME_create, NAME_polls, NAME_other,
 *                     NAME_connections, and NAME_req=METHOD path for each
 *   rss:NAME          NAME_hwm_kb, NAME_rss_kb, NAME_anon_kb (heap, stacks), NAME_file_kb (mapped
 *                     files: the program and its shared libraries) of ycfn (/proc/PID/status)
 *   idle:NAME:S       NAME_ctxsw: context switches of all of ycfn's threads over S seconds of no
 *                     input, and NAME_wakeups_per_s
 *   settle:NAME       until 200 ms pass with no output: NAME_ms = when the last byte came, NAME_bytes
 *   exit:MS           until ycfn exits (fails unless with status 0 within MS)
 *   tail:N            the last N bytes ycfn wrote, escaped, on stderr
 *   screen            the screen as text, on stderr (to see where a script went)
 *   bytes0 / bytes:NAME   NAME_bytes written to the terminal since bytes0
 * On a step that fails it prints error=... and the screen on stderr, and exits 1.
 */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emulator/emulator.h"
#include "pty.h"

#define BENCH_WAIT_MS 30000

#define BENCH_BODY_MAX (64u << 20)

struct bench_buf {
	char *data;
	size_t len;
};

struct bench {
	struct emu *emu;
	CURL *curl; /* one handle for every control call: one kept-alive connection, not counted twice */
	struct pty_term *term;
	const char *const *ycfn_argv;
	const char *home;
	int cols, rows;
	double t0;
	size_t bytes0;
	double conn0;
};

/* A non-negative number from the command line; -1 when it is not one. */
static long bench_num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	return end == s || *end || v < 0 ? -1 : v;
}

static double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static size_t bench_collect(char *p, size_t size, size_t n, void *arg)
{
	struct bench_buf *b = arg;
	size_t add = size * n;
	if (b->len + add > BENCH_BODY_MAX)
		return 0;
	char *grown = realloc(b->data, b->len + add + 1);
	if (!grown)
		return 0;
	memcpy(grown + b->len, p, add);
	b->data = grown;
	b->len += add;
	b->data[b->len] = '\0';
	return add;
}

/* One call to the emulator's control routes; the answer as JSON (caller frees), NULL on failure. */
static cJSON *bench_emu_call(struct bench *b, const char *method, const char *path, const char *body,
			     const char *header)
{
	char url[512];
	snprintf(url, sizeof url, "%s%s", emu_url(b->emu), path);
	struct bench_buf out = {0};
	CURL *c = b->curl;
	curl_easy_reset(c);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	if (header)
		h = curl_slist_append(h, header);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bench_collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 20000L);
	curl_easy_setopt(c, CURLOPT_VERBOSE, getenv("BENCH_VERBOSE") ? 1L : 0L);
	long code = 0;
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(h);
	cJSON *j = rc == CURLE_OK && code / 100 == 2 && out.data ? cJSON_Parse(out.data) : NULL;
	if (rc != CURLE_OK || code / 100 != 2)
		fprintf(stderr, "bench_tui: %s %s: curl %d, HTTP %ld\n", method, path, (int)rc, code);
	free(out.data);
	return j ? j : (rc == CURLE_OK && code / 100 == 2 ? cJSON_CreateObject() : NULL);
}

static int bench_fail(struct bench *b, const char *what, const char *arg)
{
	printf("error=%s %s\n", what, arg ? arg : "");
	if (b->term) {
		char *s = pty_screen(b->term);
		fprintf(stderr, "bench_tui: %s %s; the screen:\n%s\n", what, arg ? arg : "", s ? s : "");
		free(s);
	}
	return 1;
}

/* The id of the demo folder's function called name, asked of the emulator as a client would
 * (an IAM token for the demo OAuth token, then the folder's functions); NULL when not found. */
static char *bench_function_id(struct bench *b, const char *name)
{
	char body[256], auth[4200], path[256];
	snprintf(body, sizeof body, "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	cJSON *tok = bench_emu_call(b, "POST", "/iam/v1/tokens", body, NULL);
	const char *iam = cJSON_GetStringValue(cJSON_GetObjectItem(tok, "iamToken"));
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", iam ? iam : "");
	cJSON_Delete(tok);
	snprintf(path, sizeof path, "/functions/v1/functions?folderId=%s&pageSize=1000&filter=name%%3D%%22%s%%22",
		 emu_demo_folder_id(), name);
	cJSON *list = bench_emu_call(b, "GET", path, NULL, auth);
	char *id = NULL;
	cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItem(list, "functions"))
	{
		const char *n = cJSON_GetStringValue(cJSON_GetObjectItem(f, "name"));
		const char *fid = cJSON_GetStringValue(cJSON_GetObjectItem(f, "id"));
		if (n && fid && !strcmp(n, name) && !id)
			id = strdup(fid);
	}
	cJSON_Delete(list);
	return id;
}

/* ycfn's argv with the placeholders filled in, before any step runs (so that finding a function's
 * id is neither timed nor counted). */
static const char *bench_argv[64];
static char bench_argv_bufs[64][512];

static int bench_build_argv(struct bench *b)
{
	const char **argv = bench_argv;
	char(*bufs)[512] = bench_argv_bufs;
	size_t i = 0;
	for (; i < 63 && b->ycfn_argv[i]; i++) {
		const char *a = b->ycfn_argv[i];
		if (!strncmp(a, "{FNID:", 6)) {
			char name[128];
			snprintf(name, sizeof name, "%.*s", (int)strcspn(a + 6, "}"), a + 6);
			char *id = bench_function_id(b, name);
			if (!id) {
				printf("error=no function %s in the emulator's demo folder\n", name);
				return -1;
			}
			snprintf(bufs[i], sizeof bufs[i], "%s", id);
			free(id);
			argv[i] = bufs[i];
			continue;
		}
		const char *v = !strcmp(a, "{URL}")      ? emu_url(b->emu)
				: !strcmp(a, "{TOKEN}")  ? emu_demo_oauth_token()
				: !strcmp(a, "{CLOUD}")  ? emu_demo_cloud_id()
				: !strcmp(a, "{FOLDER}") ? emu_demo_folder_id()
							 : a;
		snprintf(bufs[i], sizeof bufs[i], "%s", v);
		argv[i] = bufs[i];
	}
	argv[i] = NULL;
	return 0;
}

static int bench_spawn(struct bench *b)
{
	char home[600], state[600], config[600];
	snprintf(home, sizeof home, "HOME=%s", b->home);
	snprintf(state, sizeof state, "XDG_STATE_HOME=%s/state", b->home);
	snprintf(config, sizeof config, "XDG_CONFIG_HOME=%s/config", b->home);
	char key_id[200], secret[200];
	snprintf(key_id, sizeof key_id, "AWS_ACCESS_KEY_ID=%s", emu_demo_aws_key_id());
	snprintf(secret, sizeof secret, "AWS_SECRET_ACCESS_KEY=%s", emu_demo_aws_secret());
	const char *env[] = {home, state, config, key_id, secret, NULL};
	b->t0 = bench_now_ms();
	b->term = pty_spawn(bench_argv, env, b->cols, b->rows);
	return b->term ? 0 : -1;
}

static int bench_wait(struct bench *b, const char *text)
{
	double deadline = bench_now_ms() + BENCH_WAIT_MS;
	while (!pty_screen_has(b->term, text)) {
		if (bench_now_ms() > deadline || !pty_running(b->term))
			return bench_fail(b, pty_running(b->term) ? "timed out waiting for" : "ycfn exited before", text);
		pty_pump(b->term, 2);
	}
	printf("time_%s=%.1f\n", text, bench_now_ms() - b->t0);
	return 0;
}

static long bench_proc_field(pid_t pid, const char *task, const char *field)
{
	char path[128], line[256];
	if (task)
		snprintf(path, sizeof path, "/proc/%d/task/%s/status", (int)pid, task);
	else
		snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long v = -1;
	size_t n = strlen(field);
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, field, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* Context switches of every thread of pid, summed. */
static long bench_ctxsw(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	DIR *d = opendir(path);
	long sum = 0;
	const struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		sum += bench_proc_field(pid, e->d_name, "voluntary_ctxt_switches") +
		       bench_proc_field(pid, e->d_name, "nonvoluntary_ctxt_switches");
	}
	if (d)
		closedir(d);
	return sum;
}

static int bench_reqs(struct bench *b, const char *name)
{
	cJSON *log = bench_emu_call(b, "GET", "/_emu/log", NULL, NULL);
	cJSON *stats = bench_emu_call(b, "GET", "/_emu/stats", NULL, NULL);
	if (!log || !stats) {
		cJSON_Delete(log);
		cJSON_Delete(stats);
		return bench_fail(b, "no answer from", "/_emu/log or /_emu/stats");
	}
	int total = 0, create = 0, polls = 0;
	cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(log, "requests"))
	{
		const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(r, "method"));
		const char *p = cJSON_GetStringValue(cJSON_GetObjectItem(r, "path"));
		if (!m || !p || !strncmp(p, "/_emu/", 6))
			continue;
		total++;
		if (!strcmp(m, "POST") && strstr(p, "/functions/v1/versions"))
			create++;
		else if (!strcmp(m, "GET") && strstr(p, "/operations/"))
			polls++;
		/* Message Queue calls all go to "POST /": name the Action from the form body. */
		const char *body = cJSON_GetStringValue(cJSON_GetObjectItem(r, "body"));
		const char *action = body ? strstr(body, "Action=") : NULL;
		printf("%s_req=%s %s%s%.*s\n", name, m, p, action ? " " : "", action ? (int)strcspn(action, "&") : 0,
		       action ? action : "");
	}
	double conn = cJSON_GetNumberValue(cJSON_GetObjectItem(stats, "connections"));
	printf("%s_requests=%d\n%s_create=%d\n%s_polls=%d\n%s_other=%d\n%s_connections=%.0f\n", name, total, name,
	       create, name, polls, name, total - create - polls, name, conn - b->conn0);
	cJSON_Delete(log);
	cJSON_Delete(stats);
	return 0;
}

static int bench_stats0(struct bench *b)
{
	cJSON *stats = bench_emu_call(b, "GET", "/_emu/stats", NULL, NULL);
	cJSON *cleared = bench_emu_call(b, "DELETE", "/_emu/log", NULL, NULL);
	if (!stats || !cleared) {
		cJSON_Delete(stats);
		cJSON_Delete(cleared);
		return bench_fail(b, "no answer from", "/_emu/stats");
	}
	b->conn0 = cJSON_GetNumberValue(cJSON_GetObjectItem(stats, "connections"));
	cJSON_Delete(stats);
	cJSON_Delete(cleared);
	return 0;
}

static int bench_idle(struct bench *b, const char *arg)
{
	char name[64];
	int secs = 3;
	const char *colon = strchr(arg, ':');
	snprintf(name, sizeof name, "%.*s", colon ? (int)(colon - arg) : (int)strlen(arg), arg);
	if (colon)
		secs = (int)bench_num(colon + 1);
	pid_t pid = pty_pid(b->term);
	long c0 = bench_ctxsw(pid);
	size_t bytes0 = pty_bytes_out(b->term);
	double end = bench_now_ms() + secs * 1000.0;
	while (bench_now_ms() < end)
		pty_pump(b->term, 50); /* keep reading, as a terminal does, so ycfn never blocks on output */
	long c1 = bench_ctxsw(pid);
	printf("%s_ctxsw=%ld\n%s_wakeups_per_s=%.1f\n%s_seconds=%d\n%s_bytes=%zu\n", name, c1 - c0, name,
	       (double)(c1 - c0) / secs, name, secs, name, pty_bytes_out(b->term) - bytes0);
	return 0;
}

/* System calls of every thread of ycfn over S seconds of no input (strace -c -f). */
static int bench_strace(struct bench *b, const char *arg)
{
	char name[64], cmd[512], out[300], line[256];
	int secs = 3;
	const char *colon = strchr(arg, ':');
	snprintf(name, sizeof name, "%.*s", colon ? (int)(colon - arg) : (int)strlen(arg), arg);
	if (colon)
		secs = (int)bench_num(colon + 1);
	snprintf(out, sizeof out, "%s/strace-%s.txt", b->home, name);
	char secs_s[16], pid_s[16];
	snprintf(secs_s, sizeof secs_s, "%d", secs);
	snprintf(pid_s, sizeof pid_s, "%d", (int)pty_pid(b->term));
	char *const argv[] = {"timeout", "-s", "INT", secs_s, "strace", "-c", "-f", "-q", "-p", pid_s, "-o", out, NULL};
	snprintf(cmd, sizeof cmd, "timeout -s INT %s strace -c -f -q -p %s -o %s", secs_s, pid_s, out);
	/* strace runs while ycfn idles; the pty is not read meanwhile (an idle program writes nothing) */
	pid_t child;
	int status = 0;
	if (posix_spawnp(&child, "timeout", NULL, NULL, argv, environ) != 0 || waitpid(child, &status, 0) != child)
		return bench_fail(b, "could not run", cmd);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) { /* no strace here: say so, measure the rest */
		printf("%s_syscalls=-1\n", name);
		return 0;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 124) /* 124: timeout ended it, as it should */
		return bench_fail(b, "strace could not watch ycfn:", cmd);
	FILE *f = fopen(out, "r");
	long calls = -1;
	while (f && fgets(line, sizeof line, f)) {
		/* "100.00    0.000123          12        10         1 total": calls is the 4th column */
		if (strstr(line, " total")) {
			char *p = line;
			for (int col = 0; col < 3; col++)
				strtod(p, &p);
			calls = strtol(p, NULL, 10);
		}
	}
	if (f)
		fclose(f);
	if (calls < 0 && f)
		calls = 0; /* strace printed no table: no system call at all */
	if (!f)
		return bench_fail(b, "strace did not run:", cmd);
	printf("%s_syscalls=%ld\n%s_syscalls_per_s=%.1f\n", name, calls, name, (double)calls / secs);
	return 0;
}

/* After an input: when the program wrote its last byte about it (ms since the clock started) and
 * how many bytes, once nothing more came for 200 ms. */
static int bench_settle(struct bench *b, const char *name)
{
	size_t start = pty_bytes_out(b->term), last = start;
	double last_t = bench_now_ms(), deadline = last_t + BENCH_WAIT_MS;
	while (bench_now_ms() - last_t < 200 || last == start) {
		if (bench_now_ms() > deadline)
			return bench_fail(b, "nothing was written after", name);
		pty_pump(b->term, 1);
		if (pty_bytes_out(b->term) != last) {
			last = pty_bytes_out(b->term);
			last_t = bench_now_ms();
		}
	}
	printf("%s_ms=%.1f\n%s_bytes=%zu\n", name, last_t - b->t0, name, last - start);
	return 0;
}

static int bench_step(struct bench *b, const char *step)
{
	const char *arg = strchr(step, ':');
	arg = arg ? arg + 1 : "";
	char body[128];
	if (!strncmp(step, "latency:", 8)) {
		snprintf(body, sizeof body, "{\"route\":\"*\",\"ms\":%d}", (int)bench_num(arg));
		cJSON *j = bench_emu_call(b, "POST", "/_emu/latency", body, NULL);
		cJSON_Delete(j);
		return j ? 0 : bench_fail(b, "the emulator refused", step);
	}
	if (!strcmp(step, "spawn"))
		return bench_spawn(b) ? bench_fail(b, "could not start", b->ycfn_argv[0]) : 0;
	if (!strcmp(step, "stats0"))
		return bench_stats0(b);
	if (!strncmp(step, "reqs:", 5))
		return bench_reqs(b, arg);
	if (!b->term)
		return bench_fail(b, "spawn must come before", step);
	if (!strncmp(step, "wait:", 5))
		return bench_wait(b, arg);
	if (!strncmp(step, "quiet:", 6))
		return pty_wait_quiet(b->term, (int)bench_num(arg), BENCH_WAIT_MS) ? 0 : bench_fail(b, "never quiet", step);
	if (!strncmp(step, "key:", 4))
		return pty_key(b->term, arg) < 0 ? bench_fail(b, "unknown key", arg) : 0;
	if (!strncmp(step, "type:", 5))
		return pty_type(b->term, arg) < 0 ? bench_fail(b, "could not type", arg) : 0;
	if (!strcmp(step, "t0")) {
		b->t0 = bench_now_ms();
		return 0;
	}
	if (!strncmp(step, "time:", 5)) {
		printf("%s_ms=%.1f\n", arg, bench_now_ms() - b->t0);
		return 0;
	}
	if (!strncmp(step, "rss:", 4)) {
		pid_t pid = pty_pid(b->term);
		printf("%s_hwm_kb=%ld\n%s_rss_kb=%ld\n%s_anon_kb=%ld\n%s_file_kb=%ld\n", arg,
		       bench_proc_field(pid, NULL, "VmHWM"), arg, bench_proc_field(pid, NULL, "VmRSS"), arg,
		       bench_proc_field(pid, NULL, "RssAnon"), arg, bench_proc_field(pid, NULL, "RssFile"));
		return 0;
	}
	if (!strncmp(step, "idle:", 5))
		return bench_idle(b, arg);
	if (!strncmp(step, "exit:", 5)) {
		int status = 0;
		if (!pty_wait_exit(b->term, (int)bench_num(arg), &status))
			return bench_fail(b, "ycfn did not exit within", arg);
		printf("exit_status=%d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return bench_fail(b, "ycfn exited with a failure:", WIFEXITED(status) ? "non-zero status" : "a signal");
		return 0;
	}
	if (!strncmp(step, "tail:", 5)) { /* the last N bytes written, escaped, on stderr */
		char raw[8192];
		long want = bench_num(arg);
		size_t n = pty_tail(b->term, raw, want > 0 && want < (long)sizeof raw ? (size_t)want : sizeof raw);
		for (size_t k = 0; k < n; k++)
			fprintf(stderr, raw[k] == 27 ? "\\e" : (unsigned char)raw[k] < 32 ? "\\x%02x" : "%c",
				(unsigned char)raw[k]);
		fputc('\n', stderr);
		return 0;
	}
	if (!strcmp(step, "screen")) {
		char *scr = pty_screen(b->term);
		fprintf(stderr, "%s\n", scr ? scr : "");
		free(scr);
		return 0;
	}
	if (!strncmp(step, "settle:", 7))
		return bench_settle(b, arg);
	if (!strncmp(step, "strace:", 7))
		return bench_strace(b, arg);
	if (!strcmp(step, "bytes0")) {
		b->bytes0 = pty_bytes_out(b->term);
		return 0;
	}
	if (!strncmp(step, "bytes:", 6)) {
		printf("%s_bytes=%zu\n", arg, pty_bytes_out(b->term) - b->bytes0);
		return 0;
	}
	return bench_fail(b, "unknown step", step);
}

int main(int argc, char **argv)
{
	struct emu_options eo = {.quiet = true, .seed = 1};
	struct bench b = {.cols = 100, .rows = 32, .home = "/tmp"};
	int i = 1;
	for (; i + 1 < argc && !strncmp(argv[i], "--", 2) && strcmp(argv[i], "--"); i += 2) {
		if (!strcmp(argv[i], "--generate"))
			eo.generate = (int)bench_num(argv[i + 1]);
		else if (!strcmp(argv[i], "--op-delay"))
			eo.operation_delay_ms = bench_num(argv[i + 1]);
		else if (!strcmp(argv[i], "--cols"))
			b.cols = (int)bench_num(argv[i + 1]);
		else if (!strcmp(argv[i], "--rows"))
			b.rows = (int)bench_num(argv[i + 1]);
		else if (!strcmp(argv[i], "--home"))
			b.home = argv[i + 1];
		else
			break;
	}
	int steps = i;
	while (i < argc && strcmp(argv[i], "--"))
		i++;
	if (i + 1 >= argc) {
		fprintf(stderr, "usage: bench_tui [--generate N] [--op-delay MS] [--cols C] [--rows R] [--home DIR] "
				"STEP... -- YCFN [ARG]...\n");
		return 2;
	}
	b.ycfn_argv = (const char *const *)argv + i + 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	b.curl = curl_easy_init();
	if (!b.curl)
		return 1;
	struct yc_error err;
	memset(&err, 0, sizeof err);
	b.emu = emu_start(&eo, &err);
	if (!b.emu) {
		printf("error=the emulator did not start: %s\n", err.what_en);
		curl_easy_cleanup(b.curl);
		return 1;
	}
	int rc = bench_build_argv(&b) ? 1 : 0;
	for (int s = steps; s < i && rc == 0; s++)
		rc = bench_step(&b, argv[s]);
	if (b.term)
		pty_close(b.term);
	emu_stop(b.emu);
	curl_easy_cleanup(b.curl);
	curl_global_cleanup();
	return rc;
}
