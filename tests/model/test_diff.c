/* The review screen's rows: what changes, in words a reader knows, in both languages. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const struct yc_diff_row *row(const struct yc_diff *df, enum yc_field f)
{
	for (size_t i = 0; i < df->n; i++)
		if (df->rows[i].field == f)
			return &df->rows[i];
	return NULL;
}

static void nothing_changed(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	struct yc_diff df;
	th_version_fixture("version_full.json", &v);
	model_draft_from_version(&d, &v, NULL);
	assert_int_equal(model_draft_diff(&d, YC_LANG_RU, &df), 0);
	assert_int_equal(df.n, 0);
	yc_diff_free(&df);
	/* "5" and "5s" read the same: no row. */
	model_draft_set(&d, YC_F_TIMEOUT, "5s");
	model_draft_set(&d, YC_F_MEMORY, "256MB");
	assert_int_equal(model_draft_diff(&d, YC_LANG_RU, &df), 0);
	assert_int_equal(df.n, 0);
	yc_diff_free(&df);
	model_draft_free(&d);
	yc_version_free(&v);
}

static void async_switched_on_ru_en(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	struct yc_diff df;
	th_version_fixture("version_minimal.json", &v);
	model_draft_from_version(&d, &v, NULL);
	model_draft_set(&d, YC_F_ASYNC_ENABLED, "1");
	model_draft_set(&d, YC_F_MEMORY, "256");
	model_draft_set(&d, YC_F_SUCCESS_KIND, "ymq");
	model_draft_set(&d, YC_F_SUCCESS_QUEUE, "yrn:yc:ymq:ru-central1:b1g:ok");
	assert_int_equal(model_draft_diff(&d, YC_LANG_RU, &df), 0);
	const struct yc_diff_row *r = row(&df, YC_F_MEMORY);
	assert_non_null(r);
	assert_string_equal(r->old_text, "128 MB");
	assert_string_equal(r->new_text, "256 MB");
	r = row(&df, YC_F_ASYNC_ENABLED);
	assert_string_equal(r->old_text, "Выключено");
	assert_string_equal(r->new_text, "Включено");
	r = row(&df, YC_F_ASYNC_RETRIES); /* appeared with the switch */
	assert_string_equal(r->old_text, "—");
	assert_string_equal(r->new_text, "3");
	r = row(&df, YC_F_ASYNC_SA);
	assert_string_equal(r->new_text, "Не выбрано");
	r = row(&df, YC_F_SUCCESS_KIND);
	assert_string_equal(r->new_text, "Message Queue");
	r = row(&df, YC_F_FAILURE_KIND);
	assert_string_equal(r->new_text, "Не указано");
	r = row(&df, YC_F_SUCCESS_QUEUE);
	assert_string_equal(r->new_text, "yrn:yc:ymq:ru-central1:b1g:ok");
	r = row(&df, YC_F_SUCCESS_SA);
	assert_string_equal(r->new_text, "Не выбрано");
	assert_null(row(&df, YC_F_FAILURE_QUEUE));
	assert_null(row(&df, YC_F_RUNTIME));
	yc_diff_free(&df);

	assert_int_equal(model_draft_diff(&d, YC_LANG_EN, &df), 0);
	assert_string_equal(row(&df, YC_F_ASYNC_ENABLED)->new_text, "On");
	assert_string_equal(row(&df, YC_F_ASYNC_ENABLED)->old_text, "Off");
	assert_string_equal(row(&df, YC_F_FAILURE_KIND)->new_text, "Not specified");
	assert_string_equal(row(&df, YC_F_ASYNC_SA)->new_text, "Not selected");
	yc_diff_free(&df);
	yc_diff_free(&df);
	model_draft_free(&d);
	yc_version_free(&v);
}

static void async_switched_off(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	struct yc_diff df;
	th_version_fixture("version_full.json", &v);
	model_draft_from_version(&d, &v, NULL);
	model_draft_set(&d, YC_F_ASYNC_ENABLED, "0");
	model_draft_set(&d, YC_F_TIMEOUT, "90");
	model_draft_set(&d, YC_F_DESCRIPTION, "");
	assert_int_equal(model_draft_diff(&d, YC_LANG_EN, &df), 0);
	assert_int_equal(df.n, 3); /* the switch, not each hidden field */
	assert_string_equal(row(&df, YC_F_TIMEOUT)->old_text, "5 s");
	assert_string_equal(row(&df, YC_F_TIMEOUT)->new_text, "90 s");
	assert_string_equal(row(&df, YC_F_DESCRIPTION)->new_text, "Not specified");
	yc_diff_free(&df);
	char *s = model_field_describe(YC_F_TIMEOUT, "1.5s", YC_LANG_RU);
	assert_string_equal(s, "1.5 с");
	free(s);
	s = model_field_describe(YC_F_ENVIRONMENT, "A=1\nB=2", YC_LANG_EN);
	assert_string_equal(s, "A=1, B=2");
	free(s);
	s = model_field_describe(YC_F_MEMORY, "1GB", YC_LANG_EN);
	assert_string_equal(s, "1024 MB");
	free(s);
	model_draft_free(&d);
	yc_version_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_changed),
		cmocka_unit_test(async_switched_on_ru_en),
		cmocka_unit_test(async_switched_off),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
