#!/bin/sh
# views-reclaim.sh — -r/--reclaim: since-boot row, interval row on a pair of trees captured one second
# apart under reclaim (tests/data/views-load), a counter going backwards, -y, live runs.
. "$top_srcdir/tests/cli/tap.sh"
. "$top_srcdir/tests/cli/views-lib.sh"

D0=$VIEWS_DATA/0 D1=$VIEWS_DATA/1

if parser_pending -r; then
	skip "-r" "the parsers it needs are not written yet"
	tap_done
	exit
fi

"$ZONESTAT" -r --root "$D0" -o csv >"$TMPD/r.csv" 2>"$TMPD/r.err"
check_eq "-r --root -o csv exits 0" 0 $?
check_eq "-r --root: nothing on stderr" "" "$(cat "$TMPD/r.err")"
pycheck reclaim "$TMPD/r.csv" "$D0/vmstat" "$D0/uptime" "$D0/pressure/memory"

"$ZONESTAT" -r --root "$D0" >"$TMPD/r.txt" 2>&1
check_eq "-r table exits 0" 0 $?
check_eq "-r table: header and one line" 2 "$(wc -l <"$TMPD/r.txt")"
head -1 "$TMPD/r.txt" | grep -q 'scan_k.*scan_d.*steal_k.*steal_d.*eff%.*vmpress' && ok "-r table header" ||
	not_ok "-r table header" "$(head -1 "$TMPD/r.txt")"
check_eq "-r table fits in 110 columns" "" "$(awk 'length($0) > 110' "$TMPD/r.txt")"
"$ZONESTAT" -r -y --root "$D0" -o csv >"$TMPD/ry.csv" 2>&1
check_eq "-y leaves out the since-boot row" 1 "$(wc -l <"$TMPD/ry.csv")"

# -w: every field, the CSV's values
"$ZONESTAT" -r -w --root "$D0" >"$TMPD/rw.txt" 2>&1
check_eq "-r -w exits 0" 0 $?
pycheck table "$TMPD/rw.txt" "$TMPD/r.csv"
pycheck aligned "$TMPD/rw.txt" vmpress

# rates too large for their columns (the simulated burst reaches 222256.2 pages/s in a column of 7):
# decimals go first, then the column widens; every row stays aligned under its header, and the values
# are the CSV's (the simulation is deterministic)
"$ZONESTAT" --sim burst -r 5 20 >"$TMPD/burst.txt" 2>&1
check_eq "--sim burst -r 5 20 exits 0" 0 $?
"$ZONESTAT" --sim burst -r -o csv 5 20 >"$TMPD/burst.csv" 2>&1
"$ZONESTAT" --sim burst -r -w 5 20 >"$TMPD/burstw.txt" 2>&1
pycheck aligned "$TMPD/burst.txt" vmpress
pycheck aligned "$TMPD/burstw.txt" vmpress
pycheck table "$TMPD/burstw.txt" "$TMPD/burst.csv"
pycheck table "$TMPD/burst.txt" "$TMPD/burst.csv" \
	scan_kswapd_pps,scan_direct_pps,steal_kswapd_pps,steal_direct_pps,efficiency_pct,allocstall_ps,compact_stall_ps,refault_pps,swap_in_pps,swap_out_pps,oom_kills,vmpressure_level,psi_some_avg10_pct,psi_full_avg10_pct
check "burst: a big rate is shown as whole pages/s" grep -Eq ' [0-9]{6,} ' "$TMPD/burst.txt"
# a rate wider than its column even without decimals: the column widens and the header comes again
printf '%s\n' 'pgscan_kswapd 0' 'pgsteal_kswapd 0' >"$TMPD/vm0"
printf '%s\n' 'pgscan_kswapd 123456789012' 'pgsteal_kswapd 0' >"$TMPD/vm1"

if build_shim; then
	mkdir -p "$TMPD/w0" "$TMPD/w1"
	cp "$TMPD/vm0" "$TMPD/w0/vmstat"
	cp "$TMPD/vm1" "$TMPD/w1/vmstat"
	shim_tree "$TMPD/w0" "$TMPD/w1"
	shim_run -r --root "$TMPD/root" 1 3 >"$TMPD/wide.txt" 2>&1
	check_eq "a very large rate: exit 0" 0 $?
	check_eq "a very large rate: the header again above it" 2 "$(grep -c 'scan_k' "$TMPD/wide.txt")"
	check "a very large rate: shown in full" grep -q '^ *123456789012 ' "$TMPD/wide.txt"
	pycheck aligned "$TMPD/wide.txt" vmpress
fi

if build_shim; then
	shim_tree "$D0" "$D1"
	shim_run -r --root "$TMPD/root" -o csv 1 2 >"$TMPD/r12.csv" 2>"$TMPD/r12.err"
	check_eq "-r 1 2 exits 0" 0 $?
	pycheck reclaim "$TMPD/r12.csv" "$D0/vmstat" "$D0/uptime" "$D0/pressure/memory" \
		"$D1/vmstat" "$D1/pressure/memory" 1
	# a counter reset between the samples: 0 and a note on stderr, the CSV stays whole
	sed 's/^pgscan_kswapd .*/pgscan_kswapd 5/' "$D1/vmstat" >"$TMPD/vm.reset"
	shim_tree "$D0" "$D1"
	cp "$TMPD/vm.reset" "$TMPD/snaps/1/vmstat"
	shim_run -r --root "$TMPD/root" -o csv 1 2 >"$TMPD/rb.csv" 2>"$TMPD/rb.err"
	check_eq "backwards counter: exit 0" 0 $?
	grep -q 'note: counter pgscan_kswapd went backwards' "$TMPD/rb.err" && ok "backwards counter: noted on stderr" ||
		not_ok "backwards counter: noted on stderr" "$(cat "$TMPD/rb.err")"
	pycheck reclaim "$TMPD/rb.csv" "$D0/vmstat" "$D0/uptime" "$D0/pressure/memory" \
		"$TMPD/vm.reset" "$D1/pressure/memory" 1
else
	skip "-r on captured pairs" "cannot build the shim"
fi

if [ -r /proc/vmstat ]; then
	"$ZONESTAT" -r -o csv 1 2 >"$TMPD/live.csv" 2>"$TMPD/live.err"
	check_eq "live -r -o csv 1 2 exits 0" 0 $?
	pycheck shape "$TMPD/live.csv" "live -r 1 2" 2
	"$ZONESTAT" --reclaim 1 2 >"$TMPD/live.txt" 2>&1
	check_eq "live --reclaim 1 2 exits 0" 0 $?
	check_eq "live --reclaim 1 2: header and two lines" 3 "$(wc -l <"$TMPD/live.txt")"
else
	skip "live -r" "/proc/vmstat not readable"
fi

mkdir "$TMPD/empty"
"$ZONESTAT" -r --root "$TMPD/empty" >/dev/null 2>"$TMPD/e.err"
check_eq "no vmstat: exit 1" 1 $?
grep -q vmstat "$TMPD/e.err" && ok "no vmstat: the message names the file" || not_ok "no vmstat: the message names the file" "$(cat "$TMPD/e.err")"
tap_done
