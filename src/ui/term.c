/* term.c — the one file that owns the terminal: start (locale, ncursesw, a fallback terminfo),
 * colours with 8-colour/monochrome fallbacks and NO_COLOR, mouse, and putting everything back on
 * every way out: atexit, the signals that end us (through a self-pipe into the main loop) and
 * crashes (termios restored with async-signal-safe calls, then the signal re-raised). */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ui/ui_int.h"

static SCREEN *term_screen;
static bool term_active;
static bool term_saved_ok;
static struct termios term_saved;
static int term_pipe[2] = {-1, -1};
static attr_t ui_attr_tab[UI_C__COUNT];
static bool term_mouse;

/* Async-signal-safe: write the signal number into the pipe; the loop does the work. */
static void term_on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	if (term_pipe[1] >= 0)
		(void)!write(term_pipe[1], &b, 1);
	errno = saved;
}

/* A crash: the tty back to how we found it (tcsetattr and write are async-signal-safe), mouse
 * reporting and the alternate screen off, then die of the same signal. */
static void term_on_crash(int sig)
{
	static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[?1049l\033[?25h\033[0m\r\n";
	if (term_saved_ok)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &term_saved);
	(void)!write(STDOUT_FILENO, reset, sizeof reset - 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void term_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = term_on_signal;
	sa.sa_flags = SA_RESTART;
	int soft[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT};
	for (size_t i = 0; i < sizeof soft / sizeof soft[0]; i++)
		sigaction(soft[i], &sa, NULL);
	sa.sa_handler = term_on_crash;
	sa.sa_flags = SA_RESETHAND;
	int hard[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
	for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++)
		sigaction(hard[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* newterm with $TERM, and when its terminfo is missing, with something nearly every system has. */
static SCREEN *term_open(void)
{
	const char *names[] = {getenv("TERM"), "xterm-256color", "xterm", "vt100"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!names[i] || !names[i][0])
			continue;
		SCREEN *s = newterm(names[i], stdout, stdin);
		if (s) {
			if (i > 0)
				setenv("TERM", names[i], 1);
			return s;
		}
	}
	return NULL;
}

static void term_colors(void)
{
	/* Monochrome: attributes only — readable on a vt100 and with NO_COLOR. */
	ui_attr_tab[UI_C_NORMAL] = A_NORMAL;
	ui_attr_tab[UI_C_TITLE] = A_BOLD | A_REVERSE;
	ui_attr_tab[UI_C_SEL] = A_REVERSE;
	ui_attr_tab[UI_C_FOCUS] = A_UNDERLINE | A_BOLD;
	ui_attr_tab[UI_C_ERROR] = A_BOLD;
	ui_attr_tab[UI_C_OK] = A_BOLD;
	ui_attr_tab[UI_C_DIM] = A_DIM;
	ui_attr_tab[UI_C_STATUS] = A_REVERSE;
	ui_attr_tab[UI_C_LABEL] = A_NORMAL;
	ui_attr_tab[UI_C_DEMO] = A_BOLD | A_REVERSE;
	const char *nc = getenv("NO_COLOR");
	if ((nc && nc[0]) || !has_colors() || start_color() == ERR || COLORS < 8)
		return;
	use_default_colors();
	struct { enum ui_color c; short fg, bg; attr_t extra; } pairs[] = {
		{UI_C_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD},
		{UI_C_SEL, COLOR_BLACK, COLOR_CYAN, 0},
		{UI_C_FOCUS, COLOR_BLACK, COLOR_YELLOW, 0},
		{UI_C_ERROR, COLOR_RED, -1, A_BOLD},
		{UI_C_OK, COLOR_GREEN, -1, A_BOLD},
		{UI_C_DIM, COLOR_BLUE, -1, 0},
		{UI_C_STATUS, COLOR_BLACK, COLOR_WHITE, 0},
		{UI_C_LABEL, COLOR_CYAN, -1, 0},
		{UI_C_DEMO, COLOR_WHITE, COLOR_MAGENTA, A_BOLD},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		short pair = (short)(i + 1);
		if (init_pair(pair, pairs[i].fg, pairs[i].bg) == ERR)
			continue;
		ui_attr_tab[pairs[i].c] = COLOR_PAIR(pair) | pairs[i].extra;
	}
}

/* A fallback or bare terminfo (vt100) may not know the keys an xterm-like emulator sends:
 * teach curses the common sequences it does not know yet. */
static void term_define_keys(void)
{
	static const struct { const char *seq; int key; } keys[] = {
		{"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033OR", KEY_F(3)}, {"\033OS", KEY_F(4)},
		{"\033[15~", KEY_F(5)}, {"\033[17~", KEY_F(6)}, {"\033[18~", KEY_F(7)}, {"\033[19~", KEY_F(8)},
		{"\033[20~", KEY_F(9)}, {"\033[21~", KEY_F(10)}, {"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)},
		{"\033[H", KEY_HOME}, {"\033[F", KEY_END}, {"\033OH", KEY_HOME}, {"\033OF", KEY_END},
		{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE},
		{"\033[6~", KEY_NPAGE}, {"\033[Z", KEY_BTAB}, {"\033[A", KEY_UP}, {"\033[B", KEY_DOWN},
		{"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT}, {"\033OA", KEY_UP}, {"\033OB", KEY_DOWN},
		{"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

int term_init(void)
{
	setlocale(LC_ALL, "");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "ycfn: the terminal UI needs a terminal (use a command, see ycfn --help)\n");
		return -1;
	}
	if (tcgetattr(STDIN_FILENO, &term_saved) == 0)
		term_saved_ok = true;
	if (pipe(term_pipe) == 0) {
		for (int i = 0; i < 2; i++) {
			fcntl(term_pipe[i], F_SETFL, fcntl(term_pipe[i], F_GETFL) | O_NONBLOCK);
			fcntl(term_pipe[i], F_SETFD, FD_CLOEXEC);
		}
	}
	/* Our SIGWINCH handler first, so ncurses leaves it to us (the loop resizes). */
	term_signals();
	/* Esc alone must feel instant, yet an arrow key's sequence over SSH arrives in one piece:
	 * 50 ms unless the user set ESCDELAY. */
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	term_screen = term_open();
	if (!term_screen) {
		fprintf(stderr, "ycfn: no terminal description for TERM=%s (nor xterm, vt100)\n",
			getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	term_active = true;
	atexit(term_end);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	term_define_keys();
	nodelay(stdscr, TRUE);
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	term_colors();
	mouseinterval(0);
	term_mouse = mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
	curs_set(0);
	return 0;
}

void term_end(void)
{
	if (!term_active)
		return;
	term_active = false;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
	if (term_saved_ok)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &term_saved);
	fflush(stdout);
}

int term_signal_fd(void)
{
	return term_pipe[0];
}

int term_read_signal(void)
{
	unsigned char b;
	if (term_pipe[0] >= 0 && read(term_pipe[0], &b, 1) == 1)
		return b;
	return 0;
}

void term_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		resize_term(ws.ws_row, ws.ws_col);
		/* The terminal may have reflowed or cleared what we drew: ncurses' idea of the
		 * screen is no longer true, so the next update repaints it whole. */
		clearok(curscr, TRUE);
	}
}

void term_suspend(void)
{
	/* The terminal back as the shell wants it, then stop for real; the shell's fg resumes us
	 * here (a stop the kernel discards, in an orphaned group, just returns). */
	endwin();
	fflush(stdout);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &old);
	raise(SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	term_resume();
}

void term_resume(void)
{
	/* After SIGCONT: our modes again, the size may have changed, and everything repainted. */
	reset_prog_mode();
	term_resize();
	clearok(curscr, TRUE);
}

attr_t term_attr(enum ui_color c)
{
	return ui_attr_tab[c];
}

bool term_has_mouse(void)
{
	return term_mouse;
}
