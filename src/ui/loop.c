/* loop.c — the one loop: wait on the keyboard, the signal pipe and curl together (api_poll),
 * run the callbacks (api_step), read the keys, then draw what changed. With nothing running it
 * sleeps until input: the spinner ticks only while a request runs. */
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui_int.h"

long long ui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *app_tr(const struct app *a, const char *ru, const char *en)
{
	return a->lang == YC_LANG_EN ? en : ru;
}

void app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): va_start is right above */
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	va_end(ap);
	a->message_error = error;
	a->form_status = false;
	a->need_draw = true;
}

void app_error(struct app *a, const struct yc_error *err)
{
	yc_error_format(err, a->lang, a->message, sizeof a->message);
	a->message_error = true;
	a->form_status = false;
	a->need_draw = true;
}

void app_activity(struct app *a, const char *ru, const char *en)
{
	snprintf(a->activity, sizeof a->activity, "%s", app_tr(a, ru, en));
	a->need_draw = true;
}

void app_redraw(struct app *a)
{
	a->need_draw = true;
}

int app_content_top(const struct app *a)
{
	return a->screen == UI_S_FUNCTION ? 3 : 2;
}

int app_content_rows(const struct app *a)
{
	return LINES - app_content_top(a) - 2;
}

static const char spin_frames[] = "|/-\\";

static void draw_title(struct app *a)
{
	char t[400];
	const char *folder = a->folder_name ? a->folder_name : (a->folder_id ? a->folder_id : "");
	snprintf(t, sizeof t, " ycfn · Cloud Functions%s%s%s%s", folder[0] ? " · " : "", folder,
		 a->screen == UI_S_FUNCTION && a->have_fn ? " · " : "",
		 a->screen == UI_S_FUNCTION && a->have_fn ? a->fn.name : "");
	ui_put(0, 0, COLS, t, term_attr(UI_C_TITLE), true);
}

static void draw_status(struct app *a)
{
	int y = LINES - 2, x = 0;
	ui_fill(y, 0, COLS, term_attr(UI_C_STATUS));
	if (a->opt->demo)
		x += ui_put(y, x, COLS, " DEMO ", term_attr(UI_C_DEMO), false) + 1;
	char where[200];
	const char *profile = a->opt->cfg && a->opt->cfg->profile ? a->opt->cfg->profile : NULL;
	const char *folder = a->folder_name ? a->folder_name : (a->folder_id ? a->folder_id : "—");
	if (profile)
		snprintf(where, sizeof where, "%s/%s", profile, folder);
	else
		snprintf(where, sizeof where, "%s %s", app_tr(a, "каталог", "folder"), folder);
	x += ui_put(y, x, COLS - x, where, term_attr(UI_C_STATUS), false) + 2;
	char what[800];
	if (api_running(a->api) > 0)
		snprintf(what, sizeof what, "%c %s", spin_frames[a->spin % 4],
			 a->activity[0] ? a->activity : app_tr(a, "Загрузка…", "Loading…"));
	else if (!editor_form_status(a, COLS - x, what, sizeof what))
		snprintf(what, sizeof what, "%s", a->form_status ? "" : a->message);
	attr_t at = term_attr(UI_C_STATUS);
	if (!api_running(a->api) && a->message_error && what[0])
		at = term_attr(UI_C_ERROR) | A_REVERSE;
	ui_put_cut(y, x, COLS - x, what, at);
	char hints[400];
	const struct ui_view *v = a->popup ? a->popup : a->view;
	keys_hints(v->scopes, v->typing && v->typing(a), v->hints_off ? v->hints_off(a) : 0, a->lang, hints,
		   sizeof hints);
	ui_put(LINES - 1, 0, COLS, hints, term_attr(UI_C_DIM), true);
}

static void draw_all(struct app *a)
{
	a->cursor_y = a->cursor_x = -1;
	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		char m[160];
		snprintf(m, sizeof m, "%s %dx%d (min %dx%d)", app_tr(a, "Терминал слишком мал:", "Terminal too small:"),
			 COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
		ui_put(LINES / 2, 0, COLS, m, A_BOLD, false);
	} else {
		draw_title(a);
		a->view->draw(a);
		if (a->popup) {
			/* The cursor of a field under the popup would blink through it; a popup that
			 * takes typing (the picker's filter) places its own. */
			a->cursor_y = a->cursor_x = -1;
			a->popup->draw(a);
		}
		draw_status(a);
	}
	if (a->cursor_y >= 0) {
		move(a->cursor_y, a->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	a->need_draw = false;
}

static void quit_answer(struct app *a, enum ui_action ans)
{
	if (ans == UI_A_YES) {
		a->quit = true;
	} else if (ans == UI_A_DISCARD) {
		draft_glue_remove(a);
		a->quit = true;
	}
}

static void app_quit(struct app *a)
{
	if (a->have_draft && model_draft_dirty(&a->draft)) {
		draft_glue_flush(a);
		confirm_open(a, app_tr(a, "Есть несохранённые изменения. Выйти? y — да (черновик сохранён), n — нет, d — отбросить и выйти",
				       "There are unsaved changes. Quit? y — yes (the draft is kept), n — no, d — discard and quit"),
			     quit_answer);
		return;
	}
	a->quit = true;
}

static void dispatch(struct app *a, enum ui_action act, wint_t ch)
{
	const struct ui_view *v = a->popup ? a->popup : a->view;
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		if (act == UI_A_QUIT)
			app_quit(a);
		return;
	}
	if (act == UI_A_SUSPEND) {
		draft_glue_flush(a);
		term_suspend();
		return;
	}
	if (act == UI_A_HELP && v != &ui_view_help) {
		help_open(a);
		return;
	}
	if (act == UI_A_ESC && a->fg_req && (!a->popup || a->popup == &ui_view_progress)) {
		api_cancel(a->api, a->fg_req);
		return;
	}
	if (act == UI_A_QUIT && v != &ui_view_confirm && v != &ui_view_help) {
		app_quit(a);
		return;
	}
	if ((act == UI_A_TAB_PREV || act == UI_A_TAB_NEXT) && !a->popup && a->screen == UI_S_FUNCTION) {
		function_tab_key(a, act);
		return;
	}
	v->key(a, act, ch);
}

static void on_mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	const struct ui_view *v = a->popup ? a->popup : a->view;
	if (ev.bstate & (BUTTON4_PRESSED)) {
		if (v->wheel)
			v->wheel(a, -1);
	} else if (ev.bstate & (BUTTON5_PRESSED)) {
		if (v->wheel)
			v->wheel(a, 1);
	} else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
		if (!a->popup && a->screen == UI_S_FUNCTION && function_tabs_click(a, ev.y, ev.x))
			return;
		if (v->click)
			v->click(a, ev.y, ev.x);
	}
	a->need_draw = true;
}

static void read_keys(struct app *a)
{
	wint_t wc;
	int r;
	while ((r = get_wch(&wc)) != ERR) {
		a->need_draw = true;
		if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
			on_mouse(a);
			continue;
		}
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			continue;
		}
		const struct ui_view *v = a->popup ? a->popup : a->view;
		bool typing = v->typing && v->typing(a);
		enum ui_action act = keys_lookup((int)wc, r == KEY_CODE_YES, v->scopes, typing);
		if (act != UI_A_NONE)
			dispatch(a, act, wc);
		if (a->quit)
			return;
	}
}

static void on_signals(struct app *a)
{
	int sig;
	while ((sig = term_read_signal()) != 0) {
		if (sig == SIGWINCH) {
			term_resize();
			a->need_draw = true;
			continue;
		}
		if (sig == SIGTSTP || sig == SIGCONT) {
			draft_glue_flush(a);
			if (sig == SIGTSTP)
				term_suspend();
			else
				term_resume();
			a->need_draw = true;
			continue;
		}
		/* INT, TERM, HUP, QUIT: keep what was typed, then leave through the normal path. */
		draft_glue_flush(a);
		a->quit = true;
		a->exit_code = 128 + sig;
	}
}

static int loop_timeout(struct app *a)
{
	long long now = ui_now_ms(), t = -1;
	if (api_running(a->api) > 0)
		t = UI_SPIN_MS;
	long long dues[] = {a->draft_due_ms, a->recv_due_ms};
	for (size_t i = 0; i < 2; i++) {
		if (!dues[i])
			continue;
		long long d = dues[i] > now ? dues[i] - now : 0;
		if (t < 0 || d < t)
			t = d;
	}
	return (int)t;
}

void loop_run(struct app *a);
void loop_run(struct app *a)
{
	long long last_spin = 0;
	while (!a->quit) {
		if (a->need_draw)
			draw_all(a);
		struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN}, {.fd = term_signal_fd(), .events = POLLIN}};
		api_poll(a->api, fds, term_signal_fd() >= 0 ? 2 : 1, loop_timeout(a));
		bool was_running = api_running(a->api) > 0;
		api_step(a->api);
		on_signals(a);
		if (a->quit)
			break;
		read_keys(a);
		long long now = ui_now_ms();
		if (a->draft_due_ms && now >= a->draft_due_ms)
			draft_glue_flush(a);
		if (a->recv_due_ms && now >= a->recv_due_ms)
			testing_timer(a);
		if (was_running && now - last_spin >= UI_SPIN_MS) {
			a->spin++;
			last_spin = now;
			a->need_draw = true;
		}
		if (was_running && api_running(a->api) == 0) {
			a->activity[0] = 0;
			a->need_draw = true;
		}
	}
}
