/* emu_router.c — one table: method and path pattern -> handler. The pattern is also the name
 * a route has in /_emu/stats. Auth is each handler's business (tokens and SQS have their own). */
#include <stdio.h>
#include <string.h>

#include "emulator/emu_internal.h"

struct route {
	const char *method; /* NULL = any */
	const char *pattern;
	emu_handler_fn handler;
};

/* Order matters: the first match wins, so fixed paths come before {id}. */
static const struct route routes[] = {
	{"POST", "/iam/v1/tokens", emu_h_iam_token},
	{"GET", "/computeMetadata/v1/instance/service-accounts/default/token", emu_h_metadata_token},
	{"GET", "/iam/v1/serviceAccounts", emu_h_sa_list},
	{"GET", "/iam/v1/serviceAccounts/{id}", emu_h_sa_get},
	{"GET", "/resource-manager/v1/clouds", emu_h_clouds},
	{"GET", "/resource-manager/v1/clouds/{id}", emu_h_cloud_get},
	{"GET", "/resource-manager/v1/folders", emu_h_folders},
	{"GET", "/resource-manager/v1/folders/{id}", emu_h_folder_get},
	{"GET", "/functions/v1/functions", emu_h_functions},
	{"GET", "/functions/v1/functions/{id}", emu_h_function_get},
	{"GET", "/functions/v1/versions", emu_h_versions},
	{"POST", "/functions/v1/versions", emu_h_create_version},
	{"GET", "/functions/v1/versions:byTag", emu_h_version_by_tag},
	{"GET", "/functions/v1/versions/{id}", emu_h_version_get},
	{"GET", "/functions/v1/runtimes", emu_h_runtimes},
	{"GET", "/operations/{id}", emu_h_operation_get},
	{"POST", "/", emu_h_sqs},
	{"POST", "/{folder}/{queue}/{name}", emu_h_sqs},
	{NULL, "/{functionId}", emu_h_invoke},
};

/* Matches path against pattern segment by segment; {x} takes one non-empty segment. */
static bool match(const char *pattern, const char *path, struct emu_req *r)
{
	int np = 0;
	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return false;
		pattern++;
		path++;
		size_t pl = strcspn(pattern, "/"), sl = strcspn(path, "/");
		if (pattern[0] == '{') {
			if (sl == 0 || sl >= sizeof(r->params[0]) || np >= 4)
				return false;
			memcpy(r->params[np], path, sl);
			r->params[np][sl] = '\0';
			np++;
		} else if (pl != sl || strncmp(pattern, path, pl)) {
			return false;
		}
		pattern += pl;
		path += sl;
	}
	if (*pattern || *path)
		return false;
	r->nparams = np;
	return true;
}

void emu_route_name(struct emu_req *r)
{
	r->handler = NULL;
	if (!strncmp(r->path, "/_emu", 5)) {
		snprintf(r->route, sizeof(r->route), "%s %s", r->method, r->path);
		return;
	}
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (routes[i].method && strcmp(routes[i].method, r->method))
			continue;
		if (!match(routes[i].pattern, r->path, r))
			continue;
		snprintf(r->route, sizeof(r->route), "%s %s", r->method, routes[i].pattern);
		r->handler = routes[i].handler;
		r->is_sqs = routes[i].handler == emu_h_sqs;
		return;
	}
	snprintf(r->route, sizeof(r->route), "%s (unknown)", r->method);
}

void emu_route(struct emu_req *r, struct emu_resp *resp)
{
	if (!r->handler) {
		emu_resp_status(resp, r, 5, NULL, "Not found: %s %s", r->method, r->path);
		return;
	}
	r->handler(r, resp);
}
