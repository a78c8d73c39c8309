/* editor_pick.c — the form's popups: runtime dropdown (the current runtime kept even when no
 * longer offered), service-account pickers ("Не выбрано" first), the target dropdown
 * (Не указано | Message Queue) and the queue picker (or the ARN as typed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

static void pick_done(struct app *a, long choice, const char *typed)
{
	enum yc_field f = a->pick_field;
	const char *v = NULL;
	switch (model_fields[f].widget) {
	case YC_W_RUNTIME:
		if (choice >= 0 && (size_t)choice < a->pick_n)
			v = a->pick_own[choice];
		break;
	case YC_W_SA_PICKER:
		if (choice == 0)
			v = "";
		else if (choice > 0 && (size_t)choice <= a->sas.n)
			v = a->sas.items[choice - 1].id;
		break;
	case YC_W_TARGET_KIND:
		v = choice == 1 ? "ymq" : choice == 0 ? "empty" : NULL;
		break;
	case YC_W_QUEUE:
		if (choice >= 0 && (size_t)choice < a->queues.n)
			v = a->queues.items[choice].arn;
		else if (typed && typed[0])
			v = typed;
		break;
	default:
		break;
	}
	if (v) {
		model_draft_set(&a->draft, f, v);
		a->edit_loaded = false;
		editor_after_change(a);
	}
}

static long index_of(const char *const *items, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (items[i] && v && !strcmp(items[i], v))
			return (long)i;
	return -1;
}

static void open_runtime(struct app *a, enum yc_field f)
{
	const char *cur = a->draft.value[f];
	size_t n = a->runtimes.n;
	const char **items = calloc(n + 1, sizeof *items);
	if (!items)
		return;
	for (size_t i = 0; i < n; i++)
		items[i] = a->runtimes.items[i];
	/* The current runtime stays choosable even when it is no longer offered. */
	if (cur[0] && index_of(items, n, cur) < 0)
		items[n++] = cur;
	picker_open(a, model_field_label(f, a->lang), items, n, index_of(items, n, cur), false, pick_done);
	free(items);
}

void editor_open_picker(struct app *a, enum yc_field f)
{
	a->pick_field = f;
	const char *cur = a->draft.value[f];
	const char *label = model_field_label(f, a->lang);
	switch (model_fields[f].widget) {
	case YC_W_RUNTIME:
		open_runtime(a, f);
		break;
	case YC_W_SA_PICKER: {
		long sel = 0;
		for (size_t i = 0; i < a->sas.n; i++)
			if (a->sas.items[i].id && !strcmp(a->sas.items[i].id, cur))
				sel = (long)i + 1;
		picker_open(a, label, a->sa_items, a->sa_items ? a->sas.n + 1 : 0, sel, false, pick_done);
		break;
	}
	case YC_W_TARGET_KIND: {
		const char *items[] = {app_tr(a, "Не указано", "Not specified"), "Message Queue"};
		picker_open(a, label, items, 2, !strcmp(cur, "ymq") ? 1 : 0, false, pick_done);
		break;
	}
	case YC_W_QUEUE: {
		if (a->queues_failed || !a->queues.n) {
			app_message(a, false, "%s", a->queues_failed ? a->queues_why
								   : app_tr(a, "Очередей нет: введите ARN", "No queues: type the ARN"));
			break;
		}
		const char **items = calloc(a->queues.n, sizeof *items);
		if (!items)
			break;
		long sel = -1;
		for (size_t i = 0; i < a->queues.n; i++) {
			items[i] = a->queues.items[i].name;
			if (a->queues.items[i].arn && !strcmp(a->queues.items[i].arn, cur))
				sel = (long)i;
		}
		picker_open(a, label, items, a->queues.n, sel, true, pick_done);
		free(items);
		break;
	}
	default:
		break;
	}
}

