/* pty_spawn.c — starting a program in a fresh pty with a controlled environment, and ending it. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pty_internal.h"

enum { PTY_ENV_MAX = 128 };

long long pty_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool env_named(const char *entry, const char *name)
{
	size_t n = strlen(name);
	return strncmp(entry, name, n) == 0 && entry[n] == '=';
}

static bool env_given(const char *const env[], const char *entry)
{
	const char *eq = strchr(entry, '=');
	size_t n = eq ? (size_t)(eq - entry) : strlen(entry);
	for (size_t i = 0; env && env[i]; i++)
		if (strncmp(env[i], entry, n) == 0 && env[i][n] == '=')
			return true;
	return false;
}

/* The child's environment: only what a test controls, so that a developer's NO_COLOR, LC_ALL or
 * YC_TOKEN never leaks into a test. Inherited (unless given): PATH, HOME, XDG dirs, TMPDIR and the
 * sanitizers' options, so that the Asan build behaves as configured. */
static void env_build(const char *const env[], const char **out, size_t cap)
{
	static const char *const inherit[] = {"PATH", "HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
		"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR", "ASAN_OPTIONS",
		"UBSAN_OPTIONS", "LSAN_OPTIONS", NULL};
	static const char *const fixed[] = {"TERM=xterm-256color", "LANG=C.UTF-8", NULL};
	size_t n = 0;
	for (size_t i = 0; env && env[i] && n + 1 < cap; i++)
		out[n++] = env[i];
	for (size_t i = 0; fixed[i] && n + 1 < cap; i++)
		if (!env_given(env, fixed[i]))
			out[n++] = fixed[i];
	for (char **e = environ; *e && n + 1 < cap; e++)
		for (size_t i = 0; inherit[i]; i++)
			if (env_named(*e, inherit[i]) && !env_given(env, *e))
				out[n++] = *e;
	out[n] = NULL;
}

/* In the child: a new session with the pty as its controlling terminal, default signal
 * dispositions (a test runner may ignore some), then exec. Only async-signal-safe calls. */
static void child_exec(int slave, const char *const argv[], const char *const envp[])
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTOU,
		SIGTTIN, SIGWINCH, SIGCHLD};
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	setsid();
	if (ioctl(slave, TIOCSCTTY, 0) < 0)
		_exit(126);
	dup2(slave, 0);
	dup2(slave, 1);
	dup2(slave, 2);
	if (slave > 2)
		close(slave);
	execve(argv[0], (char *const *)argv, (char *const *)envp);
	static const char msg[] = "pty_spawn: exec failed\r\n";
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more to say */
	}
	_exit(127);
}

/* A master/slave pair of the given size. posix_openpt rather than openpty: <pty.h> would be
 * shadowed by this directory's own pty.h. */
static int open_pair(int *master, int *slave, const struct winsize *ws, char *name, size_t n)
{
	*slave = -1;
	*master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*master < 0)
		return -1;
	if (grantpt(*master) < 0 || unlockpt(*master) < 0 || ptsname_r(*master, name, n) != 0)
		goto fail;
	*slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*slave < 0 || ioctl(*master, TIOCSWINSZ, ws) < 0)
		goto fail;
	return 0;
fail:
	if (*slave >= 0)
		close(*slave);
	close(*master);
	*master = -1;
	return -1;
}

static int vt_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct pty_term *t = user;
	if (prop == VTERM_PROP_CURSORVISIBLE)
		t->cursor_visible = val->boolean;
	else if (prop == VTERM_PROP_ALTSCREEN)
		t->altscreen = val->boolean;
	else if (prop == VTERM_PROP_MOUSE)
		t->mouse = val->number;
	return 1;
}

static void vt_output(const char *s, size_t len, void *user)
{
	struct pty_term *t = user;
	char *buf = t->capture_key ? t->key : t->reply;
	size_t *n = t->capture_key ? &t->nkey : &t->nreply;
	size_t cap = t->capture_key ? sizeof t->key : sizeof t->reply;
	if (len > cap - *n)
		len = cap - *n; /* a reply that does not fit is dropped: replies are tiny */
	memcpy(buf + *n, s, len);
	*n += len;
}

static const VTermScreenCallbacks screen_cbs = {.settermprop = vt_settermprop};

static bool term_init(struct pty_term *t, int cols, int rows)
{
	t->vt = vterm_new(rows, cols);
	if (!t->vt)
		return false;
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, vt_output, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_set_callbacks(t->screen, &screen_cbs, t);
	vterm_screen_enable_altscreen(t->screen, 1);
	vterm_screen_reset(t->screen, 1);
	t->cursor_visible = true;
	return true;
}

struct pty_term *pty_spawn(const char *const argv[], const char *const env[], int cols, int rows)
{
	if (!argv || !argv[0] || cols < 1 || rows < 1)
		return NULL;
	struct pty_term *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->master = -1;
	t->cols = cols;
	t->rows = rows;
	t->quiet_ms = PTY_DEFAULT_QUIET_MS;
	if (!term_init(t, cols, rows))
		goto fail;
	const char *envp[PTY_ENV_MAX];
	env_build(env, envp, PTY_ENV_MAX);
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	int slave = -1;
	if (open_pair(&t->master, &slave, &ws, t->slave_name, sizeof t->slave_name) < 0)
		goto fail;
	/* Recorded before the program can touch it: "restored" means equal to this. */
	tcgetattr(t->master, &t->initial);
	t->pid = fork();
	if (t->pid < 0) {
		close(slave);
		goto fail;
	}
	if (t->pid == 0)
		child_exec(slave, argv, envp);
	close(slave);
	fcntl(t->master, F_SETFL, fcntl(t->master, F_GETFL) | O_NONBLOCK);
	return t;
fail:
	if (t->master >= 0)
		close(t->master);
	if (t->vt)
		vterm_free(t->vt);
	free(t);
	return NULL;
}

bool pty_reap(struct pty_term *t)
{
	if (t->exited)
		return true;
	int st;
	pid_t r = waitpid(t->pid, &st, WNOHANG);
	if (r == t->pid) {
		t->exited = true;
		t->status = st;
	} else if (r < 0 && errno == ECHILD) {
		t->exited = true; /* reaped elsewhere: no status to give */
		t->status = 0;
	}
	return t->exited;
}

bool pty_running(struct pty_term *t)
{
	return !pty_reap(t);
}

void pty_close(struct pty_term *t)
{
	if (!t)
		return;
	if (!pty_reap(t)) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, &t->status, 0);
	}
	if (t->master >= 0)
		close(t->master);
	vterm_free(t->vt);
	free(t);
}

pid_t pty_pid(const struct pty_term *t)
{
	return t->pid;
}

int pty_signal(struct pty_term *t, int sig)
{
	if (pty_reap(t))
		return -1;
	return kill(t->pid, sig);
}

bool pty_wait_exit(struct pty_term *t, int timeout_ms, int *status)
{
	long long end = pty_now_ms() + timeout_ms;
	while (!pty_reap(t)) {
		if (pty_now_ms() >= end)
			return false;
		pty_pump(t, 10);
	}
	/* What it wrote on the way out (rmcup, cnorm) is still in the pty: read it to the end. */
	while (!t->eof && pty_read_once(t, 0) > 0)
		;
	if (status)
		*status = t->status;
	return true;
}

void pty_hangup(struct pty_term *t)
{
	if (t->master >= 0)
		close(t->master);
	t->master = -1;
	t->eof = true;
}

int pty_resize(struct pty_term *t, int cols, int rows)
{
	if (cols < 1 || rows < 1 || t->master < 0)
		return -1;
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	if (ioctl(t->master, TIOCSWINSZ, &ws) < 0)
		return -1;
	t->cols = cols;
	t->rows = rows;
	vterm_set_size(t->vt, rows, cols);
	return 0;
}

void pty_size(const struct pty_term *t, int *cols, int *rows)
{
	if (cols)
		*cols = t->cols;
	if (rows)
		*rows = t->rows;
}

long pty_input_pending(struct pty_term *t)
{
	/* Asked on a short-lived second descriptor of the slave: keeping one open for good would hide
	 * the program's exit (the master reads EIO only once every slave descriptor is closed). */
	if (t->eof || !t->slave_name[0])
		return -1;
	int fd = open(t->slave_name, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	int n = 0;
	int rc = ioctl(fd, TIOCINQ, &n);
	close(fd);
	return rc < 0 ? -1 : n;
}

bool pty_wait_input_taken(struct pty_term *t, int timeout_ms)
{
	/* The kernel hands written bytes to the slave's queue a moment later (a work item), so an
	 * empty queue right after a write may not be empty yet: it must read empty twice, 10 ms
	 * apart. */
	long long end = pty_now_ms() + timeout_ms;
	int empty = 0;
	for (;;) {
		long n = pty_input_pending(t);
		if (n < 0)
			return false;
		empty = n == 0 ? empty + 1 : 0;
		if (empty >= 2)
			return true;
		if (pty_now_ms() >= end)
			return false;
		pty_pump(t, n == 0 ? 10 : 5);
	}
}

int pty_termios(struct pty_term *t, struct termios *out)
{
	if (t->master < 0)
		return -1;
	return tcgetattr(t->master, out);
}

int pty_termios_initial(struct pty_term *t, struct termios *out)
{
	*out = t->initial;
	return 0;
}

bool pty_termios_same(const struct termios *a, const struct termios *b, char *why, size_t n)
{
	const struct {
		const char *name;
		tcflag_t x, y;
	} f[] = {
		{"c_iflag", a->c_iflag, b->c_iflag},
		{"c_oflag", a->c_oflag, b->c_oflag},
		{"c_cflag", a->c_cflag, b->c_cflag},
		{"c_lflag", a->c_lflag, b->c_lflag},
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (f[i].x != f[i].y) {
			if (why)
				snprintf(why, n, "%s 0%o != 0%o (differ in 0%o)", f[i].name, (unsigned)f[i].x,
					 (unsigned)f[i].y, (unsigned)(f[i].x ^ f[i].y));
			return false;
		}
	}
	for (size_t i = 0; i < NCCS; i++) {
		if (a->c_cc[i] != b->c_cc[i]) {
			if (why)
				snprintf(why, n, "c_cc[%zu] %u != %u", i, a->c_cc[i], b->c_cc[i]);
			return false;
		}
	}
	return true;
}
