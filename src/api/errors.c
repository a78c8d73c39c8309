/* errors.c — every failure of a call as one yc_error: what failed (the call, in both languages),
 * the server's own words and codes, and one sentence saying what to do about it.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"

/* What each call does (for "what failed") and the role a 403 probably lacks. */
static const struct {
	const char *ru, *en, *role;
} calls[API_CALL__COUNT] = {
	[API_CALL_TOKEN] = {"получение IAM-токена", "getting an IAM token", NULL},
	[API_CALL_CLOUDS] = {"список облаков", "listing clouds", "resource-manager.clouds.member"},
	[API_CALL_FOLDERS] = {"список каталогов", "listing folders", "resource-manager.viewer"},
	[API_CALL_FUNCTIONS] = {"список функций", "listing functions", "functions.viewer"},
	[API_CALL_FUNCTION] = {"чтение функции", "reading the function", "functions.viewer"},
	[API_CALL_VERSIONS] = {"список версий", "listing versions", "functions.viewer"},
	[API_CALL_VERSION] = {"чтение версии", "reading the version", "functions.viewer"},
	[API_CALL_RUNTIMES] = {"список сред выполнения", "listing runtimes", "functions.viewer"},
	[API_CALL_SERVICE_ACCOUNTS] = {"список сервисных аккаунтов", "listing service accounts",
				       "iam.serviceAccounts.user"},
	[API_CALL_CREATE_VERSION] = {"создание версии", "creating the version", "functions.editor"},
	[API_CALL_OPERATION] = {"ожидание операции", "waiting for the operation", "functions.viewer"},
	[API_CALL_QUEUES] = {"список очередей", "listing queues", "ymq.reader"},
	[API_CALL_RECEIVE] = {"чтение сообщений очереди", "receiving messages", "ymq.reader"},
	[API_CALL_INVOKE] = {"вызов функции", "invoking the function", "functions.functionInvoker"},
};

const char *api_call_name(enum api_call call)
{
	return (int)call >= 0 && call < API_CALL__COUNT && calls[call].en ? calls[call].en : "request";
}

static const char *call_ru(enum api_call call)
{
	return (int)call >= 0 && call < API_CALL__COUNT && calls[call].ru ? calls[call].ru : "запрос";
}

/* "<call>: <what>" in both languages into err, keeping the codes already there. */
static void set(struct yc_error *err, enum api_call call, enum yc_err_kind kind, const char *ru, const char *en,
		const char *hru, const char *hen)
{
	char wru[256], wen[256];
	snprintf(wru, sizeof wru, "%s: %.200s", call_ru(call), ru);
	snprintf(wen, sizeof wen, "%s: %.200s", api_call_name(call), en);
	yc_error_set(err, kind, err->field[0] ? err->field : NULL, wru, wen, hru, hen);
}

static void hint_403(enum api_call call, bool sa_involved, char *ru, char *en, size_t n)
{
	const char *role = (int)call >= 0 && call < API_CALL__COUNT ? calls[call].role : NULL;
	if (!role) {
		snprintf(ru, n, "Проверьте права учётной записи на этот ресурс.");
		snprintf(en, n, "Check the account's permissions on this resource.");
	} else if (sa_involved) {
		snprintf(ru, n, "Вероятно, не хватает роли %s на каталог или iam.serviceAccounts.user на сервисный "
				"аккаунт: попросите администратора выдать её.", role);
		snprintf(en, n, "The role %s on the folder or iam.serviceAccounts.user on the service account is "
				"probably missing: ask an administrator to grant it.", role);
	} else {
		snprintf(ru, n, "Вероятно, не хватает роли %s: попросите администратора выдать её.", role);
		snprintf(en, n, "The role %s is probably missing: ask an administrator to grant it.", role);
	}
}

/* Message Queue's own words for a static key it does not accept. */
static bool static_key_refused(const struct yc_error *err)
{
	static const char *const codes[] = {"SignatureDoesNotMatch", "InvalidClientTokenId", "InvalidAccessKeyId",
					    "IncompleteSignature", "MissingAuthenticationToken"};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strncmp(err->api_message, codes[i], strlen(codes[i])) == 0)
			return true;
	return false;
}

/* What a refused request means and what to do about it, by HTTP status. A 403's hint names the
 * role the call needs (hint_403). */
static const struct status_text {
	long status; /* 500: every 5xx; 0: any other status (the last row) */
	const char *ru, *en, *hint_ru, *hint_en;
} status_texts[] = {
	{401, "учётные данные не приняты", "the credentials were refused",
	 "Обновите учётные данные: выполните `yc init` или проверьте токен и ключ.",
	 "Refresh the credentials: run `yc init` or check the token and key."},
	{403, "доступ запрещён", "permission denied", NULL, NULL},
	{404, "не найдено", "not found", "Проверьте идентификатор и каталог (folder-id).",
	 "Check the id and the folder (folder-id)."},
	{409, "конфликт с текущим состоянием", "a conflict with the current state",
	 "Обновите данные и повторите: ресурс изменился или операция уже идёт.",
	 "Reload and try again: the resource changed or an operation is running."},
	{429, "слишком много запросов", "too many requests", "Подождите немного и повторите; проверьте квоты облака.",
	 "Wait a little and try again; check the cloud's quotas."},
	{500, "ошибка на стороне сервиса", "the service failed", "Повторите позже: это сбой сервиса, а не ваших данных.",
	 "Try again later: the service failed, not your data."},
	{0, "запрос отклонён", "the request was rejected",
	 "Проверьте введённые значения: сообщение сервера называет ошибку.",
	 "Check the values: the server's message names the problem."},
};

static const struct status_text *status_text_for(long status)
{
	size_t i = 0;
	while (status_texts[i].status != 0 && status_texts[i].status != status &&
	       !(status_texts[i].status == 500 && status >= 500))
		i++;
	return &status_texts[i];
}

static void hint_for_status(enum api_call call, bool sa_involved, long status, struct yc_error *err)
{
	if ((call == API_CALL_QUEUES || call == API_CALL_RECEIVE) && static_key_refused(err)) {
		set(err, call, YC_ERR_AUTH, "статический ключ доступа не принят", "the static access key was refused",
		    "Проверьте статический ключ: AWS_ACCESS_KEY_ID и AWS_SECRET_ACCESS_KEY или ~/.aws/credentials "
		    "(yc iam access-key create).",
		    "Check the static key: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or ~/.aws/credentials "
		    "(yc iam access-key create).");
		return;
	}
	const struct status_text *t = status_text_for(status);
	enum yc_err_kind kind = status == 401 ? YC_ERR_AUTH : err->kind == YC_ERR_API ? YC_ERR_API : YC_ERR_HTTP;
	char role_ru[256], role_en[256];
	const char *hru = t->hint_ru, *hen = t->hint_en;
	if (!hru) {
		hint_403(call, sa_involved, role_ru, role_en, sizeof role_ru);
		hru = role_ru;
		hen = role_en;
	}
	set(err, call, kind, t->ru, t->en, hru, hen); /* the status itself is in http_status */
}

void api_error_from_http(enum api_call call, bool sa_involved, long status, const char *body, size_t len,
			 const char *request_id, struct yc_error *err)
{
	yc_error_clear(err);
	cJSON *o = NULL;
	struct yc_error tmp;
	yc_error_clear(&tmp);
	if (body && len && len <= API_BODY_MAX && body[0] == '{' && model_json_parse(body, len, &o, &tmp) == 0) {
		if (model_parse_status(o, err) != 0)
			yc_error_clear(err);
		cJSON_Delete(o);
	} else if (body && len && len <= API_BODY_MAX && body[0] == '<') {
		if (api_ymq_parse_error(body, len, err) != 0)
			yc_error_clear(err);
	}
	err->http_status = (int)status;
	if (request_id && *request_id)
		snprintf(err->request_id, sizeof err->request_id, "%s", request_id);
	hint_for_status(call, sa_involved, status, err);
}

void api_error_from_curl(CURLcode rc, bool connected, bool too_big, const char *url, struct yc_error *err)
{
	(void)url; /* never in the text: it may carry a query the user did not type */
	const char *ru, *en, *hru, *hen;
	enum yc_err_kind kind = YC_ERR_NETWORK;
	hru = "Проверьте сеть и адрес сервиса (--endpoint), затем повторите.";
	hen = "Check the network and the service address (--endpoint), then try again.";
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		ru = "не удалось найти адрес сервера (DNS)";
		en = "the server's name does not resolve (DNS)";
		break;
	case CURLE_COULDNT_CONNECT:
		ru = "соединение отвергнуто или сервер недоступен";
		en = "the connection was refused or the server is unreachable";
		break;
	case CURLE_OPERATION_TIMEDOUT:
		kind = YC_ERR_TIMEOUT;
		ru = connected ? "сервер не ответил вовремя" : "не удалось соединиться вовремя";
		en = connected ? "the server did not answer in time" : "the connection timed out";
		hru = "Повторите позже или увеличьте тайм-аут; проверьте сеть.";
		hen = "Try again later or raise the timeout; check the network.";
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
		kind = YC_ERR_TLS;
		ru = rc == CURLE_SSL_CONNECT_ERROR ? "TLS-соединение не установлено"
						   : "сертификат сервера не заслуживает доверия";
		en = rc == CURLE_SSL_CONNECT_ERROR ? "the TLS handshake failed" : "the server's certificate is not trusted";
		hru = "Проверьте адрес сервиса и файл корневых сертификатов (--ca-file).";
		hen = "Check the service address and the CA bundle (--ca-file).";
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_TOO_MANY_REDIRECTS:
		ru = "сервер перенаправил запрос на небезопасный или зацикленный адрес";
		en = "the server redirected to an insecure or looping address";
		hru = "Проверьте адрес сервиса (--endpoint): переходы разрешены только на https.";
		hen = "Check the service address (--endpoint): redirects are followed to https only.";
		break;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		if (too_big || rc == CURLE_FILESIZE_EXCEEDED) {
			kind = YC_ERR_PARSE;
			ru = "ответ слишком большой";
			en = "answer too large";
			hru = "Сузьте запрос или сообщите о проблеме: такой ответ не ожидается.";
			hen = "Narrow the request or report it: such an answer is not expected.";
			break;
		}
		ru = "не хватает памяти для ответа";
		en = "out of memory for the answer";
		break;
	case CURLE_OUT_OF_MEMORY:
		kind = YC_ERR_NOMEM;
		ru = "не хватает памяти";
		en = "out of memory";
		break;
	default: /* reset, partial body, nothing received */
		ru = "соединение оборвалось, ответ не получен целиком";
		en = "the connection broke before the whole answer arrived";
		break;
	}
	char wru[200], wen[200];
	snprintf(wru, sizeof wru, "%s (curl %d)", ru, (int)rc);
	snprintf(wen, sizeof wen, "%s (curl %d)", en, (int)rc);
	yc_error_set(err, kind, NULL, wru, wen, hru, hen);
}

void api_error_bad_answer(enum api_call call, struct yc_error *err)
{
	char wru[256], wen[256];
	snprintf(wru, sizeof wru, "ответ сервиса не разобран: %.150s", err->what_ru[0] ? err->what_ru : "?");
	snprintf(wen, sizeof wen, "the service's answer does not parse: %.180s", err->what_en[0] ? err->what_en : "?");
	set(err, call, YC_ERR_PARSE, wru, wen, "Повторите позже; если повторяется — сообщите о проблеме.",
	    "Try again later; if it repeats, report it.");
}

void api_error_retry_after(struct yc_error *err, long seconds)
{
	if (seconds <= 0 || (err->http_status != 429 && err->http_status != 503))
		return;
	snprintf(err->hint_ru, sizeof err->hint_ru, "Подождите %ld с и повторите.", seconds);
	snprintf(err->hint_en, sizeof err->hint_en, "Wait %ld s and try again.", seconds);
}

/* Prefixes a transport error with the call it broke. */
void api_error_for_call(enum api_call call, struct yc_error *err)
{
	char ru[256], en[256], hru[256], hen[256];
	snprintf(ru, sizeof ru, "%s", err->what_ru);
	snprintf(en, sizeof en, "%s", err->what_en);
	snprintf(hru, sizeof hru, "%s", err->hint_ru);
	snprintf(hen, sizeof hen, "%s", err->hint_en);
	set(err, call, err->kind, ru, en, hru, hen);
}
