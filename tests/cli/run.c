/* run.c — see run.h. */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

struct buf {
	char *p;
	size_t n;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	char *p = realloc(b->p, b->n + n + 1);
	if (!p)
		abort();
	memcpy(p + b->n, s, n);
	b->p = p;
	b->n += n;
	b->p[b->n] = '\0';
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void build_env(const char *home, const char *const *extra, char **env, size_t max)
{
	static char h[512], x1[512], x2[512], x3[512];
	size_t n = 0;
	snprintf(h, sizeof h, "HOME=%s", home);
	snprintf(x1, sizeof x1, "XDG_STATE_HOME=%s/state", home);
	snprintf(x2, sizeof x2, "XDG_CONFIG_HOME=%s/config", home);
	snprintf(x3, sizeof x3, "TMPDIR=%s", home);
	env[n++] = h;
	env[n++] = x1;
	env[n++] = x2;
	env[n++] = x3;
	env[n++] = "PATH=/usr/bin:/bin";
	bool lang = false;
	for (size_t i = 0; extra && extra[i] && n + 4 < max; i++) {
		env[n++] = (char *)extra[i];
		if (strncmp(extra[i], "LANG=", 5) == 0 || strncmp(extra[i], "LC_ALL=", 7) == 0)
			lang = true;
	}
	if (!lang)
		env[n++] = "LANG=C.UTF-8";
	const char *pass[] = {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};
	static char keep[3][512];
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(pass[i]);
		if (v && n + 2 < max) {
			snprintf(keep[i], sizeof keep[i], "%s=%s", pass[i], v);
			env[n++] = keep[i];
		}
	}
	env[n] = NULL;
}

void run_ycfn(struct run *r, const char *bin, const char *home, const char *const *args, const char *const *env,
	      const char *stdin_text)
{
	int po[2], pe[2], pi[2];
	memset(r, 0, sizeof *r);
	if (pipe(po) || pipe(pe) || pipe(pi))
		abort();
	char *argv[64];
	size_t n = 0;
	argv[n++] = (char *)bin;
	for (size_t i = 0; args[i] && n < 63; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	char *envp[64];
	build_env(home, env, envp, 64);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pi[0], 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]), close(pe[0]), close(pi[1]);
		execve(bin, argv, envp);
		_exit(127);
	}
	close(po[1]), close(pe[1]), close(pi[0]);
	if (stdin_text) {
		ssize_t w = write(pi[1], stdin_text, strlen(stdin_text));
		(void)w;
	}
	close(pi[1]);
	struct buf out = {calloc(1, 1), 0}, err = {calloc(1, 1), 0};
	struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
	long deadline = now_ms() + 60000;
	int open_fds = 2;
	while (open_fds > 0 && now_ms() < deadline) {
		if (poll(fds, 2, 1000) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
				continue;
			char tmp[4096];
			ssize_t got = read(fds[i].fd, tmp, sizeof tmp);
			if (got > 0) {
				buf_add(i == 0 ? &out : &err, tmp, (size_t)got);
			} else {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	if (open_fds > 0)
		kill(pid, SIGKILL);
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int status = 0;
	waitpid(pid, &status, 0);
	r->code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	r->out = out.p;
	r->err = err.p;
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof *r);
}

static size_t collect(char *data, size_t size, size_t nmemb, void *ud)
{
	buf_add(ud, data, size * nmemb);
	return size * nmemb;
}

long emu_http(const char *base, const char *method, const char *path, const char *json, char **body)
{
	char url[512];
	snprintf(url, sizeof url, "%s%s", base, path);
	struct buf b = {calloc(1, 1), 0};
	CURL *h = curl_easy_init();
	struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
	if (json)
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	long status = 0;
	if (curl_easy_perform(h) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	if (body)
		*body = b.p;
	else
		free(b.p);
	return status;
}

char *tmpdir_new(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];
	snprintf(tmpl, sizeof tmpl, "%s/ycfn-cli-XXXXXX", base && *base ? base : "/tmp");
	char *d = mkdtemp(tmpl);
	return d ? strdup(d) : NULL;
}

void rm_rf(const char *path)
{
	if (!path || !*path || strcmp(path, "/") == 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", "--", path, (char *)NULL);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
}
