#!/bin/sh
# run-short.sh — build every parser harness (tests/fuzz/fuzz-*.c) with clang's libFuzzer, AddressSanitizer
# and UndefinedBehaviorSanitizer, straight from the src/*.c files they need, and fuzz each one for a short,
# bounded time starting from its seed corpus (tests/fuzz/corpus/NAME/).
#
#   tests/fuzz/run-short.sh [NAME...]        all harnesses by default
#   FUZZ_SECONDS=10   time per harness        FUZZ_JOBS=2   harnesses fuzzed at once
#   FUZZ_WORK=DIR     keep the build, the grown corpora and any crash inputs there (default: a temporary
#                     directory, removed when every harness passed)
#
# Exit 0 when no harness crashed, leaked, hit undefined behaviour or broke a promise; 1 otherwise, with the
# reproducer's path printed (replay it with: FUZZ_WORK/fuzz-NAME REPRODUCER) and, up to 16 KiB, the input
# itself in base64 (base64 -d turns it back), so that a finding on a machine that is gone can be replayed.
# Exit 0 with a message when clang or its fuzzer runtime (Debian: clang, libclang-rt-14-dev) is missing.
# CI runs it (.ci/run).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-10}
jobs=${FUZZ_JOBS:-2}

cc=
for c in ${CLANG:-} clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
	if command -v "$c" >/dev/null 2>&1; then cc=$c; break; fi
done
if [ -z "$cc" ]; then
	echo "run-short: skipped: clang not found (apt-get install clang libclang-rt-14-dev)"
	exit 0
fi
if ! pkg-config --exists inih 2>/dev/null; then
	echo "run-short: skipped: libinih-dev not found (the scenario parser needs it)"
	exit 0
fi

if [ -n "${FUZZ_WORK:-}" ]; then
	work=$FUZZ_WORK
	keep=1
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/zonestat-fuzz.XXXXXX")
	keep=0
fi
mkdir -p "$work/obj" "$work/corpus"

printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return d && n > 1 && d[0] == 1; }\n' \
	> "$work/probe.c"
if ! "$cc" -fsanitize=fuzzer "$work/probe.c" -o "$work/probe" >/dev/null 2>&1; then
	echo "run-short: skipped: $cc has no libFuzzer runtime (apt-get install libclang-rt-14-dev)"
	[ "$keep" = 1 ] || rm -rf "$work"
	exit 0
fi

# What configure's config.h gives these files (AC_USE_SYSTEM_EXTENSIONS); the tree may be unconfigured.
cat > "$work/config.h" <<'CONF'
#ifndef _GNU_SOURCE
# define _GNU_SOURCE 1
#endif
#define PACKAGE "zonestat"
#define PACKAGE_NAME "zonestat"
#define PACKAGE_VERSION "fuzz"
#define VERSION "fuzz"
CONF

san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-O1 -g -std=gnu11 -I$work -I$top/src -I$top/tests/fuzz $(pkg-config --cflags inih)"
libs="$(pkg-config --libs inih) -lm"

# The parsers, the analyses and what the scenario harness's sim_init needs, as one archive: each harness links only the
# members it uses.
echo "run-short: building with $cc"
srcs=
# every parser (src/proc-*.c, so that a new parser file cannot be left out), then the rest by name
for f in $(cd "$top/src" && ls proc-*.c | sed 's/\.c$//') util kv snapshot sample kformula sim-machine \
	sim-step sim-workload sim-reclaim sim-psi sim-check sim-scenario sim-builtin vmpressure analysis-notes delta analysis-zones analysis-reclaim analysis-buddy \
	fragindex kformula-sample explain-checks vmstat-calc render-csv render-table view; do
	srcs="$srcs $f"
done
printf '%s\n' $srcs | xargs -P "$jobs" -I{} \
	"$cc" $cflags $san -fsanitize=fuzzer-no-link -c "$top/src/{}.c" -o "$work/obj/{}.o"
rm -f "$work/libzs-fuzz.a"
ar rcs "$work/libzs-fuzz.a" "$work"/obj/*.o

if [ $# -gt 0 ]; then
	names=$*
else
	names=
	for h in "$top"/tests/fuzz/fuzz-*.c; do
		n=${h##*/fuzz-}
		n=${n%.c}
		[ "$n" = util ] || names="$names $n"
	done
fi
for n in $names; do
	"$cc" $cflags $san -fsanitize=fuzzer "$top/tests/fuzz/fuzz-$n.c" "$top/tests/fuzz/fuzz-util.c" \
		"$work/libzs-fuzz.a" $libs -o "$work/fuzz-$n"
done

# One harness: fuzz into a copy of its corpus; a crash leaves crash-/leak-/timeout-/oom- files.
fuzz_one() {
	n=$1
	mkdir -p "$work/corpus/$n"
	cp "$top/tests/fuzz/corpus/$n"/* "$work/corpus/$n/" 2>/dev/null || true
	if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$work/fuzz-$n" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$work/$n-" "$work/corpus/$n" >"$work/$n.log" 2>&1; then
		echo "run-short: $n: $(grep -m1 'stat::number_of_executed_units' "$work/$n.log" | awk '{print $2}') runs, ok"
	else
		echo "run-short: $n: FAILED (log: $work/$n.log)"
		grep -E 'ERROR|broken promise|SUMMARY|printed' "$work/$n.log" | head -n 5 | sed 's/^/    /'
		for a in "$work/$n"-*; do
			[ -f "$a" ] || continue
			echo "    reproducer: $a (run: $work/fuzz-$n $a)"
			# the input itself, so that a finding on a machine that is gone (CI) can be replayed:
			# base64 -d > FILE turns these lines back into it
			if [ "$(wc -c < "$a")" -le 16384 ] && command -v base64 >/dev/null 2>&1; then
				echo "    reproducer, base64:"
				base64 "$a" | sed 's/^/      /'
			fi
		done
		return 1
	fi
}

failed=0
set -- $names
while [ $# -gt 0 ]; do
	pids=
	i=0
	while [ $# -gt 0 ] && [ "$i" -lt "$jobs" ]; do
		fuzz_one "$1" &
		pids="$pids $!"
		shift
		i=$((i + 1))
	done
	for p in $pids; do
		wait "$p" || failed=1
	done
done
if [ "$failed" = 0 ]; then
	echo "run-short: every harness ran ${seconds}s without a finding"
	[ "$keep" = 1 ] || rm -rf "$work"
	exit 0
fi
echo "run-short: findings kept in $work"
exit 1
