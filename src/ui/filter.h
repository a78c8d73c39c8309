/* filter.h — filter-as-you-type over an array of strings: a pure function, no curses, no
 * allocation, so the benchmark can time it on 100 000 service accounts. */
#ifndef YCFN_UI_FILTER_H
#define YCFN_UI_FILTER_H

#include <stddef.h>
#include <stdint.h>

/* Does item contain needle? ASCII letters compare case-insensitively, other bytes exactly
 * (UTF-8 stays UTF-8). An empty needle matches everything. */
int ui_filter_match(const char *item, const char *needle);

/* Writes into out the indices (taken from in[0..n_in), or 0..n_items-1 when in is NULL) of the
 * items that match needle, in order; returns how many. out must hold n_in (or n_items) entries;
 * out may equal in (refining the previous result when the user types one more character). */
size_t ui_filter(const char *const *items, size_t n_items, const uint32_t *in, size_t n_in, const char *needle,
		 uint32_t *out);

#endif
