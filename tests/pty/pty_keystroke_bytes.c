/* pty_keystroke_bytes — bytes a program writes to the terminal per keystroke, measured at the pty.
 *
 * Usage:
 *   pty_keystroke_bytes [--cols 80] [--rows 24] [--keys 200] [--wait TEXT] [--pre KEY]...
 *                       [--pre-wait TEXT] [--quiet MS] [--timeout MS] [--env NAME=VALUE]...
 *                       [--cycle KEY,KEY,...] [--show N]
 *                       -- COMMAND [ARG]...
 *
 * Starts COMMAND (a path, or a name looked up in PATH) in a cols x rows pty (TERM=xterm-256color,
 * LANG=C.UTF-8, the harness's minimal environment plus --env), waits until TEXT is on the screen
 * and the output is quiet, sends each --pre key (a pty_key name such as Tab, Down, End, Backspace,
 * F2, or one character) waiting for quiet after each, waits for --pre-wait TEXT if given, then types
 * --keys keystrokes: digits and backspaces in the cycle "d,d,Backspace,Backspace" (d = 1..9, a new
 * digit each time), so a numeric field stays short; --cycle gives another cycle of pty_key names
 * where "d" stands for the next digit (e.g. "d,Backspace" keeps a field that holds one digit valid
 * at every step: 5 -> 51 -> 5). After each keystroke it waits until the program has written something
 * and then stays quiet for --quiet ms (default 30), and counts the bytes written in between.
 * Prints one line of JSON on stdout:
 *   {"command":"dialog","cycle":"d,d,Backspace,Backspace","keystrokes":200,"median":36,"p90":36,
 *    "max":36,"min":34,"mean":35.0,"total":7000,"undrawn":0,"startup_bytes":2437,"cols":80,"rows":24}
 * undrawn: keystrokes after which nothing was written within --timeout ms (default 2000; counted
 * as 0 bytes). startup_bytes: bytes until the first screen was complete — a full draw, for scale.
 * --show N prints the bytes written after each of the first N keystrokes to stderr (escapes
 * shown as \e), to see what a program redraws.
 * Exit status 0 when measured, 1 when TEXT never appeared or the program died, 2 on a usage error.
 *
 * Examples (what bench/ runs; the same --cycle for both, so they type the same keys):
 *   pty_keystroke_bytes --wait Retries -- dialog --form Bench 10 40 2 Retries: 1 1 "" 1 10 5 0
 *   pty_keystroke_bytes --wait ru.example.Handler --pre Tab (x9: to the retries field) \
 *       --env HOME=/tmp/x --env XDG_STATE_HOME=/tmp/x/state \
 *       -- build/ycfn --demo --lang en --function-name payment-callback
 * Note that the seeded retries field holds "5": with the default cycle, typing appends (51, 511),
 * so a field that validates shows an error on every other keystroke; "--pre End --pre Backspace"
 * empties it first (then the error shows whenever the cycle empties it), and "--cycle d,Backspace"
 * with a one-digit field never leaves the range 0-100.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pty.h"

enum { MAX_PRE = 64, MAX_ENV = 32 };

struct opts {
	int cols, rows, keys, quiet_ms, timeout_ms, show;
	const char *wait, *pre_wait;
	const char *cycle[16];
	int ncycle;
	char *cycle_buf; /* --cycle's copy, split in place */
	const char *cycle_arg;
	const char *pre[MAX_PRE];
	int npre;
	const char *env[MAX_ENV + 1];
	int nenv;
	char **cmd;
};

static int usage(void)
{
	fprintf(stderr, "usage: pty_keystroke_bytes [--cols N] [--rows N] [--keys N] [--wait TEXT] "
			"[--pre KEY]... [--pre-wait TEXT] [--quiet MS] [--timeout MS] [--env N=V]... -- CMD [ARG]...\n");
	return 2;
}

/* A whole decimal number in [0, 1e6], or false. */
static bool number(const char *v, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0 || n > 1000000)
		return false;
	*out = (int)n;
	return true;
}

static bool parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){.cols = 80, .rows = 24, .keys = 200, .quiet_ms = 30, .timeout_ms = 2000,
		.cycle = {"d", "d", "Backspace", "Backspace"}, .ncycle = 4, .cycle_arg = "d,d,Backspace,Backspace"};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			o->cmd = argv + i + 1;
			return i + 1 < argc;
		}
		if (i + 1 >= argc)
			return false;
		const char *v = argv[++i];
		bool ok = true;
		if (strcmp(a, "--cols") == 0)
			ok = number(v, &o->cols);
		else if (strcmp(a, "--rows") == 0)
			ok = number(v, &o->rows);
		else if (strcmp(a, "--keys") == 0)
			ok = number(v, &o->keys);
		else if (strcmp(a, "--quiet") == 0)
			ok = number(v, &o->quiet_ms);
		else if (strcmp(a, "--cycle") == 0) {
			char *save = NULL, *copy = strdup(v);
			free(o->cycle_buf);
			o->cycle_buf = copy;
			o->cycle_arg = v;
			o->ncycle = 0;
			for (char *k = strtok_r(copy, ",", &save); k && o->ncycle < 16; k = strtok_r(NULL, ",", &save))
				o->cycle[o->ncycle++] = k;
		} else if (strcmp(a, "--show") == 0)
			ok = number(v, &o->show);
		else if (strcmp(a, "--timeout") == 0)
			ok = number(v, &o->timeout_ms);
		else if (strcmp(a, "--wait") == 0)
			o->wait = v;
		else if (strcmp(a, "--pre-wait") == 0)
			o->pre_wait = v;
		else if (strcmp(a, "--pre") == 0 && o->npre < MAX_PRE)
			o->pre[o->npre++] = v;
		else if (strcmp(a, "--env") == 0 && o->nenv < MAX_ENV && strchr(v, '='))
			o->env[o->nenv++] = v;
		else
			ok = false;
		if (!ok)
			return false;
	}
	return false;
}

/* The command's path: as given when it has a '/', else the first match in PATH (malloc'd). */
static char *resolve(const char *cmd)
{
	if (strchr(cmd, '/'))
		return strdup(cmd);
	const char *path = getenv("PATH");
	char *copy = strdup(path ? path : "/usr/bin:/bin");
	char *save = NULL, *found = NULL;
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char buf[4096];
		snprintf(buf, sizeof buf, "%s/%s", dir, cmd);
		if (access(buf, X_OK) == 0)
			found = strdup(buf);
	}
	free(copy);
	return found;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Sends one keystroke and returns the bytes written in answer; *drawn false if none came. */
static size_t one_key(struct pty_term *t, const char *key, const struct opts *o, bool *drawn)
{
	size_t before = pty_bytes_out(t);
	if (pty_key(t, key) < 0) {
		*drawn = false;
		return 0;
	}
	int waited = 0;
	while (pty_bytes_out(t) == before && waited < o->timeout_ms && pty_running(t)) {
		pty_pump(t, 10);
		waited += 10;
	}
	*drawn = pty_bytes_out(t) != before;
	pty_wait_quiet(t, o->quiet_ms, o->timeout_ms);
	return pty_bytes_out(t) - before;
}

/* The last n bytes written, escaped, to stderr. */
static void show_bytes(struct pty_term *t, int i, const char *key, size_t n)
{
	char buf[8192];
	size_t got = pty_tail(t, buf, n < sizeof buf ? n : sizeof buf);
	fprintf(stderr, "keystroke %d (%s): %zu bytes: ", i + 1, key, n);
	for (size_t k = 0; k < got; k++) {
		unsigned char c = (unsigned char)buf[k];
		if (c == 0x1b)
			fputs("\\e", stderr);
		else if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
	fputc('\n', stderr);
}

static int measure(struct pty_term *t, const struct opts *o, const char *name, size_t startup)
{
	size_t *b = calloc((size_t)o->keys, sizeof *b);
	if (!b)
		return 1;
	size_t total = 0;
	int undrawn = 0, digits = 0;
	for (int i = 0; i < o->keys; i++) {
		const char *key = o->cycle[i % o->ncycle];
		char digit[2] = {(char)('1' + digits % 9), 0};
		if (strcmp(key, "d") == 0) {
			key = digit;
			digits++;
		}
		bool drawn;
		b[i] = one_key(t, key, o, &drawn);
		if (i < o->show)
			show_bytes(t, i, key, b[i]);
		undrawn += !drawn;
		total += b[i];
		if (!pty_running(t)) {
			fprintf(stderr, "pty_keystroke_bytes: the program exited at keystroke %d\n", i + 1);
			free(b);
			return 1;
		}
	}
	qsort(b, (size_t)o->keys, sizeof *b, cmp_size);
	size_t n = (size_t)o->keys;
	size_t p90 = b[(n * 9 + 9) / 10 - 1];
	printf("{\"command\":\"%s\",\"cycle\":\"%s\",\"keystrokes\":%d,\"median\":%zu,\"p90\":%zu,\"max\":%zu,\"min\":%zu,"
	       "\"mean\":%.1f,\"total\":%zu,\"undrawn\":%d,\"startup_bytes\":%zu,\"cols\":%d,\"rows\":%d}\n",
	       name, o->cycle_arg, o->keys, b[n / 2], p90, b[n - 1], b[0], (double)total / (double)n, total, undrawn,
	       startup, o->cols, o->rows);
	free(b);
	return 0;
}

static int run(struct opts *o)
{
	char *path = resolve(o->cmd[0]);
	if (!path) {
		fprintf(stderr, "pty_keystroke_bytes: %s: not found\n", o->cmd[0]);
		return 1;
	}
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	o->cmd[0] = path;
	struct pty_term *t = pty_spawn((const char *const *)o->cmd, o->env, o->cols, o->rows);
	int rc = 1;
	if (!t) {
		fprintf(stderr, "pty_keystroke_bytes: cannot start %s\n", path);
	} else if (o->wait && !pty_wait_text(t, o->wait, 15000)) {
		char *s = pty_screen(t);
		fprintf(stderr, "pty_keystroke_bytes: \"%s\" never appeared; the screen:\n%s\n", o->wait, s ? s : "");
		free(s);
	} else {
		pty_wait_quiet(t, 200, 5000);
		size_t startup = pty_bytes_out(t);
		for (int i = 0; i < o->npre; i++) {
			if (pty_key(t, o->pre[i]) < 0)
				fprintf(stderr, "pty_keystroke_bytes: unknown key %s\n", o->pre[i]);
			pty_wait_quiet(t, 100, 5000);
		}
		if (o->pre_wait && !pty_wait_text(t, o->pre_wait, 10000)) {
			char *s = pty_screen(t);
			fprintf(stderr, "pty_keystroke_bytes: \"%s\" never appeared; the screen:\n%s\n", o->pre_wait, s ? s : "");
			free(s);
		} else {
			rc = measure(t, o, base, startup);
		}
	}
	if (t && pty_running(t)) {
		pty_signal(t, SIGTERM);
		pty_wait_exit(t, 2000, NULL);
	}
	pty_close(t);
	free(path);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	if (!parse(argc, argv, &o) || o.cols < 1 || o.rows < 1 || o.keys < 1 || o.ncycle < 1) {
		free(o.cycle_buf);
		return usage();
	}
	int rc = run(&o);
	free(o.cycle_buf);
	return rc;
}
