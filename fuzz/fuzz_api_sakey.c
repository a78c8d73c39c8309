/* fuzz_api_sakey — the service account's authorized key file on arbitrary bytes, and the PS256
 * JWT signed with whatever key it held (a PEM that is no key must fail cleanly). */
#include <stdint.h>
#include <stdlib.h>

#include "api/api_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* NOLINT(readability-identifier-naming): libFuzzer's name */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) /* NOLINT(readability-identifier-naming) */
{
	struct api_sa_key k;
	struct yc_error err;
	yc_error_clear(&err);
	if (api_sa_key_parse((const char *)data, size, &k, &err) != 0)
		return 0;
	char *jwt = api_jwt_sign(&k, "https://iam.api.cloud.yandex.net/iam/v1/tokens", 1700000000LL, &err);
	free(jwt);
	api_sa_key_free(&k);
	return 0;
}
