/* ymq_xml.c — Message Queue's XML answers (libxml2), read without trust: size capped, no
 * network, no DTD at all (so no entity can expand), values capped, names matched without the
 * namespace.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "api/api_int.h"

#define URL_MAX 2048
#define BODY_MAX (256 * 1024)
#define ITEMS_MAX 10000

static int xml_fail(struct yc_error *err, const char *field, const char *ru, const char *en)
{
	yc_error_set(err, YC_ERR_PARSE, field, ru, en, NULL, NULL);
	return -1;
}

static xmlDocPtr xml_read(const char *xml, size_t len, struct yc_error *err)
{
	if (!xml || len == 0 || len > API_BODY_MAX || len > INT_MAX) {
		xml_fail(err, NULL, "ответ Message Queue пуст или слишком велик", "the Message Queue answer is empty or too large");
		return NULL;
	}
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, "ymq.xml", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (doc && (doc->intSubset || doc->extSubset || !xmlDocGetRootElement(doc))) {
		xmlFreeDoc(doc); /* answers never carry a DTD: refuse entities outright */
		doc = NULL;
	}
	if (!doc)
		xml_fail(err, NULL, "ответ Message Queue — не XML", "the Message Queue answer is not XML");
	return doc;
}

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

/* The element's own text (text and CDATA children only, never entities), capped; malloc'd. */
static char *text_of(const xmlNode *n, size_t max)
{
	struct api_buf b = {.max = max};
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    api_buf_add(&b, c->content, strlen((const char *)c->content)) != 0) {
			api_buf_free(&b);
			return NULL;
		}
	}
	if (!b.data)
		api_buf_add(&b, "", 0);
	return b.data;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* Calls fn for every element called name, depth first (libxml2 caps the depth at 256). */
typedef int (*visit_fn)(const xmlNode *n, void *ud);
static int each(const xmlNode *n, const char *name, visit_fn fn, void *ud)
{
	for (; n; n = n->next) {
		if (named(n, name)) {
			if (fn(n, ud) != 0)
				return -1;
		} else if (n->type == XML_ELEMENT_NODE && each(n->children, name, fn, ud) != 0) {
			return -1;
		}
	}
	return 0;
}

static int add_queue(const xmlNode *n, void *ud)
{
	struct yc_queue_list *l = ud;
	if (l->n >= ITEMS_MAX)
		return -1;
	char *url = text_of(n, URL_MAX);
	if (!url || !*url) {
		free(url);
		return -1;
	}
	struct yc_queue *q = realloc(l->items, (l->n + 1) * sizeof *q);
	if (!q) {
		free(url);
		return -1;
	}
	l->items = q;
	const char *slash = strrchr(url, '/');
	q[l->n] = (struct yc_queue){.url = url, .name = strdup(slash ? slash + 1 : url)};
	l->n++;
	return 0;
}

int api_ymq_parse_queue_urls(const char *xml, size_t len, struct yc_queue_list *out, struct yc_error *err)
{
	xmlDocPtr doc = xml_read(xml, len, err);
	if (!doc)
		return -1;
	int rc = each(xmlDocGetRootElement(doc), "QueueUrl", add_queue, out);
	xmlFreeDoc(doc);
	return rc == 0 ? 0 : xml_fail(err, "QueueUrl", "неверный QueueUrl в ответе", "a bad QueueUrl in the answer");
}

struct find_attr {
	const char *name;
	char *value;
};

static int match_attr(const xmlNode *n, void *ud)
{
	struct find_attr *f = ud;
	char *name = text_of(child(n, "Name"), 256);
	if (name && strcmp(name, f->name) == 0 && !f->value)
		f->value = text_of(child(n, "Value"), URL_MAX);
	free(name);
	return 0;
}

int api_ymq_parse_queue_arn(const char *xml, size_t len, char **arn, struct yc_error *err)
{
	*arn = NULL;
	xmlDocPtr doc = xml_read(xml, len, err);
	if (!doc)
		return -1;
	struct find_attr f = {.name = "QueueArn"};
	each(xmlDocGetRootElement(doc), "Attribute", match_attr, &f);
	xmlFreeDoc(doc);
	if (!f.value || !*f.value) {
		free(f.value);
		return xml_fail(err, "QueueArn", "в ответе нет атрибута QueueArn", "the answer has no QueueArn attribute");
	}
	*arn = f.value;
	return 0;
}

/* SentTimestamp (ms since the epoch) as RFC 3339; NULL when absent. */
static char *sent_at(const xmlNode *msg)
{
	struct find_attr f = {.name = "SentTimestamp"};
	each(msg->children, "Attribute", match_attr, &f);
	if (!f.value)
		return NULL;
	char *end;
	long long ms = strtoll(f.value, &end, 10);
	bool whole = *f.value && !*end;
	free(f.value);
	if (!whole || ms < 0 || ms > 253402300799999LL)
		return NULL;
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	char buf[40];
	if (!gmtime_r(&s, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm))
		return NULL;
	char out[48];
	snprintf(out, sizeof out, "%s.%03lldZ", buf, ms % 1000);
	return strdup(out);
}

static int add_message(const xmlNode *n, void *ud)
{
	struct yc_message_list *l = ud;
	if (l->n >= ITEMS_MAX)
		return -1;
	struct yc_message *m = realloc(l->items, (l->n + 1) * sizeof *m);
	if (!m)
		return -1;
	l->items = m;
	m[l->n] = (struct yc_message){
		.id = text_of(child(n, "MessageId"), 256),
		.body = text_of(child(n, "Body"), BODY_MAX),
		.receipt_handle = text_of(child(n, "ReceiptHandle"), URL_MAX),
		.sent_at = sent_at(n),
	};
	l->n++;
	return m[l->n - 1].id ? 0 : -1;
}

int api_ymq_parse_messages(const char *xml, size_t len, struct yc_message_list *out, struct yc_error *err)
{
	xmlDocPtr doc = xml_read(xml, len, err);
	if (!doc)
		return -1;
	int rc = each(xmlDocGetRootElement(doc), "Message", add_message, out);
	xmlFreeDoc(doc);
	return rc == 0 ? 0 : xml_fail(err, "Message", "неверное сообщение в ответе", "a bad message in the answer");
}

int api_ymq_parse_error(const char *xml, size_t len, struct yc_error *err)
{
	struct yc_error tmp;
	yc_error_clear(&tmp);
	xmlDocPtr doc = xml_read(xml, len, &tmp);
	if (!doc)
		return -1;
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *e = child(root, "Error");
	int rc = -1;
	if (named(root, "ErrorResponse") && e) {
		char *code = text_of(child(e, "Code"), 128), *msg = text_of(child(e, "Message"), 400);
		char *rid = text_of(child(root, "RequestId"), 79);
		err->kind = YC_ERR_API;
		snprintf(err->api_message, sizeof err->api_message, "%s%s%s", code ? code : "", code && msg && *msg ? ": " : "",
			 msg ? msg : "");
		if (rid)
			snprintf(err->request_id, sizeof err->request_id, "%s", rid);
		free(code);
		free(msg);
		free(rid);
		rc = 0;
	}
	xmlFreeDoc(doc);
	return rc;
}
