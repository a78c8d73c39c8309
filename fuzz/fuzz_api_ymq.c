/* fuzz_api_ymq — every Message Queue XML reader (libxml2, no network, no DTD) on arbitrary
 * bytes: queue URLs, the QueueArn attribute, received messages, and an ErrorResponse. */
#include <stdint.h>
#include <stdlib.h>

#include "api/api_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* NOLINT(readability-identifier-naming): libFuzzer's name */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) /* NOLINT(readability-identifier-naming) */
{
	const char *xml = (const char *)data;
	struct yc_error err;
	yc_error_clear(&err);
	struct yc_queue_list q = {0};
	api_ymq_parse_queue_urls(xml, size, &q, &err);
	yc_queue_list_free(&q);
	char *arn = NULL;
	api_ymq_parse_queue_arn(xml, size, &arn, &err);
	free(arn);
	struct yc_message_list m = {0};
	api_ymq_parse_messages(xml, size, &m, &err);
	yc_message_list_free(&m);
	yc_error_clear(&err);
	api_ymq_parse_error(xml, size, &err);
	return 0;
}
