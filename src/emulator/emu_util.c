/* emu_util.c — the emulator's small tools: a hash map, growable arrays and buffers, ids that
 * look like Yandex Cloud ids, clocks, page tokens, base64. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emulator/emu_internal.h"

static uint64_t map_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void *emu_map_get(const struct emu_map *m, const char *key)
{
	if (!m->cap || !key)
		return NULL;
	for (size_t i = map_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->slots[i].key)
			return NULL;
		if (!strcmp(m->slots[i].key, key))
			return m->slots[i].val;
	}
}

static int map_grow(struct emu_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct emu_map_slot *s = calloc(cap, sizeof(*s));
	if (!s)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		size_t j = map_hash(m->slots[i].key) & (cap - 1);
		while (s[j].key)
			j = (j + 1) & (cap - 1);
		s[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = s;
	m->cap = cap;
	return 0;
}

int emu_map_put(struct emu_map *m, const char *key, void *val)
{
	if ((m->n + 1) * 4 >= m->cap * 3 && map_grow(m))
		return -1;
	size_t i = map_hash(key) & (m->cap - 1);
	for (; m->slots[i].key; i = (i + 1) & (m->cap - 1)) {
		if (!strcmp(m->slots[i].key, key)) {
			m->slots[i].val = val;
			return 0;
		}
	}
	m->slots[i].key = strdup(key);
	if (!m->slots[i].key)
		return -1;
	m->slots[i].val = val;
	m->n++;
	return 0;
}

void emu_map_free(struct emu_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

int emu_vec_push(struct emu_vec *v, void *p)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		void **items = realloc(v->items, cap * sizeof(*items));
		if (!items)
			return -1;
		v->items = items;
		v->cap = cap;
	}
	v->items[v->n++] = p;
	return 0;
}

void emu_vec_free(struct emu_vec *v)
{
	free(v->items);
	memset(v, 0, sizeof(*v));
}

int emu_buf_add(struct emu_buf *b, const void *data, size_t n)
{
	if (b->too_big || (b->max && b->len + n > b->max)) {
		b->too_big = true;
		return -1;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->buf, cap);
		if (!p)
			return -1;
		b->buf = p;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
	return 0;
}

int emu_buf_printf(struct emu_buf *b, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof(small))
		return emu_buf_add(b, small, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (!big)
		return -1;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int rc = emu_buf_add(b, big, (size_t)n);
	free(big);
	return rc;
}

void emu_buf_free(struct emu_buf *b)
{
	free(b->buf);
	memset(b, 0, sizeof(*b));
}

uint64_t emu_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull); /* splitmix64 */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void emu_make_id(uint64_t *rng, const char *prefix, char out[EMU_ID_LEN + 1])
{
	static const char alphabet[] = "0123456789abcdefghijklmnopqrstuv";
	size_t p = strlen(prefix);
	memcpy(out, prefix, p);
	uint64_t r = emu_rand(rng);
	uint64_t r2 = emu_rand(rng);
	for (size_t i = p; i < EMU_ID_LEN; i++) {
		out[i] = alphabet[r & 31];
		r = (r >> 5) | ((r2 & 31) << 59);
		r2 >>= 5;
	}
	out[EMU_ID_LEN] = '\0';
}

void emu_make_uuid(uint64_t *rng, char out[37])
{
	uint64_t a = emu_rand(rng), b = emu_rand(rng);
	a = (a & ~0xf000ull) | 0x4000ull;                         /* version 4 */
	b = (b & 0x3fffffffffffffffull) | 0x8000000000000000ull; /* variant 10 */
	snprintf(out, 37, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(a >> 32), (unsigned)((a >> 16) & 0xffff),
		 (unsigned)(a & 0xffff), (unsigned)(b >> 48), (unsigned long long)(b & 0xffffffffffffull));
}

long long emu_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long emu_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void emu_cond_wait_ms(pthread_cond_t *cv, pthread_mutex_t *lock, long long ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += (long)ms * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	pthread_cond_timedwait(cv, lock, &ts);
}

void emu_rfc3339(long long unix_ms, char out[40])
{
	time_t t = (time_t)(unix_ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[24];
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 40, "%s.%03d%06dZ", date, (int)(unix_ms % 1000), (int)((unix_ms * 7919) % 1000000));
}

char *emu_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The token is the base64url of "o:<offset>", so a client cannot mistake it for a number. */
void emu_page_token(size_t next, char out[32])
{
	char plain[24];
	int n = snprintf(plain, sizeof(plain), "o:%zu", next);
	size_t o = 0;
	for (int i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)plain[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)plain[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)plain[i + 2];
		out[o++] = b64url[(v >> 18) & 63];
		out[o++] = b64url[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = b64url[(v >> 6) & 63];
		if (i + 2 < n)
			out[o++] = b64url[v & 63];
	}
	out[o] = '\0';
}

long emu_page_token_parse(const char *tok)
{
	unsigned char *plain = NULL;
	size_t n = 0;
	if (!tok || strlen(tok) > 30 || emu_base64url_decode(tok, strlen(tok), &plain, &n))
		return -1;
	long v = -1;
	if (n > 2 && n < 20 && plain[0] == 'o' && plain[1] == ':') {
		v = 0;
		for (size_t i = 2; i < n; i++) {
			if (plain[i] < '0' || plain[i] > '9') {
				v = -1;
				break;
			}
			v = v * 10 + (plain[i] - '0');
		}
	}
	free(plain);
	return v;
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-' || c == '+')
		return 62;
	if (c == '_' || c == '/')
		return 63;
	return -1;
}

/* Accepts both alphabets, with or without padding. */
int emu_base64url_decode(const char *in, size_t n, unsigned char **out, size_t *out_n)
{
	while (n && in[n - 1] == '=')
		n--;
	unsigned char *o = malloc(n * 3 / 4 + 3);
	if (!o)
		return -1;
	size_t k = 0;
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		int v = b64_value(in[i]);
		if (v < 0) {
			free(o);
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[k++] = (unsigned char)((acc >> bits) & 0xff);
		}
	}
	*out = o;
	*out_n = k;
	return 0;
}

int emu_base64_encode(const unsigned char *in, size_t n, char **out)
{
	char *o = malloc(4 * ((n + 2) / 3) + 1);
	if (!o)
		return -1;
	int len = EVP_EncodeBlock((unsigned char *)o, in, (int)n);
	o[len] = '\0';
	*out = o;
	return 0;
}

void emu_hex(const unsigned char *in, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[in[i] >> 4];
		out[2 * i + 1] = hx[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void emu_sleep_ms(struct emu *emu, long ms)
{
	long long end = emu_mono_ms() + ms;
	while (!atomic_load(&emu->stopping)) {
		long long left = end - emu_mono_ms();
		if (left <= 0)
			return;
		if (left > 20)
			left = 20;
		struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)left * 1000000L};
		nanosleep(&ts, NULL);
	}
}

void emu_err(struct yc_error *err, enum yc_err_kind kind, const char *what_en, const char *what_ru)
{
	if (!err)
		return;
	yc_error_clear(err);
	yc_error_set(err, kind, NULL, what_ru, what_en, NULL, NULL);
}
