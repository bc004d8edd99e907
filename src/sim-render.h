/* sim-render.h — the simulator's /proc and /sys texts, in the formats of a chosen kernel version. */
#ifndef ZS_SIM_RENDER_H
#define ZS_SIM_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim.h"
#include "snapshot.h"

/* A growing text buffer. */
struct sbuf {
	char *b;
	size_t len, cap;
};
void sbuf_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_reset(struct sbuf *sb);
void sbuf_free(struct sbuf *sb);

/* Node-level values the kernel keeps per node (pages unless the name says kB). */
enum sim_node_val {
	NV_INACTIVE_ANON, NV_ACTIVE_ANON, NV_INACTIVE_FILE, NV_ACTIVE_FILE, NV_UNEVICTABLE, NV_ANON_PAGES,
	NV_FILE_PAGES, NV_MAPPED, NV_DIRTY, NV_WRITEBACK, NV_SHMEM, NV_SLAB_RECLAIMABLE,
	NV_SLAB_UNRECLAIMABLE, NV_KERNEL_STACK_KB, NV_PAGE_TABLES, NV_MLOCK, NV_FREE, NV_ANON_THP
};
/* Reported (drifting) value of a node, or of all nodes with node -1. */
int64_t sim_node_value(const struct sim *s, int node, enum sim_node_val v);

/* Item names and the versions that print them (sim-render-zoneinfo.c). */
struct sim_item_def {
	const char *name;
	uint32_t since, until;   /* first and last version printing it (0: no bound) */
};
bool sim_item_in_era(const struct sim_item_def *it, uint32_t kver);
extern const struct sim_item_def sim_node_items[], sim_zone_items[], sim_old_zone_items[];
extern const size_t sim_nnode_items, sim_nzone_items, sim_nold_zone_items;
extern const char *const sim_numa_items[6];
int64_t sim_node_item(const struct sim *s, const struct sim_node *n, const char *name);
int64_t sim_zone_item(const struct sim *s, const struct sim_node *n, const struct sim_zone *z,
		      const char *name);

void sim_render_zoneinfo(const struct sim *s, uint32_t kver, struct sbuf *sb);
void sim_render_buddyinfo(const struct sim *s, struct sbuf *sb);
void sim_render_vmstat(const struct sim *s, uint32_t kver, struct sbuf *sb);
/* node -1: /proc/meminfo; else devices/system/node/nodeN/meminfo ("Node N " prefixed) */
void sim_render_meminfo(const struct sim *s, uint32_t kver, int node, struct sbuf *sb);
void sim_render_node_vmstat(const struct sim *s, int node, struct sbuf *sb);

/* Render every wanted file into the snapshot (files the simulated kernel would not have are ENOENT). */
void sim_render(const struct sim *s, uint32_t kver, snap_mask want, struct snapshot *out, struct sbuf *tmp);

#endif
