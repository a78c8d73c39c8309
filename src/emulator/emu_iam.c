/* emu_iam.c — IAM: the token exchange (OAuth or a PS256 JWT -> an IAM token that expires) and
 * service accounts; Resource Manager: clouds and folders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "emulator/emu_internal.h"

static const char tok_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* "t1.9euelZ..." like real IAM tokens: long, opaque, base64url, and from OpenSSL's random
 * source rather than the seeded one, so that no token outlives a reset or a restart. */
static void issue_token(struct emu *emu, const char *subject, char *out, size_t n, char expires[40])
{
	unsigned char rnd[200];
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		for (size_t i = 0; i < sizeof(rnd); i++)
			rnd[i] = (unsigned char)emu_rand(&emu->w->rng);
	size_t k = (size_t)snprintf(out, n, "t1.9euelZ");
	for (; k + 1 < n && k < 200; k++) {
		if (k == 130)
			out[k] = '.';
		else
			out[k] = tok_alphabet[rnd[k] & 63];
	}
	out[k] = '\0';
	struct emu_token *t = calloc(1, sizeof(*t));
	if (!t)
		return;
	t->expires_ms = emu_now_ms() + emu->token_ttl_s * 1000;
	snprintf(t->subject, sizeof(t->subject), "%s", subject);
	if (emu_vec_push(&emu->w->tokens_owned, t)) {
		free(t);
		return;
	}
	emu_map_put(&emu->w->tokens, out, t);
	emu_rfc3339(t->expires_ms, expires);
	emu->n_tokens_issued++;
}

void emu_h_iam_token(struct emu_req *r, struct emu_resp *resp)
{
	cJSON *body = emu_json_parse_body(r, resp);
	if (!body)
		return;
	const cJSON *oauth = cJSON_GetObjectItemCaseSensitive(body, "yandexPassportOauthToken");
	const cJSON *jwt = cJSON_GetObjectItemCaseSensitive(body, "jwt");
	char subject[EMU_ID_LEN + 1] = "";
	if (cJSON_IsString(oauth) && !jwt) {
		if (strcmp(oauth->valuestring, emu_demo_oauth_token())) {
			emu_resp_status(resp, r, 16, NULL, "Token is invalid or has expired.");
			goto out;
		}
		/* the demo user: a passport account id looks like ajX... */
		snprintf(subject, sizeof(subject), "ajedemo0user0ycfn001");
	} else if (cJSON_IsString(jwt) && !oauth) {
		const char *why = NULL;
		if (emu_jwt_verify(r->emu, jwt->valuestring, subject, sizeof(subject), &why)) {
			emu_resp_status(resp, r, 16, NULL, "Invalid JWT: %s", why);
			goto out;
		}
	} else {
		emu_resp_status(resp, r, 3, "identity",
				"Illegal argument identity: exactly one of yandexPassportOauthToken or jwt is required");
		goto out;
	}
	char token[256], expires[40];
	issue_token(r->emu, subject, token, sizeof(token), expires);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "iamToken", token);
	cJSON_AddStringToObject(o, "expiresAt", expires);
	emu_resp_json(resp, 200, o);
out:
	cJSON_Delete(body);
}

/* The VM metadata service's token for the VM's service account (the seeded one), as Yandex Cloud
 * documents it: GET only with Metadata-Flavor: Google (else 403, as the real one refuses),
 * {"access_token","expires_in","token_type":"Bearer"}; the token works like any we issue. */
void emu_h_metadata_token(struct emu_req *r, struct emu_resp *resp)
{
	const char *flavor = emu_req_header(r, "Metadata-Flavor");
	if (!flavor || strcmp(flavor, "Google")) {
		emu_resp_text(resp, 403, "text/plain", "Missing Metadata-Flavor:Google header.\n");
		return;
	}
	char token[256], expires[40];
	issue_token(r->emu, r->emu->sa_id, token, sizeof(token), expires);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "access_token", token);
	cJSON_AddNumberToObject(o, "expires_in", (double)r->emu->token_ttl_s);
	cJSON_AddStringToObject(o, "token_type", "Bearer");
	emu_resp_header(resp, "Metadata-Flavor", "Google");
	emu_resp_json(resp, 200, o);
}

/* Lists items [start, ...) of vec whose folder/cloud field equals `owner`, one page. The token
 * is the index in vec to resume from, so that every page costs only what it returns. */
typedef const char *(*owner_of)(const void *item);
typedef cJSON *(*to_json)(const struct emu *emu, const void *item);

static void list_page(struct emu_req *r, struct emu_resp *resp, const struct emu_vec *vec, const char *owner,
		      owner_of get_owner, to_json conv, const char *key, size_t max)
{
	size_t size, start;
	if (!emu_page_params(r, resp, max, &size, &start))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, key);
	size_t got = 0, i = start;
	for (; i < vec->n && got < size; i++) {
		if (owner && strcmp(get_owner(vec->items[i]), owner))
			continue;
		cJSON_AddItemToArray(arr, conv(r->emu, vec->items[i]));
		got++;
	}
	while (i < vec->n && owner && strcmp(get_owner(vec->items[i]), owner))
		i++; /* so that the last page says so: no token when nothing follows */
	if (i < vec->n) {
		char tok[32];
		emu_page_token(i, tok);
		cJSON_AddStringToObject(o, "nextPageToken", tok);
	}
	emu_resp_json(resp, 200, o);
}

static const char *sa_owner(const void *p) { return ((const struct emu_sa *)p)->folder_id; }
static cJSON *sa_json(const struct emu *emu, const void *p)
{
	(void)emu;
	return emu_json_sa(p);
}

static bool need_param(struct emu_req *r, struct emu_resp *resp, const char *name, const char *field,
		       const char **out)
{
	*out = emu_req_query(r, name);
	if (!*out || !**out) {
		emu_resp_status(resp, r, 3, field, "Illegal argument %s: required", field);
		return false;
	}
	return true;
}

void emu_h_sa_list(struct emu_req *r, struct emu_resp *resp)
{
	const char *folder;
	if (!emu_require_token(r, resp) || !need_param(r, resp, "folderId", "folder_id", &folder))
		return;
	list_page(r, resp, &r->emu->w->sas, folder, sa_owner, sa_json, "serviceAccounts", EMU_PAGE_MAX);
}

void emu_h_sa_get(struct emu_req *r, struct emu_resp *resp)
{
	if (!emu_require_token(r, resp))
		return;
	const struct emu_sa *s = emu_map_get(&r->emu->w->sa_by_id, r->params[0]);
	if (!s) {
		emu_resp_status(resp, r, 5, NULL, "Service account %s not found", r->params[0]);
		return;
	}
	emu_resp_json(resp, 200, emu_json_sa(s));
}

static cJSON *cloud_json(const struct emu *emu, const void *p)
{
	(void)emu;
	const struct emu_cloud *c = p;
	cJSON *o = emu_json_resource(c->id, NULL, NULL, c->created_at, c->name, c->description);
	cJSON_AddStringToObject(o, "organizationId", "bpfdemo0org0ycfn0001");
	return o;
}

static const char *folder_owner(const void *p) { return ((const struct emu_folder *)p)->cloud_id; }
static cJSON *folder_json(const struct emu *emu, const void *p)
{
	(void)emu;
	const struct emu_folder *f = p;
	cJSON *o = emu_json_resource(f->id, "cloudId", f->cloud_id, f->created_at, f->name, f->description);
	cJSON_AddStringToObject(o, "status", "ACTIVE");
	return o;
}

void emu_h_clouds(struct emu_req *r, struct emu_resp *resp)
{
	if (emu_require_token(r, resp))
		list_page(r, resp, &r->emu->w->clouds, NULL, NULL, cloud_json, "clouds", EMU_PAGE_MAX);
}

void emu_h_folders(struct emu_req *r, struct emu_resp *resp)
{
	const char *cloud;
	if (!emu_require_token(r, resp) || !need_param(r, resp, "cloudId", "cloud_id", &cloud))
		return;
	list_page(r, resp, &r->emu->w->folders, cloud, folder_owner, folder_json, "folders", EMU_PAGE_MAX);
}

static void get_by_id(struct emu_req *r, struct emu_resp *resp, const struct emu_vec *vec, to_json conv,
		      const char *what)
{
	if (!emu_require_token(r, resp))
		return;
	for (size_t i = 0; i < vec->n; i++) {
		/* clouds and folders both start with their id */
		if (!strcmp((const char *)vec->items[i], r->params[0])) {
			emu_resp_json(resp, 200, conv(r->emu, vec->items[i]));
			return;
		}
	}
	emu_resp_status(resp, r, 5, NULL, "%s %s not found", what, r->params[0]);
}

void emu_h_cloud_get(struct emu_req *r, struct emu_resp *resp)
{
	get_by_id(r, resp, &r->emu->w->clouds, cloud_json, "Cloud");
}

void emu_h_folder_get(struct emu_req *r, struct emu_resp *resp)
{
	get_by_id(r, resp, &r->emu->w->folders, folder_json, "Folder");
}
