#!/bin/sh
# help.sh — --help, --version, usage errors and their exit statuses.
. "$top_srcdir/tests/cli/tap.sh"

out=$("$ZONESTAT" --help); rc=$?
check_eq "--help exits 0" 0 "$rc"
case $out in *"--zones"*"--sim"*) ok "--help lists zonestat's options";; *) not_ok "--help lists zonestat's options" "$out";; esac
out=$("$ZONESTAT" -V); check_eq "-V prints name and version" "zonestat $(sed -n 's/^AC_INIT(\[zonestat\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")" "$out"
"$ZONESTAT" --no-such-option >/dev/null 2>"$TMPD/err"; rc=$?
check_eq "unknown option exits 1" 1 "$rc"
grep -q "unrecognized option '--no-such-option'" "$TMPD/err" && ok "unknown option is named" || not_ok "unknown option is named" "$(cat "$TMPD/err")"
"$ZONESTAT" -o xml >/dev/null 2>"$TMPD/err"; rc=$?
check_eq "bad --output exits 1" 1 "$rc"
grep -q "expected 'table' or 'csv', got 'xml'" "$TMPD/err" && ok "bad --output is explained" || not_ok "bad --output is explained" "$(cat "$TMPD/err")"
"$ZONESTAT" -z -r >/dev/null 2>&1; check_eq "two views are refused" 1 "$?"
"$ZONESTAT" 0 >/dev/null 2>"$TMPD/err"; check_eq "delay 0 is refused" "zonestat: delay must be positive integer" "$(cat "$TMPD/err")"
"$ZONESTAT" --seed=-3 -z >/dev/null 2>&1; check_eq "negative seed is refused" 1 "$?"
"$ZONESTAT" --help >/dev/full 2>/dev/null; check_eq "--help to a full disk exits 1" 1 "$?"
tap_done
