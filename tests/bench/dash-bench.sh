#!/bin/sh
# dash-bench.sh — what the dashboard costs while it sits open: CPU time of zonestat --top at a 1 s
# interval on the live system with the process pane on, against top and htop at the same interval, all
# three running at once in tmux sessions of the same size.  Measures and prints, never asserts (goal:
# under 0.5 % of one core, and below top and htop).
#
# CPU time is utime + stime of /proc/PID/stat (clock ticks) at the start and at the end of the run.
# top or htop missing: skipped with a message.  Environment: ZS_BENCH_DASH_SECONDS (60), ZS_BENCH_SIZE
# (160x50).
set -u
: "${top_srcdir:=.}"
: "${ZONESTAT:=zonestat}"
SECS=${ZS_BENCH_DASH_SECONDS:-60}
SIZE=${ZS_BENCH_SIZE:-160x50}
W=${SIZE%x*}
H=${SIZE#*x}

if ! command -v tmux >/dev/null 2>&1; then
	echo "dash-bench: tmux is not installed: skipped"
	exit 0
fi
if nm "$ZONESTAT" 2>/dev/null | grep -q __asan_init; then
	echo "note: this zonestat is built with sanitizers; its figures are not representative"
fi
SOCK=zonestat-bench-$$
T=$(mktemp -d "${TMPDIR:-/tmp}/zonestat-dbench.XXXXXX")
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
TICK=$(getconf CLK_TCK)

# start NAME CMD…: the command alone in a detached session (exec: the pane's process is the program)
start() {
	name=$1
	shift
	tmux -L "$SOCK" -f /dev/null new-session -d -s "$name" -x "$W" -y "$H" "exec env TERM=screen-256color $*"
}

# ticks PID: utime + stime so far
ticks() {
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

start zonestat "'$ZONESTAT'" -T --pane procs 1
names=zonestat
if command -v top >/dev/null 2>&1; then
	start top top -d 1
	names="$names top"
else
	echo "top is not installed: skipped"
fi
if command -v htop >/dev/null 2>&1; then
	start htop htop -d 10
	names="$names htop"
else
	echo "htop is not installed (apt-get install htop): skipped"
fi
# let each draw its first screens (start-up is not what is measured)
sleep 3
for n in $names; do
	pid=$(tmux -L "$SOCK" display -p -t "$n" '#{pane_pid}')
	echo "$n $pid $(ticks "$pid")" >>"$T/start"
done
echo "== CPU time over ${SECS}s at a 1 s interval, ${W}x${H}, live (zonestat with its process pane first)"
sleep "$SECS"
while read -r n pid t0; do
	if ! t1=$(ticks "$pid" 2>/dev/null); then
		echo "$n ended during the run: no figure" >&2
		continue
	fi
	echo "$n $(( t1 - t0 ))"
done <"$T/start" >"$T/ticks"
tmux -L "$SOCK" capture-pane -p -t zonestat >"$T/screen"
if ! grep -q "Processes" "$T/screen"; then
	echo "warning: the process pane was not on the screen:" >&2
	head -n 8 "$T/screen" >&2
fi

awk -v secs="$SECS" -v tick="$TICK" '
	{ t[$1] = $2; pct[$1] = 100 * $2 / tick / secs; order[++n] = $1 }
	END {
		printf "%-10s %8s %12s %14s\n", "program", "ticks", "ms CPU", "% of one core"
		for (i = 1; i <= n; i++)
			printf "%-10s %8d %12.0f %14.3f\n", order[i], t[order[i]], 1000 * t[order[i]] / tick, pct[order[i]]
		z = pct["zonestat"]
		printf "goal: zonestat under 0.5%% of one core: %s (%.3f%%)\n", z < 0.5 ? "met" : "MISSED", z
		for (i = 1; i <= n; i++) {
			p = order[i]
			if (p == "zonestat") continue
			if (t[p] > 0)
				printf "zonestat / %s: %.2f (%s)\n", p, t["zonestat"] / t[p], t["zonestat"] < t[p] ? "below" : "NOT below"
			else
				printf "zonestat / %s: %s used no measurable CPU\n", p, p
		}
	}' "$T/ticks"
