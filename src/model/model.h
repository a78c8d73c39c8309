/* model.h — a Cloud Functions function, its versions and their async invocation config:
 * types, parsing of API answers, validation, the createVersion request, the equivalent yc
 * command, and the draft (the form's edited state).
 *
 * Pure C11 on cJSON. No curl, no curses, never prints. Every function that can fail returns
 * 0 on success and -1 on failure, filling *err (which may be NULL) with what failed and why.
 *
 * Ownership: every char * inside a struct declared here is malloc'd and owned by that struct;
 * the matching *_free() frees the contents (never the struct itself, which may live on the stack).
 * A zeroed struct is a valid empty value and may be freed.
 */
#ifndef YCFN_MODEL_H
#define YCFN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* ---------- language and errors ---------- */

enum yc_lang { YC_LANG_RU = 0, YC_LANG_EN = 1 };

enum yc_err_kind {
	YC_ERR_NONE = 0,
	YC_ERR_NETWORK,    /* connect refused, reset, DNS */
	YC_ERR_TLS,        /* certificate not trusted, handshake failed */
	YC_ERR_TIMEOUT,    /* connect or total timeout */
	YC_ERR_HTTP,       /* an HTTP status without a google.rpc.Status body */
	YC_ERR_API,        /* a google.rpc.Status from the server */
	YC_ERR_PARSE,      /* an answer, a file or a value that does not parse */
	YC_ERR_AUTH,       /* no credentials, or they were refused */
	YC_ERR_VALIDATION, /* a value the API would refuse, caught before sending */
	YC_ERR_CANCELLED,  /* the user cancelled */
	YC_ERR_CONFIG,     /* a config file or flag that is wrong */
	YC_ERR_IO,         /* a local file could not be read or written */
	YC_ERR_NOMEM,
	YC_ERR__COUNT
};

/* One error value for the whole program. Fixed-size, so it can be copied and kept freely.
 * No field ever holds a token or other secret. */
struct yc_error {
	enum yc_err_kind kind;
	int http_status;         /* 0 when there was no HTTP answer */
	int grpc_code;           /* google.rpc.Code, 0 when none */
	char field[64];          /* the field / JSON path / flag at fault, "" when none */
	char request_id[80];     /* the server's request id, "" when none */
	char api_message[512];   /* the server's own words, verbatim (capped) */
	char what_ru[256];       /* what went wrong, one sentence */
	char what_en[256];
	char hint_ru[256];       /* what to do about it, one sentence */
	char hint_en[256];
};

void yc_error_clear(struct yc_error *err);
/* Sets kind, field (may be NULL) and both languages of "what" and "hint" (hints may be NULL);
 * all are plain text, truncated to fit. Leaves http_status, grpc_code, request_id, api_message. */
void yc_error_set(struct yc_error *err, enum yc_err_kind kind, const char *field,
		  const char *what_ru, const char *what_en, const char *hint_ru, const char *hint_en);
const char *yc_error_what(const struct yc_error *err, enum yc_lang lang);
const char *yc_error_hint(const struct yc_error *err, enum yc_lang lang);
const char *yc_err_kind_name(enum yc_err_kind kind); /* "network", "tls", ... */
/* One human line: "<field>: <what> (<api message>, code N, HTTP S, request id R). <hint>".
 * Writes at most n bytes including the NUL; returns the length it wanted (like snprintf). */
size_t yc_error_format(const struct yc_error *err, enum yc_lang lang, char *buf, size_t n);

/* ---------- resources ---------- */

struct yc_kv {
	char *key;
	char *value;
};
struct yc_kv_list {
	struct yc_kv *items;
	size_t n;
};
void yc_kv_list_free(struct yc_kv_list *l);

struct yc_string_list {
	char **items;
	size_t n;
};
void yc_string_list_free(struct yc_string_list *l);

enum yc_target_kind { YC_TARGET_EMPTY = 0, YC_TARGET_YMQ = 1 };

struct yc_async_target {
	enum yc_target_kind kind;
	char *queue_arn;          /* YMQ only */
	char *service_account_id; /* YMQ only: may write to the queue */
};

struct yc_async_config {
	bool enabled;               /* false = no asyncInvocationConfig */
	int64_t retries_count;      /* 0..100 */
	char *service_account_id;   /* may invoke the function; NULL = none */
	struct yc_async_target success;
	struct yc_async_target failure;
};
void yc_async_config_free(struct yc_async_config *c);

struct yc_cloud {
	char *id, *name, *created_at, *description;
};
struct yc_folder {
	char *id, *cloud_id, *name, *status, *created_at, *description;
};
struct yc_function {
	char *id, *folder_id, *created_at, *name, *description, *http_invoke_url, *status;
	struct yc_kv_list labels;
};
struct yc_service_account {
	char *id, *folder_id, *name, *description, *created_at;
};
struct yc_version {
	char *id, *function_id, *description, *created_at, *runtime, *entrypoint;
	char *service_account_id, *status, *log_group_id;
	int64_t memory;              /* bytes (resources.memory) */
	int64_t execution_timeout_ms;
	int64_t image_size, concurrency, tmpfs_size;
	struct yc_string_list tags;
	struct yc_kv_list environment;
	struct yc_async_config async;
	cJSON *raw; /* the whole answer as received, owned: the source of every setting this struct
		     * does not type, so that a new version carries them over */
};
struct yc_operation {
	char *id, *description, *created_at, *created_by, *modified_at;
	bool done;
	char *version_id;          /* metadata.functionVersionId, NULL when absent */
	bool failed;               /* done with an "error" */
	struct yc_error error;     /* when failed: kind YC_ERR_API, grpc_code, api_message */
	struct yc_version *response; /* when done and not failed; owned; NULL otherwise */
};
struct yc_queue {
	char *url, *name, *arn; /* arn NULL until GetQueueAttributes answered */
};
struct yc_message {
	char *id, *body, *receipt_handle, *sent_at;
};
struct yc_invoke_result {
	long http_status;
	char *request_id; /* x-request-id of the answer */
	char *body;       /* capped */
};

void yc_cloud_free(struct yc_cloud *c);
void yc_folder_free(struct yc_folder *f);
void yc_function_free(struct yc_function *f);
void yc_service_account_free(struct yc_service_account *s);
void yc_version_free(struct yc_version *v);
void yc_operation_free(struct yc_operation *o);
void yc_queue_free(struct yc_queue *q);
void yc_message_free(struct yc_message *m);
void yc_invoke_result_free(struct yc_invoke_result *r);

/* A list of any of the above: items is an array of n elements of the element type. */
#define YC_LIST(name, type)                                                                        \
	struct name {                                                                              \
		type *items;                                                                       \
		size_t n;                                                                          \
	}
YC_LIST(yc_cloud_list, struct yc_cloud);
YC_LIST(yc_folder_list, struct yc_folder);
YC_LIST(yc_function_list, struct yc_function);
YC_LIST(yc_service_account_list, struct yc_service_account);
YC_LIST(yc_version_list, struct yc_version);
YC_LIST(yc_queue_list, struct yc_queue);
YC_LIST(yc_message_list, struct yc_message);
void yc_cloud_list_free(struct yc_cloud_list *l);
void yc_folder_list_free(struct yc_folder_list *l);
void yc_function_list_free(struct yc_function_list *l);
void yc_service_account_list_free(struct yc_service_account_list *l);
void yc_version_list_free(struct yc_version_list *l);
void yc_queue_list_free(struct yc_queue_list *l);
void yc_message_list_free(struct yc_message_list *l);

/* ---------- parsing answers (never trusting them) ---------- */

/* The largest JSON answer we accept, and the deepest nesting. */
#define YC_JSON_MAX_BYTES (16u * 1024u * 1024u)
#define YC_JSON_MAX_DEPTH 64

/* Parses len bytes (not NUL-terminated) into *out (caller cJSON_Delete()s). Refuses more than
 * YC_JSON_MAX_BYTES, deeper than YC_JSON_MAX_DEPTH, or anything that is not an object. */
int model_json_parse(const char *buf, size_t len, cJSON **out, struct yc_error *err);

/* Each fills *out from an object; wrong types, absurd sizes and missing required fields
 * (id) give YC_ERR_PARSE naming the field. int64 is accepted as string or number.
 * *out is overwritten (not freed first); on failure it is left empty (zeroed). */
int model_parse_cloud(const cJSON *o, struct yc_cloud *out, struct yc_error *err);
int model_parse_folder(const cJSON *o, struct yc_folder *out, struct yc_error *err);
int model_parse_function(const cJSON *o, struct yc_function *out, struct yc_error *err);
int model_parse_service_account(const cJSON *o, struct yc_service_account *out, struct yc_error *err);
int model_parse_version(const cJSON *o, struct yc_version *out, struct yc_error *err);
int model_parse_operation(const cJSON *o, struct yc_operation *out, struct yc_error *err);
int model_parse_async_config(const cJSON *o, struct yc_async_config *out, struct yc_error *err);

/* One page of a list answer: appends the items of array `key` ("functions", "versions",
 * "serviceAccounts", "clouds", "folders") to *list, and sets *next_page_token (malloc'd,
 * NULL when the answer has none or it is empty). */
int model_parse_cloud_page(const cJSON *o, struct yc_cloud_list *list, char **next_page_token, struct yc_error *err);
int model_parse_folder_page(const cJSON *o, struct yc_folder_list *list, char **next_page_token, struct yc_error *err);
int model_parse_function_page(const cJSON *o, struct yc_function_list *list, char **next_page_token, struct yc_error *err);
int model_parse_service_account_page(const cJSON *o, struct yc_service_account_list *list, char **next_page_token, struct yc_error *err);
int model_parse_version_page(const cJSON *o, struct yc_version_list *list, char **next_page_token, struct yc_error *err);
/* {"runtimes":["python312",...]} */
int model_parse_runtimes(const cJSON *o, struct yc_string_list *out, struct yc_error *err);
/* A google.rpc.Status body into err (kind YC_ERR_API, grpc_code, api_message, request_id from
 * details[].requestId; http_status is left as it was). Returns -1, err untouched, when o is not
 * a Status (no integral "code" >= 1). */
int model_parse_status(const cJSON *o, struct yc_error *err);

/* JSON of resources (caller cJSON_Delete()s) — the REST shapes, int64 as strings.
 * c->enabled is not looked at: a caller leaves the object out when async is off. An unset
 * target is {"emptyTarget":{}}; a NULL service account is left out. NULL on no memory. */
cJSON *model_async_config_to_json(const struct yc_async_config *c);

/* ---------- values: parse and format ---------- */

/* Memory: "128MB", "128M", "128m", "1GB", "1g", "134217728" (bare number = bytes unless
 * bare_unit is not 0, then it is multiplied by bare_unit — the form passes 1 MiB). */
int model_parse_memory(const char *text, int64_t bare_unit, int64_t *bytes, struct yc_error *err);
/* "128MB", "1GB", "1536MB" into buf; returns buf. */
char *model_format_memory(int64_t bytes, char *buf, size_t n);
/* Durations: "5s", "1.5s", "1m30s", "2m", "1h", "500ms"; a bare number is seconds. */
int model_parse_duration(const char *text, int64_t *ms, struct yc_error *err);
/* "5s", "1.5s", "90s": the REST form (seconds with up to 9 fractional digits). */
char *model_format_duration(int64_t ms, char *buf, size_t n);
/* yrn:yc:ymq:ru-central1:<folder_id>:<queue_name>; folder/name may be NULL. */
int model_parse_queue_arn(const char *arn, char *folder, size_t folder_n, char *name, size_t name_n, struct yc_error *err);
/* Integers 0..100 in decimal, nothing else ("3a", "-1", "" are errors). */
int model_parse_retries(const char *text, int64_t *out, struct yc_error *err);
/* The environment field's text ("KEY=value" lines, blank lines skipped) into pairs (appended to
 * *out, which the caller frees even on failure), checked as the API does: keys
 * [a-zA-Z][a-zA-Z0-9_]*, no repeats, values ≤ 4 KB in all; errors name the line. And back:
 * pairs joined as "KEY=value" lines (malloc'd). A value holding a newline does not survive the
 * text form, so an environment the user did not touch is always sent as the version had it. */
int model_env_parse(const char *text, struct yc_kv_list *out, struct yc_error *err);
char *model_env_format(const struct yc_kv_list *env);
/* Function names [a-z][-a-z0-9]{1,61}[a-z0-9]; version tags [a-z][-_0-9a-z]* or "$latest".
 * YC_ERR_VALIDATION naming "name" / "tag" on failure. */
int model_check_function_name(const char *name, struct yc_error *err);
int model_check_tag(const char *tag, struct yc_error *err);

/* ---------- the fields of the form: one table ---------- */

enum yc_field {
	YC_F_RUNTIME = 0,
	YC_F_ENTRYPOINT,
	YC_F_TIMEOUT,          /* text as typed: "5" (seconds) or "5s", "1m30s" */
	YC_F_MEMORY,           /* text as typed: "128" (MB) or "1GB" */
	YC_F_SERVICE_ACCOUNT,  /* id, "" = none */
	YC_F_DESCRIPTION,
	YC_F_ENVIRONMENT,      /* lines "KEY=VALUE" joined by '\n' */
	YC_F_ASYNC_ENABLED,    /* "1" or "0" */
	YC_F_ASYNC_RETRIES,    /* digits */
	YC_F_ASYNC_SA,         /* id, "" = none */
	YC_F_SUCCESS_KIND,     /* "empty" or "ymq" */
	YC_F_SUCCESS_QUEUE,    /* queue ARN */
	YC_F_SUCCESS_SA,       /* id */
	YC_F_FAILURE_KIND,
	YC_F_FAILURE_QUEUE,
	YC_F_FAILURE_SA,
	YC_F__COUNT
};

enum yc_widget {
	YC_W_TEXT,        /* free text */
	YC_W_DIGITS,      /* digits only */
	YC_W_RUNTIME,     /* dropdown of runtimes */
	YC_W_SA_PICKER,   /* service-account picker, "" = Не выбрано */
	YC_W_TOGGLE,      /* [ ] / [x] */
	YC_W_TARGET_KIND, /* Не указано | Message Queue */
	YC_W_QUEUE,       /* queue picker or typed ARN */
	YC_W_ENV_LIST     /* editable KEY=VALUE list */
};

struct yc_draft;

struct yc_field_def {
	enum yc_field id;
	const char *key;       /* name in the draft file and in tests: "async.retries" */
	const char *label_ru;  /* as the web console says it */
	const char *label_en;
	const char *json_path; /* in the createVersion body: "asyncInvocationConfig.retriesCount" */
	const char *yc_flag;   /* "--async-max-retries"; NULL when yc has none */
	enum yc_widget widget;
	enum yc_field parent;  /* shown only when the parent field is on / "ymq"; YC_F__COUNT = always */
	/* Checks the field's text in the context of the whole draft; 0 = fine. */
	int (*validate)(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
	/* --- added by the model; others only read them --- */
	const char *title_ru; /* unambiguous name for messages and the diff: */
	const char *title_en; /*   "Успешные вызовы: сервисный аккаунт" */
	const char *help_ru;  /* what the field takes, one line: "от 0 до 100" */
	const char *help_en;
	/* The field's text for a version (malloc'd; "" when the version has none). */
	char *(*from_version)(const struct yc_version *v);
	/* Writes the field's value into a createVersion body. */
	int (*apply)(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err);
	/* The value as a reader sees it ("128 MB", "Не указано"), malloc'd; NULL = the text. */
	char *(*describe)(const char *text, enum yc_lang lang);
	/* The value given to yc_flag (malloc'd); NULL = the text as typed. */
	char *(*flag_value)(const char *text);
};

extern const struct yc_field_def model_fields[YC_F__COUNT];
const struct yc_field_def *model_field_by_key(const char *key);
const struct yc_field_def *model_field_by_flag(const char *yc_flag);
const char *model_field_label(enum yc_field f, enum yc_lang lang);
/* The unambiguous name ("Успешные вызовы: очередь"), for messages and the review screen. */
const char *model_field_title(enum yc_field f, enum yc_lang lang);

/* ---------- the draft: the form's edited state ---------- */

struct yc_draft {
	char *function_id;
	char *folder_id;
	char *base_version_id;    /* the version whose code and settings are copied */
	char *value[YC_F__COUNT]; /* the text as typed (never NULL after init) */
	char *orig[YC_F__COUNT];  /* the base version's text; a field is dirty when they differ */
	/* Borrowed, may be NULL: the runtimes GET runtimes answered. When set, a runtime that is
	 * neither in it nor the base version's own is refused. Never saved, never freed here. */
	const struct yc_string_list *runtimes;
};

/* Fills a draft from a version (orig = value = the version's values). */
int model_draft_from_version(struct yc_draft *d, const struct yc_version *v, struct yc_error *err);
void model_draft_free(struct yc_draft *d);
/* Copies text into the field. -1 for a bad field, NULL text, text over 64 KiB or no memory
 * (the field then keeps its old text). */
int model_draft_set(struct yc_draft *d, enum yc_field f, const char *text);
bool model_draft_field_dirty(const struct yc_draft *d, enum yc_field f);
bool model_draft_dirty(const struct yc_draft *d);
/* Shown in the form now? (the async block only when enabled; queue and SA only for "ymq") */
bool model_field_visible(const struct yc_draft *d, enum yc_field f);
/* One field as typed: 0 = fine, else err names it and says what to do. Hidden fields pass. */
int model_draft_validate_field(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
/* Every visible field; returns the number of problems, writing at most max of them. */
size_t model_draft_validate(const struct yc_draft *d, struct yc_error *errs, size_t max);

/* The draft file: JSON, written atomically (temp file + rename), mode 0600. */
int model_draft_save(const struct yc_draft *d, const char *path, struct yc_error *err);
/* *d is overwritten; on failure it is left empty. A missing file is YC_ERR_IO; a damaged,
 * foreign or oversized (> 1 MiB) one is YC_ERR_PARSE whose hint says to delete it. */
int model_draft_load(struct yc_draft *d, const char *path, struct yc_error *err);
/* $XDG_STATE_HOME/ycfn/drafts/<function_id>.json (or ~/.local/state/...); malloc'd. */
char *model_draft_path(const char *function_id);

/* ---------- the request, the command, the difference ---------- */

/* The createVersion body (caller cJSON_Delete()s): base->raw carried over (every setting the
 * form does not show), output-only fields dropped, the draft's fields applied, code copied with
 * "versionId": base->id, async off = no asyncInvocationConfig, an unset target = emptyTarget.
 * Fails with the first validation error.
 * Precisely: the output-only members (id, createdAt, imageSize, status, tags, logGroupId,
 * @type) and any code source are dropped; functionId is d->function_id (else base's). Only the
 * fields the user changed (value != orig) are written — a field the answer lacks is written
 * too — so an untouched setting keeps the answer's exact value. A change to any shown async
 * field rewrites the async block from the draft, over the answer's block (unknown members
 * stay). Carried settings the API checks are checked too: concurrency 0–16 and tmpfsSize (0,
 * or 512 MB to 3/4 of memory), errors naming "concurrency" / "tmpfsSize". Members come out in
 * CreateFunctionVersionRequest's order, unknown ones after. NULL on failure. */
cJSON *model_build_create_request(const struct yc_draft *d, const struct yc_version *base, struct yc_error *err);
/* The body as the bytes that go on the wire (malloc'd): the one printer both the TUI and the
 * command line use, so that --dry-run prints exactly what the TUI sends. cJSON_Print: indented
 * with tabs, no trailing newline; the same body always prints the same bytes. NULL for NULL. */
char *model_request_print(const cJSON *body);

/* `yc serverless function version create ...` for the draft, shell-quoted (malloc'd), one flag
 * per line joined by " \\\n  " (valid shell as is). Flags: --function-id, each shown form field
 * that has a yc flag and a value (memory as "256MB", timeout as "5s", one --environment per
 * pair), --source-version-id, then what --source-version-id does not copy but the base
 * version has: --concurrency, --tmpfs-size, --network-id, --subnet-id, --secret,
 * --add-service-account, --no-logging/--log-*, --min-log-level, --storage-mounts, --mount,
 * --metadata-options. Works for an invalid draft too (the values as typed). */
char *model_yc_command(const struct yc_draft *d, const struct yc_version *base);
/* POSIX shell quoting: returns s itself when safe, else '...' with ' escaped (malloc'd always). */
char *model_shell_quote(const char *s);

struct yc_diff_row {
	enum yc_field field;
	char *old_text; /* as the user reads it: "128 MB", "Не указано" */
	char *new_text;
};
struct yc_diff {
	struct yc_diff_row *rows;
	size_t n;
};
/* Rows for the fields shown now that changed, or that the change made appear (async switched
 * on: its fields, with old text "—"). Rows whose texts read the same ("5" and "5s") are left
 * out. Returns 0, or -1 on no memory. out is overwritten; free it with yc_diff_free. */
int model_draft_diff(const struct yc_draft *d, enum yc_lang lang, struct yc_diff *out);
/* A field's text as a reader sees it: "128 MB", "5 s", "Не указано", "Включено" (malloc'd). */
char *model_field_describe(enum yc_field f, const char *text, enum yc_lang lang);
void yc_diff_free(struct yc_diff *diff);

/* ---------- files ---------- */
/* Reads up to size bytes of fd (a regular file whose fstat said size; the caller caps size and
 * closes fd), retrying on EINTR; stops early at end of file or an error. Returns the bytes read
 * NUL-terminated (the caller frees) with their count in *got, or NULL when out of memory. */
char *model_read_fd(int fd, size_t size, size_t *got);

#endif
