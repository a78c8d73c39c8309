/* util.c — small string helpers: capped growing strings, UTF-8 checks, clean copies. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

/* A growing string never gets past this: everything the model builds is far smaller. */
#define SBUF_MAX (64u * 1024u * 1024u)

char *mj_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Length of the UTF-8 sequence starting at s (1..4), 0 when it is not valid. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	unsigned cp = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

long mj_utf8_len(const char *s)
{
	long n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t l = utf8_seq(p);
		if (!l)
			return -1;
		p += l;
		n++;
	}
	return n;
}

void mj_copy_clean(char *dst, size_t n, const char *src)
{
	if (!n)
		return;
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)src;
	while (*p) {
		size_t l = utf8_seq(p);
		const unsigned char *from = p;
		static const unsigned char q = '?';
		if (!l || *p < 0x20 || *p == 0x7F) {
			/* Control bytes and broken sequences would garble a terminal. */
			from = &q;
			l = 1;
			p++;
		} else {
			p += l;
		}
		if (o + l >= n)
			break;
		memcpy(dst + o, from, l);
		o += l;
	}
	dst[o] = '\0';
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (n > SBUF_MAX - b->len) {
		b->failed = true;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_add(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->failed = true;
		return;
	}
	if ((size_t)k < sizeof small) {
		sbuf_addn(b, small, (size_t)k);
		return;
	}
	char *big = malloc((size_t)k + 1);
	if (!big) {
		b->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)k + 1, fmt, ap);
	va_end(ap);
	sbuf_addn(b, big, (size_t)k);
	free(big);
}

char *sbuf_finish(struct sbuf *b)
{
	if (b->failed) {
		free(b->s);
		b->s = NULL;
		return NULL;
	}
	if (!b->s)
		return strdup("");
	return b->s;
}
