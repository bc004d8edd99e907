# tap.sh — a tiny TAP producer for the CLI tests (sourced).  Each check prints "ok N - name" or
# "not ok N - name" plus diagnostics; tap_done prints the plan.
tap_n=0
tap_failed=0
: "${ZONESTAT:=zonestat}"
: "${top_srcdir:=.}"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/zonestat-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

ok() {  # ok NAME: pass
	tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"
}
not_ok() {  # not_ok NAME [DIAG]
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/# /'
	return 0
}
skip() {  # skip NAME REASON
	tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"
}
check() {  # check NAME CMD...: passes when CMD exits 0
	name=$1; shift
	if "$@" >"$TMPD/out" 2>&1; then ok "$name"; else not_ok "$name" "$(head -c 2000 "$TMPD/out")"; fi
}
check_eq() {  # check_eq NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2
actual:   $3"; fi
}
tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
