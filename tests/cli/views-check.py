#!/usr/bin/env python3
"""views-check.py — independent checks of zonestat's -z/-r/-b CSV against the /proc files it read.

Reads the CSV with Python's csv module and recomputes every checked value from the input files with
its own parsing and the kernel's formulas as documented (kernel-mm-formulas.md §1, §3, §6, §8.2, §9).
Prints one line per check: "PASS name" or "FAIL name: why"; the shell test turns them into TAP.

usage: views-check.py zones CSV ZONEINFO [ZONEINFO2 SECONDS]
       views-check.py reclaim CSV VMSTAT UPTIME PSI [VMSTAT2 PSI2 SECONDS]
       views-check.py buddy CSV BUDDYINFO ZONEINFO [VERSION]
       views-check.py shape CSV VIEW ROWS        (header and row count only)
       views-check.py table TXT CSV [FIELDS]     every table cell equals the CSV's (FIELDS: its columns;
                                                 without: a -w table, every field)
       views-check.py aligned TXT LEFTCOLS       every row's columns line up under its header
"""
import csv
import re
import sys

results = []


def check(name, cond, why=""):
    results.append((bool(cond), name, why))


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return [], [], []
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], rows


def zoneinfo(path):
    """{(node, name): {free, min, low, high, managed, present, pcp, threshold, has_threshold}}"""
    zones, order, cur = {}, [], None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = re.match(r"Node (\d+), zone\s+(\S+)", line)
            if m:
                cur = {"pcp": 0, "npcp": 0, "free": 0, "min": 0, "low": 0, "high": 0}
                key = (int(m.group(1)), m.group(2))
                zones[key] = cur
                order.append(key)
                continue
            if cur is None:
                continue
            w = line.split()
            if line.startswith("  pages free"):
                cur["free"] = int(w[2])
            elif len(w) == 2 and w[0] in ("min", "low", "high", "managed", "present", "boost", "promo") \
                    and line.startswith("        "):
                cur[w[0]] = int(w[1])
            elif w[:1] == ["cpu:"]:
                # before 2.6.25 each CPU had a hot ("pcp: 0") and a cold list: the hot ones are kept
                cur["cold"] = len(w) >= 4 and w[2] == "pcp:" and w[3] != "0"
            elif w[:1] == ["count:"] and not cur.get("cold"):
                cur["pcp"] += max(0, int(w[1]))
                cur["npcp"] += 1
            elif w[:1] == ["prev_priority:"]:
                cur["prev_priority"] = True
            elif line.startswith("  vm stats threshold:"):
                cur["threshold"] = int(w[-1])
            elif w[:1] == ["protection:"]:
                cur["protection"] = [int(x) for x in re.findall(r"-?\d+", line)]
    return zones, order


def populated(z):
    return z.get("managed", z.get("present", 0)) > 0


def status(z):
    f = z["free"]
    if f <= z["min"]:
        return "below min: direct reclaim"
    if f <= z["low"]:
        return "below low: kswapd"
    if f <= z["high"]:
        return "below high"
    return "ok"


KERNEL_ZONE_ORDER = ["DMA", "DMA32", "Normal", "HighMem", "Movable", "Device"]


def zone_index(order, name):
    """the kernel's zone index: rank among the zone names the file shows, in the kernel's zone order"""
    names = sorted({k[1] for k in order}, key=KERNEL_ZONE_ORDER.index)
    return names.index(name)


def reserve_movable(zones, order, key):
    """protection[ZONE_MOVABLE, or the top zone below Device] as printed: the reserve a
    GFP_HIGHUSER_MOVABLE allocation must leave in this zone"""
    prot = zones[key].get("protection", [])
    names = sorted({k[1] for k in order}, key=KERNEL_ZONE_ORDER.index)
    top = (names.index("Device") if "Device" in names else len(prot)) - 1
    own = zone_index(order, key[1])
    if top <= own or top >= len(prot):
        return 0
    return max(0, prot[top])


def near(v, a, b, tol):
    try:
        return abs(float(v) - b) <= tol
    except ValueError:
        return False


def check_common(header, rows, first):
    check("CSV starts with timestamp,epoch_s", header[:2] == ["timestamp", "epoch_s"], str(header[:3]))
    check("CSV field names are snake_case", all(re.fullmatch(r"[a-z][a-z0-9_]*", h) for h in header),
          str([h for h in header if not re.fullmatch(r"[a-z][a-z0-9_]*", h)]))
    bad = [r for r in rows if len(r) != len(header)]
    check("every CSV row has as many fields as the header", not bad, str(bad[:1]))
    ts = [r[0] for r in rows[1:]]
    check("timestamps are ISO 8601 UTC", ts and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t) for t in ts),
          str(ts[:2]))
    check("epoch seconds are numbers", all(re.fullmatch(r"\d+\.\d{3}", r[1]) for r in rows[1:]),
          str([r[1] for r in rows[1:3]]))


def zones_cmd(args):
    header, recs, raw = read_csv(args[0])
    z0, order = zoneinfo(args[1])
    check_common(header, raw, True)
    pop = [k for k in order if populated(z0[k])]
    per_sample = len(pop)
    nsamples = 2 if len(args) > 2 else 1
    check("one row per populated zone per sample (%d x %d)" % (per_sample, nsamples),
          len(recs) == per_sample * nsamples, "rows: %d" % len(recs))
    first = recs[:per_sample]
    got = [(int(r["node"]), r["zone"]) for r in first]
    check("zones in zoneinfo order, named as the kernel spells them", got == pop, "%s vs %s" % (got, pop))
    for r in first:
        k = (int(r["node"]), r["zone"])
        z = z0.get(k)
        if not z:
            continue
        n = "%d/%s" % k
        check(n + " free_pages = zoneinfo pages free", int(r["free_pages"]) == z["free"], r["free_pages"])
        check(n + " min/low/high as printed",
              (int(r["min_pages"]), int(r["low_pages"]), int(r["high_pages"])) == (z["min"], z["low"], z["high"]))
        for m in ("min", "low", "high", "promo"):
            if m in z:
                check(n + " headroom_%s = free - %s" % (m, m), int(r["headroom_%s_pages" % m]) == z["free"] - z[m],
                      r["headroom_%s_pages" % m])
        check(n + " status from free against the marks", r["status"] == status(z), r["status"] + " vs " + status(z))
        check(n + " managed_pages", int(r["managed_pages"]) == z.get("managed", z.get("present")))
        check(n + " protection_max_pages = largest protection entry",
              int(r["protection_max_pages"]) == max([0] + z.get("protection", [])), r["protection_max_pages"])
        if z["npcp"]:
            check(n + " pcp_pages = sum of pageset counts", int(r["pcp_pages"]) == z["pcp"], r["pcp_pages"])
        if "threshold" in z and r["online_cpus"]:
            cpus = int(r["online_cpus"])
            check(n + " drift = threshold x online CPUs", int(r["drift_pages"]) == z["threshold"] * cpus)
            nm = [m for m in ("min", "low", "high") if abs(z["free"] - z[m]) <= z["threshold"] * cpus]
            check(n + " near_wmark", r["near_wmark"] == (nm[0] if nm else ""), r["near_wmark"])
            # refresh_zone_stat_thresholds: a mark high + cpus*threshold when that drift exceeds low - min,
            # with the normal threshold min(125, 2*fls(cpus)*(1+fls(managed>>15))) (4 KiB pages)
            normal = min(125, 2 * cpus.bit_length() * (1 + (z.get("managed", 0) >> 15).bit_length()))
            mark = z["high"] - z.get("boost", 0) + cpus * normal if cpus * normal > z["low"] - z["min"] else 0
            if z.get("prev_priority"):
                mark = ""   # 2.6.34 and older printed prev_priority; drift marks came in 2.6.37
            check(n + " drift_mark_pages (kernel rule)", r["drift_mark_pages"] == str(mark),
                  "%s vs %s" % (r["drift_mark_pages"], mark))
        check(n + " no rate in the first sample", r["free_change_pps"] == "", r["free_change_pps"])
    if nsamples == 2:
        z1, _ = zoneinfo(args[2])
        secs = float(args[3])
        for r in recs[per_sample:]:
            k = (int(r["node"]), r["zone"])
            if k in z0 and k in z1:
                want = (z1[k]["free"] - z0[k]["free"]) / secs
                check("%d/%s free_change_pps = change of free / %gs" % (k[0], k[1], secs),
                      near(r["free_change_pps"], 0, want, 0.051), "%s vs %s" % (r["free_change_pps"], want))
                check("%d/%s second sample free_pages" % k, int(r["free_pages"]) == z1[k]["free"])
        e0 = float(recs[0]["epoch_s"])
        e1 = float(recs[per_sample]["epoch_s"]) if len(recs) > per_sample else e0
        check("samples are %gs apart" % secs, abs(e1 - e0 - secs) < 0.01, "%s %s" % (e0, e1))


def kv(path):
    d = {}
    with open(path, errors="replace") as f:
        for line in f:
            w = line.split()
            if len(w) == 2 and w[1].isdigit():
                d[w[0]] = int(w[1])
    return d


def psi(path):
    d = {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if w and w[0] in ("some", "full"):
                d[w[0]] = {k: float(v) for k, v in (x.split("=") for x in w[1:])}
    return d


def reclaimers(v, kind):
    """Σ by reclaimer, never by type; per-zone forms of ≤ 4.7 summed."""
    total = 0
    for who in ("kswapd", "direct", "khugepaged", "proactive"):
        name = "pg%s_%s" % (kind, who)
        if name in v:
            total += v[name]
        else:
            total += sum(v.get("%s_%s" % (name, z), 0) for z in ("dma", "dma32", "normal", "high", "movable", "device"))
    return total


def vmpressure(scanned, reclaimed):
    if scanned == 0 or reclaimed >= scanned:
        return 0
    scale = scanned + reclaimed
    return (scale - reclaimed * scale // scanned) * 100 // scale


def reclaim_cmd(args):
    header, recs, raw = read_csv(args[0])
    v0 = kv(args[1])
    up = float(open(args[2]).read().split()[0])
    p0 = psi(args[3])
    check_common(header, raw, True)
    nrows = 2 if len(args) > 4 else 1
    check("%d row(s)" % nrows, len(recs) == nrows, str(len(recs)))
    r = recs[0]
    check("first row is since boot", r["since_boot"] == "1")
    check("first row covers the uptime", near(r["interval_s"], 0, up, 0.0006), r["interval_s"])
    for who in ("kswapd", "direct"):
        want = v0["pgscan_" + who] / up
        check("since-boot scan_%s_pps = pgscan_%s / uptime" % (who, who), near(r["scan_%s_pps" % who], 0, want, 0.051),
              "%s vs %s" % (r["scan_%s_pps" % who], want))
    st = reclaimers(v0, "scan")
    check("scan_total_pps counts reclaimers only (not + pgscan_anon/file)",
          near(r["scan_total_pps"], 0, st / up, 0.051), "%s vs %s" % (r["scan_total_pps"], st / up))
    check("since-boot row has no vmpressure", r["vmpressure_level"] == "")
    check("psi_some_avg10_pct as printed", near(r["psi_some_avg10_pct"], 0, p0["some"]["avg10"], 0.0051))
    check("psi_some_stall_ms since boot = total / 1000", near(r["psi_some_stall_ms"], 0, p0["some"]["total"] / 1000, 0.051))
    if nrows == 2:
        v1 = kv(args[4])
        p1 = psi(args[5])
        secs = float(args[6])
        r = recs[1]
        check("second row is an interval", r["since_boot"] == "0" and near(r["interval_s"], 0, secs, 0.0006))
        d = {k: v1[k] - v0[k] for k in v1 if k in v0}
        for who in ("kswapd", "direct"):
            want = max(0, d["pgscan_" + who]) / secs
            check("interval scan_%s_pps" % who, near(r["scan_%s_pps" % who], 0, want, 0.051),
                  "%s vs %s" % (r["scan_%s_pps" % who], want))
        sc = max(0, reclaimers(v1, "scan") - reclaimers(v0, "scan"))
        sl = max(0, reclaimers(v1, "steal") - reclaimers(v0, "steal"))
        if sc > 0 and d.get("pgscan_kswapd", 0) >= 0:
            check("efficiency_pct = stolen / scanned", near(r["efficiency_pct"], 0, 100.0 * sl / sc, 0.051),
                  "%s vs %s" % (r["efficiency_pct"], 100.0 * sl / sc))
        vs = sum(max(0, d.get("pgscan_" + w, 0)) for w in ("kswapd", "direct", "khugepaged"))
        vr = sum(max(0, d.get("pgsteal_" + w, 0)) for w in ("kswapd", "direct", "khugepaged"))
        if vs >= 512:
            p = vmpressure(vs, vr)
            lvl = "critical" if p >= 95 else "medium" if p >= 60 else "low"
            check("vmpressure from the interval's deltas", r["vmpressure_level"] == lvl and r["vmpressure_pct"] == str(p),
                  "%s/%s vs %s/%s" % (r["vmpressure_level"], r["vmpressure_pct"], lvl, p))
        else:
            check("vmpressure window not filled: none", r["vmpressure_level"] == "none", r["vmpressure_level"])
        ds = (p1["some"]["total"] - p0["some"]["total"]) / 1000
        if ds >= 0:
            check("psi_some_stall_ms = change of total / 1000", near(r["psi_some_stall_ms"], 0, ds, 0.051),
                  "%s vs %s" % (r["psi_some_stall_ms"], ds))
        if d.get("pgscan_kswapd", 0) < 0:
            check("a counter gone backwards counts 0", float(r["scan_kswapd_pps"]) == 0.0, r["scan_kswapd_pps"])


def unusable(n, o):
    free = sum(c << k for k, c in enumerate(n))
    if free == 0:
        return 1000
    suitable = sum(c << (k - o) for k, c in enumerate(n) if k >= o)
    return (free - (suitable << o)) * 1000 // free


def extfrag(n, o):
    free = sum(c << k for k, c in enumerate(n))
    total = sum(n)
    suitable = sum(c << (k - o) for k, c in enumerate(n) if k >= o)
    if total == 0:
        return 0
    if suitable:
        return -1000
    return 1000 - (1000 + free * 1000 // (1 << o)) // total


def kernel_fmt(x):
    # the kernel prints "%d.%03d" of x/1000 (extfrag's -1000 as -1.000)
    return "%s%d.%03d" % ("-" if x < 0 else "", abs(x) // 1000, abs(x) % 1000)


def watermark_ok(n, free, o, mark, reserve, old_rule):
    """__zone_watermark_ok: free - (2^o - 1) > mark + reserve; then 4.4+: a free block of order >= o;
    <= 4.3: for each lower order k, its free pages leave and the mark halves, free must stay above it"""
    f = free - ((1 << o) - 1)
    if f <= mark + reserve:
        return False
    if old_rule:
        m = mark
        for k in range(o):
            f -= n[k] << k
            m //= 2
            if f <= m:
                return False
        return True
    return o == 0 or any(n[o:])


def kernel_old_rule(version_path, zoneinfo_path):
    """the <= 4.3 check applies: the release says so, or (no release) a zoneinfo without managed lines"""
    try:
        m = re.search(r"Linux version (\d+)\.(\d+)", open(version_path).read())
        if m:
            return (int(m.group(1)), int(m.group(2))) < (4, 4)
    except OSError:
        pass
    return "managed" not in open(zoneinfo_path).read()


def buddy_cmd(args):
    header, recs, raw = read_csv(args[0])
    zi, zorder = zoneinfo(args[2]) if len(args) > 2 else ({}, [])
    old_rule = kernel_old_rule(args[3], args[2]) if len(args) > 3 else False
    lines = []
    with open(args[1]) as f:
        for line in f:
            m = re.match(r"Node (\d+), zone\s+(\S+)\s+(.*)", line)
            if m:
                lines.append(((int(m.group(1)), m.group(2)), [int(x) for x in m.group(3).split()]))
    check_common(header, raw, True)
    check("one row per buddyinfo line", len(recs) == len(lines), "%d vs %d" % (len(recs), len(lines)))
    for (k, n), r in zip(lines, recs):
        name = "%d/%s" % k
        check(name + " node and zone", (int(r["node"]), r["zone"]) == k)
        check(name + " free_blocks_o* = buddyinfo columns",
              [int(r["free_blocks_o%d" % o]) for o in range(len(n))] == n)
        check(name + " free_pages = sum n_k 2^k", int(r["free_pages"]) == sum(c << o for o, c in enumerate(n)))
        check(name + " unusable_index_o* (kernel formula)",
              [r["unusable_index_o%d" % o] for o in range(len(n))] == [kernel_fmt(unusable(n, o)) for o in range(len(n))],
              str([r["unusable_index_o%d" % o] for o in range(len(n))]))
        check(name + " frag_index_o* (kernel formula)",
              [r["frag_index_o%d" % o] for o in range(len(n))] == [kernel_fmt(extfrag(n, o)) for o in range(len(n))],
              str([r["frag_index_o%d" % o] for o in range(len(n))]))
        z = zi.get(k)
        if z:
            res = reserve_movable(zi, zorder, k)
            check(name + " reserve_pages = protection[Movable] (a movable allocation's)",
                  r["reserve_pages"] == str(res), "%s vs %s" % (r["reserve_pages"], res))
            best = -1
            for o in range(len(n)):
                if watermark_ok(n, z["free"], o, z["low"], res, old_rule):
                    best = o
            check(name + " max_order_low (%s rule)" % ("<= 4.3 halving" if old_rule else "4.4+"),
                  r["max_order_low"] == str(best), "%s vs %s" % (r["max_order_low"], best))


def shape_cmd(args):
    header, recs, raw = read_csv(args[0])
    check_common(header, raw, True) if recs else None
    check("%s: %s rows" % (args[1], args[2]), len(recs) == int(args[2]), "rows: %d" % len(recs))


def split_table(path):
    """[(header_line, [row_line…])…]: every header with the rows under it"""
    blocks = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("node ") or line.lstrip().startswith(("scan", "secs")):
                blocks.append((line, []))
            elif blocks:
                blocks[-1][1].append(line)
    return blocks


def cells(line, n):
    """n whitespace-separated cells; the last one keeps its spaces ("below low: kswapd")"""
    return line.split(None, n - 1)


def same_value(t, c):
    if t == "-":
        return c == ""
    if t == c:
        return True
    try:
        tv, cv = float(t), float(c)
    except ValueError:
        return False
    # the table drops decimals a column has no room for: the CSV value rounded to the table's decimals
    dec = len(t.split(".")[1]) if "." in t else 0
    return abs(tv - cv) <= 0.5 * 10 ** -dec + 1e-9 and dec < (len(c.split(".")[1]) if "." in c else 0)


def table_cmd(args):
    """a table against the CSV of the same run: FIELDS (comma-separated CSV names) are its columns, or
    with -w (no FIELDS) every CSV field in the CSV's order (one field table drives both)"""
    header, recs, raw = read_csv(args[1])
    blocks = split_table(args[0])
    fields = args[2].split(",") if len(args) > 2 else header[2:]
    idx = [header.index(f) for f in fields]
    rows = [r for _, rs in blocks for r in rs]
    heads = [h for h, _ in blocks]
    what = "-w" if len(args) <= 2 else "table"
    check("%s: a column for each of the %d fields" % (what, len(fields)),
          heads and all(len(h.split()) == len(fields) for h in heads), str([len(h.split()) for h in heads]))
    check("table rows = CSV rows (%d)" % len(recs), len(rows) == len(recs), "%d vs %d" % (len(rows), len(recs)))
    bad = []
    for line, rec in zip(rows, raw[1:]):
        for t, i in zip(cells(line, len(fields)), idx):
            if not same_value(t, rec[i]):
                bad.append("%s: table %r, CSV %r" % (header[i], t, rec[i]))
    check("%s: every table cell is the CSV's value" % what, not bad, "; ".join(bad[:5]))


def aligned_cmd(args):
    left = set(args[1].split(",")) if len(args) > 1 and args[1] else set()
    bad = []
    for head, rows in split_table(args[0]):
        spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", head)]
        for line in rows:
            toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
            if len(toks) < len(spans):
                bad.append("too few cells: " + line)
                continue
            for (hs, he, name), (ts, te) in zip(spans, toks):
                if (name in left and ts != hs) or (name not in left and te != he):
                    bad.append("%s misaligned in %r" % (name, line))
                    break
    check("every row lines up under its header", not bad, "; ".join(bad[:3]))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"zones": zones_cmd, "reclaim": reclaim_cmd, "buddy": buddy_cmd, "shape": shape_cmd, "table": table_cmd,
     "aligned": aligned_cmd}[cmd](args)
    for ok, name, why in results:
        print(("PASS " if ok else "FAIL ") + name + ("" if ok or not why else " :: " + why))


if __name__ == "__main__":
    main()
