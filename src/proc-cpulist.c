/* proc-cpulist.c — sysfs CPU lists: "0-3,8,10-11". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "proc.h"

#define CPULIST_MAX 65536

/* Set bits a … b of the map, a word at a time (a list of many long ranges stays linear in its size). */
static void set_range(uint64_t *map, uint64_t a, uint64_t b)
{
	for (uint64_t c = a; c <= b;) {
		if (c % 64 == 0 && b - c >= 63) {
			map[c / 64] = UINT64_MAX;
			c += 64;
		} else {
			map[c / 64] |= (uint64_t)1 << (c % 64);
			c++;
		}
	}
}

int proc_cpulist_parse(int **cpus, int *n, const char *text, size_t len, struct zs_err *e)
{
	const char *s = text, *end = text + zs_text_len(text, len);
	uint64_t map[CPULIST_MAX / 64];
	size_t cnt = 0, top = 0;     /* words of map in use: a few, read every sample by the zone views */
	int *v;

	/* the map is cleared only as far as the list reaches (a whole 8 KiB map per sample was most of
	 * the parse) */
	while (s < end && *s != '\n') {
		uint64_t a, b;

		if (!zs_parse_u64(&s, &a))
			goto bad;
		b = a;
		if (*s == '-') {
			s++;
			if (!zs_parse_u64(&s, &b) || b < a)
				goto bad;
		}
		if (b >= CPULIST_MAX)
			goto bad;
		if (b / 64 + 1 > top) {
			memset(map + top, 0, (size_t)(b / 64 + 1 - top) * sizeof *map);
			top = (size_t)(b / 64 + 1);
		}
		set_range(map, a, b);
		if (*s == ',')
			s++;
		else if (s < end && *s != '\n')
			goto bad;
	}
	for (size_t w = 0; w < top; w++)
		cnt += (size_t)__builtin_popcountll(map[w]);
	/* the previous list's array holds at least its *n ids: reused when the new list fits (a list that
	 * is read every sample allocates nothing) */
	v = *cpus && cnt <= (size_t)*n ? *cpus : xmalloc((cnt ? cnt : 1) * sizeof *v);
	cnt = 0;
	for (size_t w = 0; w < top; w++)
		for (uint64_t m = map[w]; m; m &= m - 1)
			v[cnt++] = (int)(w * 64 + (size_t)__builtin_ctzll(m));
	if (v != *cpus)
		free(*cpus);
	*cpus = v;
	*n = (int)cnt;
	return 0;
bad:
	zs_err_set(e, 0, "cpu list: cannot read '%.40s'", text);
	return -1;
}
