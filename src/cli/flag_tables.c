/* flag_tables.c — every flag of every command: data only, shared by the parser, --help, dispatch and
 * the fuzzer (which links this file without the commands). */
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
	{"--concurrency", CLI_FK_VALUE, "N", "одновременных вызовов на экземпляр, 0–16",
	 "concurrent invocations per instance, 0-16"},
	{"--tmpfs-size", CLI_FK_VALUE, "SIZE", "размер /tmp: 0 или от 512MB до 3/4 памяти",
	 "size of /tmp: 0, or 512MB up to 3/4 of the memory"},
	{"--network-id", CLI_FK_VALUE, "ID", "облачная сеть", "the cloud network"},
	{"--subnet-id", CLI_FK_LIST, "ID[,ID]", "подсети", "the subnets"},
	{"--no-logging", CLI_FK_BOOL, NULL, "не писать журнал", "write no logs"},
	{"--log-group-id", CLI_FK_VALUE, "ID", "лог-группа", "the log group"},
	{"--log-folder-id", CLI_FK_VALUE, "ID", "каталог лог-группы по умолчанию", "the folder of the default log group"},
	{"--min-log-level", CLI_FK_VALUE, "LEVEL", "минимальный уровень журнала: trace … fatal",
	 "the lowest log level: trace ... fatal"},
	{"--secret", CLI_FK_LIST, "id=ID,version-id=V,key=K,environment-variable=E",
	 "секрет Lockbox в переменной окружения; заменяют все секреты версии-основы",
	 "a Lockbox secret in an environment variable; replace all of the base version's"},
	{"--add-service-account", CLI_FK_LIST, "alias=A,id=ID", "именованный сервисный аккаунт",
	 "a named service account"},
	{"--storage-mounts", CLI_FK_LIST, "mount-point=M,bucket=B[,prefix=P][,read-only=true]",
	 "бакет, смонтированный в /function/storage/M", "a bucket mounted at /function/storage/M"},
	{"--mount", CLI_FK_LIST, "type=object-storage|ephemeral-disk,mount-point=M,...",
	 "монтирование (бакет или диск); см. man ycfn", "a mount (a bucket or a disk); see man ycfn"},
	{"--metadata-options", CLI_FK_VALUE, "gce-http-endpoint=enabled|disabled,aws-v1-http-endpoint=...",
	 "доступ к сервису метаданных", "access to the metadata service"},
	{"--no-async", CLI_FK_BOOL, NULL, "выключить асинхронный вызов", "turn async invocation off"},
	{"--async", CLI_FK_BOOL, NULL, "не ждать окончания операции: напечатать её и выйти",
	 "do not wait for the operation: print it and exit"},
	{"--dry-run", CLI_FK_BOOL, NULL, "напечатать тело запроса createVersion и ничего не отправлять",
	 "print the createVersion request body and send nothing"},
};
const size_t cli_n_version_create_flags = N(cli_version_create_flags);

const struct cli_flag_def cli_version_get_flags[] = {
	FUNCTION_FLAGS,
	{"--tag", CLI_FK_VALUE, "TAG", "версия по тегу ($latest)", "the version by tag ($latest)"},
};

const struct cli_flag_def cli_version_list_flags[] = {FUNCTION_FLAGS};

const struct cli_flag_def cli_invoke_flags[] = {
	FUNCTION_FLAGS,
	{"--async", CLI_FK_BOOL, NULL, "асинхронный вызов (?integration=async): ответ 202 сразу",
	 "asynchronous invocation (?integration=async): 202 at once"},
	{"--data", CLI_FK_VALUE, "STRING", "тело запроса", "the request body"},
	{"--data-file", CLI_FK_VALUE, "FILE", "тело запроса из файла (- = стандартный ввод)",
	 "the request body from a file (- = standard input)"},
	{"--tag", CLI_FK_VALUE, "TAG", "вызвать версию с этим тегом", "invoke the version with this tag"},
};
const size_t cli_n_version_get_flags = N(cli_version_get_flags);
const size_t cli_n_version_list_flags = N(cli_version_list_flags);
const size_t cli_n_invoke_flags = N(cli_invoke_flags);

const struct cli_flag_def cli_global_flags[] = {
	{"--profile", CLI_FK_VALUE, "NAME", "профиль yc (~/.config/yandex-cloud/config.yaml)",
	 "the yc profile (~/.config/yandex-cloud/config.yaml)"},
	{"--cloud-id", CLI_FK_VALUE, "ID", "облако", "the cloud"},
	{"--folder-id", CLI_FK_VALUE, "ID", "каталог", "the folder"},
	{"--endpoint", CLI_FK_VALUE, "URL", "один адрес для всех сервисов API (например, эмулятор)",
	 "one base URL for every API service (an emulator, say)"},
	{"--token", CLI_FK_VALUE, "OAUTH", "OAuth-токен (обменивается на IAM-токен)",
	 "an OAuth token (exchanged for an IAM token)"},
	{"--iam-token", CLI_FK_VALUE, "TOKEN", "IAM-токен", "an IAM token"},
	{"--sa-key", CLI_FK_VALUE, "FILE", "авторизованный ключ сервисного аккаунта (JSON)",
	 "a service account's authorized key (JSON)"},
	{"--ca-file", CLI_FK_VALUE, "FILE", "сертификаты УЦ (PEM) вместо системных",
	 "CA certificates (PEM) instead of the system's"},
	{"--lang", CLI_FK_VALUE, "ru|en", "язык сообщений (по умолчанию из LC_ALL/LC_MESSAGES/LANG)",
	 "language of messages (default from LC_ALL/LC_MESSAGES/LANG)"},
	{"--format", CLI_FK_VALUE, "text|json", "формат вывода", "output format"},
	{"--debug-log", CLI_FK_VALUE, "FILE", "журнал запросов (секреты скрыты)", "a log of requests (secrets masked)"},
	{"--demo", CLI_FK_BOOL, NULL, "работать со встроенным эмулятором Yandex Cloud",
	 "work against the embedded Yandex Cloud emulator"},
	{"--demo-state", CLI_FK_VALUE, "FILE", "--demo: хранить мир эмулятора в файле",
	 "--demo: keep the emulator's world in a file"},
	{"--demo-generate", CLI_FK_VALUE, "N", "--demo: добавить N функций, сервисных аккаунтов и очередей",
	 "--demo: add N functions, service accounts and queues"},
	{"--demo-latency-ms", CLI_FK_VALUE, "MS", "--demo: задержка каждого ответа эмулятора",
	 "--demo: latency added to every answer of the emulator"},
	{"--function-id", CLI_FK_VALUE, "ID", "функция", "the function"},
	{"--function-name", CLI_FK_VALUE, "NAME", "функция по имени (в каталоге)", "the function, by name (in the folder)"},
	{"--help", CLI_FK_BOOL, NULL, "эта справка", "this help"},
	{"--version", CLI_FK_BOOL, NULL, "версия ycfn", "ycfn's version"},
};
const size_t cli_n_global_flags = sizeof cli_global_flags / sizeof cli_global_flags[0];
