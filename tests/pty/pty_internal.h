/* pty_internal.h — the state behind struct pty_term, shared by the harness's own files only. */
#ifndef YCFN_TESTS_PTY_INTERNAL_H
#define YCFN_TESTS_PTY_INTERNAL_H

#include <vterm.h>

#include "pty.h"

enum {
	PTY_TAIL_CAP = 8192,   /* the last bytes the program wrote, for "what did it end with" checks */
	PTY_WATCH_MAX = 8,     /* strings looked for in the whole output stream */
	PTY_WATCH_LEN = 64,
	PTY_DEFAULT_QUIET_MS = 40,
};

struct pty_term {
	int master;            /* non-blocking master side; -1 once closed */
	pid_t pid;
	bool exited;           /* reaped: status is valid */
	int status;
	bool eof;              /* the slave side is gone (read gave EIO) */
	int cols, rows;
	VTerm *vt;
	VTermScreen *screen;
	struct termios initial; /* the pty's termios before the program started */
	size_t bytes_out;
	unsigned long generation; /* bumps on every chunk of output: "has anything changed" */
	bool cursor_visible;
	bool altscreen;
	int mouse;             /* VTERM_PROP_MOUSE_* the program asked for */
	int quiet_ms;
	char tail[PTY_TAIL_CAP]; /* ring buffer */
	size_t tail_pos;
	char watch[PTY_WATCH_MAX][PTY_WATCH_LEN];
	bool watch_seen[PTY_WATCH_MAX];
	int nwatch;
	/* vterm's own output: terminal replies (DA, DSR) go to reply and are written back to the
	 * program; while encoding a key, to key instead. Both capped: replies are short. */
	char reply[512];
	size_t nreply;
	bool capture_key;
	char key[64];
	size_t nkey;
	char slave_name[64];   /* for pty_input_pending */
	char held[64];         /* the start of an escape sequence cut by the end of a read */
	size_t nheld;
};

/* pty_io.c: feeds bytes read from the program into vterm and the counters. */
void pty_feed(struct pty_term *t, const char *buf, size_t n);
/* Reads once (waiting up to timeout_ms); returns bytes read, 0 on timeout or EOF. */
size_t pty_read_once(struct pty_term *t, int timeout_ms);
/* pty_spawn.c: reaps the child without waiting; true once it has exited. */
bool pty_reap(struct pty_term *t);
/* pty_screen.c: one code point as UTF-8; returns its length. */
size_t pty_utf8_encode(uint32_t cp, char out[4]);
/* Monotonic milliseconds. */
long long pty_now_ms(void);

#endif
