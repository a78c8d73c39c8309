/* emulator_main.c — ycfn-emulator: the local Yandex Cloud as a program of its own. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emulator/emulator.h"

static const char usage[] =
	"Usage: ycfn-emulator [OPTION]...\n"
	"A local Yandex Cloud for ycfn: IAM, Resource Manager, Cloud Functions, Operations,\n"
	"Message Queue (SQS) and function invocation on one HTTP(S) port, plus /_emu/ control\n"
	"routes for tests (see docs/emulator.md). Prints the URL it listens on as the first\n"
	"line of stdout, runs until SIGINT or SIGTERM.\n"
	"\n"
	"  -p, --port N                 port to listen on (default 0: an ephemeral port)\n"
	"  -b, --bind ADDR              address to listen on (default 127.0.0.1; control routes\n"
	"                               answer loopback clients only whatever the address)\n"
	"  -s, --state FILE             load the world from FILE at start (when it exists) and save\n"
	"                               it there (atomically) after each change and at exit\n"
	"  -g, --generate N             add N functions, N service accounts and N queues to the demo\n"
	"                               folder (for benchmarks; only when no state file was loaded)\n"
	"  -d, --operation-delay-ms MS  createVersion's operation is done after MS (default 300)\n"
	"  -t, --token-ttl SECONDS      lifetime of issued IAM tokens (default 43200 = 12 h)\n"
	"      --latency-ms MS          add MS to every answer, as POST /_emu/latency {\"route\":\"*\"}\n"
	"      --tls-cert FILE          serve HTTPS with this PEM certificate (needs --tls-key)\n"
	"      --tls-key FILE           the PEM private key of --tls-cert\n"
	"      --seed N                 seed of the generated ids and request ids (default 1)\n"
	"  -q, --quiet                  print nothing but the URL (else one line per request on\n"
	"                               stderr: method, path, status, request id)\n"
	"  -h, --help                   this text\n"
	"\n"
	"Demo credentials (an OAuth token to exchange at /iam/v1/tokens, an SA authorized key, the\n"
	"static key for Message Queue): GET <url>/_emu/credentials.\n";

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static int number(const char *flag, const char *s, long min, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < min || v > max) {
		fprintf(stderr, "ycfn-emulator: %s: expected a number %ld..%ld, got \"%s\"\n", flag, min, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse(int argc, char **argv, struct emu_options *o)
{
	enum { OPT_CERT = 1000, OPT_KEY, OPT_SEED, OPT_LATENCY };
	static const struct option longs[] = {
		{"port", required_argument, NULL, 'p'},	     {"bind", required_argument, NULL, 'b'},
		{"state", required_argument, NULL, 's'},     {"generate", required_argument, NULL, 'g'},
		{"operation-delay-ms", required_argument, NULL, 'd'}, {"token-ttl", required_argument, NULL, 't'},
		{"tls-cert", required_argument, NULL, OPT_CERT}, {"tls-key", required_argument, NULL, OPT_KEY},
		{"seed", required_argument, NULL, OPT_SEED}, {"quiet", no_argument, NULL, 'q'},
		{"latency-ms", required_argument, NULL, OPT_LATENCY},
		{"help", no_argument, NULL, 'h'},	     {NULL, 0, NULL, 0},
	};
	long v;
	int c;
	while ((c = getopt_long(argc, argv, "p:b:s:g:d:t:qh", longs, NULL)) != -1) {
		switch (c) {
		case 'p': if (number("--port", optarg, 0, 65535, &v)) return -1; o->port = (int)v; break;
		case 'b': o->bind_addr = optarg; break;
		case 's': o->state_file = optarg; break;
		case 'g': if (number("--generate", optarg, 0, 10000000, &v)) return -1; o->generate = (int)v; break;
		case 'd': if (number("--operation-delay-ms", optarg, 0, 3600000, &v)) return -1;
			  o->operation_delay_ms = v ? v : -1; break;
		case 't': if (number("--token-ttl", optarg, 1, 43200, &v)) return -1; o->token_ttl_s = v; break;
		case OPT_CERT: o->tls_cert_file = optarg; break;
		case OPT_KEY: o->tls_key_file = optarg; break;
		case OPT_LATENCY: if (number("--latency-ms", optarg, 0, 600000, &v)) return -1; o->latency_ms = v; break;
		case OPT_SEED: if (number("--seed", optarg, 0, 4294967295L, &v)) return -1; o->seed = (unsigned)v; break;
		case 'q': o->quiet = true; break;
		case 'h': fputs(usage, stdout); exit(0);
		default: fputs("Try 'ycfn-emulator --help'.\n", stderr); return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ycfn-emulator: unexpected argument \"%s\"\nTry 'ycfn-emulator --help'.\n", argv[optind]);
		return -1;
	}
	if (!o->tls_cert_file != !o->tls_key_file) {
		fputs("ycfn-emulator: --tls-cert and --tls-key go together\n", stderr);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct emu_options o = {.seed = 1};
	if (parse(argc, argv, &o))
		return 2;
	struct yc_error err;
	struct emu *emu = emu_start(&o, &err);
	if (!emu) {
		fprintf(stderr, "ycfn-emulator: %s%s%s\n", err.field[0] ? err.field : "", err.field[0] ? ": " : "",
			err.what_en);
		return 1;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	printf("%s\n", emu_url(emu));
	if (!o.quiet)
		printf("ycfn-emulator: listening on %s (demo credentials: GET %s/_emu/credentials; Ctrl-C stops)\n",
		       emu_url(emu), emu_url(emu));
	fflush(stdout);
	while (!stop_signal)
		pause();
	emu_stop(emu);
	return 0;
}
