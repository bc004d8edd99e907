#!/bin/sh
# dashboard-root.sh — zonestat --top on a captured tree (tests/data/dash/host, edited here so a zone is
# below its low watermark and memory pressure is not zero), driven in tmux: the panes show the input
# files' numbers, the keys do what the help page says, a resize redraws, q gives the terminal back.
. "$top_srcdir/tests/cli/dash-lib.sh"

TREE=$(dash_tree)
Z=$TREE/proc/zoneinfo

# Normal's free pages half-way between its min and low watermarks; MemFree follows (4 KiB pages)
awk '
	/^Node/ { zone = $4 }
	zone == "Normal" && $1 == "min" { min = $2 }
	zone == "Normal" && $1 == "low" { low = $2 }
	{ line[NR] = $0 }
	END {
		nf = int((min + low) / 2); zone = ""
		for (i = 1; i <= NR; i++) {
			split(line[i], f, " ")
			if (f[1] == "Node") zone = f[4]
			if (zone == "Normal" && f[1] == "pages" && f[2] == "free") line[i] = "  pages free     " nf
			print line[i]
		}
	}' "$Z" >"$Z.new" && mv "$Z.new" "$Z"
free_pages=$(awk '$1 == "pages" && $2 == "free" { s += $3 } END { print s }' "$Z")
awk -v kib=$((free_pages * 4)) '$1 == "MemFree:" { $2 = kib } { print }' "$TREE/proc/meminfo" >"$TREE/m" &&
	mv "$TREE/m" "$TREE/proc/meminfo"
printf 'some avg10=12.34 avg60=5.67 avg300=1.11 total=123456\nfull avg10=0.50 avg60=0.25 avg300=0.10 total=2345\n' \
	>"$TREE/proc/pressure/memory"

# --pane names are checked before anything else happens
if "$ZONESTAT" -T --pane bogus --root "$TREE" >"$TMPD/out" 2>"$TMPD/err"; then rc=0; else rc=$?; fi
check_eq "unknown --pane: status 1" 1 "$rc"
check "unknown --pane: names the panes" grep -q "unknown pane 'bogus' (zones, reclaim, procs, buddy, vmstat, explain)" "$TMPD/err"
if "$ZONESTAT" -T --pane procs --root "$TREE" >"$TMPD/out" 2>"$TMPD/err"; then rc=0; else rc=$?; fi
check_eq "--pane procs on a tree: status 1" 1 "$rc"
check "--pane procs on a tree: says why" grep -q "has no processes" "$TMPD/err"

dash_start 160 50 -T --root "$TREE" 1
if dash_wait '^─ Zones|^- Zones'; then ok "the dashboard starts on a captured tree"; else
	not_ok "the dashboard starts on a captured tree" "$(dash_screen; cat "$DASH_DIR/status" 2>/dev/null)"
fi
dash_screen >"$TMPD/screen"

dash_check_zones "$Z" "$TMPD/screen" tree
check "the edited Normal zone is below low" grep -Eq '^ *0 Normal .*<low' "$TMPD/screen"
# the status words in colours of their own (the pane's TERM, screen, has eight)
c_ok=$(dash_sgr_before " 0 DMA32 " "ok")
c_low=$(dash_sgr_before " 0 Normal " "<low")
case "$c_ok:$c_low" in
3[0-7]:3[0-7]) if [ "$c_ok" != "$c_low" ]; then ok "ok and <low in different colours ($c_ok, $c_low)"; else
		not_ok "ok and <low in different colours" "both $c_ok"; fi ;;
*) not_ok "ok and <low in colours" "ok: '$c_ok', <low: '$c_low'" ;;
esac

check "PSI some 10/60/300" grep -q "some 12.34  5.67  1.11" "$TMPD/screen"
check "PSI full 10/60/300" grep -q "full  0.50  0.25  0.10" "$TMPD/screen"
# the memory bar's numbers as top and free(1) count them: cache = Buffers + Cached + SReclaimable,
# used = MemTotal - MemFree - cache; Σ low = the populated zones' low watermarks, in KiB
mem=$(awk "$DASH_AWK_FMT"'
	FILENAME ~ /meminfo$/ { m[$1] = $2; next }
	/^Node/ { if (managed > 0) lows += low; managed = 0 }
	$1 == "low" { low = $2 } $1 == "managed" { managed = $2 }
	END { if (managed > 0) lows += low
		cache = m["Buffers:"] + m["Cached:"] + m["SReclaimable:"]
		used = m["MemTotal:"] - m["MemFree:"] - cache
		printf "used %s cache %s free %s/%s|%s\n", kib(used), kib(cache), kib(m["MemFree:"]),
			kib(m["MemTotal:"]), kib(lows * 4) }' "$TREE/proc/meminfo" "$Z")
check "memory bar: ${mem%|*}" grep -Eq "^Mem\\[.*\\] ${mem%|*}( |\$)" "$TMPD/screen"
check "memory bar: the low watermarks' sum ${mem#*|}" grep -q "low wmarks ${mem#*|}" "$TMPD/screen"
check "no khugepaged row while it has not scanned" sh -c "! grep -q '^khugepaged' '$TMPD/screen'"
check "no processes pane for a tree" sh -c "! grep -q Processes '$TMPD/screen'"
check "OOM kills since start: 0" grep -q "OOM kills 0" "$TMPD/screen"

# keys
dash_keys h
if dash_wait "space +pause and resume"; then ok "h shows the help"; else not_ok "h shows the help" "$(dash_screen)"; fi
dash_keys x
if dash_wait_gone "space +pause and resume"; then ok "any key closes the help"; else not_ok "any key closes the help"; fi
dash_keys +
if dash_wait "every 2s"; then ok "+ lengthens the interval"; else not_ok "+ lengthens the interval" "$(dash_screen | head -1)"; fi
dash_keys -
if dash_wait "every 1s"; then ok "- shortens it"; else not_ok "- shortens it" "$(dash_screen | head -1)"; fi
dash_keys Space
if dash_wait "PAUSED"; then ok "space pauses"; else not_ok "space pauses" "$(dash_screen | head -1)"; fi
dash_keys Space
if dash_wait_gone "PAUSED"; then ok "space resumes"; else not_ok "space resumes"; fi
dash_keys s
if dash_wait "sorted by SWAP"; then ok "s changes the sort"; else not_ok "s changes the sort" "$(dash_screen | tail -1)"; fi
dash_keys 3
if dash_wait "no processes"; then ok "3 says a tree has no processes"; else not_ok "3 says a tree has no processes"; fi

dash_keys 2
dash_wait "\\[reclaim\\]" >/dev/null
r=$(dash_row "Reclaim ")
z=$(dash_row "Zones ")
if [ -n "$r" ] && [ -n "$z" ] && [ "$r" -lt "$z" ]; then ok "2 puts the reclaim pane first"; else
	not_ok "2 puts the reclaim pane first" "reclaim row $r, zones row $z"
fi

# buddy: every zone's free blocks per order, as buddyinfo has them
dash_keys b
dash_wait "\\[buddy\\]" >/dev/null
check_eq "b puts the buddy pane first (row 6)" 6 "$(dash_row "Buddy ")"
dash_screen >"$TMPD/screen"
dash_check_buddy "$TREE/proc/buddyinfo" "$TMPD/screen" tree

# vmstat: after an interval, a line whose free column is MemFree
memfree=$(awk '$1 == "MemFree:" { print $2 }' "$TREE/proc/meminfo")
dash_keys 5
if dash_wait "^ *[0-9]+ +[0-9]+ +[0-9]+ +$memfree "; then ok "5: vmstat line with MemFree $memfree"; else
	not_ok "5: vmstat line with MemFree $memfree" "$(dash_screen | sed -n 5,12p)"
fi
dash_keys 1

# resize: narrow layout, then too small, then back
dash_resize 80 24
if dash_wait "^ *node zone +free against the watermarks +free +to_low status flags"; then
	ok "resized to 80x24: the narrow zone columns"
else
	not_ok "resized to 80x24: the narrow zone columns" "$(dash_screen)"
fi
dash_resize 50 12
if dash_wait "^needs 64x16" && dash_wait "^this is 50x12"; then ok "too small: says the size it needs"; else
	not_ok "too small: says the size it needs" "$(dash_screen)"
fi
dash_resize 160 50
if dash_wait "min +low +high +to_low"; then ok "back to 160x50"; else not_ok "back to 160x50" "$(dash_screen)"; fi

dash_keys q
check_eq "q: status 0" 0 "$(dash_status)"
if dash_restored; then ok "q: terminal restored"; else
	not_ok "q: terminal restored" "$(T display -p -t "$dash" '#{alternate_on}#{cursor_flag}#{keypad_cursor_flag}')"
fi
check "q: the shell's text is back" dash_wait "ZS_DONE status=0"

# --pane from the command line
dash_start 160 50 -T --pane vmstat --root "$TREE" 1
dash_wait "r +b +swpd +free" >/dev/null
check_eq "--pane vmstat: the vmstat pane first (row 6)" 6 "$(dash_row "vmstat ")"
dash_keys q
check_eq "--pane vmstat: q status 0" 0 "$(dash_status)"

# without /proc/stat there are no vmstat lines, and the pane says which file is missing
rm "$TREE/proc/stat"
dash_start 120 40 -T --pane vmstat --root "$TREE" 1
dash_wait "\\[vmstat\\]" >/dev/null
if dash_wait "^ stat: .*not found"; then ok "no /proc/stat: the vmstat pane says so"; else
	not_ok "no /proc/stat: the vmstat pane says so" "$(dash_screen | sed -n 6,10p)"
fi
dash_keys q
check_eq "no /proc/stat: q status 0" 0 "$(dash_status)"

tap_done
