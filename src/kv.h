/* kv.h — an ordered set of named counters ("MemFree" -> 123), looked up by name in O(1).
 *
 * Used for every "name value" file (/proc/meminfo, /proc/vmstat, zoneinfo item lists): parsers keep every
 * field the kernel printed, in file order, and views ask for the ones they know by name. */
#ifndef ZS_KV_H
#define ZS_KV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kv_entry {
	uint32_t name_off;   /* offset of the NUL-terminated name in kvset.names */
	uint32_t hash;
	int64_t value;       /* signed: some zoneinfo items can be negative; meminfo/vmstat are >= 0 */
};

struct kvset {
	struct kv_entry *e;
	size_t n, cap;
	char *names;
	size_t names_len, names_cap;
	int32_t *slot;       /* open-addressing index into e[], -1 empty */
	size_t nslot;        /* power of two, >= 2 * n */
};

void kv_init(struct kvset *kv);
void kv_free(struct kvset *kv);
/* Forget all entries, keep the memory for the next parse. */
void kv_clear(struct kvset *kv);
/* Add or overwrite name (len bytes, need not be NUL-terminated). */
void kv_put(struct kvset *kv, const char *name, size_t len, int64_t value);
/* Add value to an entry (created at 0 when missing). */
void kv_add(struct kvset *kv, const char *name, int64_t value);
/* Lookup; false when absent. */
bool kv_get(const struct kvset *kv, const char *name, int64_t *value);
/* Lookup, 0 when absent. */
int64_t kv_val(const struct kvset *kv, const char *name);
bool kv_has(const struct kvset *kv, const char *name);
size_t kv_count(const struct kvset *kv);
const char *kv_name(const struct kvset *kv, size_t i);
int64_t kv_value(const struct kvset *kv, size_t i);
void kv_copy(struct kvset *dst, const struct kvset *src);

#endif
