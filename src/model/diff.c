/* diff.c — what will change, field by field, in words a reader knows ("128 MB", "Не указано"). */
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

char *model_field_describe(enum yc_field f, const char *text, enum yc_lang lang)
{
	if ((unsigned)f >= YC_F__COUNT)
		return strdup("");
	if (!text)
		text = "";
	if (model_fields[f].describe)
		return model_fields[f].describe(text, lang);
	if (!*text)
		return strdup(lang == YC_LANG_EN ? "Not specified" : "Не указано");
	return strdup(text);
}

void yc_diff_free(struct yc_diff *diff)
{
	if (!diff)
		return;
	for (size_t i = 0; i < diff->n; i++) {
		free(diff->rows[i].old_text);
		free(diff->rows[i].new_text);
	}
	free(diff->rows);
	memset(diff, 0, sizeof *diff);
}

int model_draft_diff(const struct yc_draft *d, enum yc_lang lang, struct yc_diff *out)
{
	memset(out, 0, sizeof *out);
	/* The draft as the base version had it: same struct, orig texts as values (borrowed). */
	struct yc_draft before = *d;
	memcpy(before.value, d->orig, sizeof before.value);
	if (!(out->rows = calloc(YC_F__COUNT, sizeof *out->rows)))
		return -1;
	for (int i = 0; i < YC_F__COUNT; i++) {
		enum yc_field f = (enum yc_field)i;
		bool was = model_field_visible(&before, f), is = model_field_visible(d, f);
		if (!is || (was && !model_draft_field_dirty(d, f)))
			continue;
		char *o = was ? model_field_describe(f, d->orig[i], lang) : strdup("—");
		char *n = model_field_describe(f, d->value[i], lang);
		if (!o || !n) {
			free(o);
			free(n);
			yc_diff_free(out);
			return -1;
		}
		if (strcmp(o, n) == 0) {
			free(o);
			free(n);
			continue;
		}
		out->rows[out->n++] = (struct yc_diff_row){f, o, n};
	}
	return 0;
}
