/* The draft: filled from a version, dirty tracking, what shows, and the file that keeps it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char tmpdir[256];

static int make_tmp(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ycfn-model-draft-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int remove_tmp(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0); /* NOLINT(cert-env33-c): test cleanup */
	return 0;
}

static void from_version(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	th_version_fixture("version_full.json", &v);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	assert_string_equal(d.function_id, "d4elpv36jrv4qvlnf7nv");
	assert_string_equal(d.base_version_id, "d4e6qqlqfr8n4h8ss8ro");
	assert_string_equal(d.value[YC_F_RUNTIME], "python312");
	assert_string_equal(d.value[YC_F_TIMEOUT], "5");
	assert_string_equal(d.value[YC_F_MEMORY], "256");
	assert_string_equal(d.value[YC_F_ENVIRONMENT], "DB_HOST=db.internal\nMODE=a=b,c");
	assert_string_equal(d.value[YC_F_ASYNC_ENABLED], "1");
	assert_string_equal(d.value[YC_F_ASYNC_RETRIES], "3");
	assert_string_equal(d.value[YC_F_ASYNC_SA], "aje9k4fv6mel4a2ha86t");
	assert_string_equal(d.value[YC_F_SUCCESS_KIND], "ymq");
	assert_string_equal(d.value[YC_F_SUCCESS_QUEUE], "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:ok-queue");
	assert_string_equal(d.value[YC_F_FAILURE_KIND], "empty");
	assert_string_equal(d.value[YC_F_FAILURE_QUEUE], "");
	assert_false(model_draft_dirty(&d));
	for (int i = 0; i < YC_F__COUNT; i++)
		assert_string_equal(d.value[i], d.orig[i]);
	model_draft_free(&d);
	model_draft_free(&d);
	yc_version_free(&v);

	th_version_fixture("version_minimal.json", &v);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	assert_string_equal(d.value[YC_F_ASYNC_ENABLED], "0");
	assert_string_equal(d.value[YC_F_SERVICE_ACCOUNT], "");
	assert_string_equal(d.value[YC_F_MEMORY], "128");
	assert_string_equal(d.value[YC_F_TIMEOUT], "3");
	model_draft_free(&d);
	yc_version_free(&v);
}

static void dirty_and_visible(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	th_version_fixture("version_minimal.json", &v);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	assert_true(model_field_visible(&d, YC_F_ASYNC_ENABLED));
	assert_false(model_field_visible(&d, YC_F_ASYNC_RETRIES));
	assert_false(model_field_visible(&d, YC_F_SUCCESS_QUEUE));
	model_draft_set(&d, YC_F_ASYNC_ENABLED, "1");
	assert_true(model_draft_dirty(&d));
	assert_true(model_draft_field_dirty(&d, YC_F_ASYNC_ENABLED));
	assert_true(model_field_visible(&d, YC_F_ASYNC_RETRIES));
	assert_true(model_field_visible(&d, YC_F_SUCCESS_KIND));
	assert_false(model_field_visible(&d, YC_F_SUCCESS_QUEUE));
	model_draft_set(&d, YC_F_SUCCESS_KIND, "ymq");
	assert_true(model_field_visible(&d, YC_F_SUCCESS_QUEUE));
	assert_true(model_field_visible(&d, YC_F_SUCCESS_SA));
	assert_false(model_field_visible(&d, YC_F_FAILURE_SA));
	/* Switching async off hides its children, even those set to ymq. */
	model_draft_set(&d, YC_F_ASYNC_ENABLED, "0");
	assert_false(model_field_visible(&d, YC_F_SUCCESS_QUEUE));
	/* A change only in hidden fields is no change. */
	assert_false(model_draft_dirty(&d));
	assert_true(model_draft_field_dirty(&d, YC_F_SUCCESS_KIND));
	/* Typing the old value back clears it. */
	model_draft_set(&d, YC_F_SUCCESS_KIND, "empty");
	assert_false(model_draft_field_dirty(&d, YC_F_SUCCESS_KIND));
	assert_int_equal(model_draft_set(&d, YC_F__COUNT, "x"), -1);
	assert_int_equal(model_draft_set(&d, YC_F_DESCRIPTION, NULL), -1);
	model_draft_free(&d);
	yc_version_free(&v);
}

static void save_and_load(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d, back;
	struct yc_error err;
	th_version_fixture("version_full.json", &v);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	model_draft_set(&d, YC_F_DESCRIPTION, "кавычки \" и \\ и\nперевод строки");
	model_draft_set(&d, YC_F_ASYNC_RETRIES, "101"); /* invalid text is kept as typed */
	char path[512];
	snprintf(path, sizeof path, "%s/new/deeper/d.json", tmpdir);
	assert_int_equal(model_draft_save(&d, path, &err), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Saving again replaces the file whole. */
	assert_int_equal(model_draft_save(&d, path, &err), 0);
	assert_int_equal(model_draft_load(&back, path, &err), 0);
	assert_string_equal(back.function_id, d.function_id);
	assert_string_equal(back.base_version_id, d.base_version_id);
	for (int i = 0; i < YC_F__COUNT; i++) {
		assert_string_equal(back.value[i], d.value[i]);
		assert_string_equal(back.orig[i], d.orig[i]);
	}
	assert_true(model_draft_dirty(&back));
	model_draft_free(&back);
	model_draft_free(&d);
	yc_version_free(&v);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void load_never_trusts(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "not json", "[]", "{\"format\":2,\"values\":{},\"orig\":{}}",
		"{\"format\":1,\"values\":[],\"orig\":{}}", "{\"format\":1,\"values\":{\"runtime\":5},\"orig\":{}}",
		"{\"format\":1,\"functionId\":{},\"values\":{},\"orig\":{}}", "{\"format\":\"x\"}",
	};
	char path[512];
	snprintf(path, sizeof path, "%s/bad.json", tmpdir);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct yc_draft d;
		struct yc_error err;
		yc_error_clear(&err);
		write_file(path, bad[i]);
		if (model_draft_load(&d, path, &err) == 0)
			fail_msg("case %zu loaded", i);
		assert_int_equal(err.kind, YC_ERR_PARSE);
		assert_non_null(strstr(err.hint_en, "Delete"));
		assert_null(d.value[0]);
	}
	/* An older file without some fields still loads; the missing ones are unchanged and empty. */
	write_file(path, "{\"format\":1,\"functionId\":\"d4e\",\"values\":{\"runtime\":\"python312\"},\"orig\":{}}");
	struct yc_draft d;
	struct yc_error err;
	assert_int_equal(model_draft_load(&d, path, &err), 0);
	assert_string_equal(d.value[YC_F_RUNTIME], "python312");
	assert_string_equal(d.orig[YC_F_RUNTIME], "");
	assert_string_equal(d.value[YC_F_MEMORY], "");
	assert_false(model_draft_field_dirty(&d, YC_F_MEMORY));
	model_draft_free(&d);
	/* Missing file: an I/O error. A directory or an oversized file: refused. */
	snprintf(path, sizeof path, "%s/none.json", tmpdir);
	assert_int_equal(model_draft_load(&d, path, &err), -1);
	assert_int_equal(err.kind, YC_ERR_IO);
	assert_int_equal(model_draft_load(&d, tmpdir, &err), -1);
	snprintf(path, sizeof path, "%s/huge.json", tmpdir);
	FILE *f = fopen(path, "w");
	for (int i = 0; i < 1100; i++)
		fprintf(f, "%01023d\n", 0);
	fclose(f);
	assert_int_equal(model_draft_load(&d, path, &err), -1);
	assert_int_equal(err.kind, YC_ERR_PARSE);
}

static void save_fails_cleanly(void **state)
{
	(void)state;
	struct yc_draft d = {0};
	struct yc_error err;
	for (int i = 0; i < YC_F__COUNT; i++) {
		d.value[i] = strdup("");
		d.orig[i] = strdup("");
	}
	char path[512];
	snprintf(path, sizeof path, "%s/file", tmpdir);
	write_file(path, "x");
	snprintf(path, sizeof path, "%s/file/sub/d.json", tmpdir); /* a file where a directory must be */
	assert_int_equal(model_draft_save(&d, path, &err), -1);
	assert_int_equal(err.kind, YC_ERR_IO);
	model_draft_free(&d);
}

static void draft_path(void **state)
{
	(void)state;
	const char *s = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	char *old_state = s ? strdup(s) : NULL;
	char *old_home = h ? strdup(h) : NULL;
	setenv("XDG_STATE_HOME", "/x/state", 1);
	char *p = model_draft_path("d4elpv36jrv4qvlnf7nv");
	assert_string_equal(p, "/x/state/ycfn/drafts/d4elpv36jrv4qvlnf7nv.json");
	free(p);
	setenv("XDG_STATE_HOME", "relative", 1); /* not absolute: ignored, as the spec says */
	setenv("HOME", "/home/u", 1);
	p = model_draft_path("abc");
	assert_string_equal(p, "/home/u/.local/state/ycfn/drafts/abc.json");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = model_draft_path("abc");
	assert_string_equal(p, "/home/u/.local/state/ycfn/drafts/abc.json");
	free(p);
	assert_null(model_draft_path("../../etc/passwd"));
	assert_null(model_draft_path(""));
	assert_null(model_draft_path(NULL));
	assert_null(model_draft_path("a/b"));
	unsetenv("HOME");
	assert_null(model_draft_path("abc"));
	if (old_state)
		setenv("XDG_STATE_HOME", old_state, 1);
	if (old_home)
		setenv("HOME", old_home, 1);
	free(old_state);
	free(old_home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(from_version),	     cmocka_unit_test(dirty_and_visible),
		cmocka_unit_test(save_and_load),     cmocka_unit_test(load_never_trusts),
		cmocka_unit_test(save_fails_cleanly), cmocka_unit_test(draft_path),
	};
	return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
