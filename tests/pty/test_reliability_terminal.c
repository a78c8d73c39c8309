/* test_reliability_terminal.c — quality.md "terminal restored": after a normal quit, SIGINT,
 * SIGTERM, SIGHUP and a crash (SIGSEGV, SIGABRT), the pty's termios equal the ones before ycfn
 * started, and the alternate screen, the cursor and mouse reporting are back as they were.
 * Usage: pty_reliability_terminal <mode> <path of ycfn>; mode: quit_q quit_f10 quit_ctrl_c
 * sigint sigterm sighup sigsegv sigabrt, or hangup: the terminal itself goes away (an SSH session
 * dropped) and ycfn must end on its own within 10 s rather than spin on a dead terminal. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "reliability.h"

static const struct mode {
	const char *name;
	const char *key; /* a quit key, or NULL */
	int sig;         /* or a signal */
	bool open_first; /* q quits on a function's tabs; on the list it filters */
	bool hangup;     /* or the master side closed */
} modes[] = {
	{"quit_q", "q", 0, true, false},
	{"quit_f10", "F10", 0, false, false},
	{"quit_ctrl_c", "C-c", 0, false, false},
	{"sigint", NULL, SIGINT, false, false},
	{"sigterm", NULL, SIGTERM, false, false},
	{"sighup", NULL, SIGHUP, false, false},
	{"sigsegv", NULL, SIGSEGV, false, false},
	{"sigabrt", NULL, SIGABRT, false, false},
	{"hangup", NULL, 0, false, true},
};

static int fail(struct pty_term *t, const char *mode, const char *what)
{
	fprintf(stderr, "terminal test %s: FAIL: %s\n", mode, what);
	if (t)
		rel_dump(t, what);
	return 1;
}

/* A quit key, then "y" if ycfn asks first. */
static bool quit_by_key(struct pty_term *t, const struct mode *m, int *st)
{
	if (m->open_first) {
		pty_key(t, "Enter");
		pty_wait_quiet(t, 300, 10000);
	}
	pty_key(t, m->key);
	if (pty_wait_exit(t, 3000, st))
		return true;
	fprintf(stderr, "(still running after %s: confirming with y)\n", m->key);
	pty_key(t, "y");
	return pty_wait_exit(t, 5000, st);
}

static bool status_fits(const struct mode *m, int st, char *why, size_t n)
{
	if (!m->sig) {
		snprintf(why, n, "a normal quit should exit 0; status 0x%x", st);
		return WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	snprintf(why, n, "ended by signal %d should die of it or exit 128+%d; status 0x%x", m->sig, m->sig, st);
	if (WIFSIGNALED(st))
		return WTERMSIG(st) == m->sig;
	if (m->sig == SIGSEGV || m->sig == SIGABRT)
		return WEXITSTATUS(st) != 0;
	return true; /* a soft signal may end it cleanly too */
}

static int run(const char *ycfn, const struct mode *m)
{
	struct rel_home h;
	if (!rel_home_init(&h, NULL))
		return fail(NULL, m->name, "no temp dir");
	const char *args[] = {"--demo", NULL};
	struct pty_term *t = rel_start(ycfn, args, &h, 80, 24);
	int rc = 0;
	char why[256];
	struct termios before, during;
	int st = 0;
	if (!t) {
		rc = fail(NULL, m->name, "ycfn did not start");
		goto out;
	}
	if (!rel_wait_drawn(t, 30000)) {
		rc = fail(t, m->name, "ycfn --demo never drew its first screen");
		goto out;
	}
	pty_termios_initial(t, &before);
	pty_termios(t, &during);
	if (pty_termios_same(&before, &during, NULL, 0)) {
		rc = fail(t, m->name, "ycfn runs with the terminal as it found it (no raw/cbreak mode?)");
		goto out;
	}
	if (m->hangup) {
		pty_hangup(t);
		if (!pty_wait_exit(t, 10000, &st))
			rc = fail(t, m->name, "ycfn still runs 10 s after its terminal went away");
		else
			printf("terminal test hangup: ok, ycfn ended (status 0x%x)\n", st);
		goto out;
	}
	bool ended = m->key ? quit_by_key(t, m, &st) : (pty_signal(t, m->sig) == 0 && pty_wait_exit(t, 10000, &st));
	if (!ended) {
		rc = fail(t, m->name, m->key ? "a quit key did not end ycfn" : "the signal did not end ycfn");
		goto out;
	}
	if (!status_fits(m, st, why, sizeof why))
		rc = fail(t, m->name, why);
	else if (!rel_terminal_restored(t, why, sizeof why))
		rc = fail(t, m->name, why);
	else if (rel_sanitizer_report(t))
		rc = fail(t, m->name, rel_sanitizer_report(t));
	if (rc == 0)
		printf("terminal test %s: ok, restored (status 0x%x)\n", m->name, st);
out:
	pty_close(t);
	rel_home_cleanup(&h);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s <mode> <ycfn>\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(modes[i].name, argv[1]) == 0)
			return run(argv[2], &modes[i]);
	fprintf(stderr, "no mode %s\n", argv[1]);
	return 2;
}
