/* internal.h — helpers shared by the model's files; not part of the contract. */
#ifndef YCFN_MODEL_INTERNAL_H
#define YCFN_MODEL_INTERNAL_H

#include "model/model.h"

/* Caps on what we take from outside: one string, the items of one array or map. */
#define MJ_STR_MAX (64u * 1024u)
#define MJ_ITEMS_MAX 100000u
/* A whole list across pages (100 000 service accounts must fit). */
#define MJ_LIST_MAX 1000000u

/* Sets err to a YC_ERR_PARSE about field with a standard hint. */
void mj_fail(struct yc_error *err, const char *field, const char *what_ru, const char *what_en);
/* Prepends "prefix." (or "prefix[i].") to err->field, so that nested failures name the path. */
void mj_prefix(struct yc_error *err, const char *prefix, long index);

/* Each reads member key of o. Absent or null: *out is NULL / untouched and 0 is returned,
 * unless required. Wrong type or over a cap: YC_ERR_PARSE naming key. */
int mj_str(const cJSON *o, const char *key, bool required, char **out, struct yc_error *err);
/* int64 as a JSON string of digits or an integral number, within [min, max]. */
int mj_int64(const cJSON *o, const char *key, int64_t min, int64_t max, int64_t *out, struct yc_error *err);
int mj_int64_value(const cJSON *item, const char *key, int64_t min, int64_t max, int64_t *out,
		   struct yc_error *err);
int mj_bool(const cJSON *o, const char *key, bool *out, struct yc_error *err);
int mj_kv_map(const cJSON *o, const char *key, struct yc_kv_list *out, struct yc_error *err);
int mj_str_array(const cJSON *o, const char *key, struct yc_string_list *out, struct yc_error *err);
/* A member that must be an object when present; *out NULL when absent/null. */
int mj_object(const cJSON *o, const char *key, const cJSON **out, struct yc_error *err);

/* strdup that returns NULL for NULL. */
char *mj_strdup(const char *s);
/* Copies src into dst[n], truncating on a UTF-8 boundary, control characters replaced by '?'. */
void mj_copy_clean(char *dst, size_t n, const char *src);
/* Code points in a UTF-8 string; -1 when it is not valid UTF-8. */
long mj_utf8_len(const char *s);

/* Version settings that the form does not show but the API checks (concurrency, tmpfs). */
int model_check_carried_settings(const cJSON *body, struct yc_error *err);



/* A growing string with a cap; on overflow or no memory it latches failed. */
struct sbuf {
	char *s;
	size_t len, cap;
	bool failed;
};
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the string (caller frees) or NULL when it failed. */
char *sbuf_finish(struct sbuf *b);

#endif
