/* testing.c — the Тестирование tab: a request body, invoke with ?integration=async or plainly,
 * the status and request id; after an async call, where queues can be read, ReceiveMessage on
 * the success and failure queues until a message arrives (a timer, no busy loop). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_int.h"

#define RECV_EVERY_MS 1000
#define RECV_MAX_POLLS 30

void function_back(struct app *a);

static const char *queue_url(const struct app *a, const char *arn)
{
	for (size_t i = 0; arn && i < a->queues.n; i++)
		if (a->queues.items[i].arn && !strcmp(a->queues.items[i].arn, arn))
			return a->queues.items[i].url;
	return NULL;
}

static const char *poll_target(struct app *a)
{
	const struct yc_version *b = data_base(a);
	if (!b || !b->async.enabled)
		return NULL;
	const struct yc_async_target *t = a->recv_polls % 2 ? &b->async.failure : &b->async.success;
	if (t->kind != YC_TARGET_YMQ)
		t = a->recv_polls % 2 ? &b->async.success : &b->async.failure;
	return t->kind == YC_TARGET_YMQ ? queue_url(a, t->queue_arn) : NULL;
}

static void on_received(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (r->req != a->req_receive)
		return;
	a->req_receive = 0;
	if (r->err.kind == YC_ERR_NONE && r->u.messages.n > 0) {
		const struct yc_message *m = &r->u.messages.items[0];
		const char *name = a->recv_queue_url;
		for (size_t i = 0; i < a->queues.n; i++)
			if (a->queues.items[i].url && !strcmp(a->queues.items[i].url, a->recv_queue_url) &&
			    a->queues.items[i].name)
				name = a->queues.items[i].name;
		/* The body on rows of its own, under the words that say where it came from. */
		snprintf(a->received, sizeof a->received, "%s %s:\n%s", app_tr(a, "Сообщение из очереди", "Message from queue"),
			 name, m->body ? m->body : "");
		a->recv_due_ms = 0;
	} else if (r->err.kind != YC_ERR_NONE) {
		yc_error_format(&r->err, a->lang, a->received, sizeof a->received);
		a->recv_due_ms = 0;
	} else if (++a->recv_polls < RECV_MAX_POLLS) {
		a->recv_due_ms = ui_now_ms() + RECV_EVERY_MS;
	} else {
		snprintf(a->received, sizeof a->received, "%s",
			 app_tr(a, "Сообщение в очередь не пришло", "No message arrived in the queues"));
		a->recv_due_ms = 0;
	}
	a->need_draw = true;
}

void testing_timer(struct app *a)
{
	a->recv_due_ms = 0;
	const char *url = poll_target(a);
	if (!url || a->req_receive)
		return;
	snprintf(a->recv_queue_url, sizeof a->recv_queue_url, "%s", url);
	a->req_receive = api_receive_messages(a->api, url, 1, on_received, a);
}

static void on_invoked(struct api_result *r, void *ud)
{
	struct app *a = ud;
	if (r->req != a->req_invoke)
		return;
	bool was_async = a->test_focus != 2;
	a->req_invoke = 0;
	a->fg_req = 0;
	if (r->err.kind != YC_ERR_NONE) {
		yc_error_format(&r->err, a->lang, a->invoke_line, sizeof a->invoke_line);
		a->need_draw = true;
		return;
	}
	snprintf(a->invoke_line, sizeof a->invoke_line, "HTTP %ld · request id %s", r->u.invoke.http_status,
		 r->u.invoke.request_id ? r->u.invoke.request_id : (r->request_id[0] ? r->request_id : "—"));
	snprintf(a->invoke_body, sizeof a->invoke_body, "%s", r->u.invoke.body ? r->u.invoke.body : "");
	a->received[0] = 0;
	a->recv_polls = 0;
	if (was_async && r->u.invoke.http_status < 300) {
		if (poll_target(a)) {
			snprintf(a->received, sizeof a->received, "%s",
				 app_tr(a, "Ожидание сообщения в очереди…", "Waiting for a message in the queue…"));
			a->recv_due_ms = ui_now_ms();
		} else if (a->queues_failed) {
			snprintf(a->received, sizeof a->received, "%s %s",
				 app_tr(a, "Очереди не читаются:", "Queues cannot be read:"), a->queues_why);
		}
	}
	a->need_draw = true;
}

static void invoke(struct app *a, bool async)
{
	if (!a->fn.id || a->req_invoke)
		return;
	char *body = ui_text_get(&a->body);
	if (!body)
		return;
	a->test_focus = async ? 1 : 2;
	a->invoke_line[0] = a->invoke_body[0] = 0;
	app_activity(a, "Вызов функции…", "Invoking the function…");
	a->req_invoke = api_invoke(a->api, a->fn.id, NULL, async, body, strlen(body), on_invoked, a);
	a->fg_req = a->req_invoke;
	free(body);
}

/* JSON with a space after each comma outside strings, so that wrapping breaks between members
 * rather than inside an id. Other text passes through unchanged (commas in prose have spaces). */
static const char *json_spaced(const char *s, char *buf, size_t n)
{
	size_t k = 0;
	bool in_str = false, esc = false;
	for (; *s && k + 2 < n; s++) {
		buf[k++] = *s;
		if (esc)
			esc = false;
		else if (*s == '\\' && in_str)
			esc = true;
		else if (*s == '"')
			in_str = !in_str;
		else if (*s == ',' && !in_str && s[1] != ' ')
			buf[k++] = ' ';
	}
	buf[k] = 0;
	return buf;
}

static void testing_draw(struct app *a)
{
	function_draw_tabs(a);
	int y = 4;
	ui_put(y, 2, 30, app_tr(a, "Входные данные (тело запроса)", "Input (request body)"), term_attr(UI_C_LABEL), false);
	int cx = -1;
	ui_text_draw(&a->body, y, 34, COLS - 36, a->test_focus == 0 ? term_attr(UI_C_FOCUS) : A_UNDERLINE, &cx);
	if (a->test_focus == 0) {
		a->cursor_y = y;
		a->cursor_x = cx;
	}
	y += 2;
	const char *b1 = app_tr(a, "[ Вызвать асинхронно ]", "[ Invoke async ]");
	const char *b2 = app_tr(a, "[ Вызвать ]", "[ Invoke ]");
	int w1 = ui_put(y, 34, COLS - 36, b1, a->test_focus == 1 ? term_attr(UI_C_FOCUS) : A_BOLD, false);
	ui_put(y, 36 + w1, COLS - 38 - w1, b2, a->test_focus == 2 ? term_attr(UI_C_FOCUS) : A_BOLD, false);
	y += 2;
	int bottom = LINES - 2;
	ui_put(y, 2, 30, app_tr(a, "Результат", "Result"), term_attr(UI_C_LABEL), false);
	y = ui_wrap(y, 34, COLS - 36, bottom, a->invoke_line[0] ? a->invoke_line : "—", A_NORMAL);
	char spaced[1600];
	y = ui_wrap(y, 34, COLS - 36, bottom - 3, json_spaced(a->invoke_body, spaced, sizeof spaced), term_attr(UI_C_DIM));
	y++;
	if (y < bottom)
		ui_put(y, 2, 30, app_tr(a, "Очередь", "Queue"), term_attr(UI_C_LABEL), false);
	ui_wrap(y, 34, COLS - 36, bottom, a->received[0] ? json_spaced(a->received, spaced, sizeof spaced) : "—", A_NORMAL);
}

static void testing_key(struct app *a, enum ui_action act, wint_t ch)
{
	switch (act) {
	case UI_A_NEXT: case UI_A_DOWN: a->test_focus = (a->test_focus + 1) % 3; break;
	case UI_A_PREV: case UI_A_UP: a->test_focus = (a->test_focus + 2) % 3; break;
	case UI_A_INVOKE_ASYNC: invoke(a, true); break;
	case UI_A_INVOKE_SYNC: invoke(a, false); break;
	case UI_A_ENTER:
		if (a->test_focus == 0)
			a->test_focus = 1;
		else
			invoke(a, a->test_focus == 1);
		break;
	case UI_A_ESC: function_back(a); break;
	case UI_A_RELOAD: data_reload(a); break;
	default:
		if (a->test_focus == 0)
			ui_text_key(&a->body, act, ch);
		else if (act == UI_A_LEFT || act == UI_A_RIGHT)
			a->test_focus = a->test_focus == 1 ? 2 : 1;
	}
}

static void testing_click(struct app *a, int y, int x)
{
	if (y == 4 && x >= 34) {
		a->test_focus = 0;
		ui_text_click(&a->body, x - 34);
	} else if (y == 6 && x >= 34) {
		int w1 = ui_text_width(app_tr(a, "[ Вызвать асинхронно ]", "[ Invoke async ]"));
		invoke(a, x < 34 + w1);
	}
}

static bool testing_typing(struct app *a)
{
	return a->test_focus == 0;
}

const struct ui_view ui_view_testing = {"testing", UI_SC_TABS | UI_SC_TESTING, testing_draw, testing_key,
					testing_click, NULL, testing_typing, NULL};
