/* test_program.c — the ycfn-emulator program: --help names every flag, a bad flag is refused,
 * and it prints its URL, answers there, and exits 0 on SIGTERM (saving its --state). */
#include "emu_test.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef EMU_PROGRAM
#error "EMU_PROGRAM: the path of ycfn-emulator"
#endif

/* Runs the program with args; its stdout is readable at *out (a pipe). */
static pid_t spawn(char *const argv[], FILE **out)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(EMU_PROGRAM, argv);
		_exit(127);
	}
	close(p[1]);
	*out = fdopen(p[0], "r");
	return pid;
}

static int wait_exit(pid_t pid)
{
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void test_help(void **state)
{
	(void)state;
	char *argv[] = {EMU_PROGRAM, "--help", NULL};
	FILE *out;
	pid_t pid = spawn(argv, &out);
	char text[8192] = "";
	size_t n = fread(text, 1, sizeof(text) - 1, out);
	text[n] = '\0';
	fclose(out);
	assert_int_equal(wait_exit(pid), 0);
	static const char *const flags[] = {"--port", "--bind", "--state", "--generate", "--operation-delay-ms",
					    "--token-ttl", "--tls-cert", "--tls-key", "--seed", "--quiet", "--latency-ms",
					    "--help"};
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (!strstr(text, flags[i]))
			fail_msg("--help does not mention %s", flags[i]);
	char *bad[] = {EMU_PROGRAM, "--port", "seventy", NULL};
	pid = spawn(bad, &out);
	fclose(out);
	assert_int_equal(wait_exit(pid), 2);
}

static void test_runs_and_stops(void **state)
{
	(void)state;
	char *dir = th_tmpdir();
	char file[512];
	snprintf(file, sizeof(file), "%s/state.json", dir);
	char *argv[] = {EMU_PROGRAM, "--quiet", "--state", file, "--operation-delay-ms", "10", NULL};
	FILE *out;
	pid_t pid = spawn(argv, &out);
	char url[256] = "";
	assert_non_null(fgets(url, sizeof(url), out));
	url[strcspn(url, "\n")] = '\0';
	assert_true(!strncmp(url, "http://127.0.0.1:", 17));
	char path[300];
	snprintf(path, sizeof(path), "%s/iam/v1/tokens", url);
	struct th_resp r;
	char body[200];
	snprintf(body, sizeof(body), "{\"yandexPassportOauthToken\":\"%s\"}", emu_demo_oauth_token());
	th_http("POST", path, NULL, body, NULL, 0, &r);
	assert_int_equal(r.status, 200);
	th_resp_free(&r);
	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid), 0);
	fclose(out);
	struct stat st;
	assert_int_equal(stat(file, &st), 0);
	th_rmdir(dir);
	free(dir);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_runs_and_stops),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
