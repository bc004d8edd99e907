#!/bin/sh
# record.sh — record the /proc files procps vmstat reads, COUNT times, INTERVAL seconds apart, into
# OUTDIR/0, OUTDIR/1, … (the fixture layout tests/compat/run.sh replays; see tests/data/compat/README).
#
#   tests/compat/record.sh [-l] OUTDIR [COUNT [INTERVAL]]
#
# -l puts the machine under load while recording (CPU loops, disk writes and reads with dd, a memory hog),
# so that every counter moves between samples.  Not a test: run by hand to make fixtures.
set -eu

load=0
if [ "${1:-}" = "-l" ]; then
	load=1
	shift
fi
[ $# -ge 1 ] || { echo "usage: $0 [-l] OUTDIR [COUNT [INTERVAL]]" >&2; exit 1; }
out=$1
count=${2:-8}
interval=${3:-1}
files="stat meminfo vmstat uptime cpuinfo diskstats slabinfo loadavg"

pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || :; done
	rm -f "${scratch:-}"
}
trap cleanup EXIT INT TERM

if [ "$load" = 1 ]; then
	scratch=$(mktemp /var/tmp/zs-record.XXXXXX)
	# a CPU loop in user space and one in the kernel
	sh -c 'while :; do :; done' & pids="$pids $!"
	sh -c 'while :; do cat /proc/slabinfo >/dev/null; done' & pids="$pids $!"
	# writes that reach the disk (bo, sectors written) and reads that bypass the cache (bi)
	sh -c "while :; do dd if=/dev/zero of=$scratch bs=1M count=64 oflag=direct 2>/dev/null;
		dd if=$scratch of=/dev/null bs=1M iflag=direct 2>/dev/null; done" & pids="$pids $!"
	# a memory hog: free and cache move
	sh -c 'while :; do head -c 300000000 /dev/zero | tail -c 1 >/dev/null; done' & pids="$pids $!"
	sleep 1
fi

seq=0
while [ "$seq" -lt "$count" ]; do
	d=$out/$seq
	mkdir -p "$d"
	for f in $files; do
		# cpuinfo and the disk list do not change: only the first sample holds them
		[ "$seq" -gt 0 ] && [ "$f" = cpuinfo ] && continue
		cat "/proc/$f" >"$d/$f"
	done
	[ "$seq" -eq 0 ] && ls /sys/block >"$d/sysblock"
	seq=$((seq + 1))
	[ "$seq" -lt "$count" ] && sleep "$interval"
done
echo "recorded $count samples into $out"
