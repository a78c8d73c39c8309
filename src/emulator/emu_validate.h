/* emu_validate.h — createVersion's checks and the value parsers they share with the invoker. */
#ifndef YCFN_EMU_VALIDATE_H
#define YCFN_EMU_VALIDATE_H

#include "emulator/emu_internal.h"

/* The first problem: a google.rpc.Code, the JSON path of the field, the message. */
struct emu_check {
	int code;
	char field[128];
	char message[512];
};

/* 0 = the body may create a version of *fn_out; else -1 with *c filled (*fn_out set once known). */
int emu_validate_create(struct emu_world *w, const cJSON *body, struct emu_function **fn_out, struct emu_check *c);
/* int64 as a JSON string or an integral number. */
int emu_json_int64(const cJSON *v, long long *out);
/* A protobuf JSON duration ("5s", "1.5s") in ms. */
int emu_json_duration_ms(const cJSON *v, long long *ms);
/* yrn:yc:ymq:ru-central1:<folder_id>:<queue_name>; folder/name may be NULL. */
int emu_arn_parse(const char *arn, char *folder, size_t folder_n, char *name, size_t name_n);

#endif
