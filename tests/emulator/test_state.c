/* test_state.c — --state FILE keeps the world across a restart; --generate N makes big folders
 * that page quickly. */
#include "emu_test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void first_function(struct emu *emu, const char *token, const char *name, char fid[32])
{
	char path[256];
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&filter=name%%3D%%22%s%%22",
		 emu_demo_folder_id(), name);
	struct th_resp r = th_get(emu, path, token);
	snprintf(fid, 32, "%s", th_str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r.json, "functions"), 0), "id"));
	assert_int_equal(strlen(fid), 20);
	th_resp_free(&r);
}

static void latest_id(struct emu *emu, const char *token, const char *fid, char vid[32])
{
	char path[256];
	snprintf(path, sizeof(path), "/functions/v1/versions:byTag?functionId=%s&tag=%%24latest", fid);
	struct th_resp r = th_get(emu, path, token);
	assert_int_equal(r.status, 200);
	snprintf(vid, 32, "%s", th_str(r.json, "id"));
	th_resp_free(&r);
}

static void test_restart_keeps_version(void **state)
{
	(void)state;
	char *dir = th_tmpdir();
	char file[512];
	snprintf(file, sizeof(file), "%s/world.json", dir);
	struct emu_options o = {.quiet = true, .seed = 1, .state_file = file};
	struct emu *emu = th_start(&o);
	char *token = th_token(emu);
	char fid[32], vid[32], body[512], url[256], new_vid[32], op[32];
	first_function(emu, token, "legacy-api", fid);
	latest_id(emu, token, fid, vid);
	snprintf(body, sizeof(body), "{\"functionId\":\"%s\",\"runtime\":\"nodejs22\",\"entrypoint\":\"app.handler\","
		 "\"resources\":{\"memory\":\"268435456\"},\"executionTimeout\":\"10s\",\"versionId\":\"%s\","
		 "\"description\":\"kept across restarts\"}", fid, vid);
	snprintf(url, sizeof(url), "%s/functions/v1/versions", emu_url(emu));
	const char *hdr[] = {"Idempotency-Key: 9a2f6ab4-7c4e-4b53-9d1e-5a4b0c7d2e11", NULL};
	struct th_resp r;
	th_http("POST", url, token, body, hdr, 0, &r);
	assert_int_equal(r.status, 200);
	snprintf(op, sizeof(op), "%s", th_str(r.json, "id"));
	snprintf(new_vid, sizeof(new_vid), "%s", th_str(cJSON_GetObjectItemCaseSensitive(r.json, "metadata"), "functionVersionId"));
	th_resp_free(&r);
	emu_stop(emu);
	free(token);

	struct stat st;
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600); /* it holds the SA private key */

	emu = th_start(&o);
	token = th_token(emu);
	char again[32];
	first_function(emu, token, "legacy-api", again);
	assert_string_equal(again, fid);
	latest_id(emu, token, fid, again);
	assert_string_equal(again, new_vid);
	char path[128];
	snprintf(path, sizeof(path), "/functions/v1/versions/%s", new_vid);
	r = th_get(emu, path, token);
	assert_int_equal(r.status, 200);
	assert_string_equal(th_str(r.json, "description"), "kept across restarts");
	th_resp_free(&r);
	snprintf(url, sizeof(url), "%s/functions/v1/versions", emu_url(emu));
	th_http("POST", url, token, body, hdr, 0, &r); /* the same key after the restart: the same op */
	assert_string_equal(th_str(r.json, "id"), op);
	th_resp_free(&r);
	snprintf(path, sizeof(path), "/operations/%s", op);
	r = th_get(emu, path, token);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	emu_stop(emu);
	free(token);
	th_rmdir(dir);
	free(dir);
}

static void test_damaged_state_refused(void **state)
{
	(void)state;
	char *dir = th_tmpdir();
	char file[512];
	snprintf(file, sizeof(file), "%s/world.json", dir);
	FILE *f = fopen(file, "w");
	fputs("{\"not\":\"a state\"", f);
	fclose(f);
	struct emu_options o = {.quiet = true, .state_file = file};
	struct yc_error err;
	assert_null(emu_start(&o, &err));
	assert_non_null(strstr(err.what_en, "--state"));
	th_rmdir(dir);
	free(dir);
}

/* Follows every page of service accounts; returns how many. */
static long count_pages(struct emu *emu, const char *token, const char *what, const char *key, int *pages)
{
	char path[512], tok[64] = "";
	long n = 0;
	*pages = 0;
	do {
		snprintf(path, sizeof(path), "/%s?folderId=%s&pageSize=1000&pageToken=%s", what, emu_demo_folder_id(), tok);
		struct th_resp r = th_get(emu, path, token);
		assert_int_equal(r.status, 200);
		n += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r.json, key));
		snprintf(tok, sizeof(tok), "%s", th_str(r.json, "nextPageToken"));
		(*pages)++;
		th_resp_free(&r);
	} while (*tok);
	return n;
}

static void test_generate(void **state)
{
	(void)state;
	struct emu_options o = {.quiet = true, .seed = 1, .generate = 20000};
	struct emu *emu = th_start(&o);
	char *token = th_token(emu);
	int pages;
	assert_int_equal(count_pages(emu, token, "iam/v1/serviceAccounts", "serviceAccounts", &pages), 20005);
	assert_int_equal(pages, 21);
	assert_int_equal(count_pages(emu, token, "functions/v1/functions", "functions", &pages), 20011);
	/* a generated function gets its first version when first asked */
	char path[256], fid[32];
	snprintf(path, sizeof(path), "/functions/v1/functions?folderId=%s&filter=name%%3D%%22gen-fn-012345%%22",
		 emu_demo_folder_id());
	struct th_resp f = th_get(emu, path, token);
	snprintf(fid, sizeof(fid), "%s", th_str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(f.json, "functions"), 0), "id"));
	th_resp_free(&f);
	snprintf(path, sizeof(path), "/functions/v1/versions:byTag?functionId=%s&tag=%%24latest", fid);
	f = th_get(emu, path, token);
	assert_int_equal(f.status, 200);
	assert_string_equal(th_str(f.json, "runtime"), "python312");
	th_resp_free(&f);
	struct th_resp r = th_sqs(emu, "Action=ListQueues&QueueNamePrefix=gen-queue-01999", emu_demo_aws_key_id(),
				  emu_demo_aws_secret());
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "/gen-queue-019999</QueueUrl>"));
	th_resp_free(&r);
	emu_stop(emu);
	free(token);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_restart_keeps_version),
		cmocka_unit_test(test_damaged_state_refused),
		cmocka_unit_test(test_generate),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
