/* retry.c — when a failed request is worth another attempt, and how long to wait first.
 *
 * Reads (GET, and Message Queue's read-only actions) are retried on anything transient; the
 * createVersion POST only on what a resend with the same Idempotency-Key makes safe; every other
 * request (invoke, ReceiveMessage) gets one attempt. A 4xx other than 429 is never retried: the
 * same request would get the same answer.
 */
#include "api/api_int.h"

#define RETRY_CAP_MS 5000L
#define RETRY_AFTER_CAP_S 30L

long api_retry_delay_ms(long base_ms, int attempt, long retry_after_s)
{
	if (retry_after_s > 0)
		return (retry_after_s > RETRY_AFTER_CAP_S ? RETRY_AFTER_CAP_S : retry_after_s) * 1000;
	long max = base_ms;
	for (int i = 2; i < attempt && max < RETRY_CAP_MS; i++)
		max *= 2;
	if (max > RETRY_CAP_MS)
		max = RETRY_CAP_MS;
	unsigned r;
	api_random(&r, sizeof r);
	/* "equal jitter": half fixed, half random, so retries never bunch at zero */
	return max / 2 + (long)(r % (unsigned long)(max / 2 + 1));
}

bool api_retry_wanted(enum api_retry_class cls, const struct yc_error *err)
{
	if (cls == API_RETRY_NEVER)
		return false;
	switch (err->kind) {
	case YC_ERR_NETWORK:
	case YC_ERR_TIMEOUT:
		return true;
	case YC_ERR_HTTP:
	case YC_ERR_API:
		return err->http_status == 429 || err->http_status >= 500;
	case YC_ERR_PARSE:
		/* a cut or garbled answer to a read (the engine never asks for "answer too large") */
		return cls == API_RETRY_IDEMPOTENT;
	default:
		return false;
	}
}
