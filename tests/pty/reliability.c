/* reliability.c — shared by the whole-program terminal tests (see reliability.h). */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "reliability.h"

static const char *const sanitizer_marks[] = {"AddressSanitizer", "LeakSanitizer",
	"UndefinedBehaviorSanitizer", "runtime error:", NULL};

bool rel_home_init(struct rel_home *h, const char *const extra[])
{
	memset(h, 0, sizeof *h);
	const char *tmp = getenv("TMPDIR");
	snprintf(h->dir, sizeof h->dir, "%s/ycfn_pty_XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(h->dir))
		return false;
	static const char *const vars[] = {"HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME",
		"XDG_DATA_HOME", NULL};
	static const char *const subdirs[] = {"", "/.config", "/.local/state", "/.cache", "/.local/share"};
	char dir[sizeof h->dir];
	memcpy(dir, h->dir, sizeof dir);
	int n = 0;
	for (; vars[n]; n++) {
		snprintf(h->env_buf[n], sizeof h->env_buf[n], "%s=%s%s", vars[n], dir, subdirs[n]);
		h->env[n] = h->env_buf[n];
	}
	/* A clean environment says nothing of the sanitizers: ncurses' and libc's own allocations
	 * kept to exit are not leaks of ycfn, but ycfn's are; so LSan stays on as configured. */
	for (int i = 0; extra && extra[i] && n < 15; i++, n++) {
		snprintf(h->env_buf[n], sizeof h->env_buf[n], "%s", extra[i]);
		h->env[n] = h->env_buf[n];
	}
	h->env[n] = NULL;
	return true;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void rel_home_cleanup(struct rel_home *h)
{
	if (h->dir[0])
		nftw(h->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

struct pty_term *rel_start(const char *ycfn, const char *const args[], const struct rel_home *h, int cols,
			   int rows)
{
	const char *argv[32] = {ycfn};
	int n = 1;
	for (int i = 0; args && args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	struct pty_term *t = pty_spawn(argv, h->env, cols, rows);
	if (!t)
		return NULL;
	for (int i = 0; sanitizer_marks[i]; i++)
		pty_watch(t, sanitizer_marks[i]);
	return t;
}

static bool screen_blank(struct pty_term *t)
{
	char *s = pty_screen(t);
	bool blank = true;
	for (const char *p = s; p && *p; p++)
		if (*p != ' ' && *p != '\n')
			blank = false;
	free(s);
	return blank;
}

long long rel_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool rel_wait_drawn(struct pty_term *t, int timeout_ms)
{
	long long end = rel_now_ms() + timeout_ms;
	for (;;) {
		long long left = end - rel_now_ms();
		if (left <= 0 || !pty_running(t))
			return false;
		if (pty_altscreen(t) && !screen_blank(t) && pty_wait_quiet(t, 200, (int)left))
			if (pty_altscreen(t) && !screen_blank(t))
				return true;
		pty_pump(t, 20);
	}
}

const char *rel_sanitizer_report(const struct pty_term *t)
{
	for (int i = 0; sanitizer_marks[i]; i++)
		if (pty_seen(t, sanitizer_marks[i]))
			return sanitizer_marks[i];
	return NULL;
}

/* A sanitizer's report as plain text: from its first line to the end of what was written, with
 * the escape sequences (its colours, ncurses' drawing) left out. */
static void dump_report(struct pty_term *t)
{
	pty_wait_exit(t, 5000, NULL); /* the report is written in full before the abort */
	static char tail[8192];
	size_t n = pty_tail(t, tail, sizeof tail - 1);
	tail[n] = '\0';
	const char *from = NULL;
	static const char *const starts[] = {"==ERROR", "runtime error:", "==WARNING", NULL};
	for (int i = 0; starts[i] && !from; i++)
		from = memmem(tail, n, starts[i], strlen(starts[i]));
	if (!from)
		return;
	while (from > tail && from[-1] != '\n')
		from--;
	fputs("---- the sanitizer's report:\n", stderr);
	for (const char *p = from; p < tail + n; p++) {
		if (*p == 0x1b) {
			while (p + 1 < tail + n && !((p[1] >= 'A' && p[1] <= 'Z') || (p[1] >= 'a' && p[1] <= 'z')))
				p++;
			p++;
		} else if (*p != '\r') {
			fputc(*p, stderr);
		}
	}
	fputs("----\n", stderr);
}

void rel_dump(struct pty_term *t, const char *why)
{
	char *s = pty_screen(t);
	fprintf(stderr, "---- %s; the screen:\n%s\n---- the last bytes written:\n", why, s ? s : "");
	free(s);
	char tail[600];
	size_t n = pty_tail(t, tail, sizeof tail);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tail[i];
		if (c == 0x1b)
			fputs("\\e", stderr);
		else if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
	fputs("\n----\n", stderr);
	if (rel_sanitizer_report(t))
		dump_report(t);
}

bool rel_terminal_restored(struct pty_term *t, char *why, size_t n)
{
	struct termios before, after;
	pty_termios_initial(t, &before);
	char diff[160];
	if (pty_termios(t, &after) != 0) {
		snprintf(why, n, "the pty's termios cannot be read");
		return false;
	}
	if (!pty_termios_same(&before, &after, diff, sizeof diff)) {
		snprintf(why, n, "termios not restored: %s", diff);
		return false;
	}
	if (pty_altscreen(t)) {
		snprintf(why, n, "still on the alternate screen (no rmcup \\e[?1049l at the end)");
		return false;
	}
	if (!pty_cursor_visible(t)) {
		snprintf(why, n, "the cursor is left hidden (no cnorm \\e[?25h at the end)");
		return false;
	}
	if (pty_mouse_mode(t) != 0) {
		snprintf(why, n, "mouse reporting left on (mode %d)", pty_mouse_mode(t));
		return false;
	}
	return true;
}
