/* proc-diskstats.c — /proc/diskstats: "major minor name n1 n2 …" lines, kept in file order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "proc-diskstats.h"

/* Is the name (len bytes) a line of the /sys/block listing? */
static bool listed(const char *list, size_t llen, const char *name, size_t len)
{
	const char *p = list, *end = list + zs_text_len(list, llen);

	while (p < end) {
		const char *eol = zs_line_end(p, end);

		if ((size_t)(eol - p) == len && memcmp(p, name, len) == 0)
			return true;
		p = eol + 1;
	}
	return false;
}

int proc_diskstats_parse(struct diskstats *ds, const char *text, size_t len, const char *sysblock,
			 size_t sblen, struct zs_err *e)
{
	const char *p = text, *end = text + zs_text_len(text, len);
	size_t lineno = 0;

	ds->n = 0;
	ds->have_sys_block = sysblock != NULL;
	while (p < end) {
		const char *eol = zs_line_end(p, end), *q = p, *name;
		uint64_t major, minor, v[17];
		struct disk_entry *d;
		size_t nl;
		int nf = 0;

		lineno++;
		if (zs_skip_blanks(p) == eol) {
			p = eol + 1;
			continue;
		}
		if (!zs_parse_u64(&q, &major) || !zs_parse_u64(&q, &minor) || q >= eol ||
		    (*q != ' ' && *q != '\t')) {
			zs_err_set(e, 0, "diskstats: line %zu: expected 'major minor name …'", lineno);
			return -1;
		}
		name = zs_skip_blanks(q);
		nl = 0;
		while (name + nl < eol && name[nl] != ' ' && name[nl] != '\t')
			nl++;
		if (nl == 0) {
			zs_err_set(e, 0, "diskstats: line %zu: no device name", lineno);
			return -1;
		}
		q = name + nl;
		while (nf < (int)ZS_ARRAY_LEN(v)) {
			const char *r = q;

			if (!zs_parse_u64(&r, &v[nf]) || r > eol)
				break;
			q = r;
			nf++;
		}
		for (int i = nf; i < (int)ZS_ARRAY_LEN(v); i++)
			v[i] = 0;
		xgrow((void **)&ds->d, &ds->cap, ds->n + 1, sizeof *ds->d);
		d = &ds->d[ds->n++];
		d->name_len = nl;
		if (nl >= sizeof d->name)
			nl = sizeof d->name - 1;
		memcpy(d->name, name, nl);
		d->name[nl] = '\0';
		d->major = major > 0x7fffffff ? 0x7fffffff : (int)major;
		d->minor = minor > 0x7fffffff ? 0x7fffffff : (int)minor;
		d->nfields = nf;
		if (nf == 4) {
			/* 2.6 partition lines: reads, read sectors, writes, write sectors */
			d->reads = v[0];
			d->read_sectors = v[1];
			d->writes = v[2];
			d->write_sectors = v[3];
			d->reads_merged = d->read_ms = d->writes_merged = d->write_ms = 0;
			d->in_flight = d->io_ms = d->weighted_ms = 0;
		} else {
			d->reads = v[0];
			d->reads_merged = v[1];
			d->read_sectors = v[2];
			d->read_ms = v[3];
			d->writes = v[4];
			d->writes_merged = v[5];
			d->write_sectors = v[6];
			d->write_ms = v[7];
			d->in_flight = v[8];
			d->io_ms = v[9];
			d->weighted_ms = v[10];
		}
		d->is_disk = !sysblock || listed(sysblock, sblen, name, d->name_len);
		p = eol + 1;
	}
	return 0;
}

void proc_diskstats_free(struct diskstats *ds)
{
	if (!ds)
		return;
	free(ds->d);
	ds->d = NULL;
	ds->n = ds->cap = 0;
}

const struct disk_entry *proc_diskstats_find(const struct diskstats *ds, const char *name)
{
	size_t l = strlen(name);

	for (size_t i = 0; i < ds->n; i++)
		if (ds->d[i].name_len == l && strcmp(ds->d[i].name, name) == 0)
			return &ds->d[i];
	return NULL;
}
