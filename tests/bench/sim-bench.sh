#!/bin/sh
# sim-bench.sh — the simulator's speed and memory: one simulated hour of a 64 GiB, 64-CPU, two-node
# machine under the burst scenario (tests/bench/sim-burst64.ini), run as fast as the step function goes.
# Measures and prints, never asserts (goals: >= 10,000 simulated seconds per wall second; peak RSS of
# 10 simulated hours no larger than of 1 hour: memory does not grow with simulated time).
#
# Figures: CPU (user + sys) and wall time, from wait4 through tests/bench/floor.c (of 3 tries, the one
# with the least CPU time), for
#   * 1 h, one vmstat line at its end (the step function alone),
#   * 1 h sampled every 10 s into a --sim-out tree (rendering and writing 360 trees as well),
#   * 10 h, one line (peak RSS against the 1 h run's).
# A sanitizer build (configure --enable-sanitizers) is much slower: build plainly.
set -u
: "${top_srcdir:=.}"
: "${ZONESTAT:=zonestat}"
TRIES=${ZS_BENCH_TRIES:-3}
SC=$top_srcdir/tests/bench/sim-burst64.ini

T=$(mktemp -d "${TMPDIR:-/tmp}/zonestat-simbench.XXXXXX")
trap 'rm -rf "$T"' EXIT
${CC:-cc} -O2 -o "$T/floor" "$top_srcdir/tests/bench/floor.c" || exit 1
if nm "$ZONESTAT" 2>/dev/null | grep -q __asan_init; then
	echo "note: this zonestat is built with sanitizers; its figures are not representative"
fi

# sim SECONDS DELAY [ARGS…]: SECONDS simulated seconds in samples of DELAY, run TRIES times; prints the
# run with the least CPU time as "user sys rss wall"
sim() {
	secs=$1 delay=$2
	shift 2
	: >"$T/tries"
	for try in $(seq "$TRIES"); do
		rm -rf "$T/tree"
		"$T/floor" run -o "$T/out" "$ZONESTAT" --sim="$SC" -n -y "$@" "$delay" $((secs / delay)) \
			>"$T/fig" 2>"$T/err" </dev/null || { cat "$T/err" >&2; return 1; }
		lines=$(wc -l <"$T/out")
		if [ "$lines" -ne $((secs / delay + 2)) ]; then
			echo "bench: $lines lines printed, expected $((secs / delay + 2)): $(head -3 "$T/err")" >&2
			return 1
		fi
		awk '{ print $1 + $2, $0 }' "$T/fig" >>"$T/tries"
	done
	sort -n "$T/tries" | head -1 | cut -d' ' -f2-
}

h1=$(sim 3600 3600) || exit 1
h1o=$(sim 3600 10 --sim-out="$T/tree") || exit 1
h10=$(TRIES=1 sim 36000 36000) || exit 1
echo "simulated: 64 GiB, 2 nodes, 64 CPUs, burst scaled x8 ($SC); the run of least CPU time of $TRIES"
awk -v h1="$h1" -v h1o="$h1o" -v h10="$h10" '
function cpu(s,  a) { split(s, a, " "); return a[1] + a[2] }
function rss(s,  a) { split(s, a, " "); return a[3] }
function wall(s,  a) { split(s, a, " "); return a[4] }
function line(what, secs, s) {
	printf "%-34s %8.3f s CPU %8.3f s wall  %9.0f simulated s per wall s  peak RSS %6d KiB\n", what, cpu(s),
	       wall(s), secs / wall(s), rss(s)
}
BEGIN {
	line("1 h, one sample", 3600, h1)
	line("1 h, a --sim-out tree every 10 s", 3600, h1o)
	line("10 h, one sample", 36000, h10)
	printf "goals: %.0f simulated s per wall second, %.0f per CPU second (>= 10000); peak RSS 10 h - 1 h = %+d KiB (no growth)\n",
		3600 / wall(h1), 3600 / cpu(h1), rss(h10) - rss(h1)
}'
