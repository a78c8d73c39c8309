/* api.h — every Yandex Cloud call ycfn makes, on one libcurl multi handle, never blocking.
 *
 * Knows the model and HTTP, never curses. The TUI drives it from its own loop (api_poll with the
 * keyboard's fd beside curl's sockets, then api_step); the command line uses api_wait, a blocking
 * wrapper over the same code. Secrets (tokens, keys) are never printed, logged or put in an error.
 */
#ifndef YCFN_API_H
#define YCFN_API_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"

enum api_service {
	API_SVC_IAM = 0,          /* iam.api.cloud.yandex.net: tokens, service accounts */
	API_SVC_RESOURCE_MANAGER, /* resource-manager.api.cloud.yandex.net */
	API_SVC_FUNCTIONS,        /* serverless-functions.api.cloud.yandex.net */
	API_SVC_OPERATION,        /* operation.api.cloud.yandex.net */
	API_SVC_YMQ,              /* message-queue.api.cloud.yandex.net */
	API_SVC_INVOKE,           /* functions.yandexcloud.net */
	API_SVC__COUNT
};

/* Everything that decides where and how ycfn talks. All strings malloc'd, owned; NULL = unset. */
struct api_config {
	char *endpoint;                    /* one base URL for every service (the emulator) */
	char *service_url[API_SVC__COUNT]; /* per-service override; beats endpoint */
	char *ca_file;                     /* CA bundle; NULL = the system's */
	long connect_timeout_ms;           /* 0 = default (10 s) */
	long total_timeout_ms;             /* 0 = default (60 s) */
	char *iam_token;                   /* secret */
	char *oauth_token;                 /* secret */
	char *sa_key_file;                 /* path of an authorized key JSON */
	char *cloud_id, *folder_id, *profile;
	char *aws_access_key_id;           /* YMQ static key */
	char *aws_secret_access_key;       /* secret */
	char *debug_log;                   /* path: requests with secrets masked */
	enum yc_lang lang;
	/* Added after the first contract (zero = the default, so existing initialisers still work): */
	char *sa_key_json;                 /* secret: the authorized key itself (inline in a yc profile) */
	long retry_base_ms;                /* first retry delay; 0 = 250 ms (tests make it small) */
	int max_attempts;                  /* attempts of a retryable request; 0 = 4 */
	bool instance_sa;                  /* the VM's own service account (yc instance-service-account:
					    * true): tokens from the metadata service, last in the order */
	char *metadata_url;                /* metadata service base; NULL = http://169.254.169.254.
					    * api_config_load takes env YCFN_METADATA_URL (for tests) */
};

/* Builds the effective config: flags (any field set in *flags) > environment (YC_IAM_TOKEN,
 * YC_TOKEN, YC_SERVICE_ACCOUNT_KEY_FILE, YC_CLOUD_ID, YC_FOLDER_ID, YC_PROFILE, YC_ENDPOINT,
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) > the yc profile (yc_config_path, NULL =
 * ~/.config/yandex-cloud/config.yaml) > ~/.aws/credentials. *out is overwritten. Credentials:
 * IAM token, OAuth token, key, then the profile's instance-service-account (metadata_url from
 * env YCFN_METADATA_URL, for tests). */
int api_config_load(struct api_config *out, const struct api_config *flags, const char *yc_config_path,
		    struct yc_error *err);
void api_config_free(struct api_config *cfg);
/* The base URL of a service under this config (malloc'd), without a trailing slash. */
char *api_service_url(const struct api_config *cfg, enum api_service svc);

struct api;

/* Copies cfg. Fails (NULL, err set) when the key file cannot be read or parsed, or the debug
 * log cannot be opened; no credentials at all is not a failure here: each call then gets
 * YC_ERR_AUTH saying how to set them.
 * Behaviour of every call: TLS always verified (cfg->ca_file or the system's CAs); redirects
 * followed to https only; answers capped at 8 MiB (past it: YC_ERR_PARSE "answer too large");
 * reads retried on network errors, timeouts, 5xx, 429 and broken answers with backoff and
 * jitter, honouring Retry-After, within total_timeout_ms; createVersion retried only with its
 * Idempotency-Key; other 4xx never retried. Errors name the call ("listing functions: ...") and
 * say what to do (a 403 names the probably missing role). */
struct api *api_new(const struct api_config *cfg, struct yc_error *err);
void api_free(struct api *api); /* cancels everything still running, without callbacks */

/* ---------- requests ---------- */

typedef uint64_t api_req; /* 0 = not submitted (the callback will not run) */

enum api_call {
	API_CALL_TOKEN,
	API_CALL_CLOUDS,
	API_CALL_FOLDERS,
	API_CALL_FUNCTIONS,
	API_CALL_FUNCTION,
	API_CALL_VERSIONS,
	API_CALL_VERSION,
	API_CALL_RUNTIMES,
	API_CALL_SERVICE_ACCOUNTS,
	API_CALL_CREATE_VERSION,
	API_CALL_OPERATION,       /* one GET, or the whole wait with api_wait_operation */
	API_CALL_QUEUES,
	API_CALL_RECEIVE,
	API_CALL_INVOKE,
	API_CALL__COUNT
};

/* What a request came to. Handed to the callback, which may move any member out (and zero it);
 * the API frees whatever is left when the callback returns. */
struct api_result {
	api_req req;
	enum api_call call;
	struct yc_error err;   /* kind YC_ERR_NONE on success */
	long http_status;
	char request_id[80];
	union {
		struct yc_cloud_list clouds;
		struct yc_folder_list folders;
		struct yc_function_list functions;
		struct yc_function function;
		struct yc_version_list versions;
		struct yc_version version;
		struct yc_string_list runtimes;
		struct yc_service_account_list service_accounts;
		struct yc_operation operation; /* CREATE_VERSION and OPERATION */
		struct yc_queue_list queues;
		struct yc_message_list messages;
		struct yc_invoke_result invoke;
	} u;
};

typedef void (*api_done_fn)(struct api_result *res, void *ud);
/* Frees what is left in res->u (by res->call) and zeroes it: for a caller that copied a whole
 * result out of its callback (move semantics: the callback then zeroes res->u). */
void api_result_free(struct api_result *res);

/* Each submits and returns at once. Lists follow nextPageToken to the end and arrive whole.
 * The IAM token is fetched (or refreshed) first when needed; a 401 refreshes it once and retries. */
api_req api_list_clouds(struct api *api, api_done_fn cb, void *ud);
api_req api_list_folders(struct api *api, const char *cloud_id, api_done_fn cb, void *ud);
/* name: NULL = all, else filter=name="<name>" */
api_req api_list_functions(struct api *api, const char *folder_id, const char *name, api_done_fn cb, void *ud);
api_req api_get_function(struct api *api, const char *function_id, api_done_fn cb, void *ud);
api_req api_list_versions(struct api *api, const char *function_id, api_done_fn cb, void *ud);
api_req api_get_version(struct api *api, const char *version_id, api_done_fn cb, void *ud);
api_req api_get_version_by_tag(struct api *api, const char *function_id, const char *tag, api_done_fn cb, void *ud);
api_req api_list_runtimes(struct api *api, api_done_fn cb, void *ud);
api_req api_list_service_accounts(struct api *api, const char *folder_id, api_done_fn cb, void *ud);
/* body: from model_build_create_request, printed with model_request_print. idempotency_key:
 * a UUID v4 the caller keeps for retries of the same deploy (api_new_idempotency_key). */
api_req api_create_version(struct api *api, const cJSON *body, const char *idempotency_key, api_done_fn cb,
			   void *ud);
api_req api_get_operation(struct api *api, const char *operation_id, api_done_fn cb, void *ud);
/* Polls GET operations/{id} with a growing interval (first after 100 ms, x1.25, at most 2 s)
 * until done; the callback gets the final one. An operation done with an error also sets
 * res->err (kind YC_ERR_API, the operation's code and message). */
api_req api_wait_operation(struct api *api, const char *operation_id, api_done_fn cb, void *ud);
/* ListQueues, then GetQueueAttributes(QueueArn) for each in parallel. Needs the static key:
 * without it the callback gets YC_ERR_AUTH saying so (the form then takes a typed ARN). When
 * only some ARNs fail, the list still arrives (those queues with arn NULL) and err says why. */
api_req api_list_queues(struct api *api, const char *name_prefix, api_done_fn cb, void *ud);
/* ReceiveMessage (max 1..10, no long poll); never retried, since receiving hides the messages. */
api_req api_receive_messages(struct api *api, const char *queue_url, int max, api_done_fn cb, void *ud);
/* POST {invoke}/{function_id}[?integration=async][&tag=...] with body, with the IAM token.
 * u.invoke holds the status, x-request-id and the body (at most 64 KiB) whatever the status;
 * err is set too when it is not 2xx. Never retried (an invocation is not idempotent). */
api_req api_invoke(struct api *api, const char *function_id, const char *tag, bool async, const char *body,
		   size_t len, api_done_fn cb, void *ud);

/* Cancels a request: its callback runs once with YC_ERR_CANCELLED from the next api_step.
 * Callbacks run only from api_step (or api_wait); they may submit and cancel requests. */
void api_cancel(struct api *api, api_req req);

/* ---------- driving it ---------- */

/* Waits up to timeout_ms (-1 = until something happens) for curl's sockets, its timers, or any
 * of the extra fds (their revents filled). Never busy-loops: with nothing running it only waits
 * on the extra fds. Returns -1 on EINTR (a signal: the caller checks its flags), else 0. */
int api_poll(struct api *api, struct pollfd *extra, int n_extra, int timeout_ms);
/* Moves every transfer on and runs the callbacks of those that finished. Returns how many
 * requests are still running. */
int api_step(struct api *api);
/* Blocking: steps until req has finished (its callback ran). */
void api_wait(struct api *api, api_req req);
int api_running(const struct api *api);
/* Counters for tests and the benchmark. */
struct api_stats {
	unsigned long requests;      /* HTTP requests sent, retries and token exchanges included */
	unsigned long retries;       /* of them, resends after a failure or a 401 */
	unsigned long connections;   /* new TCP/TLS connections (the rest reused one) */
	unsigned long token_fetches; /* IAM token exchanges started */
};
void api_get_stats(const struct api *api, struct api_stats *out);

/* A fresh UUID v4 (from /dev/urandom) into buf (>= 37 bytes). */
void api_new_idempotency_key(char *buf);

#endif
