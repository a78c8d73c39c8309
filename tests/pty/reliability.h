/* reliability.h — what the whole-program terminal tests share: a private HOME for ycfn, starting it
 * in a pty and knowing when its first screen is drawn, the sanitizers' reports looked for in its
 * output, and a look at how it left the terminal. */
#ifndef YCFN_TESTS_PTY_RELIABILITY_H
#define YCFN_TESTS_PTY_RELIABILITY_H

#include <stdbool.h>
#include <stddef.h>

#include "pty.h"

/* A temp directory used as HOME (and XDG config/state/cache) so that no test reads or writes the
 * user's ~/.config, plus the environment ycfn runs with (NULL-terminated, owned by the struct). */
struct rel_home {
	char dir[64];
	char env_buf[16][256];
	const char *env[17];
};

/* Fills *h (a fresh directory); extra (NULL-terminated, may be NULL): more "NAME=value" (up to 10).
 * false on failure. */
bool rel_home_init(struct rel_home *h, const char *const extra[]);
/* Removes the directory and all in it. */
void rel_home_cleanup(struct rel_home *h);

/* Starts ycfn with args (NULL-terminated, not counting argv[0]) in a cols x rows pty and watches
 * its output for sanitizer reports. NULL if it could not start. */
struct pty_term *rel_start(const char *ycfn, const char *const args[], const struct rel_home *h, int cols,
			   int rows);
/* Waits until ycfn has drawn its first screen: the alternate screen is on, something is on it and
 * the output has been quiet for 200 ms. */
bool rel_wait_drawn(struct pty_term *t, int timeout_ms);
/* A sanitizer report in the output so far ("AddressSanitizer", "LeakSanitizer", "runtime error:"...):
 * its name, or NULL. */
const char *rel_sanitizer_report(const struct pty_term *t);
/* Prints the screen and the last bytes written (escaped) to stderr, for a failure's message. */
void rel_dump(struct pty_term *t, const char *why);
/* Checks that the terminal is as it was before ycfn: the termios equal the initial ones, the
 * alternate screen is off, the cursor visible, mouse reporting off. false with *why filled. */
bool rel_terminal_restored(struct pty_term *t, char *why, size_t n);
/* Monotonic milliseconds. */
long long rel_now_ms(void);

#endif
