/* deploy.c — Enter on the review: createVersion with an idempotency key kept for retries of the
 * same body, the operation followed to its end with a spinner and its id. On any failure the
 * form is exactly as it was; on success the new version becomes the base without fetching
 * again what the answer already says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

static char *idem_body; /* the body the current idempotency key was made for */

static void deploy_failed(struct app *a, const struct yc_error *err)
{
	a->deploying = false;
	a->deploy_failed = true;
	a->fg_req = 0;
	a->deploy_err = *err;
	if (err->kind == YC_ERR_CANCELLED && a->op_id[0])
		/* Only the waiting stopped: the cloud may still finish the operation. */
		yc_error_set(&a->deploy_err, YC_ERR_CANCELLED, NULL, "Ожидание операции остановлено",
			     "Stopped waiting for the operation",
			     "Операция может завершиться сама: проверьте вкладку «Версии» (r — обновить)",
			     "It may still finish: check the Versions tab (r reloads)");
	app_error(a, &a->deploy_err);
	draft_glue_schedule(a);
}

static void take_new_version(struct app *a, struct yc_version *v)
{
	/* $latest moves to the new version; the list and the base follow without a re-fetch. */
	for (size_t i = 0; i < a->versions.n; i++) {
		struct yc_string_list *t = &a->versions.items[i].tags;
		for (size_t k = 0; k < t->n; k++)
			if (t->items[k] && !strcmp(t->items[k], "$latest")) {
				free(t->items[k]);
				t->items[k] = t->items[--t->n];
				break;
			}
	}
	struct yc_version *grown = realloc(a->versions.items, (a->versions.n + 1) * sizeof *grown);
	if (!grown) {
		yc_version_free(v);
		return;
	}
	a->versions.items = grown;
	bool tagged = false;
	for (size_t k = 0; k < v->tags.n; k++)
		tagged |= v->tags.items[k] && !strcmp(v->tags.items[k], "$latest");
	if (!tagged) {
		char **t = realloc(v->tags.items, (v->tags.n + 1) * sizeof *t);
		if (t) {
			v->tags.items = t;
			t[v->tags.n++] = strdup("$latest");
		}
	}
	a->versions.items[a->versions.n++] = *v;
	memset(v, 0, sizeof *v);
	data_rebuild_versions(a);
	for (size_t i = 0; a->fn_latest && i < a->functions.n; i++) {
		if (!a->functions.items[i].id || strcmp(a->functions.items[i].id, a->fn.id))
			continue;
		const struct yc_version *b = data_base(a);
		a->fn_latest[i].async.enabled = b->async.enabled;
		free(a->fn_latest[i].runtime);
		a->fn_latest[i].runtime = b->runtime ? strdup(b->runtime) : NULL;
	}
}

static void deploy_done(struct app *a, struct yc_operation *op)
{
	a->deploying = false;
	a->fg_req = 0;
	snprintf(a->deployed_version, sizeof a->deployed_version, "%s",
		 op->version_id ? op->version_id : (op->response && op->response->id ? op->response->id : ""));
	draft_glue_remove(a);
	free(idem_body);
	idem_body = NULL;
	a->idem_key[0] = 0;
	a->show_all_errors = false;
	if (op->response) {
		take_new_version(a, op->response);
		/* The form now shows the new version, clean. */
		model_draft_free(&a->draft);
		a->have_draft = false;
		editor_on_version(a);
	} else {
		data_reload(a);
	}
	app_message(a, false, "%s %s", app_tr(a, "Создана версия", "Created version"), a->deployed_version);
}

static void on_waited(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (r->req != a->req_wait)
		return;
	a->req_wait = 0;
	if (r->err.kind != YC_ERR_NONE) {
		deploy_failed(a, &r->err);
		return;
	}
	if (r->u.operation.failed) {
		deploy_failed(a, &r->u.operation.error);
		return;
	}
	deploy_done(a, &r->u.operation);
}

static void on_created(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (r->req != a->req_create)
		return;
	a->req_create = 0;
	if (r->err.kind != YC_ERR_NONE) {
		deploy_failed(a, &r->err);
		return;
	}
	struct yc_operation *op = &r->u.operation;
	snprintf(a->op_id, sizeof a->op_id, "%s", op->id ? op->id : "");
	if (op->done) {
		if (op->failed)
			deploy_failed(a, &op->error);
		else
			deploy_done(a, op);
		return;
	}
	a->req_wait = api_wait_operation(a->api, a->op_id, on_waited, a);
	a->fg_req = a->req_wait;
	a->need_draw = true;
}

void review_deploy(struct app *a)
{
	struct yc_error err;
	yc_error_clear(&err);
	const struct yc_version *base = data_base(a);
	if (!base)
		return;
	draft_glue_schedule(a);
	draft_glue_flush(a);
	cJSON *body = model_build_create_request(&a->draft, base, &err);
	if (!body) {
		popup_close(a);
		app_error(a, &err);
		return;
	}
	char *text = model_request_print(body);
	/* The same body again (a retry after a failure) keeps its key: at most one version. */
	if (!text || !idem_body || strcmp(text, idem_body) || !a->idem_key[0]) {
		api_new_idempotency_key(a->idem_key);
		free(idem_body);
		idem_body = text;
	} else {
		free(text);
	}
	a->op_id[0] = a->deployed_version[0] = 0;
	a->deploy_failed = false;
	a->deploying = true;
	app_activity(a, "Развёртывание новой версии… (Esc — отменить)", "Deploying a new version… (Esc cancels)");
	a->req_create = api_create_version(a->api, body, a->idem_key, on_created, a);
	a->fg_req = a->req_create;
	cJSON_Delete(body);
	a->popup = &ui_view_progress;
	a->need_draw = true;
}

static void progress_draw(struct app *a)
{
	int h = 10, w = COLS - 10, y0, x0;
	ui_draw_popup_frame(a, h, w, app_tr(a, "Развёртывание", "Deploy"), &y0, &x0);
	int y = y0 + 2;
	char line[900];
	static const char frames[] = "|/-\\";
	if (a->deploying) {
		snprintf(line, sizeof line, "%c %s", frames[a->spin % 4],
			 app_tr(a, "Создаётся новая версия…", "Creating a new version…"));
		ui_put(y++, x0 + 2, w - 4, line, A_BOLD, false);
	} else if (a->deploy_failed) {
		bool cancelled = a->deploy_err.kind == YC_ERR_CANCELLED;
		ui_put(y++, x0 + 2, w - 4,
		       cancelled ? app_tr(a, "Отменено:", "Cancelled:") : app_tr(a, "Не удалось развернуть:", "The deploy failed:"),
		       term_attr(UI_C_ERROR), false);
		yc_error_format(&a->deploy_err, a->lang, line, sizeof line);
		ui_wrap(y, x0 + 2, w - 4, y0 + h - 3, line, A_NORMAL);
	} else {
		snprintf(line, sizeof line, "%s %s", app_tr(a, "Готово. Новая версия:", "Done. New version:"),
			 a->deployed_version);
		ui_put(y, x0 + 2, w - 4, line, term_attr(UI_C_OK), false);
	}
	if (a->op_id[0]) {
		snprintf(line, sizeof line, "%s %s", app_tr(a, "Операция:", "Operation:"), a->op_id);
		ui_put(y0 + h - 3, x0 + 2, w - 4, line, A_NORMAL, false);
	}
	ui_put(y0 + h - 2, x0 + 2, w - 4,
	       a->deploying ? app_tr(a, "Esc — отменить ожидание", "Esc — stop waiting")
			    : app_tr(a, "Enter/Esc — к форме", "Enter/Esc — back to the form"),
	       term_attr(UI_C_DIM), false);
}

static void progress_key(struct app *a, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (a->deploying)
		return;
	if (act == UI_A_ENTER || act == UI_A_ESC)
		popup_close(a);
}

const struct ui_view ui_view_progress = {"progress", UI_SC_PROGRESS, progress_draw, progress_key, NULL, NULL, NULL, NULL};

void deploy_free(void)
{
	free(idem_body);
	idem_body = NULL;
}
