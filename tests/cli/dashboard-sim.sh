#!/bin/sh
# dashboard-sim.sh — zonestat --top on a simulation, driven in tmux.  --sim-out writes every sample the
# dashboard shows as a /proc tree, so with the clock paused the panes can be checked against the files
# (awk here, not zonestat), and a step (n) can be checked against the two trees around it: the rates are
# the counters' differences over the interval.
. "$top_srcdir/tests/cli/dash-lib.sh"

OUT=$DASH_DIR/simtree

# The simulated time the header shows ("t=35s"), empty if none.
sim_t() {
	dash_screen | sed -n '1s/.* t=\([0-9]*\)s .*/\1/p'
}

# clock_past T: the header's clock is past T
clock_past() {
	[ "$(sim_t)" -gt "$1" ] 2>/dev/null
}

# Pause, then wait for the header to say so.
pause() {
	dash_keys Space
	dash_wait "PAUSED \\(n: step\\)"
}

# step: n, then wait until the header's clock has moved by the interval $1 from $2.
step() {
	dash_keys n
	dash_wait "^zonestat .* t=$(($2 + $1))s "
}

# ---- two NUMA nodes: the zones pane against the tree --------------------------------------------------
dash_start 160 50 -T --sim numa2 --sim-out "$OUT" 2
if dash_wait "sim numa2" && dash_wait "^ *1 [A-Za-z]"; then ok "numa2: the dashboard runs, node 1 shown"; else
	not_ok "numa2: the dashboard runs, node 1 shown" "$(dash_screen)"
fi
if pause; then ok "numa2: space pauses the clock"; else not_ok "numa2: space pauses the clock" "$(dash_screen | head -1)"; fi
t0=$(sim_t)
sleep 1
check_eq "numa2: paused, the clock stands still" "$t0" "$(sim_t)"
dash_screen >"$TMPD/screen"
dash_check_zones "$OUT/proc/zoneinfo" "$TMPD/screen" numa2

# explain: the simulated zones come from the kernel's formulas, so every one agrees
dash_keys e
if dash_wait "\\[explain\\]" && dash_wait "^. Explain"; then ok "e shows the explain pane"; else not_ok "e shows the explain pane" "$(dash_screen)"; fi
dash_screen >"$TMPD/screen"
while read -r node name free min low high; do
	pat="^ *$node $name +$min +$min +$low +$low +$high +$high +agrees"
	if grep -Eq -- "$pat" "$TMPD/screen"; then ok "explain $node $name: $min $low $high agree"; else
		not_ok "explain $node $name: $min $low $high agree" "$(grep -- " $name " "$TMPD/screen")"
	fi
done <"$TMPD/zones"

# + lengthens the step; n then advances the clock by exactly that
t0=$(sim_t)
dash_keys +
if dash_wait "step 3s"; then ok "+: the step is 3s"; else not_ok "+: the step is 3s" "$(dash_screen | head -1)"; fi
if step 3 "$t0"; then ok "n advances the paused clock by one step (t=$t0 → $((t0 + 3)))"; else
	not_ok "n advances the paused clock by one step (t=$t0 → $((t0 + 3)))" "$(dash_screen | head -1)"
fi
dash_keys Space
if dash_wait_gone "PAUSED" && dash_until clock_past $((t0 + 3)); then
	ok "space: the clock runs again"
else
	not_ok "space: the clock runs again" "$(dash_screen | head -1)"
fi
dash_keys q
check_eq "numa2: q status 0" 0 "$(dash_status)"
if dash_restored; then ok "numa2: terminal restored"; else not_ok "numa2: terminal restored"; fi

# ---- thrash: rates over one step against the two trees ------------------------------------------------
dash_start 160 50 -T --sim thrash --sim-out "$OUT" 5
dash_wait "sim thrash" >/dev/null
# past the fill phase (15 s): swapping and refaults from then on
if dash_wait "^zonestat .* t=(2[5-9]|[3-9][0-9]|[0-9]{3,})s " && pause; then ok "thrash: running, then paused"; else
	not_ok "thrash: running, then paused" "$(dash_screen | head -1)"
fi
t0=$(sim_t)
cp "$OUT/proc/vmstat" "$TMPD/vmstat.0"
if step 5 "$t0"; then ok "thrash: n steps 5s"; else not_ok "thrash: n steps 5s" "$(dash_screen | head -1)"; fi
cp "$OUT/proc/vmstat" "$TMPD/vmstat.1"
dash_screen >"$TMPD/screen"
# every rate of the reclaim pane: Δcounter / 5 s, in the dashboard's short form; allocstall is the sum
# of allocstall_<zone>; efficiency is steal / scan
awk "$DASH_AWK_FMT"'
	FNR == NR { a[$1] = $2; next }
	{ d[$1] = $2 - a[$1]; if ($1 ~ /^allocstall/) stall += $2 - a[$1] }
	END {
		dt = 5
		eff_k = d["pgscan_kswapd"] > 0 ? sprintf("%4.0f%%", 100 * d["pgsteal_kswapd"] / d["pgscan_kswapd"]) : "    -"
		eff_d = d["pgscan_direct"] > 0 ? sprintf("%4.0f%%", 100 * d["pgsteal_direct"] / d["pgscan_direct"]) : "    -"
		printf "kswapd %s %s %s\n", rate(d["pgscan_kswapd"] / dt), rate(d["pgsteal_kswapd"] / dt), eff_k
		printf "direct %s %s %s\n", rate(d["pgscan_direct"] / dt), rate(d["pgsteal_direct"] / dt), eff_d
		printf "stalls/s alloc %s compact %s\n", rate(stall / dt), rate(d["compact_stall"] / dt)
		printf "refaults/s anon %s file %s\n", rate(d["workingset_refault_anon"] / dt),
			rate(d["workingset_refault_file"] / dt)
		printf "swap pg/s in %s out %s\n", rate(d["pswpin"] / dt), rate(d["pswpout"] / dt)
		printf "active %d\n", (d["pswpout"] + d["workingset_refault_anon"] + d["pgscan_kswapd"] > 0)
	}' "$TMPD/vmstat.0" "$TMPD/vmstat.1" >"$TMPD/rates"
check "thrash: the step saw swapping or reclaim" grep -q "^active 1" "$TMPD/rates"
while read -r what a b c; do
	case $what in
	kswapd | direct)
		pat="^$what +$a +$b +${c}( |\$)"
		name="reclaim $what: scan $a/s steal $b/s eff $c" ;;
	active) continue ;;
	*)
		pat="^$what +$a +$(echo "$b" | sed 's/[.]/[.]/g') +$(echo "$c" | sed 's/ / +/g')( |\$)"
		name="reclaim $what $a $b $c" ;;
	esac
	if grep -Eq -- "$pat" "$TMPD/screen"; then ok "thrash: $name"; else
		not_ok "thrash: $name" "$(grep -- "^$what" "$TMPD/screen")"
	fi
done <"$TMPD/rates"
# the header's kswapd line says the same
ks=$(sed -n 's/^kswapd \([^ ]*\) \([^ ]*\) .*/scan \1\/s steal \2\/s/p' "$TMPD/rates")
check "thrash: header: kswapd $ks" grep -q "^kswapd $ks " "$TMPD/screen"
# PSI: the file's averages
psi=$(awk '{ for (i = 2; i <= 4; i++) { split($i, kv, "="); v[i] = kv[2] }
	    printf "%s %5.2f %5.2f %5.2f  ", $1, v[2], v[3], v[4] }' "$OUT/proc/pressure/memory" | sed 's/  $//')
check "thrash: header PSI $psi" grep -qF "PSI $psi" "$TMPD/screen"
# swap bar: SwapTotal - SwapFree
swp=$(awk "$DASH_AWK_FMT"'$1 == "SwapTotal:" { t = $2 } $1 == "SwapFree:" { f = $2 }
	END { printf "used %s/%s", kib(t - f), kib(t) }' "$OUT/proc/meminfo")
check "thrash: swap bar $swp" grep -Eq "^Swp\\[.*\\] $swp( |\$)" "$TMPD/screen"

# sparklines: after a step with reclaim, the kswapd line has ink in its history
check "thrash: the refault line has a sparkline" grep -Eq '^refaults/s .*[_.~=+*#-] +[0-9.]+[kMG]?$' "$TMPD/screen"

# buddy: every zone's free blocks per order as buddyinfo has them
dash_keys 4
dash_wait "\\[buddy\\]" >/dev/null
check_eq "4: the buddy pane first (row 6)" 6 "$(dash_row "Buddy ")"
dash_screen >"$TMPD/screen"
dash_check_buddy "$OUT/proc/buddyinfo" "$TMPD/screen" thrash

# vmstat: the newest line's free, buff and cache columns are meminfo's (vmstat's cache: Cached +
# SReclaimable)
dash_keys v
dash_wait "\\[vmstat\\]" >/dev/null
line=$(awk '$1 == "MemFree:" { f = $2 } $1 == "Buffers:" { b = $2 } $1 == "Cached:" { c = $2 }
	$1 == "SReclaimable:" { s = $2 } END { printf "%d +%d +%d", f, b, c + s }' "$OUT/proc/meminfo")
if dash_screen | grep -Eq "^ *[0-9]+ +[0-9]+ +[0-9]+ +$line "; then ok "v: vmstat line free/buff/cache $line"; else
	not_ok "v: vmstat line free/buff/cache $line" "$(dash_screen | sed -n 6,12p)"
fi

# the process pane does not exist for a simulation
dash_keys 3
if dash_wait "no processes"; then ok "3: a simulation has no processes"; else not_ok "3: a simulation has no processes"; fi
dash_screen >"$TMPD/screen"
check "no Processes pane" sh -c "! grep -q '^. Processes' '$TMPD/screen'"

dash_keys q
check_eq "thrash: q status 0" 0 "$(dash_status)"
if dash_restored; then ok "thrash: terminal restored"; else not_ok "thrash: terminal restored"; fi

# ---- OOM kills since start --------------------------------------------------------------------------------
# the same scenario and seed without the dashboard: the counter's value at the first sample
"$ZONESTAT" --sim anon-leak --sim-out "$TMPD/first" -r 1 1 >/dev/null 2>&1
start=$(awk '$1 == "oom_kill" { print $2 }' "$TMPD/first/proc/vmstat")
check "anon-leak: oom_kill at the start is known ($start)" test -n "$start"
dash_start 160 50 -T --sim anon-leak --sim-out "$OUT" 5
if dash_wait "OOM kills [1-9]" 300 && pause; then ok "anon-leak: OOM kills counted"; else
	not_ok "anon-leak: OOM kills counted" "$(dash_screen | sed -n 5p)"
fi
n=$(awk -v s="${start:-0}" '$1 == "oom_kill" { print $2 - s }' "$OUT/proc/vmstat")
dash_screen >"$TMPD/screen"
check "anon-leak: OOM kills since start $n" grep -q "OOM kills $n\$" "$TMPD/screen"
dash_keys q
check_eq "anon-leak: q status 0" 0 "$(dash_status)"

tap_done
