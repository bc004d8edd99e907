/* proc-uptime.c — /proc/uptime ("12345.67 23456.78") and /proc/loadavg. */
#include "config.h"

#include "proc.h"

/* A locale-independent "123.45" reader. */
static bool parse_decimal(const char **sp, double *out)
{
	const char *s = zs_skip_blanks(*sp);
	uint64_t ip, fp = 0;
	double scale = 1;

	if (!zs_parse_u64(&s, &ip))
		return false;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			if (scale < 1e15) {
				fp = fp * 10 + (uint64_t)(*s - '0');
				scale *= 10;
			}
			s++;
		}
	}
	*out = (double)ip + (double)fp / scale;
	*sp = s;
	return true;
}

int proc_uptime_parse(struct proc_uptime *u, const char *text, size_t len, struct zs_err *e)
{
	const char *s = text;

	if (len == 0 || !parse_decimal(&s, &u->up) || !parse_decimal(&s, &u->idle)) {
		zs_err_set(e, 0, "uptime: expected two numbers, got '%.40s'", text);
		return -1;
	}
	return 0;
}

int proc_loadavg_parse(double avg[3], const char *text, size_t len, struct zs_err *e)
{
	const char *s = text;

	for (int i = 0; i < 3; i++)
		if (len == 0 || !parse_decimal(&s, &avg[i])) {
			zs_err_set(e, 0, "loadavg: expected three numbers, got '%.40s'", text);
			return -1;
		}
	return 0;
}
