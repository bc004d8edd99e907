/* vmstat-disk.c — vmstat -d (per disk, cumulative), -D (totals, one shot) and -p (one device). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc-diskstats.h"
#include "view.h"
#include "vmstat.h"

static const char disk_msg[] = "Unable to create diskstat structure";

static const struct field_def disk_fields[] = {
	{ "disk", "disk", -8, FK_STR, 0, "device name" },
	{ "reads", "reads", 10, FK_U64, 0, "reads completed" },
	{ "reads_merged", "merged", 10, FK_U64, 0, "reads merged" },
	{ "read_sectors", "sectors", 12, FK_U64, 0, "sectors read" },
	{ "read_ms", "ms", 10, FK_U64, 0, "milliseconds spent reading" },
	{ "writes", "writes", 10, FK_U64, 0, "writes completed" },
	{ "writes_merged", "merged", 10, FK_U64, 0, "writes merged" },
	{ "write_sectors", "sectors", 12, FK_U64, 0, "sectors written" },
	{ "write_ms", "ms", 10, FK_U64, 0, "milliseconds spent writing" },
	{ "in_flight", "cur", 8, FK_U64, 0, "I/Os in progress (not divided by 1000)" },
	{ "io_ms", "io_ms", 10, FK_U64, 0, "milliseconds spent doing I/O (not divided by 1000)" },
	{ "weighted_ms", "weighted", 10, FK_U64, 0, "weighted milliseconds doing I/O" },
};
static const struct view_def disk_view = { "vmstat-disk", disk_fields, (int)ZS_ARRAY_LEN(disk_fields) };

/* The sample's disks, as strict as libproc2: every line needs 11 numbers after a name of at most 34
 * characters, or the whole file is refused. */
static int need_disks(struct vm_run *r)
{
	const struct diskstats *ds = r->s.disks;
	char why[200];

	if (vm_need(r, SP_DISKSTATS, disk_msg) < 0)
		return -1;
	for (size_t i = 0; i < ds->n; i++) {
		const struct disk_entry *d = &ds->d[i];

		if (d->nfields < 11 || d->name_len > 34) {
			snprintf(why, sizeof why, "diskstats: %.40s: %s", d->name,
				 d->nfields < 11 ? "fewer than 11 numbers" : "name longer than 34 characters");
			return vm_fail(r, disk_msg, why);
		}
	}
	return 0;
}

/* libproc2 keeps every device it has seen, in the order first seen, with the values of its last read
 * (a device that vanishes stays, frozen), and decides whether it is a disk only when it first sees it.
 * Each read stamps the devices it finds; a device looked up by name (a line of a later read, or -p's
 * device) that was stamped neither by this read nor by the previous one is forgotten: a line brings it
 * back as a new device at the end of the list, -p does not find it. */
static struct disk_entry *known;
static unsigned long *known_read;    /* the read that last found each device */
static size_t nknown, known_cap, known_read_cap;
static unsigned long nread;

/* The index of the device named name, or nknown when it is unknown or forgotten. */
static size_t find_known(const char *name)
{
	size_t k;

	for (k = 0; k < nknown; k++)
		if (strcmp(known[k].name, name) == 0)
			break;
	if (k < nknown && known_read[k] + 1 < nread) {
		memmove(&known[k], &known[k + 1], (nknown - k - 1) * sizeof *known);
		memmove(&known_read[k], &known_read[k + 1], (nknown - k - 1) * sizeof *known_read);
		nknown--;
		return nknown;
	}
	return k;
}

static void merge_known(const struct diskstats *ds)
{
	nread++;
	for (size_t i = 0; i < ds->n; i++) {
		const struct disk_entry *d = &ds->d[i];
		size_t k = find_known(d->name);

		if (k < nknown) {
			bool is_disk = known[k].is_disk;

			known[k] = *d;
			known[k].is_disk = is_disk;
			known_read[k] = nread;
			continue;
		}
		xgrow((void **)&known, &known_cap, nknown + 1, sizeof *known);
		xgrow((void **)&known_read, &known_read_cap, nknown + 1, sizeof *known_read);
		known_read[nknown] = nread;
		known[nknown++] = *d;
	}
}

static void forget_known(void)
{
	free(known);
	free(known_read);
	known = NULL;
	known_read = NULL;
	nknown = known_cap = known_read_cap = 0;
	nread = 0;
}

/* -p's device as libproc2 finds it after a read, or NULL. */
static const struct disk_entry *part_known(const char *name)
{
	size_t k = find_known(name);

	return k < nknown ? &known[k] : NULL;
}

static int take_disks(struct vm_run *r)
{
	if (vm_take(r, SAMPLE_HAVE(SP_DISKSTATS)) < 0 || need_disks(r) < 0)
		return -1;
	merge_known(r->s.disks);
	return 0;
}

static void disk_header(struct vm_run *r)
{
	const struct cli *c = r->c;
	char tz[32];

	if (r->csv) {
		render_header(&r->r, &disk_view);
		return;
	}
	if (c->wide)
		fputs("disk- -------------------reads------------------- -------------------writes------------------ "
		      "------IO-------",
		      stdout);
	else
		fputs("disk- ------------reads------------ ------------writes----------- -----IO------", stdout);
	fputs(c->timestamp ? " -----timestamp-----\n" : "\n", stdout);
	if (c->wide)
		printf("%5s %9s %9s %11s %11s %9s %9s %11s %11s %7s %7s", " ", "total", "merged", "sectors", "ms",
		       "total", "merged", "sectors", "ms", "cur", "sec");
	else
		printf("%5s %6s %6s %7s %7s %6s %6s %7s %7s %6s %6s", " ", "total", "merged", "sectors", "ms",
		       "total", "merged", "sectors", "ms", "cur", "sec");
	if (c->timestamp) {
		vm_tzname(tz, sizeof tz);
		printf(" %s", tz);
	}
	putchar('\n');
	vm_line_done(r);
}

static void disk_row(struct vm_run *r, const struct disk_entry *d, const char *ts)
{
	/* libproc2 keeps in_flight in an int */
	int cur = (int)(int32_t)(uint32_t)d->in_flight / 1000;

	if (r->csv) {
		struct cell cells[12] = {
			cell_str(d->name), cell_u64(d->reads), cell_u64(d->reads_merged),
			cell_u64(d->read_sectors), cell_u64(d->read_ms), cell_u64(d->writes),
			cell_u64(d->writes_merged), cell_u64(d->write_sectors), cell_u64(d->write_ms),
			cell_u64(d->in_flight), cell_u64(d->io_ms), cell_u64(d->weighted_ms),
		};

		render_row(&r->r, &disk_view, cells, r->s.t);
	} else {
		if (r->c->wide)
			printf("%-5s %9" PRIu64 " %9" PRIu64 " %11" PRIu64 " %11" PRIu64 " %9" PRIu64 " %9" PRIu64
			       " %11" PRIu64 " %11" PRIu64 " %7d %7" PRIu64,
			       d->name, d->reads, d->reads_merged, d->read_sectors, d->read_ms, d->writes,
			       d->writes_merged, d->write_sectors, d->write_ms, cur, d->io_ms / 1000);
		else
			printf("%-5s %6" PRIu64 " %6" PRIu64 " %7" PRIu64 " %7" PRIu64 " %6" PRIu64 " %6" PRIu64
			       " %7" PRIu64 " %7" PRIu64 " %6d %6" PRIu64,
			       d->name, d->reads, d->reads_merged, d->read_sectors, d->read_ms, d->writes,
			       d->writes_merged, d->write_sectors, d->write_ms, cur, d->io_ms / 1000);
		if (ts)
			printf(" %s", ts);
		putchar('\n');
	}
	vm_line_done(r);
}

int vmstat_disk_run(struct vm_run *r)
{
	const struct cli *c = r->c;
	char ts[64];

	if (take_disks(r) < 0)
		return 1;
	if (c->one_header)
		disk_header(r);
	for (unsigned long i = 0; !r->stop && (c->infinite || i < c->count); i++) {
		if (i > 0 && take_disks(r) < 0) {
			forget_known();
			return 1;
		}
		if (c->timestamp)
			vm_timestamp(ts, sizeof ts);
		/* the header goes before a shown entry whose index (partitions counted) is a multiple of
		 * the height */
		for (size_t j = 0; j < nknown && !r->stop; j++) {
			if (!known[j].is_disk)
				continue;
			if (!c->one_header && j % (size_t)r->height == 0)
				disk_header(r);
			disk_row(r, &known[j], c->timestamp ? ts : NULL);
		}
		if (c->infinite || i + 1 < c->count)
			vm_wait(r);
	}
	forget_known();
	return 0;
}

int vmstat_disksum_run(struct vm_run *r)
{
	const struct diskstats *ds;
	int disks = 0, parts = 0;
	uint64_t v[11] = { 0 };
	static const char *const text[11] = {
		"total reads", "merged reads", "read sectors", "milli reading", "writes", "merged writes",
		"written sectors", "milli writing", "inprogress IO", "milli spent IO", "milli weighted IO",
	};
	static const char *const csv[11] = {
		"reads", "reads_merged", "read_sectors", "read_ms", "writes", "writes_merged",
		"write_sectors", "write_ms", "in_flight_div1000", "io_s", "weighted_s",
	};
	static const struct field_def f[] = {
		{ "name", "name", -20, FK_STR, 0, "what is summed over the disks" },
		{ "value", "value", 13, FK_U64, 0, "the sum" },
	};
	static const struct view_def view = { "vmstat-disk-sum", f, 2 };

	if (take_disks(r) < 0)
		return 1;
	ds = r->s.disks;
	for (size_t i = 0; i < ds->n; i++) {
		const struct disk_entry *d = &ds->d[i];

		if (!d->is_disk) {
			parts++;
			continue;
		}
		disks++;
		v[0] += d->reads;
		v[1] += d->reads_merged;
		v[2] += d->read_sectors;
		v[3] += d->read_ms;
		v[4] += d->writes;
		v[5] += d->writes_merged;
		v[6] += d->write_sectors;
		v[7] += d->write_ms;
		/* procps divides each disk's value before summing */
		v[8] += (uint64_t)(int64_t)((int)(int32_t)(uint32_t)d->in_flight / 1000);
		v[9] += d->io_ms / 1000;
		v[10] += d->weighted_ms / 1000;
	}
	if (r->csv) {
		struct cell cells[2];

		render_header(&r->r, &view);
		cells[0] = cell_str("disks");
		cells[1] = cell_u64((uint64_t)disks);
		render_row(&r->r, &view, cells, r->s.t);
		cells[0] = cell_str("partitions");
		cells[1] = cell_u64((uint64_t)parts);
		render_row(&r->r, &view, cells, r->s.t);
		for (int i = 0; i < 11; i++) {
			cells[0] = cell_str(csv[i]);
			cells[1] = cell_u64(v[i]);
			render_row(&r->r, &view, cells, r->s.t);
		}
		vm_line_done(r);
		return 0;
	}
	printf("%13d disks\n", disks);
	vm_line_done(r);
	printf("%13d partitions\n", parts);
	vm_line_done(r);
	for (int i = 0; i < 11 && !r->stop; i++) {
		printf("%13" PRIu64 " %s\n", v[i], text[i]);
		vm_line_done(r);
	}
	return 0;
}

int vmstat_part_run(struct vm_run *r)
{
	const struct cli *c = r->c;
	static const struct field_def f[] = {
		{ "device", "device", -10, FK_STR, 0, "disk or partition" },
		{ "reads", "reads", 10, FK_U64, 0, "reads completed" },
		{ "read_sectors", "read sectors", 16, FK_U64, 0, "sectors read" },
		{ "writes", "writes", 10, FK_U64, 0, "writes completed" },
		{ "write_sectors", "requested writes", 16, FK_U64, 0, "sectors written" },
	};
	static const struct view_def view = { "vmstat-partition", f, (int)ZS_ARRAY_LEN(f) };
	const struct disk_entry *d;

	if (take_disks(r) < 0)
		return 1;
	if (!part_known(c->partition)) {
		vm_error(r, "Disk/Partition %s not found", c->partition);
		forget_known();
		return 1;
	}
	if (r->csv)
		render_header(&r->r, &view);
	else
		printf("%-10s %10s  %16s  %10s  %16s\n", c->partition, "reads", "read sectors", "writes",
		       "requested writes");
	vm_line_done(r);
	for (unsigned long i = 0; !r->stop && (c->infinite || i < c->count); i++) {
		if (i > 0 && take_disks(r) < 0) {
			forget_known();
			return 1;
		}
		d = part_known(c->partition);
		if (!d) {
			vm_error(r, "Disk/Partition %s not found", c->partition);
			forget_known();
			return 1;
		}
		if (r->csv) {
			struct cell cells[5] = { cell_str(d->name), cell_u64(d->reads), cell_u64(d->read_sectors),
						 cell_u64(d->writes), cell_u64(d->write_sectors) };

			render_row(&r->r, &view, cells, r->s.t);
		} else {
			printf("%21" PRIu64 "  %16" PRIu64 "  %10" PRIu64 "  %16" PRIu64 "\n", d->reads,
			       d->read_sectors, d->writes, d->write_sectors);
		}
		vm_line_done(r);
		if (c->infinite || i + 1 < c->count)
			vm_wait(r);
	}
	forget_known();
	return 0;
}
