/* emu_world.c — the emulated cloud's contents and the indexes over them. Everything here is
 * called with emu->lock held (or before the server starts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "emulator/emu_internal.h"

static const char *const behaviour_names[] = {"echo", "fail_n", "fail", "timeout"};

const char *emu_behaviour_name(enum emu_behaviour b)
{
	return behaviour_names[b];
}

int emu_behaviour_parse(const char *s, enum emu_behaviour *out)
{
	for (int i = 0; s && i < 4; i++) {
		if (!strcmp(s, behaviour_names[i])) {
			*out = (enum emu_behaviour)i;
			return 0;
		}
	}
	return -1;
}

/* The given id (from a state file) or a new one. */
static void set_id(struct emu_world *w, const char *prefix, const char *id, char out[EMU_ID_LEN + 1])
{
	if (id && *id && strlen(id) <= EMU_ID_LEN)
		snprintf(out, EMU_ID_LEN + 1, "%s", id);
	else
		emu_make_id(&w->rng, prefix, out);
}

struct emu_world *emu_world_new(uint64_t seed)
{
	struct emu_world *w = calloc(1, sizeof(*w));
	if (w)
		w->rng = seed ? seed : 0x5eed;
	return w;
}

static void free_function(struct emu_function *f)
{
	for (size_t i = 0; i < f->versions.n; i++) {
		struct emu_version *v = f->versions.items[i];
		cJSON_Delete(v->json);
		free(v);
	}
	emu_vec_free(&f->versions);
	cJSON_Delete(f->labels);
	free(f->name);
	free(f->description);
	free(f);
}

static void free_queue(struct emu_queue *q)
{
	for (size_t i = 0; i < q->nmsgs; i++)
		free(q->msgs[i].body);
	free(q->msgs);
	free(q->name);
	free(q);
}

void emu_world_free(struct emu_world *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->clouds.n; i++) {
		struct emu_cloud *c = w->clouds.items[i];
		free(c->name);
		free(c->description);
		free(c);
	}
	for (size_t i = 0; i < w->folders.n; i++) {
		struct emu_folder *f = w->folders.items[i];
		free(f->name);
		free(f->description);
		free(f);
	}
	for (size_t i = 0; i < w->functions.n; i++)
		free_function(w->functions.items[i]);
	for (size_t i = 0; i < w->sas.n; i++) {
		struct emu_sa *s = w->sas.items[i];
		free(s->name);
		free(s->description);
		free(s);
	}
	for (size_t i = 0; i < w->queues.n; i++)
		free_queue(w->queues.items[i]);
	for (size_t i = 0; i < w->operations.n; i++)
		free(w->operations.items[i]);
	for (size_t i = 0; i < w->tokens_owned.n; i++)
		free(w->tokens_owned.items[i]);
	emu_vec_free(&w->clouds);
	emu_vec_free(&w->folders);
	emu_vec_free(&w->functions);
	emu_vec_free(&w->sas);
	emu_vec_free(&w->queues);
	emu_vec_free(&w->operations);
	emu_vec_free(&w->tokens_owned);
	emu_map_free(&w->fn_by_id);
	emu_map_free(&w->ver_by_id);
	emu_map_free(&w->sa_by_id);
	emu_map_free(&w->op_by_id);
	emu_map_free(&w->queue_by_key);
	emu_map_free(&w->idem);
	emu_map_free(&w->tokens);
	free(w);
}

struct emu_function *emu_world_add_function(struct emu_world *w, const char *id, const char *folder_id, const char *name,
					    const char *description, const char *created_at)
{
	struct emu_function *f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	set_id(w, "d4e", id, f->id);
	emu_make_id(&w->rng, "e23", f->log_group_id);
	snprintf(f->folder_id, sizeof(f->folder_id), "%s", folder_id);
	snprintf(f->created_at, sizeof(f->created_at), "%s", created_at);
	f->name = strdup(name);
	f->description = strdup(description ? description : "");
	if (!f->name || !f->description || emu_vec_push(&w->functions, f)) {
		free_function(f);
		return NULL;
	}
	emu_map_put(&w->fn_by_id, f->id, f);
	return f;
}

/* Takes json (the Version without id/functionId/createdAt, which are set here when missing). */
struct emu_version *emu_world_add_version(struct emu_world *w, struct emu_function *fn, cJSON *json)
{
	struct emu_version *v = calloc(1, sizeof(*v));
	if (!v) {
		cJSON_Delete(json);
		return NULL;
	}
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(json, "id");
	if (cJSON_IsString(id) && strlen(id->valuestring) == EMU_ID_LEN)
		snprintf(v->id, sizeof(v->id), "%s", id->valuestring);
	else {
		emu_make_id(&w->rng, "d4e", v->id);
		cJSON_DeleteItemFromObjectCaseSensitive(json, "id");
		cJSON_AddStringToObject(json, "id", v->id);
	}
	if (!cJSON_GetObjectItemCaseSensitive(json, "functionId"))
		cJSON_AddStringToObject(json, "functionId", fn->id);
	if (!cJSON_GetObjectItemCaseSensitive(json, "tags"))
		cJSON_AddArrayToObject(json, "tags");
	v->fn = fn;
	v->json = json;
	if (emu_vec_push(&fn->versions, v)) {
		cJSON_Delete(json);
		free(v);
		return NULL;
	}
	emu_map_put(&w->ver_by_id, v->id, v);
	return v;
}

static bool tags_have(const cJSON *tags, const char *tag)
{
	const cJSON *t;
	cJSON_ArrayForEach(t, tags) {
		if (cJSON_IsString(t) && !strcmp(t->valuestring, tag))
			return true;
	}
	return false;
}

static void tags_remove(cJSON *tags, const char *tag)
{
	int i = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tags) {
		if (cJSON_IsString(t) && !strcmp(t->valuestring, tag)) {
			cJSON_DeleteItemFromArray(tags, i);
			return;
		}
		i++;
	}
}

void emu_world_set_tag(struct emu_version *v, const char *tag)
{
	for (size_t i = 0; i < v->fn->versions.n; i++) {
		struct emu_version *o = v->fn->versions.items[i];
		tags_remove(cJSON_GetObjectItemCaseSensitive(o->json, "tags"), tag);
	}
	cJSON *tags = cJSON_GetObjectItemCaseSensitive(v->json, "tags");
	if (!tags)
		tags = cJSON_AddArrayToObject(v->json, "tags");
	cJSON_AddItemToArray(tags, cJSON_CreateString(tag));
}

struct emu_version *emu_world_version_by_tag(struct emu_function *fn, const char *tag)
{
	for (size_t i = fn->versions.n; i-- > 0;) {
		struct emu_version *v = fn->versions.items[i];
		if (tags_have(cJSON_GetObjectItemCaseSensitive(v->json, "tags"), tag))
			return v;
	}
	return NULL;
}

struct emu_sa *emu_world_add_sa(struct emu_world *w, const char *id, const char *folder_id, const char *name,
				const char *description, const char *created_at)
{
	struct emu_sa *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	set_id(w, "aje", id, s->id);
	snprintf(s->folder_id, sizeof(s->folder_id), "%s", folder_id);
	snprintf(s->created_at, sizeof(s->created_at), "%s", created_at);
	s->name = strdup(name);
	s->description = strdup(description ? description : "");
	if (!s->name || !s->description || emu_vec_push(&w->sas, s)) {
		free(s->name);
		free(s->description);
		free(s);
		return NULL;
	}
	emu_map_put(&w->sa_by_id, s->id, s);
	return s;
}

static void queue_key(const char *folder_id, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", folder_id, name);
}

struct emu_queue *emu_world_add_queue(struct emu_world *w, const char *id, const char *folder_id, const char *name,
				      const char *created_at)
{
	struct emu_queue *q = calloc(1, sizeof(*q));
	if (!q)
		return NULL;
	set_id(w, "dj6", id, q->id);
	snprintf(q->folder_id, sizeof(q->folder_id), "%s", folder_id);
	snprintf(q->created_at, sizeof(q->created_at), "%s", created_at);
	q->name = strdup(name);
	if (!q->name || emu_vec_push(&w->queues, q)) {
		free_queue(q);
		return NULL;
	}
	char key[400];
	queue_key(folder_id, name, key, sizeof(key));
	emu_map_put(&w->queue_by_key, key, q);
	return q;
}

struct emu_queue *emu_world_queue(struct emu_world *w, const char *folder_id, const char *name)
{
	char key[400];
	queue_key(folder_id, name, key, sizeof(key));
	return emu_map_get(&w->queue_by_key, key);
}

int emu_queue_push(struct emu_world *w, struct emu_queue *q, const char *body, char *msg_id_out)
{
	if (q->nmsgs == q->capmsgs) {
		size_t cap = q->capmsgs ? q->capmsgs * 2 : 8;
		struct emu_message *m = realloc(q->msgs, cap * sizeof(*m));
		if (!m)
			return -1;
		q->msgs = m;
		q->capmsgs = cap;
	}
	struct emu_message *m = &q->msgs[q->nmsgs];
	memset(m, 0, sizeof(*m));
	m->body = strdup(body);
	if (!m->body)
		return -1;
	emu_make_uuid(&w->rng, m->id);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_Digest(body, strlen(body), md, &mdlen, EVP_md5(), NULL);
	emu_hex(md, mdlen, m->md5);
	m->sent_ms = emu_now_ms();
	q->nmsgs++;
	if (msg_id_out)
		memcpy(msg_id_out, m->id, sizeof(m->id));
	return 0;
}
