#!/bin/sh
# vmstat-bench.sh — what an interval line costs zonestat and procps vmstat, against the kernel's own cost
# of producing the files they read; their peak memory; their start-up time.  Measures and prints, never
# asserts (goals: zonestat <= 1.1x the floor, peak RSS <= vmstat's, start-up no slower).
#
# Interval runs read the live /proc with the sleeps skipped: the LD_PRELOAD shim of tests/compat/shim.c
# returns from every sleep at once and advances a fake clock by the delay (so libproc2, which re-reads
# some files only when time() moved by a second, does the work of a real 1-second interval).
#
# Floors (tests/bench/floor.c): the same files, opened once and pread N times.  Per line zonestat's
# default view reads /proc/stat, /proc/vmstat and /proc/meminfo; procps vmstat 4.0.2 reads /proc/stat and
# /proc/vmstat (it keeps the memory columns read at start).  Each program is compared with the floor of
# the files it reads, and both with the common three-file floor.
#
# Environment: ZS_BENCH_LINES (10000 interval lines), ZS_BENCH_STARTS (200 start-ups), ZS_REF_VMSTAT.
set -u
: "${top_srcdir:=.}"
: "${ZONESTAT:=zonestat}"
REF=${ZS_REF_VMSTAT:-/usr/bin/vmstat}
N=${ZS_BENCH_LINES:-10000}
STARTS=${ZS_BENCH_STARTS:-200}
TRIES=3   # each measurement is taken TRIES times and the smallest kept (least disturbed by others)

T=$(mktemp -d "${TMPDIR:-/tmp}/zonestat-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
CC=${CC:-cc}
$CC -O2 -shared -fPIC -o "$T/shim.so" "$top_srcdir/tests/compat/shim.c" -ldl || exit 1
$CC -O2 -o "$T/floor" "$top_srcdir/tests/bench/floor.c" || exit 1

# best CMD…: run a measuring command TRIES times, print the line with the smallest user+sys
best() {
	i=0
	: >"$T/tries"
	while [ "$i" -lt "$TRIES" ]; do
		"$@" >>"$T/tries" || return 1
		i=$((i + 1))
	done
	awk '{ c = $1 + $2; if (NR == 1 || c < bc) { bc = c; b = $0 } } END { print b }' "$T/tries"
}

# measure PROG ARGS…: N interval lines (plus the since-boot line) with the sleeps skipped; prints
# "user sys maxrss wall", after checking that every line was printed
measure() {
	env LD_PRELOAD="$T/shim.so" ZS_SHIM_EPOCH="$(date +%s)" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$T/floor" run -o "$T/lines.out" "$@" -n 1 $((N + 1)) >"$T/fig" 2>"$T/run.err" </dev/null || return 1
	lc=$(wc -l <"$T/lines.out")
	if [ "$lc" -ne $((N + 3)) ]; then
		echo "bench: $1 printed $lc lines, expected $((N + 3))" >&2
		return 1
	fi
	cat "$T/fig"
}

f3=$(best "$T/floor" pread "$N" /proc/stat /proc/vmstat /proc/meminfo) || exit 1
f2=$(best "$T/floor" pread "$N" /proc/stat /proc/vmstat) || exit 1
vm=$(best measure "$REF") || vm=
zs=$(best measure "$ZONESTAT") || zs=
zc=$(best measure "$ZONESTAT" --compat=4.0.2) || zc=
vs=$(best "$T/floor" repeat "$STARTS" "$REF") 2>/dev/null || vs=
zss=$(best "$T/floor" repeat "$STARTS" "$ZONESTAT") 2>/dev/null || zss=

printf 'interval lines: %s, with the sleeps skipped; start-ups: %s; best of %s\n' "$N" "$STARTS" "$TRIES"
awk -v n="$N" -v f3="$f3" -v f2="$f2" -v vm="$vm" -v zs="$zs" -v zc="$zc" -v vs="$vs" -v zss="$zss" \
    -v starts="$STARTS" '
function cpu(s,  a) { split(s, a, " "); return a[1] + a[2] }
function rss(s,  a) { split(s, a, " "); return a[3] }
function wall(s,  a) { split(s, a, " "); return a[4] }
function us(x) { return 1e6 * x / n }
function row(name, fig, own,  a) {
	if (fig == "") {
		printf "%-26s not measured (failed)\n", name
		return
	}
	split(fig, a, " ")
	printf "%-26s %9.2f %8.2f %8.2f %12.2f %9.2f %13d\n", name, us(a[1] + a[2]), us(a[1]), us(a[2]),
		(a[1] + a[2]) / own, (a[1] + a[2]) / c3, a[3]
}
BEGIN {
	c3 = cpu(f3); c2 = cpu(f2)
	printf "floor  stat+vmstat+meminfo  %8.2f us/line\n", us(c3)
	printf "floor  stat+vmstat          %8.2f us/line\n", us(c2)
	printf "%-26s %9s %8s %8s %12s %9s %13s\n", "program", "us/line", "user", "sys", "x own floor", "x 3-file",
		"peak RSS KiB"
	row("procps vmstat", vm, c2)
	row("zonestat", zs, c3)
	row("zonestat --compat=4.0.2", zc, c2)
	if (vs != "" && zss != "") {
		printf "start-up (no arguments, %d runs): vmstat %.3f ms, zonestat %.3f ms per run (wall); ratio %.2f\n",
			starts, 1000 * wall(vs) / starts, 1000 * wall(zss) / starts, wall(zss) / wall(vs)
		printf "start-up CPU: vmstat %.3f ms, zonestat %.3f ms per run; peak RSS vmstat %d KiB, zonestat %d KiB\n",
			1000 * cpu(vs) / starts, 1000 * cpu(zss) / starts, rss(vs), rss(zss)
	} else
		printf "start-up: not measured (a program failed)\n"
	if (zs != "" && vm != "")
		printf "goals: zonestat %.2fx floor (<= 1.1), peak RSS %d vs %d KiB (<=), vmstat %.2fx its floor\n",
			cpu(zs) / c3, rss(zs), rss(vm), cpu(vm) / c2
}'
