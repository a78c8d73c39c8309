/* test_config.c — where ycfn takes its settings from: flag > environment > yc profile >
 * ~/.aws/credentials; the yc config read with libyaml; every service's base URL. HOME is a
 * temp dir in every test: the user's own config is never read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "api/api.h"
#include "api/api_int.h"

static char home[256];

static const char *const env_vars[] = {"YC_IAM_TOKEN", "YC_TOKEN", "YC_SERVICE_ACCOUNT_KEY_FILE", "YC_CLOUD_ID",
				       "YC_FOLDER_ID", "YC_PROFILE", "YC_ENDPOINT", "AWS_ACCESS_KEY_ID",
				       "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE"};

static int setup(void **state)
{
	(void)state;
	snprintf(home, sizeof home, "/tmp/ycfn-api-cfg-XXXXXX");
	assert_non_null(mkdtemp(home));
	setenv("HOME", home, 1);
	for (size_t i = 0; i < sizeof env_vars / sizeof env_vars[0]; i++)
		unsetenv(env_vars[i]);
	char p[400];
	snprintf(p, sizeof p, "%s/.config", home);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/.config/yandex-cloud", home);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/.aws", home);
	mkdir(p, 0700);
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	(void)state;
	return nftw(home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_home(const char *rel, const char *text)
{
	char p[400];
	snprintf(p, sizeof p, "%s/%s", home, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char yc_yaml[] = "current: work\n"
			      "profiles:\n"
			      "  default:\n"
			      "    token: y0_defaulttoken\n"
			      "    folder-id: b1gdefaultfolder\n"
			      "  work:\n"
			      "    token: y0_worktoken\n"
			      "    cloud-id: b1gworkcloud\n"
			      "    folder-id: b1gworkfolder\n"
			      "    endpoint: api.cloud.yandex.net:443\n"
			      "  local:\n"
			      "    service-account-key:\n"
			      "      id: ajekeyid\n"
			      "      service_account_id: ajesaid\n"
			      "      key_algorithm: RSA_2048\n"
			      "      private_key: |\n"
			      "        PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <ajekeyid>\n"
			      "        -----BEGIN PRIVATE KEY-----\n"
			      "        MIIB\n"
			      "        -----END PRIVATE KEY-----\n"
			      "    folder-id: b1glocalfolder\n"
			      "    endpoint: http://127.0.0.1:8080/\n";

/* the current profile of the yc config is used when nothing else says otherwise */
static void profile_current(void **state)
{
	(void)state;
	write_home(".config/yandex-cloud/config.yaml", yc_yaml);
	struct api_config c;
	struct yc_error err;
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_string_equal(c.oauth_token, "y0_worktoken");
	assert_string_equal(c.cloud_id, "b1gworkcloud");
	assert_string_equal(c.folder_id, "b1gworkfolder");
	assert_string_equal(c.profile, "work");
	assert_null(c.endpoint); /* yc's default gRPC endpoint = the real hosts */
	char *u = api_service_url(&c, API_SVC_FUNCTIONS);
	assert_string_equal(u, "https://serverless-functions.api.cloud.yandex.net");
	free(u);
	api_config_free(&c);
}

/* YC_PROFILE picks another profile; its inline service-account-key becomes the key's JSON */
static void profile_by_env_with_inline_key(void **state)
{
	(void)state;
	write_home(".config/yandex-cloud/config.yaml", yc_yaml);
	setenv("YC_PROFILE", "local", 1);
	struct api_config c;
	struct yc_error err;
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_null(c.oauth_token);
	assert_non_null(c.sa_key_json);
	assert_non_null(strstr(c.sa_key_json, "\"service_account_id\":\"ajesaid\""));
	assert_non_null(strstr(c.sa_key_json, "PLEASE DO NOT REMOVE"));
	assert_string_equal(c.endpoint, "http://127.0.0.1:8080/");
	char *u = api_service_url(&c, API_SVC_OPERATION);
	assert_string_equal(u, "http://127.0.0.1:8080"); /* no trailing slash */
	free(u);
	api_config_free(&c);
}

/* flag > environment > profile, field by field */
static void precedence(void **state)
{
	(void)state;
	write_home(".config/yandex-cloud/config.yaml", yc_yaml);
	setenv("YC_FOLDER_ID", "b1genvfolder", 1);
	setenv("YC_CLOUD_ID", "b1genvcloud", 1);
	setenv("YC_ENDPOINT", "http://env.example:1", 1);
	struct api_config flags = {0}, c;
	flags.folder_id = "b1gflagfolder";
	struct yc_error err;
	assert_int_equal(api_config_load(&c, &flags, NULL, &err), 0);
	assert_string_equal(c.folder_id, "b1gflagfolder");
	assert_string_equal(c.cloud_id, "b1genvcloud");
	assert_string_equal(c.endpoint, "http://env.example:1");
	assert_string_equal(c.oauth_token, "y0_worktoken");
	api_config_free(&c);

	/* a bare host:port: as ycfn's flag, https on it; as yc's gRPC endpoint, not a REST URL */
	flags.endpoint = "127.0.0.1:9443";
	assert_int_equal(api_config_load(&c, &flags, NULL, &err), 0);
	assert_string_equal(c.endpoint, "https://127.0.0.1:9443");
	api_config_free(&c);
	flags.endpoint = NULL;
	setenv("YC_ENDPOINT", "api.other-cloud.example:443", 1);
	assert_int_equal(api_config_load(&c, &flags, NULL, &err), 0);
	assert_null(c.endpoint);
	api_config_free(&c);
}

/* credentials come as a set: a key file given as a flag is not beaten by the profile's token,
 * and YC_IAM_TOKEN beats the profile */
static void credentials_as_a_set(void **state)
{
	(void)state;
	write_home(".config/yandex-cloud/config.yaml", yc_yaml);
	struct api_config flags = {0}, c;
	flags.sa_key_file = "/some/key.json";
	struct yc_error err;
	assert_int_equal(api_config_load(&c, &flags, NULL, &err), 0);
	assert_string_equal(c.sa_key_file, "/some/key.json");
	assert_null(c.oauth_token);
	api_config_free(&c);

	setenv("YC_IAM_TOKEN", "t1.fromenv", 1);
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_string_equal(c.iam_token, "t1.fromenv");
	assert_null(c.oauth_token);
	api_config_free(&c);
}

/* instance-service-account: true is the profile's credential, last in the order: an IAM token
 * from the environment beats it; YCFN_METADATA_URL moves the metadata service (for tests) */
static void instance_service_account(void **state)
{
	(void)state;
	write_home(".config/yandex-cloud/config.yaml",
		   "current: vm\nprofiles:\n  vm:\n    instance-service-account: true\n    folder-id: b1gvm\n");
	setenv("YCFN_METADATA_URL", "http://127.0.0.1:9", 1);
	struct api_config c;
	struct yc_error err;
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_true(c.instance_sa);
	assert_null(c.oauth_token);
	assert_null(c.iam_token);
	assert_string_equal(c.metadata_url, "http://127.0.0.1:9");
	struct api_config copy;
	assert_int_equal(api_config_copy(&copy, &c), 0);
	assert_true(copy.instance_sa);
	assert_string_equal(copy.metadata_url, "http://127.0.0.1:9");
	api_config_free(&copy);
	api_config_free(&c);

	setenv("YC_IAM_TOKEN", "t1.fromenv", 1);
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_false(c.instance_sa);
	assert_string_equal(c.iam_token, "t1.fromenv");
	api_config_free(&c);
	unsetenv("YC_IAM_TOKEN");
	unsetenv("YCFN_METADATA_URL");
}

/* a profile that is not there: an error naming the file, the line and the field */
static void missing_profile_named(void **state)
{
	(void)state;
	write_home(".config/yandex-cloud/config.yaml", yc_yaml);
	struct api_config flags = {0}, c;
	flags.profile = "nosuch";
	struct yc_error err;
	assert_int_equal(api_config_load(&c, &flags, NULL, &err), -1);
	assert_int_equal(err.kind, YC_ERR_CONFIG);
	assert_non_null(strstr(err.what_en, "config.yaml:3:")); /* where profiles begin */
	assert_non_null(strstr(err.what_en, "\"nosuch\""));
}

/* YAML that does not parse, and a field of the wrong type: file:line in the message */
static void broken_yaml(void **state)
{
	(void)state;
	write_home(".config/yandex-cloud/config.yaml", "current: a\nprofiles:\n  a:\n    token: [1, 2\n");
	struct api_config c;
	struct yc_error err;
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), -1);
	assert_int_equal(err.kind, YC_ERR_CONFIG);
	assert_non_null(strstr(err.what_en, "not YAML"));

	write_home(".config/yandex-cloud/config.yaml", "current: a\nprofiles:\n  a:\n    folder-id:\n      x: 1\n");
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.what_en, "config.yaml:5: folder-id"));
	assert_string_equal(err.field, "folder-id");
}

/* no yc config at all is fine (flags or environment may say everything) */
static void no_config_file(void **state)
{
	(void)state;
	struct api_config c;
	struct yc_error err;
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_null(c.oauth_token);
	assert_int_equal(api_config_load(&c, NULL, "/nonexistent/config.yaml", &err), -1);
	assert_int_equal(err.kind, YC_ERR_IO);
}

/* the Message Queue key: environment > ~/.aws/credentials [AWS_PROFILE or default] */
static void aws_credentials(void **state)
{
	(void)state;
	write_home(".aws/credentials", "# comment\n[default]\naws_access_key_id = YCAJdefault\n"
				       "aws_secret_access_key=YCPdefaultsecret\r\n\n[other]\n"
				       "aws_access_key_id=YCAJother\naws_secret_access_key = YCPother\n");
	struct api_config c;
	struct yc_error err;
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_string_equal(c.aws_access_key_id, "YCAJdefault");
	assert_string_equal(c.aws_secret_access_key, "YCPdefaultsecret");
	api_config_free(&c);

	setenv("AWS_PROFILE", "other", 1);
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_string_equal(c.aws_access_key_id, "YCAJother");
	api_config_free(&c);

	setenv("AWS_ACCESS_KEY_ID", "YCAJenv", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "YCPenv", 1);
	assert_int_equal(api_config_load(&c, NULL, NULL, &err), 0);
	assert_string_equal(c.aws_access_key_id, "YCAJenv");
	assert_string_equal(c.aws_secret_access_key, "YCPenv");
	api_config_free(&c);
}

/* one endpoint for all, a per-service override beats it; real hosts by default */
static void service_urls(void **state)
{
	(void)state;
	struct api_config c = {0};
	char *u = api_service_url(&c, API_SVC_IAM);
	assert_string_equal(u, "https://iam.api.cloud.yandex.net");
	free(u);
	u = api_service_url(&c, API_SVC_INVOKE);
	assert_string_equal(u, "https://functions.yandexcloud.net");
	free(u);
	c.endpoint = "http://127.0.0.1:9000///";
	c.service_url[API_SVC_YMQ] = "https://mq.example/";
	u = api_service_url(&c, API_SVC_RESOURCE_MANAGER);
	assert_string_equal(u, "http://127.0.0.1:9000");
	free(u);
	u = api_service_url(&c, API_SVC_YMQ);
	assert_string_equal(u, "https://mq.example");
	free(u);
}

/* the yc config parser on its own: an empty file, a file path key, the instance flag */
static void ycconfig_parser(void **state)
{
	(void)state;
	struct api_yc_profile p;
	struct yc_error err;
	assert_int_equal(api_ycconfig_parse("", 0, "c.yaml", NULL, &p, &err), 0);
	assert_null(p.token);
	const char *y = "current: p\nprofiles:\n  p:\n    service-account-key: ~/key.json\n"
			"    instance-service-account: true\n";
	assert_int_equal(api_ycconfig_parse(y, strlen(y), "c.yaml", NULL, &p, &err), 0);
	char want[400];
	snprintf(want, sizeof want, "%s/key.json", home);
	assert_string_equal(p.sa_key_file, want);
	assert_true(p.instance_sa);
	api_yc_profile_free(&p);
	const char *j = "current: p\nprofiles:\n  p:\n    service-account-key: '{\"id\":\"k\"}'\n";
	assert_int_equal(api_ycconfig_parse(j, strlen(j), "c.yaml", NULL, &p, &err), 0);
	assert_string_equal(p.sa_key_json, "{\"id\":\"k\"}");
	api_yc_profile_free(&p);
	const char *bad = "- a\n- b\n";
	assert_int_equal(api_ycconfig_parse(bad, strlen(bad), "c.yaml", NULL, &p, &err), -1);
	assert_int_equal(err.kind, YC_ERR_CONFIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(profile_current, setup, teardown),
		cmocka_unit_test_setup_teardown(profile_by_env_with_inline_key, setup, teardown),
		cmocka_unit_test_setup_teardown(precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(instance_service_account, setup, teardown),
		cmocka_unit_test_setup_teardown(credentials_as_a_set, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_profile_named, setup, teardown),
		cmocka_unit_test_setup_teardown(broken_yaml, setup, teardown),
		cmocka_unit_test_setup_teardown(no_config_file, setup, teardown),
		cmocka_unit_test_setup_teardown(aws_credentials, setup, teardown),
		cmocka_unit_test_setup_teardown(service_urls, setup, teardown),
		cmocka_unit_test_setup_teardown(ycconfig_parser, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
