#include "emulator/emu_internal.h"
int emu_state_load(struct emu *emu, const char *path, bool *loaded, struct yc_error *err)
{
	(void)emu; (void)path; (void)err;
	*loaded = false;
	return 0;
}
int emu_state_save(struct emu *emu, const char *path)
{
	(void)emu; (void)path;
	return 0;
}
