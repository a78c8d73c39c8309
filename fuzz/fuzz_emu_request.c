/* fuzz_emu_request — the emulator's request handling on arbitrary bytes. Odd first byte: the
 * rest is raw HTTP sent over loopback to an emulator running in this process (MHD's parsing,
 * the router, every service's reading of headers, query and body; "@TOKEN@" becomes a valid IAM
 * token, and /_emu/ is kept out of reach so that no input can arm a hang). Even first byte: the
 * rest goes straight to createVersion's validation and the value parsers. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "emulator/emu_internal.h"
#include "emulator/emu_validate.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct emu *g_emu;
static struct emu_world *g_world;
static char g_token[256];

/* One raw exchange; the answer is read and dropped. */
static void exchange(const char *req, size_t n, char *answer, size_t answer_n)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)emu_port(g_emu))};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct timeval tv = {.tv_sec = 2};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0) {
		for (size_t done = 0; done < n;) {
			ssize_t k = send(fd, req + done, n - done, MSG_NOSIGNAL);
			if (k <= 0)
				break;
			done += (size_t)k;
		}
		shutdown(fd, SHUT_WR);
		size_t got = 0;
		char sink[4096];
		for (;;) {
			ssize_t k = recv(fd, sink, sizeof(sink), 0);
			if (k <= 0)
				break;
			if (answer && got + 1 < answer_n) {
				size_t c = (size_t)k < answer_n - got - 1 ? (size_t)k : answer_n - got - 1;
				memcpy(answer + got, sink, c);
				got += c;
				answer[got] = '\0';
			}
		}
	}
	close(fd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct emu_options o = {.quiet = true, .seed = 1, .operation_delay_ms = 1};
	struct yc_error err;
	g_emu = emu_start(&o, &err);
	if (!g_emu)
		abort();
	char req[512], answer[4096] = "";
	char body[160];
	snprintf(body, sizeof(body), "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	int n = snprintf(req, sizeof(req), "POST /iam/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\n\r\n%s",
			 strlen(body), body);
	exchange(req, (size_t)n, answer, sizeof(answer));
	const char *t = strstr(answer, "\"iamToken\":\"");
	if (!t)
		abort();
	snprintf(g_token, sizeof(g_token), "%.*s", (int)strcspn(t + 12, "\""), t + 12);
	g_world = emu_world_new(1);
	if (!g_world || emu_world_seed(g_world))
		abort();
	return 0;
}

static void raw_http(const uint8_t *data, size_t size)
{
	struct emu_buf b = {.max = 1 << 20};
	emu_buf_add(&b, "", 0);
	for (size_t i = 0; i < size;) {
		if (size - i >= 7 && !memcmp(data + i, "@TOKEN@", 7)) {
			emu_buf_add(&b, g_token, strlen(g_token));
			i += 7;
		} else if (size - i >= 5 && !memcmp(data + i, "/_emu", 5)) {
			emu_buf_add(&b, "/_xmu", 5);
			i += 5;
		} else {
			emu_buf_add(&b, data + i, 1);
			i++;
		}
	}
	exchange(b.buf, b.len, NULL, 0);
	emu_buf_free(&b);
}

static void direct(const uint8_t *data, size_t size)
{
	bool real = size && data[0] == 'R';
	if (real) {
		data++;
		size--;
	}
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	cJSON *j = cJSON_ParseWithLength(s, size);
	if (cJSON_IsObject(j)) {
		struct emu_function *fn = NULL;
		struct emu_check c;
		/* point functionId/versionId at a real pair sometimes, so the deeper checks run */
		if (real) {
			struct emu_function *f = g_world->functions.items[0];
			struct emu_version *v = f->versions.items[0];
			cJSON_DeleteItemFromObjectCaseSensitive(j, "functionId");
			cJSON_DeleteItemFromObjectCaseSensitive(j, "versionId");
			cJSON_AddStringToObject(j, "functionId", f->id);
			cJSON_AddStringToObject(j, "versionId", v->id);
		}
		emu_validate_create(g_world, j, &fn, &c);
	}
	cJSON_Delete(j);
	char folder[64], name[128];
	emu_arn_parse(s, folder, sizeof(folder), name, sizeof(name));
	emu_page_token_parse(s);
	long long ms;
	cJSON *str = cJSON_CreateString(s);
	emu_json_duration_ms(str, &ms);
	emu_json_int64(str, &ms);
	cJSON_Delete(str);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		raw_http(data + 1, size - 1);
	else
		direct(data + 1, size - 1);
	return 0;
}
