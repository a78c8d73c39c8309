/* cli.h — the program's entry: global flags, --demo, the yc-compatible commands, or the TUI. */
#ifndef YCFN_CLI_H
#define YCFN_CLI_H

/* Exit codes (documented in --help and the man page). */
enum cli_exit {
	CLI_OK = 0,
	CLI_EXIT_NO_TERMINAL = 1, /* the terminal UI (no command) without a terminal: ui_run's code */
	CLI_EXIT_USAGE = 2,      /* a bad flag or value */
	CLI_EXIT_CONFIG = 3,     /* config or credentials */
	CLI_EXIT_API = 4,        /* the cloud refused (4xx/5xx, operation error) */
	CLI_EXIT_NETWORK = 5,    /* network, TLS, timeout */
	CLI_EXIT_VALIDATION = 6, /* a value the API would refuse */
	CLI_EXIT_INTERNAL = 70
};

int cli_main(int argc, char **argv);

#endif
