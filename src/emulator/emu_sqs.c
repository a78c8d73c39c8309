#include "emulator/emu_internal.h"
void emu_h_sqs(struct emu_req *r, struct emu_resp *resp)
{
	emu_resp_status(resp, r, 12, NULL, "Message Queue: not implemented yet");
}
int emu_sigv4_verify(struct emu_req *r, const char **code, const char **why)
{
	(void)r; *code = "x"; *why = "x";
	return -1;
}
