/* fuzz-kv.c — the kvset against a plain model: the input is a list of operations (put, add, get, clear,
 * copy) on short names; after each one the set must hold the model's entries in the model's order, and
 * every lookup must agree with it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kv.h"

const char fuzz_name[] = "kv";

#define MODEL_MAX 4096

struct model {
	char name[MODEL_MAX][9];
	int64_t value[MODEL_MAX];
	size_t n;
};

static long find(const struct model *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->name[i], name) == 0)
			return (long)i;
	return -1;
}

static void agree(const struct kvset *kv, const struct model *m)
{
	FZ_CHECK(kv_count(kv) == m->n, "%zu entries, model %zu", kv_count(kv), m->n);
	for (size_t i = 0; i < m->n; i++) {
		int64_t v;

		FZ_CHECK(strcmp(kv_name(kv, i), m->name[i]) == 0 && kv_value(kv, i) == m->value[i],
			 "entry %zu: %s=%lld, model %s=%lld", i, kv_name(kv, i), (long long)kv_value(kv, i), m->name[i],
			 (long long)m->value[i]);
		FZ_CHECK(kv_get(kv, m->name[i], &v) && v == m->value[i], "lookup of %s", m->name[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct model m;
	struct kvset kv, cp;
	size_t i = 0;

	kv_init(&kv);
	kv_init(&cp);
	m.n = 0;
	fz_quiet_begin();
	/* op byte, name length byte (1…8 bytes of name), 2 value bytes */
	while (i + 2 <= size) {
		unsigned op = data[i] % 5, nl = 1 + data[i + 1] % 8;
		char name[9];
		int64_t v;
		long at;

		i += 2;
		if (i + nl + 2 > size)
			break;
		/* names from a small alphabet so that they repeat */
		for (unsigned k = 0; k < nl; k++)
			name[k] = (char)('a' + data[i + k] % 4);
		name[nl] = '\0';
		i += nl;
		v = (int16_t)(data[i] | data[i + 1] << 8);
		i += 2;
		at = find(&m, name);
		switch (op) {
		case 0: /* put */
		case 1: /* add */
			if (at < 0) {
				if (m.n == MODEL_MAX)
					goto done;
				at = (long)m.n++;
				memcpy(m.name[at], name, nl + 1);
				m.value[at] = 0;
			}
			if (op == 0) {
				m.value[at] = v;
				kv_put(&kv, name, nl, v);
			} else {
				m.value[at] += v;
				kv_add(&kv, name, v);
			}
			break;
		case 2: /* get */
			FZ_CHECK(kv_has(&kv, name) == (at >= 0), "kv_has(%s)", name);
			FZ_CHECK(kv_val(&kv, name) == (at >= 0 ? m.value[at] : 0), "kv_val(%s)", name);
			break;
		case 3: /* clear: the memory is kept, nothing else */
			if (v & 1) {
				kv_clear(&kv);
				m.n = 0;
			}
			break;
		default: /* copy into a set that held something else, and use the copy from now on */
			kv_put(&cp, "zz-old", 6, 1);
			kv_copy(&cp, &kv);
			agree(&cp, &m);
			break;
		}
		agree(&kv, &m);
	}
done:
	fz_quiet_end("kv");
	kv_free(&kv);
	kv_free(&cp);
	return 0;
}
