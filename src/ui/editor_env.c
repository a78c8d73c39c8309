/* editor_env.c — the environment variables as an editable list: the draft keeps them as
 * KEY=VALUE lines joined by '\n' (the model's format); the form shows one row per line plus an
 * empty row to add one, and drops empty lines when the focus leaves the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

size_t editor_env_count(const char *v)
{
	if (!v || !v[0])
		return 0;
	size_t n = 1;
	for (; *v; v++)
		n += *v == '\n';
	return n;
}

/* Line i of v into buf. */
void editor_env_line(const char *v, size_t i, char *buf, size_t n)
{
	buf[0] = 0;
	for (size_t k = 0; v && k < i; k++) {
		v = strchr(v, '\n');
		if (!v)
			return;
		v++;
	}
	if (!v)
		return;
	size_t len = strcspn(v, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(buf, v, len);
	buf[len] = 0;
}

/* The value with line i replaced by text (i == count appends; drop removes empty lines). */
char *editor_env_with(const char *v, size_t i, const char *text, bool drop_empty)
{
	size_t n = editor_env_count(v), cap = (v ? strlen(v) : 0) + strlen(text) + 2;
	char *out = calloc(1, cap + n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t l = 0; l <= n; l++) {
		char line[UI_TEXT_MAX * 4];
		if (l == i)
			snprintf(line, sizeof line, "%s", text);
		else if (l < n)
			editor_env_line(v, l, line, sizeof line);
		else
			continue;
		if (drop_empty && !line[0])
			continue;
		if (l == n && !line[0])
			continue;
		k += (size_t)snprintf(out + k, cap + n + 1 - k, "%s%s", k ? "\n" : "", line);
	}
	return out;
}

void editor_env_compact(struct app *a)
{
	char *v = editor_env_with(a->draft.value[YC_F_ENVIRONMENT], (size_t)-1, "", true);
	if (v && strcmp(v, a->draft.value[YC_F_ENVIRONMENT])) {
		model_draft_set(&a->draft, YC_F_ENVIRONMENT, v);
		draft_glue_schedule(a);
	}
	free(v);
}

