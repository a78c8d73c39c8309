/* fuzz_model_draft — the draft file as found on disk: model_draft_load on arbitrary bytes,
 * then everything a loaded draft is used for (validation, request, command, diff, save). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"

static char dir[64];

static void use(struct yc_draft *d)
{
	struct yc_error errs[4];
	struct yc_diff df;
	struct yc_version base = {0};
	base.id = "d4ever";
	base.function_id = "d4efun";
	model_draft_validate(d, errs, 4);
	cJSON *body = model_build_create_request(d, &base, NULL);
	free(model_request_print(body));
	cJSON_Delete(body);
	free(model_yc_command(d, &base));
	if (model_draft_diff(d, YC_LANG_RU, &df) == 0)
		yc_diff_free(&df);
	for (int i = 0; i < YC_F__COUNT; i++) {
		model_field_visible(d, (enum yc_field)i);
		model_draft_field_dirty(d, (enum yc_field)i);
	}
	/* What loaded must save and load back the same. */
	char path[128];
	struct yc_draft back;
	snprintf(path, sizeof path, "%s/again.json", dir);
	if (model_draft_save(d, path, NULL) < 0 || model_draft_load(&back, path, NULL) < 0)
		abort();
	for (int i = 0; i < YC_F__COUNT; i++)
		if (strcmp(back.value[i], d->value[i]) != 0 || strcmp(back.orig[i], d->orig[i]) != 0)
			abort();
	model_draft_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); /* NOLINT(readability-identifier-naming): libFuzzer's name */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) /* NOLINT(readability-identifier-naming) */
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/ycfn-fuzz-draft-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	char path[128];
	snprintf(path, sizeof path, "%s/draft.json", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	struct yc_draft d;
	struct yc_error err;
	if (model_draft_load(&d, path, &err) == 0) {
		use(&d);
		model_draft_free(&d);
	}
	return 0;
}
