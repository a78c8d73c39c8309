/* bench_filter — one keystroke of filtering a 100 000-item picker, timed, with the UI's own pure
 * filter (src/ui/filter.h). The worst keystroke is the one that scans every item: the first
 * character typed (or a Backspace, which filters from scratch). Later keystrokes refine the
 * previous result and scan fewer items.
 *
 *   bench_filter [N]          prints key=value lines: the median time of each keystroke of
 *                             typing "deploy" into an N-item list (default 100000), and the worst
 *   bench_filter --once [N]   runs the worst keystroke once inside bench_filter_keystroke(), for
 *                             valgrind --tool=callgrind --toggle-collect=bench_filter_keystroke
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/filter.h"

#define BENCH_REPEAT 21
#define BENCH_NAME_MAX 64

static void bench_free_names(char **names, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

/* Service-account-like names: a few words and a number, like a big real folder. */
static char **bench_make_names(size_t n)
{
	static const char *const words[] = {"deploy", "invoker", "reader", "writer", "ci", "etl", "backup",
					    "monitor", "billing", "auth", "ymq", "storage", "registry", "logger"};
	const size_t nw = sizeof words / sizeof words[0];
	char **names = calloc(n, sizeof *names);
	if (!names)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		names[i] = malloc(BENCH_NAME_MAX);
		if (!names[i]) {
			bench_free_names(names, i);
			return NULL;
		}
		snprintf(names[i], BENCH_NAME_MAX, "sa-%s-%s-%06zu", words[(i * 7) % nw], words[(i * 13 + 5) % nw],
			 i);
	}
	return names;
}

/* One keystroke: filter from scratch (in == NULL) or refine the previous result. Not inlined, so
 * callgrind can count exactly this. */
__attribute__((noinline)) size_t bench_filter_keystroke(const char *const *names, size_t n, const uint32_t *in,
							size_t n_in, const char *needle, uint32_t *out)
{
	return ui_filter(names, n, in, n_in, needle, out);
}

static double bench_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int once = argc > 1 && strcmp(argv[1], "--once") == 0;
	size_t n = 100000;
	if (argc > 1 + once)
		n = strtoul(argv[1 + once], NULL, 10);
	if (n == 0 || n > 10000000) {
		fprintf(stderr, "usage: bench_filter [--once] [N: 1..10000000]\n");
		return 2;
	}
	char **names = bench_make_names(n);
	uint32_t *prev = malloc(n * sizeof *prev), *out = malloc(n * sizeof *out);
	if (!names || !prev || !out) {
		fprintf(stderr, "bench_filter: out of memory\n");
		bench_free_names(names, n);
		free(prev);
		free(out);
		return 1;
	}
	const char *const *items = (const char *const *)names;
	if (once) {
		size_t m = bench_filter_keystroke(items, n, NULL, 0, "d", out);
		printf("filter_items=%zu\nfilter_matches=%zu\n", n, m);
		bench_free_names(names, n);
		free(prev);
		free(out);
		return 0;
	}
	/* Type "deploy": keystroke k filters the previous result with the first k+1 characters. */
	const char *typed = "deploy";
	double worst = 0;
	size_t n_prev = 0;
	for (size_t k = 0; k < strlen(typed); k++) {
		char needle[16];
		snprintf(needle, sizeof needle, "%.*s", (int)(k + 1), typed);
		double t[BENCH_REPEAT];
		size_t m = 0;
		for (int r = 0; r < BENCH_REPEAT; r++) {
			double t0 = bench_now_us();
			m = bench_filter_keystroke(items, n, k ? prev : NULL, n_prev, needle, out);
			t[r] = bench_now_us() - t0;
		}
		qsort(t, BENCH_REPEAT, sizeof t[0], bench_cmp_double);
		printf("filter_key_%zu_needle=%s\nfilter_key_%zu_matches=%zu\nfilter_key_%zu_us=%.0f\n", k, needle, k,
		       m, k, t[BENCH_REPEAT / 2]);
		if (t[BENCH_REPEAT / 2] > worst)
			worst = t[BENCH_REPEAT / 2];
		memcpy(prev, out, m * sizeof *out);
		n_prev = m;
	}
	/* Backspace back to "d": the list is filtered from scratch again. */
	printf("filter_items=%zu\nfilter_worst_us=%.0f\n", n, worst);
	bench_free_names(names, n);
	free(prev);
	free(out);
	return 0;
}
