/* emu_test.h — the emulator tests' HTTP client: libcurl + cJSON, never the api module, so that
 * the emulator is checked on its own. */
#ifndef YCFN_EMU_TEST_H
#define YCFN_EMU_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "emulator/emulator.h"

struct th_resp {
	long status;
	CURLcode curl;
	char *body; /* NUL-terminated, capped at 80 MiB */
	size_t len, cap;
	char request_id[80];
	char retry_after[16];
	char content_type[80];
	cJSON *json; /* body parsed, or NULL */
};

/* The group state of the tests that talk to one emulator with one IAM token: th_setup_with_token
 * starts the emulator and gets the token into *state; th_teardown_with_token stops and frees it. */
struct th_ctx {
	struct emu *emu;
	char *token; /* the demo OAuth token's IAM token */
};
int th_setup_with_token(void **state);
int th_teardown_with_token(void **state);
/* The id of the function called name in folder (fails the test unless there is one). */
void th_function_id(struct th_ctx *c, const char *folder, const char *name, char out[32]);

/* Starts an emulator on 127.0.0.1 with an ephemeral port (o may be NULL); fails the test if not. */
struct emu *th_start(const struct emu_options *o);
/* One request. headers: NULL-terminated list of "Name: value" (may be NULL). timeout_ms 0 = 10 s. */
int th_http(const char *method, const char *url, const char *token, const char *body, const char *const *headers,
	    long timeout_ms, struct th_resp *out);
void th_resp_free(struct th_resp *r);
/* GET/POST base+path, asserting nothing; json parsed. */
struct th_resp th_get(struct emu *emu, const char *path, const char *token);
struct th_resp th_post(struct emu *emu, const char *path, const char *token, const char *body);
/* An IAM token for the demo OAuth token (malloc'd). */
char *th_token(struct emu *emu);
/* A field of r->json, or "" */
const char *th_str(const cJSON *o, const char *key);
/* POST a control route, asserting 200. */
void th_control(struct emu *emu, const char *method, const char *path, const char *body);
/* Reads a control counter from /_emu/stats. */
double th_stat(struct emu *emu, const char *key);
/* Polls cond every 10 ms until it is true or deadline_ms passes; returns its last value. */
#define TH_WAIT(cond, deadline_ms)                                                                  \
	({                                                                                         \
		long long th_end_ = th_now_ms() + (deadline_ms);                                  \
		bool th_ok_;                                                                       \
		while (!(th_ok_ = (cond)) && th_now_ms() < th_end_)                                \
			th_sleep_ms(10);                                                           \
		th_ok_;                                                                            \
	})
long long th_now_ms(void);
void th_sleep_ms(long ms);
/* A temp dir made for this test (removed by the caller with th_rmdir). */
char *th_tmpdir(void);
void th_rmdir(const char *dir);

/* POST form to / for Message Queue, signed by libcurl's SigV4 with key:secret (NULL = unsigned). */
struct th_resp th_sqs(struct emu *emu, const char *form, const char *key, const char *secret);
/* The text between the first <tag> and </tag> (fails the test when absent). */
void th_between(const char *s, const char *tag, char *out, size_t n);
void th_xml_unescape(char *s);

#endif
