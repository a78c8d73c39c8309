/* page.c — one page of a list answer appended to a list, plus runtimes and google.rpc.Status. */
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

/* The array `key` of o: NULL when absent (the API leaves out empty lists), else its size. */
static int page_array(const cJSON *o, const char *key, size_t have, const cJSON **arr, size_t *n,
		      struct yc_error *err)
{
	*arr = NULL;
	*n = 0;
	if (!cJSON_IsObject(o)) {
		mj_fail(err, "", "Ответ должен быть объектом JSON", "The answer must be a JSON object");
		return -1;
	}
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!a || cJSON_IsNull(a))
		return 0;
	if (!cJSON_IsArray(a)) {
		mj_fail(err, key, "Поле должно быть массивом", "The field must be an array");
		return -1;
	}
	const cJSON *it;
	cJSON_ArrayForEach(it, a)
	{
		if (++*n > MJ_ITEMS_MAX || have + *n > MJ_LIST_MAX) {
			mj_fail(err, key, "Слишком много элементов в списке", "Too many items in the list");
			return -1;
		}
	}
	*arr = a;
	return 0;
}

static int page_token(const cJSON *o, char **next, struct yc_error *err)
{
	if (!next)
		return 0;
	*next = NULL;
	if (mj_str(o, "nextPageToken", false, next, err) < 0)
		return -1;
	if (*next && !**next) {
		free(*next);
		*next = NULL;
	}
	return 0;
}

/* Every typed page parser is the same walk; the macro keeps one copy of it. */
#define PAGE_PARSER(fn, ltype, etype, key, parse_one)                                               \
	int fn(const cJSON *o, struct ltype *list, char **next, struct yc_error *err)              \
	{                                                                                          \
		const cJSON *arr, *it;                                                             \
		size_t n;                                                                          \
		if (next)                                                                          \
			*next = NULL;                                                              \
		if (page_array(o, key, list->n, &arr, &n, err) < 0)                                \
			return -1;                                                                 \
		if (n) {                                                                           \
			etype *p = realloc(list->items, (list->n + n) * sizeof *p); /* NOLINT */  \
			if (!p) {                                                                  \
				yc_error_set(err, YC_ERR_NOMEM, key, "Не хватает памяти",          \
					     "Out of memory", NULL, NULL);                         \
				return -1;                                                         \
			}                                                                          \
			list->items = p;                                                           \
		}                                                                                  \
		long i = 0;                                                                        \
		cJSON_ArrayForEach(it, arr)                                                        \
		{                                                                                  \
			if (parse_one(it, &list->items[list->n], err) < 0) {                       \
				mj_prefix(err, key, i);                                            \
				return -1;                                                         \
			}                                                                          \
			list->n++;                                                                 \
			i++;                                                                       \
		}                                                                                  \
		return page_token(o, next, err);                                                   \
	}

PAGE_PARSER(model_parse_cloud_page, yc_cloud_list, struct yc_cloud, "clouds", model_parse_cloud)
PAGE_PARSER(model_parse_folder_page, yc_folder_list, struct yc_folder, "folders", model_parse_folder)
PAGE_PARSER(model_parse_function_page, yc_function_list, struct yc_function, "functions", model_parse_function)
PAGE_PARSER(model_parse_service_account_page, yc_service_account_list, struct yc_service_account,
	    "serviceAccounts", model_parse_service_account)
PAGE_PARSER(model_parse_version_page, yc_version_list, struct yc_version, "versions", model_parse_version)

int model_parse_runtimes(const cJSON *o, struct yc_string_list *out, struct yc_error *err)
{
	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(o)) {
		mj_fail(err, "", "Ответ должен быть объектом JSON", "The answer must be a JSON object");
		return -1;
	}
	if (mj_str_array(o, "runtimes", out, err) < 0) {
		yc_string_list_free(out);
		return -1;
	}
	return 0;
}

/* What each google.rpc.Code means to a user, and what to do. */
struct code_text {
	const char *what_ru, *what_en, *hint_ru, *hint_en;
};
static const struct code_text code_texts[17] = {
	[1] = {"Запрос отменён", "The request was cancelled", "Повторите действие", "Try again"},
	[2] = {"Неизвестная ошибка сервера", "Unknown server error", "Повторите позже", "Try again later"},
	[3] = {"Сервер отклонил значение", "The server refused a value",
	       "Исправьте значение, названное в сообщении сервера", "Fix the value the server names"},
	[4] = {"Сервер не успел ответить", "The server did not answer in time", "Повторите позже",
	       "Try again later"},
	[5] = {"Не найдено", "Not found", "Проверьте идентификатор: ресурс мог быть удалён",
	       "Check the id: the resource may have been deleted"},
	[6] = {"Уже существует", "Already exists", "Выберите другое имя", "Choose another name"},
	[7] = {"Недостаточно прав", "Permission denied",
	       "Попросите у администратора каталога нужную роль", "Ask the folder's administrator for the role"},
	[8] = {"Превышена квота или частота запросов", "Quota or rate limit exceeded",
	       "Подождите и повторите", "Wait and try again"},
	[9] = {"Операция сейчас невозможна", "The operation cannot be done now",
	       "Проверьте состояние ресурса и повторите", "Check the resource's state and try again"},
	[10] = {"Операция прервана из-за конфликта", "The operation was aborted by a conflict",
		"Обновите данные (r) и повторите", "Reload (r) and try again"},
	[11] = {"Значение вне допустимого диапазона", "A value is out of range",
		"Исправьте значение, названное в сообщении сервера", "Fix the value the server names"},
	[12] = {"Сервер не поддерживает эту операцию", "The server does not support this operation",
		"Проверьте адрес API (--endpoint)", "Check the API endpoint (--endpoint)"},
	[13] = {"Внутренняя ошибка сервера", "Internal server error", "Повторите позже", "Try again later"},
	[14] = {"Сервис временно недоступен", "The service is temporarily unavailable", "Повторите позже",
		"Try again later"},
	[15] = {"Данные потеряны на сервере", "Data loss on the server", "Повторите позже", "Try again later"},
	[16] = {"Не удалось войти: токен недействителен или истёк", "Not signed in: the token is invalid or expired",
		"Получите новый токен (yc init) или укажите --token", "Get a new token (yc init) or pass --token"},
};

static void status_request_id(const cJSON *o, struct yc_error *err)
{
	const cJSON *details = cJSON_GetObjectItemCaseSensitive(o, "details");
	const cJSON *d;
	if (!cJSON_IsArray(details))
		return;
	cJSON_ArrayForEach(d, details)
	{
		const cJSON *rid = cJSON_GetObjectItemCaseSensitive(d, "requestId");
		if (cJSON_IsString(rid) && rid->valuestring[0]) {
			mj_copy_clean(err->request_id, sizeof err->request_id, rid->valuestring);
			return;
		}
	}
}

int model_parse_status(const cJSON *o, struct yc_error *err)
{
	int64_t code = 0;
	struct yc_error scratch;
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "code");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "message");
	if (!cJSON_IsObject(o) || !c || mj_int64_value(c, "code", 1, INT32_MAX, &code, &scratch) < 0)
		return -1;
	if (m && !cJSON_IsString(m) && !cJSON_IsNull(m))
		return -1;
	if (!err)
		return 0;
	const struct code_text *t = code < 17 && code_texts[code].what_ru ? &code_texts[code] : &code_texts[2];
	yc_error_set(err, YC_ERR_API, NULL, t->what_ru, t->what_en, t->hint_ru, t->hint_en);
	err->grpc_code = (int)code;
	mj_copy_clean(err->api_message, sizeof err->api_message, m && cJSON_IsString(m) ? m->valuestring : "");
	status_request_id(o, err);
	return 0;
}
