/* test-proc-zoneinfo.c — Check suite for the /proc/zoneinfo parser.
 *
 * The texts are written here from the format history in kernel-mm-formulas.md §5.1 (one per era: 2.6.20
 * hot/cold pagesets, 2.6.32, 3.10, 4.4, 4.8, 4.14, 5.10, 6.1, 6.7, 6.18, > 6.18), plus broken input. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "unit-run.h"

static struct proc_zoneinfo zi;
static struct zs_err err;

static int parse(const char *text)
{
	return proc_zoneinfo_parse(&zi, text, strlen(text), &err);
}

static void setup(void)
{
	memset(&zi, 0, sizeof zi);
	zs_err_clear(&err);
}

static void teardown(void)
{
	proc_zoneinfo_free(&zi);
}

/* 6.18: per-node stats, boost/promo/cma, protection before the items, unpopulated zones, 6.7 pagesets */
static const char z618[] =
	"Node 0, zone      DMA\n"
	"  per-node stats\n"
	"      nr_inactive_anon 2505\n"
	"      nr_mapped    2757\n"
	"      nr_kernel_file_pages 0\n"
	"  pages free     3840\n"
	"        boost    0\n"
	"        min      62\n"
	"        low      77\n"
	"        high     92\n"
	"        promo    107\n"
	"        spanned  4095\n"
	"        present  3998\n"
	"        managed  3840\n"
	"        cma      0\n"
	"        protection: (0, 3019, 4043, 4043, 4043)\n"
	"      nr_free_pages 3840\n"
	"      nr_free_pages_blocks 3584\n"
	"      nr_mlock     0\n"
	"      numa_hit     0\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count:    0\n"
	"              high:     0\n"
	"              batch:    1\n"
	"              high_min: 38\n"
	"              high_max: 240\n"
	"    cpu: 1\n"
	"              count:    5\n"
	"              high:     41\n"
	"              batch:    1\n"
	"              high_min: 38\n"
	"              high_max: 240\n"
	"  vm stats threshold: 4\n"
	"  node_unreclaimable:  0\n"
	"  start_pfn:           1\n"
	"Node 0, zone    DMA32\n"
	"  pages free     772507\n"
	"        boost    512\n"
	"        min      12570\n"
	"        low      15712\n"
	"        high     18854\n"
	"        promo    21996\n"
	"        spanned  1044480\n"
	"        present  782336\n"
	"        managed  772917\n"
	"        cma      0\n"
	"        protection: (0, 0, 1024, 1024, 1024)\n"
	"      nr_free_pages 772507\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count:    10\n"
	"              high:     6273\n"
	"              batch:    63\n"
	"              high_min: 7856\n"
	"              high_max: 48307\n"
	"  vm stats threshold: 24\n"
	"  node_unreclaimable:  0\n"
	"  start_pfn:           4096\n"
	"Node 0, zone  Movable\n"
	"  pages free     0\n"
	"        boost    0\n"
	"        min      32\n"
	"        low      32\n"
	"        high     32\n"
	"        promo    32\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n"
	"        cma      0\n"
	"        protection: (0, 0, 0, 0, 0)\n"
	"Node 0, zone   Device\n"
	"  pages free     0\n"
	"        boost    0\n"
	"        min      0\n"
	"        low      0\n"
	"        high     0\n"
	"        promo    0\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n"
	"        cma      0\n"
	"        protection: (0, 0, 0, 0, 0)";

START_TEST(format_618)
{
	const struct zone *z;

	ck_assert_int_eq(parse(z618), 0);
	ck_assert_int_eq(zi.nzones, 4);
	ck_assert_int_eq(zi.nnodes, 1);
	ck_assert_int_eq(zi.pcp_format, 2);
	ck_assert(zi.node[0].have_stats);
	ck_assert_int_eq(kv_val(&zi.node[0].stats, "nr_mapped"), 2757);
	ck_assert(kv_has(&zi.node[0].stats, "nr_kernel_file_pages"));
	ck_assert(!kv_has(&zi.node[0].stats, "nr_free_pages"));
	z = &zi.zone[0];
	ck_assert_str_eq(z->name, "DMA");
	ck_assert_uint_eq(z->free, 3840);
	ck_assert_uint_eq(z->min, 62);
	ck_assert_uint_eq(z->low, 77);
	ck_assert_uint_eq(z->high, 92);
	ck_assert_uint_eq(z->promo, 107);
	ck_assert_uint_eq(z->spanned, 4095);
	ck_assert_uint_eq(z->present, 3998);
	ck_assert_uint_eq(z->managed, 3840);
	ck_assert_int_eq(z->nprotection, 5);
	ck_assert_int_eq(z->protection[1], 3019);
	ck_assert_int_eq(z->protection[4], 4043);
	ck_assert_int_eq(kv_val(&z->items, "nr_free_pages_blocks"), 3584);
	ck_assert(kv_has(&z->items, "numa_hit"));
	ck_assert(!kv_has(&z->items, "nr_mapped"));
	ck_assert_int_eq(z->npcp, 2);
	ck_assert_int_eq(z->pcp[1].cpu, 1);
	ck_assert_int_eq(z->pcp[1].count, 5);
	ck_assert_int_eq(z->pcp[1].high, 41);
	ck_assert_int_eq(z->pcp[1].high_min, 38);
	ck_assert_int_eq(z->pcp[1].high_max, 240);
	ck_assert_int_eq(z->threshold, 4);
	ck_assert_uint_eq(z->start_pfn, 1);
	ck_assert(z->have & ZONE_HAVE_BOOST && z->have & ZONE_HAVE_PROMO && z->have & ZONE_HAVE_CMA);
	ck_assert(z->have & ZONE_HAVE_NODE_UNRECLAIMABLE);
	ck_assert(!(z->have & ZONE_HAVE_ALL_UNRECLAIMABLE));
	ck_assert(z->populated);
	ck_assert_uint_eq(zi.zone[1].boost, 512);
	ck_assert_int_eq(zi.zone[1].idx, 1);
	ck_assert_int_eq(zi.zone[1].pcp[0].high, 6273);   /* stale below high_min: kept as printed */
	z = &zi.zone[2];
	ck_assert_str_eq(z->name, "Movable");
	ck_assert(!z->populated);
	ck_assert_uint_eq(z->min, 32);
	ck_assert_int_eq(z->npcp, 0);
	ck_assert_int_eq(z->threshold, -1);
	ck_assert_int_eq(z->nprotection, 5);
	ck_assert_ptr_eq(proc_zoneinfo_find(&zi, 0, "Device"), &zi.zone[3]);
	ck_assert_ptr_null(proc_zoneinfo_find(&zi, 1, "DMA"));
}
END_TEST

/* > 6.18: highatomic lines in the tail */
START_TEST(format_after_618)
{
	static const char t[] = "Node 0, zone   Normal\n"
				"  pages free     100\n"
				"        min      10\n"
				"        present  1000\n"
				"        managed  900\n"
				"        protection: (0, 0, 0)\n"
				"  pagesets\n"
				"  vm stats threshold: 8\n"
				"  node_unreclaimable:  1\n"
				"  start_pfn:           1048576\n"
				"  reserved_highatomic: 1024\n"
				"  free_highatomic:     17\n";

	ck_assert_int_eq(parse(t), 0);
	ck_assert_uint_eq(zi.zone[0].reserved_highatomic, 1024);
	ck_assert_uint_eq(zi.zone[0].free_highatomic, 17);
	ck_assert(zi.zone[0].have & ZONE_HAVE_HIGHATOMIC);
	ck_assert_int_eq(zi.zone[0].node_unreclaimable, 1);
	ck_assert_uint_eq(zi.zone[0].start_pfn, 1048576);
}
END_TEST

/* 6.1: promo, old pageset layout "count: / high:  / batch: " */
START_TEST(format_61_and_514)
{
	static const char t61[] = "Node 0, zone   Normal\n"
				  "  per-node stats\n"
				  "      nr_inactive_anon 1\n"
				  "  pages free     5000\n"
				  "        boost    0\n"
				  "        min      100\n"
				  "        low      125\n"
				  "        high     150\n"
				  "        promo    175\n"
				  "        spanned  8192\n"
				  "        present  8192\n"
				  "        managed  8000\n"
				  "        cma      0\n"
				  "        protection: (0, 0, 0, 0)\n"
				  "      nr_free_pages 5000\n"
				  "  pagesets\n"
				  "    cpu: 0\n"
				  "              count: 12\n"
				  "              high:  62\n"
				  "              batch: 1\n"
				  "  vm stats threshold: 6\n"
				  "    cpu: 1\n"
				  "              count: 0\n"
				  "              high:  62\n"
				  "              batch: 1\n"
				  "  vm stats threshold: 6\n"
				  "  node_unreclaimable:  0\n"
				  "  start_pfn:           1\n";
	static const char t514[] = "Node 0, zone   Normal\n"
				   "  pages free     5000\n"
				   "        boost    7\n"
				   "        min      107\n"
				   "        low      132\n"
				   "        high     157\n"
				   "        spanned  8192\n"
				   "        present  8192\n"
				   "        managed  8000\n"
				   "        cma      0\n"
				   "        protection: (0, 0, 0, 0)\n";

	ck_assert_int_eq(parse(t61), 0);
	ck_assert_int_eq(zi.pcp_format, 1);
	ck_assert_int_eq(zi.zone[0].npcp, 2);
	ck_assert_int_eq(zi.zone[0].pcp[0].count, 12);
	ck_assert_int_eq(zi.zone[0].pcp[0].high, 62);
	ck_assert_int_eq(zi.zone[0].pcp[0].high_min, -1);
	ck_assert_uint_eq(zi.zone[0].promo, 175);
	ck_assert_int_eq(zi.zone[0].threshold, 6);
	/* a re-parse of another text reuses the arrays and forgets the old values */
	ck_assert_int_eq(parse(t514), 0);
	ck_assert_int_eq(zi.nzones, 1);
	ck_assert_int_eq(zi.zone[0].npcp, 0);
	ck_assert_uint_eq(zi.zone[0].boost, 7);
	ck_assert(!(zi.zone[0].have & ZONE_HAVE_PROMO));
	ck_assert(!kv_has(&zi.zone[0].items, "nr_free_pages"));
	ck_assert(!zi.node[0].have_stats);
}
END_TEST

/* 4.8: node_scanned in the header, protection after the items, node_inactive_ratio in the tail */
START_TEST(format_48)
{
	static const char t[] = "Node 0, zone      DMA\n"
				"  per-node stats\n"
				"      nr_inactive_anon 10\n"
				"      nr_active_file 20\n"
				"  pages free     3975\n"
				"        min      33\n"
				"        low      41\n"
				"        high     49\n"
				"   node_scanned  0\n"
				"        spanned  4095\n"
				"        present  3998\n"
				"        managed  3977\n"
				"      nr_free_pages 3975\n"
				"      nr_zone_inactive_anon 0\n"
				"        protection: (0, 2960, 7921, 7921)\n"
				"  pagesets\n"
				"    cpu: 0\n"
				"              count: 0\n"
				"              high:  0\n"
				"              batch: 1\n"
				"  vm stats threshold: 6\n"
				"  node_unreclaimable:  0\n"
				"  start_pfn:           1\n"
				"  node_inactive_ratio:  0\n";

	ck_assert_int_eq(parse(t), 0);
	ck_assert(zi.zone[0].have & ZONE_HAVE_NODE_SCANNED);
	ck_assert(zi.zone[0].have & ZONE_HAVE_INACTIVE_RATIO);
	ck_assert_int_eq(zi.zone[0].protection[2], 7921);
	ck_assert_int_eq(kv_val(&zi.zone[0].items, "nr_free_pages"), 3975);
	ck_assert_int_eq(kv_val(&zi.node[0].stats, "nr_active_file"), 20);
	ck_assert(!kv_has(&zi.node[0].stats, "nr_free_pages"));
}
END_TEST

/* 3.10 / 4.4: 4-space items after managed, protection (%lu) after the items, all_unreclaimable tail */
START_TEST(format_310_44)
{
	static const char t[] = "Node 0, zone    DMA32\n"
				"  pages free     71215\n"
				"        min      405\n"
				"        low      506\n"
				"        high     607\n"
				"        scanned  0\n"
				"        spanned  1044480\n"
				"        present  429940\n"
				"        managed  406974\n"
				"    nr_free_pages 71215\n"
				"    nr_alloc_batch 101\n"
				"    nr_inactive_anon 12\n"
				"        protection: (0, 0, 14041, 14041)\n"
				"  pagesets\n"
				"    cpu: 0\n"
				"              count: 168\n"
				"              high:  186\n"
				"              batch: 31\n"
				"  vm stats threshold: 40\n"
				"  all_unreclaimable: 0\n"
				"  start_pfn:         4096\n"
				"  inactive_ratio:    3\n";

	ck_assert_int_eq(parse(t), 0);
	ck_assert_int_eq(zi.nzones, 1);
	ck_assert(!zi.node[0].have_stats);
	ck_assert_int_eq(kv_val(&zi.zone[0].items, "nr_inactive_anon"), 12);
	ck_assert_int_eq(kv_val(&zi.zone[0].items, "nr_alloc_batch"), 101);
	ck_assert(zi.zone[0].have & ZONE_HAVE_SCANNED);
	ck_assert(zi.zone[0].have & ZONE_HAVE_ALL_UNRECLAIMABLE);
	ck_assert_uint_eq(zi.zone[0].inactive_ratio, 3);
	ck_assert_int_eq(zi.zone[0].protection[2], 14041);
	ck_assert_int_eq(zi.zone[0].pcp[0].batch, 31);
	ck_assert_int_eq(zi.zone[0].threshold, 40);
	ck_assert_uint_eq(zi.zone[0].managed, 406974);
}
END_TEST

/* 2.6.32: no managed, prev_priority; 2.6.20: hot/cold "cpu: N pcp: M" and "scanned N (a: i:)" */
START_TEST(format_2632_2620)
{
	static const char t2632[] = "Node 0, zone   Normal\n"
				    "  pages free     1000\n"
				    "        min      50\n"
				    "        low      62\n"
				    "        high     75\n"
				    "        scanned  0\n"
				    "        spanned  65536\n"
				    "        present  64000\n"
				    "    nr_free_pages 1000\n"
				    "        protection: (0, 0)\n"
				    "  pagesets\n"
				    "    cpu: 0\n"
				    "              count: 3\n"
				    "              high:  186\n"
				    "              batch: 31\n"
				    "  vm stats threshold: 20\n"
				    "  all_unreclaimable: 0\n"
				    "  prev_priority:     12\n"
				    "  start_pfn:         0\n"
				    "  inactive_ratio:    1\n";
	static const char t2620[] = "Node 1, zone      DMA\n"
				    "  pages free     5000\n"
				    "        min      100\n"
				    "        low      125\n"
				    "        high     150\n"
				    "        active   10\n"
				    "        inactive 20\n"
				    "        scanned  7 (a: 0 i: 0)\n"
				    "        spanned  65536\n"
				    "        present  65536\n"
				    "    nr_anon_pages 1\n"
				    "        protection: (0, 0, 0)\n"
				    "  pagesets\n"
				    "    cpu: 0 pcp: 0\n"
				    "              count: 171\n"
				    "              high:  186\n"
				    "              batch: 31\n"
				    "    cpu: 0 pcp: 1\n"
				    "              count: 9\n"
				    "              high:  62\n"
				    "              batch: 15\n"
				    "  all_unreclaimable: 0\n"
				    "  prev_priority:     12\n"
				    "  start_pfn:         0\n";

	ck_assert_int_eq(parse(t2632), 0);
	ck_assert(!(zi.zone[0].have & ZONE_HAVE_MANAGED));
	ck_assert_uint_eq(zi.zone[0].present, 64000);
	ck_assert_int_eq(zi.zone[0].prev_priority, 12);
	ck_assert(zi.zone[0].have & ZONE_HAVE_PREV_PRIORITY);
	ck_assert_int_eq(parse(t2620), 0);
	ck_assert_int_eq(zi.zone[0].node, 1);
	ck_assert_uint_eq(zi.zone[0].scanned, 7);
	ck_assert_int_eq(kv_val(&zi.zone[0].items, "active"), 10);
	/* only the hot list is kept */
	ck_assert_int_eq(zi.zone[0].npcp, 1);
	ck_assert_int_eq(zi.zone[0].pcp[0].count, 171);
	ck_assert_int_eq(zi.zone[0].pcp[0].batch, 31);
}
END_TEST

/* two nodes, the second with Normal only; CRLF line ends; no final newline */
START_TEST(two_nodes_crlf)
{
	static const char t[] = "Node 0, zone   Normal\r\n"
				"  pages free     10\r\n"
				"        min      1\r\n"
				"        present  100\r\n"
				"        managed  90\r\n"
				"        protection: (0, 0)\r\n"
				"Node 1, zone   Normal\r\n"
				"  pages free     20\r\n"
				"        min      2\r\n"
				"        present  200\r\n"
				"        managed  180";

	ck_assert_int_eq(parse(t), 0);
	ck_assert_int_eq(zi.nnodes, 2);
	ck_assert_int_eq(zi.nzones, 2);
	ck_assert_str_eq(zi.zone[1].name, "Normal");
	ck_assert_int_eq(zi.zone[1].idx, 0);
	ck_assert_uint_eq(zi.zone[1].managed, 180);
	ck_assert_uint_eq(zi.zone[0].free, 10);
	ck_assert_int_eq(zi.zone[0].nprotection, 2);
}
END_TEST

START_TEST(bad_input)
{
	static const char dup[] = "Node 0, zone   Normal\n  pages free 1\nNode 0, zone   Normal\n  pages free 2\n";
	static const char badnode[] = "Node x, zone Normal\n";
	static const char noname[] = "Node 0, zone    \n";
	static const char huge[] = "Node 0, zone   Normal\n"
				   "  pages free     99999999999999999999999999\n"
				   "        protection: (-5, 18446744073709551616, x)\n"
				   "  pagesets\n"
				   "    cpu: 99999999999\n"
				   "              count: 5\n"
				   "    cpu: 3\n"
				   "              count: -7\n"
				   "  vm stats threshold: garbage\n";
	static const char truncated[] = "Node 0, zone      DMA\n  pages free     3840\n        min      6";
	static const char bin[] = "\x7f" "ELF\x01\x02\x03 Node";
	struct zs_err e2;

	ck_assert_int_eq(proc_zoneinfo_parse(&zi, "", 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "zoneinfo"));
	ck_assert_int_eq(parse("hello world\nthis is not zoneinfo\n"), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "no 'Node N, zone NAME'"));
	ck_assert_int_eq(parse(bin), -1);
	ck_assert_int_eq(parse(dup), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "appears twice"));
	ck_assert_ptr_nonnull(strstr(err.msg, "line 3"));
	ck_assert_int_eq(parse(badnode), -1);
	ck_assert_int_eq(parse(noname), -1);
	/* absurd numbers saturate or are skipped, never crash */
	ck_assert_int_eq(parse(huge), 0);
	ck_assert_uint_eq(zi.zone[0].free, UINT64_MAX);
	ck_assert_int_eq(zi.zone[0].protection[0], -5);
	ck_assert_int_eq(zi.zone[0].protection[1], INT64_MAX);
	ck_assert_int_eq(zi.zone[0].nprotection, 2);
	ck_assert_int_eq(zi.zone[0].npcp, 1);
	ck_assert_int_eq(zi.zone[0].pcp[0].cpu, 3);
	ck_assert_int_eq(zi.zone[0].pcp[0].count, -7);
	ck_assert_int_eq(zi.zone[0].threshold, -1);
	/* truncated mid-zone: what is there is kept */
	ck_assert_int_eq(proc_zoneinfo_parse(&zi, truncated, strlen(truncated), &e2), 0);
	ck_assert_uint_eq(zi.zone[0].min, 6);
	/* a length shorter than the text: nothing past it is read */
	ck_assert_int_eq(proc_zoneinfo_parse(&zi, z618, 60, &e2), 0);
	ck_assert_uint_eq(zi.zone[0].free, 0);
}
END_TEST

/* many protection entries and CPUs: arrays grow, extra protection entries are dropped */
START_TEST(many_cpus)
{
	char *t = malloc(1 << 20);
	size_t n = 0;

	n += (size_t)sprintf(t + n, "Node 0, zone   Normal\n  pages free 1\n        protection: (");
	for (int i = 0; i < 40; i++)
		n += (size_t)sprintf(t + n, "%s%d", i ? ", " : "", i);
	n += (size_t)sprintf(t + n, ")\n  pagesets\n");
	for (int c = 0; c < 1024; c++)
		n += (size_t)sprintf(t + n, "    cpu: %d\n              count:    %d\n              high:     9\n"
					    "              batch:    63\n              high_min: 8\n"
					    "              high_max: 10\n",
				     c, c);
	ck_assert_int_eq(proc_zoneinfo_parse(&zi, t, n, &err), 0);
	ck_assert_int_eq(zi.zone[0].npcp, 1024);
	ck_assert_int_eq(zi.zone[0].pcp[1023].count, 1023);
	ck_assert_int_eq(zi.zone[0].pcp[1023].high_max, 10);
	ck_assert_int_le(zi.zone[0].nprotection, 16);
	ck_assert_int_eq(zi.zone[0].protection[15], 15);
	free(t);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("proc-zoneinfo");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, format_618);
	tcase_add_test(tc, format_after_618);
	tcase_add_test(tc, format_61_and_514);
	tcase_add_test(tc, format_48);
	tcase_add_test(tc, format_310_44);
	tcase_add_test(tc, format_2632_2620);
	tcase_add_test(tc, two_nodes_crlf);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, many_cpus);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(suite());
}
