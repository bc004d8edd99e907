#!/bin/sh
# sim-scenarios-doc.sh — zonestat-scenario(5) documents exactly the keys the scenario parser accepts
# (src/sim-scenario.c: every key it compares, the rate table, and sysctl.NAME for each sysctl) and every
# built-in scenario (src/sim-builtin.c), and renders without groff warnings.
. "$top_srcdir/tests/cli/tap.sh"

src=$top_srcdir/src/sim-scenario.c
page=$top_srcdir/man/zonestat-scenario.5

# keys of one parser function: the strings it compares key against, and the first column of its tables
fn_keys() {
	awk -v fn="$1" '$0 ~ "^static bool " fn "\\(" { on = 1 } on && /^}/ { on = 0 }
		on { while (match($0, /strcmp\(key, "[a-z_]+"\)|\{ "[a-z_]+", offsetof/)) {
			k = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", k); sub(/".*/, "", k); print k
			$0 = substr($0, RSTART + RLENGTH) } }' "$src"
}
sysctls=$(fn_keys sysctl_key | sort -u)
{
	fn_keys sysctl_key; fn_keys machine_key; fn_keys zone_key; fn_keys phase_key
	for k in $sysctls; do echo "sysctl.$k"; done
} | sort -u >"$TMPD/parser"
check "the parser's key list was found (nodes, duration, sysctl.swappiness …)" \
	sh -c "grep -qx nodes '$TMPD/parser' && grep -qx duration '$TMPD/parser' && grep -qx sysctl.swappiness '$TMPD/parser'"
# the page: one '.BI "key = " …' entry per key; the phase's generic 'sysctl.NAME' stands for each
# key of the Sysctls subsection
grep -o '^\.BI "[a-z_]* = "' "$page" | sed 's/^\.BI "//; s/ = "$//' >"$TMPD/entries"
page_sysctls=$(awk '/^\.SS Sysctls/ { on = 1; next } /^\.S[HS]/ { on = 0 } on && /^\.BI "[a-z_]* = "/ {
	sub(/^\.BI "/, ""); sub(/ = ".*/, ""); print }' "$page")
{
	cat "$TMPD/entries"
	if grep -q '^\.BI "sysctl\." "NAME" " = "' "$page"; then
		for k in $page_sysctls; do echo "sysctl.$k"; done
	fi
} | sort -u >"$TMPD/page"
check_eq "every key the parser accepts is documented, and every documented key is accepted" "" \
	"$(diff "$TMPD/parser" "$TMPD/page" | grep '^[<>]' | tr '\n' ' ')"
check_eq "the Sysctls subsection lists exactly the parser's sysctls" "$(echo $sysctls)" "$(echo $page_sysctls | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"

# built-in scenarios: each has a '.B name' entry in BUILT-IN SCENARIOS
builtins=$(sed -n '/sim_builtin_names\[\] = {/,/};/p' "$top_srcdir/src/sim-builtin.c" | grep -o '"[a-z0-9-]*"' | tr -d '"' | sort)
documented=$(awk '/^\.SH BUILT-IN SCENARIOS/ { on = 1; next } /^\.SH/ { on = 0 } on && prev == ".TP" && /^\.B / {
	sub(/^\.B /, ""); gsub(/\\-/, "-"); print } { prev = $0 }' "$page" | sort)
check_eq "every built-in scenario is documented, and only those" "$(echo $builtins)" "$(echo $documented)"

if command -v groff >/dev/null 2>&1; then
	check_eq "the page renders without groff warnings" "" "$(LC_ALL=C groff -man -ww -z "$page" 2>&1)"
else
	skip "the page renders without groff warnings" "groff is not installed"
fi
tap_done
