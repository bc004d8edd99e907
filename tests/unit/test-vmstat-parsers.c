/* test-vmstat-parsers.c — Check suite for the parsers the vmstat views add: diskstats, slabinfo,
 * cpuinfo.  Inputs are written here by hand in the kernel's formats. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "proc-cpuinfo.h"
#include "proc-diskstats.h"
#include "proc-slabinfo.h"
#include "unit-run.h"

START_TEST(diskstats_fields_and_disks)
{
	static const char text[] =
		" 254       0 vda 56700 10112 16761482 32627 16545 10303 12544912 7065 3 14240 41622 9318 64 "
		"12100080 1868 910 60\n"
		" 254       1 vda1 10 0 80 1 2 0 16 0 0 4 1\n"
		"   8       2 sda2 5 40 6 48\n"
		"\n";
	static const char sysblock[] = "loop0\nvda\n";
	struct diskstats ds = { 0 };
	struct zs_err e;
	const struct disk_entry *d;

	ck_assert_int_eq(proc_diskstats_parse(&ds, text, strlen(text), sysblock, strlen(sysblock), &e), 0);
	ck_assert_uint_eq(ds.n, 3);
	d = proc_diskstats_find(&ds, "vda");
	ck_assert_ptr_nonnull(d);
	ck_assert(d->is_disk);
	ck_assert_int_eq(d->major, 254);
	ck_assert_int_eq(d->nfields, 17);
	ck_assert_uint_eq(d->reads, 56700);
	ck_assert_uint_eq(d->write_sectors, 12544912);
	ck_assert_uint_eq(d->in_flight, 3);
	ck_assert_uint_eq(d->io_ms, 14240);
	ck_assert_uint_eq(d->weighted_ms, 41622);
	d = proc_diskstats_find(&ds, "vda1");
	ck_assert(!d->is_disk);
	ck_assert_int_eq(d->nfields, 11);
	/* the old 4-number partition line: reads, read sectors, writes, write sectors */
	d = proc_diskstats_find(&ds, "sda2");
	ck_assert_int_eq(d->nfields, 4);
	ck_assert_uint_eq(d->read_sectors, 40);
	ck_assert_uint_eq(d->write_sectors, 48);
	ck_assert_ptr_null(proc_diskstats_find(&ds, "vd"));
	/* no /sys/block: everything is a disk */
	ck_assert_int_eq(proc_diskstats_parse(&ds, text, strlen(text), NULL, 0, &e), 0);
	ck_assert(proc_diskstats_find(&ds, "vda1")->is_disk);
	/* garbage is refused with the file named */
	ck_assert_int_eq(proc_diskstats_parse(&ds, "x y z\n", 6, NULL, 0, &e), -1);
	ck_assert(strncmp(e.msg, "diskstats:", 10) == 0);
	proc_diskstats_free(&ds);
}
END_TEST

START_TEST(slabinfo_lines)
{
	static const char text[] =
		"slabinfo - version: 2.1\n"
		"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables "
		"<limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n"
		"bio-312               12     13    320   12    1 : tunables    0    0    0 : slabdata      1      "
		"2      0\n"
		"broken line\n"
		"kmalloc-8k             4      4   8192    4    8 : tunables    0    0    0 : slabdata      1      1"
		"      0\n";
	struct slabinfo si = { 0 };
	struct zs_err e;

	ck_assert_int_eq(proc_slabinfo_parse(&si, text, strlen(text), &e), 0);
	ck_assert_int_eq(si.major, 2);
	ck_assert_int_eq(si.minor, 1);
	ck_assert_uint_eq(si.n, 2);
	ck_assert_str_eq(si.s[0].name, "bio-312");
	ck_assert_uint_eq(si.s[0].active_objs, 12);
	ck_assert_uint_eq(si.s[0].num_objs, 13);
	ck_assert_uint_eq(si.s[0].objperslab, 12);
	ck_assert_uint_eq(si.s[0].num_slabs, 2);
	ck_assert_int_eq(si.s[0].nfields, 7);
	ck_assert_uint_eq(si.bad_lines, 1);
	ck_assert_uint_eq(si.first_bad, 4);
	ck_assert_int_eq(proc_slabinfo_parse(&si, "slabinfo - version: 1.1\n", 24, &e), 0);
	ck_assert_int_eq(si.major, 1);
	ck_assert_int_eq(proc_slabinfo_parse(&si, "", 0, &e), -1);
	proc_slabinfo_free(&si);
}
END_TEST

START_TEST(cpuinfo_blocks)
{
	static const char closed[] = "processor\t: 0\nmodel name\t: Test CPU\ncore id\t\t: 0\n\n"
				     "processor\t: 1\ncore id\t\t: 1\n\n";
	static const char open_end[] = "processor\t: 0\nvendor\t: x\n\nprocessor\t: 1\nvendor\t: x\n";
	static const char ends_core[] = "processor\t: 0\ncore id\t: 0";
	struct cpuinfo ci;
	struct zs_err e;

	ck_assert_int_eq(proc_cpuinfo_parse(&ci, closed, strlen(closed), &e), 0);
	ck_assert_int_eq(ci.nprocessors, 2);
	ck_assert_int_eq(ci.ncore_ids, 2);
	ck_assert_str_eq(ci.model_name, "Test CPU");
	ck_assert(!ci.open_block_at_eof);
	ck_assert_int_eq(proc_cpuinfo_parse(&ci, open_end, strlen(open_end), &e), 0);
	ck_assert(ci.open_block_at_eof);
	ck_assert_int_eq(proc_cpuinfo_parse(&ci, ends_core, strlen(ends_core), &e), 0);
	ck_assert(!ci.open_block_at_eof);
	ck_assert_int_eq(proc_cpuinfo_parse(&ci, "", 0, &e), 0);
	ck_assert_int_eq(ci.nprocessors, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vmstat-parsers");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, diskstats_fields_and_disks);
	tcase_add_test(tc, slabinfo_lines);
	tcase_add_test(tc, cpuinfo_blocks);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
