/* kv.c — ordered named counters with a hash index. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kv.h"
#include "util.h"

static uint32_t kv_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void kv_init(struct kvset *kv)
{
	memset(kv, 0, sizeof *kv);
}

void kv_free(struct kvset *kv)
{
	free(kv->e);
	free(kv->names);
	free(kv->slot);
	kv_init(kv);
}

void kv_clear(struct kvset *kv)
{
	kv->n = 0;
	kv->names_len = 0;
	if (kv->slot)
		memset(kv->slot, 0xff, kv->nslot * sizeof *kv->slot);
}

static void kv_rehash(struct kvset *kv, size_t want)
{
	size_t ns = 64;

	while (ns < want * 2)
		ns *= 2;
	free(kv->slot);
	kv->slot = xmalloc(ns * sizeof *kv->slot);
	memset(kv->slot, 0xff, ns * sizeof *kv->slot);
	kv->nslot = ns;
	for (size_t i = 0; i < kv->n; i++) {
		size_t j = kv->e[i].hash & (ns - 1);

		while (kv->slot[j] >= 0)
			j = (j + 1) & (ns - 1);
		kv->slot[j] = (int32_t)i;
	}
}

static int32_t kv_find(const struct kvset *kv, const char *name, size_t len, uint32_t h)
{
	if (!kv->nslot)
		return -1;
	for (size_t j = h & (kv->nslot - 1);; j = (j + 1) & (kv->nslot - 1)) {
		int32_t i = kv->slot[j];

		if (i < 0)
			return -1;
		if (kv->e[i].hash == h) {
			const char *n = kv->names + kv->e[i].name_off;

			if (strncmp(n, name, len) == 0 && n[len] == '\0')
				return i;
		}
	}
}

void kv_put(struct kvset *kv, const char *name, size_t len, int64_t value)
{
	uint32_t h = kv_hash(name, len);
	int32_t i = kv_find(kv, name, len, h);
	size_t j;

	if (i >= 0) {
		kv->e[i].value = value;
		return;
	}
	if ((kv->n + 1) * 2 > kv->nslot)
		kv_rehash(kv, kv->n + 1);
	xgrow((void **)&kv->e, &kv->cap, kv->n + 1, sizeof *kv->e);
	xgrow((void **)&kv->names, &kv->names_cap, kv->names_len + len + 1, 1);
	memcpy(kv->names + kv->names_len, name, len);
	kv->names[kv->names_len + len] = '\0';
	kv->e[kv->n].name_off = (uint32_t)kv->names_len;
	kv->e[kv->n].hash = h;
	kv->e[kv->n].value = value;
	kv->names_len += len + 1;
	for (j = h & (kv->nslot - 1); kv->slot[j] >= 0; j = (j + 1) & (kv->nslot - 1))
		;
	kv->slot[j] = (int32_t)kv->n;
	kv->n++;
}

void kv_add(struct kvset *kv, const char *name, int64_t value)
{
	size_t len = strlen(name);
	int32_t i = kv_find(kv, name, len, kv_hash(name, len));

	if (i >= 0)
		kv->e[i].value += value;
	else
		kv_put(kv, name, len, value);
}

bool kv_get(const struct kvset *kv, const char *name, int64_t *value)
{
	size_t len = strlen(name);
	int32_t i = kv_find(kv, name, len, kv_hash(name, len));

	if (i < 0)
		return false;
	if (value)
		*value = kv->e[i].value;
	return true;
}

int64_t kv_val(const struct kvset *kv, const char *name)
{
	int64_t v = 0;

	kv_get(kv, name, &v);
	return v;
}

bool kv_has(const struct kvset *kv, const char *name)
{
	return kv_get(kv, name, NULL);
}

size_t kv_count(const struct kvset *kv)
{
	return kv->n;
}

const char *kv_name(const struct kvset *kv, size_t i)
{
	return kv->names + kv->e[i].name_off;
}

int64_t kv_value(const struct kvset *kv, size_t i)
{
	return kv->e[i].value;
}

void kv_copy(struct kvset *dst, const struct kvset *src)
{
	kv_clear(dst);
	for (size_t i = 0; i < src->n; i++) {
		const char *n = kv_name(src, i);

		kv_put(dst, n, strlen(n), src->e[i].value);
	}
}
