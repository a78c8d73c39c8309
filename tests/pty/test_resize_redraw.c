/* test_resize_redraw.c — ui.md "resizing never loses state" and "never draws garbage": 300 random
 * resizes (1x1 to 300x100) of `ycfn --demo` on its first screen, then back to 80x24: the screen
 * must read exactly as before. A terminal keeps (and on shrinking, scrolls) its old content on a
 * resize; a program that repaints only what it thinks changed leaves stale pieces behind.
 * Usage: pty_resize_redraw <path of ycfn> */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reliability.h"

enum { RESIZES = 300 };

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <ycfn>\n", argv[0]);
		return 2;
	}
	struct rel_home h;
	if (!rel_home_init(&h, NULL))
		return 1;
	const char *args[] = {"--demo", NULL};
	struct pty_term *t = rel_start(argv[1], args, &h, 80, 24);
	int rc = 1;
	char *before = NULL, *after = NULL;
	if (!t || !rel_wait_drawn(t, 30000)) {
		fprintf(stderr, "pty_ycfn_resize_redraws: ycfn --demo never drew its first screen\n");
		goto out;
	}
	before = pty_screen(t);
	unsigned long long rng = 88172645463325252ULL;
	for (int i = 0; i < RESIZES; i++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		pty_resize(t, 1 + (int)(rng % 300), 1 + (int)((rng >> 20) % 100));
		pty_pump(t, 0);
	}
	/* 81x25 first: the kernel signals no resize when the size does not change. */
	pty_resize(t, 81, 25);
	pty_wait_quiet(t, 300, 20000);
	pty_resize(t, 80, 24);
	pty_wait_quiet(t, 300, 20000);
	after = pty_screen(t);
	if (!pty_running(t) || rel_sanitizer_report(t)) {
		fprintf(stderr, "pty_ycfn_resize_redraws: ycfn ended or reported an error\n");
		rel_dump(t, "after the resizes");
	} else if (!before || !after || strcmp(before, after) != 0) {
		fprintf(stderr, "pty_ycfn_resize_redraws: FAIL: the screen differs after %d resizes and back to 80x24 "
				"(stale cells not repainted)\n---- before:\n%s\n---- after:\n%s\n----\n",
			RESIZES, before ? before : "", after ? after : "");
	} else {
		printf("pty_ycfn_resize_redraws: ok, the same screen after %d resizes\n", RESIZES);
		rc = 0;
	}
out:
	free(before);
	free(after);
	pty_close(t);
	rel_home_cleanup(&h);
	return rc;
}
