/* emulator.h — a local Yandex Cloud for ycfn: every endpoint of docs/yandex-api.md on one port,
 * over libmicrohttpd. Runs as its own program (ycfn-emulator) or inside ycfn (--demo) and the
 * tests, on 127.0.0.1 with an ephemeral port, in its own threads.
 *
 * Tests drive it over HTTP through the /_emu/ control routes (docs/emulator.md): faults,
 * latency, the request log, counters, settings, the demo credentials.
 */
#ifndef YCFN_EMULATOR_H
#define YCFN_EMULATOR_H

#include <stdbool.h>

#include "model/model.h"

struct emu_options {
	const char *bind_addr;     /* NULL = 127.0.0.1 */
	int port;                  /* 0 = ephemeral */
	const char *state_file;    /* NULL = in memory only; else loaded at start, saved on change */
	int generate;              /* > 0: add that many functions, service accounts and queues
				    * (to a fresh world only: not when a state file was loaded) */
	long operation_delay_ms;   /* createVersion's operation is done after this; 0 = default 300,
				    * < 0 = done at once */
	long token_ttl_s;          /* IAM token lifetime; default 43200 */
	long latency_ms;           /* added to every answer (route "*"), as POST /_emu/latency would;
				    * 0 = none, at most 600000; back after /_emu/reset */
	const char *tls_cert_file; /* both set = HTTPS */
	const char *tls_key_file;
	unsigned seed;             /* for the generated world and request ids */
	bool quiet;                /* no log lines on stderr (else one line per request:
				    * method, path, status, request id — never headers or bodies) */
};

struct emu;

/* Starts listening (its own threads: one per connection, one for async invocations) and
 * returns; NULL with *err filled (kind, what_en/what_ru, field "bind" for a bad address) when it
 * cannot. The strings of opt are copied. */
struct emu *emu_start(const struct emu_options *opt, struct yc_error *err);
/* Stops: waits for the requests in flight (a "hang" fault or a long poll ends at once), saves the
 * state file when there is one, frees everything. NULL is fine. */
void emu_stop(struct emu *emu);
int emu_port(const struct emu *emu);
/* "http://127.0.0.1:PORT" (or https); owned by emu. */
const char *emu_url(const struct emu *emu);

/* The seeded demo credentials, so that ycfn --demo walks the real auth path:
 * an OAuth token exchanged at iam/v1/tokens, and the static key that signs Message Queue calls.
 * Static strings. */
const char *emu_demo_oauth_token(void);
const char *emu_demo_cloud_id(void);
const char *emu_demo_folder_id(void);
const char *emu_demo_aws_key_id(void);
const char *emu_demo_aws_secret(void);

#endif
