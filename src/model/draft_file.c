/* draft_file.c — the draft on disk, so that nothing typed is lost: written atomically with
 * mode 0600, read back without trusting a byte of it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/internal.h"

#define DRAFT_FILE_MAX (1024 * 1024)
#define DRAFT_FORMAT 1

static int io_fail(struct yc_error *err, const char *path, const char *ru, const char *en)
{
	char r[256], e[256];
	snprintf(r, sizeof r, "%s: %s", ru, strerror(errno));
	snprintf(e, sizeof e, "%s: %s", en, strerror(errno));
	yc_error_set(err, YC_ERR_IO, path, r, e, "Проверьте права и место на диске", "Check permissions and free space");
	return -1;
}

static bool id_ok(const char *id)
{
	if (!id || !*id || strlen(id) > 64)
		return false;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return false;
	return true;
}

char *model_draft_path(const char *function_id)
{
	/* The id becomes a file name: anything but [A-Za-z0-9_-] could walk out of the directory. */
	if (!id_ok(function_id))
		return NULL;
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct sbuf b = {0};
	if (state && state[0] == '/')
		sbuf_addf(&b, "%s/ycfn/drafts/%s.json", state, function_id);
	else if (home && home[0] == '/')
		sbuf_addf(&b, "%s/.local/state/ycfn/drafts/%s.json", home, function_id);
	else
		return NULL;
	return sbuf_finish(&b);
}

/* mkdir -p of the directory part of path, private to the user. */
static int make_parent_dirs(const char *path)
{
	char *dir = strdup(path);
	if (!dir)
		return -1;
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; rc == 0; p++) {
			if (*p != '/' && *p != '\0')
				continue;
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) < 0 && errno != EEXIST)
				rc = -1;
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return rc;
}

static cJSON *draft_to_json(const struct yc_draft *d)
{
	cJSON *o = cJSON_CreateObject(), *v = NULL, *g = NULL;
	bool ok = o && cJSON_AddNumberToObject(o, "format", DRAFT_FORMAT);
	if (ok && d->function_id)
		ok = cJSON_AddStringToObject(o, "functionId", d->function_id);
	if (ok && d->folder_id)
		ok = cJSON_AddStringToObject(o, "folderId", d->folder_id);
	if (ok && d->base_version_id)
		ok = cJSON_AddStringToObject(o, "baseVersionId", d->base_version_id);
	ok = ok && (v = cJSON_AddObjectToObject(o, "values")) && (g = cJSON_AddObjectToObject(o, "orig"));
	for (int i = 0; ok && i < YC_F__COUNT; i++)
		ok = cJSON_AddStringToObject(v, model_fields[i].key, d->value[i] ? d->value[i] : "") &&
		     cJSON_AddStringToObject(g, model_fields[i].key, d->orig[i] ? d->orig[i] : "");
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int model_draft_save(const struct yc_draft *d, const char *path, struct yc_error *err)
{
	cJSON *j = draft_to_json(d);
	char *text = j ? cJSON_Print(j) : NULL;
	cJSON_Delete(j);
	if (!text) {
		yc_error_set(err, YC_ERR_NOMEM, path, "Не хватает памяти", "Out of memory", NULL, NULL);
		return -1;
	}
	struct sbuf tmp = {0};
	sbuf_addf(&tmp, "%s.XXXXXX", path);
	char *tpath = sbuf_finish(&tmp);
	int rc = -1, fd = -1;
	if (!tpath || make_parent_dirs(path) < 0) {
		io_fail(err, path, "Не удалось создать каталог черновика", "Could not create the draft's directory");
		goto out;
	}
	/* mkstemp makes the file 0600 already; the temp file + rename means a crash mid-write
	 * leaves the old draft whole. */
	if ((fd = mkstemp(tpath)) < 0) {
		io_fail(err, path, "Не удалось записать черновик", "Could not write the draft");
		goto out;
	}
	if (fchmod(fd, 0600) < 0 || write_all(fd, text, strlen(text)) < 0 || write_all(fd, "\n", 1) < 0 ||
	    fsync(fd) < 0) {
		io_fail(err, path, "Не удалось записать черновик", "Could not write the draft");
		close(fd);
		unlink(tpath);
		goto out;
	}
	if (close(fd) < 0 || rename(tpath, path) < 0) {
		io_fail(err, path, "Не удалось сохранить черновик", "Could not save the draft");
		unlink(tpath);
		goto out;
	}
	rc = 0;
out:
	free(tpath);
	free(text);
	return rc;
}

char *model_read_fd(int fd, size_t size, size_t *got)
{
	char *b = malloc(size + 1);
	size_t n = 0;
	while (b && n < size) {
		ssize_t k = read(fd, b + n, size - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	if (b)
		b[n] = '\0';
	*got = n;
	return b;
}

static int read_capped(const char *path, char **buf, size_t *len, struct yc_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return io_fail(err, path, "Не удалось открыть черновик", "Could not open the draft");
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > DRAFT_FILE_MAX) {
		close(fd);
		yc_error_set(err, YC_ERR_PARSE, path, "Файл черновика повреждён или слишком большой",
			     "The draft file is damaged or too large", "Удалите файл, чтобы начать заново",
			     "Delete the file to start afresh");
		return -1;
	}
	size_t n = 0;
	char *b = model_read_fd(fd, (size_t)st.st_size, &n);
	close(fd);
	if (!b)
		return io_fail(err, path, "Не хватает памяти", "Out of memory");
	*buf = b;
	*len = n;
	return 0;
}

static int draft_from_json(struct yc_draft *d, const cJSON *o, struct yc_error *err)
{
	const cJSON *v, *g;
	int64_t format = 0;
	if (mj_int64(o, "format", 0, 1000, &format, err) < 0)
		return -1;
	if (format != DRAFT_FORMAT) {
		mj_fail(err, "format", "Черновик другой версии программы", "The draft is from another version of ycfn");
		return -1;
	}
	if (mj_str(o, "functionId", false, &d->function_id, err) || mj_str(o, "folderId", false, &d->folder_id, err) ||
	    mj_str(o, "baseVersionId", false, &d->base_version_id, err) || mj_object(o, "values", &v, err) ||
	    mj_object(o, "orig", &g, err))
		return -1;
	for (int i = 0; i < YC_F__COUNT; i++) {
		const char *k = model_fields[i].key;
		if (mj_str(v, k, false, &d->value[i], err) < 0) {
			mj_prefix(err, "values", -1);
			return -1;
		}
		if (mj_str(g, k, false, &d->orig[i], err) < 0) {
			mj_prefix(err, "orig", -1);
			return -1;
		}
		/* A field this draft did not know (an older file) starts unchanged and empty. */
		if (!d->value[i] && !(d->value[i] = strdup(d->orig[i] ? d->orig[i] : "")))
			return -1;
		if (!d->orig[i] && !(d->orig[i] = strdup("")))
			return -1;
	}
	return 0;
}

int model_draft_load(struct yc_draft *d, const char *path, struct yc_error *err)
{
	memset(d, 0, sizeof *d);
	char *buf = NULL;
	size_t len = 0;
	cJSON *j = NULL;
	if (read_capped(path, &buf, &len, err) < 0)
		return -1;
	int rc = model_json_parse(buf, len, &j, err);
	free(buf);
	if (rc == 0 && draft_from_json(d, j, err) < 0)
		rc = -1;
	cJSON_Delete(j);
	if (rc < 0) {
		model_draft_free(d);
		if (err && err->kind == YC_ERR_PARSE) {
			char field[sizeof err->field];
			mj_prefix(err, "draft", -1);
			memcpy(field, err->field, sizeof field);
			yc_error_set(err, YC_ERR_PARSE, field, "Файл черновика повреждён", "The draft file is damaged",
				     "Удалите файл, чтобы начать заново", "Delete the file to start afresh");
		}
	}
	return rc;
}
