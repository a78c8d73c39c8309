/* fuzz_api_errors — an HTTP error answer of any shape (google.rpc.Status JSON, SQS XML, junk)
 * into the one yc_error, for any call and status; then the secret masker over the same bytes.
 * The first two bytes pick the call and the status. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* NOLINT(readability-identifier-naming): libFuzzer's name */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) /* NOLINT(readability-identifier-naming) */
{
	if (size < 2)
		return 0;
	enum api_call call = (enum api_call)(data[0] % API_CALL__COUNT);
	static const long statuses[] = {400, 401, 403, 404, 409, 429, 500, 502, 503, 504, 418, 302};
	long status = statuses[data[1] % (sizeof statuses / sizeof statuses[0])];
	const char *body = (const char *)data + 2;
	size_t len = size - 2;
	struct yc_error err;
	api_error_from_http(call, data[1] & 0x80, status, body, len, "req-1", &err);
	char line[2048];
	yc_error_format(&err, YC_LANG_RU, line, sizeof line);
	yc_error_format(&err, YC_LANG_EN, line, sizeof line);

	char *text = malloc(len + 1);
	if (!text)
		return 0;
	memcpy(text, body, len);
	text[len] = '\0';
	const char *known[] = {"s3cret", NULL};
	char *masked = api_mask_secrets(text, known, 2);
	if (masked && strstr(masked, "s3cret"))
		abort(); /* a known secret survived the mask */
	free(masked);
	free(text);
	return 0;
}
