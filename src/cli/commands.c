/* commands.c — the table of commands and their flags: it drives parsing, dispatch and --help. */
#include "cli/cli_priv.h"

#define N(t) (sizeof(t) / sizeof((t)[0]))

#define FUNCTION_FLAGS                                                                                 \
	{"--function-id", CLI_FK_VALUE, "ID", "идентификатор функции", "the function's id"},           \
	{"--function-name", CLI_FK_VALUE, "NAME", "имя функции (ищется в каталоге)",                   \
	 "the function's name (looked up in the folder)"}

const struct cli_flag_def cli_version_create_flags[] = {
	FUNCTION_FLAGS,
	{"--runtime", CLI_FK_VALUE, "RUNTIME", "среда выполнения (python312, nodejs22, ...)",
	 "runtime (python312, nodejs22, ...)"},
	{"--entrypoint", CLI_FK_VALUE, "FILE.HANDLER", "точка входа", "entry point"},
	{"--memory", CLI_FK_VALUE, "SIZE", "память: 128m, 1GB, 134217728 (байты)", "memory: 128m, 1GB, 134217728 (bytes)"},
	{"--execution-timeout", CLI_FK_VALUE, "DURATION", "таймаут: 5s, 1m30s", "timeout: 5s, 1m30s"},
	{"--service-account-id", CLI_FK_VALUE, "ID", "сервисный аккаунт функции", "the function's service account"},
	{"--environment", CLI_FK_LIST, "KEY=VAL[,KEY=VAL]",
	 "переменные окружения; заменяют все переменные версии-основы",
	 "environment variables; replace all of the base version's"},
	{"--description", CLI_FK_VALUE, "TEXT", "описание версии", "the version's description"},
	{"--source-version-id", CLI_FK_VALUE, "ID", "версия-основа: её код и настройки (по умолчанию $latest)",
	 "the base version: its code and settings (default: $latest)"},
	{"--package-bucket-name", CLI_FK_VALUE, "BUCKET", "код из Object Storage: бакет",
	 "code from Object Storage: the bucket"},
	{"--package-object-name", CLI_FK_VALUE, "OBJECT", "код из Object Storage: объект",
	 "code from Object Storage: the object"},
	{"--package-sha256", CLI_FK_VALUE, "SHA256", "код из Object Storage: SHA-256 архива",
	 "code from Object Storage: the archive's SHA-256"},
	{"--async-max-retries", CLI_FK_VALUE, "N", "асинхронный вызов: число повторов, 0–100",
	 "async invocation: number of retries, 0-100"},
	{"--async-service-account-id", CLI_FK_VALUE, "ID", "асинхронный вызов: сервисный аккаунт, вызывающий функцию",
	 "async invocation: the service account that invokes the function"},
	{"--async-success-ymq-arn", CLI_FK_VALUE, "ARN", "очередь для успешных вызовов (без флага — не указано)",
	 "queue for successful invocations (omitted: not specified)"},
	{"--async-success-sa-id", CLI_FK_VALUE, "ID", "сервисный аккаунт с правом записи в очередь успешных",
	 "service account that may write to the success queue"},
	{"--async-failure-ymq-arn", CLI_FK_VALUE, "ARN", "очередь для неуспешных вызовов (без флага — не указано)",
	 "queue for failed invocations (omitted: not specified)"},
	{"--async-failure-sa-id", CLI_FK_VALUE, "ID", "сервисный аккаунт с правом записи в очередь неуспешных",
	 "service account that may write to the failure queue"},
	{"--no-async", CLI_FK_BOOL, NULL, "выключить асинхронный вызов", "turn async invocation off"},
	{"--async", CLI_FK_BOOL, NULL, "не ждать окончания операции: напечатать её и выйти",
	 "do not wait for the operation: print it and exit"},
	{"--dry-run", CLI_FK_BOOL, NULL, "напечатать тело запроса createVersion и ничего не отправлять",
	 "print the createVersion request body and send nothing"},
};
const size_t cli_n_version_create_flags = N(cli_version_create_flags);

static const struct cli_flag_def version_get_flags[] = {
	FUNCTION_FLAGS,
	{"--tag", CLI_FK_VALUE, "TAG", "версия по тегу ($latest)", "the version by tag ($latest)"},
};

static const struct cli_flag_def version_list_flags[] = {FUNCTION_FLAGS};

static const struct cli_flag_def invoke_flags[] = {
	FUNCTION_FLAGS,
	{"--async", CLI_FK_BOOL, NULL, "асинхронный вызов (?integration=async): ответ 202 сразу",
	 "asynchronous invocation (?integration=async): 202 at once"},
	{"--data", CLI_FK_VALUE, "STRING", "тело запроса", "the request body"},
	{"--data-file", CLI_FK_VALUE, "FILE", "тело запроса из файла (- = стандартный ввод)",
	 "the request body from a file (- = standard input)"},
	{"--tag", CLI_FK_VALUE, "TAG", "вызвать версию с этим тегом", "invoke the version with this tag"},
};

const struct cli_command cli_commands[] = {
	{"version create", "", cli_version_create_flags, N(cli_version_create_flags), cli_cmd_version_create,
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
	{"version get", "[VERSION-ID]", version_get_flags, N(version_get_flags), cli_cmd_version_get,
	 "Показать версию (по id или --function-id/--function-name и --tag)",
	 "Show a version (by id, or --function-id/--function-name and --tag)", NULL, NULL},
	{"version list", "", version_list_flags, N(version_list_flags), cli_cmd_version_list,
	 "Список версий функции", "List a function's versions", NULL, NULL},
	{"function list", "", NULL, 0, cli_cmd_function_list, "Список функций каталога",
	 "List the folder's functions", NULL, NULL},
	{"invoke", "[FUNCTION]", invoke_flags, N(invoke_flags), cli_cmd_invoke,
	 "Вызвать функцию (с --async — асинхронно)", "Invoke a function (asynchronously with --async)",
	 "FUNCTION — id или имя функции в каталоге; вместо него можно --function-id/--function-name.",
	 "FUNCTION is the function's id or its name in the folder; or use --function-id/--function-name."},
};
const size_t cli_n_commands = N(cli_commands);
