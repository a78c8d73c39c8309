/* pty.h — drive a terminal program in a pseudo-terminal, as a person would, and read its screen
 * through libvterm. Used by the TUI scenarios, the whole-program reliability tests, the CLI's
 * "same body as the TUI" test and the benchmark. Never sleeps a fixed time: every wait polls the
 * screen until a condition holds or a deadline passes.
 *
 * Library target: ycfn_pty (tests/pty/CMakeLists.txt). Ownership: pty_spawn returns a struct the
 * caller frees with pty_close; strings returned are malloc'd and freed by the caller.
 */
#ifndef YCFN_TESTS_PTY_H
#define YCFN_TESTS_PTY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <termios.h>

struct pty_term;

/* Starts argv[0] (a path) with argv in a new pty of cols x rows. env: extra "NAME=value" strings
 * (NULL-terminated, may be NULL) added to a minimal environment (TERM=xterm-256color,
 * LANG=C.UTF-8 unless given, HOME/XDG dirs inherited unless given). */
struct pty_term *pty_spawn(const char *const argv[], const char *const env[], int cols, int rows);
/* Kills (SIGKILL) if still running, reaps, frees. */
void pty_close(struct pty_term *t);

/* Input. pty_send writes raw bytes; pty_key sends a named key: "Tab", "S-Tab", "Enter", "Esc",
 * "Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn", "Backspace", "Delete", "Space",
 * "F1".."F12", "C-s", "C-c", ... (xterm sequences). pty_type sends UTF-8 text. */
int pty_send(struct pty_term *t, const char *bytes, size_t n);
int pty_key(struct pty_term *t, const char *name);
int pty_type(struct pty_term *t, const char *utf8);
/* A mouse click (SGR 1006 encoding) at 0-based col,row. */
int pty_click(struct pty_term *t, int col, int row);

/* Reads whatever the program wrote (up to timeout_ms) into the vterm screen. */
void pty_pump(struct pty_term *t, int timeout_ms);
/* Waits until the screen contains text (UTF-8) and then stays unchanged for a short quiet
 * period; false on timeout. (A program that never goes quiet, a spinner ticking, passes at the
 * deadline if the text is there then.) */
bool pty_wait_text(struct pty_term *t, const char *text, int timeout_ms);
/* Waits until text is no longer on the screen. */
bool pty_wait_gone(struct pty_term *t, const char *text, int timeout_ms);
/* Waits until nothing new arrives for quiet_ms. */
bool pty_wait_quiet(struct pty_term *t, int quiet_ms, int timeout_ms);

/* The screen as UTF-8 text, rows joined by '\n', trailing blanks trimmed (malloc'd). */
char *pty_screen(struct pty_term *t);
/* One row (malloc'd). */
char *pty_row(struct pty_term *t, int row);
bool pty_screen_has(struct pty_term *t, const char *text);
/* The cursor position and whether it is visible. */
void pty_cursor(struct pty_term *t, int *col, int *row, bool *visible);

/* Resizes the pty (TIOCSWINSZ, the child gets SIGWINCH) and the vterm. */
int pty_resize(struct pty_term *t, int cols, int rows);

/* Bytes the program has written to the terminal so far. */
size_t pty_bytes_out(const struct pty_term *t);

/* The pty's termios as the program left them (read from the master side). */
int pty_termios(struct pty_term *t, struct termios *out);
pid_t pty_pid(const struct pty_term *t);
int pty_signal(struct pty_term *t, int sig);
/* Waits for the program to exit; true with *status (as waitpid) if it did in time. */
bool pty_wait_exit(struct pty_term *t, int timeout_ms, int *status);

/* Writes dir/name.txt (the text) and dir/name.svg (the screen with its colours and attributes).
 * dir NULL = $YCFN_SCREENSHOT_DIR or the source tree's screenshots/. */
int pty_screenshot(struct pty_term *t, const char *dir, const char *name);

/* ---- Added after the first contract (nothing above changed). ---- */

/* The pty's termios as they were before the program started (recorded on the master side). */
int pty_termios_initial(struct pty_term *t, struct termios *out);
/* Whether two termios agree on c_iflag, c_oflag, c_cflag, c_lflag and c_cc; when not, why
 * (e.g. "c_lflag 0105073 != 0100060 (differ in 05013)", octal) goes to why[0..n) if why is not
 * NULL. */
bool pty_termios_same(const struct termios *a, const struct termios *b, char *why, size_t n);
/* Copies the last (up to n) bytes the program wrote into buf; returns how many. The harness keeps
 * the last 8 KiB. */
size_t pty_tail(const struct pty_term *t, char *buf, size_t n);
/* Terminal modes as the program left them, from the escape sequences it wrote (through vterm):
 * the alternate screen is on, the cursor is visible, the mouse reporting it asked for
 * (0 = none, 1 = clicks, 2 = drag, 3 = any motion). */
bool pty_altscreen(const struct pty_term *t);
bool pty_cursor_visible(const struct pty_term *t);
int pty_mouse_mode(const struct pty_term *t);
/* Looks for needle (up to 63 bytes) in everything the program writes from now on, across reads
 * (e.g. "AddressSanitizer", "runtime error:"); at most 8 needles. pty_seen: was it written. */
int pty_watch(struct pty_term *t, const char *needle);
bool pty_seen(const struct pty_term *t, const char *needle);
/* The quiet period pty_wait_text uses after the text appears (default 40 ms). */
void pty_set_quiet_ms(struct pty_term *t, int quiet_ms);
/* True while the program has not exited (reaps it without waiting when it has). */
bool pty_running(struct pty_term *t);
/* The current size. */
void pty_size(const struct pty_term *t, int *cols, int *rows);
/* The raw bytes a named key sends in the program's current keypad mode (for tools that count
 * or log); returns the length written to buf (at most n), 0 for an unknown name. */
size_t pty_key_bytes(struct pty_term *t, const char *name, char *buf, size_t n);
/* Bytes typed at the program that it has not read yet (the slave's input queue; the kernel moves
 * written bytes there a moment after the write), -1 when it cannot be known (the program has
 * gone). pty_wait_input_taken: polls (reading the program's output meanwhile) until the program
 * has read every key sent; false on timeout. A quiet output alone does not say a busy program has
 * caught up: the kernel queues many keys for it. */
long pty_input_pending(struct pty_term *t);
bool pty_wait_input_taken(struct pty_term *t, int timeout_ms);
/* The terminal goes away as when an SSH session drops: the master side is closed, the kernel
 * sends SIGHUP to the program's session and its reads and writes fail. The struct stays valid
 * for pty_wait_exit, pty_running, pty_screen and pty_close; input and pty_termios fail. */
void pty_hangup(struct pty_term *t);

#endif
