/* fields.c — the one table of the form's fields: labels as the console says them, where each
 * goes in the createVersion body, the yc flag, the widget, when it shows, how it is checked,
 * read from a version, written into the request and shown to a reader. Adding a field to the
 * form is one row here (and, if it needs new behaviour, its small functions). */
#include <string.h>

#include "model/fields_internal.h"

#define A YC_F__COUNT /* shown always */

const struct yc_field_def model_fields[YC_F__COUNT] = {
	[YC_F_RUNTIME] = {YC_F_RUNTIME, "runtime", "Среда выполнения", "Runtime", "runtime", "--runtime",
			  YC_W_RUNTIME, A, fv_runtime, "Среда выполнения", "Runtime",
			  "выберите из списка, например python312", "pick one from the list, e.g. python312",
			  fr_runtime, fa_string, NULL, NULL},
	[YC_F_ENTRYPOINT] = {YC_F_ENTRYPOINT, "entrypoint", "Точка входа", "Entry point", "entrypoint",
			     "--entrypoint", YC_W_TEXT, A, fv_entrypoint, "Точка входа", "Entry point",
			     "<файл>.<обработчик>, например index.handler", "<file>.<handler>, e.g. index.handler",
			     fr_entrypoint, fa_string, NULL, NULL},
	[YC_F_TIMEOUT] = {YC_F_TIMEOUT, "timeout", "Таймаут", "Timeout", "executionTimeout", "--execution-timeout",
			  YC_W_TEXT, A, fv_timeout, "Таймаут", "Timeout", "секунды, от 0 до 3600",
			  "seconds, 0 to 3600", fr_timeout, fa_timeout, fd_timeout, ff_timeout},
	[YC_F_MEMORY] = {YC_F_MEMORY, "memory", "Память", "Memory", "resources.memory", "--memory", YC_W_TEXT, A,
			 fv_memory, "Память", "Memory", "МБ, от 128 до 8192, шаг 128", "MB, 128 to 8192 in steps of 128",
			 fr_memory, fa_memory, fd_memory, ff_memory},
	[YC_F_SERVICE_ACCOUNT] = {YC_F_SERVICE_ACCOUNT, "serviceAccount", "Сервисный аккаунт", "Service account",
				  "serviceAccountId", "--service-account-id", YC_W_SA_PICKER, A, fv_sa_optional,
				  "Сервисный аккаунт", "Service account", "аккаунт, от имени которого работает функция",
				  "the account the function runs as", fr_service_account, fa_string,
				  fd_service_account, NULL},
	[YC_F_DESCRIPTION] = {YC_F_DESCRIPTION, "description", "Описание", "Description", "description",
			      "--description", YC_W_TEXT, A, fv_description, "Описание", "Description",
			      "до 600 символов", "up to 600 characters", fr_description, fa_string, NULL, NULL},
	[YC_F_ENVIRONMENT] = {YC_F_ENVIRONMENT, "environment", "Переменные окружения", "Environment variables",
			      "environment", "--environment", YC_W_ENV_LIST, A, fv_environment,
			      "Переменные окружения", "Environment variables",
			      "КЛЮЧ=значение; ключ с латинской буквы, значения вместе до 4 КБ",
			      "KEY=value; keys start with a letter, values 4 KB in all", fr_environment,
			      fa_environment, fd_environment, NULL},
	[YC_F_ASYNC_ENABLED] = {YC_F_ASYNC_ENABLED, "async.enabled", "Включить", "Enable", "asyncInvocationConfig",
				NULL, YC_W_TOGGLE, A, fv_toggle, "Асинхронный вызов", "Asynchronous invocation",
				"Пробел включает и выключает", "Space turns it on and off", fr_async_enabled, fa_async,
				fd_toggle, NULL},
	[YC_F_ASYNC_RETRIES] = {YC_F_ASYNC_RETRIES, "async.retries", "Количество повторных вызовов",
				"Number of retries", "asyncInvocationConfig.retriesCount", "--async-max-retries",
				YC_W_DIGITS, YC_F_ASYNC_ENABLED, fv_retries, "Количество повторных вызовов",
				"Number of retries", "от 0 до 100", "0 to 100", fr_async_retries, fa_async, NULL, NULL},
	[YC_F_ASYNC_SA] = {YC_F_ASYNC_SA, "async.serviceAccount", "Сервисный аккаунт", "Service account",
			   "asyncInvocationConfig.serviceAccountId", "--async-service-account-id", YC_W_SA_PICKER,
			   YC_F_ASYNC_ENABLED, fv_sa_optional, "Асинхронный вызов: сервисный аккаунт",
			   "Asynchronous invocation: service account", "аккаунт с правом вызывать функцию",
			   "an account that may invoke the function", fr_async_sa, fa_async, fd_service_account, NULL},
	[YC_F_SUCCESS_KIND] = {YC_F_SUCCESS_KIND, "async.success", "Успешные вызовы", "Success destination",
			       "asyncInvocationConfig.successTarget", NULL, YC_W_TARGET_KIND, YC_F_ASYNC_ENABLED,
			       fv_target_kind, "Успешные вызовы", "Success destination",
			       "Не указано или Message Queue", "Not specified or Message Queue", fr_success_kind,
			       fa_async, fd_target_kind, NULL},
	[YC_F_SUCCESS_QUEUE] = {YC_F_SUCCESS_QUEUE, "async.success.queue", "Очередь Message Queue", "Queue",
				"asyncInvocationConfig.successTarget.ymqTarget.queueArn", "--async-success-ymq-arn",
				YC_W_QUEUE, YC_F_SUCCESS_KIND, fv_queue, "Успешные вызовы: очередь",
				"Success destination: queue", "ARN: yrn:yc:ymq:ru-central1:<каталог>:<очередь>",
				"ARN: yrn:yc:ymq:ru-central1:<folder>:<queue>", fr_success_queue, fa_async, NULL, NULL},
	[YC_F_SUCCESS_SA] = {YC_F_SUCCESS_SA, "async.success.serviceAccount", "Сервисный аккаунт", "Service account",
			     "asyncInvocationConfig.successTarget.ymqTarget.serviceAccountId", "--async-success-sa-id",
			     YC_W_SA_PICKER, YC_F_SUCCESS_KIND, fv_sa_required, "Успешные вызовы: сервисный аккаунт",
			     "Success destination: service account", "аккаунт с правом писать в очередь",
			     "an account that may write to the queue", fr_success_sa, fa_async, fd_service_account,
			     NULL},
	[YC_F_FAILURE_KIND] = {YC_F_FAILURE_KIND, "async.failure", "Неуспешные вызовы", "Failure destination",
			       "asyncInvocationConfig.failureTarget", NULL, YC_W_TARGET_KIND, YC_F_ASYNC_ENABLED,
			       fv_target_kind, "Неуспешные вызовы", "Failure destination",
			       "Не указано или Message Queue", "Not specified or Message Queue", fr_failure_kind,
			       fa_async, fd_target_kind, NULL},
	[YC_F_FAILURE_QUEUE] = {YC_F_FAILURE_QUEUE, "async.failure.queue", "Очередь Message Queue", "Queue",
				"asyncInvocationConfig.failureTarget.ymqTarget.queueArn", "--async-failure-ymq-arn",
				YC_W_QUEUE, YC_F_FAILURE_KIND, fv_queue, "Неуспешные вызовы: очередь",
				"Failure destination: queue", "ARN: yrn:yc:ymq:ru-central1:<каталог>:<очередь>",
				"ARN: yrn:yc:ymq:ru-central1:<folder>:<queue>", fr_failure_queue, fa_async, NULL, NULL},
	[YC_F_FAILURE_SA] = {YC_F_FAILURE_SA, "async.failure.serviceAccount", "Сервисный аккаунт", "Service account",
			     "asyncInvocationConfig.failureTarget.ymqTarget.serviceAccountId", "--async-failure-sa-id",
			     YC_W_SA_PICKER, YC_F_FAILURE_KIND, fv_sa_required, "Неуспешные вызовы: сервисный аккаунт",
			     "Failure destination: service account", "аккаунт с правом писать в очередь",
			     "an account that may write to the queue", fr_failure_sa, fa_async, fd_service_account,
			     NULL},
};

const struct yc_field_def *model_field_by_key(const char *key)
{
	for (int i = 0; key && i < YC_F__COUNT; i++)
		if (strcmp(model_fields[i].key, key) == 0)
			return &model_fields[i];
	return NULL;
}

const struct yc_field_def *model_field_by_flag(const char *yc_flag)
{
	for (int i = 0; yc_flag && i < YC_F__COUNT; i++)
		if (model_fields[i].yc_flag && strcmp(model_fields[i].yc_flag, yc_flag) == 0)
			return &model_fields[i];
	return NULL;
}

const char *model_field_label(enum yc_field f, enum yc_lang lang)
{
	if ((unsigned)f >= YC_F__COUNT)
		return "";
	return lang == YC_LANG_EN ? model_fields[f].label_en : model_fields[f].label_ru;
}

const char *model_field_title(enum yc_field f, enum yc_lang lang)
{
	if ((unsigned)f >= YC_F__COUNT)
		return "";
	return lang == YC_LANG_EN ? model_fields[f].title_en : model_fields[f].title_ru;
}
