/* proc-cpulist.c — sysfs CPU lists: "0-3,8,10-11". */
#include "config.h"

#include <stdlib.h>

#include "proc.h"

#define CPULIST_MAX 65536

int proc_cpulist_parse(int **cpus, int *n, const char *text, size_t len, struct zs_err *e)
{
	const char *s = text, *end = text + len;
	size_t cap = 0, cnt = 0;
	int *v = NULL;

	while (s < end && *s != '\n' && *s != '\0') {
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
		for (uint64_t c = a; c <= b; c++) {
			xgrow((void **)&v, &cap, cnt + 1, sizeof *v);
			v[cnt++] = (int)c;
		}
		if (*s == ',')
			s++;
		else if (*s != '\n' && *s != '\0')
			goto bad;
	}
	free(*cpus);
	*cpus = v;
	*n = (int)cnt;
	return 0;
bad:
	free(v);
	zs_err_set(e, 0, "cpu list: cannot read '%.40s'", text);
	return -1;
}
