#!/bin/sh
# churn.sh — the machine changes between two samples: a CPU, a zone or a node appears or disappears, a zone
# loses its managed pages, counters go backwards.  -z, -r, -b and the vmstat view must carry on (status 0,
# the rows of what is there now, no wrapped unsigned differences) and say what happened in a note on
# stderr.  Each variant is two samples of tests/data/views-load edited by a small script (churn-lib.sh);
# the shim (tests/compat/shim.c) swaps the files at the sleep.  Expected values are read from the edited
# files with awk.
. "$top_srcdir/tests/cli/tap.sh"
. "$top_srcdir/tests/cli/views-lib.sh"
. "$top_srcdir/tests/cli/churn-lib.sh"

D0=$VIEWS_DATA/0 D1=$VIEWS_DATA/1
V=$TMPD/v
if ! build_shim; then
	skip "churn between samples" "cannot build the shim (tests/compat/shim.c)"
	tap_done
	exit
fi

# variant NAME: $V/NAME/0 and $V/NAME/1, copies of the two captured samples, to be edited
variant() {
	copy_sample "$D0" "$V/$1/0"
	copy_sample "$D1" "$V/$1/1"
}
# run NAME VIEW: VIEW ("-z", "-r", "-b" or "" for vmstat's) over NAME's two samples, CSV in
# $TMPD/NAME.VIEW.csv, stderr in .err; checks the status and that no cell looks wrapped
run() {
	churn_tree "$V/$1/0" "$V/$1/1"
	out=$TMPD/$1.${2:-vm}
	shim_run $2 --root "$TMPD/root" -o csv 1 2 >"$out.csv" 2>"$out.err"
	check_eq "$1: ${2:-vmstat view} exits 0" 0 $?
	check_eq "$1: ${2:-vmstat view}: no wrapped numbers" "" "$(csv_huge "$out.csv")"
}
# noted NAME VIEW TEXT: the view's stderr holds the note
noted() {
	if grep -q "^zonestat: note: $3" "$TMPD/$1.${2:-vm}.err"; then
		ok "$1: ${2:-vmstat view} notes '$3'"
	else
		not_ok "$1: ${2:-vmstat view} notes '$3'" "$(cat "$TMPD/$1.${2:-vm}.err")"
	fi
}
# churned NAME [NOTE]: the four views over NAME's samples; -z and -b note NOTE
churned() {
	for view in -z -r -b ""; do run "$1" "$view"; done
	[ -n "${2:-}" ] || return 0
	noted "$1" -z "$2"
	noted "$1" -b "$2"
}
# no_dma32 DIR: node 0's DMA32 zone out of the sample DIR's zoneinfo and buddyinfo
no_dma32() {
	for f in zoneinfo buddyinfo; do
		drop_zone DMA32 <"$1/$f" >"$1/$f.new" && mv "$1/$f.new" "$1/$f"
	done
}
lines() {  # lines TEXT: TEXT's lines joined by blanks
	printf '%s\n' "$1" | tr '\n' ' '
}

# cpu1_off DIR: CPU 1 offline in the sample DIR: its stat line, its bit of cpu/online and its pagesets go
cpu1_off() {
	sed -i '/^cpu1 /d' "$1/stat"
	echo 0 >"$1/sys/devices/system/cpu/online"
	drop_pageset 1 <"$1/zoneinfo" >"$1/zoneinfo.new" && mv "$1/zoneinfo.new" "$1/zoneinfo"
}

# --- a CPU goes offline
variant cpu-gone
cpu1_off "$V/cpu-gone/1"
churned cpu-gone
noted cpu-gone -z "online CPUs changed from 2 to 1"
f=$TMPD/cpu-gone.-z.csv
check_eq "cpu-gone: online CPUs 2, then 1" "2 1" "$(csv_val "$f" 1 online_cpus 0 DMA32) $(csv_val "$f" 2 online_cpus 0 DMA32)"
# drift bound = vm stats threshold × online CPUs
t0=$(zi_field "$D0/zoneinfo" 0 DMA32 threshold) t1=$(zi_field "$V/cpu-gone/1/zoneinfo" 0 DMA32 threshold)
check_eq "cpu-gone: DMA32 drift bound: threshold × 2, then × 1" "$((t0 * 2)) $t1" \
	"$(csv_val "$f" 1 drift_pages 0 DMA32) $(csv_val "$f" 2 drift_pages 0 DMA32)"
check_eq "cpu-gone: Normal's per-CPU pages are CPU 0's" "$(zi_field "$V/cpu-gone/1/zoneinfo" 0 Normal pcp)" \
	"$(csv_val "$f" 2 pcp_pages 0 Normal)"

# --- a CPU comes online
variant cpu-new
cpu1_off "$V/cpu-new/0"
churned cpu-new
noted cpu-new -z "online CPUs changed from 1 to 2"
f=$TMPD/cpu-new.-z.csv
t1=$(zi_field "$D1/zoneinfo" 0 Normal threshold)
check_eq "cpu-new: Normal drift bound: threshold × 2 once both CPUs are online" "$((t1 * 2))" \
	"$(csv_val "$f" 2 drift_pages 0 Normal)"
check_eq "cpu-new: Normal's per-CPU pages: both CPUs'" "$(zi_field "$D1/zoneinfo" 0 Normal pcp)" \
	"$(csv_val "$f" 2 pcp_pages 0 Normal)"

# --- a zone disappears (DMA32 out of zoneinfo and buddyinfo)
variant zone-gone
no_dma32 "$V/zone-gone/1"
churned zone-gone "node 0 zone DMA32 disappeared"
f=$TMPD/zone-gone.-z.csv
check_eq "zone-gone: -z: the zones of each sample" \
	"$(lines "$(zi_populated "$D0/zoneinfo")")/ $(lines "$(zi_populated "$V/zone-gone/1/zoneinfo")")" \
	"$(lines "$(csv_zones "$f" 1)")/ $(lines "$(csv_zones "$f" 2)")"
# "pages free N": the count is the third word
n0=$(awk '/^Node 0, zone +Normal/ { z = 1 } z && $1 == "pages" { print $3; exit }' "$D0/zoneinfo")
n1=$(awk '/^Node 0, zone +Normal/ { z = 1 } z && $1 == "pages" { print $3; exit }' "$D1/zoneinfo")
check_eq "zone-gone: Normal's change of free pages carries on" "$((n1 - n0)).0" \
	"$(csv_val "$f" 2 free_change_pps 0 Normal)"
check_eq "zone-gone: -b: the buddyinfo zones of the second sample" "0,DMA 0,Normal " \
	"$(lines "$(csv_zones "$TMPD/zone-gone.-b.csv" 2)")"

# --- a zone appears (memory hot-added into a zone the first sample did not have)
variant zone-new
no_dma32 "$V/zone-new/0"
churned zone-new "node 0 zone DMA32 appeared"
f=$TMPD/zone-new.-z.csv
check_eq "zone-new: DMA32 is in the second sample" "$(lines "$(zi_populated "$D1/zoneinfo")")" \
	"$(lines "$(csv_zones "$f" 2)")"
check_eq "zone-new: DMA32 has no change of free pages yet (nothing to compare with)" "" \
	"$(csv_val "$f" 2 free_change_pps 0 DMA32)"

# --- a zone's managed pages go to 0 (offlined), its free pages and blocks with them
variant managed0
awk '/^Node / { z = $4 } z == "Normal" && $1 == "managed" { $0 = "        managed  0" }
	z == "Normal" && $1 == "pages" { $0 = "  pages free     0" } { print }' "$D1/zoneinfo" >"$V/managed0/1/zoneinfo"
awk '$4 == "Normal" { for (i = 5; i <= NF; i++) $i = 0 } { print }' "$D1/buddyinfo" >"$V/managed0/1/buddyinfo"
churned managed0
noted managed0 -z "node 0 zone Normal emptied (no managed pages)"
check_eq "managed0: -z shows the zones that still have pages" \
	"$(lines "$(zi_populated "$V/managed0/1/zoneinfo")")" "$(lines "$(csv_zones "$TMPD/managed0.-z.csv" 2)")"
f=$TMPD/managed0.-b.csv
# the kernel's indices with nothing free: unusable index 1000 (shown 1.000), fragmentation index 0
check_eq "managed0: -b: Normal: 0 free, unusable index 1.000, fragmentation index 0.000, no order" "0 1.000 0.000 -1" \
	"$(csv_val "$f" 2 free_pages 0 Normal) $(csv_val "$f" 2 unusable_index_o0 0 Normal) $(csv_val "$f" 2 frag_index_o3 0 Normal) $(csv_val "$f" 2 max_order_low 0 Normal)"

# --- a node comes online (node 1 with a copy of node 0's Normal zone)
variant node-new
add_node1 "$D1/zoneinfo" "$D1/buddyinfo" "$V/node-new/1"
churned node-new "node 1 zone Normal appeared"
f=$TMPD/node-new.-z.csv
check_eq "node-new: node 1's Normal shows its own free pages" "$n1" "$(csv_val "$f" 2 free_pages 1 Normal)"
check_eq "node-new: and no change of free pages yet" "" "$(csv_val "$f" 2 free_change_pps 1 Normal)"
check_eq "node-new: node 0 carries on" "$((n1 - n0)).0" "$(csv_val "$f" 2 free_change_pps 0 Normal)"
check_eq "node-new: -b: node 1's Normal" "1" "$(csv_zones "$TMPD/node-new.-b.csv" 2 | grep -c '^1,Normal$')"

# --- a node goes away
variant node-gone
add_node1 "$D0/zoneinfo" "$D0/buddyinfo" "$V/node-gone/0"
churned node-gone "node 1 zone Normal disappeared"
check_eq "node-gone: the second sample has node 0's zones only" "$(lines "$(zi_populated "$D1/zoneinfo")")" \
	"$(lines "$(csv_zones "$TMPD/node-gone.-z.csv" 2)")"

# --- counters go backwards (a reset, or a tree of another boot): reclaim, paging, interrupts, CPU ticks,
# PSI totals
variant backwards
b=$V/backwards/1
for k in pgscan_kswapd pgsteal_kswapd pgscan_direct pgsteal_direct pgscan_file pgsteal_file; do
	set_key "$b/vmstat" $k 1000
done
set_key "$b/vmstat" pgpgin 1
sed -i 's/^cpu  [0-9]* /cpu  100 /; s/^cpu0 [0-9]* /cpu0 50 /; s/^intr [0-9]*/intr 5/; s/^ctxt [0-9]*/ctxt 5/' "$b/stat"
sed -i 's/total=[0-9]*/total=5/' "$b/pressure/memory"
churned backwards
for k in pgscan_kswapd pgsteal_kswapd pgscan_direct pgsteal_direct; do
	noted backwards -r "counter $k went backwards ($(awk -v k=$k '$1 == k { print $2 }' "$D0/vmstat") -> 1000); counted as 0"
done
noted backwards -r "counter pressure/memory some total went backwards"
f=$TMPD/backwards.-r.csv
check_eq "backwards: -r: kswapd and direct scan/steal rates 0" "0.0 0.0 0.0 0.0" \
	"$(csv_val "$f" 2 scan_kswapd_pps) $(csv_val "$f" 2 scan_direct_pps) $(csv_val "$f" 2 steal_kswapd_pps) $(csv_val "$f" 2 steal_direct_pps)"
cs0=$(awk '$1 == "compact_stall" { print $2 }' "$D0/vmstat") cs1=$(awk '$1 == "compact_stall" { print $2 }' "$b/vmstat")
check_eq "backwards: -r: the other counters carry on (compaction stalls per second)" "$((cs1 - cs0)).0" \
	"$(csv_val "$f" 2 compact_stall_ps)"
check_eq "backwards: -r: PSI stall within the interval 0" "0.0" "$(csv_val "$f" 2 psi_some_stall_ms)"
for k in pgpgin intr ctxt "cpu user"; do noted backwards "" "counter $k went backwards"; done
f=$TMPD/backwards.vm.csv
po0=$(awk '$1 == "pgpgout" { print $2 }' "$D0/vmstat") po1=$(awk '$1 == "pgpgout" { print $2 }' "$b/vmstat")
check_eq "backwards: vmstat view: bi, in, cs 0; bo carries on" "0 0 0 $((po1 - po0))" \
	"$(csv_val "$f" 2 bi_kib_per_s) $(csv_val "$f" 2 in_per_s) $(csv_val "$f" 2 cs_per_s) $(csv_val "$f" 2 bo_kib_per_s)"
# user ticks counted 0; idle, iowait, irq, softirq and steal did not move: all the time is system time
check_eq "backwards: vmstat view: us 0, sy 100" "0 100" "$(csv_val "$f" 2 us_pct) $(csv_val "$f" 2 sy_pct)"

tap_done
