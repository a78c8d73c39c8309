/* commands.c — the table of commands and their flags: it drives parsing, dispatch and --help. */
#include "cli/cli_priv.h"

#define N(t) (sizeof(t) / sizeof((t)[0]))

static const size_t cli_no_flags = 0;

const struct cli_command cli_commands[] = {
	{"version create", "", cli_version_create_flags, &cli_n_version_create_flags, cli_cmd_version_create,
	 "Создать версию функции (как yc serverless function version create)",
	 "Create a function version (like yc serverless function version create)",
	 "Новая версия наследует код и все настройки версии-основы (--source-version-id, по умолчанию\n"
	 "$latest); флаги меняют то, что называют. Любой флаг --async-* включает асинхронный вызов и задаёт\n"
	 "его целиком, как yc: без --async-*-ymq-arn получатель — «не указано».\n"
	 "--dry-run печатает тело запроса и ничего не создаёт, но читает версию-основу из облака.",
	 "The new version inherits the code and every setting of the base version (--source-version-id,\n"
	 "default $latest); flags change what they name. Any --async-* flag turns async invocation on and\n"
	 "sets it whole, as yc does: without --async-*-ymq-arn that destination is \"not specified\".\n"
	 "--dry-run prints the request body and creates nothing, but still reads the base version."},
	{"version get", "[VERSION-ID]", cli_version_get_flags, &cli_n_version_get_flags, cli_cmd_version_get,
	 "Показать версию (по id или --function-id/--function-name и --tag)",
	 "Show a version (by id, or --function-id/--function-name and --tag)", NULL, NULL},
	{"version list", "", cli_version_list_flags, &cli_n_version_list_flags, cli_cmd_version_list,
	 "Список версий функции", "List a function's versions", NULL, NULL},
	{"function list", "", NULL, &cli_no_flags, cli_cmd_function_list, "Список функций каталога",
	 "List the folder's functions", NULL, NULL},
	{"invoke", "[FUNCTION]", cli_invoke_flags, &cli_n_invoke_flags, cli_cmd_invoke,
	 "Вызвать функцию (с --async — асинхронно)", "Invoke a function (asynchronously with --async)",
	 "FUNCTION — id или имя функции в каталоге; вместо него можно --function-id/--function-name.",
	 "FUNCTION is the function's id or its name in the folder; or use --function-id/--function-name."},
};
const size_t cli_n_commands = N(cli_commands);
