/* fields_internal.h — the per-field functions the table in fields.c points at. */
#ifndef YCFN_MODEL_FIELDS_INTERNAL_H
#define YCFN_MODEL_FIELDS_INTERNAL_H

#include "model/internal.h"

/* validate.c */
int fv_runtime(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_entrypoint(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_timeout(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_memory(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_sa_optional(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_sa_required(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_description(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_environment(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_toggle(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_retries(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_target_kind(const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fv_queue(const struct yc_draft *d, enum yc_field f, struct yc_error *err);

/* field_io.c: from a version */
char *fr_runtime(const struct yc_version *v);
char *fr_entrypoint(const struct yc_version *v);
char *fr_timeout(const struct yc_version *v);
char *fr_memory(const struct yc_version *v);
char *fr_service_account(const struct yc_version *v);
char *fr_description(const struct yc_version *v);
char *fr_environment(const struct yc_version *v);
char *fr_async_enabled(const struct yc_version *v);
char *fr_async_retries(const struct yc_version *v);
char *fr_async_sa(const struct yc_version *v);
char *fr_success_kind(const struct yc_version *v);
char *fr_success_queue(const struct yc_version *v);
char *fr_success_sa(const struct yc_version *v);
char *fr_failure_kind(const struct yc_version *v);
char *fr_failure_queue(const struct yc_version *v);
char *fr_failure_sa(const struct yc_version *v);

/* field_io.c: into the request */
int fa_string(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fa_memory(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fa_timeout(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fa_environment(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err);
int fa_async(cJSON *body, const struct yc_draft *d, enum yc_field f, struct yc_error *err);

/* field_io.c: for a reader, and for yc */
char *fd_memory(const char *text, enum yc_lang lang);
char *fd_timeout(const char *text, enum yc_lang lang);
char *fd_service_account(const char *text, enum yc_lang lang);
char *fd_toggle(const char *text, enum yc_lang lang);
char *fd_target_kind(const char *text, enum yc_lang lang);
char *fd_environment(const char *text, enum yc_lang lang);
char *ff_memory(const char *text);
char *ff_timeout(const char *text);

/* The memory limits of the API. */
#define FIELD_MIB ((int64_t)1 << 20)
#define MEMORY_MIN (128 * FIELD_MIB)
#define MEMORY_MAX_API (8192 * FIELD_MIB)
#define MEMORY_STEP (128 * FIELD_MIB)
#define TIMEOUT_MAX_MS ((int64_t)3600 * 1000)

#endif
