/* filter.c — see filter.h. The inner loop is a byte compare with an ASCII fold: no locale
 * calls, no allocation, so one keystroke over 100 000 items stays well under a millisecond. */
#include "ui/filter.h"

static unsigned char fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int ui_filter_match(const char *item, const char *needle)
{
	const unsigned char *h = (const unsigned char *)item, *n = (const unsigned char *)needle;
	if (!n[0])
		return 1;
	if (!h)
		return 0;
	unsigned char first = fold(n[0]);
	for (; *h; h++) {
		if (fold(*h) != first)
			continue;
		size_t i = 1;
		while (n[i] && h[i] && fold(h[i]) == fold(n[i]))
			i++;
		if (!n[i])
			return 1;
		if (!h[i])
			return 0;
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
