#!/bin/sh
# dashboard-live.sh — zonestat --top on the running system, in tmux: the process pane (a process of
# known size, read back from its /proc files), and every sort key orders the rows as its heading says.
. "$top_srcdir/tests/cli/dash-lib.sh"

if [ ! -r /proc/self/status ] || [ ! -r /proc/zoneinfo ]; then
	echo "1..0 # SKIP no /proc of the running system"
	exit 0
fi

# a process holding 64 MiB (a string doubled 26 times), asleep while the test looks at it; it says when
# it is done growing
# (blocked opening a FIFO nobody writes: no child process to outlive it)
mkfifo "$TMPD/fifo"
awk -v ready="$TMPD/ready" -v fifo="$TMPD/fifo" 'BEGIN { s = "x"; for (i = 0; i < 26; i++) s = s s
	printf "" >ready; close(ready); getline line <fifo }' >/dev/null 2>&1 &
big=$!
trap 'kill $big 2>/dev/null; tmux -L "$DASH_SOCK" kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT
n=300
while [ "$n" -gt 0 ] && [ ! -e "$TMPD/ready" ]; do
	sleep 0.1
	n=$((n - 1))
done

dash_start 160 50 -T --pane procs 1
if dash_wait "^. Processes .* sorted by RSS"; then ok "live: the process pane first, sorted by RSS"; else
	not_ok "live: the process pane first, sorted by RSS" "$(dash_screen)"
fi
check_eq "live: the process pane at row 6" 6 "$(dash_row "Processes ")"
check "live: the header says live" dash_wait "^zonestat +live "
dash_keys Space
dash_wait "PAUSED" >/dev/null
dash_screen >"$TMPD/screen"

# the big process's row against its /proc files: RSS and swap in the short form, oom_score, adj, comm
want=$(awk "$DASH_AWK_FMT"'
	FILENAME ~ /status$/ && $1 == "VmRSS:" { rss = $2 } FILENAME ~ /status$/ && $1 == "VmSwap:" { sw = $2 }
	FILENAME ~ /oom_score$/ { oom = $1 } FILENAME ~ /oom_score_adj$/ { adj = $1 } FILENAME ~ /comm$/ { c = $1 }
	END { printf "%s %s %s %s %s", kib(rss), sw ? kib(sw) : "0", oom, adj, c }' \
	/proc/$big/status /proc/$big/oom_score /proc/$big/oom_score_adj /proc/$big/comm)
set -- $want
pat="^ *$big +$(id -un | cut -c1-8) +[RSD] +$1 +$2 +[0-9.]+[kMG]? +$3 +$4 $5\$"
if grep -Eq -- "$pat" "$TMPD/screen"; then ok "live: pid $big: RSS $1 swap $2 oom_score $3 adj $4 $5"; else
	not_ok "live: pid $big: RSS $1 swap $2 oom_score $3 adj $4 $5" "$(grep -E "^ *$big " "$TMPD/screen")"
fi

# The process rows' column $1 (1 PID … 9 COMMAND) as sortable numbers (short forms expanded) or text.
column() {
	dash_screen | awk -v c="$1" '
		/^ *PID USER/ { on = 1; next }
		/^q quit/ || /^(-|─) [A-Za-z]/ { on = 0 }
		on && NF >= 9 {
			v = $c
			if (c == 9) { print v; next }
			m = 1
			if (v ~ /K$/) m = 1; else if (v ~ /M$/) m = 1024; else if (v ~ /G$/) m = 1048576
			if (c == 6 && v ~ /k$/) m = 1000
			if (c == 6 && v ~ /M$/) m = 1e6
			sub(/[KMGk]$/, "", v)
			printf "%.1f\n", v * m
		}'
}

# check_order NAME COLUMN SORT-FLAGS: the rows are in that order
check_order() {
	column "$2" >"$TMPD/col"
	if [ "$(wc -l <"$TMPD/col")" -lt 2 ]; then
		not_ok "$1" "fewer than two rows"
	elif LC_ALL=C sort -c $3 "$TMPD/col" 2>/dev/null; then
		ok "$1"
	else
		not_ok "$1" "$(LC_ALL=C sort -c $3 "$TMPD/col" 2>&1; tr "\\n" " " <"$TMPD/col")"
	fi
}

check_order "live: rows by RSS, largest first" 4 "-g -r"
dash_keys s
if dash_wait "sorted by SWAP"; then ok "s: sorted by SWAP"; else not_ok "s: sorted by SWAP" "$(dash_screen | sed -n 6p)"; fi
check_order "live: rows by SWAP, largest first" 5 "-g -r"
dash_keys '>'
dash_wait "sorted by MAJF/s" >/dev/null
check_order ">: rows by major faults/s, largest first" 6 "-g -r"
dash_keys '>'
dash_wait "sorted by OOM" >/dev/null
check_order ">: rows by oom_score, largest first" 7 "-g -r"
dash_keys '>'
dash_wait "sorted by PID" >/dev/null
check_order ">: rows by PID, ascending" 1 "-g"
dash_keys '>'
dash_wait "sorted by COMMAND" >/dev/null
check_order ">: rows by COMMAND, ascending" 9 ""
dash_keys i
if dash_wait "sorted by COMMAND \\(inverted\\)"; then ok "i inverts the order"; else not_ok "i inverts the order" "$(dash_screen | sed -n 6p)"; fi
check_order "i: rows by COMMAND, descending" 9 "-r"
dash_keys i '>'
if dash_wait "sorted by RSS;|sorted by RSS *-"; then ok ">: after COMMAND comes RSS again"; else not_ok ">: after COMMAND comes RSS again" "$(dash_screen | sed -n 6p)"; fi
dash_keys '<'
if dash_wait "sorted by COMMAND"; then ok "<: back to COMMAND"; else not_ok "<: back to COMMAND" "$(dash_screen | sed -n 6p)"; fi

# buddyinfo and the explain pane's files are read only while shown: switched to while paused, they
# appear at once, for every zone /proc has
dash_keys 4
dash_wait "\\[buddy\\]" >/dev/null
dash_screen >"$TMPD/screen"
while read -r _ node _ name _; do
	node=${node%,}
	if grep -Eq "^ *$node $name +[0-9]+ +[0-9]+ " "$TMPD/screen"; then ok "4 (paused): buddy row $node $name"; else
		not_ok "4 (paused): buddy row $node $name" "$(sed -n 6,12p "$TMPD/screen")"
	fi
done </proc/buddyinfo
dash_keys 6
if dash_wait "\\[explain\\]" && dash_wait "^ *0 [A-Za-z0-9]+ +[0-9]+ +[0-9]+ .*(agrees|DIFFERS)"; then
	ok "6 (paused): the explain pane has its zones"
else
	not_ok "6 (paused): the explain pane has its zones" "$(dash_screen | sed -n 6,12p)"
fi

# the zones pane a key away; then q
dash_keys 1
if dash_wait "\\[zones\\]" && [ "$(dash_row "Zones ")" = 6 ]; then ok "1: the zones pane first"; else not_ok "1: the zones pane first" "$(dash_screen)"; fi
# the page size is this machine's, not a guess from MemFree against the zones' free pages (which a
# VM's balloon can throw off)
pk=$(($(getconf PAGESIZE) / 1024))
check "live: zone pages of ${pk}K" dash_wait "^. Zones . pages of ${pk}K;"
dash_keys q
check_eq "live: q status 0" 0 "$(dash_status)"
if dash_restored; then ok "live: terminal restored"; else not_ok "live: terminal restored"; fi

tap_done
