#!/bin/sh
# sim-scenarios.sh — each built-in scenario shows the behaviour it exists for, read from zonestat's own CSV
# output (-r, -z, -b and the vmstat view over the run a user would type) by tests/cli/sim-scenarios.py.
. "$top_srcdir/tests/cli/tap.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip "built-in scenarios" "python3 is not installed"
	tap_done
	exit
fi

# scenario and the seconds a user would watch it for (each scenario's timeline in zonestat-scenario(5))
for sc in steady:60 cache-stream:60 anon-leak:60 burst:130 thrash:60 fragment:80 numa2:70; do
	name=${sc%%:*} n=${sc#*:}
	d=$TMPD/$name
	mkdir -p "$d"
	ok=0
	for v in r z b; do
		"$ZONESTAT" --sim "$name" -$v -o csv 1 "$n" >"$d/$v.csv" 2>"$d/err" || ok=1
	done
	"$ZONESTAT" --sim "$name" --sim-out "$d/tree" -o csv 1 "$n" >"$d/v.csv" 2>>"$d/err" || ok=1
	check_eq "--sim $name: every view exits 0 and is quiet" "0:" "$ok:$(cat "$d/err")"
	check "--sim $name shows its behaviour" python3 "$top_srcdir/tests/cli/sim-scenarios.py" "$name" "$d"
done

# the documented timeline of burst: nothing in the first seconds, so a short run says so rather than lie
"$ZONESTAT" --sim burst -r -o csv 1 5 >"$TMPD/b5.csv"
check_eq "--sim burst: no stall in the first 5 s (the burst is at 30 s)" "" \
	"$(awk -F, 'NR > 2 && $19 != "0.0"' "$TMPD/b5.csv")"
check_eq "-r CSV column 19 is allocstall_ps" allocstall_ps "$(head -1 "$TMPD/b5.csv" | cut -d, -f19)"
tap_done
