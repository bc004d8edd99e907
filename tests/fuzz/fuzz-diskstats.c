/* fuzz-diskstats.c — proc_diskstats_parse(): names without blanks cut to their buffer with the real
 * length kept, 0 to 17 numbers, whole disks as /sys/block lists them (all of them without it), a re-parse
 * equal to a fresh one.  What follows a "\nsys/block:" line in the input is the /sys/block listing
 * (names separated by blanks). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc-diskstats.h"

const char fuzz_name[] = "diskstats";

static void check(const struct diskstats *ds, const char *text, size_t len, int all_disks)
{
	for (size_t i = 0; i < ds->n; i++) {
		const struct disk_entry *d = &ds->d[i];
		size_t nl = strlen(d->name);

		FZ_CHECK(d->name_len > 0 && nl <= d->name_len && nl <= 63, "name '%s' length %zu", d->name,
			 d->name_len);
		FZ_CHECK(!strpbrk(d->name, " \t\n") && memmem(text, len, d->name, nl), "name '%s'", d->name);
		FZ_CHECK(d->nfields >= 0 && d->nfields <= 17 && d->major >= 0 && d->minor >= 0,
			 "%s: %d fields, %d:%d", d->name, d->nfields, d->major, d->minor);
		FZ_CHECK(!all_disks || d->is_disk, "%s not a disk without /sys/block", d->name);
		FZ_CHECK(nl != d->name_len || proc_diskstats_find(ds, d->name), "%s not found by name", d->name);
	}
}

static int same_entry(const struct disk_entry *x, const struct disk_entry *y)
{
	return strcmp(x->name, y->name) == 0 && x->name_len == y->name_len && x->major == y->major &&
	       x->minor == y->minor && x->nfields == y->nfields && x->reads == y->reads &&
	       x->reads_merged == y->reads_merged && x->read_sectors == y->read_sectors &&
	       x->read_ms == y->read_ms && x->writes == y->writes && x->writes_merged == y->writes_merged &&
	       x->write_sectors == y->write_sectors && x->write_ms == y->write_ms &&
	       x->in_flight == y->in_flight && x->io_ms == y->io_ms && x->weighted_ms == y->weighted_ms;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t = fz_text(data, size), *sb = NULL, *at;
	struct diskstats a = { 0 }, b = { 0 };
	struct zs_err e = { 0 }, e2 = { 0 };
	size_t len = size, sblen = 0;
	int rc, rc2;

	if ((at = memmem(t, size, "\nsys/block:", 11))) {
		len = (size_t)(at - t) + 1;
		sb = xstrdup(at + 11);
		sblen = strlen(sb);
		for (size_t k = 0; k < sblen; k++)
			if (sb[k] == ' ')
				sb[k] = '\n';
		t[len] = '\0';
	}
	fz_quiet_begin();
	rc = proc_diskstats_parse(&a, t, len, NULL, 0, &e);
	rc2 = proc_diskstats_parse(&b, t, len, sb, sblen, &e2);
	if (rc2 == 0)
		rc2 = proc_diskstats_parse(&b, t, len, sb, sblen, &e2);
	fz_quiet_end("proc_diskstats_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d/%d", rc, rc2);
	if (rc == 0) {
		check(&a, t, len, 1);
		check(&b, t, len, !sb);
		FZ_CHECK(a.n == b.n, "%zu/%zu devices", a.n, b.n);
		for (size_t i = 0; i < a.n; i++)
			FZ_CHECK(same_entry(&a.d[i], &b.d[i]), "device %zu differs after a re-parse", i);
	} else {
		FZ_CHECK(strncmp(e.msg, "diskstats: ", 11) == 0, "error '%s'", e.msg);
	}
	proc_diskstats_free(&a);
	proc_diskstats_free(&b);
	free(sb);
	free(t);
	return 0;
}
