#!/bin/sh
# make-corpus.sh — (re)build the capture-derived seeds of tests/fuzz/corpus/ from our own captures in
# tests/data (the cap-* files; the edge-* files are written by hand and left alone).  Seeds are kept small:
# every replay cuts each seed at every byte, so long files are trimmed to their first lines.
#   tests/fuzz/make-corpus.sh            (from the source tree)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
live=$top/tests/data/live-6.18.44-fc-v669
load=$top/tests/data/views-load
edge=$top/tests/data/vmstat-edge
out=$top/tests/fuzz/corpus

seed() {  # seed HARNESS NAME < text
	mkdir -p "$out/$1"
	cat > "$out/$1/cap-$2"
}
section() {  # section PATH FILE: one "== PATH" section of a multi-file seed (fuzz.h)
	printf '== %s\n' "$1"
	cat "$2"
}

seed zoneinfo live-6.18 < "$live/proc/zoneinfo"
seed zoneinfo load-0 < "$load/0/zoneinfo"
seed buddyinfo live-6.18 < "$live/proc/buddyinfo"
seed buddyinfo load-1 < "$load/1/buddyinfo"
seed psi live-6.18 < "$live/proc/pressure/memory"
seed psi load-1 < "$load/1/pressure/memory"
seed pagetypeinfo live-6.18 < "$live/proc/pagetypeinfo"
seed meminfo live-6.18 < "$live/proc/meminfo"
seed vmstat live-6.18 < "$live/proc/vmstat"
seed stat live-6.18 < "$live/proc/stat"
seed stat load-1 < "$load/1/stat"
seed uptime live-6.18 < "$live/proc/uptime"
seed uptime loadavg-6.18 < "$live/proc/loadavg"
seed cpulist online-6.18 < "$live/sys/devices/system/cpu/online"
seed cpulist node0-6.18 < "$live/sys/devices/system/node/node0/cpulist"
{ cat "$live/proc/diskstats"; printf 'sys/block:'; ls "$edge/sys/block" | tr '\n' ' '; echo; } |
	seed diskstats live-6.18
seed diskstats edge < "$edge/proc/diskstats"
head -n 30 "$live/proc/slabinfo" | seed slabinfo live-6.18
seed cpuinfo live-6.18 < "$live/proc/cpuinfo"
{
	for f in "$live"/proc/sys/vm/*; do section "sys/vm/${f##*/}" "$f"; done
	section kernel/mm/transparent_hugepage/enabled "$live/sys/kernel/mm/transparent_hugepage/enabled"
} | seed sysctl live-6.18
{
	n=$live/sys/devices/system/node/node0
	section node0/meminfo "$n/meminfo"
	head -n 30 "$n/vmstat" > "$out/.vmstat.tmp"
	section node0/vmstat "$out/.vmstat.tmp"
	section node0/cpulist "$n/cpulist"
	rm -f "$out/.vmstat.tmp"
} | seed nodes live-6.18
# pick: the separator byte (' ' even, ':' odd), then two texts split by an empty line
{ printf ' '; head -n 40 "$live/proc/vmstat"; echo; head -n 40 "$load/1/vmstat"; } | seed pick vmstat
{ printf '1'; head -n 20 "$live/proc/meminfo"; echo; head -n 20 "$load/1/meminfo"; } | seed pick meminfo
# analysis: the two samples of views-load, without zoneinfo's stat items (6-space lines) and with the
# vmstat lines of reclaim only
{
	for i in 0 1; do
		grep -v '^      [a-z]' "$load/$i/zoneinfo" > "$out/.zoneinfo.tmp"
		section "$i/zoneinfo" "$out/.zoneinfo.tmp"
		for f in buddyinfo uptime version pressure/memory; do section "$i/$f" "$load/$i/$f"; done
		section "$i/devices/system/cpu/online" "$load/$i/sys/devices/system/cpu/online"
		grep -E '^(pgscan|pgsteal|allocstall|compact_(stall|fail|success)|workingset_(refault|activate)|pswp|oom_kill|nr_free_pages )' \
			"$load/$i/vmstat" > "$out/.vmstat.tmp"
		section "$i/vmstat" "$out/.vmstat.tmp"
	done
	rm -f "$out/.vmstat.tmp" "$out/.zoneinfo.tmp"
} | seed analysis views-load
# explain: one whole sample of what --explain reads (vmstat and meminfo cut to the lines it compares),
# from the live capture and from the one with a user-set min_free_kbytes
for t in live-6.18.44-fc-v669:live-6.18 live-6.18.44-fc-v669-min-free-user:min-free-user; do
	d=$top/tests/data/${t%%:*}
	{
		for f in zoneinfo buddyinfo version; do section "$f" "$d/proc/$f"; done
		grep -E '^(nr_free_pages|nr_zone_|pgscan_kswapd |pgsteal_kswapd )' "$d/proc/vmstat" > "$out/.vmstat.tmp"
		section vmstat "$out/.vmstat.tmp"
		grep -E '^(MemTotal|MemFree|MemAvailable|Buffers|Cached):' "$d/proc/meminfo" > "$out/.meminfo.tmp"
		section meminfo "$out/.meminfo.tmp"
		for f in "$d"/proc/sys/vm/*; do section "sys/vm/${f##*/}" "$f"; done
		[ -f "$d/sys/devices/system/cpu/online" ] &&
			section devices/system/cpu/online "$d/sys/devices/system/cpu/online"
		rm -f "$out/.vmstat.tmp" "$out/.meminfo.tmp"
	} | seed explain "${t#*:}"
done
