/* fuzz_model_values — the value parsers on arbitrary text: memory, duration, queue ARN,
 * retries, and every field validator with the text typed into it. The first byte picks the
 * field; the rest is the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

static void values(const char *s)
{
	int64_t v;
	char a[64], b[128], buf[64];
	if (model_parse_memory(s, 0, &v, NULL) == 0)
		model_format_memory(v, buf, sizeof buf);
	if (model_parse_memory(s, 1 << 20, &v, NULL) == 0)
		model_format_memory(v, buf, sizeof buf);
	if (model_parse_duration(s, &v, NULL) == 0)
		model_format_duration(v, buf, sizeof buf);
	model_parse_queue_arn(s, a, sizeof a, b, sizeof b, NULL);
	model_parse_retries(s, &v, NULL);
	free(model_shell_quote(s));
}

static void field(enum yc_field f, const char *s)
{
	struct yc_draft d = {0};
	struct yc_error errs[YC_F__COUNT];
	static const char *const init[YC_F__COUNT] = {
		"python312", "index.handler", "5", "128", "", "", "A=1", "1", "3", "", "ymq",
		"yrn:yc:ymq:ru-central1:b1g:q", "aje", "ymq", "yrn:yc:ymq:ru-central1:b1g:f", "aje",
	};
	for (int i = 0; i < YC_F__COUNT; i++) {
		d.value[i] = strdup(init[i]);
		d.orig[i] = strdup(init[i]);
	}
	model_draft_set(&d, f, s);
	model_draft_validate(&d, errs, YC_F__COUNT);
	struct yc_version base = {0};
	base.id = "d4ever";
	base.function_id = "d4efun";
	d.function_id = strdup("d4efun");
	cJSON *body = model_build_create_request(&d, &base, NULL);
	free(model_request_print(body));
	cJSON_Delete(body);
	free(model_yc_command(&d, &base));
	struct yc_diff df;
	if (model_draft_diff(&d, YC_LANG_RU, &df) == 0)
		yc_diff_free(&df);
	char *desc = model_field_describe(f, s, YC_LANG_EN);
	free(desc);
	model_draft_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* NOLINT(readability-identifier-naming): libFuzzer's name */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) /* NOLINT(readability-identifier-naming) */
{
	if (size < 1 || size > 8192)
		return 0;
	char *s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	values(s);
	field((enum yc_field)(data[0] % YC_F__COUNT), s);
	free(s);
	return 0;
}
