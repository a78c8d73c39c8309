/* emu_state.c — --state FILE: the whole world as one JSON file, written atomically (temp file,
 * fsync, rename; mode 0600, for it holds the service-account private key) and loaded at start.
 * Issued IAM tokens and async invocations are not kept: after a restart clients get new tokens. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emulator/emu_internal.h"
#include "emulator/emu_validate.h"

#define STATE_MAX (2048ll * 1024 * 1024)

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void add_common(cJSON *o, const char *id, const char *folder, const char *name, const char *desc,
		       const char *created)
{
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "folderId", folder);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "description", desc ? desc : "");
	cJSON_AddStringToObject(o, "createdAt", created);
}

static cJSON *function_state(const struct emu_function *f)
{
	cJSON *o = cJSON_CreateObject();
	add_common(o, f->id, f->folder_id, f->name, f->description, f->created_at);
	cJSON_AddStringToObject(o, "logGroupId", f->log_group_id);
	if (f->labels)
		cJSON_AddItemToObject(o, "labels", cJSON_Duplicate(f->labels, 1));
	cJSON_AddStringToObject(o, "behaviour", emu_behaviour_name(f->behaviour));
	cJSON_AddNumberToObject(o, "failTimes", f->fail_times);
	if (f->generated)
		cJSON_AddTrueToObject(o, "generated");
	cJSON *vs = cJSON_AddArrayToObject(o, "versions");
	for (size_t i = 0; i < f->versions.n; i++)
		cJSON_AddItemToArray(vs, cJSON_Duplicate(((struct emu_version *)f->versions.items[i])->json, 1));
	return o;
}

static cJSON *queue_state(const struct emu_queue *q)
{
	cJSON *o = cJSON_CreateObject();
	add_common(o, q->id, q->folder_id, q->name, NULL, q->created_at);
	cJSON *ms = cJSON_AddArrayToObject(o, "messages");
	for (size_t i = 0; i < q->nmsgs; i++)
		cJSON_AddItemToArray(ms, cJSON_CreateString(q->msgs[i].body));
	return o;
}

static cJSON *world_state(const struct emu *emu)
{
	const struct emu_world *w = emu->w;
	char num[32];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "format", 1);
	snprintf(num, sizeof(num), "%llu", (unsigned long long)w->rng);
	cJSON_AddStringToObject(o, "rng", num);
	cJSON *key = cJSON_AddObjectToObject(o, "saKey");
	cJSON_AddStringToObject(key, "privatePem", emu->sa_priv_pem ? emu->sa_priv_pem : "");
	cJSON_AddStringToObject(key, "publicPem", emu->sa_pub_pem ? emu->sa_pub_pem : "");
	cJSON *a = cJSON_AddArrayToObject(o, "clouds");
	for (size_t i = 0; i < w->clouds.n; i++) {
		const struct emu_cloud *c = w->clouds.items[i];
		cJSON *x = cJSON_CreateObject();
		add_common(x, c->id, "", c->name, c->description, c->created_at);
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "folders");
	for (size_t i = 0; i < w->folders.n; i++) {
		const struct emu_folder *f = w->folders.items[i];
		cJSON *x = cJSON_CreateObject();
		add_common(x, f->id, "", f->name, f->description, f->created_at);
		cJSON_AddStringToObject(x, "cloudId", f->cloud_id);
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "functions");
	for (size_t i = 0; i < w->functions.n; i++)
		cJSON_AddItemToArray(a, function_state(w->functions.items[i]));
	a = cJSON_AddArrayToObject(o, "serviceAccounts");
	for (size_t i = 0; i < w->sas.n; i++) {
		const struct emu_sa *s = w->sas.items[i];
		cJSON *x = cJSON_CreateObject();
		add_common(x, s->id, s->folder_id, s->name, s->description, s->created_at);
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "queues");
	for (size_t i = 0; i < w->queues.n; i++)
		cJSON_AddItemToArray(a, queue_state(w->queues.items[i]));
	a = cJSON_AddArrayToObject(o, "operations");
	for (size_t i = 0; i < w->operations.n; i++) {
		const struct emu_operation *op = w->operations.items[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", op->id);
		cJSON_AddStringToObject(x, "versionId", op->version_id);
		cJSON_AddStringToObject(x, "functionId", op->function_id);
		cJSON_AddStringToObject(x, "createdBy", op->created_by);
		cJSON_AddNumberToObject(x, "createdMs", (double)op->created_ms);
		cJSON_AddNumberToObject(x, "doneAtMs", (double)op->done_at_ms);
		if (op->error_code) {
			cJSON_AddNumberToObject(x, "errorCode", op->error_code);
			cJSON_AddStringToObject(x, "errorMessage", op->error_message);
			cJSON_AddStringToObject(x, "requestId", op->request_id);
		}
		cJSON_AddItemToArray(a, x);
	}
	cJSON *idem = cJSON_AddObjectToObject(o, "idempotencyKeys");
	for (size_t i = 0; i < w->idem.cap; i++)
		if (w->idem.slots[i].key)
			cJSON_AddStringToObject(idem, w->idem.slots[i].key, ((struct emu_operation *)w->idem.slots[i].val)->id);
	return o;
}

int emu_state_save(struct emu *emu, const char *path)
{
	cJSON *o = world_state(emu);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		return -1;
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t len = strlen(text), done = 0;
	while (fd >= 0 && done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	free(text);
	int rc = fd >= 0 && done == len && fsync(fd) == 0 ? 0 : -1;
	if (fd >= 0 && close(fd))
		rc = -1;
	if (rc == 0 && rename(tmp, path))
		rc = -1;
	if (rc)
		unlink(tmp);
	return rc;
}

static int load_functions(struct emu_world *w, const cJSON *arr)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, arr) {
		struct emu_function *f = emu_world_add_function(w, str(it, "id"), str(it, "folderId"), str(it, "name"),
								str(it, "description"), str(it, "createdAt"));
		if (!f)
			return -1;
		if (strlen(str(it, "logGroupId")) == EMU_ID_LEN)
			snprintf(f->log_group_id, sizeof(f->log_group_id), "%s", str(it, "logGroupId"));
		const cJSON *labels = cJSON_GetObjectItemCaseSensitive(it, "labels");
		if (cJSON_IsObject(labels))
			f->labels = cJSON_Duplicate(labels, 1);
		emu_behaviour_parse(str(it, "behaviour"), &f->behaviour);
		f->generated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "generated"));
		long long n = 0;
		if (!emu_json_int64(cJSON_GetObjectItemCaseSensitive(it, "failTimes"), &n) && n >= 0 && n <= 1000)
			f->fail_times = (int)n;
		const cJSON *v;
		cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(it, "versions")) {
			if (!cJSON_IsObject(v) || !emu_world_add_version(w, f, cJSON_Duplicate(v, 1)))
				return -1;
		}
	}
	return 0;
}

static int load_rest(struct emu_world *w, const cJSON *o)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "clouds")) {
		struct emu_cloud *c = calloc(1, sizeof(*c));
		if (!c || emu_vec_push(&w->clouds, c)) {
			free(c);
			return -1;
		}
		snprintf(c->id, sizeof(c->id), "%s", str(it, "id"));
		c->name = strdup(str(it, "name"));
		c->description = strdup(str(it, "description"));
		snprintf(c->created_at, sizeof(c->created_at), "%s", str(it, "createdAt"));
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "folders")) {
		struct emu_folder *f = calloc(1, sizeof(*f));
		if (!f || emu_vec_push(&w->folders, f)) {
			free(f);
			return -1;
		}
		snprintf(f->id, sizeof(f->id), "%s", str(it, "id"));
		snprintf(f->cloud_id, sizeof(f->cloud_id), "%s", str(it, "cloudId"));
		f->name = strdup(str(it, "name"));
		f->description = strdup(str(it, "description"));
		snprintf(f->created_at, sizeof(f->created_at), "%s", str(it, "createdAt"));
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "serviceAccounts")) {
		if (!emu_world_add_sa(w, str(it, "id"), str(it, "folderId"), str(it, "name"), str(it, "description"),
				      str(it, "createdAt")))
			return -1;
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "queues")) {
		struct emu_queue *q = emu_world_add_queue(w, str(it, "id"), str(it, "folderId"), str(it, "name"),
							  str(it, "createdAt"));
		if (!q)
			return -1;
		const cJSON *m;
		cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(it, "messages")) {
			if (cJSON_IsString(m) && emu_queue_push(w, q, m->valuestring, NULL))
				return -1;
		}
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "operations")) {
		struct emu_operation *op = calloc(1, sizeof(*op));
		if (!op || emu_vec_push(&w->operations, op)) {
			free(op);
			return -1;
		}
		snprintf(op->id, sizeof(op->id), "%s", str(it, "id"));
		snprintf(op->version_id, sizeof(op->version_id), "%s", str(it, "versionId"));
		snprintf(op->function_id, sizeof(op->function_id), "%s", str(it, "functionId"));
		snprintf(op->created_by, sizeof(op->created_by), "%s", str(it, "createdBy"));
		emu_json_int64(cJSON_GetObjectItemCaseSensitive(it, "createdMs"), &op->created_ms);
		emu_json_int64(cJSON_GetObjectItemCaseSensitive(it, "doneAtMs"), &op->done_at_ms);
		long long code = 0;
		if (!emu_json_int64(cJSON_GetObjectItemCaseSensitive(it, "errorCode"), &code) && code > 0 && code <= 16) {
			op->error_code = (int)code;
			snprintf(op->error_message, sizeof(op->error_message), "%s", str(it, "errorMessage"));
			snprintf(op->request_id, sizeof(op->request_id), "%s", str(it, "requestId"));
		}
		emu_rfc3339(op->created_ms, op->created_at);
		emu_map_put(&w->op_by_id, op->id, op);
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "idempotencyKeys")) {
		void *op = cJSON_IsString(it) ? emu_map_get(&w->op_by_id, it->valuestring) : NULL;
		if (op)
			emu_map_put(&w->idem, it->string, op);
	}
	return 0;
}

static char *read_all(const char *path, bool *missing)
{
	FILE *f = fopen(path, "rb");
	*missing = !f;
	if (!f)
		return NULL;
	struct emu_buf b = {.max = (size_t)STATE_MAX};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (emu_buf_add(&b, chunk, n))
			break;
	bool bad = ferror(f) || b.too_big;
	fclose(f);
	if (bad) {
		emu_buf_free(&b);
		return NULL;
	}
	if (!b.buf)
		emu_buf_add(&b, "", 0);
	return b.buf;
}

int emu_state_load(struct emu *emu, const char *path, bool *loaded, struct yc_error *err)
{
	bool missing;
	*loaded = false;
	char *text = read_all(path, &missing);
	if (!text) {
		if (missing)
			return 0; /* a first start: the seeded world, saved later */
		emu_err(err, YC_ERR_IO, "--state: the file cannot be read", "--state: файл не читается");
		return -1;
	}
	cJSON *o = cJSON_Parse(text);
	free(text);
	const cJSON *rng = cJSON_GetObjectItemCaseSensitive(o, "rng");
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(o, "saKey");
	if (!cJSON_IsObject(o) || !cJSON_IsString(rng)) {
		cJSON_Delete(o);
		emu_err(err, YC_ERR_PARSE, "--state: not an emulator state file", "--state: это не файл состояния эмулятора");
		return -1;
	}
	struct emu_world *w = emu_world_new(strtoull(rng->valuestring, NULL, 10));
	if (!w || load_rest(w, o) || load_functions(w, cJSON_GetObjectItemCaseSensitive(o, "functions"))) {
		emu_world_free(w);
		cJSON_Delete(o);
		emu_err(err, YC_ERR_PARSE, "--state: the file is damaged", "--state: файл повреждён");
		return -1;
	}
	if (*str(key, "privatePem"))
		emu_sa_key_set(emu, str(key, "privatePem"), str(key, "publicPem"));
	cJSON_Delete(o);
	emu->w = w;
	*loaded = true;
	return 0;
}
