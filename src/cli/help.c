/* help.c — --help, printed from the same tables the parser uses, so it never drifts. */
#include <string.h>

#include "cli/cli_priv.h"

static bool in_table(const char *name, const struct cli_flag_def *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return true;
	return false;
}

/* The flags of t, except those also in skip (a command's own flags shadow the global ones). */
static void print_flags_but(FILE *f, const struct cli_flag_def *t, size_t n, const struct cli_flag_def *skip,
			    size_t n_skip, enum yc_lang lang)
{
	for (size_t i = 0; i < n; i++) {
		if (in_table(t[i].name, skip, n_skip))
			continue;
		char left[64];
		if (t[i].arg)
			snprintf(left, sizeof left, "%s %s", t[i].name, t[i].arg);
		else
			snprintf(left, sizeof left, "%s", t[i].name);
		fprintf(f, "  %-32s %s%s\n", left, cli_tr(lang, t[i].help_ru, t[i].help_en),
			t[i].kind == CLI_FK_LIST ? cli_tr(lang, " (можно повторять)", " (repeatable)") : "");
	}
}

static void print_flags(FILE *f, const struct cli_flag_def *t, size_t n, enum yc_lang lang)
{
	print_flags_but(f, t, n, NULL, 0, lang);
}

static void print_exit_codes(FILE *f, enum yc_lang lang)
{
	fprintf(f, "%s\n", cli_tr(lang, "Коды выхода:", "Exit codes:"));
	fprintf(f, "  0   %s\n", cli_tr(lang, "успех", "success"));
	fprintf(f, "  1   %s\n", cli_tr(lang, "интерфейсу нужен терминал", "the interface needs a terminal"));
	fprintf(f, "  2   %s\n", cli_tr(lang, "неверный флаг или значение", "a bad flag or value"));
	fprintf(f, "  3   %s\n", cli_tr(lang, "настройки или учётные данные", "configuration or credentials"));
	fprintf(f, "  4   %s\n", cli_tr(lang, "облако отказало (4xx/5xx, ошибка операции)",
					"the cloud refused (4xx/5xx, operation error)"));
	fprintf(f, "  5   %s\n", cli_tr(lang, "сеть, TLS, тайм-аут", "network, TLS, timeout"));
	fprintf(f, "  6   %s\n", cli_tr(lang, "значение, которое API не примет", "a value the API would refuse"));
	fprintf(f, "  70  %s\n", cli_tr(lang, "внутренняя ошибка", "internal error"));
}

void cli_help_global(FILE *f, enum yc_lang lang)
{
	fprintf(f, "%s\n\n", cli_tr(lang, "ycfn — консоль Yandex Cloud Functions в терминале.",
				    "ycfn — the Yandex Cloud Functions console, in the terminal."));
	fprintf(f, "%s\n  ycfn [%s]\n  ycfn <%s> [%s]\n\n", cli_tr(lang, "Использование:", "Usage:"),
		cli_tr(lang, "флаги", "flags"), cli_tr(lang, "команда", "command"), cli_tr(lang, "флаги", "flags"));
	fprintf(f, "%s\n\n", cli_tr(lang, "Без команды открывается терминальный интерфейс.",
				    "With no command, the terminal UI opens."));
	fprintf(f, "%s\n", cli_tr(lang, "Команды:", "Commands:"));
	for (size_t i = 0; i < cli_n_commands; i++)
		fprintf(f, "  %-32s %s\n", cli_commands[i].path,
			cli_tr(lang, cli_commands[i].summary_ru, cli_commands[i].summary_en));
	fprintf(f, "\n%s\n", cli_tr(lang, "Общие флаги:", "Global flags:"));
	print_flags(f, cli_global_flags, cli_n_global_flags, lang);
	fprintf(f, "\n");
	print_exit_codes(f, lang);
	fprintf(f, "\n%s\n", cli_tr(lang, "Подробно о команде: ycfn <команда> --help; всё вместе: man ycfn",
				    "More on a command: ycfn <command> --help; everything: man ycfn"));
}

void cli_help_command(FILE *f, const struct cli_command *c, enum yc_lang lang)
{
	fprintf(f, "%s\n\n", cli_tr(lang, c->summary_ru, c->summary_en));
	fprintf(f, "%s\n  ycfn %s%s%s [%s]\n\n", cli_tr(lang, "Использование:", "Usage:"), c->path,
		c->args && *c->args ? " " : "", c->args ? c->args : "", cli_tr(lang, "флаги", "flags"));
	const char *notes = cli_tr(lang, c->notes_ru, c->notes_en);
	if (notes)
		fprintf(f, "%s\n\n", notes);
	if (*c->n_flags) {
		fprintf(f, "%s\n", cli_tr(lang, "Флаги:", "Flags:"));
		print_flags(f, c->flags, *c->n_flags, lang);
		fprintf(f, "\n");
	}
	fprintf(f, "%s\n", cli_tr(lang, "Общие флаги:", "Global flags:"));
	print_flags_but(f, cli_global_flags, cli_n_global_flags, c->flags, *c->n_flags, lang);
	fprintf(f, "\n");
	print_exit_codes(f, lang);
}
