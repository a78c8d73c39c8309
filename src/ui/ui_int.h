/* ui_int.h — what the files of src/ui share: the application state, the views (each screen a
 * small ops struct, after tig's view_ops), the key table's actions, the widgets and the terminal.
 * Private to src/ui. Data code (filter.c, draft glue) never touches curses. */
#ifndef YCFN_UI_INT_H
#define YCFN_UI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include <curses.h>

#include "api/api.h"
#include "model/model.h"
#include "ui/ui.h"

#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16
#define UI_SPIN_MS 100
#define UI_DRAFT_IDLE_MS 400
#define UI_TEXT_MAX 2048   /* code points in one text field */
#define UI_FILTER_MAX 128  /* bytes of a list filter */
#define UI_REQ_DONE ((api_req)-1)

/* ---------- terminal (term.c: the one file that owns it) ---------- */

enum ui_color { UI_C_NORMAL = 0, UI_C_TITLE, UI_C_SEL, UI_C_FOCUS, UI_C_ERROR, UI_C_OK, UI_C_DIM,
		UI_C_STATUS, UI_C_LABEL, UI_C_DEMO, UI_C__COUNT };

int term_init(void);         /* 0 = ok; -1: no usable terminal (message printed) */
void term_end(void);         /* idempotent, safe from atexit */
int term_signal_fd(void);    /* the self-pipe's read end */
int term_read_signal(void);  /* next pending signal number from the pipe, 0 = none */
void term_resize(void);      /* after SIGWINCH: asks the kernel the size, resizes curses */
void term_suspend(void);     /* SIGTSTP: restore the terminal, stop, and come back on SIGCONT */
void term_resume(void);      /* SIGCONT: program modes back, full repaint */
attr_t term_attr(enum ui_color c);
bool term_has_mouse(void);

/* ---------- keys (keys.c: one table → dispatch, hints, help) ---------- */

enum ui_action {
	UI_A_NONE = 0, UI_A_CHAR, UI_A_NEXT, UI_A_PREV, UI_A_UP, UI_A_DOWN, UI_A_LEFT, UI_A_RIGHT,
	UI_A_HOME, UI_A_END, UI_A_PGUP, UI_A_PGDN, UI_A_ENTER, UI_A_TOGGLE, UI_A_BACKSPACE, UI_A_DELETE,
	UI_A_ESC, UI_A_SAVE, UI_A_HELP, UI_A_RELOAD, UI_A_QUIT, UI_A_TAB_PREV, UI_A_TAB_NEXT,
	UI_A_INVOKE_ASYNC, UI_A_INVOKE_SYNC, UI_A_YES, UI_A_NO, UI_A_DISCARD, UI_A_SUSPEND, UI_A__COUNT
};

/* Scopes: which views a key row applies to. */
enum {
	UI_SC_ALL = 1u << 0, UI_SC_LIST = 1u << 1, UI_SC_TABS = 1u << 2, UI_SC_EDITOR = 1u << 3,
	UI_SC_TESTING = 1u << 4, UI_SC_POPUP = 1u << 5, UI_SC_REVIEW = 1u << 6, UI_SC_CONFIRM = 1u << 7,
	UI_SC_HELP = 1u << 8, UI_SC_PROGRESS = 1u << 9
};

struct ui_key_row {
	int key;             /* a curses key code or a character */
	enum ui_action act;
	unsigned scopes;
	unsigned flags;      /* UI_KF_* */
	const char *name;    /* as shown: "F2", "Ctrl-S", "Enter" */
	const char *hint_ru, *hint_en; /* the short hint in the bottom line; NULL = not hinted */
	const char *help_ru, *help_en; /* the line in F1 help */
};
enum { UI_KF_NOT_TYPING = 1u << 0 /* only when no text input has focus (q, r, ?) */ };

extern const struct ui_key_row ui_keys[];
extern const size_t ui_keys_n;
enum ui_action keys_lookup(int key, bool is_fn_key, unsigned scopes, bool typing);
/* Row i is a general (UI_SC_ALL) row that a row of one of scopes overrides for the same key:
 * neither its hint nor its help shows there. */
bool keys_shadowed(size_t i, unsigned scopes);
/* The hint line for scopes: "F2 Сохранить  Esc Назад ..." into buf. */
void keys_hints(unsigned scopes, bool typing, unsigned off, enum yc_lang lang, char *buf, size_t n);

/* ---------- text helpers (draw.c) ---------- */

int ui_text_width(const char *s);                 /* display columns */
/* Makes *wc safe to draw ('?' for control and invisible format characters); returns its columns. */
int ui_safe_wc(wchar_t *wc);
/* Draws utf8 at y,x clipped to w columns (padded with spaces when pad); returns columns used. */
int ui_put(int y, int x, int w, const char *s, attr_t a, bool pad);
/* ui_put that ends a text too wide for w columns with "…", so a cut reads as one. */
int ui_put_cut(int y, int x, int w, const char *s, attr_t a);
void ui_fill(int y, int x, int w, attr_t a);
const char *ui_tr(const struct ui_options *o, const char *ru, const char *en);
void ui_box(int y, int x, int h, int w, attr_t a, const char *title);
/* Wraps s into w columns from row y (a new row at each newline) up to bottom; returns the next row. */
int ui_wrap(int y, int x, int w, int bottom, const char *s, attr_t a);
int ui_wrap_rows(int w, const char *s); /* rows ui_wrap would take */
/* ui_wrap with the rows after the first indented by hang columns (a wrapped command flag). */
int ui_wrap_hang(int y, int x, int w, int bottom, const char *s, attr_t a, int hang);
int ui_wrap_hang_rows(int w, const char *s, int hang);

/* ---------- widgets (widgets/) ---------- */

struct ui_text {
	wchar_t buf[UI_TEXT_MAX + 1];
	size_t len, cur, off; /* off: first code point shown (horizontal scroll) */
	bool digits_only;
};
void ui_text_set(struct ui_text *t, const char *s);
char *ui_text_get(const struct ui_text *t); /* malloc'd UTF-8 */
/* Applies an editing action; true when the text changed. */
bool ui_text_key(struct ui_text *t, enum ui_action a, wint_t ch);
void ui_text_click(struct ui_text *t, int col);
/* Draws into w columns; *cursor_x gets the cursor's screen column. */
void ui_text_draw(struct ui_text *t, int y, int x, int w, attr_t a, int *cursor_x);

/* A list of borrowed strings with a filter. vis is owned (n entries). */
struct ui_list {
	const char *const *items; /* borrowed, n strings: what the filter looks at */
	size_t n;
	uint32_t *vis;            /* owned */
	size_t nvis, sel, top;
	char filter[UI_FILTER_MAX];
	int rows;                 /* visible rows at last draw */
};
void ui_list_set(struct ui_list *l, const char *const *items, size_t n); /* keeps the filter */
void ui_list_free(struct ui_list *l);
/* Filter editing and movement; true when handled. */
bool ui_list_key(struct ui_list *l, enum ui_action a, wint_t ch);
void ui_list_wheel(struct ui_list *l, int dir);
/* The selected item's index in items, or -1. */
long ui_list_current(const struct ui_list *l);
typedef void (*ui_row_fn)(void *ud, size_t idx, int y, int x, int w, bool selected);
/* Draws only the visible rows; row==NULL draws items[idx]. */
void ui_list_draw(struct ui_list *l, int y, int x, int h, int w, ui_row_fn row, void *ud);
/* A click at screen row y (list drawn at top y0): selects; true when a row was hit. */
bool ui_list_click(struct ui_list *l, int y0, int y);

/* ---------- the application ---------- */

struct app;

struct ui_view {
	const char *name;
	unsigned scopes;
	void (*draw)(struct app *a);
	void (*key)(struct app *a, enum ui_action act, wint_t ch);
	void (*click)(struct app *a, int y, int x);
	void (*wheel)(struct app *a, int dir);
	bool (*typing)(struct app *a); /* a text input has focus: letters are text */
	/* Keys whose hint would promise nothing here now: bit (1u << action); NULL = none. */
	unsigned (*hints_off)(struct app *a);
};

enum ui_screen { UI_S_FOLDERS, UI_S_FUNCTIONS, UI_S_FUNCTION };
enum ui_tab { UI_TAB_OVERVIEW, UI_TAB_EDITOR, UI_TAB_VERSIONS, UI_TAB_TESTING, UI_TAB__COUNT };

/* A popup picker's choice goes back through this. */
typedef void (*ui_pick_fn)(struct app *a, long choice, const char *typed);
/* A yes/no question's answer. */
typedef void (*ui_answer_fn)(struct app *a, enum ui_action answer);

struct ui_editor_row {
	enum yc_field field;
	int env_line;     /* for the environment: the line, -1 otherwise */
	int y;            /* form row (before scrolling) */
	int h;            /* rows taken (1, +1 with an error message) */
};

struct app {
	const struct ui_options *opt;
	enum yc_lang lang;
	struct api *api;
	bool quit;
	int exit_code;
	bool need_draw;
	bool full_draw;          /* after a resize: repaint everything once */
	int cursor_y, cursor_x;  /* the hardware cursor, -1 = hidden */

	const struct ui_view *view;  /* the screen's view (a tab on the function screen) */
	const struct ui_view *popup; /* a modal on top, or NULL */
	enum ui_screen screen;
	enum ui_tab tab;

	/* status */
	char message[600];
	bool message_error;
	bool form_status;        /* the status line tells the form's problems as they are now (after a
				  * refused Save) until another message replaces them */
	char activity[200];      /* what is happening (shown with the spinner while requests run) */
	unsigned spin;
	api_req fg_req;          /* the request Esc cancels */

	/* folders */
	char *folder_id;
	char *folder_name;
	struct yc_cloud_list clouds;
	struct yc_folder_list folders;
	bool picking_folders;    /* false: clouds shown, true: folders of a cloud */
	const char **folder_items;
	struct ui_list folder_list;
	api_req req_clouds, req_folders, req_folder_name;

	/* the function list */
	struct yc_function_list functions;
	struct yc_version *fn_latest;    /* n = functions.n; id NULL until it arrived */
	api_req *fn_latest_req;          /* 0 = not asked, UI_REQ_DONE = answered */
	const char **fn_items;
	struct ui_list fn_list;
	api_req req_functions;
	bool functions_loaded;

	/* folder-wide data, fetched once */
	struct yc_string_list runtimes;
	struct yc_service_account_list sas;
	const char **sa_items;            /* "name (id)" for the picker, "Не выбрано" first */
	char **sa_items_own;
	size_t sa_items_n;
	struct yc_queue_list queues;
	bool queues_loaded, queues_failed;
	char queues_why[300];
	api_req req_runtimes, req_sas, req_queues;

	/* the open function */
	struct yc_function fn;
	bool have_fn;
	struct yc_version_list versions;
	long base;                       /* index of $latest in versions, -1 until known */
	bool versions_loaded;
	const char **ver_items;
	size_t ver_items_n;
	struct ui_list ver_list;
	api_req req_fn, req_versions;
	long shown_version;              /* read-only view of versions.items[i] */

	/* the form */
	struct yc_draft draft;
	bool have_draft;
	struct ui_editor_row rows[YC_F__COUNT + 64];
	size_t n_rows, focus;
	int form_top;                    /* first form row on screen */
	struct ui_text edit;             /* the focused text field's text */
	bool edit_loaded;                /* edit holds rows[focus]'s text */
	bool show_all_errors;
	char *draft_path;
	long long draft_due_ms;          /* debounced save, 0 = nothing pending */
	bool restore_offered;
	struct yc_draft restore;         /* the draft found on disk, while the question is open */
	bool have_restore;
	void (*leave_then)(struct app *a);
	enum yc_field focus_field;       /* the focus, by field (YC_F__COUNT = the Save button) */
	int focus_line;                  /* and environment line */
	int heading_y;                   /* form row of the "Асинхронный вызов" heading, -1 none */
	enum yc_field pick_field;        /* the field a picker fills */

	/* deploy */
	char idem_key[40];
	api_req req_create, req_wait;
	char op_id[80];
	char deployed_version[80];
	bool deploying;
	struct yc_error deploy_err;
	bool deploy_failed;
	struct yc_diff diff;
	char *yc_cmd;

	/* testing */
	struct ui_text body;
	int test_focus;                  /* 0 body, 1 async button, 2 sync button */
	api_req req_invoke, req_receive;
	char invoke_line[600];
	char invoke_body[600];
	char received[800];
	char recv_queue_url[400];
	int recv_polls;
	long long recv_due_ms;

	/* popups */
	struct ui_list pick_list;
	const char **pick_items;
	char **pick_own;
	size_t pick_n;
	char pick_title[160];
	ui_pick_fn pick_done;
	bool pick_typed_ok;            /* Enter on no match takes the filter text as typed */
	char confirm_text[400];
	ui_answer_fn confirm_done;
	const struct ui_view *help_over; /* the view the help describes */
	int help_top;
};

extern const struct ui_view ui_view_folders, ui_view_functions, ui_view_overview, ui_view_editor,
	ui_view_versions, ui_view_testing, ui_view_picker, ui_view_review, ui_view_progress,
	ui_view_confirm, ui_view_help, ui_view_version;

long long ui_now_ms(void);
const char *app_tr(const struct app *a, const char *ru, const char *en);
void app_message(struct app *a, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void app_error(struct app *a, const struct yc_error *err);
void app_activity(struct app *a, const char *ru, const char *en);
void app_redraw(struct app *a);
/* Content area between the header rows and the two bottom lines. */
int app_content_top(const struct app *a);
int app_content_rows(const struct app *a);

/* data.c: loading, each callback guarded by its request id */
void data_load_start(struct app *a);
void data_load_clouds(struct app *a);
void data_load_folders(struct app *a, const char *cloud_id);
void data_load_functions(struct app *a);
void data_fetch_visible_latest(struct app *a); /* after the list is drawn */
void data_open_function(struct app *a, const struct yc_function *f); /* copies */
void data_open_function_id(struct app *a, const char *function_id);
void data_reload(struct app *a);
void data_free(struct app *a);
void data_free_ver_items(struct app *a);
void data_rebuild_versions(struct app *a);
const char *data_sa_name(const struct app *a, const char *id);
const char *data_queue_name(const struct app *a, const char *arn);
const struct yc_version *data_base(const struct app *a);
/* Beside an "Асинхронный вызов" label: "выкл" or "повторов 3, ✓ MQ orders-ok, ✗ не указано";
 * when it is wider than width columns, the short "вкл, повторов 3". */
void data_async_summary(const struct app *a, const struct yc_async_config *c, int width, char *buf, size_t n);
/* An RFC 3339 time as "2024-01-05 03:59:59 UTC" (seconds kept when secs); other text as is. */
const char *data_time_text(const char *rfc3339, bool secs, char *buf, size_t n);

/* function.c: the tabbed screen */
void function_show(struct app *a, enum ui_tab tab);
void function_draw_tabs(struct app *a);
bool function_tabs_click(struct app *a, int y, int x);
void function_tab_key(struct app *a, enum ui_action act);

/* editor.c */
void editor_build_rows(struct app *a);
void editor_on_version(struct app *a); /* the base version arrived: fill the draft (maybe restore) */
void editor_after_change(struct app *a);
void editor_focus_field(struct app *a, enum yc_field f);
bool editor_try_leave(struct app *a, void (*then)(struct app *a));

/* editor_msg.c: the words about the form's problems */
/* The line under field f: "! <problem>[ — <hint>]", without the field's name. */
void editor_problem_under(const struct app *a, enum yc_field f, const struct yc_error *err, char *buf, size_t n);
/* The status line while a->form_status: "Ошибок в форме: N — <title>: <problem>" (or the
 * titles) fitted to width columns; false (buf "") when the form has no problems now. */
bool editor_form_status(const struct app *a, int width, char *buf, size_t n);

/* editor_env.c: the environment as lines */
size_t editor_env_count(const char *v);
void editor_env_line(const char *v, size_t i, char *buf, size_t n);
char *editor_env_with(const char *v, size_t i, const char *text, bool drop_empty); /* malloc'd */
void editor_env_compact(struct app *a);
/* editor_pick.c */
void editor_open_picker(struct app *a, enum yc_field f);

/* draft.c: the draft on disk */
void draft_glue_path(struct app *a);
void draft_glue_schedule(struct app *a);
void draft_glue_flush(struct app *a);  /* writes now if anything is pending */
void draft_glue_remove(struct app *a);
bool draft_glue_load(struct app *a, struct yc_draft *out);

/* review.c */
void review_open(struct app *a);
void review_deploy(struct app *a);
/* deploy.c: frees the kept idempotency body at exit */
void deploy_free(void);

/* testing.c */
void testing_timer(struct app *a);

/* popups: picker.c, help.c */
void picker_open(struct app *a, const char *title, const char *const *items, size_t n, long sel,
		 bool typed_ok, ui_pick_fn done);
void picker_close(struct app *a);
void confirm_open(struct app *a, const char *text, ui_answer_fn done);
void help_open(struct app *a);
void popup_close(struct app *a);
void ui_draw_popup_frame(struct app *a, int h, int w, const char *title, int *y0, int *x0);

#endif
