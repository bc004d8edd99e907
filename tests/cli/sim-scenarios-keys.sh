#!/bin/sh
# sim-scenarios-keys.sh — every key of the scenario file format (zonestat-scenario(5)) works end to end:
# a small scenario file per key, run through the CLI, and the effect the page promises read back from the
# CSV views or the --sim-out tree.  Expected values come from the key's value and the kernel's formulas,
# never from a previous run.  Bad files name the file and line.
. "$top_srcdir/tests/cli/tap.sh"

# sim NAME N [options]: run $TMPD/NAME.ini for N samples a second apart; CSV of the vmstat view in
# $TMPD/NAME.csv, -z in NAME.z.csv, the tree after the last sample in $TMPD/NAME/
sim() {
	n=$1 c=$2; shift 2
	rm -rf "${TMPD:?}/$n"
	"$ZONESTAT" --sim "$TMPD/$n.ini" --sim-out "$TMPD/$n" --csv "$@" 1 "$c" >"$TMPD/$n.csv" 2>"$TMPD/$n.err" &&
		"$ZONESTAT" --sim "$TMPD/$n.ini" -z --csv 1 "$c" >"$TMPD/$n.z.csv" 2>>"$TMPD/$n.err"
}
# col NAME FILE [ROW]: the named CSV column (of row ROW, 1 = first data row; all rows without)
col() {
	awk -F, -v c="$1" -v r="${3:-0}" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
		k && (r == 0 || NR - 1 == r) { print $k }' "$2"
}
# zcol NAME FILE ZONE [NODE]: a -z column of one zone at the last sample
zcol() {
	awk -F, -v c="$1" -v z="$3" -v nd="${4:-0}" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$h["zone"] == z && $h["node"] == nd { v = $h[c] } END { print v }' "$2"
}
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' "$TMPD/$2/proc/meminfo"; }
vmstat() { awk -v k="$1" '$1 == k { print $2 }' "$TMPD/$2/proc/vmstat"; }
# zoneinfo FIELD NAME ZONE: a per-zone line of the tree's zoneinfo ("min", "managed", "protection:" …)
zoneinfo() {
	awk -v f="$1" -v z="$3" '$1 == "Node" { cur = $4 } cur == z && $1 == f && !seen++ { $1 = ""; print substr($0, 2) }' \
		"$TMPD/$2/proc/zoneinfo"
}
# series NAME COL FILE PROGRAM: passes when the awk PROGRAM, run at the end with v[t] the column's value at
# t seconds (one row a second from t = 0), exits 0
series() {
	check "$1" awk -F, -v c="$2" "NR == 1 { for (i = 1; i <= NF; i++) if (\$i == c) k = i; next } { v[NR - 2] = \$k }
		END { $4 }" "$3"
}
within() { awk -v a="$1" -v b="$2" -v p="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= p * (b < 0 ? -b : b)) }'; }
scen() { cat >"$TMPD/$1.ini"; }

# ---- [machine] ----
scen nodes <<'EOF'
[machine]
nodes = 2
cpus = 4
memory = 2G
EOF
sim nodes 2
check_eq "nodes = 2: -z shows nodes 0 and 1" "0 1" "$(col node "$TMPD/nodes.z.csv" | sort -u | tr '\n' ' ' | sed 's/ $//')"
check_eq "nodes = 2, cpus = 4: each node has two CPUs" "0-1 2-3" \
	"$(cat "$TMPD/nodes/sys/devices/system/node/node0/cpulist" "$TMPD/nodes/sys/devices/system/node/node1/cpulist" | tr '\n' ' ' | sed 's/ $//')"

scen cpus <<'EOF'
[machine]
cpus = 6
EOF
sim cpus 2
check_eq "cpus = 6: /proc/stat has cpu0 … cpu5" "6" "$(grep -c '^cpu[0-9]' "$TMPD/cpus/proc/stat")"
check_eq "cpus = 6: -z online_cpus" "6" "$(zcol online_cpus "$TMPD/cpus.z.csv" Normal)"

scen memory <<'EOF'
[machine]
memory = 2G
swap = 512M
EOF
sim memory 2
mt=$(meminfo MemTotal memory)
check "memory = 2G: MemTotal is 2 GiB less the boot reservations (95-100 %)" \
	awk -v m="$mt" 'BEGIN { exit !(m <= 2097152 && m >= 0.95 * 2097152) }'
check_eq "swap = 512M: SwapTotal" "524288" "$(meminfo SwapTotal memory)"

scen highmem <<'EOF'
[machine]
highmem = yes
memory = 2G
EOF
sim highmem 2
check "highmem = yes: a HighMem zone with memory, Normal at most 896 MiB" awk -F, \
	'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	 $h["zone"] == "HighMem" && $h["managed_pages"] > 0 { hm = 1 }
	 $h["zone"] == "Normal" && $h["managed_pages"] > 229376 { big = 1 }
	 END { exit !(hm && !big) }' "$TMPD/highmem.z.csv"

# thp = no: the default min_free_kbytes is the kernel's int_sqrt(lowmem_kbytes * 16), without the khugepaged
# raise; with THP it is larger
scen nothp <<'EOF'
[machine]
thp = no
memory = 2G
EOF
sim nothp 2
scen thp <<'EOF'
[machine]
memory = 2G
EOF
sim thp 2
lowmem=$(awk '$1 == "managed" { s += $2 } END { print s * 4 }' "$TMPD/nothp/proc/zoneinfo")
want=$(awk -v k="$lowmem" 'BEGIN { x = int(sqrt(k * 16)); while (x * x > k * 16) x--; while ((x + 1) * (x + 1) <= k * 16) x++;
	if (x < 128) x = 128; if (x > 262144) x = 262144; print x }')
check_eq "thp = no: min_free_kbytes = int_sqrt(16 · lowmem kB)" "$want" "$(cat "$TMPD/nothp/proc/sys/vm/min_free_kbytes")"
check_eq "thp = no: transparent_hugepage/enabled" "always madvise [never]" \
	"$(cat "$TMPD/nothp/sys/kernel/mm/transparent_hugepage/enabled")"
check "thp = yes: khugepaged raises min_free_kbytes" \
	test "$(cat "$TMPD/thp/proc/sys/vm/min_free_kbytes")" -gt "$want"

# repeat: two 3 s phases (reading, then idle) come round again after 6 s; without repeat the last lasts
for r in yes no; do
	scen "repeat-$r" <<EOF
[machine]
repeat = $r
[phase read]
duration = 3
file_read = 8M
[phase idle]
duration = 3
EOF
	sim "repeat-$r" 13
done
check_eq "repeat = yes: reads in 0-3 s and 6-9 s only" "8192 8192 8192 0 0 0 8192 8192 8192 0 0 0" \
	"$(col bi_kib_per_s "$TMPD/repeat-yes.csv" | sed 1d | tr '\n' ' ' | sed 's/ $//')"
check_eq "repeat = no: the last phase lasts for ever" "8192 8192 8192 0 0 0 0 0 0 0 0 0" \
	"$(col bi_kib_per_s "$TMPD/repeat-no.csv" | sed 1d | tr '\n' ' ' | sed 's/ $//')"

# sysctls of [machine], each in /proc/sys/vm and in the numbers derived from it
scen sysctl <<'EOF'
[machine]
memory = 8G
cpus = 4
min_free_kbytes = 65536
watermark_scale_factor = 100
watermark_boost_factor = 0
swappiness = 33
percpu_pagelist_high_fraction = 16
lowmem_reserve_ratio = 128 64 16 0 0
EOF
sim sysctl 2
for k in min_free_kbytes:65536 watermark_scale_factor:100 watermark_boost_factor:0 swappiness:33 \
	percpu_pagelist_high_fraction:16; do
	check_eq "[machine] ${k%%:*}: /proc/sys/vm/${k%%:*}" "${k#*:}" "$(cat "$TMPD/sysctl/proc/sys/vm/${k%%:*}")"
done
check_eq "[machine] lowmem_reserve_ratio: /proc/sys/vm/lowmem_reserve_ratio" "128	64	16	0	0" \
	"$(cat "$TMPD/sysctl/proc/sys/vm/lowmem_reserve_ratio")"
# pages_min = 65536 kB / 4 shared by managed size: the zones' min watermarks add up to it (less truncation)
# (HighMem and Movable zones take no share: their min is managed / 1024 clamped to 32 … 128)
check "min_free_kbytes = 65536: the lowmem zones' min watermarks add up to 16384 pages" awk \
	'$1 == "Node" { z = $4 } $1 == "min" && z != "Movable" && z != "HighMem" && z != "Device" { s += $2; n++ }
	 END { exit !(s <= 16384 && s >= 16384 - n) }' "$TMPD/sysctl/proc/zoneinfo"
# low − min = high − low = max(min / 4, managed · factor / 10000)
m=$(zoneinfo min sysctl Normal) l=$(zoneinfo low sysctl Normal) h=$(zoneinfo high sysctl Normal)
g=$(awk -v m="$m" -v z="$(zoneinfo managed sysctl Normal)" 'BEGIN { a = int(m / 4); b = int(z * 100 / 10000); print (a > b ? a : b) }')
check_eq "watermark_scale_factor = 100: Normal's low − min and high − low" "$g $g" "$((l - m)) $((h - l))"
# protection of DMA32 against Normal allocations: Normal's managed pages / lowmem_reserve_ratio[DMA32]
p=$(zoneinfo protection: sysctl DMA32 | tr -d '(),' | awk '{ print $3 }')
check_eq "lowmem_reserve_ratio = 128 64 …: DMA32's protection[Normal] = managed(Normal) / 64" \
	"$(($(zoneinfo managed sysctl Normal) / 64))" "$p"
check_eq "percpu_pagelist_high_fraction = 16: Normal's pcp high_min = managed / 16 / 4 CPUs" \
	"$(($(zoneinfo managed sysctl Normal) / 16 / 4))" \
	"$(awk '$1 == "Node" { z = $4 } z == "Normal" && $1 == "high_min:" { print $2; exit }' "$TMPD/sysctl/proc/zoneinfo")"

# [zone NODE NAME]: the zones as given
scen zones <<'EOF'
[machine]
cpus = 2
[zone 0 DMA32]
start_pfn = 4096
spanned = 258048
present = 258000
managed = 250000
[zone 0 Normal]
start_pfn = 262144
spanned = 262144
present = 262144
managed = 260000
EOF
sim zones 2
check_eq "[zone 0 Normal]: spanned, present, managed as given" "262144 262144 260000" \
	"$(zoneinfo spanned zones Normal) $(zoneinfo present zones Normal) $(zoneinfo managed zones Normal)"
check_eq "[zone 0 DMA32]: start_pfn as given" "4096" \
	"$(awk '$1 == "Node" { z = $4 } z == "DMA32" && $1 == "start_pfn:" { print $2; exit }' "$TMPD/zones/proc/zoneinfo")"

# ---- [phase NAME] ----
scen anon <<'EOF'
[machine]
memory = 1G
cpus = 2
[phase alloc]
duration = 0.1m
anon_alloc = 40M
cpu = 37
tasks = 9
[phase free]
duration = 10s
anon_free = 20M
EOF
sim anon 25
series "anon_alloc = 40M, duration = 0.1m: free falls ~40960 KiB/s for 6 s" free_kib "$TMPD/anon.csv" \
	'for (t = 1; t <= 6; t++) { d = v[t - 1] - v[t]; if (d < 0.97 * 40960 || d > 1.03 * 40960) exit 1 }
	       exit !(v[7] > v[6] - 1024)'
# the first pages freed refill the per-CPU lists (not counted free), then free rises at the rate until the
# 240 MiB are gone (12 s), the last duration lasting for ever
series "anon_free = 20M: free rises ~20480 KiB/s, and stops once the 240 MiB allocated are freed" free_kib "$TMPD/anon.csv" \
	'for (t = 10; t <= 18; t++) { d = v[t] - v[t - 1]; if (d < 0.97 * 20480 || d > 1.03 * 20480) exit 1 }
	       exit !(v[24] - v[20] < 1024)'
check_eq "cpu = 37: us" "37" "$(col us_pct "$TMPD/anon.csv" 2)"
# procs_running counts tasks · cpu% busy plus the reader; vmstat's r leaves the reader out: round(9 · 0.37)
check_eq "tasks = 9, cpu = 37: r" "3" "$(col r "$TMPD/anon.csv" 2)"

scen file <<'EOF'
[machine]
memory = 2G
[phase io]
file_read = 16M
file_write = 8M
EOF
sim file 6
check_eq "file_read = 16M: bi" "16384 16384 16384 16384 16384" "$(col bi_kib_per_s "$TMPD/file.csv" | sed 1d | tr '\n' ' ' | sed 's/ $//')"
# written pages are dirtied, then written back at the disk's rate (100 MiB/s) a tick later
check_eq "file_write = 8M: bo after the first second" "8192 8192 8192 8192" \
	"$(col bo_kib_per_s "$TMPD/file.csv" | sed 1,2d | tr '\n' ' ' | sed 's/ $//')"
check_eq "file_write = 8M: nr_dirtied after 5 s" "10240" "$(vmstat nr_dirtied file)"

# file_reread over file_set: the set is read from disk once (misses fall as it is cached), then hits only
scen reread <<'EOF'
[machine]
memory = 2G
[phase reread]
file_reread = 64M
file_set = 64M
EOF
sim reread 30
series "file_reread = 64M over file_set = 64M: reads from disk at first, none once the set is cached" bi_kib_per_s "$TMPD/reread.csv" \
	'exit !(v[1] > 0.5 * 65536 && v[1] <= 65536 && v[29] == 0)'
check "file_reread: the set's first reads are major faults, not refaults" awk \
	'$1 == "pgmajfault" { m = $2 } $1 == "workingset_refault_file" { r = $2 }
	 END { exit !(m >= 0.9 * 16384 && m <= 16384 && r == 0) }' "$TMPD/reread/proc/vmstat"

# anon_touch: touching anonymous memory that was swapped out swaps it back in
for touch in 0 100M; do
	scen "touch-$touch" <<EOF
[machine]
memory = 1G
swap = 1G
cpus = 2
[phase fill]
duration = 7
anon_alloc = 200M
[phase touch]
anon_touch = $touch
EOF
	sim "touch-$touch" 12
done
series "anon_touch = 100M: swap-ins once the touching starts" si_kib_per_s "$TMPD/touch-100M.csv" \
	'for (t = 1; t <= 7; t++) if (v[t]) exit 1; for (t = 8; t <= 11; t++) if (!v[t]) exit 1'
check_eq "anon_touch = 0: no swap-in" "0" "$(vmstat pswpin touch-0)"

# mlock (an absolute amount), pin, high-order allocations, against the same run without them
scen plain <<'EOF'
[machine]
memory = 2G
[phase a]
duration = 3
EOF
scen locks <<'EOF'
[machine]
memory = 2G
[phase a]
duration = 3
mlock = 64M
pin = 4M
high_order = 9
high_order_rate = 10
[phase b]
duration = 2
mlock = 16M
EOF
sim plain 3 && sim locks 3
check_eq "mlock = 64M: Mlocked and Unevictable" "65536 65536" "$(meminfo Mlocked locks) $(meminfo Unevictable locks)"
check "pin = 4M: SUnreclaim grows by 4 MiB/s (8 MiB in 2 s)" within \
	"$(($(meminfo SUnreclaim locks) - $(meminfo SUnreclaim plain)))" 8192 0.02
check_eq "high_order = 9, high_order_rate = 10: 20 THP faults in 2 s, none falling back" "20 0" \
	"$(vmstat thp_fault_alloc locks) $(vmstat thp_fault_fallback locks)"
sim locks 5
check_eq "mlock = 16M in a later phase: munlocks down to it" "16384" "$(meminfo Mlocked locks)"

scen burst <<'EOF'
[machine]
memory = 2G
[phase calm]
duration = 2
[phase burst]
burst = 512M
EOF
sim burst 6
series "burst = 512M: free falls by 512 MiB within a second of the phase, then stays" free_kib "$TMPD/burst.csv" \
	'd = v[2] - v[3]; exit !(d > 0.98 * 524288 && d < 1.02 * 524288 && v[3] - v[5] < 4096)'

# sysctl.NAME in a phase: written at the phase's start, with the kernel's recompute
scen sysctlphase <<'EOF'
[machine]
memory = 8G
cpus = 4
[phase before]
duration = 3
[phase after]
sysctl.min_free_kbytes = 131072
sysctl.watermark_scale_factor = 50
sysctl.watermark_boost_factor = 5000
sysctl.swappiness = 150
sysctl.percpu_pagelist_high_fraction = 32
sysctl.lowmem_reserve_ratio = 512 512 64 0 0
EOF
sim sysctlphase 3
before=$(cat "$TMPD/sysctlphase/proc/sys/vm/min_free_kbytes")
sim sysctlphase 5
for k in min_free_kbytes:131072 watermark_scale_factor:50 watermark_boost_factor:5000 swappiness:150 \
	percpu_pagelist_high_fraction:32; do
	check_eq "phase sysctl.${k%%:*}: /proc/sys/vm/${k%%:*} after the phase starts" "${k#*:}" \
		"$(cat "$TMPD/sysctlphase/proc/sys/vm/${k%%:*}")"
done
check_eq "phase sysctl.lowmem_reserve_ratio" "512	512	64	0	0" "$(cat "$TMPD/sysctlphase/proc/sys/vm/lowmem_reserve_ratio")"
check "phase sysctl.min_free_kbytes: the default before it was different" test "$before" != 131072
check "phase sysctl.min_free_kbytes = 131072: the lowmem zones' min watermarks add up to 32768 pages" awk \
	'$1 == "Node" { z = $4 } $1 == "min" && z != "Movable" && z != "HighMem" && z != "Device" { s += $2; n++ }
	 END { exit !(s <= 32768 && s >= 32768 - n) }' "$TMPD/sysctlphase/proc/zoneinfo"
# -z: Normal's min changes at the phase boundary (t = 3 s), not before
check "phase sysctl.min_free_kbytes: -z min_pages of Normal is the same up to 3 s, different after" awk -F, \
	'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	 $h["zone"] == "Normal" { t = $h["epoch_s"] - 1767225600; m = $h["min_pages"]; if (t <= 3) { if (m0 == "") m0 = m; if (m != m0) exit 1 }
	                          else if (m == m0) exit 1; else seen = 1 }
	 END { exit !seen }' "$TMPD/sysctlphase.z.csv"

# swappiness in reclaim: 0 leaves anon alone while the file cache is large; 100 swaps
for sw in 0 100; do
	scen "swappiness-$sw" <<EOF
[machine]
memory = 2G
swap = 2G
swappiness = $sw
[phase cache]
duration = 10
file_read = 200M
[phase grow]
anon_alloc = 100M
file_read = 50M
EOF
	sim "swappiness-$sw" 28
done
check_eq "swappiness = 0: no swap-out while there is file cache to reclaim" "0" "$(vmstat pswpout swappiness-0)"
check "swappiness = 100: the same machine swaps" test "$(vmstat pswpout swappiness-100)" -gt 0

# ---- errors: file and line, exit status 1, nothing on stdout ----
bad() {  # bad NAME EXPECTED-IN-MESSAGE: the file $TMPD/NAME.ini is refused with that message
	if "$ZONESTAT" --sim "$TMPD/$1.ini" 1 1 >"$TMPD/$1.out" 2>"$TMPD/$1.err"; then
		not_ok "bad scenario $1: refused" "exit 0"
	else
		check_eq "bad scenario $1: refused with '$2', nothing on stdout" "1:$2:" \
			"$?:$(grep -oF "$2" "$TMPD/$1.err" | head -1):$(cat "$TMPD/$1.out")"
	fi
}
printf '[machine]\ncpus = 4\nmemory = lots\n' | scen badsize
bad badsize "badsize.ini:3: [machine]: bad or unknown setting 'memory = lots'"
printf '[machine]\ncpus = 4\n\n[bogus]\n[phase a]\n' | scen badsect
bad badsect "badsect.ini:4: unknown section [bogus]"
printf '[phase a]\nduration = 1\nanon_alloc = 1M\nnot a pair\n' | scen badsyntax
bad badsyntax "badsyntax.ini:4: syntax error"
printf '[phase a]\nsysctl.watermark_scale_factor = 5000\n' | scen badrange
bad badrange "badrange.ini:2: [phase a]: bad or unknown setting 'sysctl.watermark_scale_factor = 5000'"
printf '[phase a]\nanon_allocate = 1M\n' | scen badkey
bad badkey "badkey.ini:2: [phase a]: bad or unknown setting 'anon_allocate = 1M'"
printf 'cpus = 4\n[machine]\n' | scen nosection
bad nosection "nosection.ini:1: 'cpus' before any section"
printf '[machine]\nnodes = 4\ncpus = 2\n' | scen badnodes
bad badnodes "badnodes.ini: [machine]: 4 nodes but 2 cpus"
printf '[zone 0]\nmanaged = 1\n' | scen badzone
bad badzone "badzone.ini:1: [zone 0]: expected [zone NODE NAME]"
printf '[phase a]\nduration = 0\n' | scen badduration
bad badduration "badduration.ini:2: [phase a]: bad or unknown setting 'duration = 0'"
# shorter than a step of the model, or too long for its nanosecond clock
printf '[phase a]\nduration = 0.05\n' | scen shortduration
bad shortduration "shortduration.ini:2: [phase a]: bad or unknown setting 'duration = 0.05'"
printf '[phase a]\nduration = 300000h\n' | scen longduration
bad longduration "longduration.ini:2: [phase a]: bad or unknown setting 'duration = 300000h'"
printf '[phase a]\nduration = 0.1\n[phase b]\nduration = 277777h\n' | scen edgeduration
"$ZONESTAT" --sim "$TMPD/edgeduration.ini" 1 2 >/dev/null 2>"$TMPD/edgeduration.err"
check_eq "durations of 0.1 s and 277777 h (10^9 s) are taken" "0" "$?"
# two phases of one name stay two phases
printf '[phase x]\nduration = 2\nfile_read = 4M\n[phase x]\nduration = 2\n' | scen twice
"$ZONESTAT" --sim "$TMPD/twice.ini" --csv 1 5 >"$TMPD/twice.csv"
check_eq "two [phase x] sections are two phases" "4096 4096 0 0" "$(col bi_kib_per_s "$TMPD/twice.csv" | sed 1d | tr '\n' ' ' | sed 's/ $//')"
tap_done
