/* emu_sqs.c — Message Queue over the SQS protocol: POST / (or to a queue URL) form-encoded
 * Action=ListQueues | GetQueueUrl | GetQueueAttributes | SendMessage | ReceiveMessage |
 * DeleteMessage, SigV4-signed with the seeded static key, answered in XML like SQS/YMQ. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emulator/emu_internal.h"

#define SQS_NS "http://queue.amazonaws.com/doc/2012-11-05/"
#define SQS_BODY_MAX (256 * 1024)
#define FORM_MAX 64

struct form {
	char *k[FORM_MAX], *v[FORM_MAX];
	int n;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

static char *url_decode(const char *s, size_t n)
{
	char *o = malloc(n + 1);
	size_t k = 0;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+')
			o[k++] = ' ';
		else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			o[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			o[k++] = s[i];
	}
	o[k] = '\0';
	return o;
}

static void form_parse(const char *body, size_t len, struct form *f)
{
	memset(f, 0, sizeof(*f));
	size_t i = 0;
	while (i < len && f->n < FORM_MAX) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		size_t eq = i;
		while (eq < end && body[eq] != '=')
			eq++;
		if (end > i) {
			f->k[f->n] = url_decode(body + i, eq - i);
			f->v[f->n] = eq < end ? url_decode(body + eq + 1, end - eq - 1) : strdup("");
			f->n++;
		}
		i = end + 1;
	}
}

static void form_free(struct form *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->k[i]);
		free(f->v[i]);
	}
}

/* Form fields first, then the query string (SQS takes both). */
static const char *param(const struct emu_req *r, const struct form *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (f->k[i] && !strcmp(f->k[i], key))
			return f->v[i];
	return emu_req_query(r, key);
}

static void xml_escape(struct emu_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': emu_buf_add(b, "&amp;", 5); break;
		case '<': emu_buf_add(b, "&lt;", 4); break;
		case '>': emu_buf_add(b, "&gt;", 4); break;
		case '"': emu_buf_add(b, "&quot;", 6); break;
		case '\'': emu_buf_add(b, "&apos;", 6); break;
		case '\r': emu_buf_add(b, "&#13;", 5); break;
		default: emu_buf_add(b, s, 1);
		}
	}
}

static void sqs_error(struct emu_resp *resp, const struct emu_req *r, int status, const char *code, const char *msg)
{
	struct emu_buf b = {0};
	emu_buf_printf(&b, "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" SQS_NS "\"><Error><Type>%s</Type><Code>",
		       status >= 500 ? "Receiver" : "Sender");
	xml_escape(&b, code);
	emu_buf_add(&b, "</Code><Message>", 16);
	xml_escape(&b, msg);
	emu_buf_printf(&b, "</Message><Detail/></Error><RequestId>%s</RequestId></ErrorResponse>\n", r->request_id);
	emu_resp_text(resp, status, "text/xml", b.buf);
	emu_buf_free(&b);
}

static void sqs_ok(struct emu_resp *resp, const struct emu_req *r, const char *action, struct emu_buf *result)
{
	struct emu_buf b = {0};
	emu_buf_printf(&b, "<?xml version=\"1.0\"?>\n<%sResponse xmlns=\"" SQS_NS "\">", action);
	if (result)
		emu_buf_printf(&b, "<%sResult>%s</%sResult>", action, result->buf ? result->buf : "", action);
	emu_buf_printf(&b, "<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>\n",
		       r->request_id, action);
	emu_resp_text(resp, 200, "text/xml", b.buf);
	emu_buf_free(&b);
}

static void queue_url(const struct emu *emu, const struct emu_queue *q, struct emu_buf *b)
{
	emu_buf_printf(b, "%s/%s/%s/", emu->url, q->folder_id, q->id);
	xml_escape(b, q->name);
}

/* .../<folder_id>/<queue_id>/<name> */
static struct emu_queue *queue_of(struct emu_req *r, const struct form *f, struct emu_resp *resp)
{
	const char *url = param(r, f, "QueueUrl");
	char folder[160] = "", name[160] = "";
	if (!url && r->nparams == 3) {
		snprintf(folder, sizeof(folder), "%s", r->params[0]);
		snprintf(name, sizeof(name), "%s", r->params[2]);
	} else if (url) {
		const char *slash3 = strrchr(url, '/');
		const char *p = slash3;
		int k = 0;
		while (p && p > url && k < 2)
			if (*--p == '/')
				k++;
		if (slash3 && k == 2) {
			snprintf(folder, sizeof(folder), "%.*s", (int)strcspn(p + 1, "/"), p + 1);
			snprintf(name, sizeof(name), "%s", slash3 + 1);
		}
	}
	struct emu_queue *q = *folder ? emu_world_queue(r->emu->w, folder, name) : NULL;
	if (!q)
		sqs_error(resp, r, 400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
	return q;
}

static void list_queues(struct emu_req *r, const struct form *f, struct emu_resp *resp)
{
	const char *prefix = param(r, f, "QueueNamePrefix");
	const char *max_s = param(r, f, "MaxResults"), *next = param(r, f, "NextToken");
	long max = max_s ? strtol(max_s, NULL, 10) : 1000;
	long start = next && *next ? emu_page_token_parse(next) : 0;
	if (max < 1 || max > 1000 || start < 0) {
		sqs_error(resp, r, 400, "InvalidParameterValue", "MaxResults must be 1..1000 and NextToken one we gave");
		return;
	}
	struct emu_buf b = {0};
	emu_buf_add(&b, "", 0);
	const struct emu_vec *qs = &r->emu->w->queues;
	size_t i = (size_t)start;
	long got = 0;
	for (; i < qs->n; i++) {
		const struct emu_queue *q = qs->items[i];
		if (strcmp(q->folder_id, emu_demo_folder_id()) || (prefix && strncmp(q->name, prefix, strlen(prefix))))
			continue;
		if (got == max)
			break;
		emu_buf_add(&b, "<QueueUrl>", 10);
		queue_url(r->emu, q, &b);
		emu_buf_add(&b, "</QueueUrl>", 11);
		got++;
	}
	if (i < qs->n && max_s) { /* NextToken only for callers that page (MaxResults), like SQS */
		char tok[32];
		emu_page_token(i, tok);
		emu_buf_printf(&b, "<NextToken>%s</NextToken>", tok);
	}
	sqs_ok(resp, r, "ListQueues", &b);
	emu_buf_free(&b);
}

static void get_queue_url(struct emu_req *r, const struct form *f, struct emu_resp *resp)
{
	const char *name = param(r, f, "QueueName");
	struct emu_queue *q = name ? emu_world_queue(r->emu->w, emu_demo_folder_id(), name) : NULL;
	if (!q) {
		sqs_error(resp, r, 400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
		return;
	}
	struct emu_buf b = {0};
	emu_buf_add(&b, "<QueueUrl>", 10);
	queue_url(r->emu, q, &b);
	emu_buf_add(&b, "</QueueUrl>", 11);
	sqs_ok(resp, r, "GetQueueUrl", &b);
	emu_buf_free(&b);
}

static void attr(struct emu_buf *b, const char *name, const char *value)
{
	emu_buf_printf(b, "<Attribute><Name>%s</Name><Value>", name);
	xml_escape(b, value);
	emu_buf_add(b, "</Value></Attribute>", 20);
}

static bool wants(const struct emu_req *r, const struct form *f, const char *name)
{
	char key[32];
	for (int i = 1; i <= 32; i++) {
		snprintf(key, sizeof(key), "AttributeName.%d", i);
		const char *v = param(r, f, key);
		if (!v)
			return false;
		if (!strcmp(v, name) || !strcmp(v, "All"))
			return true;
	}
	return false;
}

static void get_attributes(struct emu_req *r, const struct form *f, struct emu_resp *resp)
{
	struct emu_queue *q = queue_of(r, f, resp);
	if (!q)
		return;
	struct emu_buf b = {0};
	char v[256];
	emu_buf_add(&b, "", 0);
	if (wants(r, f, "QueueArn")) {
		snprintf(v, sizeof(v), "yrn:yc:ymq:ru-central1:%s:%s", q->folder_id, q->name);
		attr(&b, "QueueArn", v);
	}
	if (wants(r, f, "ApproximateNumberOfMessages")) {
		snprintf(v, sizeof(v), "%zu", q->nmsgs);
		attr(&b, "ApproximateNumberOfMessages", v);
	}
	sqs_ok(resp, r, "GetQueueAttributes", &b);
	emu_buf_free(&b);
}

static void send_message(struct emu_req *r, const struct form *f, struct emu_resp *resp)
{
	struct emu_queue *q = queue_of(r, f, resp);
	const char *body = param(r, f, "MessageBody");
	if (!q)
		return;
	if (!body || !*body || strlen(body) > SQS_BODY_MAX) {
		sqs_error(resp, r, 400, "InvalidParameterValue", "MessageBody is required and at most 262144 bytes");
		return;
	}
	char id[37];
	if (emu_queue_push(r->emu->w, q, body, id)) {
		sqs_error(resp, r, 500, "InternalFailure", "out of memory");
		return;
	}
	pthread_cond_broadcast(&r->emu->changed);
	struct emu_buf b = {0};
	emu_buf_printf(&b, "<MD5OfMessageBody>%s</MD5OfMessageBody><MessageId>%s</MessageId>", q->msgs[q->nmsgs - 1].md5, id);
	sqs_ok(resp, r, "SendMessage", &b);
	emu_buf_free(&b);
}

static long num_param(const struct emu_req *r, const struct form *f, const char *key, long def, long lo, long hi,
		      bool *bad)
{
	const char *s = param(r, f, key);
	if (!s)
		return def;
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		*bad = true;
	return v;
}

static size_t take_visible(struct emu *emu, struct emu_queue *q, long max, long vt_s, struct emu_buf *b)
{
	long long now = emu_now_ms();
	size_t got = 0;
	for (size_t i = 0; i < q->nmsgs && (long)got < max; i++) {
		struct emu_message *m = &q->msgs[i];
		if (m->visible_at_ms > now)
			continue;
		m->visible_at_ms = now + vt_s * 1000;
		m->receive_count++;
		char rnd[37];
		emu_make_uuid(&emu->req_rng, rnd);
		snprintf(m->receipt, sizeof(m->receipt), "%s-%d", rnd, m->receive_count);
		emu_buf_printf(b, "<Message><MessageId>%s</MessageId><ReceiptHandle>%s</ReceiptHandle><MD5OfBody>%s</MD5OfBody><Body>",
			       m->id, m->receipt, m->md5);
		xml_escape(b, m->body);
		emu_buf_printf(b, "</Body><Attribute><Name>SentTimestamp</Name><Value>%lld</Value></Attribute>"
				  "<Attribute><Name>ApproximateReceiveCount</Name><Value>%d</Value></Attribute></Message>",
			       m->sent_ms, m->receive_count);
		got++;
	}
	return got;
}

static void receive_message(struct emu_req *r, const struct form *f, struct emu_resp *resp)
{
	struct emu *emu = r->emu;
	bool bad = false;
	long max = num_param(r, f, "MaxNumberOfMessages", 1, 1, 10, &bad);
	long vt = num_param(r, f, "VisibilityTimeout", 30, 0, 43200, &bad);
	long wait = num_param(r, f, "WaitTimeSeconds", 0, 0, 20, &bad);
	if (bad) {
		sqs_error(resp, r, 400, "InvalidParameterValue",
			  "MaxNumberOfMessages 1..10, VisibilityTimeout 0..43200, WaitTimeSeconds 0..20");
		return;
	}
	struct emu_queue *q = queue_of(r, f, resp);
	if (!q)
		return;
	char folder[EMU_ID_LEN + 1], name[160];
	snprintf(folder, sizeof(folder), "%s", q->folder_id);
	snprintf(name, sizeof(name), "%s", q->name);
	long long deadline = emu_now_ms() + wait * 1000;
	struct emu_buf b = {0};
	emu_buf_add(&b, "", 0);
	/* Long polling waits on emu->changed, which releases the lock; the world may be reset
	 * meanwhile, so the queue is looked up again after each wait. */
	while (q && !take_visible(emu, q, max, vt, &b) && !atomic_load(&emu->stopping)) {
		long long left = deadline - emu_now_ms();
		if (left <= 0)
			break;
		if (left > 100)
			left = 100;
		emu_cond_wait_ms(&emu->changed, &emu->lock, left);
		q = emu_world_queue(emu->w, folder, name);
	}
	sqs_ok(resp, r, "ReceiveMessage", &b);
	emu_buf_free(&b);
}

static void delete_message(struct emu_req *r, const struct form *f, struct emu_resp *resp)
{
	struct emu_queue *q = queue_of(r, f, resp);
	const char *h = param(r, f, "ReceiptHandle");
	if (!q)
		return;
	for (size_t i = 0; h && i < q->nmsgs; i++) {
		if (strcmp(q->msgs[i].receipt, h))
			continue;
		free(q->msgs[i].body);
		memmove(&q->msgs[i], &q->msgs[i + 1], (q->nmsgs - i - 1) * sizeof(q->msgs[0]));
		q->nmsgs--;
		sqs_ok(resp, r, "DeleteMessage", NULL);
		return;
	}
	sqs_error(resp, r, 400, "ReceiptHandleIsInvalid", "The receipt handle provided is not valid.");
}

void emu_h_sqs(struct emu_req *r, struct emu_resp *resp)
{
	const char *code, *why;
	if (emu_sigv4_verify(r, &code, &why)) {
		sqs_error(resp, r, 403, code, why);
		return;
	}
	struct form f;
	form_parse(r->body.buf ? r->body.buf : "", r->body.len, &f);
	const char *action = param(r, &f, "Action");
	if (!action)
		sqs_error(resp, r, 400, "MissingAction", "The request must contain the parameter Action.");
	else if (!strcmp(action, "ListQueues"))
		list_queues(r, &f, resp);
	else if (!strcmp(action, "GetQueueUrl"))
		get_queue_url(r, &f, resp);
	else if (!strcmp(action, "GetQueueAttributes"))
		get_attributes(r, &f, resp);
	else if (!strcmp(action, "SendMessage"))
		send_message(r, &f, resp);
	else if (!strcmp(action, "ReceiveMessage"))
		receive_message(r, &f, resp);
	else if (!strcmp(action, "DeleteMessage"))
		delete_message(r, &f, resp);
	else
		sqs_error(resp, r, 400, "InvalidAction", "The action is not valid for this endpoint.");
	form_free(&f);
}
