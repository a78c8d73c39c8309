/* json_path.c — see json_path.h. */
#include "json_path.h"

#include <stdio.h>
#include <string.h>

const char *jstr(const cJSON *o, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	const cJSON *cur = o;
	for (char *save = NULL, *k = strtok_r(buf, ".", &save); k && cur; k = strtok_r(NULL, ".", &save))
		cur = cJSON_GetObjectItemCaseSensitive(cur, k);
	return cur && cJSON_IsString(cur) ? cur->valuestring : NULL; /* cur: for clang-analyzer */
}
