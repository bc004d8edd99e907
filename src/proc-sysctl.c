/* proc-sysctl.c — the sysctls the kernel formulas read (/proc/sys/vm/…) and THP's mode.
 *
 * Each file holds one number, except lowmem_reserve_ratio (one per zone, their count varies with the
 * kernel and its configuration) and transparent_hugepage/enabled ("always [madvise] never"). */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "proc.h"

struct sysctl_file {
	enum snap_file id;
	size_t off;   /* offset of the int64_t in struct sysctls */
};

static const struct sysctl_file single[] = {
	{ SNAP_SYSCTL_MIN_FREE_KBYTES, offsetof(struct sysctls, min_free_kbytes) },
	{ SNAP_SYSCTL_WATERMARK_SCALE_FACTOR, offsetof(struct sysctls, watermark_scale_factor) },
	{ SNAP_SYSCTL_WATERMARK_BOOST_FACTOR, offsetof(struct sysctls, watermark_boost_factor) },
	{ SNAP_SYSCTL_PERCPU_PAGELIST_HIGH_FRACTION, offsetof(struct sysctls, percpu_pagelist_high_fraction) },
	{ SNAP_SYSCTL_PERCPU_PAGELIST_FRACTION, offsetof(struct sysctls, percpu_pagelist_fraction) },
	{ SNAP_SYSCTL_SWAPPINESS, offsetof(struct sysctls, swappiness) },
	{ SNAP_SYSCTL_STAT_INTERVAL, offsetof(struct sysctls, stat_interval) },
	{ SNAP_SYSCTL_EXTFRAG_THRESHOLD, offsetof(struct sysctls, extfrag_threshold) },
	{ SNAP_SYSCTL_OVERCOMMIT_MEMORY, offsetof(struct sysctls, overcommit_memory) },
	{ SNAP_SYSCTL_DEFRAG_MODE, offsetof(struct sysctls, defrag_mode) },
};

/* One number and nothing but blanks after it. */
static bool one_number(const char *t, int64_t *v)
{
	const char *s = t;

	if (!zs_parse_i64(&s, v))
		return false;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

static bool ratio_list(const char *t, struct sysctls *sys)
{
	const char *s = t;
	int64_t v;

	sys->nlowmem_reserve_ratio = 0;
	while (zs_parse_i64(&s, &v)) {
		if (sys->nlowmem_reserve_ratio < (int)ZS_ARRAY_LEN(sys->lowmem_reserve_ratio))
			sys->lowmem_reserve_ratio[sys->nlowmem_reserve_ratio++] = v;
	}
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0' && sys->nlowmem_reserve_ratio > 0;
}

/* "always [madvise] never" -> 1; the bracketed word is the mode in force. */
static int thp_mode(const char *t)
{
	const char *b = strchr(t, '[');

	if (!b)
		return -1;
	if (strncmp(b, "[always]", 8) == 0)
		return 2;
	if (strncmp(b, "[madvise]", 9) == 0)
		return 1;
	if (strncmp(b, "[never]", 7) == 0)
		return 0;
	return -1;
}

int proc_sysctl_parse(struct sysctls *sys, const struct snapshot *snap, struct zs_err *e)
{
	int nread = 0, bad = -1;
	const char *t;
	size_t len;

	for (size_t i = 0; i < ZS_ARRAY_LEN(single); i++) {
		int64_t *dst = (int64_t *)(void *)((char *)sys + single[i].off);

		*dst = -1;
		if (!(t = snapshot_text(snap, single[i].id, &len)))
			continue;
		nread++;
		if (!one_number(t, dst)) {
			*dst = -1;
			if (bad < 0)
				bad = (int)single[i].id;
		}
	}
	sys->nlowmem_reserve_ratio = 0;
	if ((t = snapshot_text(snap, SNAP_SYSCTL_LOWMEM_RESERVE_RATIO, &len))) {
		nread++;
		if (!ratio_list(t, sys)) {
			sys->nlowmem_reserve_ratio = 0;
			if (bad < 0)
				bad = SNAP_SYSCTL_LOWMEM_RESERVE_RATIO;
		}
	}
	sys->thp_enabled = -1;
	if ((t = snapshot_text(snap, SNAP_THP_ENABLED, &len))) {
		nread++;
		if ((sys->thp_enabled = thp_mode(t)) < 0 && bad < 0)
			bad = SNAP_THP_ENABLED;
	}
	if (bad >= 0) {
		zs_err_set(e, 0, "%s: not a value this kernel writes", snap_file_path[bad]);
		return -1;
	}
	if (nread == 0) {
		zs_err_set(e, 0, "sys/vm: no sysctl file could be read");
		return -1;
	}
	return 0;
}
