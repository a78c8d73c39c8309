/* fuzz_api_ycconfig — the yc CLI's config.yaml (libyaml) and ~/.aws/credentials readers on
 * arbitrary bytes: the current profile, a named one, and an INI profile. */
#include <stdint.h>
#include <stdlib.h>

#include "api/api_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* NOLINT(readability-identifier-naming): libFuzzer's name */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) /* NOLINT(readability-identifier-naming) */
{
	const char *text = (const char *)data;
	static const char *const profiles[] = {NULL, "default", "work"};
	for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		struct api_yc_profile p;
		struct yc_error err;
		yc_error_clear(&err);
		if (api_ycconfig_parse(text, size, "config.yaml", profiles[i], &p, &err) == 0)
			api_yc_profile_free(&p);
	}
	char *id = NULL, *secret = NULL;
	struct yc_error err;
	api_awscred_parse(text, size, NULL, &id, &secret, &err);
	free(id);
	free(secret);
	return 0;
}
