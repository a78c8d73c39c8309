/* emu_seed.c — the demo world: one cloud, two folders, a dozen functions with version
 * histories over current and old runtimes (some with async invocation configured, some with
 * settings the form does not show, so that carry-over can be tested), service accounts and
 * queues; and --generate N for big folders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emulator/emu_internal.h"

/* Static demo credentials: not secrets, they only open this emulator. */
#define DEMO_OAUTH "y0_AgAAAAAdemoEmuLATOR0ycfnLocalOnlyToken000000000000"
#define DEMO_CLOUD "b1gdemo0cloud0ycfn01"
#define DEMO_FOLDER "b1gdemo0folder0ycfn1"
#define DEMO_FOLDER2 "b1gdemo0folder0stag2"
#define DEMO_AWS_KEY "YCAJEdemo0ycfn0emulator0"
#define DEMO_AWS_SECRET "YCNdemo0ycfn0emulator0secret0key000000000"

const char *emu_demo_oauth_token(void) { return DEMO_OAUTH; }
const char *emu_demo_cloud_id(void) { return DEMO_CLOUD; }
const char *emu_demo_folder_id(void) { return DEMO_FOLDER; }
const char *emu_demo_aws_key_id(void) { return DEMO_AWS_KEY; }
const char *emu_demo_aws_secret(void) { return DEMO_AWS_SECRET; }

/* 2024-03-01T09:00:00Z: the demo world's history starts here. */
#define BASE_MS 1709283600000LL
#define HOUR_MS 3600000LL

static void stamp(int hours, char out[40])
{
	emu_rfc3339(BASE_MS + hours * HOUR_MS + (hours * 7919LL) % 1000, out);
}

struct seed_fn {
	const char *folder, *name, *description, *runtime, *entrypoint;
	int memory_mb, timeout_s, nversions;
	enum emu_behaviour behaviour;
	int fail_times;
	const char *extras; /* JSON merged into the newest versions: settings to carry over */
	bool async;
	int retries;
	const char *ok_queue, *fail_queue; /* NULL = emptyTarget */
	const char *old_runtime;           /* the runtime of the older versions, NULL = same */
};

static const struct seed_fn seed_functions[] = {
	{DEMO_FOLDER, "order-webhook", "Receives orders from the shop", "python312", "index.handler", 256, 10, 4,
	 EMU_BEH_FAIL_N, 2, "{\"environment\":{\"SHOP_URL\":\"https://shop.example.com\",\"LOG_LEVEL\":\"info\"}}",
	 true, 3, "orders-ok", "orders-dlq", "python311"},
	{DEMO_FOLDER, "image-resizer", "Makes thumbnails", "nodejs22", "index.handler", 1024, 30, 3, EMU_BEH_ECHO, 0,
	 "{\"environment\":{\"BUCKET\":\"images\",\"MAX_WIDTH\":\"1024\"},\"concurrency\":\"4\","
	 "\"tmpfsSize\":\"536870912\",\"storageMounts\":[{\"bucketId\":\"images\",\"prefix\":\"in/\","
	 "\"mountPointName\":\"images\",\"readOnly\":true}]}",
	 false, 0, NULL, NULL, "nodejs18"},
	{DEMO_FOLDER, "send-email", "Sends transactional email", "python311", "main.send", 128, 5, 2, EMU_BEH_FAIL, 0,
	 "{\"secrets\":[{\"id\":\"e6qsmtp0secret0demo01\",\"versionId\":\"e6qsmtp0version0demo1\","
	 "\"key\":\"password\",\"environmentVariable\":\"SMTP_PASSWORD\"}],"
	 "\"environment\":{\"SMTP_HOST\":\"smtp.example.com\"}}",
	 true, 2, NULL, "emails-dlq", NULL},
	{DEMO_FOLDER, "report-generator", "Nightly PDF reports", "golang121", "main.Handler", 1024, 60, 3,
	 EMU_BEH_TIMEOUT, 0,
	 "{\"connectivity\":{\"networkId\":\"enp0demo0network0001\",\"subnetId\":[\"e9b0demo0subnet0a001\","
	 "\"e2l0demo0subnet0b001\"]},\"logOptions\":{\"disabled\":false,\"logGroupId\":\"e23reports0logs0demo\","
	 "\"minLevel\":\"WARN\"}}",
	 true, 1, "orders-ok", "orders-dlq", "golang119"},
	{DEMO_FOLDER, "cron-cleanup", "Deletes stale temp objects", "bash-2204", "handler.sh", 128, 15, 2, EMU_BEH_ECHO,
	 0, NULL, false, 0, NULL, NULL, "bash"},
	{DEMO_FOLDER, "legacy-api", "Old REST backend, do not touch", "nodejs18", "app.handler", 256, 10, 5,
	 EMU_BEH_ECHO, 0,
	 "{\"mounts\":[{\"name\":\"data\",\"mode\":\"READ_ONLY\",\"objectStorage\":{\"bucketId\":\"legacy-data\"}}],"
	 "\"namedServiceAccounts\":{\"reader\":\"ajelegacy0reader0sa01\"}}",
	 false, 0, NULL, NULL, "nodejs16"},
	{DEMO_FOLDER, "telegram-bot", "Answers the support chat", "python312", "bot.handler", 128, 3, 2, EMU_BEH_ECHO, 0,
	 "{\"environment\":{\"BOT_NAME\":\"ycfn_demo_bot\"},\"concurrency\":\"2\"}", true, 0, NULL, NULL, NULL},
	{DEMO_FOLDER, "payment-callback", "Confirms payments", "java21", "ru.example.Handler", 512, 20, 3,
	 EMU_BEH_FAIL_N, 1, "{\"environment\":{\"PROVIDER\":\"demo-pay\"}}", true, 5, "payments-ok",
	 "payments-failed", "java17"},
	{DEMO_FOLDER, "metrics-exporter", "Pushes metrics to monitoring", "golang119", "main.Export", 128, 10, 1,
	 EMU_BEH_ECHO, 0, NULL, false, 0, NULL, NULL, NULL},
	{DEMO_FOLDER, "pdf-render", "Renders invoices", "dotnet8", "Function.Handler", 1024, 30, 2, EMU_BEH_ECHO, 0,
	 "{\"tmpfsSize\":\"268435456\"}", false, 0, NULL, NULL, "dotnet6"},
	{DEMO_FOLDER, "auth-hook", "Checks session cookies", "php82", "index.main", 128, 2, 1, EMU_BEH_ECHO, 0, NULL,
	 false, 0, NULL, NULL, NULL},
	{DEMO_FOLDER2, "data-etl", "Loads the warehouse", "python312", "etl.run", 2048, 600, 3, EMU_BEH_FAIL_N, 3,
	 "{\"environment\":{\"DB_HOST\":\"c-demo.rw.mdb.yandexcloud.net\"}}", true, 2, "etl-results", "etl-results",
	 "python311"},
	{DEMO_FOLDER2, "staging-echo", "Echoes what it gets", "nodejs22", "index.handler", 128, 5, 1, EMU_BEH_ECHO, 0,
	 NULL, false, 0, NULL, NULL, NULL},
};

static const struct {
	const char *folder, *name, *description;
} seed_sas[] = {
	{DEMO_FOLDER, "functions-invoker", "May invoke functions (functions.functionInvoker)"},
	{DEMO_FOLDER, "ymq-writer", "May write to queues (ymq.writer)"},
	{DEMO_FOLDER, "deployer", "CI deploys"},
	{DEMO_FOLDER, "image-resizer-sa", "Runtime account of image-resizer"},
	{DEMO_FOLDER, "reports-sa", ""},
	{DEMO_FOLDER2, "etl-runner", "Runs data-etl"},
	{DEMO_FOLDER2, "staging-writer", ""},
};

static const struct {
	const char *folder, *name;
} seed_queues[] = {
	{DEMO_FOLDER, "orders-ok"},     {DEMO_FOLDER, "orders-dlq"},    {DEMO_FOLDER, "emails-dlq"},
	{DEMO_FOLDER, "payments-ok"},   {DEMO_FOLDER, "payments-failed"}, {DEMO_FOLDER, "audit-events"},
	{DEMO_FOLDER2, "etl-results"},  {DEMO_FOLDER2, "staging-events"},
};

static void add_target(cJSON *cfg, const char *key, const char *folder, const char *queue, const char *sa)
{
	cJSON *t = cJSON_AddObjectToObject(cfg, key);
	if (!queue) {
		cJSON_AddObjectToObject(t, "emptyTarget");
		return;
	}
	char arn[200];
	snprintf(arn, sizeof(arn), "yrn:yc:ymq:ru-central1:%s:%s", folder, queue);
	cJSON *y = cJSON_AddObjectToObject(t, "ymqTarget");
	cJSON_AddStringToObject(y, "queueArn", arn);
	cJSON_AddStringToObject(y, "serviceAccountId", sa);
}

static cJSON *seed_version_json(const struct seed_fn *s, const struct emu_function *fn, int k, int hours,
				const char *runtime_sa, const char *invoker_sa, const char *writer_sa)
{
	bool newest = k == s->nversions - 1;
	bool old = s->old_runtime && k == 0 && s->nversions > 1;
	char created[40], num[32];
	stamp(hours, created);
	cJSON *v = cJSON_CreateObject();
	cJSON_AddStringToObject(v, "functionId", fn->id);
	char desc[96];
	snprintf(desc, sizeof(desc), k == 0 ? "first release" : "release %d", k + 1);
	cJSON_AddStringToObject(v, "description", desc);
	cJSON_AddStringToObject(v, "createdAt", created);
	cJSON_AddStringToObject(v, "runtime", old ? s->old_runtime : s->runtime);
	cJSON_AddStringToObject(v, "entrypoint", s->entrypoint);
	snprintf(num, sizeof(num), "%lld", (long long)s->memory_mb * 1048576LL);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(v, "resources"), "memory", num);
	snprintf(num, sizeof(num), "%ds", s->timeout_s);
	cJSON_AddStringToObject(v, "executionTimeout", num);
	if (runtime_sa)
		cJSON_AddStringToObject(v, "serviceAccountId", runtime_sa);
	snprintf(num, sizeof(num), "%d", 4096 * (3 + k) * (s->memory_mb / 128 + 1));
	cJSON_AddStringToObject(v, "imageSize", num);
	cJSON_AddStringToObject(v, "status", "ACTIVE");
	cJSON_AddArrayToObject(v, "tags");
	cJSON_AddStringToObject(v, "logGroupId", fn->log_group_id);
	if (s->extras && k >= s->nversions - 2) {
		cJSON *ex = cJSON_Parse(s->extras);
		cJSON *it;
		cJSON_ArrayForEach(it, ex)
			cJSON_AddItemToObject(v, it->string, cJSON_Duplicate(it, 1));
		cJSON_Delete(ex);
	}
	if (s->async && newest) {
		cJSON *cfg = cJSON_AddObjectToObject(v, "asyncInvocationConfig");
		snprintf(num, sizeof(num), "%d", s->retries);
		cJSON_AddStringToObject(cfg, "retriesCount", num);
		add_target(cfg, "successTarget", s->folder, s->ok_queue, writer_sa);
		add_target(cfg, "failureTarget", s->folder, s->fail_queue, writer_sa);
		cJSON_AddStringToObject(cfg, "serviceAccountId", invoker_sa);
	}
	return v;
}

static struct emu_sa *sa_named(struct emu_world *w, const char *folder, const char *name)
{
	for (size_t i = 0; i < w->sas.n; i++) {
		struct emu_sa *s = w->sas.items[i];
		if (!strcmp(s->folder_id, folder) && !strcmp(s->name, name))
			return s;
	}
	return NULL;
}

static int seed_places(struct emu_world *w)
{
	struct emu_cloud *c = calloc(1, sizeof(*c));
	struct emu_folder *f1 = calloc(1, sizeof(*f1)), *f2 = calloc(1, sizeof(*f2));
	if (!c || !f1 || !f2 || emu_vec_push(&w->clouds, c)) {
		free(c);
		free(f1);
		free(f2);
		return -1;
	}
	snprintf(c->id, sizeof(c->id), "%s", DEMO_CLOUD);
	c->name = strdup("my-company-cloud");
	c->description = strdup("");
	stamp(-24 * 90, c->created_at);
	snprintf(f1->id, sizeof(f1->id), "%s", DEMO_FOLDER);
	snprintf(f2->id, sizeof(f2->id), "%s", DEMO_FOLDER2);
	snprintf(f1->cloud_id, sizeof(f1->cloud_id), "%s", DEMO_CLOUD);
	snprintf(f2->cloud_id, sizeof(f2->cloud_id), "%s", DEMO_CLOUD);
	f1->name = strdup("default");
	f1->description = strdup("Production services");
	f2->name = strdup("staging");
	f2->description = strdup("");
	stamp(-24 * 89, f1->created_at);
	stamp(-24 * 30, f2->created_at);
	if (emu_vec_push(&w->folders, f1)) {
		free(f1);
		free(f2);
		return -1;
	}
	if (emu_vec_push(&w->folders, f2)) {
		free(f2);
		return -1;
	}
	return 0;
}

int emu_world_seed(struct emu_world *w)
{
	if (seed_places(w))
		return -1;
	char created[40];
	for (size_t i = 0; i < sizeof(seed_sas) / sizeof(seed_sas[0]); i++) {
		stamp(-24 * 80 + (int)i * 5, created);
		if (!emu_world_add_sa(w, NULL, seed_sas[i].folder, seed_sas[i].name, seed_sas[i].description, created))
			return -1;
	}
	for (size_t i = 0; i < sizeof(seed_queues) / sizeof(seed_queues[0]); i++) {
		stamp(-24 * 70 + (int)i * 3, created);
		if (!emu_world_add_queue(w, NULL, seed_queues[i].folder, seed_queues[i].name, created))
			return -1;
	}
	for (size_t i = 0; i < sizeof(seed_functions) / sizeof(seed_functions[0]); i++) {
		const struct seed_fn *s = &seed_functions[i];
		int hours = -24 * 60 + (int)i * 17;
		stamp(hours, created);
		struct emu_function *fn = emu_world_add_function(w, NULL, s->folder, s->name, s->description, created);
		if (!fn)
			return -1;
		fn->behaviour = s->behaviour;
		fn->fail_times = s->fail_times;
		fn->labels = cJSON_CreateObject();
		cJSON_AddStringToObject(fn->labels, "team", i % 3 ? "backend" : "platform");
		bool staging = !strcmp(s->folder, DEMO_FOLDER2);
		struct emu_sa *invoker = sa_named(w, s->folder, staging ? "etl-runner" : "functions-invoker");
		struct emu_sa *writer = sa_named(w, s->folder, staging ? "staging-writer" : "ymq-writer");
		struct emu_sa *runtime_sa = i % 2 ? NULL : invoker;
		for (int k = 0; k < s->nversions; k++) {
			cJSON *vj = seed_version_json(s, fn, k, hours + 1 + k * 30, runtime_sa ? runtime_sa->id : NULL,
						      invoker->id, writer->id);
			struct emu_version *v = emu_world_add_version(w, fn, vj);
			if (!v)
				return -1;
			emu_world_set_tag(v, "$latest");
		}
		if (s->nversions > 2) /* a named tag on an older version, as people do */
			emu_world_set_tag(fn->versions.items[s->nversions - 2], "stable");
	}
	return 0;
}

/* Fast: no lookups per item, ids from the rng, one timestamp format per item. */
int emu_world_generate(struct emu_world *w, int n)
{
	char name[64], created[40];
	for (int i = 0; i < n; i++) {
		stamp(-24 * 50 + i % 10000, created);
		snprintf(name, sizeof(name), "gen-fn-%06d", i);
		struct emu_function *fn = emu_world_add_function(w, NULL, DEMO_FOLDER, name, "generated", created);
		if (!fn)
			return -1;
		fn->generated = true;
		snprintf(name, sizeof(name), "gen-sa-%06d", i);
		if (!emu_world_add_sa(w, NULL, DEMO_FOLDER, name, "generated", created))
			return -1;
		snprintf(name, sizeof(name), "gen-queue-%06d", i);
		if (!emu_world_add_queue(w, NULL, DEMO_FOLDER, name, created))
			return -1;
	}
	return 0;
}

int emu_world_materialize(struct emu_world *w, struct emu_function *fn)
{
	if (!fn->generated || fn->versions.n)
		return 0;
	char created[40];
	stamp(-24 * 40, created);
	cJSON *v = cJSON_CreateObject();
	cJSON_AddStringToObject(v, "functionId", fn->id);
	cJSON_AddStringToObject(v, "description", "generated");
	cJSON_AddStringToObject(v, "createdAt", created);
	cJSON_AddStringToObject(v, "runtime", "python312");
	cJSON_AddStringToObject(v, "entrypoint", "index.handler");
	cJSON_AddStringToObject(cJSON_AddObjectToObject(v, "resources"), "memory", "134217728");
	cJSON_AddStringToObject(v, "executionTimeout", "3s");
	cJSON_AddStringToObject(v, "imageSize", "16384");
	cJSON_AddStringToObject(v, "status", "ACTIVE");
	cJSON_AddArrayToObject(v, "tags");
	cJSON_AddStringToObject(v, "logGroupId", fn->log_group_id);
	struct emu_version *ver = emu_world_add_version(w, fn, v);
	if (!ver)
		return -1;
	emu_world_set_tag(ver, "$latest");
	return 0;
}
