#!/bin/sh
# make-variants.sh — derive the edited fixtures of tests/data/compat from the recording "load" (made with
# tests/compat/record.sh -l).  Each variant is an overlay: a BASE file naming the recording, SEQ/ or ALL/
# directories with the files that replace the recorded ones, and a REMOVE list of files to take out.
# tests/data/compat/README says what each one exercises.  Run by hand when the base is re-recorded:
#
#   tests/compat/make-variants.sh tests/data/compat
set -eu
D=${1:?usage: $0 DATADIR}
B=load
base=$D/$B
nseq=$(ls -d "$base"/[0-9]* | wc -l)

new() {  # new NAME: an empty overlay on the base
	rm -rf "${D:?}/$1"
	mkdir -p "$D/$1"
	echo "$B" >"$D/$1/BASE"
}
set_key() {  # set_key FILE KEY VALUE: replace "KEY: n kB" (meminfo) or "KEY n" (vmstat, stat) lines
	awk -v k="$2" -v v="$3" '
		$1 == k":" { printf "%-16s%8s kB\n", k":", v; next }
		$1 == k { $0 = k " " v }
		{ print }' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}
seqs() { i=0; while [ "$i" -lt "$nseq" ]; do echo "$i"; i=$((i + 1)); done; }

# swap in use: SwapTotal/SwapFree/SwapCached set, pswpin/pswpout growing by different amounts
new swap
for k in $(seqs); do
	mkdir -p "$D/swap/$k"
	cp "$base/$k/meminfo" "$base/$k/vmstat" "$D/swap/$k/"
	set_key "$D/swap/$k/meminfo" SwapTotal 8388604
	set_key "$D/swap/$k/meminfo" SwapFree $((8288604 - k * 3001))
	set_key "$D/swap/$k/meminfo" SwapCached $((1234 + k * 17))
	set_key "$D/swap/$k/vmstat" pswpin $((123457 + k * k * 777))
	set_key "$D/swap/$k/vmstat" pswpout $((234567 + k * 1333))
done

# values wider than their columns: memory beyond 16 GiB and beyond 6/12 digits, huge paging and swap,
# interrupt and context-switch deltas beyond 2^31 and 2^32, many running and blocked tasks, huge disk
# counters
new wide
for k in $(seqs); do
	mkdir -p "$D/wide/$k"
	cp "$base/$k/meminfo" "$base/$k/vmstat" "$base/$k/stat" "$base/$k/diskstats" "$D/wide/$k/"
	m=$D/wide/$k/meminfo
	set_key "$m" MemTotal 1099511627775
	set_key "$m" MemFree $((999999999999 - k * 4097))
	set_key "$m" MemAvailable 999999999999
	set_key "$m" Buffers 16777219
	set_key "$m" Cached 32999999
	set_key "$m" SReclaimable 123456789
	set_key "$m" Active 77777777777
	set_key "$m" Inactive 16777217
	set_key "$m" SwapTotal 4398046511103
	set_key "$m" SwapFree 1
	v=$D/wide/$k/vmstat
	set_key "$v" pgpgin $((123456789012 + k * 5000000007))
	set_key "$v" pgpgout $((98765432109 + k * 4294967301))
	set_key "$v" pswpin $((1000000000 + k * 2000000001))
	set_key "$v" pswpout $((3000000000 + k * 1000000003))
	s=$D/wide/$k/stat
	awk -v CONVFMT=%.0f -v OFMT=%.0f -v k="$k" '
		$1 == "intr" { $2 = 1000000000000 + k * 3000000001 }
		$1 == "ctxt" { $2 = 2000000000000 + k * 4100000000 }
		$1 == "procs_running" { $2 = 123 + k }
		$1 == "procs_blocked" { $2 = 45678 }
		$1 == "processes" { $2 = 98765432101 }
		{ print }' "$s" >"$s.tmp" && mv "$s.tmp" "$s"
	awk -v CONVFMT=%.0f -v OFMT=%.0f -v k="$k" '$3 == "vda" { for (i = 4; i <= NF; i++) $i = $i * 1000003 + k; $12 = 123456 }
		{ print }' "$base/$k/diskstats" >"$D/wide/$k/diskstats"
done

# counters that go backwards: sample 3 has fewer user ticks than sample 2 (a derived sum goes down),
# sample 4 less iowait than sample 3 with more idle (only that field is clamped), sample 5 a smaller
# pgpgin, intr and ctxt than sample 4
new backwards
for k in 3 4 5; do mkdir -p "$D/backwards/$k"; done
awk '$1 == "cpu" { $2 = $2 - 500 } { print }' "$base/2/stat" >"$D/backwards/3/stat"
awk '$1 == "cpu" { $2 = $2 + 50; $5 = $5 + 100; $6 = $6 - 5 } { print }' "$D/backwards/3/stat" \
	>"$D/backwards/4/stat"
awk '$1 == "intr" || $1 == "ctxt" { $2 = $2 - 7 } { print }' "$D/backwards/4/stat" >"$D/backwards/5/stat"
cp "$base/5/vmstat" "$D/backwards/5/vmstat"
set_key "$D/backwards/5/vmstat" pgpgin $(($(sed -n 's/^pgpgin //p' "$base/4/vmstat") - 3))

# missing and empty files
for f in uptime cpuinfo meminfo stat vmstat diskstats slabinfo; do
	new "no-$f"
	echo "$f" >"$D/no-$f/REMOVE"
done
new no-sys-block
echo sys-block >"$D/no-sys-block/REMOVE"
for f in meminfo stat vmstat diskstats cpuinfo; do
	new "empty-$f"
	mkdir "$D/empty-$f/ALL"
	: >"$D/empty-$f/ALL/$f"
done

# /proc/cpuinfo whose last processor block has no "core id" and no blank line after it
new cpuinfo-open-block
mkdir "$D/cpuinfo-open-block/ALL"
grep -v '^core id' "$base/0/cpuinfo" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$D/cpuinfo-open-block/ALL/cpuinfo"

# truncated /proc/stat: inside the first line (fewer than 8 numbers), and after the cpu lines
new stat-cut-cpu
mkdir "$D/stat-cut-cpu/ALL"
head -c 19 "$base/0/stat" >"$D/stat-cut-cpu/ALL/stat"
new stat-cut-lines
for k in $(seqs); do
	mkdir -p "$D/stat-cut-lines/$k"
	grep '^cpu' "$base/$k/stat" >"$D/stat-cut-lines/$k/stat"
done

# binary garbage instead of /proc/vmstat and /proc/meminfo (with NUL bytes and no newline)
new garbage-vmstat
mkdir "$D/garbage-vmstat/ALL"
head -c 3000 /dev/urandom >"$D/garbage-vmstat/ALL/vmstat"
new garbage-meminfo
mkdir "$D/garbage-meminfo/ALL"
head -c 3000 /dev/urandom >"$D/garbage-meminfo/ALL/meminfo"

# disks and partitions: partition lines (full format), a disk with a long name and its partition, in
# every sample, the counters growing
new parts
for k in $(seqs); do
	mkdir -p "$D/parts/$k"
	{
		cat "$base/$k/diskstats"
		echo " 254       1 vda1 $((30000 + k * 7)) 8000 $((4000000 + k * 56)) 7000 7000 6000 2000000 2700 0 5000 10000 4000 60 1500000 400 900 50"
		echo ' 254       2 vda2 3 0 24 1 0 0 0 0 0 1 1 0 0 0 0 0 0'
		echo " 259       0 nvme0n1 $((5 + k)) 0 40 1 6 0 $((48 + k * 8)) 2 3000 7000 9 0 0 0 0 0 0"
		echo " 259       1 nvme0n1p1 $((5 + k)) 0 40 1 6 0 48 2 0 7 9 0 0 0 0 0 0"
	} >"$D/parts/$k/diskstats"
done
{ cat "$base/0/sysblock"; echo nvme0n1; } | sort >"$D/parts/0/sysblock"

# devices that come and go: vda is missing from sample 2 only, zram0 from samples 4 and 5, a new disk
# sdb appears in sample 3 and its partition sdb1 in sample 5
new disk-hotplug
for k in $(seqs); do
	mkdir -p "$D/disk-hotplug/$k"
	{
		case $k in
		2) grep -v ' vda ' "$base/$k/diskstats" ;;
		4|5) grep -v ' zram0 ' "$base/$k/diskstats" ;;
		*) cat "$base/$k/diskstats" ;;
		esac
		if [ "$k" -ge 3 ]; then
			echo "   8      16 sdb $((k * 100)) 0 $((k * 800)) 5 0 0 0 0 0 $((k * 3)) 5 0 0 0 0 0 0"
		fi
		if [ "$k" -ge 5 ]; then
			echo "   8      17 sdb1 $((k * 10)) 0 $((k * 80)) 5 0 0 0 0 0 $((k * 3)) 5 0 0 0 0 0 0"
		fi
	} >"$D/disk-hotplug/$k/diskstats"
done
{ cat "$base/0/sysblock"; echo sdb; } | sort >"$D/disk-hotplug/0/sysblock"
new disk-7-fields
mkdir "$D/disk-7-fields/ALL"
{ cat "$base/0/diskstats"; echo ' 254       1 vda1 100 200 300 400'; } >"$D/disk-7-fields/ALL/diskstats"
new disk-long-name
mkdir "$D/disk-long-name/ALL"
{ cat "$base/0/diskstats"; echo ' 252       0 a-device-name-of-forty-characters-long 1 2 3 4 5 6 7 8 9 10 11 0 0 0 0 0 0'; } \
	>"$D/disk-long-name/ALL/diskstats"

# slabinfo: an unknown version, and one with only its two header lines
new slab-version
mkdir "$D/slab-version/ALL"
sed '1s/.*/slabinfo - version: 1.1/' "$base/0/slabinfo" >"$D/slab-version/ALL/slabinfo"
new slab-empty
mkdir "$D/slab-empty/ALL"
head -2 "$base/0/slabinfo" >"$D/slab-empty/ALL/slabinfo"

# an old kernel: cpu lines with 8 numbers (no guest), no MemAvailable, no SReclaimable, diskstats lines
# with 14 fields (before 4.18)
new old-kernel
for k in $(seqs); do
	mkdir -p "$D/old-kernel/$k"
	awk '/^cpu/ { NF = 9 } { print }' "$base/$k/stat" >"$D/old-kernel/$k/stat"
	grep -v -e '^MemAvailable:' -e '^SReclaimable:' "$base/$k/meminfo" >"$D/old-kernel/$k/meminfo"
	awk '{ NF = 14; print }' "$base/$k/diskstats" >"$D/old-kernel/$k/diskstats"
done
# a cpu line with 7 numbers
new stat-cpu-7
mkdir "$D/stat-cpu-7/ALL"
awk '/^cpu / { NF = 8 } { print }' "$base/0/stat" >"$D/stat-cpu-7/ALL/stat"
# no intr line, no procs_running line
new stat-no-intr
for k in $(seqs); do
	mkdir -p "$D/stat-no-intr/$k"
	grep -v -e '^intr' -e '^procs_running' "$base/$k/stat" >"$D/stat-no-intr/$k/stat"
done
# all CPU ticks zero, and not moving
new zero-ticks
mkdir "$D/zero-ticks/ALL"
awk '/^cpu/ { for (i = 2; i <= NF; i++) $i = 0 } { print }' "$base/0/stat" >"$D/zero-ticks/ALL/stat"
# odd memory: SwapFree above SwapTotal, MemAvailable above MemTotal, Buffers and Cached zero
new mem-odd
mkdir "$D/mem-odd/ALL"
cp "$base/0/meminfo" "$D/mem-odd/ALL/meminfo"
set_key "$D/mem-odd/ALL/meminfo" SwapTotal 1000
set_key "$D/mem-odd/ALL/meminfo" SwapFree 2000
set_key "$D/mem-odd/ALL/meminfo" MemAvailable 99999999999
set_key "$D/mem-odd/ALL/meminfo" Buffers 0
set_key "$D/mem-odd/ALL/meminfo" Cached 0
# files longer than 8191 bytes: the keys vmstat needs come after 9000 bytes of other lines
new long-files
for k in $(seqs); do
	mkdir -p "$D/long-files/$k"
	{ i=0; while [ "$i" -lt 400 ]; do printf 'Padding%03d:     %8d kB\n' "$i" "$i"; i=$((i + 1)); done
	  cat "$base/$k/meminfo"; } >"$D/long-files/$k/meminfo"
	{ i=0; while [ "$i" -lt 400 ]; do printf 'nr_padding_%03d %d\n' "$i" "$i"; i=$((i + 1)); done
	  cat "$base/$k/vmstat"; } >"$D/long-files/$k/vmstat"
done
# swap counters going backwards (pswpin 1 below the sample before)
new swap-backwards
for k in $(seqs); do
	mkdir -p "$D/swap-backwards/$k"
	cp "$base/$k/vmstat" "$D/swap-backwards/$k/"
	set_key "$D/swap-backwards/$k/vmstat" pswpin $((5000 - k))
	set_key "$D/swap-backwards/$k/vmstat" pswpout $((7000 + k))
done
# slabinfo with a line missing its slabdata part
new slab-bad-line
mkdir "$D/slab-bad-line/ALL"
{ cat "$base/0/slabinfo"; echo 'broken_cache 1 2 3 4 5 : tunables 0 0 0'; } >"$D/slab-bad-line/ALL/slabinfo"

# files cut by 4.0.2's 8191-byte read inside a value: padding before the real lines puts byte 8191 after
# the first 4 digits of MemFree and after the first 3 digits of pgpgin
pad() {  # pad BYTES mem|vm: lines of padding of exactly BYTES bytes
	awk -v n="$1" -v kind="$2" 'BEGIN {
		while (n > 40) {
			s = kind == "mem" ? sprintf("Pad%05d:       1 kB\n", i++) : sprintf("nr_pad_%05d 1\n", i++)
			printf "%s", s; n -= length(s)
		}
		k = ""; for (j = 0; j < n - (kind == "mem" ? 7 : 3); j++) k = k "P"
		printf kind == "mem" ? "%s: 1 kB\n" : "%s 1\n", k
	}'
}
new cut-8191
for k in $(seqs); do
	mkdir -p "$D/cut-8191/$k"
	m=$base/$k/meminfo
	off=$(awk '/^MemFree:/ { print o; exit } { o += length($0) + 1 }' "$m")
	{ pad $((8191 - off - 16 - 4)) mem; cat "$m"; } >"$D/cut-8191/$k/meminfo"
	v=$base/$k/vmstat
	off=$(awk '/^pgpgin / { print o; exit } { o += length($0) + 1 }' "$v")
	{ pad $((8191 - off - 7 - 3)) vm; cat "$v"; } >"$D/cut-8191/$k/vmstat"
done
