/* fuzz_cli_flags.c — the command line's flag parser and yc value syntax (environment pairs,
 * memory sizes, durations, counts, the key=value lists of carried settings) on arbitrary argv.
 * The input is split at NUL bytes into arguments. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The fuzz build links no cli library: its pure files are compiled in here. */
#include "cli/carried.c"       // NOLINT(bugprone-suspicious-include)
#include "cli/carried_lists.c" // NOLINT(bugprone-suspicious-include)
#include "cli/flag_tables.c"   // NOLINT(bugprone-suspicious-include)
#include "cli/flags.c"         // NOLINT(bugprone-suspicious-include)
#include "cli/values.c"        // NOLINT(bugprone-suspicious-include)

#define MAX_ARGS 32

static void values(const struct cli_parser *p)
{
	struct yc_error err;
	char buf[32];
	char *text = NULL;
	const struct cli_flag_val *env = cli_flag(p, "--environment");
	if (env && env->set && cli_env_to_text(env->list, env->n_list, &text, &err) == 0)
		free(text);
	const char *v;
	if ((v = cli_get(p, "--memory")))
		cli_memory_to_text(v, buf, sizeof buf, &err);
	if ((v = cli_get(p, "--execution-timeout")))
		cli_check_duration("--execution-timeout", v, &err);
	if ((v = cli_get(p, "--async-max-retries")))
		cli_check_digits("--async-max-retries", v, &err);
	/* yc's flags for carried settings, written into a base version's answer. */
	cJSON *raw = cJSON_Parse("{\"logOptions\":{\"logGroupId\":\"g\"},\"secrets\":[]}");
	if (raw)
		cli_apply_carried(raw, p, &err);
	cJSON_Delete(raw);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); // NOLINT(readability-identifier-naming)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) // NOLINT(readability-identifier-naming)
{
	if (size > 65536)
		return 0;
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	char *argv[MAX_ARGS];
	int argc = 0;
	for (size_t at = 0; at <= size && argc < MAX_ARGS;) {
		argv[argc++] = copy + at;
		at += strlen(copy + at) + 1;
	}
	struct yc_error err;
	for (int lenient = 0; lenient < 2; lenient++) {
		struct cli_parser p;
		cli_parser_init(&p);
		p.lenient = lenient;
		cli_parser_add(&p, cli_global_flags, cli_n_global_flags);
		cli_parser_add(&p, cli_version_create_flags, cli_n_version_create_flags);
		cli_parser_add(&p, cli_invoke_flags, cli_n_invoke_flags);
		if (cli_parser_run(&p, argc, argv, &err) == 0)
			values(&p);
		cli_parser_free(&p);
	}
	/* The whole input as one value of each kind. */
	const char *one[1] = {copy};
	char *text = NULL;
	if (cli_env_to_text(one, 1, &text, &err) == 0)
		free(text);
	char buf[32];
	cli_memory_to_text(copy, buf, sizeof buf, &err);
	cli_check_duration("--execution-timeout", copy, &err);
	free(copy);
	return 0;
}
