/* free.c — every *_free: frees the contents, never the struct, and leaves it zeroed so that a
 * second call is harmless. */
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void yc_kv_list_free(struct yc_kv_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

void yc_string_list_free(struct yc_string_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

static void target_free(struct yc_async_target *t)
{
	free(t->queue_arn);
	free(t->service_account_id);
	memset(t, 0, sizeof *t);
}

void yc_async_config_free(struct yc_async_config *c)
{
	if (!c)
		return;
	free(c->service_account_id);
	target_free(&c->success);
	target_free(&c->failure);
	memset(c, 0, sizeof *c);
}

void yc_cloud_free(struct yc_cloud *c)
{
	if (!c)
		return;
	free(c->id);
	free(c->name);
	free(c->created_at);
	free(c->description);
	memset(c, 0, sizeof *c);
}

void yc_folder_free(struct yc_folder *f)
{
	if (!f)
		return;
	free(f->id);
	free(f->cloud_id);
	free(f->name);
	free(f->status);
	free(f->created_at);
	free(f->description);
	memset(f, 0, sizeof *f);
}

void yc_function_free(struct yc_function *f)
{
	if (!f)
		return;
	free(f->id);
	free(f->folder_id);
	free(f->created_at);
	free(f->name);
	free(f->description);
	free(f->http_invoke_url);
	free(f->status);
	yc_kv_list_free(&f->labels);
	memset(f, 0, sizeof *f);
}

void yc_service_account_free(struct yc_service_account *s)
{
	if (!s)
		return;
	free(s->id);
	free(s->folder_id);
	free(s->name);
	free(s->description);
	free(s->created_at);
	memset(s, 0, sizeof *s);
}

void yc_version_free(struct yc_version *v)
{
	if (!v)
		return;
	free(v->id);
	free(v->function_id);
	free(v->description);
	free(v->created_at);
	free(v->runtime);
	free(v->entrypoint);
	free(v->service_account_id);
	free(v->status);
	free(v->log_group_id);
	yc_string_list_free(&v->tags);
	yc_kv_list_free(&v->environment);
	yc_async_config_free(&v->async);
	cJSON_Delete(v->raw);
	memset(v, 0, sizeof *v);
}

void yc_operation_free(struct yc_operation *o)
{
	if (!o)
		return;
	free(o->id);
	free(o->description);
	free(o->created_at);
	free(o->created_by);
	free(o->modified_at);
	free(o->version_id);
	if (o->response) {
		yc_version_free(o->response);
		free(o->response);
	}
	memset(o, 0, sizeof *o);
}

void yc_queue_free(struct yc_queue *q)
{
	if (!q)
		return;
	free(q->url);
	free(q->name);
	free(q->arn);
	memset(q, 0, sizeof *q);
}

void yc_message_free(struct yc_message *m)
{
	if (!m)
		return;
	free(m->id);
	free(m->body);
	free(m->receipt_handle);
	free(m->sent_at);
	memset(m, 0, sizeof *m);
}

void yc_invoke_result_free(struct yc_invoke_result *r)
{
	if (!r)
		return;
	free(r->request_id);
	free(r->body);
	memset(r, 0, sizeof *r);
}

#define LIST_FREE(fn, ltype, elem_free)                                                            \
	void fn(struct ltype *l)                                                                   \
	{                                                                                          \
		if (!l)                                                                            \
			return;                                                                    \
		for (size_t i = 0; i < l->n; i++)                                                  \
			elem_free(&l->items[i]);                                                   \
		free(l->items);                                                                    \
		memset(l, 0, sizeof *l);                                                           \
	}
LIST_FREE(yc_cloud_list_free, yc_cloud_list, yc_cloud_free)
LIST_FREE(yc_folder_list_free, yc_folder_list, yc_folder_free)
LIST_FREE(yc_function_list_free, yc_function_list, yc_function_free)
LIST_FREE(yc_service_account_list_free, yc_service_account_list, yc_service_account_free)
LIST_FREE(yc_version_list_free, yc_version_list, yc_version_free)
LIST_FREE(yc_queue_list_free, yc_queue_list, yc_queue_free)
LIST_FREE(yc_message_list_free, yc_message_list, yc_message_free)
