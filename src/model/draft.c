/* draft.c — the form's edited state: what was typed, what the version had, what shows, what
 * is wrong. */
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void model_draft_free(struct yc_draft *d)
{
	if (!d)
		return;
	free(d->function_id);
	free(d->folder_id);
	free(d->base_version_id);
	for (int i = 0; i < YC_F__COUNT; i++) {
		free(d->value[i]);
		free(d->orig[i]);
	}
	memset(d, 0, sizeof *d);
}

int model_draft_from_version(struct yc_draft *d, const struct yc_version *v, struct yc_error *err)
{
	memset(d, 0, sizeof *d);
	d->function_id = mj_strdup(v->function_id);
	d->base_version_id = mj_strdup(v->id);
	bool ok = (!v->function_id || d->function_id) && (!v->id || d->base_version_id);
	for (int i = 0; ok && i < YC_F__COUNT; i++) {
		d->orig[i] = model_fields[i].from_version(v);
		d->value[i] = mj_strdup(d->orig[i]);
		ok = d->orig[i] && d->value[i];
	}
	if (!ok) {
		model_draft_free(d);
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
		return -1;
	}
	return 0;
}

int model_draft_set(struct yc_draft *d, enum yc_field f, const char *text)
{
	if ((unsigned)f >= YC_F__COUNT || !text || strlen(text) > MJ_STR_MAX)
		return -1;
	char *s = strdup(text);
	if (!s)
		return -1;
	free(d->value[f]);
	d->value[f] = s;
	return 0;
}

bool model_draft_field_dirty(const struct yc_draft *d, enum yc_field f)
{
	if ((unsigned)f >= YC_F__COUNT)
		return false;
	const char *v = d->value[f] ? d->value[f] : "", *o = d->orig[f] ? d->orig[f] : "";
	return strcmp(v, o) != 0;
}

/* Dirty and shown: a queue typed and then hidden by "Не указано" changes nothing. */
bool model_draft_dirty(const struct yc_draft *d)
{
	for (int i = 0; i < YC_F__COUNT; i++)
		if (model_field_visible(d, (enum yc_field)i) && model_draft_field_dirty(d, (enum yc_field)i))
			return true;
	return false;
}

/* A parent opens its children when it is a toggle that is on, or a target that is "ymq". */
static bool opens_children(const struct yc_draft *d, enum yc_field parent)
{
	const char *t = d->value[parent] ? d->value[parent] : "";
	if (model_fields[parent].widget == YC_W_TOGGLE)
		return strcmp(t, "1") == 0;
	if (model_fields[parent].widget == YC_W_TARGET_KIND)
		return strcmp(t, "ymq") == 0;
	return true;
}

bool model_field_visible(const struct yc_draft *d, enum yc_field f)
{
	/* The table's parents form a shallow tree; the bound guards a mistake in it. */
	for (int depth = 0; depth < YC_F__COUNT && (unsigned)f < YC_F__COUNT; depth++) {
		enum yc_field p = model_fields[f].parent;
		if (p == YC_F__COUNT)
			return true;
		if (!opens_children(d, p))
			return false;
		f = p;
	}
	return false;
}

int model_draft_validate_field(const struct yc_draft *d, enum yc_field f, struct yc_error *err)
{
	if ((unsigned)f >= YC_F__COUNT || !model_field_visible(d, f) || !model_fields[f].validate)
		return 0;
	return model_fields[f].validate(d, f, err);
}

size_t model_draft_validate(const struct yc_draft *d, struct yc_error *errs, size_t max)
{
	size_t n = 0;
	for (int i = 0; i < YC_F__COUNT; i++) {
		struct yc_error e;
		yc_error_clear(&e);
		if (model_draft_validate_field(d, (enum yc_field)i, &e) < 0) {
			if (errs && n < max)
				errs[n] = e;
			n++;
		}
	}
	return n;
}
