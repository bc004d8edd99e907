/* sim-scenario.c — scenario files (zonestat-scenario(5)): an INI file read with libinih; [machine], optional
 * [zone NODE NAME] sections, then [phase NAME] sections in time order.  Sizes take K/M/G/T suffixes
 * (binary), rates are sizes per second, durations take s/m/h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "sim.h"

bool sim_parse_size(const char *s, uint64_t *out)
{
	char *end;
	double v;
	uint64_t mult = 1;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s || *s == '-')
		return false;
	errno = 0;
	v = strtod(s, &end);
	/* strtod reads "nan" and "inf" too */
	if (errno || end == s || !isfinite(v) || v < 0)
		return false;
	switch (toupper((unsigned char)*end)) {
	case 'K': mult = 1ull << 10; end++; break;
	case 'M': mult = 1ull << 20; end++; break;
	case 'G': mult = 1ull << 30; end++; break;
	case 'T': mult = 1ull << 40; end++; break;
	default: break;
	}
	if (toupper((unsigned char)*end) == 'B' || toupper((unsigned char)*end) == 'I')
		end++;
	if (toupper((unsigned char)*end) == 'B')
		end++;
	while (isspace((unsigned char)*end))
		end++;
	if (*end || v * (double)mult > 1.8e19)
		return false;
	*out = (uint64_t)(v * (double)mult);
	return true;
}

uint32_t sim_parse_kver(const char *s)
{
	unsigned a, b;
	char tail;

	if (sscanf(s, "%u.%u%c", &a, &b, &tail) != 2 || a < 2 || a > 99 || b > 999)
		return 0;
	return KF_VER(a, b);
}

static bool parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return false;
	if (*end == 'm')
		v *= 60, end++;
	else if (*end == 'h')
		v *= 3600, end++;
	else if (*end == 's')
		end++;
	while (isspace((unsigned char)*end))
		end++;
	if (*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static bool parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "yes") || !strcmp(s, "true") || !strcmp(s, "1") || !strcmp(s, "on"))
		*out = true;
	else if (!strcmp(s, "no") || !strcmp(s, "false") || !strcmp(s, "0") || !strcmp(s, "off"))
		*out = false;
	else
		return false;
	return true;
}

static bool parse_ratios(const char *s, int64_t *r, int *n)
{
	char *end;

	*n = 0;
	while (*s) {
		long long v;

		while (isspace((unsigned char)*s) || *s == ',')
			s++;
		if (!*s)
			break;
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno || end == s || v < 0 || *n >= KF_MAX_ZONES)
			return false;
		r[(*n)++] = v;
		s = end;
	}
	return *n > 0;
}

struct ctx {
	struct sim_scenario *sc;
	struct zs_err *e;
	const char *name;
	const char *p;                /* the text still to read */
	int lineno;
	bool in_section, have_key;    /* a section header seen; a key since it (inih's continuation rule) */
	struct sim_phase *ph;
	int zone_node;
	int zone_slot;
	bool failed;
	int fail_line;
};

/* The first error wins: later lines are not read. */
static void fail(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->failed)
		return;
	c->failed = true;
	c->fail_line = c->lineno;
	c->e->code = 0;
	va_start(ap, fmt);
	vsnprintf(c->e->msg, sizeof c->e->msg, fmt, ap);
	va_end(ap);
}

static void phase_defaults(struct sim_phase *p)
{
	memset(p, 0, sizeof *p);
	p->duration = 60;
	p->cpu = 10;
	p->tasks = 4;
	p->min_free_kbytes = p->watermark_scale_factor = p->watermark_boost_factor = -1;
	p->swappiness = p->percpu_pagelist_high_fraction = -1;
}

void sim_scenario_defaults(struct sim_scenario *sc)
{
	memset(sc, 0, sizeof *sc);
	snprintf(sc->name, sizeof sc->name, "scenario");
	sim_shape_defaults(&sc->shape);
}

/* Sysctls, valid in [machine] (initial values) and in a phase (written at its start). */
static bool sysctl_key(struct ctx *c, const char *key, const char *v, bool in_phase)
{
	struct sim_shape *sh = &c->sc->shape;
	struct sim_phase *p = c->ph;
	int64_t x;

	if (!strcmp(key, "min_free_kbytes")) {
		if (!strcmp(v, "auto") && !in_phase) {
			sh->km.min_free_kbytes = -1;
			return true;
		}
		if (!parse_int(v, 128, 1 << 30, &x))
			return false;
		*(in_phase ? &p->min_free_kbytes : &sh->km.min_free_kbytes) = x;
	} else if (!strcmp(key, "watermark_scale_factor")) {
		if (!parse_int(v, 1, 3000, &x))
			return false;
		*(in_phase ? &p->watermark_scale_factor : &sh->km.watermark_scale_factor) = x;
	} else if (!strcmp(key, "watermark_boost_factor")) {
		if (!parse_int(v, 0, 1 << 30, &x))
			return false;
		*(in_phase ? &p->watermark_boost_factor : &sh->km.watermark_boost_factor) = x;
	} else if (!strcmp(key, "swappiness")) {
		if (!parse_int(v, 0, 200, &x))
			return false;
		*(in_phase ? &p->swappiness : &sh->swappiness) = x;
	} else if (!strcmp(key, "percpu_pagelist_high_fraction")) {
		if (!parse_int(v, 0, 1 << 30, &x) || (x > 0 && x < 8))
			return false;
		*(in_phase ? &p->percpu_pagelist_high_fraction : &sh->km.percpu_pagelist_high_fraction) = x;
	} else if (!strcmp(key, "lowmem_reserve_ratio")) {
		if (in_phase)
			return parse_ratios(v, p->lowmem_reserve_ratio, &p->nlowmem_reserve_ratio);
		return parse_ratios(v, sh->km.lowmem_reserve_ratio, &sh->km.nlowmem_reserve_ratio);
	} else {
		return false;
	}
	return true;
}

static bool machine_key(struct ctx *c, const char *key, const char *v)
{
	struct sim_shape *sh = &c->sc->shape;
	uint64_t u;
	int64_t x;

	if (!strcmp(key, "nodes")) {
		if (!parse_int(v, 1, KF_MAX_NODES, &x))
			return false;
		sh->nnodes = (int)x;
	} else if (!strcmp(key, "cpus")) {
		if (!parse_int(v, 1, SIM_MAX_CPUS, &x))
			return false;
		sh->ncpus = (int)x;
	} else if (!strcmp(key, "memory")) {
		if (!sim_parse_size(v, &u) || u < (64ull << 20) || u > (1ull << 46))
			return false;
		sh->mem_bytes = u;
	} else if (!strcmp(key, "swap")) {
		if (!sim_parse_size(v, &u) || u > (1ull << 46))
			return false;
		sh->swap_bytes = u;
	} else if (!strcmp(key, "highmem")) {
		return parse_bool(v, &sh->highmem);
	} else if (!strcmp(key, "thp")) {
		return parse_bool(v, &sh->km.thp);
	} else if (!strcmp(key, "repeat")) {
		return parse_bool(v, &c->sc->repeat);
	} else {
		return sysctl_key(c, key, v, false);
	}
	return true;
}

static bool zone_key(struct ctx *c, const char *key, const char *v)
{
	struct kf_zone_in *z = &c->sc->shape.km.node[c->zone_node].zone[c->zone_slot];
	uint64_t *dst;
	int64_t x;

	if (!strcmp(key, "spanned"))
		dst = &z->spanned;
	else if (!strcmp(key, "present"))
		dst = &z->present;
	else if (!strcmp(key, "managed"))
		dst = &z->managed;
	else if (!strcmp(key, "start_pfn"))
		dst = &c->sc->shape.start_pfn[c->zone_node][c->zone_slot];
	else
		return false;
	if (!parse_int(v, 0, INT64_C(1) << 40, &x))
		return false;
	*dst = (uint64_t)x;
	return true;
}

static bool phase_key(struct ctx *c, const char *key, const char *v)
{
	struct sim_phase *p = c->ph;
	static const struct {
		const char *key;
		size_t off;
	} rates[] = {
		{ "anon_alloc", offsetof(struct sim_phase, anon_alloc) },
		{ "anon_free", offsetof(struct sim_phase, anon_free) },
		{ "file_read", offsetof(struct sim_phase, file_read) },
		{ "file_write", offsetof(struct sim_phase, file_write) },
		{ "file_reread", offsetof(struct sim_phase, file_reread) },
		{ "file_set", offsetof(struct sim_phase, file_set) },
		{ "anon_touch", offsetof(struct sim_phase, anon_touch) },
		{ "mlock", offsetof(struct sim_phase, mlock) },
		{ "burst", offsetof(struct sim_phase, burst) },
		{ "pin", offsetof(struct sim_phase, pin) },
	};
	uint64_t u;
	int64_t x;

	for (size_t i = 0; i < ZS_ARRAY_LEN(rates); i++)
		if (!strcmp(key, rates[i].key)) {
			if (!sim_parse_size(v, &u))
				return false;
			*(double *)((char *)p + rates[i].off) = (double)(u >> 12);
			return true;
		}
	/* at least one step of the model (a shorter phase could never be seen, and phases of 0 ns would
	 * repeat for ever within a step), at most 10^9 s, so that its nanoseconds fit the clock */
	if (!strcmp(key, "duration"))
		return parse_seconds(v, &p->duration) && p->duration >= (double)SIM_TICK_NS / 1e9 &&
		       p->duration <= 1e9;
	if (!strcmp(key, "high_order")) {
		if (!parse_int(v, 1, SIM_ORDERS - 1, &x))
			return false;
		p->ho_order = (int)x;
	} else if (!strcmp(key, "high_order_rate")) {
		if (!parse_int(v, 0, 1000000, &x))
			return false;
		p->ho_rate = (double)x;
	} else if (!strcmp(key, "cpu")) {
		if (!parse_int(v, 0, 100, &x))
			return false;
		p->cpu = (double)x;
	} else if (!strcmp(key, "tasks")) {
		if (!parse_int(v, 1, 100000, &x))
			return false;
		p->tasks = (int)x;
	} else if (!strncmp(key, "sysctl.", 7)) {
		return sysctl_key(c, key + 7, v, true);
	} else {
		return false;
	}
	return true;
}

/* A section header: [machine], [zone NODE NAME] or [phase NAME].  Seen by the line reader, so that an
 * empty section is still checked and two phases of the same name stay two phases. */
static void begin_section(struct ctx *c, const char *section)
{
	c->in_section = true;
	c->have_key = false;
	c->ph = NULL;
	c->zone_slot = -1;
	if (!strncmp(section, "phase", 5) && (section[5] == ' ' || !section[5])) {
		if (c->sc->nphases >= SIM_MAX_PHASES) {
			fail(c, "more than %d phases", SIM_MAX_PHASES);
			return;
		}
		const char *pname = section[5] ? section + 6 : "";

		if (strlen(pname) >= sizeof c->ph->name) {
			fail(c, "[%s]: a phase name has at most %zu characters", section, sizeof c->ph->name - 1);
			return;
		}
		c->ph = &c->sc->phase[c->sc->nphases++];
		phase_defaults(c->ph);
		memcpy(c->ph->name, pname, strlen(pname) + 1);
	} else if (!strncmp(section, "zone ", 5)) {
		int node;
		char zname[16], tail;
		struct kf_node_in *kn;

		if (sscanf(section + 5, "%d %15s %c", &node, zname, &tail) != 2 || node < 0 || node >= KF_MAX_NODES) {
			fail(c, "[%s]: expected [zone NODE NAME] with NODE 0 … %d", section, KF_MAX_NODES - 1);
			return;
		}
		kn = &c->sc->shape.km.node[node];
		if (kn->nzones >= KF_MAX_ZONES) {
			fail(c, "[%s]: more than %d zones in node %d", section, KF_MAX_ZONES, node);
			return;
		}
		c->zone_node = node;
		c->zone_slot = kn->nzones++;
		kn->zone[c->zone_slot] = (struct kf_zone_in){ .type = kf_zone_type_of(zname) };
		snprintf(kn->zone[c->zone_slot].name, sizeof kn->zone[c->zone_slot].name, "%s", zname);
		snprintf(c->sc->shape.zone_name[node][c->zone_slot], 16, "%s", zname);
		c->sc->shape.have_zones = true;
		if (node + 1 > c->sc->shape.km.nnodes)
			c->sc->shape.km.nnodes = node + 1;
	} else if (strcmp(section, "machine") != 0) {
		fail(c, "unknown section [%s] (expected [machine], [zone NODE NAME] or [phase NAME])", section);
	}
}

/* inih's line reader over the text: counts lines, and sees section headers as inih will (a line whose
 * first non-blank is '[', unless it is indented under a key, which makes it a continuation). */
static char *read_line(char *str, int num, void *stream)
{
	struct ctx *c = stream;
	const char *nl, *t;
	size_t n;

	if (c->failed || !*c->p)
		return NULL;
	nl = strchr(c->p, '\n');
	n = nl ? (size_t)(nl - c->p) + 1 : strlen(c->p);
	c->lineno++;
	if (n - (nl != NULL) > (size_t)num - 3) {   /* inih's buffer: the line, "\r\n" or "\n", and NUL */
		fail(c, "line longer than %d characters", num - 3);
		return NULL;
	}
	memcpy(str, c->p, n);
	str[n] = '\0';
	c->p += n;
	t = str;
	if (c->lineno == 1 && !strncmp(t, "\xEF\xBB\xBF", 3))
		t += 3;
	while (*t == ' ' || *t == '\t')
		t++;
	if (*t == '[' && (t == str || !c->have_key)) {
		const char *end = strchr(t, ']');
		char sect[64];

		if (end && (size_t)(end - t - 1) < sizeof sect) {
			snprintf(sect, sizeof sect, "%.*s", (int)(end - t - 1), t + 1);
			begin_section(c, sect);
		} else if (end) {
			fail(c, "section name longer than %zu characters", sizeof sect - 1);
		}
		/* without ']' inih reports the syntax error on this line */
	}
	return str;
}

static int on_pair(void *user, const char *section, const char *key, const char *value)
{
	struct ctx *c = user;
	bool ok;

	if (c->failed)
		return 0;
	if (!c->in_section) {
		fail(c, "'%s' before any section (a scenario starts with [machine] or [phase NAME])", key);
		return 0;
	}
	c->have_key = true;
	if (c->ph)
		ok = phase_key(c, key, value);
	else if (c->zone_slot >= 0)
		ok = zone_key(c, key, value);
	else
		ok = machine_key(c, key, value);
	if (!ok) {
		fail(c, "[%s]: bad or unknown setting '%s = %s'", section, key, value);
		return 0;
	}
	return 1;
}

int sim_scenario_parse(struct sim_scenario *sc, const char *text, const char *name, struct zs_err *e)
{
	struct ctx c = { .sc = sc, .e = e, .name = name, .p = text, .zone_slot = -1 };
	int line;

	sim_scenario_defaults(sc);
	snprintf(sc->name, sizeof sc->name, "%s", name);
	line = ini_parse_stream(read_line, &c, on_pair, &c);
	if (line != 0 || c.failed) {
		char msg[sizeof e->msg];

		if (c.failed && (line <= 0 || line >= c.fail_line)) {
			snprintf(msg, sizeof msg, "%s", e->msg);
			line = c.fail_line;
		} else {
			snprintf(msg, sizeof msg, "syntax error (expected [section] or key = value)");
		}
		zs_err_set(e, 0, "%s:%d: %s", name, line, msg);
		return -1;
	}
	if (sc->nphases == 0) {
		sc->nphases = 1;
		phase_defaults(&sc->phase[0]);
		snprintf(sc->phase[0].name, sizeof sc->phase[0].name, "idle");
	}
	if (sc->shape.have_zones) {
		sc->shape.nnodes = sc->shape.km.nnodes;
		if (sc->shape.nnodes > sc->shape.ncpus)
			sc->shape.ncpus = sc->shape.nnodes;
	}
	if (sc->shape.nnodes > sc->shape.ncpus) {
		zs_err_set(e, 0, "%s: [machine]: %d nodes but %d cpus (every node needs a CPU)", name, sc->shape.nnodes,
			   sc->shape.ncpus);
		return -1;
	}
	return 0;
}

int sim_scenario_load(struct sim_scenario *sc, const char *arg, struct zs_err *e)
{
	const char *text = sim_builtin_text(arg);
	FILE *f;
	char *buf;
	long n;
	int rc;

	if (text)
		return sim_scenario_parse(sc, text, arg, e);
	f = fopen(arg, "r");
	if (!f) {
		zs_err_set(e, errno, "%s: not a built-in scenario (steady, cache-stream, anon-leak, burst, thrash, "
			   "fragment, numa2) and not a readable file", arg);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > (1 << 20) || fseek(f, 0, SEEK_SET) != 0) {
		zs_err_set(e, 0, "%s: not a regular scenario file (or larger than 1 MiB)", arg);
		fclose(f);
		return -1;
	}
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		zs_err_set(e, errno, "%s: read error", arg);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', (size_t)n)) {
		zs_err_set(e, 0, "%s: binary data in a scenario file", arg);
		free(buf);
		return -1;
	}
	rc = sim_scenario_parse(sc, buf, arg, e);
	free(buf);
	return rc;
}
