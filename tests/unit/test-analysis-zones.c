/* test-analysis-zones.c — watermark status and headroom, drift bound and drift mark, pages on per-CPU
 * lists, free-page rates, zones matched by name across samples, managed 0. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "kformula-sample.h"
#include "proc.h"
#include "sample-build.h"

START_TEST(status_boundaries_are_strict)
{
	/* the kernel's test is free > mark: equal to a mark is below it */
	ck_assert_int_eq(zone_status_of(151, 100, 125, 150), ZST_OK);
	ck_assert_int_eq(zone_status_of(150, 100, 125, 150), ZST_BELOW_HIGH);
	ck_assert_int_eq(zone_status_of(126, 100, 125, 150), ZST_BELOW_HIGH);
	ck_assert_int_eq(zone_status_of(125, 100, 125, 150), ZST_BELOW_LOW);
	ck_assert_int_eq(zone_status_of(101, 100, 125, 150), ZST_BELOW_LOW);
	ck_assert_int_eq(zone_status_of(100, 100, 125, 150), ZST_BELOW_MIN);
	ck_assert_int_eq(zone_status_of(0, 100, 125, 150), ZST_BELOW_MIN);
	ck_assert_str_eq(zone_status_name(ZST_BELOW_LOW), "<low");
	ck_assert_str_eq(zone_status_word(ZST_OK), "ok");
	ck_assert_str_eq(zone_status_word(ZST_BELOW_HIGH), "below high");
	ck_assert_str_eq(zone_status_word(ZST_BELOW_LOW), "below low: kswapd");
	ck_assert_str_eq(zone_status_word(ZST_BELOW_MIN), "below min: direct reclaim");
}
END_TEST

START_TEST(drift_mark_formula)
{
	/* tolerate = low − min = 25; 4 CPUs × 20 = 80 > 25 → mark = high + 80 = 230 */
	ck_assert_uint_eq(zone_drift_mark(100, 125, 150, 20, 4), 230);
	/* 1 CPU × 20 = 20 ≤ 25: the kernel sets no mark */
	ck_assert_uint_eq(zone_drift_mark(100, 125, 150, 20, 1), 0);
	/* exactly equal is not greater: no mark */
	ck_assert_uint_eq(zone_drift_mark(100, 125, 150, 25, 1), 0);
	ck_assert_uint_eq(zone_drift_mark(100, 125, 150, 0, 4), 0);
	ck_assert_uint_eq(zone_drift_mark(100, 125, 150, 20, 0), 0);
}
END_TEST

START_TEST(one_zone_everything)
{
	struct sample s;
	struct zones_analysis za;
	struct analysis_notes n;
	struct zone *z;
	const int64_t counts[4] = { 10, 0, 31, -2 };   /* a negative count must not subtract */
	const struct zone_analysis *a;

	sb_init(&s, 5);
	z = sb_zone(&s, 0, "Normal", 140, 100, 125, 150, 262144);
	z->boost = 7;
	z->have |= ZONE_HAVE_BOOST;
	sb_pcp(z, 4, counts, 20);
	z->protection = calloc(3, sizeof *z->protection);
	z->protection[1] = 0;
	z->protection[2] = 3019;
	z->nprotection = 3;
	zones_analysis_init(&za);
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_zones(NULL, &s, &za, &n), 0);
	ck_assert_int_eq(za.nzones, 1);
	a = &za.zone[0];
	ck_assert_str_eq(a->name, "Normal");
	ck_assert_int_eq(a->status, ZST_BELOW_HIGH);
	ck_assert_int_eq(a->head_min, 40);
	ck_assert_int_eq(a->head_low, 15);
	ck_assert_int_eq(a->head_high, -10);
	ck_assert_int_eq(a->protection_max, 3019);
	ck_assert_uint_eq(a->pcp_pages, 41);
	/* no cpu/online file: the pagesets' 4 CPUs are the online CPUs; 4 × 20 = 80 */
	ck_assert_int_eq(a->online_cpus, 4);
	ck_assert_uint_eq(a->drift, 80);
	/* the printed 20 is not the pressure threshold (125 − 100)/4 = 6, so it is the normal one the mark
	 * was set with: 4 × 20 = 80 > low − min = 25 → unboosted high 150 − 7 = 143, + 80 */
	ck_assert_int_eq(a->normal_threshold, 20);
	ck_assert(a->have_drift_mark);
	ck_assert_uint_eq(a->drift_mark, 223);
	/* |140 − 100| = 40 ≤ 80: min is within the drift */
	ck_assert(a->near_wmark);
	ck_assert_str_eq(a->near_name, "min");
	ck_assert(!a->have_free_rate);
	ck_assert_int_eq(n.n, 0);
	zones_analysis_free(&za);
	analysis_notes_free(&n);
	sb_free(&s);
}
END_TEST

/* kswapd awake: the zone shows the pressure threshold; the mark was set with the normal one */
START_TEST(drift_mark_under_the_pressure_threshold)
{
	struct sample s;
	struct zones_analysis za;
	const int64_t counts[4] = { 0, 0, 0, 0 };
	struct zone *z;

	sb_init(&s, 0);
	z = sb_zone(&s, 0, "Normal", 1000, 100, 125, 150, 262144);
	/* pressure threshold: max(1, (125 − 100)/4) = 6 */
	sb_pcp(z, 4, counts, 6);
	zones_analysis_init(&za);
	ck_assert_int_eq(analysis_zones(NULL, &s, &za, NULL), 0);
	/* 262144 pages = 8 × 128 MiB: min(125, 2·fls(4)·(1 + fls(8))) = 2·3·5 = 30; 4 × 30 = 120 > 25 */
	ck_assert_int_eq(za.zone[0].normal_threshold, 30);
	ck_assert_uint_eq(za.zone[0].drift_mark, 150 + 120);
	/* the drift bound is the threshold in force: 4 × 6 */
	ck_assert_uint_eq(za.zone[0].drift, 24);
	zones_analysis_free(&za);
	sb_free(&s);
}
END_TEST

/* 2.6.34 and older printed prev_priority and had no drift marks */
START_TEST(no_drift_mark_before_2_6_37)
{
	struct sample s;
	struct zones_analysis za;
	const int64_t counts[2] = { 0, 0 };
	struct zone *z;

	sb_init(&s, 0);
	z = sb_zone(&s, 0, "DMA", 1000, 100, 101, 102, 4096);
	z->have |= ZONE_HAVE_PREV_PRIORITY;
	sb_pcp(z, 2, counts, 16);
	zones_analysis_init(&za);
	ck_assert_int_eq(analysis_zones(NULL, &s, &za, NULL), 0);
	ck_assert(!za.zone[0].have_drift_mark);
	ck_assert_uint_eq(za.zone[0].drift, 32);
	zones_analysis_free(&za);
	sb_free(&s);
}
END_TEST

START_TEST(online_cpus_from_sysfs_win)
{
	struct sample s;
	struct zones_analysis za;
	const int64_t counts[2] = { 0, 0 };
	int online[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };

	sb_init(&s, 0);
	sb_pcp(sb_zone(&s, 0, "DMA32", 5000, 100, 125, 150, 100000), 2, counts, 10);
	s.cpu_online = online;
	s.ncpu_online = 8;
	s.have |= SAMPLE_HAVE(SP_CPU_ONLINE);
	zones_analysis_init(&za);
	ck_assert_int_eq(analysis_zones(NULL, &s, &za, NULL), 0);
	ck_assert_int_eq(za.zone[0].online_cpus, 8);
	ck_assert_uint_eq(za.zone[0].drift, 80);
	ck_assert(!za.zone[0].near_wmark);
	ck_assert_int_eq(za.zone[0].status, ZST_OK);
	s.cpu_online = NULL;
	zones_analysis_free(&za);
	sb_free(&s);
}
END_TEST

START_TEST(matched_by_name_not_position)
{
	struct sample p, c;
	struct zones_analysis za;
	struct analysis_notes n;

	/* before: DMA, Normal (node 0) and Normal (node 1); after: DMA32 is new between them and
	 * node 1 is gone — Normal must still be compared with Normal */
	sb_init(&p, 10);
	sb_zone(&p, 0, "DMA", 3840, 10, 12, 15, 3840);
	sb_zone(&p, 0, "Normal", 1000, 100, 125, 150, 262144);
	sb_zone(&p, 1, "Normal", 9000, 100, 125, 150, 262144);
	sb_init(&c, 12);
	sb_zone(&c, 0, "DMA", 3840, 10, 12, 15, 3840);
	sb_zone(&c, 0, "DMA32", 70000, 100, 125, 150, 772917);
	sb_zone(&c, 0, "Normal", 1500, 100, 125, 150, 262144);
	zones_analysis_init(&za);
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_zones(&p, &c, &za, &n), 0);
	ck_assert_int_eq(za.nzones, 3);
	ck_assert_double_eq_tol(za.interval_s, 2.0, 1e-9);
	/* DMA: unchanged */
	ck_assert(za.zone[0].have_free_rate);
	ck_assert_double_eq_tol(za.zone[0].free_rate, 0.0, 1e-9);
	/* DMA32: new, no rate, noted */
	ck_assert(za.zone[1].appeared);
	ck_assert(!za.zone[1].have_free_rate);
	/* Normal: (1500 − 1000) / 2 s */
	ck_assert_str_eq(za.zone[2].name, "Normal");
	ck_assert_double_eq_tol(za.zone[2].free_rate, 250.0, 1e-9);
	ck_assert(sb_has_note(&n, "node 0 zone DMA32 appeared"));
	ck_assert(sb_has_note(&n, "node 1 zone Normal disappeared"));
	ck_assert_int_eq(n.n, 2);
	zones_analysis_free(&za);
	analysis_notes_free(&n);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(falling_free_gives_negative_rate)
{
	struct sample p, c;
	struct zones_analysis za;

	sb_init(&p, 1);
	sb_zone(&p, 0, "Normal", 5000, 100, 125, 150, 262144);
	sb_init(&c, 1.5);
	sb_zone(&c, 0, "Normal", 4000, 100, 125, 150, 262144);
	zones_analysis_init(&za);
	ck_assert_int_eq(analysis_zones(&p, &c, &za, NULL), 0);
	ck_assert_double_eq_tol(za.zone[0].free_rate, -2000.0, 1e-9);
	zones_analysis_free(&za);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(managed_zero_and_populating)
{
	struct sample p, c;
	struct zones_analysis za;
	struct analysis_notes n;
	const int64_t counts[2] = { 3, 3 };
	struct zone *z;

	/* an empty Movable zone (all zeros) is analysed without dividing by anything */
	sb_init(&p, 0);
	z = sb_zone(&p, 0, "Movable", 0, 0, 0, 0, 0);
	sb_pcp(z, 2, counts, 0);
	z->have &= ~ZONE_HAVE_THRESHOLD;
	sb_init(&c, 1);
	sb_pcp(sb_zone(&c, 0, "Movable", 65536, 32, 40, 48, 65536), 2, counts, 6);
	zones_analysis_init(&za);
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_zones(NULL, &p, &za, &n), 0);
	ck_assert(!za.zone[0].populated);
	ck_assert_int_eq(za.zone[0].status, ZST_EMPTY);
	ck_assert_uint_eq(za.zone[0].drift, 0);
	ck_assert(!za.zone[0].near_wmark);
	/* then memory is onlined into it: the zone appears */
	ck_assert_int_eq(analysis_zones(&p, &c, &za, &n), 0);
	ck_assert(za.zone[0].populated);
	ck_assert(za.zone[0].appeared);
	ck_assert(!za.zone[0].have_free_rate);
	ck_assert(sb_has_note(&n, "node 0 zone Movable appeared"));
	zones_analysis_free(&za);
	analysis_notes_free(&n);
	sb_free(&p);
	sb_free(&c);
}
END_TEST

START_TEST(no_zoneinfo_is_an_error)
{
	struct sample s;
	struct zones_analysis za;
	struct analysis_notes n;

	sb_init(&s, 0);
	zones_analysis_init(&za);
	analysis_notes_init(&n);
	ck_assert_int_eq(analysis_zones(NULL, &s, &za, &n), -1);
	ck_assert_int_eq(n.n, 1);
	zones_analysis_free(&za);
	analysis_notes_free(&n);
	sb_free(&s);
}
END_TEST

START_TEST(pre_3_8_uses_present)
{
	struct sample s;
	struct zones_analysis za;
	struct zone *z;

	sb_init(&s, 0);
	z = sb_zone(&s, 0, "Normal", 500, 100, 125, 150, 0);
	z->present = 4096;
	z->have &= ~ZONE_HAVE_MANAGED;
	zones_analysis_init(&za);
	ck_assert_int_eq(analysis_zones(NULL, &s, &za, NULL), 0);
	ck_assert(za.zone[0].populated);
	ck_assert_uint_eq(za.zone[0].managed, 4096);
	ck_assert(!za.zone[0].have_managed);
	zones_analysis_free(&za);
	sb_free(&s);
}
END_TEST

/* The parser's skip_counters (what -z and -b ask for) leaves out the node stats and zone items and keeps
 * every other field exactly; it also sends the lines it uses down a fast path of its own
 * (proc-zoneinfo-fast.c), so the full parse is the reference for that path: on the captured trees and on
 * every capture of $ZONESTAT_CORPUS, and on the in-repo captures altered line by line (each line dropped,
 * its indentation made a tab, a '\r' before its '\n', cut short, its first blank made a colon) so that the
 * fast path's rejects and near misses are compared too.  The fast path predicts each line from the lines
 * it saw before (in this parse and the previous ones of the same struct), so the altered texts are also
 * parsed by a struct that parsed the unaltered capture first: its predictions all hold but at the altered
 * line. */
static const char *warm_text;    /* the unaltered capture, while its alterations are compared */
static size_t warm_len;

static void same_fields(const struct proc_zoneinfo *full, const struct proc_zoneinfo *lite, int rf, int rl,
			const char *what);

static void same_parse(const char *text, size_t len, const char *what)
{
	struct proc_zoneinfo full, lite, warm;
	struct zs_err e;
	int rf, rl;

	memset(&full, 0, sizeof full);
	memset(&lite, 0, sizeof lite);
	memset(&warm, 0, sizeof warm);
	lite.skip_counters = warm.skip_counters = true;
	rf = proc_zoneinfo_parse(&full, text, len, &e);
	rl = proc_zoneinfo_parse(&lite, text, len, &e);
	same_fields(&full, &lite, rf, rl, what);
	if (warm_text) {
		char w[4300];

		/* twice: the second parse keeps whole lines with their values */
		proc_zoneinfo_parse(&warm, warm_text, warm_len, &e);
		proc_zoneinfo_parse(&warm, warm_text, warm_len, &e);
		rl = proc_zoneinfo_parse(&warm, text, len, &e);
		snprintf(w, sizeof w, "%s, after the unaltered capture", what);
		same_fields(&full, &warm, rf, rl, w);
	}
	proc_zoneinfo_free(&full);
	proc_zoneinfo_free(&lite);
	proc_zoneinfo_free(&warm);
}

static void same_fields(const struct proc_zoneinfo *fullp, const struct proc_zoneinfo *litep, int rf, int rl,
			const char *what)
{
	const struct proc_zoneinfo full = *fullp, lite = *litep;

	ck_assert_msg(rf == rl, "%s: parse status %d against %d", what, rf, rl);
	if (rf == 0) {
		ck_assert_msg(full.nzones == lite.nzones && full.nnodes == lite.nnodes, "%s: zones/nodes", what);
		ck_assert_int_eq(full.pcp_format, lite.pcp_format);
	}
	for (int i = 0; rf == 0 && i < full.nnodes; i++)
		ck_assert_msg(full.node[i].id == lite.node[i].id && full.node[i].have_stats == lite.node[i].have_stats &&
				      lite.node[i].stats.n == 0,
			      "%s: node %d", what, i);
	for (int i = 0; rf == 0 && i < full.nzones; i++) {
		const struct zone *a = &full.zone[i], *b = &lite.zone[i];

		ck_assert_msg(a->node == b->node && strcmp(a->name, b->name) == 0 && a->idx == b->idx, "%s: zone %d",
			      what, i);
		ck_assert_msg(a->have == b->have && a->populated == b->populated, "%s: %s have", what, a->name);
		ck_assert_msg(a->free == b->free && a->min == b->min && a->low == b->low && a->high == b->high &&
				      a->promo == b->promo && a->boost == b->boost && a->managed == b->managed &&
				      a->present == b->present && a->spanned == b->spanned && a->cma == b->cma &&
				      a->scanned == b->scanned,
			      "%s: %s header", what, a->name);
		ck_assert_msg(a->threshold == b->threshold && a->node_unreclaimable == b->node_unreclaimable &&
				      a->all_unreclaimable == b->all_unreclaimable && a->start_pfn == b->start_pfn &&
				      a->prev_priority == b->prev_priority && a->inactive_ratio == b->inactive_ratio &&
				      a->reserved_highatomic == b->reserved_highatomic &&
				      a->free_highatomic == b->free_highatomic,
			      "%s: %s tail", what, a->name);
		ck_assert_msg(a->nprotection == b->nprotection, "%s: %s protection", what, a->name);
		for (int j = 0; j < a->nprotection; j++)
			ck_assert(a->protection[j] == b->protection[j]);
		ck_assert_msg(a->npcp == b->npcp, "%s: %s pagesets", what, a->name);
		for (int j = 0; j < a->npcp; j++)
			ck_assert_msg(a->pcp[j].cpu == b->pcp[j].cpu && a->pcp[j].count == b->pcp[j].count &&
					      a->pcp[j].high == b->pcp[j].high && a->pcp[j].batch == b->pcp[j].batch &&
					      a->pcp[j].high_min == b->pcp[j].high_min &&
					      a->pcp[j].high_max == b->pcp[j].high_max,
				      "%s: %s pcp %d", what, a->name, j);
		ck_assert_int_eq(b->items.n, 0);
	}
}

static char *read_capture(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	static char text[1 << 20];

	if (!f)
		return NULL;
	*len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[*len] = '\0';
	return text;
}

static bool same_without_counters(const char *path)
{
	size_t len;
	const char *text = read_capture(path, &len);

	if (!text)
		return false;
	same_parse(text, len, path);
	return true;
}

/* each line of the capture at path altered in turn, in six ways (see above) */
static void same_when_altered(const char *path)
{
	size_t len, at = 0;
	const char *text = read_capture(path, &len);
	static char alt[(1 << 20) + 8];
	int line = 0;

	ck_assert_msg(text != NULL, "%s not readable", path);
	warm_text = text;
	warm_len = len;
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t eol = nl ? (size_t)(nl - text) : len, ind = at, blank;
		char what[4200];

		line++;
		while (ind < eol && text[ind] == ' ')
			ind++;
		for (blank = ind; blank < eol && text[blank] != ' '; blank++)
			;
		for (int how = 0; how < 6; how++) {
			size_t n = at, rest = nl ? eol + 1 : len; /* the text after this line and its '\n' */

			memcpy(alt, text, at);
			if (how == 1) {
				alt[n++] = '\t';
				memcpy(alt + n, text + ind, eol - ind);
				n += eol - ind;
			} else if (how == 2 || how == 4) {
				memcpy(alt + n, text + at, eol - at);
				if (how == 4 && blank < eol)
					alt[n + (blank - at)] = ':';
				n += eol - at;
				if (how == 2)
					alt[n++] = '\r';
			} else if (how == 3) {
				memcpy(alt + n, text + at, (eol - at) / 2);
				n += (eol - at) / 2;
			} else if (how == 5) {
				memcpy(alt + n, text + at, blank - at);
				n += blank - at;
				while (blank < eol && text[blank] == ' ')
					blank++;
				memcpy(alt + n, text + blank, eol - blank);
				n += eol - blank;
			}
			if (how != 0 && nl)
				alt[n++] = '\n';
			memcpy(alt + n, text + rest, len - rest);
			n += len - rest;
			alt[n] = '\0';
			snprintf(what, sizeof what, "%s, line %d altered (%d)", path, line, how);
			same_parse(alt, n, what);
		}
		at = eol + 1;
	}
	warm_text = NULL;
}

START_TEST(skip_counters_keeps_every_other_field)
{
	const char *top = getenv("top_srcdir"), *corpus = getenv("ZONESTAT_CORPUS");
	char path[4096];
	DIR *d;
	struct dirent *de;

	snprintf(path, sizeof path, "%s/tests/data/views-load/0/zoneinfo", top ? top : ".");
	ck_assert_msg(same_without_counters(path), "%s not readable", path);
	same_when_altered(path);
	snprintf(path, sizeof path, "%s/tests/data/live-6.18.44-fc-v669/proc/zoneinfo", top ? top : ".");
	ck_assert_msg(same_without_counters(path), "%s not readable", path);
	same_when_altered(path);
	if (!corpus || !(d = opendir(corpus)))
		return;
	while ((de = readdir(d))) {
		snprintf(path, sizeof path, "%s/%s/zoneinfo", corpus, de->d_name);
		same_without_counters(path);
	}
	closedir(d);
}
END_TEST

/* The kernel version a zoneinfo's format implies: a pcp batch above 31 is 4.19's 1 MiB cap */
START_TEST(batch_63_means_4_19)
{
	static const char fmt[] =
		"Node 0, zone   Normal\n  per-node stats\n      nr_inactive_anon 1\n  pages free     100\n"
		"        min      10\n        low      12\n        high     14\n        spanned  1000\n"
		"        present  1000\n        managed  1000\n        protection: (0, 0)\n"
		"      nr_free_pages 100\n  pagesets\n    cpu: 0\n              count: 1\n"
		"              high:  %d\n              batch: %d\n  vm stats threshold: 8\n"
		"  node_unreclaimable:  0\n  start_pfn:           4096\n"
		"Node 0, zone  Movable\n  pages free     0\n        min      0\n        low      0\n"
		"        high     0\n        spanned  0\n        present  0\n        managed  0\n"
		"        protection: (0, 0)\n";
	char text[2048];
	struct proc_zoneinfo zi;
	struct zs_err e;

	memset(&zi, 0, sizeof zi);
	snprintf(text, sizeof text, fmt, 378, 63);
	ck_assert_int_eq(proc_zoneinfo_parse(&zi, text, strlen(text), &e), 0);
	ck_assert_uint_eq(kf_version_from_zoneinfo(&zi), KF_VER(4, 19));
	snprintf(text, sizeof text, fmt, 186, 31);
	ck_assert_int_eq(proc_zoneinfo_parse(&zi, text, strlen(text), &e), 0);
	ck_assert_uint_eq(kf_version_from_zoneinfo(&zi), KF_VER(4, 12));
	proc_zoneinfo_free(&zi);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		status_boundaries_are_strict,
		drift_mark_formula,
		one_zone_everything,
		skip_counters_keeps_every_other_field,
		batch_63_means_4_19,
		drift_mark_under_the_pressure_threshold,
		no_drift_mark_before_2_6_37,
		online_cpus_from_sysfs_win,
		matched_by_name_not_position,
		falling_free_gives_negative_rate,
		managed_zero_and_populating,
		no_zoneinfo_is_an_error,
		pre_3_8_uses_present,
	};

	return sb_run("analysis-zones", tests, (int)ZS_ARRAY_LEN(tests));
}
