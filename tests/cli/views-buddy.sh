#!/bin/sh
# views-buddy.sh — -b/--buddy: free blocks per order, the kernel's fragmentation indices and the highest
# order above the low watermark, checked against buddyinfo/zoneinfo by an independent implementation.
. "$top_srcdir/tests/cli/tap.sh"
. "$top_srcdir/tests/cli/views-lib.sh"

D0=$VIEWS_DATA/0 D1=$VIEWS_DATA/1

if parser_pending -b; then
	skip "-b" "the buddyinfo parser is not written yet"
	tap_done
	exit
fi

for d in "$D0" "$D1"; do
	"$ZONESTAT" -b --root "$d" -o csv >"$TMPD/b.csv" 2>"$TMPD/b.err"
	check_eq "-b --root ${d##*/} -o csv exits 0" 0 $?
	pycheck buddy "$TMPD/b.csv" "$d/buddyinfo" "$d/zoneinfo"
done

"$ZONESTAT" -b --root "$D0" >"$TMPD/b.txt" 2>&1
check_eq "-b table exits 0" 0 $?
check_eq "-b table: header and one line per zone" $(($(wc -l <"$D0/buddyinfo") + 1)) "$(wc -l <"$TMPD/b.txt")"
head -1 "$TMPD/b.txt" | grep -q '^node zone *free *0 *1 *2 .* 10 *maxo *u9 *f9$' && ok "-b table header" ||
	not_ok "-b table header" "$(head -1 "$TMPD/b.txt")"

# -w: every order's indices, the reserve, the CSV's values
"$ZONESTAT" -b -o csv --root "$D0" >"$TMPD/b0.csv" 2>&1
"$ZONESTAT" -b -w --root "$D0" >"$TMPD/bw.txt" 2>&1
check_eq "-b -w exits 0" 0 $?
pycheck table "$TMPD/bw.txt" "$TMPD/b0.csv"
pycheck aligned "$TMPD/bw.txt" zone

# without zoneinfo: the indices, no watermark column
mkdir "$TMPD/onlybuddy"
cp "$D0/buddyinfo" "$TMPD/onlybuddy/"
"$ZONESTAT" -b --root "$TMPD/onlybuddy" -o csv >"$TMPD/ob.csv" 2>&1
check_eq "-b without zoneinfo exits 0" 0 $?
have_python && check_eq "-b without zoneinfo: max_order_low empty" "" \
	"$(python3 -c 'import csv,sys; print("".join(r["max_order_low"] for r in csv.DictReader(open(sys.argv[1]))))' "$TMPD/ob.csv" 2>&1)"

if [ -r /proc/buddyinfo ]; then
	"$ZONESTAT" -b -o csv 1 2 >"$TMPD/live.csv" 2>"$TMPD/live.err"
	check_eq "live -b -o csv 1 2 exits 0" 0 $?
	pycheck shape "$TMPD/live.csv" "live -b 1 2" $((2 * $(wc -l </proc/buddyinfo)))
else
	skip "live -b" "/proc/buddyinfo not readable"
fi

mkdir "$TMPD/empty"
"$ZONESTAT" -b --root "$TMPD/empty" >/dev/null 2>"$TMPD/e.err"
check_eq "no buddyinfo: exit 1" 1 $?
grep -q buddyinfo "$TMPD/e.err" && ok "no buddyinfo: the message names the file" || not_ok "no buddyinfo: the message names the file" "$(cat "$TMPD/e.err")"
tap_done
