/* Values as typed or passed as flags: memory, durations, queue ARNs, retries. */
#include <string.h>

#include "helpers.h"

#define MIB ((int64_t)1 << 20)
#define GIB ((int64_t)1 << 30)

static void memory_parses(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int64_t bare, want;
	} ok[] = {
		{"128MB", 0, 128 * MIB}, {"128M", 0, 128 * MIB}, {"128m", 0, 128 * MIB},   {"1GB", 0, GIB},
		{"1g", 0, GIB},		 {"134217728", 0, 128 * MIB}, {"128", MIB, 128 * MIB}, {" 256 MB ", 0, 256 * MIB},
		{"1.5GB", 0, 1536 * MIB}, {"8GB", 0, 8 * GIB},	{"0", 0, 0},		   {"512KiB", 0, 512 * 1024},
		{"100b", 0, 100}, {"1.5t", 0, 1649267441664LL},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int64_t v = -1;
		struct yc_error err;
		if (model_parse_memory(ok[i].text, ok[i].bare, &v, &err) != 0)
			fail_msg("'%s' refused: %s", ok[i].text, err.what_en);
		assert_int_equal(v, ok[i].want);
	}
	static const char *const bad[] = {"", "MB", "12XB", "-128MB", "1.5", "1.5B", "128 M B", "0x80",
					  "99999999999999999GB", "1.0000000001GB", "12,5MB", "1.999999999TB", "1.999999999t", NULL};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t v = 0;
		struct yc_error err;
		yc_error_clear(&err);
		if (model_parse_memory(bad[i], 0, &v, &err) == 0)
			fail_msg("'%s' accepted as %lld", bad[i] ? bad[i] : "(null)", (long long)v);
		assert_int_equal(err.kind, YC_ERR_PARSE);
		assert_true(err.hint_en[0] != 0);
	}
}

static void memory_formats(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(model_format_memory(128 * MIB, buf, sizeof buf), "128MB");
	assert_string_equal(model_format_memory(GIB, buf, sizeof buf), "1GB");
	assert_string_equal(model_format_memory(1536 * MIB, buf, sizeof buf), "1536MB");
	assert_string_equal(model_format_memory(128 * MIB - 1, buf, sizeof buf), "134217727B");
	assert_string_equal(model_format_memory(0, buf, sizeof buf), "0B");
	/* Every format parses back to the same bytes. */
	int64_t samples[] = {128 * MIB, 8 * GIB, 1536 * MIB, 12345, 4096};
	for (size_t i = 0; i < 5; i++) {
		int64_t back;
		assert_int_equal(model_parse_memory(model_format_memory(samples[i], buf, sizeof buf), 0, &back, NULL), 0);
		assert_int_equal(back, samples[i]);
	}
}

static void durations(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int64_t ms;
	} ok[] = {
		{"5s", 5000},	{"1.5s", 1500},	    {"1m30s", 90000}, {"2m", 120000}, {"1h", 3600000},
		{"500ms", 500}, {"5", 5000},	    {"0", 0},	      {"0s", 0},      {"3600s", 3600000},
		{" 7s ", 7000}, {"0.100000000s", 100}, {"1h1m1s1ms", 3661001}, {"2.5", 2500},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int64_t ms = -1;
		struct yc_error err;
		if (model_parse_duration(ok[i].text, &ms, &err) != 0)
			fail_msg("'%s' refused: %s", ok[i].text, err.what_en);
		assert_int_equal(ms, ok[i].ms);
	}
	static const char *const bad[] = {"", "s", "-5s", "5x", "5s5", "1.s", "5 s", "1d", "99999999999h", NULL};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t ms;
		if (model_parse_duration(bad[i], &ms, NULL) == 0)
			fail_msg("'%s' accepted", bad[i] ? bad[i] : "(null)");
	}
	char buf[32];
	assert_string_equal(model_format_duration(5000, buf, sizeof buf), "5s");
	assert_string_equal(model_format_duration(1500, buf, sizeof buf), "1.5s");
	assert_string_equal(model_format_duration(90000, buf, sizeof buf), "90s");
	assert_string_equal(model_format_duration(1001, buf, sizeof buf), "1.001s");
	assert_string_equal(model_format_duration(10, buf, sizeof buf), "0.01s");
}

static void queue_arns(void **state)
{
	(void)state;
	char folder[64], name[128];
	struct yc_error err;
	assert_int_equal(model_parse_queue_arn("yrn:yc:ymq:ru-central1:b1g681qpemb4t39ipuvn:ok-queue", folder,
					       sizeof folder, name, sizeof name, &err),
			 0);
	assert_string_equal(folder, "b1g681qpemb4t39ipuvn");
	assert_string_equal(name, "ok-queue");
	assert_int_equal(model_parse_queue_arn("yrn:yc:ymq:ru-central1:b1g:Jobs_1.fifo", NULL, 0, NULL, 0, &err), 0);
	static const char *const bad[] = {
		"", "yrn:yc:ymq:ru-central1:b1g", "yrn:yc:ymq:ru-central1:b1g:", "yrn:yc:ymq:ru-central1::q",
		"arn:aws:sqs:us-east-1:123:q", "yrn:yc:ymq::b1g:q", "yrn:yc:ymq:ru-central1:b1g:q:x",
		"yrn:yc:ymq:ru-central1:B1G:q", "yrn:yc:ymq:ru-central1:b1g:q q", "yrn:yc:ymq:ru-central1:b1g:.fifo",
		"https://message-queue.api.cloud.yandex.net/b1g/dj6/q", NULL,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		yc_error_clear(&err);
		if (model_parse_queue_arn(bad[i], folder, sizeof folder, name, sizeof name, &err) == 0)
			fail_msg("'%s' accepted", bad[i] ? bad[i] : "(null)");
		assert_non_null(strstr(err.hint_en, "yrn:yc:ymq:ru-central1"));
	}
	char longname[120] = "yrn:yc:ymq:ru-central1:b1g:";
	memset(longname + strlen(longname), 'q', 81);
	assert_int_equal(model_parse_queue_arn(longname, NULL, 0, NULL, 0, &err), -1);
}

static void retries(void **state)
{
	(void)state;
	int64_t v;
	struct yc_error err;
	assert_int_equal(model_parse_retries("0", &v, &err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(model_parse_retries("100", &v, &err), 0);
	assert_int_equal(v, 100);
	assert_int_equal(model_parse_retries("3", &v, &err), 0);
	assert_int_equal(v, 3);
	static const char *const bad[] = {"101", "-1", "3a", "", " 3", "+3", "1000", "0100", "3.0", NULL};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		yc_error_clear(&err);
		if (model_parse_retries(bad[i], &v, &err) == 0)
			fail_msg("'%s' accepted", bad[i] ? bad[i] : "(null)");
		assert_string_equal(err.what_ru, "Количество повторных вызовов: от 0 до 100");
		assert_string_equal(err.what_en, "Number of retries: must be 0–100");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memory_parses), cmocka_unit_test(memory_formats), cmocka_unit_test(durations),
		cmocka_unit_test(queue_arns),	 cmocka_unit_test(retries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
