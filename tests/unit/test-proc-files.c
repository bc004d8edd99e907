/* test-proc-files.c — Check suite for the smaller zone-related parsers: buddyinfo, pressure/memory,
 * the sysctls (via a snapshot), node sysfs and pagetypeinfo.  One test case per parser.
 *
 * Texts written here after the formats of kernel-mm-formulas.md §5.2–§5.5, plus broken input. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "unit-run.h"

static struct zs_err err;

/* ---- buddyinfo ---- */

START_TEST(buddyinfo_formats)
{
	static const char t[] = "Node 0, zone      DMA      0      0      0      0      0      0      0      0"
				"      1      1      3 \n"
				"Node 0, zone    DMA32    470    524     98    154     86     30     23     10     26"
				"     12    681 \n"
				"Node 1, zone   Normal      1      2 \n";
	struct proc_buddyinfo b = { 0 };
	uint64_t pages = 0;

	ck_assert_int_eq(proc_buddyinfo_parse(&b, t, strlen(t), &err), 0);
	ck_assert_int_eq(b.nzones, 3);
	ck_assert_str_eq(b.zone[1].name, "DMA32");
	ck_assert_int_eq(b.zone[1].norders, 11);
	ck_assert_uint_eq(b.zone[1].nfree[10], 681);
	for (int o = 0; o < b.zone[0].norders; o++)
		pages += b.zone[0].nfree[o] << o;
	ck_assert_uint_eq(pages, 256 + 512 + 3 * 1024);
	/* another architecture's order count is whatever the columns say */
	ck_assert_int_eq(b.zone[2].node, 1);
	ck_assert_int_eq(b.zone[2].norders, 2);
	proc_buddyinfo_free(&b);
}
END_TEST

START_TEST(buddyinfo_bad)
{
	struct proc_buddyinfo b = { 0 };
	static const char dup[] = "Node 0, zone DMA 1 2\nNode 0, zone DMA 1 2\n";

	ck_assert_int_eq(proc_buddyinfo_parse(&b, "", 0, &err), -1);
	ck_assert_int_eq(proc_buddyinfo_parse(&b, "garbage\n", 8, &err), -1);
	ck_assert_int_eq(proc_buddyinfo_parse(&b, dup, strlen(dup), &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "twice"));
	ck_assert_int_eq(proc_buddyinfo_parse(&b, "Node 0, zone DMA\n", 17, &err), -1);
	ck_assert_int_eq(proc_buddyinfo_parse(&b, "Node 0 zone DMA 1\n", 18, &err), -1);
	proc_buddyinfo_free(&b);
}
END_TEST

/* ---- pressure/memory ---- */

START_TEST(psi_formats)
{
	static const char t[] = "some avg10=70.24 avg60=68.52 avg300=69.91 total=3559632828\n"
				"full avg10=57.59 avg60=58.06 avg300=60.38 total=3300487258\n";
	struct proc_psi p;

	ck_assert_int_eq(proc_psi_parse(&p, t, strlen(t), &err), 0);
	ck_assert(p.some.have && p.full.have);
	ck_assert_double_eq_tol(p.some.avg10, 70.24, 1e-9);
	ck_assert_double_eq_tol(p.full.avg300, 60.38, 1e-9);
	ck_assert_uint_eq(p.some.total_us, 3559632828u);
	/* old kernels: only "some" */
	ck_assert_int_eq(proc_psi_parse(&p, t, 60, &err), 0);
	ck_assert(p.some.have && !p.full.have);
}
END_TEST

START_TEST(psi_bad)
{
	struct proc_psi p;
	static const char cut[] = "some avg10=1.00 avg60=";

	ck_assert_int_eq(proc_psi_parse(&p, "", 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "pressure/memory"));
	ck_assert_int_eq(proc_psi_parse(&p, cut, strlen(cut), &err), -1);
	ck_assert_int_eq(proc_psi_parse(&p, "full avg10=1 avg60=1 avg300=1 total=1\n", 38, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "no 'some'"));
}
END_TEST

/* ---- sysctls ---- */

static void set(struct snapshot *s, enum snap_file id, const char *t)
{
	snapshot_set(s, id, t, strlen(t));
}

START_TEST(sysctl_values)
{
	struct snapshot s;
	struct sysctls sys;

	snapshot_init(&s);
	set(&s, SNAP_SYSCTL_MIN_FREE_KBYTES, "67584\n");
	set(&s, SNAP_SYSCTL_WATERMARK_SCALE_FACTOR, "10\n");
	set(&s, SNAP_SYSCTL_LOWMEM_RESERVE_RATIO, "256\t256\t32\t0\t0\n");
	set(&s, SNAP_SYSCTL_PERCPU_PAGELIST_HIGH_FRACTION, "0\n");
	set(&s, SNAP_THP_ENABLED, "always [madvise] never\n");
	ck_assert_int_eq(proc_sysctl_parse(&sys, &s, &err), 0);
	ck_assert_int_eq(sys.min_free_kbytes, 67584);
	ck_assert_int_eq(sys.watermark_scale_factor, 10);
	ck_assert_int_eq(sys.watermark_boost_factor, -1);
	ck_assert_int_eq(sys.nlowmem_reserve_ratio, 5);
	ck_assert_int_eq(sys.lowmem_reserve_ratio[2], 32);
	ck_assert_int_eq(sys.percpu_pagelist_high_fraction, 0);
	ck_assert_int_eq(sys.percpu_pagelist_fraction, -1);
	ck_assert_int_eq(sys.thp_enabled, 1);
	/* pre-4.18: three ratios; THP always */
	set(&s, SNAP_SYSCTL_LOWMEM_RESERVE_RATIO, "256\t256\t32\n");
	set(&s, SNAP_THP_ENABLED, "[always] madvise never\n");
	ck_assert_int_eq(proc_sysctl_parse(&sys, &s, &err), 0);
	ck_assert_int_eq(sys.nlowmem_reserve_ratio, 3);
	ck_assert_int_eq(sys.thp_enabled, 2);
	set(&s, SNAP_THP_ENABLED, "always madvise [never]\n");
	ck_assert_int_eq(proc_sysctl_parse(&sys, &s, &err), 0);
	ck_assert_int_eq(sys.thp_enabled, 0);
	snapshot_free(&s);
}
END_TEST

START_TEST(sysctl_bad)
{
	struct snapshot s;
	struct sysctls sys;

	snapshot_init(&s);
	ck_assert_int_eq(proc_sysctl_parse(&sys, &s, &err), -1);
	set(&s, SNAP_SYSCTL_MIN_FREE_KBYTES, "lots\n");
	set(&s, SNAP_SYSCTL_WATERMARK_SCALE_FACTOR, "10\n");
	ck_assert_int_eq(proc_sysctl_parse(&sys, &s, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "min_free_kbytes"));
	/* the readable ones are still there */
	ck_assert_int_eq(sys.min_free_kbytes, -1);
	ck_assert_int_eq(sys.watermark_scale_factor, 10);
	set(&s, SNAP_SYSCTL_MIN_FREE_KBYTES, "12 34\n");
	ck_assert_int_eq(proc_sysctl_parse(&sys, &s, &err), -1);
	snapshot_free(&s);
}
END_TEST

/* ---- node sysfs ---- */

START_TEST(nodes)
{
	struct snapshot s;
	struct node_sysfs *n = NULL;
	int nn = 0;
	static const char mi[] = "Node 1 MemTotal:       24684092 kB\nNode 1 MemFree:        24037968 kB\n"
				 "Node 1 HugePages_Total:     0\n";
	static const char vm[] = "nr_free_pages 6009492\nnr_zone_inactive_anon 1\n";

	snapshot_init(&s);
	ck_assert_int_eq(proc_nodes_parse(&n, &nn, &s, &err), -1);
	snapshot_set_extra(&s, "node1/meminfo", mi, strlen(mi));
	snapshot_set_extra(&s, "node1/vmstat", vm, strlen(vm));
	snapshot_set_extra(&s, "node1/cpulist", "2-3,8\n", 6);
	snapshot_set_extra(&s, "node0/cpulist", "\n", 1);
	ck_assert_int_eq(proc_nodes_parse(&n, &nn, &s, &err), 0);
	ck_assert_int_eq(nn, 2);
	ck_assert_int_eq(n[0].id, 0);
	ck_assert_int_eq(n[0].ncpus, 0);
	ck_assert_int_eq(n[1].id, 1);
	ck_assert_int_eq(kv_val(&n[1].meminfo, "MemFree"), 24037968);
	ck_assert_int_eq(kv_val(&n[1].meminfo, "HugePages_Total"), 0);
	ck_assert(kv_has(&n[1].meminfo, "HugePages_Total"));
	ck_assert_int_eq(kv_val(&n[1].vmstat, "nr_free_pages"), 6009492);
	ck_assert_int_eq(n[1].ncpus, 3);
	ck_assert_int_eq(n[1].cpus[2], 8);
	/* a second parse replaces the first */
	ck_assert_int_eq(proc_nodes_parse(&n, &nn, &s, &err), 0);
	ck_assert_int_eq(nn, 2);
	proc_nodes_free(n, nn);
	snapshot_free(&s);
}
END_TEST

/* ---- pagetypeinfo ---- */

START_TEST(pagetypeinfo)
{
	/* 4.4+ column order, one capped list (≈5.5+), then pageblocks */
	static const char t[] =
		"Page block order: 9\n"
		"Pages per block:  512\n"
		"\n"
		"Free pages count per migrate type at order       0      1      2\n"
		"Node    0, zone      DMA, type    Unmovable      0      1      2 \n"
		"Node    0, zone      DMA, type      Movable      3      4 >100000 \n"
		"Node    0, zone      DMA, type  Reclaimable      0      0      0 \n"
		"Node    0, zone      DMA, type   HighAtomic      0      0      0 \n"
		"Node    0, zone   Normal, type      Movable      7      8      9 \n"
		"\n"
		"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic \n"
		"Node 0, zone      DMA            1            7            0            0 \n"
		"Node 0, zone   Normal           20         1000            5            0 \n";
	/* before 4.4: Reclaimable before Movable, Reserve instead of HighAtomic */
	static const char old[] = "Page block order: 10\n"
				  "Pages per block:  1024\n"
				  "\n"
				  "Free pages count per migrate type at order       0      1\n"
				  "Node    0, zone   Normal, type    Unmovable      5      6 \n"
				  "Node    0, zone   Normal, type  Reclaimable      1      2 \n"
				  "Node    0, zone   Normal, type      Movable      3      4 \n"
				  "Node    0, zone   Normal, type      Reserve      0      1 \n"
				  "\n"
				  "Number of blocks type     Unmovable  Reclaimable      Movable      Reserve \n"
				  "Node 0, zone   Normal           10            2          300            1 \n";
	struct proc_pagetypeinfo pt = { 0 };
	int mov;

	ck_assert_int_eq(proc_pagetypeinfo_parse(&pt, t, strlen(t), &err), 0);
	ck_assert_int_eq(pt.pageblock_order, 9);
	ck_assert_uint_eq(pt.pages_per_block, 512);
	ck_assert_int_eq(pt.ntypes, 4);
	ck_assert_str_eq(pt.type[1], "Movable");
	ck_assert_int_eq(pt.nzones, 2);
	ck_assert_uint_eq(pt.zone[0].nfree[1][2], 100000);
	ck_assert(pt.zone[0].capped[1]);
	ck_assert(!pt.zone[0].capped[0]);
	ck_assert_int_eq(pt.zone[0].norders, 3);
	ck_assert_uint_eq(pt.zone[1].nblocks[1], 1000);
	ck_assert(pt.zone[1].have_blocks);

	ck_assert_int_eq(proc_pagetypeinfo_parse(&pt, old, strlen(old), &err), 0);
	ck_assert_int_eq(pt.pageblock_order, 10);
	ck_assert_str_eq(pt.type[1], "Reclaimable");
	mov = 2;
	ck_assert_str_eq(pt.type[mov], "Movable");
	ck_assert_uint_eq(pt.zone[0].nfree[mov][1], 4);
	ck_assert_uint_eq(pt.zone[0].nblocks[mov], 300);

	ck_assert_int_eq(proc_pagetypeinfo_parse(&pt, "", 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "root"));
	ck_assert_int_eq(proc_pagetypeinfo_parse(&pt, "junk\n", 5, &err), -1);
	ck_assert_int_eq(proc_pagetypeinfo_parse(&pt, "Node x, zone\n", 13, &err), -1);
	proc_pagetypeinfo_free(&pt);
}
END_TEST

/* ---- cpu lists, read again and again into the same array (it is reused while the list fits) ---- */
START_TEST(cpulist_reread)
{
	static const struct {
		const char *text;
		int n, first, last;
	} seq[] = {
		{ "0-127\n", 128, 0, 127 }, { "3\n", 1, 3, 3 }, { "0-1,5\n", 3, 0, 5 },
		{ "64-65,1000-1003\n", 6, 64, 1003 }, { "0-200\n", 201, 0, 200 }, { "\n", 0, -1, -1 },
		{ "7,9\n", 2, 7, 9 },
	};
	int *cpus = NULL, n = 0;

	for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++) {
		ck_assert_int_eq(proc_cpulist_parse(&cpus, &n, seq[i].text, strlen(seq[i].text), &err), 0);
		ck_assert_int_eq(n, seq[i].n);
		if (n == 0)
			continue;
		ck_assert_int_eq(cpus[0], seq[i].first);
		ck_assert_int_eq(cpus[n - 1], seq[i].last);
		for (int j = 1; j < n; j++)
			ck_assert_int_lt(cpus[j - 1], cpus[j]);
	}
	/* the middle of "64-65,1000-1003" and of "0-1,5" (no id of an earlier, longer list left over) */
	ck_assert_int_eq(proc_cpulist_parse(&cpus, &n, "64-65,1000-1003\n", 16, &err), 0);
	ck_assert(n == 6 && cpus[1] == 65 && cpus[2] == 1000 && cpus[5] == 1003);
	ck_assert_int_eq(proc_cpulist_parse(&cpus, &n, "0-1,5\n", 6, &err), 0);
	ck_assert(n == 3 && cpus[1] == 1 && cpus[2] == 5);
	/* a bad list leaves the last one alone */
	ck_assert_int_eq(proc_cpulist_parse(&cpus, &n, "5-2\n", 4, &err), -1);
	ck_assert(n == 3 && cpus[2] == 5);
	free(cpus);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("proc-files");
	TCase *tb = tcase_create("buddyinfo"), *tp = tcase_create("psi"), *ts = tcase_create("sysctl");
	TCase *tn = tcase_create("nodes"), *tt = tcase_create("pagetypeinfo");

	tcase_add_test(tb, buddyinfo_formats);
	tcase_add_test(tb, buddyinfo_bad);
	tcase_add_test(tp, psi_formats);
	tcase_add_test(tp, psi_bad);
	tcase_add_test(ts, sysctl_values);
	tcase_add_test(ts, sysctl_bad);
	tcase_add_test(tn, nodes);
	tcase_add_test(tt, pagetypeinfo);
	tcase_add_test(tn, cpulist_reread);
	suite_add_tcase(s, tb);
	suite_add_tcase(s, tp);
	suite_add_tcase(s, ts);
	suite_add_tcase(s, tn);
	suite_add_tcase(s, tt);
	return s;
}

int main(void)
{
	return unit_run(suite());
}
