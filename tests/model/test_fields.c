/* The field table and validation: every rule at and around its boundary, with messages in both
 * languages that name the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static struct yc_draft base_draft(void)
{
	struct yc_version v;
	struct yc_draft d;
	th_version_fixture("version_full.json", &v);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	yc_version_free(&v);
	return d;
}

/* Sets f to text and checks the draft's verdict on it. */
static void expect(struct yc_draft *d, enum yc_field f, const char *text, bool ok)
{
	struct yc_error err;
	yc_error_clear(&err);
	assert_int_equal(model_draft_set(d, f, text), 0);
	int rc = model_draft_validate_field(d, f, &err);
	if (ok && rc != 0)
		fail_msg("%s = '%.40s' refused: %s", model_fields[f].key, text, err.what_en);
	if (!ok && rc == 0)
		fail_msg("%s = '%.40s' accepted", model_fields[f].key, text);
	if (!ok) {
		assert_int_equal(err.kind, YC_ERR_VALIDATION);
		assert_string_equal(err.field, model_fields[f].key);
		/* Both languages name the field. */
		assert_non_null(strstr(err.what_ru, model_fields[f].title_ru));
		assert_non_null(strstr(err.what_en, model_fields[f].title_en));
		assert_true(err.hint_ru[0] && err.hint_en[0]);
	}
}

static void table_is_whole(void **state)
{
	(void)state;
	for (int i = 0; i < YC_F__COUNT; i++) {
		const struct yc_field_def *f = &model_fields[i];
		assert_int_equal(f->id, i);
		assert_non_null(f->key);
		assert_non_null(f->label_ru);
		assert_non_null(f->label_en);
		assert_non_null(f->title_ru);
		assert_non_null(f->json_path);
		assert_non_null(f->validate);
		assert_non_null(f->from_version);
		assert_non_null(f->apply);
		assert_ptr_equal(model_field_by_key(f->key), f);
		if (f->yc_flag)
			assert_ptr_equal(model_field_by_flag(f->yc_flag), f);
		assert_true(f->parent == YC_F__COUNT || f->parent < f->id);
	}
	assert_null(model_field_by_key("nope"));
	assert_null(model_field_by_flag("--nope"));
	assert_int_equal(model_field_by_flag("--async-max-retries")->id, YC_F_ASYNC_RETRIES);
	assert_int_equal(model_field_by_flag("--async-success-ymq-arn")->id, YC_F_SUCCESS_QUEUE);
	assert_int_equal(model_field_by_flag("--async-failure-sa-id")->id, YC_F_FAILURE_SA);
	assert_int_equal(model_field_by_flag("--execution-timeout")->id, YC_F_TIMEOUT);
	assert_string_equal(model_field_label(YC_F_ASYNC_RETRIES, YC_LANG_RU), "Количество повторных вызовов");
	assert_string_equal(model_field_label(YC_F_SUCCESS_KIND, YC_LANG_RU), "Успешные вызовы");
	assert_string_equal(model_field_label(YC_F_FAILURE_KIND, YC_LANG_EN), "Failure destination");
	assert_string_equal(model_field_label(YC_F_ENVIRONMENT, YC_LANG_EN), "Environment variables");
	assert_string_equal(model_field_title(YC_F_SUCCESS_SA, YC_LANG_RU), "Успешные вызовы: сервисный аккаунт");
}

static void retries_boundaries(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	expect(&d, YC_F_ASYNC_RETRIES, "0", true);
	expect(&d, YC_F_ASYNC_RETRIES, "100", true);
	expect(&d, YC_F_ASYNC_RETRIES, "-1", false);
	expect(&d, YC_F_ASYNC_RETRIES, "101", false);
	expect(&d, YC_F_ASYNC_RETRIES, "3a", false);
	expect(&d, YC_F_ASYNC_RETRIES, "", false);
	struct yc_error err;
	model_draft_set(&d, YC_F_ASYNC_RETRIES, "101");
	model_draft_validate_field(&d, YC_F_ASYNC_RETRIES, &err);
	assert_string_equal(err.what_ru, "Количество повторных вызовов: от 0 до 100");
	assert_string_equal(err.what_en, "Number of retries: must be 0–100");
	/* Hidden fields pass: async off hides the retries. */
	model_draft_set(&d, YC_F_ASYNC_ENABLED, "0");
	assert_int_equal(model_draft_validate_field(&d, YC_F_ASYNC_RETRIES, &err), 0);
	model_draft_free(&d);
}

static void memory_boundaries(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	expect(&d, YC_F_MEMORY, "128", true);
	expect(&d, YC_F_MEMORY, "8192", true);
	expect(&d, YC_F_MEMORY, "1GB", true);
	expect(&d, YC_F_MEMORY, "8GB", true);
	expect(&d, YC_F_MEMORY, "134217728B", true);
	expect(&d, YC_F_MEMORY, "134217727B", false); /* 128 MB − 1 */
	expect(&d, YC_F_MEMORY, "0", false);
	expect(&d, YC_F_MEMORY, "8320", false); /* 8 GB + 128 MB */
	expect(&d, YC_F_MEMORY, "200", false);	/* not a multiple of 128 MB */
	expect(&d, YC_F_MEMORY, "lots", false);
	expect(&d, YC_F_MEMORY, "", false);
	model_draft_free(&d);
}

static void timeout_boundaries(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	expect(&d, YC_F_TIMEOUT, "0", true);
	expect(&d, YC_F_TIMEOUT, "3600", true);
	expect(&d, YC_F_TIMEOUT, "1h", true);
	expect(&d, YC_F_TIMEOUT, "1m30s", true);
	expect(&d, YC_F_TIMEOUT, "3601", false);
	expect(&d, YC_F_TIMEOUT, "3600.001s", false);
	expect(&d, YC_F_TIMEOUT, "-1", false);
	expect(&d, YC_F_TIMEOUT, "soon", false);
	model_draft_free(&d);
}

static void service_accounts(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	char id50[51], id51[52];
	memset(id50, 'a', 50);
	id50[50] = '\0';
	memset(id51, 'a', 51);
	id51[51] = '\0';
	expect(&d, YC_F_SERVICE_ACCOUNT, "", true);
	expect(&d, YC_F_SERVICE_ACCOUNT, id50, true);
	expect(&d, YC_F_SERVICE_ACCOUNT, id51, false);
	expect(&d, YC_F_SERVICE_ACCOUNT, "AJE with space", false);
	expect(&d, YC_F_ASYNC_SA, "", true);
	expect(&d, YC_F_ASYNC_SA, id51, false);
	/* A Message Queue target needs its writer. */
	expect(&d, YC_F_SUCCESS_SA, "", false);
	expect(&d, YC_F_SUCCESS_SA, id50, true);
	expect(&d, YC_F_SUCCESS_SA, id51, false);
	model_draft_set(&d, YC_F_FAILURE_KIND, "ymq");
	expect(&d, YC_F_FAILURE_SA, "", false);
	expect(&d, YC_F_FAILURE_QUEUE, "", false);
	/* ... but not when the target is "not specified". */
	model_draft_set(&d, YC_F_FAILURE_KIND, "empty");
	struct yc_error err;
	assert_int_equal(model_draft_validate_field(&d, YC_F_FAILURE_SA, &err), 0);
	model_draft_free(&d);
}

static void queues_and_kinds(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	expect(&d, YC_F_SUCCESS_QUEUE, "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:ok-queue", true);
	expect(&d, YC_F_SUCCESS_QUEUE, "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn", false);
	expect(&d, YC_F_SUCCESS_QUEUE, "https://message-queue.api.cloud.yandex.net/b1g/dj6/ok", false);
	expect(&d, YC_F_SUCCESS_KIND, "ymq", true);
	expect(&d, YC_F_SUCCESS_KIND, "empty", true);
	expect(&d, YC_F_SUCCESS_KIND, "sqs", false);
	expect(&d, YC_F_ASYNC_ENABLED, "1", true);
	expect(&d, YC_F_ASYNC_ENABLED, "yes", false);
	model_draft_free(&d);
}

static void text_fields(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	char desc[1300];
	memset(desc, 'x', 600);
	desc[600] = '\0';
	expect(&d, YC_F_DESCRIPTION, desc, true);
	expect(&d, YC_F_DESCRIPTION, "", true);
	desc[600] = 'x';
	desc[601] = '\0';
	expect(&d, YC_F_DESCRIPTION, desc, false); /* 601 characters */
	/* Characters, not bytes: 600 Cyrillic letters are 1200 bytes and fine. */
	for (int i = 0; i < 600; i++)
		memcpy(desc + 2 * i, "я", 2);
	desc[1200] = '\0';
	expect(&d, YC_F_DESCRIPTION, desc, true);
	expect(&d, YC_F_DESCRIPTION, "\xff\xfe", false);

	expect(&d, YC_F_ENTRYPOINT, "index.handler", true);
	expect(&d, YC_F_ENTRYPOINT, "index", false);
	expect(&d, YC_F_ENTRYPOINT, ".handler", false);
	expect(&d, YC_F_ENTRYPOINT, "index.", false);
	expect(&d, YC_F_ENTRYPOINT, "index. handler", false);
	expect(&d, YC_F_ENTRYPOINT, "", false);
	model_draft_set(&d, YC_F_RUNTIME, "bash-2204");
	expect(&d, YC_F_ENTRYPOINT, "handler.sh", true);
	model_draft_set(&d, YC_F_RUNTIME, "java21");
	expect(&d, YC_F_ENTRYPOINT, "Handler", true);
	model_draft_free(&d);
}

static void runtimes(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	expect(&d, YC_F_RUNTIME, "nodejs22", true); /* no list known: any well-formed id */
	expect(&d, YC_F_RUNTIME, "", false);
	expect(&d, YC_F_RUNTIME, "Python 3", false);
	char *names[] = {"python312", "nodejs22"};
	struct yc_string_list rl = {names, 2};
	d.runtimes = &rl;
	expect(&d, YC_F_RUNTIME, "nodejs22", true);
	expect(&d, YC_F_RUNTIME, "cobol85", false); /* unknown when the list is known */
	/* The version's own runtime stays allowed even when it is no longer offered. */
	free(d.orig[YC_F_RUNTIME]);
	d.orig[YC_F_RUNTIME] = strdup("python37");
	expect(&d, YC_F_RUNTIME, "python37", true);
	d.runtimes = NULL;
	model_draft_free(&d);
}

static void environment(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	expect(&d, YC_F_ENVIRONMENT, "", true);
	expect(&d, YC_F_ENVIRONMENT, "A=1\nb_2=x=y\n\nEMPTY=", true);
	expect(&d, YC_F_ENVIRONMENT, "1A=x", false); /* starts with a digit */
	expect(&d, YC_F_ENVIRONMENT, "_A=x", false);
	expect(&d, YC_F_ENVIRONMENT, "A-B=x", false);
	expect(&d, YC_F_ENVIRONMENT, "=x", false);
	expect(&d, YC_F_ENVIRONMENT, "NOEQUALS", false);
	expect(&d, YC_F_ENVIRONMENT, "A=1\nA=2", false);
	struct yc_error err;
	model_draft_set(&d, YC_F_ENVIRONMENT, "A=1\n2B=3");
	model_draft_validate_field(&d, YC_F_ENVIRONMENT, &err);
	assert_non_null(strstr(err.what_ru, "строка 2"));
	assert_non_null(strstr(err.what_en, "line 2"));
	/* 4 KB of values in all: 4096 is fine, 4097 is not. */
	char *big = calloc(1, 5000);
	big[0] = 'A';
	big[1] = '=';
	memset(big + 2, 'v', 2048);
	big[2050] = '\n';
	big[2051] = 'B';
	big[2052] = '=';
	memset(big + 2053, 'v', 2048);
	expect(&d, YC_F_ENVIRONMENT, big, true);
	big[2053 + 2048] = 'v';
	expect(&d, YC_F_ENVIRONMENT, big, false);
	free(big);
	model_draft_free(&d);
}

/* A value with a newline cannot live in the text form; untouched, it still deploys as it was. */
static void environment_with_newline_untouched(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	cJSON *j = th_json_fixture("version_full.json");
	cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(j, "environment"), "PEM", "line1\nline2");
	assert_int_equal(model_parse_version(j, &v, NULL), 0);
	cJSON_Delete(j);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	assert_int_equal(model_draft_validate(&d, NULL, 0), 0);
	cJSON *body = model_build_create_request(&d, &v, NULL);
	assert_non_null(body);
	const cJSON *pem = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(body, "environment"), "PEM");
	assert_string_equal(pem->valuestring, "line1\nline2");
	cJSON_Delete(body);
	char *cmd = model_yc_command(&d, &v);
	assert_non_null(strstr(cmd, "'PEM=line1\nline2'"));
	free(cmd);
	/* Edited, the text is checked: the orphan line is reported. */
	char edited[256];
	snprintf(edited, sizeof edited, "%s\nX=1", d.value[YC_F_ENVIRONMENT]);
	model_draft_set(&d, YC_F_ENVIRONMENT, edited);
	struct yc_error err;
	assert_int_equal(model_draft_validate_field(&d, YC_F_ENVIRONMENT, &err), -1);
	assert_non_null(strstr(err.what_en, "line 4"));
	model_draft_free(&d);
	yc_version_free(&v);
}

static void names_and_tags(void **state)
{
	(void)state;
	struct yc_error err;
	assert_int_equal(model_check_function_name("my-function", &err), 0);
	assert_int_equal(model_check_function_name("abc", &err), 0);
	assert_int_equal(model_check_function_name("ab", &err), -1);
	assert_int_equal(model_check_function_name("my-function-", &err), -1);
	assert_int_equal(model_check_function_name("1abc", &err), -1);
	assert_int_equal(model_check_function_name("My-func", &err), -1);
	assert_string_equal(err.field, "name");
	char n64[65];
	memset(n64, 'a', 64);
	n64[64] = '\0';
	assert_int_equal(model_check_function_name(n64, &err), -1);
	n64[63] = '\0';
	assert_int_equal(model_check_function_name(n64, &err), 0);
	assert_int_equal(model_check_tag("$latest", &err), 0);
	assert_int_equal(model_check_tag("prod_2-a", &err), 0);
	assert_int_equal(model_check_tag("2prod", &err), -1);
	assert_int_equal(model_check_tag("$other", &err), -1);
	assert_int_equal(model_check_tag("", &err), -1);
	assert_string_equal(err.field, "tag");
}

static void whole_draft(void **state)
{
	(void)state;
	struct yc_draft d = base_draft();
	assert_int_equal(model_draft_validate(&d, NULL, 0), 0);
	model_draft_set(&d, YC_F_ASYNC_RETRIES, "101");
	model_draft_set(&d, YC_F_MEMORY, "100");
	model_draft_set(&d, YC_F_SUCCESS_SA, "");
	struct yc_error errs[2];
	assert_int_equal(model_draft_validate(&d, errs, 2), 3); /* counts all, writes max */
	assert_string_equal(errs[0].field, "memory");
	assert_string_equal(errs[1].field, "async.retries");
	model_draft_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_whole),   cmocka_unit_test(retries_boundaries),
		cmocka_unit_test(memory_boundaries), cmocka_unit_test(timeout_boundaries),
		cmocka_unit_test(service_accounts), cmocka_unit_test(queues_and_kinds),
		cmocka_unit_test(text_fields),	    cmocka_unit_test(runtimes),
		cmocka_unit_test(environment),	    cmocka_unit_test(whole_draft),
		cmocka_unit_test(environment_with_newline_untouched), cmocka_unit_test(names_and_tags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
