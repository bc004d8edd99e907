#!/bin/sh
# robust.sh — bad input and bad output never crash zonestat: on --root trees with missing, empty,
# truncated, binary, huge files it either works or says which file is wrong and exits 1; a closed pipe
# ends it quietly with status 0; a full disk is a write error with status 1.  (The suite also runs under
# ASan and UBSan, which turn a memory error into a failure here.)
. "$top_srcdir/tests/cli/tap.sh"

REC=$top_srcdir/tests/data/compat/load/0

if "$ZONESTAT" --root "$REC" >/dev/null 2>"$TMPD/err" || ! grep -q "not available yet" "$TMPD/err"; then
	:
else
	echo "1..0 # SKIP the vmstat view is not written yet"
	exit 0
fi

# tree NAME: a fresh --root tree holding the recorded sample; prints its path
tree() {
	t=$TMPD/$1
	rm -rf "$t"
	mkdir -p "$t/proc"
	for f in "$REC"/*; do
		[ "${f##*/}" = sysblock ] || cp "$f" "$t/proc/"
	done
	chmod -R u+w "$t"
	echo "$t"
}

# crashed RC ERRFILE: true when the status or the messages show a crash rather than a handled error
crashed() {
	[ "$1" -gt 1 ] || grep -q -e 'Sanitizer' -e 'runtime error' -e 'Segmentation' "$2"
}

# names FILE ERRFILE: the message (program name taken off) names FILE as a word ("stat" is not "vmstat")
names() {
	sed 's/^[^:]*: //' "$2" | grep -Eq "(^|[^a-z_])($1)([^a-z_]|\$)"
}

# expect_fail NAME TREE FILE: exit 1, no output, a message naming FILE
expect_fail() {
	timeout 60 "$ZONESTAT" --root "$2" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	if crashed "$rc" "$TMPD/err"; then
		not_ok "$1" "status $rc: $(head -c 1500 "$TMPD/err")"
	elif [ "$rc" -ne 1 ]; then
		not_ok "$1" "status $rc, expected 1; stdout: $(head -c 500 "$TMPD/out")"
	elif ! names "$3" "$TMPD/err"; then
		not_ok "$1" "the message does not name $3: $(head -c 500 "$TMPD/err")"
	else
		ok "$1"
	fi
}

# expect_handled NAME TREE FILE: either a normal report (status 0: the two header lines and a data line)
# or status 1 with a message naming FILE — never a crash, never a silent failure
expect_handled() {
	timeout 120 "$ZONESTAT" --root "$2" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	lines=$(wc -l <"$TMPD/out")
	if crashed "$rc" "$TMPD/err"; then
		not_ok "$1" "status $rc: $(head -c 1500 "$TMPD/err")"
	elif [ "$rc" -eq 0 ] && [ "$lines" -eq 3 ] && grep -q '^procs' "$TMPD/out"; then
		ok "$1 (read)"
	elif [ "$rc" -eq 1 ] && names "$3" "$TMPD/err"; then
		ok "$1 (refused)"
	else
		not_ok "$1" "status $rc, $lines lines; stderr: $(head -c 500 "$TMPD/err")"
	fi
}

t=$(tree good)
"$ZONESTAT" --root "$t" >"$TMPD/out" 2>"$TMPD/err"
check_eq "the recorded tree is read (status)" 0 "$?"
check_eq "the recorded tree is read (3 lines)" 3 "$(wc -l <"$TMPD/out" | tr -d ' ')"

# files the default view cannot do without
for f in stat meminfo vmstat; do
	t=$(tree "no-$f"); rm "$t/proc/$f"
	expect_fail "missing /proc/$f" "$t" "$f"
	t=$(tree "empty-$f"); : >"$t/proc/$f"
	expect_fail "empty /proc/$f" "$t" "$f"
	t=$(tree "dir-$f"); rm "$t/proc/$f"; mkdir "$t/proc/$f"
	expect_fail "a directory instead of /proc/$f" "$t" "$f"
done
t=$(tree cut-stat); head -c 19 "$REC/stat" >"$t/proc/stat"
expect_fail "/proc/stat cut inside its cpu line" "$t" stat
t=$(tree nul-stat); printf 'cpu  1 2 3\0 4 5 6 7 8 9 10\n' >"$t/proc/stat"
expect_fail "/proc/stat with a NUL byte in its cpu line" "$t" stat

# files that may be damaged in ways a reader can survive
for f in stat meminfo vmstat uptime cpuinfo; do
	t=$(tree "half-$f"); head -c $(($(wc -c <"$REC/$f") / 2 + 3)) "$REC/$f" >"$t/proc/$f"
	expect_handled "/proc/$f cut in the middle" "$t" "$f"
	t=$(tree "bin-$f"); head -c 5000 /dev/urandom >"$t/proc/$f"
	expect_handled "random bytes in /proc/$f" "$t" "$f"
	t=$(tree "zero-$f"); head -c 5000 /dev/zero >"$t/proc/$f"
	expect_handled "NUL bytes in /proc/$f" "$t" "$f"
	t=$(tree "long-$f"); { head -c 4000 "$REC/$f"; head -c 300000 /dev/zero | tr '\0' 7; echo; } >"$t/proc/$f"
	expect_handled "a 300000-character line in /proc/$f" "$t" "$f"
done
for f in uptime cpuinfo loadavg diskstats slabinfo; do
	t=$(tree "no-$f"); rm "$t/proc/$f"
	expect_handled "missing /proc/$f" "$t" "$f"
done

# huge files: 50 MB of plausible lines after the real ones, and 50 MB of random bytes
t=$(tree huge-meminfo)
{ cat "$REC/meminfo"; yes 'Extra:        12345 kB' | head -c 52428800; } >"$t/proc/meminfo"
expect_handled "a 50 MB /proc/meminfo" "$t" meminfo
t=$(tree huge-vmstat); head -c 52428800 /dev/urandom >"$t/proc/vmstat"
expect_handled "50 MB of random bytes as /proc/vmstat" "$t" vmstat
rm -rf "$TMPD/huge-meminfo" "$TMPD/huge-vmstat"

# --root itself wrong
"$ZONESTAT" --root "$TMPD/no-such-dir" >"$TMPD/out" 2>"$TMPD/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q no-such-dir "$TMPD/err"; then ok "--root on a missing directory"; else
	not_ok "--root on a missing directory" "status $rc: $(cat "$TMPD/err")"; fi
mkdir "$TMPD/empty-root"
expect_fail "--root on an empty directory" "$TMPD/empty-root" "stat|meminfo|vmstat"

# A closed pipe: zonestat ends quietly with status 0 (a fifo gives the writer's status to /bin/sh).
mkfifo "$TMPD/fifo"
"$ZONESTAT" 1 >"$TMPD/fifo" 2>"$TMPD/err" &
pid=$!
first=$(head -1 <"$TMPD/fifo")
wait "$pid"
rc=$?
case $first in procs*) ok "zonestat 1 | head -1 prints the header";; *) not_ok "zonestat 1 | head -1 prints the header" "$first";; esac
check_eq "zonestat 1 | head -1: status 0" 0 "$rc"
check_eq "zonestat 1 | head -1: nothing on stderr" "" "$(cat "$TMPD/err")"

# A full disk: a write error, status 1.
if [ -w /dev/full ]; then
	"$ZONESTAT" >/dev/full 2>"$TMPD/err"
	rc=$?
	check_eq "zonestat > /dev/full: status 1" 1 "$rc"
	grep -q "write error" "$TMPD/err" && ok "zonestat > /dev/full: says write error" ||
		not_ok "zonestat > /dev/full: says write error" "$(cat "$TMPD/err")"
	"$ZONESTAT" -s >/dev/full 2>"$TMPD/err"
	check_eq "zonestat -s > /dev/full: status 1" 1 "$?"
	# in --compat mode the message is procps vmstat's own
	if [ -x /usr/bin/vmstat ] && /usr/bin/vmstat -V 2>/dev/null | grep -q 'procps-ng 4\.0\.2$'; then
		mkdir "$TMPD/bin"
		ln -s "$ZONESTAT" "$TMPD/bin/vmstat"
		/usr/bin/vmstat >/dev/full 2>"$TMPD/want"
		want_rc=$?
		(PATH=$TMPD/bin:$PATH; vmstat --compat=4.0.2 >/dev/full 2>"$TMPD/err")
		rc=$?
		check_eq "vmstat --compat=4.0.2 > /dev/full: status as procps" "$want_rc" "$rc"
		check_eq "vmstat --compat=4.0.2 > /dev/full: message as procps" "$(cat "$TMPD/want")" "$(cat "$TMPD/err")"
	else
		skip "vmstat --compat=4.0.2 > /dev/full" "no procps-ng 4.0.2 vmstat"
	fi
else
	skip "zonestat > /dev/full" "no /dev/full"
fi

tap_done
