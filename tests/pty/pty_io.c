/* pty_io.c — bytes in both directions and the waits. Every write is non-blocking and drains the
 * program's output while it waits: a program blocked on a full terminal stops reading its keys,
 * and a harness blocked on write would then never read — a deadlock a key storm finds at once. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pty_internal.h"

enum { PTY_SEND_TIMEOUT_MS = 20000 };

static void tail_add(struct pty_term *t, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		t->tail[t->tail_pos % PTY_TAIL_CAP] = buf[i];
		t->tail_pos++;
	}
}

size_t pty_tail(const struct pty_term *t, char *buf, size_t n)
{
	size_t have = t->tail_pos < PTY_TAIL_CAP ? t->tail_pos : PTY_TAIL_CAP;
	if (n > have)
		n = have;
	size_t start = t->tail_pos - n;
	for (size_t i = 0; i < n; i++)
		buf[i] = t->tail[(start + i) % PTY_TAIL_CAP];
	return n;
}

/* Watched strings are matched over the previous tail plus the new chunk, so a needle split
 * across two reads is still found. */
static void watch_scan(struct pty_term *t, const char *buf, size_t n)
{
	if (t->nwatch == 0)
		return;
	char win[PTY_WATCH_LEN + 4096];
	for (size_t off = 0; off < n; off += 4096) {
		size_t chunk = n - off < 4096 ? n - off : 4096;
		size_t prev = pty_tail(t, win, PTY_WATCH_LEN);
		memcpy(win + prev, buf + off, chunk);
		tail_add(t, buf + off, chunk);
		for (int i = 0; i < t->nwatch; i++)
			if (!t->watch_seen[i] && memmem(win, prev + chunk, t->watch[i], strlen(t->watch[i])))
				t->watch_seen[i] = true;
	}
}

/* libvterm 0.1.4 applies only the first mode of a DEC private mode set/reset ("\e[?1006;1000h"
 * sets 1006 and drops 1000), and ncurses writes exactly that for the mouse. So such a sequence is
 * given to vterm as one sequence per mode. Returns the length of a complete "\e[?N;N...h|l" at
 * s (0 if it is not one, -1 if it may be one cut short by the end of the chunk). */
static long dec_modes_len(const char *s, size_t n)
{
	static const char lead[] = "\x1b[?";
	for (size_t i = 0; i < 3; i++) {
		if (i >= n)
			return -1;
		if (s[i] != lead[i])
			return 0;
	}
	for (size_t i = 3; i < n && i < 64; i++) {
		if (s[i] == 'h' || s[i] == 'l')
			return (long)i + 1;
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != ';')
			return 0;
	}
	return n < 64 ? -1 : 0;
}

static void vt_write_modes(struct pty_term *t, const char *s, size_t len)
{
	char one[80];
	const char *p = s + 3, *end = s + len - 1;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *stop = semi ? semi : end;
		int n = snprintf(one, sizeof one, "\x1b[?%.*s%c", (int)(stop - p), p, *end);
		vterm_input_write(t->vt, one, (size_t)n);
		p = stop + 1;
	}
}

/* Gives bytes to vterm, splitting multi-mode DEC sequences; a possible one cut by the end of the
 * chunk waits in t->held for the next chunk. */
static void vt_write(struct pty_term *t, const char *buf, size_t n)
{
	char joined[sizeof t->held + 16384];
	if (t->nheld) {
		size_t take = n < 16384 ? n : 16384;
		memcpy(joined, t->held, t->nheld);
		memcpy(joined + t->nheld, buf, take);
		size_t total = t->nheld + take;
		t->nheld = 0;
		vt_write(t, joined, total); /* held is empty now: no deeper recursion than one */
		if (take < n)
			vt_write(t, buf + take, n - take);
		return;
	}
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\x1b')
			continue;
		long len = dec_modes_len(buf + i, n - i);
		if (len == 0)
			continue;
		vterm_input_write(t->vt, buf + from, i - from);
		if (len < 0) {
			memcpy(t->held, buf + i, n - i);
			t->nheld = n - i;
			return;
		}
		vt_write_modes(t, buf + i, (size_t)len);
		from = i + (size_t)len;
		i = from - 1;
	}
	vterm_input_write(t->vt, buf + from, n - from);
}

void pty_feed(struct pty_term *t, const char *buf, size_t n)
{
	if (t->nwatch)
		watch_scan(t, buf, n);
	else
		tail_add(t, buf, n);
	t->bytes_out += n;
	t->generation++;
	vt_write(t, buf, n);
	vterm_screen_flush_damage(t->screen);
}

int pty_watch(struct pty_term *t, const char *needle)
{
	if (t->nwatch >= PTY_WATCH_MAX || strlen(needle) >= PTY_WATCH_LEN || !*needle)
		return -1;
	snprintf(t->watch[t->nwatch], sizeof t->watch[t->nwatch], "%s", needle);
	t->watch_seen[t->nwatch] = false;
	t->nwatch++;
	return 0;
}

bool pty_seen(const struct pty_term *t, const char *needle)
{
	for (int i = 0; i < t->nwatch; i++)
		if (strcmp(t->watch[i], needle) == 0)
			return t->watch_seen[i];
	return false;
}

size_t pty_read_once(struct pty_term *t, int timeout_ms)
{
	if (t->eof) {
		if (timeout_ms > 0)
			poll(NULL, 0, timeout_ms < 10 ? timeout_ms : 10); /* nothing can come: do not spin */
		return 0;
	}
	struct pollfd p = {.fd = t->master, .events = POLLIN};
	if (poll(&p, 1, timeout_ms) <= 0)
		return 0;
	char buf[16384];
	ssize_t r = read(t->master, buf, sizeof buf);
	if (r > 0) {
		pty_feed(t, buf, (size_t)r);
		return (size_t)r;
	}
	if (r == 0 || (errno != EAGAIN && errno != EINTR))
		t->eof = true; /* EIO: every process holding the slave has gone */
	return 0;
}

/* Writes all of buf, reading the program's output whenever the pty's input queue is full. */
static int write_all(struct pty_term *t, const char *buf, size_t n)
{
	long long end = pty_now_ms() + PTY_SEND_TIMEOUT_MS;
	while (n > 0) {
		if (t->eof)
			return -1;
		ssize_t w = write(t->master, buf, n);
		if (w > 0) {
			buf += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		if (pty_now_ms() >= end)
			return -1;
		struct pollfd p = {.fd = t->master, .events = POLLIN | POLLOUT};
		if (poll(&p, 1, 50) > 0 && (p.revents & (POLLIN | POLLHUP)))
			pty_read_once(t, 0);
	}
	return 0;
}

/* The terminal's answers to the program's queries (cursor position, device attributes). */
static void flush_replies(struct pty_term *t)
{
	while (t->nreply > 0) {
		char buf[sizeof t->reply];
		size_t n = t->nreply;
		memcpy(buf, t->reply, n);
		t->nreply = 0;
		if (write_all(t, buf, n) < 0)
			return;
	}
}

int pty_send(struct pty_term *t, const char *bytes, size_t n)
{
	flush_replies(t);
	return write_all(t, bytes, n);
}

int pty_type(struct pty_term *t, const char *utf8)
{
	return pty_send(t, utf8, strlen(utf8));
}

int pty_click(struct pty_term *t, int col, int row)
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "\x1b[<0;%d;%dM\x1b[<0;%d;%dm", col + 1, row + 1, col + 1, row + 1);
	return pty_send(t, buf, (size_t)n);
}

int pty_key(struct pty_term *t, const char *name)
{
	char buf[64];
	size_t n = pty_key_bytes(t, name, buf, sizeof buf);
	if (n == 0)
		return -1;
	return pty_send(t, buf, n);
}

void pty_pump(struct pty_term *t, int timeout_ms)
{
	flush_replies(t);
	int wait = timeout_ms;
	while (pty_read_once(t, wait) > 0) {
		flush_replies(t);
		wait = 0; /* after the first chunk, take what is there without waiting again */
	}
}

bool pty_wait_quiet(struct pty_term *t, int quiet_ms, int timeout_ms)
{
	long long end = pty_now_ms() + timeout_ms;
	long long last = pty_now_ms();
	for (;;) {
		long long now = pty_now_ms();
		if (now - last >= quiet_ms)
			return true;
		if (now >= end)
			return false;
		long long until_quiet = last + quiet_ms - now;
		long long until_end = end - now;
		int wait = (int)(until_quiet < until_end ? until_quiet : until_end);
		if (pty_read_once(t, wait > 0 ? wait : 0) > 0) {
			flush_replies(t);
			last = pty_now_ms();
		} else if (t->eof) {
			return true; /* nothing more can arrive */
		}
	}
}

/* Polls until has(text) == want and the output then stays quiet for the quiet period. A
 * program that never goes quiet (a spinner ticking elsewhere) passes at the deadline if the
 * condition holds then. */
static bool wait_screen(struct pty_term *t, const char *text, bool want, int timeout_ms)
{
	long long end = pty_now_ms() + timeout_ms;
	for (;;) {
		if (pty_screen_has(t, text) == want) {
			long long left = end - pty_now_ms();
			bool quiet = pty_wait_quiet(t, t->quiet_ms, left > 0 ? (int)left : 0);
			if (pty_screen_has(t, text) == want && (quiet || pty_now_ms() >= end))
				return true;
			if (pty_now_ms() >= end)
				return false;
			continue;
		}
		long long left = end - pty_now_ms();
		if (left <= 0 || t->eof)
			return pty_screen_has(t, text) == want;
		pty_read_once(t, left < 50 ? (int)left : 50);
		flush_replies(t);
	}
}

bool pty_wait_text(struct pty_term *t, const char *text, int timeout_ms)
{
	return wait_screen(t, text, true, timeout_ms);
}

bool pty_wait_gone(struct pty_term *t, const char *text, int timeout_ms)
{
	return wait_screen(t, text, false, timeout_ms);
}

void pty_set_quiet_ms(struct pty_term *t, int quiet_ms)
{
	t->quiet_ms = quiet_ms > 0 ? quiet_ms : PTY_DEFAULT_QUIET_MS;
}

size_t pty_bytes_out(const struct pty_term *t)
{
	return t->bytes_out;
}

bool pty_altscreen(const struct pty_term *t)
{
	return t->altscreen;
}

bool pty_cursor_visible(const struct pty_term *t)
{
	return t->cursor_visible;
}

int pty_mouse_mode(const struct pty_term *t)
{
	return t->mouse;
}
