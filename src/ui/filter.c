/* filter.c — see filter.h. The inner loop is a byte compare with an ASCII fold: no locale
 * calls, no allocation, so one keystroke over 100 000 items stays well under a millisecond. */
#include <string.h>

#include "ui/filter.h"

static unsigned char fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int ui_filter_match(const char *item, const char *needle)
{
	const unsigned char *n = (const unsigned char *)needle;
	if (!n[0])
		return 1;
	if (!item)
		return 0;
	/* Find candidates for the first byte with the C library's vectorised search (both cases
	 * of a letter), then compare the rest with the fold. */
	char first[3] = {(char)n[0], 0, 0};
	if (n[0] >= 'a' && n[0] <= 'z')
		first[1] = (char)(n[0] - 32);
	else if (n[0] >= 'A' && n[0] <= 'Z')
		first[1] = (char)(n[0] + 32);
	const char *h = item;
	while ((h = first[1] ? strpbrk(h, first) : strchr(h, first[0])) != NULL) {
		const unsigned char *u = (const unsigned char *)h;
		size_t i = 1;
		while (n[i] && u[i] && fold(u[i]) == fold(n[i]))
			i++;
		if (!n[i])
			return 1;
		if (!u[i])
			return 0;
		h++;
	}
	return 0;
}

size_t ui_filter(const char *const *items, size_t n_items, const uint32_t *in, size_t n_in, const char *needle,
		 uint32_t *out)
{
	size_t k = 0;
	size_t n = in ? n_in : n_items;
	for (size_t i = 0; i < n; i++) {
		uint32_t idx = in ? in[i] : (uint32_t)i;
		if (idx < n_items && ui_filter_match(items[idx], needle))
			out[k++] = idx;
	}
	return k;
}
