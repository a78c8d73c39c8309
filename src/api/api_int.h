/* api_int.h — what the files of src/api/ share with each other (and the fuzz targets).
 * Not for the UI or the command line: they use api.h only.
 */
#ifndef YCFN_API_INT_H
#define YCFN_API_INT_H

#include <stdio.h>

#include <curl/curl.h>

#include "api/api.h"

/* The largest answer we keep in memory; past it the transfer is stopped (YC_ERR_PARSE). */
#define API_BODY_MAX (8u * 1024u * 1024u)
/* Local files we read (yc config, key file, aws credentials). */
#define API_FILE_MAX (1u * 1024u * 1024u)
#define API_PAGE_SIZE 1000

/* ---------- small helpers (util.c) ---------- */

struct api_buf {
	char *data; /* NUL-terminated when not NULL */
	size_t len, cap, max;
	bool too_big; /* also set for an answer that would be the same on a retry */
};
int api_buf_add(struct api_buf *b, const void *p, size_t n); /* -1 past max or no memory */
void api_buf_free(struct api_buf *b);

int64_t api_now_ms(void); /* monotonic */
char *api_strdup(const char *s);   /* NULL stays NULL */
void api_set_str(char **dst, const char *s);
void api_free_secret(char **s);    /* wipes before freeing */
/* Reads a whole file (at most max bytes) into *out (malloc'd, NUL-terminated). */
int api_read_file(const char *path, size_t max, char **out, size_t *len, struct yc_error *err);
/* Percent-encodes s for a URL query or form body (malloc'd). */
char *api_url_escape(const char *s);
/* Random bytes from the kernel; falls back to a time-seeded generator. */
void api_random(void *buf, size_t n);

/* ---------- configuration (config.c, ycconfig.c, awscred.c) ---------- */

int api_config_copy(struct api_config *dst, const struct api_config *src); /* deep; -1 = no memory */

/* The parts of one yc profile that ycfn uses. All malloc'd; NULL = absent. */
struct api_yc_profile {
	char *name;
	char *token, *sa_key_file, *sa_key_json, *cloud_id, *folder_id, *endpoint;
	bool instance_sa;
};
void api_yc_profile_free(struct api_yc_profile *p);
/* Parses a yc config.yaml text. profile NULL = the one named by `current`. path only names the
 * file in messages. Fails with YC_ERR_CONFIG naming file:line and the field. */
int api_ycconfig_parse(const char *text, size_t len, const char *path, const char *profile,
		       struct api_yc_profile *out, struct yc_error *err);
/* Parses an ~/.aws/credentials INI text for [profile] (NULL = "default"). Missing profile or
 * keys: 0 with both outputs left NULL. */
int api_awscred_parse(const char *text, size_t len, const char *profile, char **key_id, char **secret,
		      struct yc_error *err);

/* ---------- service-account keys and JWT (jwt.c) ---------- */

struct api_sa_key {
	char *id, *service_account_id;
	char *private_key_pem; /* secret, the PEM only ("PLEASE DO NOT REMOVE..." line dropped) */
};
void api_sa_key_free(struct api_sa_key *k);
/* Parses an authorized key JSON. */
int api_sa_key_parse(const char *text, size_t len, struct api_sa_key *out, struct yc_error *err);
/* A PS256 JWT for the token exchange (malloc'd, secret). now = seconds since the epoch. */
char *api_jwt_sign(const struct api_sa_key *key, const char *audience, long long now, struct yc_error *err);
char *api_base64url(const unsigned char *p, size_t n);

/* ---------- errors (errors.c) ---------- */

/* Turns an HTTP answer >= 400 into err: the google.rpc.Status when the body has one (YC_ERR_API),
 * else YC_ERR_HTTP; 401 is YC_ERR_AUTH. The hint names the probably missing role for 403. */
void api_error_from_http(enum api_call call, bool sa_involved, long status, const char *body, size_t len,
			 const char *request_id, struct yc_error *err);
/* A 429/503 that said Retry-After: the hint names the wait. */
void api_error_retry_after(struct yc_error *err, long seconds);
/* A transfer that got no usable answer. */
void api_error_from_curl(CURLcode rc, bool connected, bool too_big, const char *url, struct yc_error *err);
/* YC_ERR_PARSE for an answer that is not what the API documents. Keeps err's field when set. */
void api_error_bad_answer(enum api_call call, struct yc_error *err);
/* Prefixes a transport error's text with the call it broke ("listing functions: ..."). */
void api_error_for_call(enum api_call call, struct yc_error *err);
const char *api_call_name(enum api_call call);

/* ---------- Message Queue XML (ymq_xml.c) ---------- */

int api_ymq_parse_queue_urls(const char *xml, size_t len, struct yc_queue_list *out, struct yc_error *err);
/* The QueueArn attribute of a GetQueueAttributes answer (malloc'd). */
int api_ymq_parse_queue_arn(const char *xml, size_t len, char **arn, struct yc_error *err);
int api_ymq_parse_messages(const char *xml, size_t len, struct yc_message_list *out, struct yc_error *err);
/* An <ErrorResponse> into err (code, message, request id); -1 when it is not one. */
int api_ymq_parse_error(const char *xml, size_t len, struct yc_error *err);

/* ---------- retries (retry.c) ---------- */

enum api_retry_class {
	API_RETRY_NEVER,      /* not idempotent: one attempt */
	API_RETRY_IDEMPOTENT, /* GET and read-only POST: network, timeout, 5xx, 429, bad answer */
	API_RETRY_IDEM_KEY    /* createVersion with Idempotency-Key: network, timeout, 5xx, 429 */
};
/* Delay before attempt number `attempt` (2, 3, ...): exponential with full jitter, or the
 * server's Retry-After when it gave one. */
long api_retry_delay_ms(long base_ms, int attempt, long retry_after_s);
bool api_retry_wanted(enum api_retry_class cls, const struct yc_error *err);

/* ---------- debug log (debuglog.c) ---------- */

/* Masks every secret in text: the known ones (exact strings), Bearer values, JWTs, IAM/OAuth
 * token shapes and JSON members named like secrets. Returns a malloc'd copy. */
char *api_mask_secrets(const char *text, const char *const *known, size_t n_known);

/* ---------- the engine (engine.c) ---------- */

struct api_job;
struct api_xfer;

enum api_auth { API_AUTH_NONE, API_AUTH_BEARER, API_AUTH_SIGV4 };

/* What the job's handler gets when a transfer is over: err.kind NONE on a 2xx answer. json is
 * the parsed body when the transfer asked for JSON (owned by the engine). */
typedef void (*api_xfer_done_fn)(struct api_job *job, struct api_xfer *x, const struct yc_error *err,
				 const cJSON *json);

struct api_xfer {
	struct api_xfer *next;
	struct api *api;
	struct api_job *job; /* NULL for the token fetch */
	CURL *easy;
	struct curl_slist *headers;
	char *method, *url, *body, *idem_key, *content_type;
	size_t body_len;
	enum api_auth auth;
	enum api_retry_class retry;
	bool want_json;
	api_xfer_done_fn done;
	enum api_call call;
	long tag; /* the job's own use: the queue index, ... */
	/* state */
	bool running, waiting_token, auth_retried, dead, has_early_err;
	bool metadata_flavor; /* sends Metadata-Flavor: Google (the metadata service wants it) */
	struct yc_error early_err; /* fails at the next api_step without being sent */
	int attempt;
	int64_t not_before_ms, first_ms, started_ms;
	unsigned token_gen;
	struct api_buf resp;
	long status, retry_after_s;
	char request_id[80];
};

struct api_job {
	struct api_job *next;
	struct api *api;
	api_req id;
	api_done_fn cb;
	void *ud;
	struct api_result res;
	bool finished;
	int pending; /* transfers not over yet */
	bool sa_involved; /* createVersion names a service account: 403 may be iam.serviceAccounts.user */
	char *arg; /* the list's base URL, the operation id, ... */
	char *page_token; /* the last nextPageToken followed */
	long poll_interval_ms;
	int polls;
};

struct api_token_state {
	char *value;          /* secret */
	unsigned gen;         /* bumps on every new token */
	int64_t refresh_at_ms;
	bool fetching, renewable;
	bool metadata;        /* fetched from the VM's metadata service, not iam/v1/tokens */
	bool none;            /* no credentials at all: err says how to set them */
	struct yc_error err;  /* why the last fetch failed */
};

struct api_sock {
	curl_socket_t fd;
	int what;      /* CURL_POLL_IN / OUT / INOUT */
	short revents; /* from the last api_poll */
};

struct api {
	struct api_config cfg;
	CURLM *multi;
	struct api_sock *socks;
	size_t n_socks, cap_socks;
	int64_t curl_deadline_ms; /* -1 = curl wants no timer */
	struct api_xfer *xfers;
	struct api_job *jobs;
	api_req next_id;
	struct api_token_state tok;
	struct api_sa_key sa_key; /* parsed once */
	struct api_stats stats;
	FILE *log;
	char *base[API_SVC__COUNT];
};

struct api_job *api_job_new(struct api *api, enum api_call call, api_done_fn cb, void *ud);
/* The job is over (res.err says how); its callback runs from the next api_step. Cancels its
 * transfers still running. */
void api_job_finish(struct api_job *job);
/* A job that failed before any transfer: finished at once, callback from the next api_step. */
api_req api_job_fail(struct api_job *job, const struct yc_error *err);
/* api_job_fail with "Out of memory": building the request ran out of memory. */
api_req api_job_fail_nomem(struct api_job *job);

/* A transfer for job: url and body are copied. Sent from the next api_step. */
struct api_xfer *api_xfer_submit(struct api *api, struct api_job *job, const char *method, const char *url,
				 const char *body, size_t body_len, enum api_auth auth, api_xfer_done_fn done);
/* Holds a submitted transfer back until at (api_now_ms() time). */
void api_xfer_delay(struct api_xfer *x, int64_t at);
/* URL of a service path ("functions/v1/functions") under the config (malloc'd). */
char *api_url(const struct api *api, enum api_service svc, const char *path);

/* auth.c */
int api_auth_init(struct api *api, struct yc_error *err);
/* Has a usable token now? Else starts a fetch (once) and returns false: the caller waits. */
bool api_auth_ready(struct api *api);
/* A 401 with token generation gen: forget that token (when still current) and fetch anew. */
void api_auth_invalidate(struct api *api, unsigned gen);
/* The token fetch failed: why (for the waiting transfers). */
const struct yc_error *api_auth_error(const struct api *api);
bool api_auth_failed(const struct api *api);

/* engine.c: the waiting transfers move on once the token fetch is over. */
void api_engine_token_done(struct api *api);
/* engine.c: handles the transfers curl finished; starts those whose time came. */
void api_engine_read_done(struct api *api);
void api_engine_run_timers(struct api *api);
/* engine.c: takes the transfer off curl (safe on one that never started). */
void api_xfer_release(struct api *api, struct api_xfer *x);

/* debuglog.c */
void api_log_xfer(struct api *api, const struct api_xfer *x, const struct yc_error *err, int64_t ms);

#endif
