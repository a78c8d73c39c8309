/* emu_internal.h — what the emulator's files share: the world (clouds, folders, functions,
 * versions, service accounts, queues, operations, tokens), the server, one request and one
 * answer. Not for use outside src/emulator.
 *
 * Locking: one mutex (emu->lock) guards the world, the faults, the log and the counters.
 * Every route handler runs with it held; only waiting (latency, hang, long polls) runs without.
 */
#ifndef YCFN_EMU_INTERNAL_H
#define YCFN_EMU_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "emulator/emulator.h"

/* The largest request body we take: a createVersion with a 52428800-byte base64 zip, plus JSON. */
#define EMU_BODY_MAX (53u * 1024u * 1024u)
/* What the request log keeps of each body. */
#define EMU_LOG_BODY_MAX (64u * 1024u)
/* The request log keeps the last this many requests. */
#define EMU_LOG_MAX 20000
/* ...and at most this many bytes of bodies in all. */
#define EMU_LOG_BYTES_MAX (64u * 1024u * 1024u)
#define EMU_ID_LEN 20
#define EMU_PAGE_MAX 1000
#define EMU_PAGE_DEFAULT 100

/* ---------- small tools (emu_util.c) ---------- */

/* A string -> pointer hash map; keys are copied, values are not owned. */
struct emu_map_slot {
	char *key;
	void *val;
};
struct emu_map {
	struct emu_map_slot *slots;
	size_t cap, n;
};
void *emu_map_get(const struct emu_map *m, const char *key);
int emu_map_put(struct emu_map *m, const char *key, void *val);
void emu_map_free(struct emu_map *m);

/* A growable array of pointers. */
struct emu_vec {
	void **items;
	size_t n, cap;
};
int emu_vec_push(struct emu_vec *v, void *p);
void emu_vec_free(struct emu_vec *v);

/* A growable byte buffer with a cap; buf is always NUL-terminated. */
struct emu_buf {
	char *buf;
	size_t len, cap, max;
	bool too_big;
};
int emu_buf_add(struct emu_buf *b, const void *data, size_t n);
int emu_buf_printf(struct emu_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void emu_buf_free(struct emu_buf *b);

uint64_t emu_rand(uint64_t *state);
/* "b1g" + 17 chars of [a-v0-9]: the look of real ids. out has room for 21 bytes. */
void emu_make_id(uint64_t *rng, const char *prefix, char out[EMU_ID_LEN + 1]);
/* A UUID v4 for request ids. */
void emu_make_uuid(uint64_t *rng, char out[37]);
long long emu_now_ms(void);            /* CLOCK_REALTIME */
long long emu_mono_ms(void);           /* CLOCK_MONOTONIC */
/* pthread_cond_timedwait for at most ms milliseconds from now (the condition variables use the
 * default clock, CLOCK_REALTIME); lock is held on entry and on return. */
void emu_cond_wait_ms(pthread_cond_t *cv, pthread_mutex_t *lock, long long ms);
/* RFC 3339 with nanoseconds, UTC. */
void emu_rfc3339(long long unix_ms, char out[40]);
char *emu_strdup(const char *s);       /* NULL stays NULL; aborts never, returns NULL on OOM */
/* base64url without padding of a non-negative number: our opaque page tokens. */
void emu_page_token(size_t next, char out[32]);
/* -1 = malformed */
long emu_page_token_parse(const char *tok);
int emu_base64url_decode(const char *in, size_t n, unsigned char **out, size_t *out_n);
int emu_base64_encode(const unsigned char *in, size_t n, char **out);
void emu_hex(const unsigned char *in, size_t n, char *out);
/* Sleeps ms, waking every 20 ms to see if the emulator stops. */
void emu_sleep_ms(struct emu *emu, long ms);

/* ---------- the world (emu_world.c, emu_seed.c) ---------- */

enum emu_behaviour {
	EMU_BEH_ECHO = 0,   /* answers {"echo": <request body>} */
	EMU_BEH_FAIL_N,     /* fails fail_times attempts of each invocation, then echoes */
	EMU_BEH_FAIL,       /* always fails */
	EMU_BEH_TIMEOUT     /* always exceeds its execution timeout */
};
const char *emu_behaviour_name(enum emu_behaviour b);
int emu_behaviour_parse(const char *s, enum emu_behaviour *out);

struct emu_cloud {
	char id[EMU_ID_LEN + 1];
	char *name, *description;
	char created_at[40];
};
struct emu_folder {
	char id[EMU_ID_LEN + 1], cloud_id[EMU_ID_LEN + 1];
	char *name, *description;
	char created_at[40];
};
struct emu_version;
struct emu_function {
	char id[EMU_ID_LEN + 1], folder_id[EMU_ID_LEN + 1];
	char *name, *description;
	char created_at[40];
	char log_group_id[EMU_ID_LEN + 1];
	cJSON *labels; /* object or NULL */
	enum emu_behaviour behaviour;
	int fail_times;
	bool generated;          /* by --generate: gets its first version when first asked */
	struct emu_vec versions; /* struct emu_version *, oldest first */
};
struct emu_version {
	char id[EMU_ID_LEN + 1];
	struct emu_function *fn;
	cJSON *json; /* the REST Version, owned */
};
struct emu_sa {
	char id[EMU_ID_LEN + 1], folder_id[EMU_ID_LEN + 1];
	char *name, *description;
	char created_at[40];
};
struct emu_message {
	char id[37];
	char receipt[64];
	char md5[33];
	char *body;
	long long sent_ms, visible_at_ms;
	int receive_count;
};
struct emu_queue {
	char id[EMU_ID_LEN + 1], folder_id[EMU_ID_LEN + 1];
	char *name;
	char created_at[40];
	struct emu_message *msgs;
	size_t nmsgs, capmsgs;
};
struct emu_operation {
	char id[EMU_ID_LEN + 1];
	char version_id[EMU_ID_LEN + 1];
	char function_id[EMU_ID_LEN + 1];
	char created_by[EMU_ID_LEN + 1];
	char created_at[40];
	long long created_ms, done_at_ms; /* realtime ms */
	int error_code;          /* != 0: an injected failure, done with this google.rpc.Status */
	char error_message[256];
	char request_id[37];     /* of the createVersion request, for the error's RequestInfo */
};

struct emu_world {
	uint64_t rng;
	struct emu_vec clouds, folders, functions, sas, queues, operations;
	struct emu_map fn_by_id, ver_by_id, sa_by_id, op_by_id, queue_by_key, idem, tokens;
	struct emu_vec tokens_owned; /* struct emu_token * */
};
struct emu_token {
	long long expires_ms;
	char subject[EMU_ID_LEN + 1];
};

struct emu_world *emu_world_new(uint64_t seed);
void emu_world_free(struct emu_world *w);
/* Seeds the demo world (emu_seed.c). */
int emu_world_seed(struct emu_world *w);
/* N functions, service accounts and queues in the demo folder. */
int emu_world_generate(struct emu_world *w, int n);

struct emu_function *emu_world_add_function(struct emu_world *w, const char *id, const char *folder_id, const char *name,
					    const char *description, const char *created_at);
struct emu_version *emu_world_add_version(struct emu_world *w, struct emu_function *fn, cJSON *json);
struct emu_sa *emu_world_add_sa(struct emu_world *w, const char *id, const char *folder_id, const char *name,
				const char *description, const char *created_at);
struct emu_queue *emu_world_add_queue(struct emu_world *w, const char *id, const char *folder_id, const char *name,
				      const char *created_at);
struct emu_queue *emu_world_queue(struct emu_world *w, const char *folder_id, const char *name);
/* Moves tag to v (removing it from the function's other versions). */
void emu_world_set_tag(struct emu_version *v, const char *tag);
struct emu_version *emu_world_version_by_tag(struct emu_function *fn, const char *tag);
/* A generated function with no version yet gets one (so that 100000 of them cost no versions
 * until someone opens one); 0, or -1 when out of memory. */
int emu_world_materialize(struct emu_world *w, struct emu_function *fn);
int emu_queue_push(struct emu_world *w, struct emu_queue *q, const char *body, char *msg_id_out);

/* ---------- the server ---------- */

struct emu_fault {
	char id[16];
	char method[16]; /* "" = any */
	char path[256];  /* prefix; "" = every path */
	char kind[16];
	int count;       /* hits left; 0 = forever */
	bool after;
	int retry_after;
	int grpc_code;     /* operation_error: the Operation's error.code */
	char message[256]; /* operation_error: its error.message */
};
struct emu_latency {
	char method[16];
	char path[256];
	long ms;
};
struct emu_log_entry {
	cJSON *json;
};

struct emu_invocation; /* emu_invoke.c */

struct emu {
	struct emu_options opt; /* strings below are copies */
	char *bind_addr, *state_file;
	char *tls_cert, *tls_key;
	void *daemon; /* struct MHD_Daemon * */
	int port;
	char url[80];
	pthread_mutex_t lock;
	pthread_cond_t changed; /* broadcast when a queue gets a message or the emulator stops */
	atomic_bool stopping;
	struct emu_world *w;
	long long operation_delay_ms, token_ttl_s, retry_delay_ms;
	uint64_t req_rng;

	struct emu_fault *faults;
	size_t nfaults, capfaults;
	int fault_seq;
	struct emu_latency *latencies;
	size_t nlat, caplat;
	cJSON *log; /* array */
	size_t nlog, log_bytes;
	cJSON *by_route; /* object route -> count */
	long long n_requests, n_versions_created, n_tokens_issued;
	atomic_llong n_connections;

	/* the seeded service-account authorized key */
	EVP_PKEY *sa_pkey;
	char sa_key_id[EMU_ID_LEN + 1];
	char sa_id[EMU_ID_LEN + 1];
	char *sa_pub_pem, *sa_priv_pem;

	/* async invocations (emu_invoke.c) */
	pthread_t invoker;
	pthread_cond_t invoke_cv; /* wakes the invoker: a new invocation, or stop */
	bool invoker_started;
	struct emu_vec invocations; /* struct emu_invocation *, in order */
};

/* ---------- one request, one answer ---------- */

struct emu_header {
	char *name, *value;
};
struct emu_resp {
	int status;
	char *body; /* owned */
	size_t len;
	const char *ctype;
	struct emu_header hdr[6];
	int nhdr;
	/* special answers (faults) */
	enum { EMU_SEND_NORMAL, EMU_SEND_HANG, EMU_SEND_RESET, EMU_SEND_OVERSIZED } send;
};
struct emu_req;
struct emu_resp;
typedef void (*emu_handler_fn)(struct emu_req *r, struct emu_resp *resp);
struct emu_req {
	struct emu *emu;
	void *conn; /* struct MHD_Connection * */
	const char *method;
	const char *path;
	struct emu_buf body;
	char request_id[37];
	char route[128]; /* the route's pattern, for stats */
	char params[4][160]; /* path parameters ({id}) */
	int nparams;
	emu_handler_fn handler; /* set by emu_route_name, NULL = no such route */
	bool is_sqs;
	long long t0_ms; /* monotonic, when the request began */
	const struct emu_fault *op_fault; /* an operation_error fault createVersion answers with */
};

const char *emu_req_header(const struct emu_req *r, const char *name);
const char *emu_req_query(const struct emu_req *r, const char *name);
/* The query string as sent (re-encoded), malloc'd; mask_secrets: secret-named values are ***. */
char *emu_req_query_string(const struct emu_req *r, bool mask_secrets);
/* A header, field or parameter name that holds a secret (authorization, token, key, ...). */
bool emu_secret_name(const char *name);
bool emu_req_from_loopback(const struct emu_req *r);

void emu_resp_json(struct emu_resp *resp, int status, cJSON *json); /* takes json */
void emu_resp_text(struct emu_resp *resp, int status, const char *ctype, const char *text);
void emu_resp_header(struct emu_resp *resp, const char *name, const char *value);
void emu_resp_free(struct emu_resp *resp);
/* google.rpc.Status with the HTTP status of its code; field (may be NULL) adds a BadRequest detail. */
void emu_resp_status(struct emu_resp *resp, const struct emu_req *r, int grpc_code, const char *field,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int emu_grpc_http(int grpc_code);
/* 401 unless a valid Bearer IAM token that we issued; returns true when the caller may go on. */
bool emu_require_token(struct emu_req *r, struct emu_resp *resp);

/* ---------- routes ---------- */

/* Finds and runs the route (lock held). */
void emu_route(struct emu_req *r, struct emu_resp *resp);
/* Names the route for stats and faults before running it. */
void emu_route_name(struct emu_req *r);

void emu_h_iam_token(struct emu_req *r, struct emu_resp *resp);
void emu_h_metadata_token(struct emu_req *r, struct emu_resp *resp);
void emu_h_sa_list(struct emu_req *r, struct emu_resp *resp);
void emu_h_sa_get(struct emu_req *r, struct emu_resp *resp);
void emu_h_clouds(struct emu_req *r, struct emu_resp *resp);
void emu_h_cloud_get(struct emu_req *r, struct emu_resp *resp);
void emu_h_folders(struct emu_req *r, struct emu_resp *resp);
void emu_h_folder_get(struct emu_req *r, struct emu_resp *resp);
void emu_h_functions(struct emu_req *r, struct emu_resp *resp);
void emu_h_function_get(struct emu_req *r, struct emu_resp *resp);
void emu_h_versions(struct emu_req *r, struct emu_resp *resp);
void emu_h_version_get(struct emu_req *r, struct emu_resp *resp);
void emu_h_version_by_tag(struct emu_req *r, struct emu_resp *resp);
void emu_h_runtimes(struct emu_req *r, struct emu_resp *resp);
void emu_h_create_version(struct emu_req *r, struct emu_resp *resp);
void emu_h_operation_get(struct emu_req *r, struct emu_resp *resp);
void emu_h_sqs(struct emu_req *r, struct emu_resp *resp);
void emu_h_invoke(struct emu_req *r, struct emu_resp *resp);
/* control (emu_control.c) */
void emu_h_control(struct emu_req *r, struct emu_resp *resp);

/* Page parameters: pageSize (default, max) and pageToken; false = an error answer was made. */
bool emu_page_params(struct emu_req *r, struct emu_resp *resp, size_t max, size_t *size, size_t *start);

bool emu_runtime_known(const char *id);
/* The function of that id, or a 404 answer and NULL. */
struct emu_function *emu_function_or_404(struct emu_req *r, struct emu_resp *resp, const char *id);

/* JSON of things (emu_json.c) */
/* A resource object started with what every resource has, in the API's order: id, the parent's
 * id under parent_key (none when parent_key is NULL), createdAt, name, description (left out
 * when empty). The caller adds the rest and owns the object. */
cJSON *emu_json_resource(const char *id, const char *parent_key, const char *parent_id, const char *created_at,
			 const char *name, const char *description);
cJSON *emu_json_function(const struct emu *emu, const struct emu_function *f);
cJSON *emu_json_sa(const struct emu_sa *s);
cJSON *emu_json_operation(const struct emu *emu, const struct emu_operation *op);
cJSON *emu_json_parse_body(struct emu_req *r, struct emu_resp *resp); /* NULL = answered 400 */

/* the fault engine (emu_faults.c) */
bool emu_fault_take(struct emu *emu, struct emu_req *r, bool after, struct emu_fault *out);
void emu_fault_apply(struct emu_req *r, const struct emu_fault *f, struct emu_resp *resp);
long emu_latency_for(struct emu *emu, const struct emu_req *r);
/* Sets the latency of a route (method "" = any, path prefix "" = every path), replacing its
 * earlier one; ms 0 clears it. -1 when out of memory. */
int emu_latency_set(struct emu *emu, const char *method, const char *path, long ms);
void emu_log_request(struct emu *emu, struct emu_req *r);
void emu_faults_clear(struct emu *emu);
/* route "*" | "/prefix" | "METHOD /prefix" -> method ("" = any) and path prefix ("" = any). */
int emu_route_spec_parse(const char *spec, char method[16], char path[256]);
bool emu_fault_kind_known(const char *kind);
void emu_log_clear(struct emu *emu);

/* the JWT exchange (emu_jwt.c) */
int emu_sa_key_init(struct emu *emu);
/* Replaces the key with one from PEM (a state file's); copies both. */
int emu_sa_key_set(struct emu *emu, const char *priv_pem, const char *pub_pem);
void emu_sa_key_free(struct emu *emu);
/* 0 = valid; else -1 with why (static text). */
int emu_jwt_verify(struct emu *emu, const char *jwt, char *subject, size_t subject_n, const char **why);
cJSON *emu_sa_key_json(const struct emu *emu);

/* SigV4 (emu_sigv4.c): 0 = valid, else -1 with the SQS error code and message. */
int emu_sigv4_verify(struct emu_req *r, const char **code, const char **why);

/* async invocation (emu_invoke.c) */
int emu_invoker_start(struct emu *emu);
void emu_invoker_stop(struct emu *emu);
cJSON *emu_invocations_json(struct emu *emu);
void emu_invocations_clear(struct emu *emu);

/* state (emu_state.c) */
int emu_state_load(struct emu *emu, const char *path, bool *loaded, struct yc_error *err);
int emu_state_save(struct emu *emu, const char *path);

/* the world of a fresh start (the state file when use_state and it exists, else the seed and
 * --generate): start uses the state, reset does not */
int emu_world_init(struct emu *emu, bool use_state, struct yc_error *err);

void emu_err(struct yc_error *err, enum yc_err_kind kind, const char *what_en, const char *what_ru);

#endif
