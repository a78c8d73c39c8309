/* data.c — what the screens show, loaded through the API module. Each callback checks that its
 * answer is still the one wanted (the request id), moves the data out of the result, and asks
 * for a redraw. Opening a function fetches everything the editor needs in parallel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

static char *dup0(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void free_items(const char ***items, char ***own, size_t n)
{
	if (own && *own) {
		for (size_t i = 0; i < n; i++)
			free((*own)[i]);
		free(*own);
		*own = NULL;
	}
	free((void *)*items);
	*items = NULL;
}

static bool failed(struct app *a, struct api_result *r)
{
	if (a->fg_req == r->req)
		a->fg_req = 0;
	if (r->err.kind == YC_ERR_NONE)
		return false;
	if (r->err.kind == YC_ERR_CANCELLED)
		app_message(a, false, "%s", app_tr(a, "Отменено", "Cancelled"));
	else
		app_error(a, &r->err);
	return true;
}

/* The answer a callback waits for, and not a failure: true consumes the request's slot (a stale
 * answer — one the screen no longer waits for — is ignored; a failure is shown). */
static bool take_answer(struct app *a, api_req *slot, struct api_result *r)
{
	if (r->req != *slot)
		return false;
	*slot = 0;
	return !failed(a, r);
}

/* ---------- clouds and folders ---------- */

static void rebuild_folder_items(struct app *a)
{
	free(a->folder_items);
	size_t n = a->picking_folders ? a->folders.n : a->clouds.n;
	a->folder_items = calloc(n ? n : 1, sizeof *a->folder_items);
	for (size_t i = 0; a->folder_items && i < n; i++)
		a->folder_items[i] = a->picking_folders ? a->folders.items[i].name : a->clouds.items[i].name;
	a->folder_list.filter[0] = 0;
	ui_list_set(&a->folder_list, a->folder_items, a->folder_items ? n : 0);
	a->need_draw = true;
}

static void on_clouds(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_clouds, r))
		return;
	yc_cloud_list_free(&a->clouds);
	a->clouds = r->u.clouds;
	memset(&r->u.clouds, 0, sizeof r->u.clouds);
	a->picking_folders = false;
	rebuild_folder_items(a);
	if (a->clouds.n == 1)
		data_load_folders(a, a->clouds.items[0].id);
}

static void on_folders(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_folders, r))
		return;
	yc_folder_list_free(&a->folders);
	a->folders = r->u.folders;
	memset(&r->u.folders, 0, sizeof r->u.folders);
	a->picking_folders = true;
	rebuild_folder_items(a);
}

void data_load_clouds(struct app *a)
{
	a->screen = UI_S_FOLDERS;
	a->view = &ui_view_folders;
	app_activity(a, "Загрузка облаков…", "Loading clouds…");
	a->req_clouds = api_list_clouds(a->api, on_clouds, a);
	a->fg_req = a->req_clouds;
}

void data_load_folders(struct app *a, const char *cloud_id)
{
	app_activity(a, "Загрузка каталогов…", "Loading folders…");
	a->req_folders = api_list_folders(a->api, cloud_id, on_folders, a);
	a->fg_req = a->req_folders;
}

/* ---------- folder-wide: runtimes, service accounts, queues ---------- */

static void rebuild_sa_items(struct app *a)
{
	free_items(&a->sa_items, &a->sa_items_own, a->sa_items_n);
	size_t n = a->sas.n + 1;
	a->sa_items_n = 0;
	a->sa_items = calloc(n, sizeof *a->sa_items);
	a->sa_items_own = calloc(n, sizeof *a->sa_items_own);
	if (!a->sa_items || !a->sa_items_own)
		return;
	a->sa_items_n = n;
	a->sa_items_own[0] = strdup(app_tr(a, "Не выбрано", "Not selected"));
	for (size_t i = 0; i < a->sas.n; i++) {
		char buf[400];
		snprintf(buf, sizeof buf, "%s (%s)", a->sas.items[i].name ? a->sas.items[i].name : "",
			 a->sas.items[i].id);
		a->sa_items_own[i + 1] = strdup(buf);
	}
	for (size_t i = 0; i < n; i++)
		a->sa_items[i] = a->sa_items_own[i] ? a->sa_items_own[i] : "";
}

static void on_runtimes(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_runtimes, r))
		return;
	yc_string_list_free(&a->runtimes);
	a->runtimes = r->u.runtimes;
	memset(&r->u.runtimes, 0, sizeof r->u.runtimes);
}

static void on_sas(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_sas, r))
		return;
	yc_service_account_list_free(&a->sas);
	a->sas = r->u.service_accounts;
	memset(&r->u.service_accounts, 0, sizeof r->u.service_accounts);
	rebuild_sa_items(a);
	a->need_draw = true;
}

static void on_queues(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (r->req != a->req_queues)
		return;
	a->req_queues = 0;
	a->queues_loaded = true;
	if (r->err.kind != YC_ERR_NONE) {
		/* Not fatal: the form takes a typed ARN and says why in one line. */
		a->queues_failed = true;
		yc_error_format(&r->err, a->lang, a->queues_why, sizeof a->queues_why);
		a->need_draw = true;
		return;
	}
	yc_queue_list_free(&a->queues);
	a->queues = r->u.queues;
	memset(&r->u.queues, 0, sizeof r->u.queues);
	a->queues_failed = false;
	a->need_draw = true;
}

static void load_folder_wide(struct app *a)
{
	if (!a->runtimes.n && !a->req_runtimes)
		a->req_runtimes = api_list_runtimes(a->api, on_runtimes, a);
	if (!a->sa_items && !a->req_sas && a->folder_id)
		a->req_sas = api_list_service_accounts(a->api, a->folder_id, on_sas, a);
	if (!a->queues_loaded && !a->req_queues)
		a->req_queues = api_list_queues(a->api, NULL, on_queues, a);
	if (!a->sa_items)
		rebuild_sa_items(a);
}

/* ---------- the function list ---------- */

static void free_fn_latest(struct app *a)
{
	for (size_t i = 0; a->fn_latest && i < a->functions.n; i++)
		yc_version_free(&a->fn_latest[i]);
	free(a->fn_latest);
	free(a->fn_latest_req);
	a->fn_latest = NULL;
	a->fn_latest_req = NULL;
}

static void on_fn_latest(struct api_result *r, void *ud)
{
	struct app *a = ud;
	for (size_t i = 0; a->fn_latest_req && i < a->functions.n; i++) {
		if (a->fn_latest_req[i] != r->req)
			continue;
		a->fn_latest_req[i] = UI_REQ_DONE;
		if (r->err.kind == YC_ERR_NONE) {
			yc_version_free(&a->fn_latest[i]);
			a->fn_latest[i] = r->u.version;
			memset(&r->u.version, 0, sizeof r->u.version);
		}
		a->need_draw = true;
		return;
	}
}

static void on_functions(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_functions, r))
		return;
	free_fn_latest(a);
	yc_function_list_free(&a->functions);
	a->functions = r->u.functions;
	memset(&r->u.functions, 0, sizeof r->u.functions);
	a->functions_loaded = true;
	size_t n = a->functions.n;
	free(a->fn_items);
	a->fn_items = calloc(n ? n : 1, sizeof *a->fn_items);
	a->fn_latest = calloc(n ? n : 1, sizeof *a->fn_latest);
	a->fn_latest_req = calloc(n ? n : 1, sizeof *a->fn_latest_req);
	if (!a->fn_items || !a->fn_latest || !a->fn_latest_req)
		return;
	for (size_t i = 0; i < n; i++)
		a->fn_items[i] = a->functions.items[i].name ? a->functions.items[i].name : a->functions.items[i].id;
	ui_list_set(&a->fn_list, a->fn_items, n);
	a->need_draw = true;
}

/* --function-name: one filtered list call finds it, then the function opens; the full list is
 * fetched only if the user goes back to it. */
static void on_fn_by_name(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_functions, r))
		return;
	for (size_t i = 0; i < r->u.functions.n; i++) {
		const struct yc_function *f = &r->u.functions.items[i];
		if (f->name && !strcmp(f->name, a->opt->function_name)) {
			data_open_function(a, f);
			return;
		}
	}
	app_message(a, true, "%s: %s", app_tr(a, "Функция не найдена", "Function not found"), a->opt->function_name);
	data_load_functions(a);
}

/* $latest's runtime and async flag for the rows on screen only: a folder of thousands of
 * functions costs a screenful of requests, all in parallel, each asked once. */
void data_fetch_visible_latest(struct app *a)
{
	const struct ui_list *l = &a->fn_list;
	for (size_t r = 0; a->fn_latest_req && r < (size_t)(l->rows > 0 ? l->rows : 0); r++) {
		size_t vi = l->top + r;
		if (vi >= l->nvis)
			break;
		uint32_t i = l->vis[vi];
		if (i >= a->functions.n || a->fn_latest_req[i])
			continue;
		a->fn_latest_req[i] = api_get_version_by_tag(a->api, a->functions.items[i].id, "$latest", on_fn_latest, a);
		if (!a->fn_latest_req[i])
			a->fn_latest_req[i] = UI_REQ_DONE;
	}
}

void data_load_functions(struct app *a)
{
	a->screen = UI_S_FUNCTIONS;
	a->view = &ui_view_functions;
	app_activity(a, "Загрузка функций…", "Loading functions…");
	a->req_functions = api_list_functions(a->api, a->folder_id, NULL, on_functions, a);
	a->fg_req = a->req_functions;
	load_folder_wide(a);
}

/* ---------- one function ---------- */

static void copy_function(struct yc_function *dst, const struct yc_function *src)
{
	yc_function_free(dst);
	memset(dst, 0, sizeof *dst);
	dst->id = dup0(src->id);
	dst->folder_id = dup0(src->folder_id);
	dst->created_at = dup0(src->created_at);
	dst->name = dup0(src->name);
	dst->description = dup0(src->description);
	dst->http_invoke_url = dup0(src->http_invoke_url);
	dst->status = dup0(src->status);
}

static int cmp_created_desc(const void *x, const void *y)
{
	const struct yc_version *a = x, *b = y;
	return strcmp(b->created_at ? b->created_at : "", a->created_at ? a->created_at : "");
}

static bool has_tag(const struct yc_version *v, const char *tag)
{
	for (size_t i = 0; i < v->tags.n; i++)
		if (v->tags.items[i] && !strcmp(v->tags.items[i], tag))
			return true;
	return false;
}

void data_free_ver_items(struct app *a)
{
	for (size_t i = 0; a->ver_items && i < a->ver_items_n; i++)
		free((void *)a->ver_items[i]);
	free(a->ver_items);
	a->ver_items = NULL;
	a->ver_items_n = 0;
}

void data_rebuild_versions(struct app *a)
{
	data_free_ver_items(a);
	if (a->versions.n > 1)
		qsort(a->versions.items, a->versions.n, sizeof *a->versions.items, cmp_created_desc);
	a->base = -1;
	size_t n = a->versions.n;
	a->ver_items = calloc(n ? n : 1, sizeof *a->ver_items);
	a->ver_items_n = a->ver_items ? n : 0;
	for (size_t i = 0; a->ver_items && i < n; i++) {
		const struct yc_version *v = &a->versions.items[i];
		if (has_tag(v, "$latest"))
			a->base = (long)i;
		char buf[300];
		int k = snprintf(buf, sizeof buf, "%s %s", v->id, v->runtime ? v->runtime : "");
		for (size_t t = 0; t < v->tags.n && k > 0 && (size_t)k < sizeof buf; t++)
			k += snprintf(buf + k, sizeof buf - (size_t)k, " %s", v->tags.items[t]);
		a->ver_items[i] = strdup(buf);
	}
	if (a->base < 0 && n)
		a->base = 0;
	ui_list_set(&a->ver_list, a->ver_items, a->ver_items ? n : 0);
}

static void on_versions(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_versions, r))
		return;
	yc_version_list_free(&a->versions);
	a->versions = r->u.versions;
	memset(&r->u.versions, 0, sizeof r->u.versions);
	a->versions_loaded = true;
	data_rebuild_versions(a);
	editor_on_version(a);
	a->need_draw = true;
}

static void on_function(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (!take_answer(a, &a->req_fn, r))
		return;
	yc_function_free(&a->fn);
	a->fn = r->u.function;
	memset(&r->u.function, 0, sizeof r->u.function);
	a->have_fn = true;
	if (!a->folder_id && a->fn.folder_id) {
		a->folder_id = strdup(a->fn.folder_id);
		load_folder_wide(a);
	}
	a->need_draw = true;
}

static void reset_function(struct app *a)
{
	if (a->req_versions)
		api_cancel(a->api, a->req_versions);
	a->req_versions = 0;
	yc_version_list_free(&a->versions);
	a->versions_loaded = false;
	a->base = -1;
	if (a->have_draft)
		model_draft_free(&a->draft);
	a->have_draft = false;
	/* Another function's form starts quiet: its problems show after its own Save. */
	a->show_all_errors = false;
	a->form_status = false;
	a->restore_offered = false;
	a->edit_loaded = false;
	a->focus = 0;
	a->form_top = 0;
	a->invoke_line[0] = a->invoke_body[0] = a->received[0] = 0;
	free(a->draft_path);
	a->draft_path = NULL;
	data_rebuild_versions(a);
}

void data_open_function(struct app *a, const struct yc_function *f)
{
	reset_function(a);
	copy_function(&a->fn, f);
	a->have_fn = true;
	app_activity(a, "Загрузка версий…", "Loading versions…");
	a->req_versions = api_list_versions(a->api, a->fn.id, on_versions, a);
	a->fg_req = a->req_versions;
	load_folder_wide(a);
	function_show(a, UI_TAB_EDITOR);
}

void data_open_function_id(struct app *a, const char *function_id)
{
	reset_function(a);
	yc_function_free(&a->fn);
	memset(&a->fn, 0, sizeof a->fn);
	a->fn.id = strdup(function_id);
	a->have_fn = false;
	app_activity(a, "Загрузка функции…", "Loading the function…");
	/* In parallel: the function, its versions, and the folder's lists. */
	a->req_fn = api_get_function(a->api, function_id, on_function, a);
	a->req_versions = api_list_versions(a->api, function_id, on_versions, a);
	a->fg_req = a->req_versions;
	load_folder_wide(a);
	function_show(a, UI_TAB_EDITOR);
}

/* The folder's name for the title and status line: a side request, never on the critical path. */
static void on_folder_name(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (r->req != a->req_folder_name)
		return;
	a->req_folder_name = 0;
	if (r->err.kind != YC_ERR_NONE || a->folder_name)
		return;
	for (size_t i = 0; i < r->u.folders.n; i++) {
		const struct yc_folder *f = &r->u.folders.items[i];
		if (f->id && f->name && a->folder_id && !strcmp(f->id, a->folder_id))
			a->folder_name = strdup(f->name);
	}
	a->need_draw = true;
}

void data_load_start(struct app *a)
{
	const char *folder = a->opt->folder_id;
	if (!folder && a->opt->cfg)
		folder = a->opt->cfg->folder_id;
	if (folder)
		a->folder_id = strdup(folder);
	if (folder && a->opt->cfg && a->opt->cfg->cloud_id)
		a->req_folder_name = api_list_folders(a->api, a->opt->cfg->cloud_id, on_folder_name, a);
	if (a->opt->function_id) {
		data_open_function_id(a, a->opt->function_id);
		return;
	}
	if (!a->folder_id) {
		data_load_clouds(a);
		return;
	}
	if (a->opt->function_name) {
		a->screen = UI_S_FUNCTIONS;
		a->view = &ui_view_functions;
		app_activity(a, "Поиск функции…", "Looking up the function…");
		a->req_functions = api_list_functions(a->api, a->folder_id, a->opt->function_name, on_fn_by_name, a);
		load_folder_wide(a);
		return;
	}
	data_load_functions(a);
}

void data_reload(struct app *a)
{
	if (a->screen == UI_S_FOLDERS) {
		data_load_clouds(a);
	} else if (a->screen == UI_S_FUNCTIONS) {
		data_load_functions(a);
	} else if (a->fn.id) {
		app_activity(a, "Обновление…", "Reloading…");
		a->req_fn = api_get_function(a->api, a->fn.id, on_function, a);
		a->req_versions = api_list_versions(a->api, a->fn.id, on_versions, a);
		a->queues_loaded = false;
		load_folder_wide(a);
	}
}

void data_free(struct app *a)
{
	yc_cloud_list_free(&a->clouds);
	yc_folder_list_free(&a->folders);
	free(a->folder_items);
	ui_list_free(&a->folder_list);
	free_fn_latest(a);
	yc_function_list_free(&a->functions);
	free(a->fn_items);
	ui_list_free(&a->fn_list);
	yc_string_list_free(&a->runtimes);
	free_items(&a->sa_items, &a->sa_items_own, a->sa_items_n);
	yc_service_account_list_free(&a->sas);
	yc_queue_list_free(&a->queues);
	yc_function_free(&a->fn);
	data_free_ver_items(a);
	ui_list_free(&a->ver_list);
	yc_version_list_free(&a->versions);
	if (a->have_draft)
		model_draft_free(&a->draft);
	free(a->draft_path);
	free(a->folder_id);
	free(a->folder_name);
	yc_diff_free(&a->diff);
	free(a->yc_cmd);
	picker_close(a);
	ui_list_free(&a->pick_list);
}

const struct yc_version *data_base(const struct app *a)
{
	if (a->base < 0 || (size_t)a->base >= a->versions.n)
		return NULL;
	return &a->versions.items[a->base];
}

const char *data_sa_name(const struct app *a, const char *id)
{
	if (!id || !id[0])
		return app_tr(a, "Не выбрано", "Not selected");
	for (size_t i = 0; i < a->sas.n; i++)
		if (a->sas.items[i].id && !strcmp(a->sas.items[i].id, id))
			return a->sas.items[i].name ? a->sas.items[i].name : id;
	return id;
}

const char *data_queue_name(const struct app *a, const char *arn)
{
	for (size_t i = 0; arn && i < a->queues.n; i++)
		if (a->queues.items[i].arn && !strcmp(a->queues.items[i].arn, arn) && a->queues.items[i].name)
			return a->queues.items[i].name;
	return arn;
}

static void target_summary(const struct app *a, const struct yc_async_target *t, char *buf, size_t n)
{
	if (t->kind != YC_TARGET_YMQ)
		snprintf(buf, n, "%s", app_tr(a, "не указано", "not specified"));
	else
		snprintf(buf, n, "MQ %s", t->queue_arn ? data_queue_name(a, t->queue_arn) : "?");
}

void data_async_summary(const struct app *a, const struct yc_async_config *c, int width, char *buf, size_t n)
{
	if (!c->enabled) {
		snprintf(buf, n, "%s", app_tr(a, "выкл", "off"));
		return;
	}
	char s[200], f[200];
	target_summary(a, &c->success, s, sizeof s);
	target_summary(a, &c->failure, f, sizeof f);
	snprintf(buf, n, "%s %lld, ✓ %s, ✗ %s", app_tr(a, "повторов", "retries"), (long long)c->retries_count, s, f);
	if (ui_text_width(buf) > width)
		snprintf(buf, n, "%s, %s %lld", app_tr(a, "вкл", "on"), app_tr(a, "повторов", "retries"),
			 (long long)c->retries_count);
	if (ui_text_width(buf) > width)
		snprintf(buf, n, "%s", app_tr(a, "вкл", "on"));
}

const char *data_time_text(const char *rfc3339, bool secs, char *buf, size_t n)
{
	/* 2024-01-05T03:59:59.269011211Z: the API's form; anything else is shown as it came. */
	const char *t = rfc3339;
	if (!t || strlen(t) < 19 || t[10] != 'T' || t[4] != '-' || t[13] != ':')
		return t;
	bool utc = t[strlen(t) - 1] == 'Z';
	snprintf(buf, n, "%.10s %.*s%s", t, secs ? 8 : 5, t + 11, utc ? " UTC" : "");
	return buf;
}
