#!/bin/sh
# sim-proof-calib.sh — calibration equals the kernel: a machine calibrated from a tree (--sim-machine),
# written out at time 0 (--sim-out), has the tree's zoneinfo in every derived field — min, low, high and
# promo (the kernel prints them with the boost added; the simulated boost at time 0 is 0), spanned,
# present and managed pages, start_pfn, the protection (lowmem_reserve) array, and per CPU the pageset
# batch, high_min, high_max and the vm stats threshold — compared field by field, by name, with awk
# (tests/cli/sim-proof-lib.sh), not with zonestat's parsers.  On the two trees captured on a 6.18 VM
# (one with a user-set min_free_kbytes) and on this machine's /proc (skipped only when /proc/zoneinfo is
# unreadable).  The simulator recomputes the watermarks with kformula from the sysctls and the managed
# pages; nothing is copied from the tree but the zones' sizes and the sysctls.
. "$top_srcdir/tests/cli/tap.sh"
. "$top_srcdir/tests/cli/sim-proof-lib.sh"

DATA=$top_srcdir/tests/data

# simulate MACHINE OUT: one sample at time 0 of a machine calibrated from MACHINE, written to OUT
simulate() {
	rm -rf "$2"
	"$ZONESTAT" --sim=steady --sim-machine="$1" --sim-out="$2" 1 1 >"$TMPD/sim.out" 2>"$TMPD/sim.err"
}

# calibrated NAME ZONEINFO OUT: the simulated zoneinfo in OUT agrees with ZONEINFO
calibrated() {
	diff=$(zi_compare "$2" "$3/proc/zoneinfo")
	if [ -z "$diff" ]; then ok "$1: every derived field equals the kernel's"; else
		not_ok "$1: every derived field equals the kernel's" "field kernel simulated
$diff"; fi
	check_eq "$1: the simulated boost is 0 in every zone" "" "$(zi_boosts "$3/proc/zoneinfo")"
	# the comparison covered every zone and every CPU of the tree
	nz=$(grep -c '^Node' "$2")
	check_eq "$1: as many zones" "$nz" "$(zi_derived "$3/proc/zoneinfo" | grep -c ':zone ')"
	check_eq "$1: as many CPU pagesets" "$(zi_derived "$2" | grep -c ':cpu[0-9]* ')" \
		"$(zi_derived "$3/proc/zoneinfo" | grep -c ':cpu[0-9]* ')"
}

for t in live-6.18.44-fc-v669 live-6.18.44-fc-v669-min-free-user; do
	if simulate "$DATA/$t" "$TMPD/out-$t"; then ok "$t: --sim-machine --sim-out exits 0"; else
		not_ok "$t: --sim-machine --sim-out exits 0" "$(cat "$TMPD/sim.err")"; continue; fi
	calibrated "$t" "$DATA/$t/proc/zoneinfo" "$TMPD/out-$t"
done
# the user-set tree really is another machine state: its watermarks differ from the default one's
check "the two captured trees differ in derived fields" test -n \
	"$(zi_compare "$DATA/live-6.18.44-fc-v669/proc/zoneinfo" "$DATA/live-6.18.44-fc-v669-min-free-user/proc/zoneinfo")"

# The comparison can fail: a copy of the simulated zoneinfo with one per-CPU high_max, one protection
# entry and one watermark changed shows exactly those three fields (values as the captured kernel printed them).
t=live-6.18.44-fc-v669
sed -e '0,/high_max: [0-9]*/s//high_max: 1/' -e '0,/protection: (0,/s//protection: (7,/' \
	"$TMPD/out-$t/proc/zoneinfo" |
	awk '/^        low / && !done { $0 = "        low      " ($2 + 1); done = 1 } { print }' >"$TMPD/bad-zoneinfo"
zi_compare "$DATA/$t/proc/zoneinfo" "$TMPD/bad-zoneinfo" >"$TMPD/bad-diff"
check_eq "a corrupted copy: the three changed fields, and only they, are reported" \
	"0/DMA:cpu0.high_max 240 1|0/DMA:low 13 14|0/DMA:protection 0,3019,24090,24090,24090 7,3019,24090,24090,24090" \
	"$(sed 's/  */ /g' "$TMPD/bad-diff" | paste -sd '|')"
# … and a boost in the kernel's file is taken off its watermarks (boost is state, not derived)
awk '/^        boost / && !b { boost = 100; $0 = "        boost    100"; b = 1 }
	/^        (min|low|high|promo) / && boost && !(($1) in d) { $0 = "        " $1 substr("         ", length($1)) ($2 + boost); d[$1] = 1 }
	{ print }' "$DATA/$t/proc/zoneinfo" >"$TMPD/boosted-zoneinfo"
check_eq "a boost of 100 in the kernel's file: watermarks compared without it" "" \
	"$(zi_compare "$TMPD/boosted-zoneinfo" "$TMPD/out-$t/proc/zoneinfo")"
check_eq "… and the boosted file has a boost" "0/DMA 100" "$(zi_boosts "$TMPD/boosted-zoneinfo")"

# This machine.  Memory can be plugged in or ballooned away and kswapd can run (its pressure threshold
# is in the file while it is awake), so the live file is read just before and just after the simulator
# calibrates from /proc, and the simulated zoneinfo must equal one of them; up to three tries.
if ! cat /proc/zoneinfo >"$TMPD/live-before" 2>/dev/null || ! [ -s "$TMPD/live-before" ]; then
	skip "this machine: every derived field equals the kernel's" "/proc/zoneinfo is unreadable"
else
	tries=0 result=
	while [ $tries -lt 3 ] && [ -z "$result" ]; do
		tries=$((tries + 1))
		cat /proc/zoneinfo >"$TMPD/live-before"
		simulate / "$TMPD/out-live" || { result="--sim-machine=/ failed: $(cat "$TMPD/sim.err")"; break; }
		cat /proc/zoneinfo >"$TMPD/live-after"
		if [ -z "$(zi_compare "$TMPD/live-before" "$TMPD/out-live/proc/zoneinfo")" ]; then
			result=before
		elif [ -z "$(zi_compare "$TMPD/live-after" "$TMPD/out-live/proc/zoneinfo")" ]; then
			result=after
		elif [ $tries -lt 3 ]; then
			sleep 1
		fi
	done
	case $result in
	before | after) calibrated "this machine" "$TMPD/live-$result" "$TMPD/out-live" ;;
	"") not_ok "this machine: every derived field equals the kernel's" "field kernel simulated
$(zi_compare "$TMPD/live-before" "$TMPD/out-live/proc/zoneinfo")" ;;
	*) not_ok "this machine: every derived field equals the kernel's" "$result" ;;
	esac
fi

tap_done
