#!/bin/sh
# zones-bench.sh — the zoneinfo parser's speed and linearity, and what a whole -z sample costs against the
# kernel's own cost of producing the files it reads.  Measures and prints ratios, never asserts
# (goals: parse >= 500 MB/s, linear in the file size; a -z sample <= 1.2x the kernel's floor).
#
# Parse speed (tests/bench/zones-parse.c, linked with the program's library): a synthetic 6.18-format
# zoneinfo of 8 nodes x 4 zones x 1024 CPUs, and the same with 2x and 4x the nodes.
# Sample cost: zonestat -z -o csv with the sleeps skipped (the LD_PRELOAD shim of tests/compat/shim.c),
# N samples, CPU time per sample, against tests/bench/floor.c reading the same files (open once, pread
# each round) in the same run: on the live /proc (the kernel's formatting cost) and on the synthetic file
# as a --root tree (where pread is only a copy, so the ratio shows our own cost at 1024 CPUs).
#
# Environment: ZS_BENCH_SAMPLES (2000 live samples), ZS_BENCH_BIG_SAMPLES (50), ZS_BENCH_SECONDS (1.0 s of
# parsing per size), ZS_BENCH_TRIES (5 runs of each, the median reported).  A sanitizer build (configure --enable-sanitizers) is much slower: build plainly.
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
: "${ZONESTAT:=zonestat}"
N=${ZS_BENCH_SAMPLES:-2000}
NB=${ZS_BENCH_BIG_SAMPLES:-50}
SECS=${ZS_BENCH_SECONDS:-1.0}
TRIES=${ZS_BENCH_TRIES:-5}

T=$(mktemp -d "${TMPDIR:-/tmp}/zonestat-zbench.XXXXXX")
trap 'rm -rf "$T"' EXIT
CC=${CC:-cc}
$CC -O2 -shared -fPIC -o "$T/shim.so" "$top_srcdir/tests/compat/shim.c" -ldl || exit 1
$CC -O2 -o "$T/floor" "$top_srcdir/tests/bench/floor.c" || exit 1
make -s -C "$top_builddir" tests/bench/zones-parse >/dev/null || exit 1
P=$top_builddir/tests/bench/zones-parse
if nm "$ZONESTAT" 2>/dev/null | grep -q __asan_init; then
	echo "note: this zonestat is built with sanitizers; its figures are not representative"
fi

best() {  # best CMD…: of TRIES runs, the one with the median user+sys (the machine may be shared)
	i=0
	: >"$T/tries"
	while [ "$i" -lt "$TRIES" ]; do
		"$@" >>"$T/tries" || return 1
		i=$((i + 1))
	done
	awk '{ print $1 + $2, $0 }' "$T/tries" | sort -n | awk -v n="$TRIES" 'NR == int((n + 1) / 2) { $1 = ""; sub(/^ /, ""); print }'
}

# sample_cost ROOT N: zonestat -z -o csv on ROOT ("" = live), N samples, sleeps skipped: "user sys rss wall"
sample_cost() {
	n=$2
	if [ -n "$1" ]; then set -- --root "$1"; else set --; fi
	env LD_PRELOAD="$T/shim.so" ZS_SHIM_EPOCH="$(date +%s)" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$T/floor" run -o "$T/z.out" "$ZONESTAT" -z -o csv "$@" 1 "$n" 2>"$T/z.err" </dev/null >"$T/z.fig" || {
		cat "$T/z.err" >&2
		return 1
	}
	cat "$T/z.fig"
}

echo "== parse speed (proc_zoneinfo_parse, CPU time)"
printf '%-22s %12s %10s %10s\n' "zoneinfo" "bytes" "MB/s" "ns/byte"
for k in 1 2 4; do
	nodes=$((8 * k))
	"$P" gen "$nodes" 4 1024 >"$T/zi.$k" || exit 1
	r=$(best sh -c "'$P' parse '$T/zi.$k' $SECS | awk '{ print \$3, 0, \$1, \$2, \$4 }'") || exit 1
	echo "$k $r" >>"$T/parse"
	echo "$r" | awk -v l="${nodes}x4x1024" '{ mbs = $3 * $4 / $1 / 1e6; printf "%-22s %12d %10.1f %10.3f\n", l, $3, mbs, 1e9 * $1 / ($3 * $4) }'
done
awk 'NR == 1 { b = $2 / ($4 * $5) } { printf "  %dx size: %.2fx the time per byte of 1x\n", $1, ($2 / ($4 * $5)) / b }' "$T/parse"
echo "  goal: >= 500 MB/s, time per byte flat across sizes"

echo "== whole -z sample against the kernel's floor (same run: $TRIES pairs, floor and zonestat back to back)"
cpus=/sys/devices/system/cpu/online
# pairs, so that a change of the machine's load between them touches both; the median pair is reported
i=0
: >"$T/pairs"
while [ "$i" -lt "$TRIES" ]; do
	fl=$("$T/floor" pread "$N" /proc/zoneinfo "$cpus") || exit 1
	zs=$(sample_cost "" "$N") || { echo "  zonestat -z: failed"; zs=; break; }
	echo "$fl $zs" | awk '{ f = $1 + $2; z = $3 + $4; printf "%.6f %.6f %.6f %.6f %.6f\n", (f > 0 ? z / f : 0), f, z, $3, $4 }' >>"$T/pairs"
	i=$((i + 1))
done
lines=$(($(wc -l <"$T/z.out") - 1))
sort -n "$T/pairs" | awk -v n="$N" -v lines="$lines" -v b="$(wc -c </proc/zoneinfo)" '
{ r[NR] = $1; f[NR] = $2; z[NR] = $3; u[NR] = $4; s[NR] = $5 }
END {
	if (NR == 0) exit
	m = int((NR + 1) / 2)
	printf "live /proc/zoneinfo (%d bytes), %d samples, %d CSV rows\n", b, n, lines
	printf "  ratios of the %d pairs:", NR
	for (i = 1; i <= NR; i++) printf " %.2f", r[i]
	printf "\n"
	printf "  kernel floor (pread zoneinfo + cpu/online) %9.2f us/sample\n", 1e6 * f[m] / n
	printf "  zonestat -z -o csv                         %9.2f us/sample (user %.2f, system %.2f)   %.2fx the floor, median pair (goal <= 1.2)\n",
		1e6 * z[m] / n, 1e6 * u[m] / n, 1e6 * s[m] / n, r[m]
}'
mkdir -p "$T/big/sys/devices/system/cpu"
cp "$T/zi.1" "$T/big/zoneinfo"
echo "0-1023" >"$T/big/sys/devices/system/cpu/online"
flb=$(best "$T/floor" pread "$NB" "$T/big/zoneinfo" "$T/big/sys/devices/system/cpu/online") || exit 1
zsb=$(best sample_cost "$T/big" "$NB") || zsb=
awk -v n="$NB" -v fl="$flb" -v zs="$zsb" -v b="$(wc -c <"$T/big/zoneinfo")" '
function cpu(s,  a) { split(s, a, " "); return a[1] + a[2] }
BEGIN {
	printf "synthetic 8x4x1024 zoneinfo as --root (%d bytes), %d samples\n", b, n
	printf "  pread of the file (a copy, no kernel formatting) %9.1f us/sample\n", 1e6 * cpu(fl) / n
	if (zs == "") { print "  zonestat -z: failed"; exit }
	printf "  zonestat -z -o csv                               %9.1f us/sample (%.1f MB/s of zoneinfo end to end)\n",
		1e6 * cpu(zs) / n, b * n / cpu(zs) / 1e6
}'
