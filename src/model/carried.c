/* carried.c — settings the form does not show but that travel in the request: the API still
 * checks them, and a change to memory can make a carried value wrong (tmpfs ≤ 3/4 of memory). */
#include <stdio.h>

#include "model/internal.h"

#define MIB ((int64_t)1 << 20)

static int carried_fail(struct yc_error *err, const char *field, const char *ru, const char *en)
{
	yc_error_set(err, YC_ERR_VALIDATION, field, ru, en,
		     "Форма не показывает это поле: исправьте версию через yc или веб-консоль",
		     "The form does not show this field: fix the version with yc or the web console");
	return -1;
}

int model_check_carried_settings(const cJSON *body, struct yc_error *err)
{
	struct yc_error scratch;
	int64_t conc = 0, tmpfs = 0, mem = 0;
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(body, "resources");
	if (mj_int64(body, "concurrency", 0, 16, &conc, &scratch) < 0)
		return carried_fail(err, "concurrency", "Одновременные вызовы (concurrency): от 0 до 16",
				    "Concurrency: must be 0–16");
	if (mj_int64(body, "tmpfsSize", 0, INT64_MAX, &tmpfs, &scratch) < 0)
		return carried_fail(err, "tmpfsSize", "Размер /tmp (tmpfsSize): не число", "tmpfsSize: not a number");
	if (cJSON_IsObject(res))
		mj_int64(res, "memory", 0, INT64_MAX, &mem, &scratch);
	if (tmpfs && (tmpfs < 512 * MIB || tmpfs > mem / 4 * 3)) {
		yc_error_set(err, YC_ERR_VALIDATION, "tmpfsSize", "Размер /tmp (tmpfsSize): 0 или от 512 МБ до 3/4 памяти",
			     "tmpfsSize: 0, or 512 MB up to 3/4 of memory",
			     "Увеличьте память (от 1024 МБ) или уменьшите tmpfs через yc",
			     "Raise memory (1024 MB or more) or lower tmpfs with yc");
		return -1;
	}
	return 0;
}
