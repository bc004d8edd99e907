# dash-lib.sh — drive zonestat --top inside a private tmux server (sourced by tests/cli/dashboard-*.sh).
#
# The dashboard runs in a pane of a detached tmux session on its own socket, under a small shell that
# records the terminal modes before and after (stty -g) and the exit status, so a test can tell that the
# terminal was given back.  Waiting is by polling the pane's text for what is expected, with a generous
# limit: nothing here asserts how long anything took.
. "$top_srcdir/tests/cli/tap.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

DASH_SOCK="zonestat-test-$$"
DASH_DIR="$TMPD"
DASH_N=0
dash=
trap 'tmux -L "$DASH_SOCK" kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT

T() {
	tmux -L "$DASH_SOCK" -f /dev/null "$@"
}

# dash_start W H ENV-AND-ARGS...: start "zonestat ARGS" in a W×H window (words before the first one
# starting with '-' that contain '=' are environment settings).  The shell around it writes
# $DASH_DIR/pid, stty.before, stty.after and status.
dash_start() {
	w=$1 h=$2
	shift 2
	envs=
	while [ $# -gt 0 ]; do
		case $1 in
		-*) break ;;
		*=*) envs="$envs $1"; shift ;;
		*) break ;;
		esac
	done
	rm -f "$DASH_DIR/pid" "$DASH_DIR/stty.before" "$DASH_DIR/stty.after" "$DASH_DIR/status"
	args=
	for a in "$@"; do
		args="$args '$a'"
	done
	# the shell shares the program's process group (no job control): Ctrl-C reaches it too, and a
	# trap keeps it alive to record the status (the program gets SIGINT's default disposition back)
	cat >"$DASH_DIR/run.sh" <<EOF
trap : INT HUP
stty -g >'$DASH_DIR/stty.before'
sh -c 'echo \$\$ >"$DASH_DIR/pid"; exec env $envs "$ZONESTAT" $args'
echo \$? >'$DASH_DIR/status.tmp'
stty -g >'$DASH_DIR/stty.after'
mv '$DASH_DIR/status.tmp' '$DASH_DIR/status'
echo "ZS_DONE status=\$(cat '$DASH_DIR/status')"
exec sleep 600
EOF
	# a new session before the old one goes, so the server never runs out of sessions and exits
	# under the next command (tmux: "server exited unexpectedly")
	old=$dash
	DASH_N=$((DASH_N + 1))
	dash=dash$DASH_N
	T new-session -d -s "$dash" -x "$w" -y "$h" "sh '$DASH_DIR/run.sh'"
	[ -n "$old" ] && T kill-session -t "$old" >/dev/null 2>&1
	return 0
}

# The visible text of the pane.
dash_screen() {
	T capture-pane -p -t "$dash"
}

# dash_wait PATTERN [TRIES]: until the pane shows a line matching the extended regex (0.1 s per try).
dash_wait() {
	n=${2:-150}
	while [ "$n" -gt 0 ]; do
		if dash_screen | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# dash_wait_gone PATTERN: until no line matches.
dash_wait_gone() {
	n=150
	while [ "$n" -gt 0 ]; do
		if ! dash_screen | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# dash_until CMD...: until CMD succeeds (0.1 s per try, 150 tries); its status.
dash_until() {
	n=150
	until "$@"; do
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
		n=$((n - 1))
	done
}

# The exit status once the program has ended (waits for it); "none" if it did not end.
dash_status() {
	dash_until test -f "$DASH_DIR/status"
	cat "$DASH_DIR/status" 2>/dev/null || echo none
}

# dash_keys KEY...: send keys (tmux key names: q, Space, C-c, …).
dash_keys() {
	T send-keys -t "$dash" "$@"
}

# The terminal is back to what it was: same stty modes, primary screen, cursor visible, keypad off.
dash_restored() {
	cmp -s "$DASH_DIR/stty.before" "$DASH_DIR/stty.after" &&
		[ "$(T display -p -t "$dash" '#{alternate_on}#{cursor_flag}#{keypad_cursor_flag}')" = "010" ]
}

# The row of the screen holding TEXT (first match), empty if none.
dash_row() {
	dash_screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1
}

# A --root tree from the captured one, writable, as $DASH_DIR/tree.
dash_tree() {
	rm -rf "$DASH_DIR/tree"
	cp -R "$top_srcdir/tests/data/dash/host" "$DASH_DIR/tree"
	chmod -R u+w "$DASH_DIR/tree"
	echo "$DASH_DIR/tree"
}

# dash_resize W H: resize the window (the program gets SIGWINCH).
dash_resize() {
	T resize-window -t "$dash" -x "$1" -y "$2"
}

# The dashboard's process id (it runs as the pane's grandchild).
dash_pid() {
	dash_until test -s "$DASH_DIR/pid"
	cat "$DASH_DIR/pid"
}

# dash_check_buddy BUDDYINFO SCREEN LABEL: every zone's row shows its free blocks per order.
dash_check_buddy() {
	while read -r _ node _ name counts; do
		node=${node%,}
		pat="^ *$node $name +$(echo $counts | sed 's/ / +/g')( |\$)"
		if grep -Eq -- "$pat" "$2"; then ok "$3: buddy $node $name: $counts"; else
			not_ok "$3: buddy $node $name: $counts" "$(grep -- " $name " "$2")"
		fi
	done <"$1"
}

# dash_check_zones ZONEINFO SCREEN LABEL: every populated zone's row shows free, min, low, high,
# free − low and the status (ok, <high, <low, <min: free at or below the mark) as zoneinfo has them.
# The zones are also left in $TMPD/zones ("node name free min low high" a line).
dash_check_zones() {
	awk '
		/^Node/ { if (name != "" && managed > 0) print node, name, free, min, low, high
			  node = $2; sub(",", "", node); name = $4; managed = 0 }
		$1 == "pages" && $2 == "free" { free = $3 }
		$1 == "min" { min = $2 } $1 == "low" { low = $2 } $1 == "high" { high = $2 }
		$1 == "managed" { managed = $2 }
		END { if (name != "" && managed > 0) print node, name, free, min, low, high }' "$1" >"$TMPD/zones"
	check "$3: zoneinfo has populated zones" test -s "$TMPD/zones"
	while read -r node name free min low high; do
		st=ok
		[ "$free" -le "$high" ] && st='<high'
		[ "$free" -le "$low" ] && st='<low'
		[ "$free" -le "$min" ] && st='<min'
		pat="^ *$node $name +\\[.*\\] +$free +$min +$low +$high +$((free - low)) $st"
		if grep -Eq -- "$pat" "$2"; then ok "$3: zone $node $name: $free $min $low $high $st"; else
			not_ok "$3: zone $node $name: $free $min $low $high $st" "$(grep -- " $name " "$2")"
		fi
	done <"$TMPD/zones"
}

# The pane with its attributes as escape sequences (capture-pane -e).
dash_screen_e() {
	T capture-pane -e -p -t "$dash"
}

# dash_sgr_before PATTERN WORD: the last SGR sequence's parameters ("32" of ESC[32m) before WORD on the
# first line matching PATTERN, in capture-pane -e (tmux writes one sequence per change).
dash_sgr_before() {
	dash_screen_e | grep -E -- "$1" | head -n 1 | awk -v w="$2" -v esc="$(printf '\033')" '{
		s = substr($0, 1, index($0, w) - 1); n = split(s, a, esc "\\[")
		p = a[n]; sub(/m.*/, "", p); print p }'
}

# Colour escapes in the pane: SGR foreground/background colours 30-37, 40-47, 90-97, 38;… 48;…
dash_has_colour() {
	dash_screen_e | grep -Eq "$(printf '\033')\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7])(;[0-9;]*)?m"
}

# Awk functions with the dashboard's short forms, written from their description in dashboard.h:
# kib(v): KiB → "123K", "1.5M", "24G" (÷1024 while ≥ 1000; one decimal under 10);
# rate(v): per second → "0" (< 0.05), "12.3" (< 100), "456" (< 10000), "45.6k", "1.2M", "3.4G".
DASH_AWK_FMT='
function kib(v,   u, i) {
	u = "K"; split("M G T P E", U, " ")
	for (i = 1; v >= 1000 && i <= 5; i++) { v /= 1024; u = U[i] }
	if (u == "K") return sprintf("%dK", v)
	return v < 10 ? sprintf("%.1f%s", v, u) : sprintf("%.0f%s", v, u)
}
function rate(v) {
	if (v < 0.05) return "0"
	if (v < 100) return sprintf("%.1f", v)
	if (v < 10000) return sprintf("%.0f", v)
	if (v < 1e6) return sprintf("%.1fk", v / 1e3)
	if (v < 1e9) return sprintf("%.1fM", v / 1e6)
	return sprintf("%.1fG", v / 1e9)
}'
