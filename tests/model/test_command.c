/* The equivalent yc command: every argument survives a real POSIX shell byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

/* Runs the command through sh with yc replaced by a function that prints each argument
 * NUL-terminated; returns the arguments (caller frees args[0] and args). */
static size_t run_through_sh(const char *command, char ***args)
{
	const char *prelude = "yc() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n";
	char tmpl[] = "/tmp/ycfn-model-cmd-XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(prelude, f);
	fputs(command, f);
	fputs("\n", f);
	fclose(f);
	char sh[128];
	snprintf(sh, sizeof sh, "sh %s", tmpl);
	FILE *p = popen(sh, "r"); /* NOLINT(cert-env33-c): the test is about a real shell */
	assert_non_null(p);
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t k;
	while ((k = fread(buf + len, 1, cap - len, p)) > 0)
		len += k;
	assert_int_equal(pclose(p), 0);
	unlink(tmpl);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\0';
	*args = calloc(n + 1, sizeof **args);
	char *s = buf;
	for (size_t i = 0; i < n; i++) {
		(*args)[i] = s;
		s += strlen(s) + 1;
	}
	if (!n)
		free(buf);
	return n;
}

static const char *flag_value(char **args, size_t n, const char *flag, int nth)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (strcmp(args[i], flag) == 0 && nth-- == 0)
			return args[i + 1];
	return NULL;
}

static void quote_unit(void **state)
{
	(void)state;
	static const struct {
		const char *in, *quoted;
	} cases[] = {
		{"index.handler", "index.handler"},
		{"", "''"},
		{"it's", "'it'\\''s'"},
		{"a b", "'a b'"},
		{"$HOME", "'$HOME'"},
		{NULL, "''"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *q = model_shell_quote(cases[i].in);
		assert_string_equal(q, cases[i].quoted);
		free(q);
	}
}

static void tricky_values_round_trip(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	th_version_fixture("version_full.json", &v);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	const char *desc = "it's \"quoted\" $(rm -rf /) `id` \\ ; & | * ? ~ # ! {a,b} \n newline \t tab — юникод";
	model_draft_set(&d, YC_F_DESCRIPTION, desc);
	model_draft_set(&d, YC_F_ENVIRONMENT, "PLAIN=a,b c\nEQ=x=y\nCSV=k=v,\"q\"\nDOLLAR=$PATH's\nQ=say \"hi\"");
	model_draft_set(&d, YC_F_MEMORY, "1GB");
	model_draft_set(&d, YC_F_TIMEOUT, "90");
	model_draft_set(&d, YC_F_FAILURE_KIND, "ymq");
	model_draft_set(&d, YC_F_FAILURE_QUEUE, "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:dead");
	model_draft_set(&d, YC_F_FAILURE_SA, "ajefail");
	char *cmd = model_yc_command(&d, &v);
	assert_non_null(cmd);
	char **args;
	size_t n = run_through_sh(cmd, &args);
	assert_true(n > 10);
	assert_string_equal(args[0], "serverless");
	assert_string_equal(args[1], "function");
	assert_string_equal(args[2], "version");
	assert_string_equal(args[3], "create");
	assert_string_equal(flag_value(args, n, "--function-id", 0), "d4elpv36jrv4qvlnf7nv");
	assert_string_equal(flag_value(args, n, "--source-version-id", 0), "d4e6qqlqfr8n4h8ss8ro");
	assert_string_equal(flag_value(args, n, "--runtime", 0), "python312");
	assert_string_equal(flag_value(args, n, "--entrypoint", 0), "index.handler");
	assert_string_equal(flag_value(args, n, "--memory", 0), "1GB");
	assert_string_equal(flag_value(args, n, "--execution-timeout", 0), "90s");
	assert_string_equal(flag_value(args, n, "--description", 0), desc);
	assert_string_equal(flag_value(args, n, "--service-account-id", 0), "ajeh0tnjcmk7f5ki4vgd");
	/* yc reads each --environment as CSV fields: a comma or a quote in a value makes the pair
	 * one CSV-quoted field (a quote doubled), or it would be split into two pairs. */
	assert_string_equal(flag_value(args, n, "--environment", 0), "\"PLAIN=a,b c\"");
	assert_string_equal(flag_value(args, n, "--environment", 1), "EQ=x=y");
	assert_string_equal(flag_value(args, n, "--environment", 2), "\"CSV=k=v,\"\"q\"\"\"");
	assert_string_equal(flag_value(args, n, "--environment", 3), "DOLLAR=$PATH's");
	assert_string_equal(flag_value(args, n, "--environment", 4), "\"Q=say \"\"hi\"\"\"");
	assert_null(flag_value(args, n, "--environment", 5));
	assert_string_equal(flag_value(args, n, "--async-max-retries", 0), "3");
	assert_string_equal(flag_value(args, n, "--async-service-account-id", 0), "aje9k4fv6mel4a2ha86t");
	assert_string_equal(flag_value(args, n, "--async-success-ymq-arn", 0),
			    "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:ok-queue");
	assert_string_equal(flag_value(args, n, "--async-success-sa-id", 0), "ajeus4adtt5ga6cqn9fl");
	assert_string_equal(flag_value(args, n, "--async-failure-ymq-arn", 0),
			    "yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:dead");
	assert_string_equal(flag_value(args, n, "--async-failure-sa-id", 0), "ajefail");
	/* Settings --source-version-id does not copy are spelled out. */
	assert_string_equal(flag_value(args, n, "--concurrency", 0), "4");
	assert_string_equal(flag_value(args, n, "--network-id", 0), "enp9rm1debn7usfmtlnv");
	assert_string_equal(flag_value(args, n, "--secret", 0),
			    "id=e6q8ulh4qn5emqjnke2b,version-id=e6q0d4bgabjjtsjfb0mi,key=password,"
			    "environment-variable=DB_PASSWORD");
	assert_string_equal(flag_value(args, n, "--add-service-account", 0), "alias=reader,id=ajeq2n6kpmnbk4jcmhd0");
	assert_string_equal(flag_value(args, n, "--log-folder-id", 0), "b1g681qpemb4t39ipuvn");
	assert_string_equal(flag_value(args, n, "--min-log-level", 0), "warn");
	assert_string_equal(flag_value(args, n, "--storage-mounts", 0),
			    "mount-point=data,bucket=my-bucket,prefix=data/,read-only=true");
	assert_string_equal(flag_value(args, n, "--mount", 0),
			    "type=ephemeral-disk,mount-point=disk,mode=rw,size=5GB,block-size=4KB");
	assert_string_equal(flag_value(args, n, "--metadata-options", 0),
			    "aws-v1-http-endpoint=disabled,gce-http-endpoint=enabled");
	assert_null(flag_value(args, n, "--tmpfs-size", 0)); /* 0 = not set */
	free(args[0]);
	free(args);
	free(cmd);
	model_draft_free(&d);
	yc_version_free(&v);
}

static void async_off_has_no_async_flags(void **state)
{
	(void)state;
	struct yc_version v;
	struct yc_draft d;
	th_version_fixture("version_minimal.json", &v);
	assert_int_equal(model_draft_from_version(&d, &v, NULL), 0);
	char *cmd = model_yc_command(&d, &v);
	assert_null(strstr(cmd, "--async"));
	assert_null(strstr(cmd, "--service-account-id"));
	assert_null(strstr(cmd, "--description"));
	assert_non_null(strstr(cmd, "--memory 128MB"));
	assert_non_null(strstr(cmd, "--execution-timeout 3s"));
	free(cmd);
	/* On with defaults: retries only; "not specified" targets have no flags (no ARN = nothing sent). */
	model_draft_set(&d, YC_F_ASYNC_ENABLED, "1");
	cmd = model_yc_command(&d, &v);
	assert_non_null(strstr(cmd, "--async-max-retries 3"));
	assert_null(strstr(cmd, "--async-success"));
	assert_null(strstr(cmd, "--async-failure"));
	free(cmd);
	model_draft_free(&d);
	yc_version_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote_unit),
		cmocka_unit_test(tricky_values_round_trip),
		cmocka_unit_test(async_off_has_no_async_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
