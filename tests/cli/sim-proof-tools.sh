#!/bin/sh
# sim-proof-tools.sh — other tools read a --sim-out tree, and zonestat reads every simulated format.
#
#  * procps vmstat (/usr/bin/vmstat), in a private mount namespace with the tree's proc bound over /proc
#    (and its sys/block over /sys/block), prints its views without error, and its numbers are the ones
#    in the simulated meminfo, stat and vmstat (the since-boot formulas of procps-ng 4.0.2 written out
#    here in awk).  The simulated machine has no block devices: its diskstats is empty, so -d prints no
#    disk and -D counts 0.  Skipped without root or unshare -m.
#  * zonestat --root on the tree of every kernel format the renderers know (each version at which
#    src/sim-render-*.c changes a format, and the release before it) runs every view with exit 0, its
#    -z and -b CSV carry the tree's watermarks and buddy lists, and --explain agrees (exit 0).
#  * the simulated zoneinfo is laid out field by field as a real kernel's of the same version: the 6.18
#    capture in tests/data, and captures of 3.13, 4.9, 4.18, 5.10 and 5.12 from $ZONESTAT_CORPUS (skipped
#    without it).
#  * prometheus-node-exporter (where installed) with --path.procfs/--path.sysfs on the tree, the
#    zoneinfo, buddyinfo, vmstat, meminfo and pressure collectors only, on a loopback port, scraped
#    once (curl, or python3): every metric of those collectors equals the file it comes from.  Skipped without it.
. "$top_srcdir/tests/cli/tap.sh"
. "$top_srcdir/tests/cli/sim-proof-lib.sh"

TREE=$TMPD/tree
# burst at 40 s: the allocation burst is in direct reclaim, so scans, steals and stalls are nonzero
"$ZONESTAT" --sim=burst --sim-out="$TREE" 10 5 >/dev/null 2>"$TMPD/sim.err"
check_eq "--sim=burst --sim-out: exit 0" 0 $?
check "the tree has reclaim in it (pgscan_direct > 0)" awk '$1 == "pgscan_direct" && $2 > 0 { f = 1 } END { exit !f }' \
	"$TREE/proc/vmstat"

# kv FILE KEY: the number after "KEY:" (meminfo) or "KEY " (vmstat, stat)
kv() {
	awk -v k="$2" '{ n = $1; sub(/:$/, "", n) } n == k { print $2; exit }' "$1"
}

# ---- procps vmstat in a private mount namespace ----
vmstat_views() {
	VM=/usr/bin/vmstat
	if ! [ -x "$VM" ]; then skip "procps vmstat" "$VM not found"; return; fi
	if [ "$(id -u)" != 0 ]; then skip "procps vmstat" "needs root (unshare -m and mount)"; return; fi
	if ! unshare -m sh -c "mount --bind '$TREE/proc' /proc" 2>/dev/null; then
		skip "procps vmstat" "unshare -m or mount not permitted"
		return
	fi
	mkdir -p "$TMPD/vm"
	# every view in one namespace: out, err and status of each into $TMPD/vm/NAME.*
	timeout 60 unshare -m sh -c '
		tree=$1 out=$2 vm=$3
		mount --bind "$tree/proc" /proc || exit 97
		mount --bind "$tree/sys/block" /sys/block || exit 97
		run() { name=$1; shift; "$vm" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc"; }
		run default; run a -a; run w -w; run s -s; run f -f; run d -d; run D -D; run t -t; run n12 -n 1 2
	' sh "$TREE" "$TMPD/vm" "$VM" </dev/null
	rc=$?
	if [ $rc != 0 ]; then not_ok "procps vmstat: the namespace was set up" "exit $rc"; return; fi
	for v in default a w s f d D t n12; do
		if [ "$(cat "$TMPD/vm/$v.rc")" = 0 ] && ! [ -s "$TMPD/vm/$v.err" ]; then ok "procps vmstat $v: exit 0, nothing on stderr"
		else not_ok "procps vmstat $v: exit 0, nothing on stderr" "rc $(cat "$TMPD/vm/$v.rc"): $(head -3 "$TMPD/vm/$v.err")"; fi
	done
	M=$TREE/proc/meminfo S=$TREE/proc/stat V=$TREE/proc/vmstat
	# the columns of the since-boot line, derived from the tree (vmstat-spec.md: Div = user + system +
	# idle + iowait + steal jiffies of all CPUs, h = Div / 2; bi = (pgpgin·HZ + h) / Div, in likewise)
	want=$(awk -v mt="$(kv "$M" MemTotal)" -v mf="$(kv "$M" MemFree)" -v bu="$(kv "$M" Buffers)" \
		-v ca="$(kv "$M" Cached)" -v sr="$(kv "$M" SReclaimable)" -v st="$(kv "$M" SwapTotal)" \
		-v sf="$(kv "$M" SwapFree)" -v pin="$(kv "$V" pgpgin)" -v intr="$(kv "$S" intr)" \
		-v r="$(kv "$S" procs_running)" -v b="$(kv "$S" procs_blocked)" \
		-v cpu="$(grep '^cpu ' "$S")" 'BEGIN {
			split(cpu, c, " "); div = c[2] + c[4] + c[5] + c[6] + c[9]; h = int(div / 2)
			printf "%d %d %d %d %d %d %d %d %d %d %d", r, b, st - sf, mf, bu, ca + sr,
				int((pin * 100 + h) / div), int((intr * 100 + h) / div),
				int((100 * (c[2] + c[3]) + h) / div), int((100 * c[5] + h) / div), int((100 * c[6] + h) / div) }')
	got=$(awk 'NR == 3 { print $1, $2, $3, $4, $5, $6, $9, $11, $13, $15, $16 }' "$TMPD/vm/default.out")
	check_eq "procps vmstat: r b swpd free buff cache bi in us id wa are the tree's" "$want" "$got"
	check_eq "procps vmstat -w: the same numbers" "$got" \
		"$(awk 'NR == 3 { print $1, $2, $3, $4, $5, $6, $9, $11, $13, $15, $16 }' "$TMPD/vm/w.out")"
	check_eq "procps vmstat -t: the same numbers, and a time" "$got 2" \
		"$(awk 'NR == 3 { print $1, $2, $3, $4, $5, $6, $9, $11, $13, $15, $16, NF - 17 }' "$TMPD/vm/t.out")"
	check_eq "procps vmstat -a: inact and active are Inactive and Active" \
		"$(kv "$M" Inactive) $(kv "$M" Active)" "$(awk 'NR == 3 { print $5, $6 }' "$TMPD/vm/a.out")"
	check_eq "procps vmstat 1 2: two lines after the header (nothing changes: the deltas are 0)" \
		"4 0 0" "$(awk 'END { print NR, $7 + $8, $9 + $10 }' "$TMPD/vm/n12.out")"
	# -s: every line by its label
	sv() { awk -v l="$1" '{ v = $1; $1 = ""; sub(/^ /, ""); sub(/^K /, "") } $0 == l { print v; exit }' "$TMPD/vm/s.out"; }
	for pair in "total memory:$(kv "$M" MemTotal)" "used memory:$(($(kv "$M" MemTotal) - $(kv "$M" MemAvailable)))" \
		"active memory:$(kv "$M" Active)" "inactive memory:$(kv "$M" Inactive)" "free memory:$(kv "$M" MemFree)" \
		"buffer memory:$(kv "$M" Buffers)" "swap cache:$(($(kv "$M" Cached) + $(kv "$M" SReclaimable)))" \
		"total swap:$(kv "$M" SwapTotal)" "free swap:$(kv "$M" SwapFree)" \
		"non-nice user cpu ticks:$(awk '$1 == "cpu" { print $2 }' "$S")" \
		"system cpu ticks:$(awk '$1 == "cpu" { print $4 }' "$S")" "idle cpu ticks:$(awk '$1 == "cpu" { print $5 }' "$S")" \
		"IO-wait cpu ticks:$(awk '$1 == "cpu" { print $6 }' "$S")" \
		"paged in:$(kv "$V" pgpgin)" "paged out:$(kv "$V" pgpgout)" "pages swapped in:$(kv "$V" pswpin)" \
		"pages swapped out:$(kv "$V" pswpout)" "interrupts:$(kv "$S" intr)" "CPU context switches:$(kv "$S" ctxt)" \
		"boot time:$(kv "$S" btime)" "forks:$(kv "$S" processes)"; do
		check_eq "procps vmstat -s: ${pair%%:*}" "${pair#*:}" "$(sv "${pair%%:*}")"
	done
	check_eq "procps vmstat -f: forks are the tree's processes" "$(kv "$S" processes)" "$(awk '{ print $1 }' "$TMPD/vm/f.out")"
	check_eq "procps vmstat -d: the simulated machine has no disks (empty diskstats): no lines" "" "$(cat "$TMPD/vm/d.out")"
	check_eq "procps vmstat -D: 0 disks" 0 "$(awk '$2 == "disks" { print $1 }' "$TMPD/vm/D.out")"
}
vmstat_views

# ---- zonestat on every simulated kernel format ----
# The versions at which the renderers change a format (every KF_VER/V(major, minor) in them), the
# release before each, and the default 6.18.
versions=$(cat "$top_srcdir"/src/sim-render*.c | grep -o '\(\<V\|KF_VER\)([3-9], [0-9]*)' | sed 's/.*(\(.\), \([0-9]*\))/\1 \2/' |
	awk '{ print $1 "." $2; if ($2 > 0) print $1 "." ($2 - 1); else print ($1 - 1) "." ($1 == 4 ? 19 : $1 == 5 ? 20 : 19) }
	     END { print "3.8"; print "6.18" }' | awk -F. '$1 > 3 || $2 >= 8' | sort -t. -k1,1n -k2,2n -u)
"$ZONESTAT" --sim=steady --sim-kernel=3.7 --sim-out="$TMPD/old" 1 1 >/dev/null 2>"$TMPD/old.err"
check_eq "--sim-kernel=3.7 (no managed line yet): refused, exit 1" 1 $?
check "--sim-kernel=3.7: the message says from which version" grep -q 'formats of 3.8 and later' "$TMPD/old.err"
nver=$(echo "$versions" | wc -l)
check "the renderers name more than 20 format versions ($nver)" test "$nver" -gt 20
for v in $versions; do
	T=$TMPD/k$v
	if ! "$ZONESTAT" --sim=numa2 --sim-kernel="$v" --sim-out="$T" 10 3 >/dev/null 2>"$TMPD/k.err"; then
		not_ok "$v: --sim-out" "$(cat "$TMPD/k.err")"
		continue
	fi
	bad=
	for view in "" -a -s -f -d -D -w -z -r -b "-z -o csv" "-r -o csv" "-b -o csv" --explain; do
		# shellcheck disable=SC2086
		"$ZONESTAT" --root "$T" $view >"$TMPD/k.out" 2>"$TMPD/k.err"
		rc=$?
		# -d lists the disks, and the simulated machine has none: like vmstat -d, no output
		if [ $rc != 0 ] || [ -s "$TMPD/k.err" ] || { [ "$view" != -d ] && ! [ -s "$TMPD/k.out" ]; }; then
			bad="$bad
zonestat --root ${view:-(vmstat)}: exit $rc: $(head -2 "$TMPD/k.err")"
		fi
	done
	if [ -z "$bad" ]; then ok "$v: every view reads the tree (exit 0), --explain agrees"; else
		not_ok "$v: every view reads the tree (exit 0), --explain agrees" "$bad"; fi
	# -z: each zone's free, min, low, high as the tree prints them; -b: its buddy lists
	"$ZONESTAT" --root "$T" -z -o csv 2>/dev/null | tr -d '\r' | awk -F, 'NR > 1 { print $3 "/" $4, $5, $6, $7, $8 }' >"$TMPD/z.got"
	zi_flat "$T/proc/zoneinfo" | awk '$2 ~ /^(free|min|low|high)$/ { v[$1 " " $2] = $3; z[$1] = 1; managed[$1] += 0 }
		$2 == "managed" || $2 == "present" { if ($3 > 0) pop[$1] = 1 }
		END { for (k in z) if (k in pop) print k, v[k " free"], v[k " min"], v[k " low"], v[k " high"] }' >"$TMPD/z.want"
	check_eq "$v: -z reads each zone's free, min, low and high as written" "$(sort "$TMPD/z.want")" "$(sort "$TMPD/z.got")"
	"$ZONESTAT" --root "$T" -b -o csv 2>/dev/null | tr -d '\r' | awk -F, 'NR > 1 { s = $3 "/" $4; for (i = 8; i <= 18; i++) s = s " " $i; print s }' >"$TMPD/b.got"
	awk '{ n = $2; sub(/,/, "", n); s = n "/" $4; for (i = 5; i <= NF; i++) s = s " " $i; print s }' "$T/proc/buddyinfo" >"$TMPD/b.want"
	check_eq "$v: -b reads each zone's buddy lists as written" "$(sort "$TMPD/b.want")" "$(sort "$TMPD/b.got")"
done

# ---- the zoneinfo layouts against real kernels' ----
# layout FILE: the field names of the first zone (its per-node stats and one CPU's pageset), in order;
# nameless lines (a vendor's unlabelled counter) are left out
layout() {
	awk '/^Node/ && ++z > 1 { exit }
		$1 ~ /^cpu:/ { skip = ++c > 1 }
		skip || $1 ~ /^[0-9]+$/ { next }
		{ print ($1 == "pages" || $1 == "vm") ? $1 "_" $2 : $1 }' "$1"
}
# same_layout VERSION ZONEINFO LABEL: the simulated zoneinfo of VERSION is laid out as the capture
same_layout() {
	rm -rf "$TMPD/lay"
	"$ZONESTAT" --sim=steady --sim-kernel="$1" --sim-out="$TMPD/lay" 1 1 >/dev/null 2>&1
	layout "$2" >"$TMPD/lay.want"
	layout "$TMPD/lay/proc/zoneinfo" >"$TMPD/lay.got"
	if [ "$(wc -l <"$TMPD/lay.want")" -gt 20 ] && cmp -s "$TMPD/lay.want" "$TMPD/lay.got"; then
		ok "$1: zoneinfo laid out field by field as $3's"
	else
		not_ok "$1: zoneinfo laid out field by field as $3's" "$(diff "$TMPD/lay.want" "$TMPD/lay.got" | head -12)"
	fi
}
same_layout 6.18 "$top_srcdir/tests/data/live-6.18.44-fc-v669/proc/zoneinfo" "the captured 6.18.44"
# captures whose kernel version is in the capture itself (fixtures MANIFEST.md), from $ZONESTAT_CORPUS
if [ -n "${ZONESTAT_CORPUS:-}" ] && [ -d "$ZONESTAT_CORPUS" ]; then
	# (and pcp-meminfo-004, which MANIFEST dates 4.8–4.9 by its fields; the two print alike)
	for pair in 3.13:ubuntu-3.13.0-77 4.9:pcp-meminfo-004 4.18:rhel8.0-4.18-sosreport 5.10:debian-5.10.84 \
		5.12:porteus-5.12.14; do
		f=$ZONESTAT_CORPUS/${pair#*:}/zoneinfo
		if [ -f "$f" ]; then same_layout "${pair%%:*}" "$f" "${pair#*:}"; else
			skip "${pair%%:*}: zoneinfo laid out as ${pair#*:}'s" "not in \$ZONESTAT_CORPUS"; fi
	done
else
	skip "zoneinfo layouts of 3.13, 4.9, 4.18, 5.10, 5.12 as real captures'" "ZONESTAT_CORPUS not set"
fi

# ---- prometheus-node-exporter ----
node_exporter() {
	NE=/usr/bin/prometheus-node-exporter
	if ! [ -x "$NE" ]; then skip "prometheus-node-exporter" "$NE not installed"; return; fi
	# scrape URL: the page, by curl or else python3 (loopback only)
	if command -v curl >/dev/null 2>&1; then
		scrape() { curl -sf --max-time 5 "$1"; }
	elif command -v python3 >/dev/null 2>&1; then
		scrape() { python3 -c 'import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1" 2>/dev/null; }
	else
		skip "prometheus-node-exporter" "neither curl nor python3 to scrape it"
		return
	fi
	ne_pid=
	trap '[ -n "$ne_pid" ] && kill "$ne_pid" 2>/dev/null; rm -rf "$TMPD"' EXIT
	port= tries=0
	# a loopback port of our own: try a few, the exporter says when one is taken
	while [ $tries -lt 5 ] && [ -z "$port" ]; do
		tries=$((tries + 1))
		p=$((20000 + ($$ * 7 + tries * 7919) % 40000))
		"$NE" --path.procfs="$TREE/proc" --path.sysfs="$TREE/sys" --collector.disable-defaults \
			--collector.zoneinfo --collector.buddyinfo --collector.vmstat --collector.meminfo \
			--collector.pressure --collector.vmstat.fields='.*' --web.listen-address="127.0.0.1:$p" \
			>"$TMPD/ne.log" 2>&1 </dev/null &
		ne_pid=$!
		i=0
		while [ $i -lt 50 ]; do   # up to 5 s for it to listen
			if scrape "http://127.0.0.1:$p/metrics" >"$TMPD/metrics" 2>/dev/null; then port=$p; break; fi
			kill -0 "$ne_pid" 2>/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		if [ -z "$port" ]; then kill "$ne_pid" 2>/dev/null; wait "$ne_pid" 2>/dev/null; ne_pid=; fi
	done
	if [ -n "$ne_pid" ]; then kill "$ne_pid" 2>/dev/null; wait "$ne_pid" 2>/dev/null; ne_pid=; fi
	if [ -z "$port" ]; then not_ok "prometheus-node-exporter served the tree" "$(tail -5 "$TMPD/ne.log")"; return; fi
	ok "prometheus-node-exporter served the tree on 127.0.0.1:$port, and was stopped"
	for c in zoneinfo buddyinfo vmstat meminfo pressure; do
		check_eq "node_exporter: the $c collector succeeded" 1 \
			"$(awk -v c="$c" '$1 == "node_scrape_collector_success{collector=\"" c "\"}" { print $2 }' "$TMPD/metrics")"
	done
	# every metric against its file: "METRIC{labels} VALUE" lines the files imply, compared by value
	{
		zi_flat "$TREE/proc/zoneinfo" | awk '{ split($1, nz, "/"); l = "{node=\"" nz[1] "\",zone=\"" nz[2] "\"}" }
			$2 ~ /^(min|low|high|spanned|present|managed)$/ { print "node_zoneinfo_" $2 "_pages" l, $3 }
			$2 == "nr_free_pages" { print "node_zoneinfo_nr_free_pages" l, $3 }
			$2 == "protection" { n = split($3, p, ","); for (i = 1; i <= n; i++) print "node_zoneinfo_protection_" (i - 1) l, p[i] }'
		awk '{ n = $2; sub(/,/, "", n); for (i = 5; i <= NF; i++) print "node_buddyinfo_blocks{node=\"" n "\",size=\"" (i - 5) "\",zone=\"" $4 "\"}", $i }' \
			"$TREE/proc/buddyinfo"
		awk '{ print "node_vmstat_" $1, $2 }' "$TREE/proc/vmstat"
		awk '{ k = $1; sub(/:$/, "", k); gsub(/\(/, "_", k); gsub(/\)/, "", k)
			if ($3 == "kB") printf "node_memory_%s_bytes %.0f\n", k, $2 * 1024; else print "node_memory_" k, $2 }' "$TREE/proc/meminfo"
		awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^total=/) t = substr($i, 7)
			printf "node_pressure_memory_%s_seconds_total %.17g\n", $1 == "some" ? "waiting" : "stalled", t / 1000 / 1000 }' \
			"$TREE/proc/pressure/memory"
	} | sort >"$TMPD/ne.want"
	awk '!/^#/ { print $1, $2 }' "$TMPD/metrics" | sort >"$TMPD/ne.got"
	diff=$(awk 'NR == FNR { g[$1] = $2; next }
		!($1 in g) { print "missing:", $0; next }
		{ d = g[$1] - $2; if (d < 0) d = -d; if (d > 1e-9 * ($2 < 0 ? -$2 : $2)) print $1, "file", $2, "metric", g[$1] }' \
		"$TMPD/ne.got" "$TMPD/ne.want" | head -20)
	check_eq "node_exporter: each zone's watermarks, sizes, protection and free pages, every buddy list, vmstat and meminfo line and the PSI totals equal the files" "" "$diff"
	for m in node_zoneinfo_min_pages node_buddyinfo_blocks node_vmstat_pgscan_direct node_memory_MemFree_bytes \
		node_pressure_memory_waiting_seconds_total; do
		check "node_exporter: $m is there" grep -q "^$m[{ ]" "$TMPD/metrics"
	done
	check "node_exporter: nonzero reclaim and stall are among them" awk '
		$1 == "node_vmstat_pgscan_direct" && $2 > 0 { a = 1 } $1 == "node_pressure_memory_waiting_seconds_total" && $2 > 0 { b = 1 }
		END { exit !(a && b) }' "$TMPD/metrics"
	check_eq "node_exporter: as many vmstat metrics as vmstat lines" "$(wc -l <"$TREE/proc/vmstat")" \
		"$(grep -c '^node_vmstat_' "$TMPD/metrics")"
}
node_exporter

tap_done
