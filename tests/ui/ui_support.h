/* ui_support.h — what the TUI scenarios share: a ycfn --demo in a pty with its own HOME, the
 * emulator's URL (ycfn writes it to $YCFN_DEMO_URL_FILE), HTTP to the emulator's control
 * routes, and screen helpers that fail with the screen printed. */
#ifndef YCFN_TESTS_UI_SUPPORT_H
#define YCFN_TESTS_UI_SUPPORT_H

#include <stdbool.h>

#include "pty.h"

extern const char *ui_ycfn_path;

struct sc {
	char dir[256];       /* temp HOME; XDG_STATE_HOME=dir/state */
	char url[256];       /* the emulator's base URL */
	struct pty_term *t;
};

/* Starts ycfn --demo [args] with env extras (NULL-terminated, may be NULL). keep_dir: reuse
 * s->dir (a second run after a crash). Waits for the emulator URL file. */
void sc_start(struct sc *s, const char *const *args, const char *const *env, int cols, int rows, bool keep_dir);
void sc_stop(struct sc *s);      /* kills ycfn, keeps the dir */
void sc_cleanup(struct sc *s);   /* removes the dir */
/* cmocka teardown: cleans up the scenario a failed assertion left behind. */
int sc_teardown(void **state);

/* Waits for text, failing the test with the screen dumped. */
void sc_wait(struct sc *s, const char *text);
void sc_wait_gone(struct sc *s, const char *text);
/* The row holding the nth (0-based) occurrence of text, -1 if none; *col gets its column. */
int sc_find(struct sc *s, const char *text, int nth, int *col);
/* Clicks on the nth label's value (column 36 of its row). */
void sc_click_value(struct sc *s, const char *label, int nth);
char *sc_row_text(struct sc *s, int row);  /* malloc'd */
void sc_keys(struct sc *s, const char *key, int times);
void sc_shot(struct sc *s, const char *name);

/* HTTP to the emulator: method, path, JSON body (may be NULL). Returns the body (malloc'd). */
char *sc_http(struct sc *s, const char *method, const char *path, const char *body);

/* Opens a function from the list by typing its name and Enter; waits for the editor. */
void sc_open_function(struct sc *s, const char *name);
/* Replaces a text field's content: click, End, Backspace n times, type. */
void sc_retype(struct sc *s, const char *label, int nth, const char *text);

/* Opens the picker of the nth field labelled label, types filter, takes the first match. */
void sc_pick(struct sc *s, const char *label, int nth, const char *filter);

#endif
