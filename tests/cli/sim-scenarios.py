#!/usr/bin/env python3
"""sim-scenarios.py — assert, from zonestat's CSV output, the behaviour each built-in scenario exists to
show, at the times its description in sim-builtin.c and zonestat-scenario(5) gives.

Usage: sim-scenarios.py SCENARIO DIR, where DIR holds r.csv (-r 1 N), z.csv (-z 1 N), b.csv (-b 1 N) and
v.csv (the vmstat view 1 N) of one run, and tree/ (its --sim-out tree after the last sample).  Prints what
failed and exits 1, or exits 0.  Times are simulated seconds since boot; an interval row at t holds the
rates over the second before t."""
import csv
import os
import sys

name, d = sys.argv[1], sys.argv[2]
errors = []
BOOT = 1767225600   # the simulated boot: 2026-01-01T00:00:00Z


def load(f):
    with open(os.path.join(d, f), newline="") as fh:
        return list(csv.DictReader(fh))


def num(v):
    return float(v) if v not in ("", None) else 0.0


def t(row):
    return round(num(row["epoch_s"]) - BOOT)


def expect(cond, msg):
    if not cond:
        errors.append(name + ": " + msg)


def vmstat_file(key):
    with open(os.path.join(d, "tree", "proc", "vmstat")) as fh:
        for line in fh:
            k, v = line.split()
            if k == key:
                return int(v)
    errors.append(name + ": tree/proc/vmstat has no " + key)
    return 0


r = [row for row in load("r.csv") if t(row) > 0]   # interval rows only
z = load("z.csv")
b = load("b.csv")
v = load("v.csv")
expect(len(r) > 0 and len(z) > 0 and len(b) > 0 and len(v) > 0, "empty CSV")


def when(col, rows=r):
    return [t(row) for row in rows if num(row[col]) > 0]


def total(col, rows=r):
    return sum(num(row[col]) for row in rows)


def between(lo, hi, rows=r):
    return [row for row in rows if lo < t(row) <= hi]


user_zones = [row for row in z if row["zone"] in ("DMA32", "Normal") and num(row["managed_pages"]) > 0]

if name == "steady":
    for col in ("scan_kswapd_pps", "scan_direct_pps", "allocstall_ps", "oom_kill_ps", "swap_out_pps",
                "swap_in_pps", "refault_pps", "compact_stall_ps"):
        expect(total(col) == 0, "%s should stay 0, got %s" % (col, total(col)))
    expect(all(row["status"] in ("ok", "empty") for row in z), "a zone left status ok")
    expect(total("psi_some_stall_ms") == 0, "PSI memory stall in a quiet machine")
    free = [num(row["free_kib"]) for row in v[1:]]
    expect(max(free) - min(free) < 0.05 * max(free), "free memory moved by more than 5 %")
    # counters drift within the bound: zoneinfo's free pages (-z, the per-CPU-differential counter) against
    # buddyinfo's blocks (-b, the free lists themselves) differ, by at most threshold · CPUs (drift_pages)
    truth = {(row["epoch_s"], row["node"], row["zone"]): sum(num(row["free_blocks_o%d" % k]) * 2 ** k for k in range(11))
             for row in b}
    drift = [(num(row["free_pages"]) - truth[(row["epoch_s"], row["node"], row["zone"])], num(row["drift_pages"]))
             for row in z if (row["epoch_s"], row["node"], row["zone"]) in truth and num(row["managed_pages"]) > 0]
    expect(len(drift) == len(b), "-z and -b samples do not match")
    expect(any(d != 0 for d, _ in drift), "the reported free pages never drifted from the buddy lists")
    expect(all(abs(d) <= bound for d, bound in drift), "drift beyond threshold · CPUs: %s" %
           [x for x in drift if abs(x[0]) > x[1]][:3])
elif name == "cache-stream":
    first = when("scan_kswapd_pps")
    # 4 GiB with ~3.5 GiB free, read at 200 MiB/s: memory is full after ~17 s
    expect(first and 14 <= first[0] <= 22, "kswapd did not start at ~17 s (%s)" % first[:1])
    if first:
        late = [row for row in r if t(row) > first[0]]
        expect(all(num(row["scan_kswapd_pps"]) > 0 and num(row["steal_kswapd_pps"]) > 0 for row in late),
               "kswapd did not scan and steal in every second once memory was full")
        # it absorbs the stream: steals roughly what is read (200 MiB/s = 51200 pages/s)
        steal = total("steal_kswapd_pps", late[2:]) / max(1, len(late[2:]))
        expect(40000 < steal < 60000, "kswapd steals %.0f pages/s, not the ~51200 read" % steal)
    for col in ("scan_direct_pps", "allocstall_ps", "oom_kill_ps", "swap_out_pps"):
        expect(total(col) == 0, "%s should stay 0, got %s" % (col, total(col)))
    expect(total("steal_file_pps") == total("steal_total_pps"), "reclaimed something other than file pages")
    # no zone is exhausted: its free count stays above min, give or take the counter's per-CPU drift (an
    # allocation at min that refills a pageset takes its batch past the mark, as rmqueue_bulk does)
    expect(all(num(row["free_pages"]) + num(row["drift_pages"]) > num(row["min_pages"]) for row in user_zones),
           "a zone fell to its min watermark")
    expect(all(num(row["bi_kib_per_s"]) >= 190 * 1024 for row in v[2:]), "reads are not ~200 MiB/s")
elif name == "anon-leak":
    ooms = when("oom_kill_ps")
    expect(len(ooms) >= 2, "fewer than two OOM kills in the run: %s" % ooms)
    if ooms:
        # 2 GiB without swap, ~1.7 GiB free, 100 MiB/s leaked: the first kill at ~18 s
        expect(15 <= ooms[0] <= 22, "first OOM kill not at ~18 s (%d)" % ooms[0])
        gaps = [b2 - a for a, b2 in zip(ooms, ooms[1:])]
        expect(all(15 <= g <= 22 for g in gaps), "kills not every ~18 s: %s" % ooms)
        for k in ooms:
            expect([x for x in when("scan_direct_pps") if k - 1 <= x <= k],
                   "no direct reclaim scan just before the kill at %d s" % k)
            expect([x for x in when("allocstall_ps") if k - 1 <= x <= k],
                   "no allocation stall just before the kill at %d s" % k)
        expect(not [x for x in when("scan_direct_pps") if x < ooms[0] - 3],
               "direct reclaim long before memory ran out")
        before = [num(row["psi_full_avg10_pct"]) for row in r if t(row) < ooms[0]]
        after = [num(row["psi_full_avg10_pct"]) for row in r if ooms[0] < t(row) <= ooms[0] + 4]
        expect(max(before) == 0 and after and max(after) > 0, "PSI full avg10 did not rise with the kill")
    expect(total("swap_out_pps") == 0, "swapped without swap")
    free = {t(row): num(row["free_kib"]) for row in v}
    for k in ooms:
        expect(free.get(k, 0) - free.get(k - 1, 0) > 1 << 20 or free.get(k + 1, 0) - free.get(k - 1, 0) > 1 << 20,
               "free memory did not come back after the kill at %d s" % k)
    expect(vmstat_file("oom_kill") == len(ooms), "/proc/vmstat oom_kill != kills seen in -r")
elif name == "burst":
    stalls = when("allocstall_ps")
    in_burst = lambda x: 30 < x <= 50 or 110 < x <= 130
    expect(stalls and all(in_burst(x) for x in stalls), "allocation stalls outside the bursts: %s" % stalls)
    for lo in (30, 110):
        w = between(lo, lo + 20)
        expect(total("allocstall_ps", w) > 0, "no allocation stall in the burst at %d s" % lo)
        expect(total("steal_direct_pps", w) > 0, "direct reclaim reclaimed nothing in the burst at %d s" % lo)
        expect([row for row in w if row["vmpressure_level"] in ("medium", "critical")],
               "vmpressure not medium or critical in the burst at %d s" % lo)
        expect(total("refault_file_pps", between(lo, lo + 10)) > 0, "the evicted hot set did not refault")
        expect(max(num(row["psi_some_avg10_pct"]) for row in w) > 0, "no PSI memory pressure in the burst")
    quiet = between(0, 30) + between(80, 110)
    expect(total("scan_total_pps", quiet) == 0 and total("refault_pps", quiet) == 0,
           "reclaim or refaults while the hot set fits (0-30 s, 80-110 s)")
    expect(total("oom_kill_ps") == 0, "OOM kill")
    expect(not [row for row in between(0, 30) if row["vmpressure_level"] not in ("", "none")],
           "vmpressure before the burst")
    below = [row for row in user_zones if 30 < t(row) <= 50 and row["status"] in ("below low: kswapd", "below min: direct reclaim")]
    expect(below, "no zone below its low watermark during the burst")
elif name == "thrash":
    first = when("swap_out_pps")
    # 2 GiB filled at 200 MiB/s: swap-outs begin at ~10 s
    expect(first and 7 <= first[0] <= 13, "swap-outs did not start at ~10 s (%s)" % first[:1])
    late = [row for row in r if t(row) > 20]
    for col in ("swap_in_pps", "swap_out_pps", "refault_anon_pps"):
        expect(len([row for row in late if num(row[col]) > 0]) > 0.9 * len(late),
               "%s not sustained after 20 s" % col)
    expect(total("oom_kill_ps") == 0, "OOM kill (swap should hold the working set)")
    expect(max(num(row["psi_full_avg10_pct"]) for row in r) > 1, "PSI full avg10 never above 1 %")
    expect(num(v[-1]["swpd_kib"]) > 1 << 20, "less than 1 GiB in swap at the end")
elif name == "fragment":
    zones = ("DMA32", "Normal")
    fresh = [row for row in b if row["zone"] in zones and t(row) == 0]
    expect(fresh and all(num(row["frag_index_o9"]) < 0 for row in fresh),
           "a fresh machine should have free order-9 blocks (index -1) in every zone")
    late = [row for row in b if row["zone"] in zones and t(row) >= 45]
    expect(late, "no -b rows after 45 s")
    for row in late:
        expect(num(row["frag_index_o9"]) >= 0.8, "%s order-9 fragmentation index %s at %d s, not near 1"
               % (row["zone"], row["frag_index_o9"], t(row)))
        # failure by fragmentation, not by lack of memory: plenty free, no block of order 9 or 10
        expect(num(row["free_pages"]) > 100000 and num(row["free_blocks_o9"]) + num(row["free_blocks_o10"]) == 0,
               "%s at %d s: %s free pages and %s+%s blocks of order 9/10" % (row["zone"], t(row), row["free_pages"],
                                                                           row["free_blocks_o9"], row["free_blocks_o10"]))
    stalls = when("compact_stall_ps")
    expect(stalls and min(stalls) > 40, "compaction stalls before the huge-page faults at 40 s: %s" % stalls[:3])
    expect(total("compact_fail_ps") >= 0.8 * total("compact_stall_ps") > 0, "compaction did not mostly fail")
    expect(vmstat_file("thp_fault_fallback") > 4 * vmstat_file("thp_fault_alloc"),
           "huge-page faults did not mostly fall back")
    expect(total("oom_kill_ps") == 0, "OOM kill")
elif name == "numa2":
    nodes = {row["node"] for row in z}
    expect(nodes == {"0", "1"}, "nodes %s" % sorted(nodes))
    n1 = {row["zone"] for row in z if row["node"] == "1" and num(row["managed_pages"]) > 0}
    expect(n1 == {"Normal"}, "node 1 zones with memory: %s" % sorted(n1))
    # each node's memory is its own: node meminfo MemFree is the sum of that node's zones in zoneinfo
    last = max(t(row) for row in z)
    for n in "01":
        path = "sys/devices/system/node/node%s/meminfo" % n
        expect(os.path.isfile(os.path.join(d, "tree", path)), "no " + path)
        if os.path.isfile(os.path.join(d, "tree", path)):
            with open(os.path.join(d, "tree", path)) as fh:
                memfree = [int(line.split()[3]) for line in fh if line.split()[2] == "MemFree:"]
            zfree = sum(num(row["free_pages"]) for row in z if row["node"] == n and t(row) == last) * 4
            expect(memfree == [zfree], "node %s MemFree %s kB, its zones %d kB" % (n, memfree, zfree))
    # per-node reclaim: once the page cache fills both nodes (~48 s), each node's own kswapd holds its
    # user zone near the watermarks while the reads go on, with no direct reclaim
    expect(total("scan_kswapd_pps") > 0, "kswapd never ran")
    expect(total("scan_direct_pps") == 0 and total("allocstall_ps") == 0, "direct reclaim")
    for n, zone in (("0", "DMA32"), ("1", "Normal")):
        rows = [row for row in z if row["node"] == n and row["zone"] == zone and t(row) >= 55]
        expect(rows and all(num(row["min_pages"]) < num(row["free_pages"]) < 2 * num(row["high_pages"]) for row in rows),
               "node %s %s not held between min and twice high after 55 s" % (n, zone))
else:
    errors.append("unknown scenario " + name)

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
