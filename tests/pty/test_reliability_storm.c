/* test_reliability_storm.c — quality.md "resize and key storms": thousands of random resizes
 * (1x1 to 300x100) interleaved with keys, then 100 000 random keys (printable ASCII and Cyrillic,
 * arrows, Tab, Enter, Esc, F-keys, clicks; never a quit key) into `ycfn --demo`. It must not
 * crash, must still answer (redraw after a resize) and must not print a sanitizer report. When
 * some path ends it normally (exit 0), it is started again and the storm goes on.
 *
 * Usage: pty_reliability_storm <path of ycfn>
 * Environment: YCFN_STORM_SEED (default: the time; printed either way, to replay a failure),
 * YCFN_STORM_SCALE (percent of the counts, default 100: 2000 resizes, 100 000 keys). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "reliability.h"

enum { RESIZES = 2000, KEYS = 100000, BATCH = 32 };

static const char *const named[] = {"Up", "Down", "Left", "Right", "Tab", "S-Tab", "Enter", "Esc",
	"Backspace", "Delete", "Home", "End", "PgUp", "PgDn", "Space", "F1", "F2", "F3", "F4", "F5",
	"F6", "F7", "F8", "F9", "F11", "F12", "C-s"};
static const char *const cyrillic[] = {"а", "б", "в", "ж", "ы", "ё", "Я", "Щ", "д", "н", "й"};

static unsigned long long rng;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* One random keystroke's bytes into buf; never q, F10 or Ctrl-C (they quit). */
static size_t random_key(struct pty_term *t, char *buf, size_t cap, int cols, int rows)
{
	unsigned kind = rnd(100);
	if (kind < 40) {
		char c;
		do
			c = (char)(' ' + rnd(95));
		while (c == 'q');
		buf[0] = c;
		return 1;
	}
	if (kind < 55) {
		return (size_t)snprintf(buf, cap, "%s", cyrillic[rnd(sizeof cyrillic / sizeof cyrillic[0])]);
	}
	if (kind < 97)
		return pty_key_bytes(t, named[rnd(sizeof named / sizeof named[0])], buf, cap);
	/* A click, as SGR 1006 mouse reports. */
	int c = (int)rnd((unsigned)cols) + 1, r = (int)rnd((unsigned)rows) + 1;
	return (size_t)snprintf(buf, cap, "\x1b[<0;%d;%dM\x1b[<0;%d;%dm", c, r, c, r);
}

struct storm {
	const char *ycfn;
	struct rel_home home;
	struct pty_term *t;
	int restarts;
	const char *failed;
};

static bool start(struct storm *s)
{
	const char *args[] = {"--demo", NULL};
	s->t = rel_start(s->ycfn, args, &s->home, 80, 24);
	if (!s->t || !rel_wait_drawn(s->t, 30000)) {
		s->failed = "ycfn --demo never drew its first screen";
		return false;
	}
	return true;
}

/* Still alive, or ended cleanly and restarted; false (with s->failed) on a crash or a report. */
static bool check(struct storm *s)
{
	if (rel_sanitizer_report(s->t)) {
		s->failed = "a sanitizer report";
		return false;
	}
	if (pty_running(s->t))
		return true;
	int st;
	pty_wait_exit(s->t, 1000, &st);
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
		static char why[96];
		snprintf(why, sizeof why, "ycfn died (status 0x%x: %s %d)", st, WIFSIGNALED(st) ? "signal" : "exit",
			 WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
		s->failed = why;
		return false;
	}
	pty_close(s->t);
	s->restarts++;
	return start(s);
}

static bool send_keys(struct storm *s, int n)
{
	char buf[BATCH * 40];
	size_t len = 0;
	int cols, rows;
	pty_size(s->t, &cols, &rows);
	for (int i = 0; i < n; i++)
		len += random_key(s->t, buf + len, sizeof buf - len, cols, rows);
	if (pty_send(s->t, buf, len) != 0 && pty_running(s->t)) {
		s->failed = "ycfn stopped reading its keys (input blocked for 20 s)";
		return false;
	}
	pty_pump(s->t, 0);
	return true;
}

static bool resize_storm(struct storm *s, int resizes)
{
	for (int i = 0; i < resizes; i++) {
		pty_resize(s->t, 1 + (int)rnd(300), 1 + (int)rnd(100));
		if (!send_keys(s, (int)rnd(4)))
			return false;
		if (i % 50 == 0 && !check(s))
			return false;
	}
	return check(s);
}

static bool key_storm(struct storm *s, int keys)
{
	for (int i = 0; i < keys; i += BATCH) {
		if (!send_keys(s, keys - i < BATCH ? keys - i : BATCH))
			return false;
		/* ycfn takes every pending key before it draws: now and then let it catch up, so
		 * that the states the keys lead to are drawn too, not only the last one. */
		if ((i / BATCH) % 64 == 0) {
			pty_wait_input_taken(s->t, 10000);
			pty_wait_quiet(s->t, 30, 3000);
			if (getenv("PTY_STORM_VERBOSE")) {
				char *row = pty_row(s->t, 1);
				fprintf(stderr, "storm: key %d, %zu bytes so far, row 2: %s\n", i, pty_bytes_out(s->t), row ? row : "");
				free(row);
			}
			if (!check(s))
				return false;
		}
	}
	return check(s);
}

/* One resize must bring a redraw within 10 s. The kernel sends no SIGWINCH when the size does not
 * change, so callers pass a size different from the current one. */
static bool redraws_after_resize(struct storm *s, int cols, int rows)
{
	size_t before = pty_bytes_out(s->t);
	pty_resize(s->t, cols, rows);
	long long end = rel_now_ms() + 10000;
	while (pty_bytes_out(s->t) == before && rel_now_ms() < end && pty_running(s->t))
		pty_pump(s->t, 20);
	if (pty_bytes_out(s->t) == before) {
		static char why[96];
		snprintf(why, sizeof why, "no redraw after a resize to %dx%d: ycfn does not answer", cols, rows);
		s->failed = why;
		return false;
	}
	return true;
}

/* Answers: once the keys are taken it redraws after a resize, and back at 80x24 shows something. */
static bool answers(struct storm *s)
{
	if (!pty_wait_input_taken(s->t, 20000) && pty_running(s->t)) {
		s->failed = "ycfn has not read the keys sent 20 s ago";
		return false;
	}
	pty_wait_quiet(s->t, 300, 20000);
	if (!redraws_after_resize(s, 81, 25) || !redraws_after_resize(s, 80, 24))
		return false;
	pty_wait_quiet(s->t, 200, 10000);
	return check(s);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <ycfn>\n", argv[0]);
		return 2;
	}
	const char *seed_env = getenv("YCFN_STORM_SEED"), *scale_env = getenv("YCFN_STORM_SCALE");
	unsigned long long seed = seed_env ? strtoull(seed_env, NULL, 10) : (unsigned long long)time(NULL);
	int scale = scale_env ? (int)strtol(scale_env, NULL, 10) : 100;
	if (scale < 1 || scale > 1000)
		scale = 100;
	rng = seed * 2654435761ULL + 1;
	int resizes = RESIZES * scale / 100, keys = KEYS * scale / 100;
	printf("storm: seed %llu, %d resizes, %d keys (scale %d%%)\n", seed, resizes, keys, scale);
	fflush(stdout);

	struct storm s = {.ycfn = argv[1]};
	if (!rel_home_init(&s.home, NULL))
		return 1;
	long long t0 = rel_now_ms();
	bool ok = start(&s) && resize_storm(&s, resizes) && answers(&s);
	long long t1 = rel_now_ms();
	size_t b1 = s.t ? pty_bytes_out(s.t) : 0;
	ok = ok && key_storm(&s, keys) && answers(&s);
	long long t2 = rel_now_ms();
	if (getenv("PTY_STORM_VERBOSE") && s.t) {
		char *scr = pty_screen(s.t);
		fprintf(stderr, "storm: the screen at the end:\n%s\n", scr ? scr : "");
		free(scr);
	}
	if (ok) {
		pty_signal(s.t, SIGTERM);
		int st;
		static char why[300];
		char detail[200];
		if (!pty_wait_exit(s.t, 10000, &st)) {
			s.failed = "SIGTERM did not end ycfn after the storm", ok = false;
		} else if (!rel_terminal_restored(s.t, detail, sizeof detail)) {
			snprintf(why, sizeof why, "after the storm and SIGTERM (status 0x%x): %s", st, detail);
			s.failed = why, ok = false;
		}
		else if (rel_sanitizer_report(s.t))
			s.failed = "a sanitizer report", ok = false;
	}
	printf("storm: resizes %lld ms (%zu bytes drawn), keys %lld ms (%zu bytes drawn), %d restart(s)\n", t1 - t0,
	       b1, t2 - t1, s.t ? pty_bytes_out(s.t) - b1 : 0, s.restarts);
	if (!ok) {
		fprintf(stderr, "pty_reliability_resize_and_key_storms: FAIL (seed %llu): %s\n", seed, s.failed);
		if (s.t)
			rel_dump(s.t, s.failed);
	}
	pty_close(s.t);
	rel_home_cleanup(&s.home);
	return ok ? 0 : 1;
}
