#include "emulator/emu_internal.h"
void emu_h_invoke(struct emu_req *r, struct emu_resp *resp)
{
	emu_resp_status(resp, r, 12, NULL, "Invocation: not implemented yet");
}
int emu_invoker_start(struct emu *emu) { (void)emu; return 0; }
void emu_invoker_stop(struct emu *emu) { (void)emu; }
cJSON *emu_invocations_json(struct emu *emu) { (void)emu; return cJSON_CreateObject(); }
void emu_invocations_clear(struct emu *emu) { (void)emu; }
