/* util.c — capped buffers, clocks, files, URL escaping, random bytes for the api module. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api/api_int.h"

int api_buf_add(struct api_buf *b, const void *p, size_t n)
{
	if (b->max && (b->len + n > b->max || b->len + n < b->len)) {
		b->too_big = true;
		return -1;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d)
			return -1;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

void api_buf_free(struct api_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->too_big = false;
}

int64_t api_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *api_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

void api_set_str(char **dst, const char *s)
{
	char *c = api_strdup(s);
	free(*dst);
	*dst = c;
}

void api_free_secret(char **s)
{
	if (*s) {
		/* volatile so the wipe is not optimised away */
		volatile char *p = *s;
		while (*p)
			*p++ = 0;
		free(*s);
		*s = NULL;
	}
}

int api_read_file(const char *path, size_t max, char **out, size_t *len, struct yc_error *err)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		char ru[256], en[256];
		snprintf(ru, sizeof ru, "Не удалось прочитать файл %s: %s", path, strerror(e));
		snprintf(en, sizeof en, "Cannot read the file %s: %s", path, strerror(e));
		yc_error_set(err, YC_ERR_IO, path, ru, en, "Проверьте путь и права доступа к файлу.",
			     "Check the path and the file's permissions.");
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		close(fd);
		char ru[256], en[256];
		snprintf(ru, sizeof ru, "%s — не обычный файл или больше %zu байт", path, max);
		snprintf(en, sizeof en, "%s is not a regular file or is larger than %zu bytes", path, max);
		yc_error_set(err, YC_ERR_IO, path, ru, en, "Укажите правильный файл.", "Point to the right file.");
		return -1;
	}
	size_t got = 0;
	char *buf = model_read_fd(fd, (size_t)st.st_size, &got);
	close(fd);
	if (!buf) {
		yc_error_set(err, YC_ERR_NOMEM, NULL, "Не хватает памяти", "Out of memory", NULL, NULL);
		return -1;
	}
	*out = buf;
	if (len)
		*len = got;
	return 0;
}

char *api_url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *o = malloc(n * 3 + 1), *p = o;
	if (!o)
		return NULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '_' || c == '.' || c == '~') {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return o;
}

void api_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(p + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got < n) {
		/* no kernel randomness: good enough for jitter, and ids stay unique per process */
		static unsigned long long x;
		x ^= (unsigned long long)api_now_ms() * 0x9E3779B97F4A7C15ull + (unsigned long long)getpid();
		for (; got < n; got++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			p[got] = (unsigned char)x;
		}
	}
}

void api_new_idempotency_key(char *buf)
{
	unsigned char b[16];
	api_random(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	static const char hex[] = "0123456789abcdef";
	char *p = buf;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 15];
	}
	*p = '\0';
}
