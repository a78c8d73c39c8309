#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

char *th_read_fixture(const char *name, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", MODEL_TEST_DATA, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

cJSON *th_json(const char *text)
{
	cJSON *j = NULL;
	struct yc_error err;
	yc_error_clear(&err);
	if (model_json_parse(text, strlen(text), &j, &err) < 0)
		fail_msg("JSON does not parse: %s %s", err.field, err.what_en);
	return j;
}

cJSON *th_json_fixture(const char *name)
{
	char *buf = th_read_fixture(name, NULL);
	cJSON *j = th_json(buf);
	free(buf);
	return j;
}

void th_version_fixture(const char *name, struct yc_version *v)
{
	cJSON *j = th_json_fixture(name);
	struct yc_error err;
	yc_error_clear(&err);
	if (model_parse_version(j, v, &err) < 0)
		fail_msg("version does not parse: %s %s", err.field, err.what_en);
	cJSON_Delete(j);
}
