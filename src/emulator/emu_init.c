/* emu_init.c — the world at start and at reset: the state file when there is one, else the
 * seeded demo world plus --generate N. */
#include <stdio.h>
#include <string.h>

#include "emulator/emu_internal.h"

/* The seeded authorized key belongs to the "deployer" service account of the demo folder. */
static void pick_key_owner(struct emu *emu)
{
	for (size_t i = 0; i < emu->w->sas.n; i++) {
		const struct emu_sa *s = emu->w->sas.items[i];
		if (!strcmp(s->name, "deployer") && !strcmp(s->folder_id, emu_demo_folder_id())) {
			snprintf(emu->sa_id, sizeof(emu->sa_id), "%s", s->id);
			return;
		}
	}
}

int emu_world_init(struct emu *emu, bool use_state, struct yc_error *err)
{
	bool loaded = false;
	if (use_state && emu->state_file && emu_state_load(emu, emu->state_file, &loaded, err))
		return -1;
	if (!loaded) {
		emu->w = emu_world_new((uint64_t)emu->opt.seed * 2654435761u + 1);
		if (!emu->w || emu_world_seed(emu->w) ||
		    (emu->opt.generate > 0 && emu_world_generate(emu->w, emu->opt.generate))) {
			emu_world_free(emu->w);
			emu->w = NULL;
			emu_err(err, YC_ERR_NOMEM, "out of memory while making the demo world",
				"не хватило памяти на демо-мир");
			return -1;
		}
	}
	pick_key_owner(emu);
	return 0;
}
