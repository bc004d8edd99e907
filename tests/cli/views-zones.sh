#!/bin/sh
# views-zones.sh — -z/--zones on a tree captured on a test machine under memory pressure (tests/data/
# views-load/0 and /1, one second apart), on the live system, and against bad output.  Values are checked
# against the input files by tests/cli/views-check.py (Python's csv module, its own zoneinfo reading).
. "$top_srcdir/tests/cli/tap.sh"
. "$top_srcdir/tests/cli/views-lib.sh"

D0=$VIEWS_DATA/0 D1=$VIEWS_DATA/1

if parser_pending -z; then
	skip "-z" "the zoneinfo parser is not written yet"
	tap_done
	exit
fi

# one sample, CSV
"$ZONESTAT" -z --root "$D0" -o csv >"$TMPD/z.csv" 2>"$TMPD/z.err"
check_eq "-z --root -o csv exits 0" 0 $?
check_eq "-z --root -o csv: nothing on stderr" "" "$(cat "$TMPD/z.err")"
pycheck zones "$TMPD/z.csv" "$D0/zoneinfo"
"$ZONESTAT" --zones --root "$D0" --csv >"$TMPD/z2.csv" 2>&1
sed 's/^[^,]*,[^,]*,//' "$TMPD/z.csv" >"$TMPD/z.cut"
sed 's/^[^,]*,[^,]*,//' "$TMPD/z2.csv" >"$TMPD/z2.cut"
if cmp -s "$TMPD/z.cut" "$TMPD/z2.cut"; then
	ok "--zones --csv is -z -o csv"
else
	not_ok "--zones --csv is -z -o csv" "$(head -3 "$TMPD/z2.csv")"
fi
# CSV records end in CRLF (RFC 4180)
if [ "$(head -1 "$TMPD/z.csv" | od -c | grep -c '\\r  \\n')" -ge 1 ]; then ok "CSV records end in CRLF"; else not_ok "CSV records end in CRLF"; fi

# the table: one header and one row per populated zone, every line within 110 columns
"$ZONESTAT" -z --root "$D0" >"$TMPD/z.txt" 2>&1
check_eq "-z table exits 0" 0 $?
nz=$(($(wc -l <"$TMPD/z.csv") - 1))
check_eq "-z table: header + one line per zone" $((nz + 1)) "$(wc -l <"$TMPD/z.txt")"
head -1 "$TMPD/z.txt" | grep -q '^node zone *free *min *low *high .* status$' && ok "-z table header" ||
	not_ok "-z table header" "$(head -1 "$TMPD/z.txt")"
check_eq "-z table fits in 110 columns" "" "$(awk 'length($0) > 110' "$TMPD/z.txt")"
# the same numbers as the CSV (one field table drives both)
t_free=$(awk 'NR > 1 { print $3 }' "$TMPD/z.txt" | tr '\n' ' ')
if have_python; then
	c_free=$(python3 -c 'import csv,sys; print(" ".join(r["free_pages"] for r in csv.DictReader(open(sys.argv[1]))) + " ")' "$TMPD/z.csv")
	check_eq "table and CSV show the same free pages" "$c_free" "$t_free"
fi

# status words as the issue names them, in the table (last column) as in the CSV
if have_python; then
	check_eq "-z table: status words" \
		"$(python3 -c 'import csv,sys; print("\n".join(r["status"] for r in csv.DictReader(open(sys.argv[1]))))' "$TMPD/z.csv")" \
		"$(awk 'NR == 1 { p = index($0, "status") } NR > 1 { print substr($0, p) }' "$TMPD/z.txt")"
fi
# zones under their watermarks: the long status words stay in the last column, one header, values checked
mkdir -p "$TMPD/low"
sed -e 's/^  pages free     23274$/  pages free     2000/' -e 's/^  pages free     55889$/  pages free     15000/' \
	"$D0/zoneinfo" >"$TMPD/low/zoneinfo"
cp "$D0/sys" "$TMPD/low/" -R 2>/dev/null
"$ZONESTAT" -z --root "$TMPD/low" >"$TMPD/low.txt" 2>&1
"$ZONESTAT" -z --root "$TMPD/low" -o csv >"$TMPD/low.csv" 2>&1
check_eq "below the marks: one header" 1 "$(grep -c '^node' "$TMPD/low.txt")"
check "below min: direct reclaim" grep -q ' DMA32 .* below min: direct reclaim$' "$TMPD/low.txt"
check "below low: kswapd" grep -q ' Normal .* below low: kswapd$' "$TMPD/low.txt"
pycheck zones "$TMPD/low.csv" "$TMPD/low/zoneinfo"
pycheck aligned "$TMPD/low.txt" zone,near,status

# -w: every field of the field table, the same values as the CSV, columns aligned
"$ZONESTAT" -z -w --root "$D0" >"$TMPD/zw.txt" 2>&1
check_eq "-z -w exits 0" 0 $?
pycheck table "$TMPD/zw.txt" "$TMPD/z.csv"
pycheck table "$TMPD/z.txt" "$TMPD/z.csv" \
	node,zone,free_pages,min_pages,low_pages,high_pages,boost_pages,headroom_low_pages,pcp_pages,drift_pages,near_wmark,free_change_pps,status
pycheck aligned "$TMPD/zw.txt" zone,near,status
"$ZONESTAT" -z --wide --root "$D0" >"$TMPD/zw2.txt" 2>&1
if cmp -s "$TMPD/zw.txt" "$TMPD/zw2.txt"; then ok "--wide is -w"; else not_ok "--wide is -w"; fi

# two samples one second apart (the shim swaps the files at the sleep and fakes the clock)
if build_shim; then
	shim_tree "$D0" "$D1"
	shim_run -z --root "$TMPD/root" -o csv 1 2 >"$TMPD/z12.csv" 2>"$TMPD/z12.err"
	check_eq "-z 1 2 exits 0" 0 $?
	pycheck zones "$TMPD/z12.csv" "$D0/zoneinfo" "$D1/zoneinfo" 1
	# header repetition (not a terminal: every 21 rows, at a sample's start) and -n
	shim_tree "$D0" "$D0"
	shim_run -z --root "$TMPD/root" 1 30 >"$TMPD/z30.txt" 2>&1
	per=$nz; every=$((21 / per)); [ "$every" -lt 1 ] && every=1
	check_eq "table header repeats every $every samples of $per rows" $(((30 + every - 1) / every)) \
		"$(grep -c '^node zone' "$TMPD/z30.txt")"
	shim_run -z -n --root "$TMPD/root" 1 30 >"$TMPD/z30n.txt" 2>&1
	check_eq "-n: header once" 1 "$(grep -c '^node zone' "$TMPD/z30n.txt")"
	check_eq "30 samples of $per rows" $((30 * per)) "$(grep -vc '^node zone' "$TMPD/z30n.txt")"
else
	skip "-z 1 2 on captured pairs" "cannot build the shim"
fi

# live
if [ -r /proc/zoneinfo ]; then
	"$ZONESTAT" -z 1 2 >"$TMPD/live.txt" 2>"$TMPD/live.err"
	check_eq "live -z 1 2 exits 0" 0 $?
	"$ZONESTAT" -z -o csv 1 2 >"$TMPD/live.csv" 2>>"$TMPD/live.err"
	check_eq "live -z -o csv 1 2 exits 0" 0 $?
	livez=$(awk '/^Node/{z=$0} /^ +managed +[1-9]/{n++} END{print n+0}' /proc/zoneinfo)
	pycheck shape "$TMPD/live.csv" "live -z 1 2" $((2 * livez))
	have_python && second=$(python3 -c 'import csv,sys; print("\n".join(r["free_change_pps"] for r in list(csv.DictReader(open(sys.argv[1])))[int(sys.argv[2]):]))' "$TMPD/live.csv" "$livez" 2>/dev/null | grep -c '[0-9]')
	have_python && check_eq "live second sample has free-page rates" "$livez" "$second"
	check_eq "live -z 1 2: header and two samples" $((2 * livez + 1)) "$(wc -l <"$TMPD/live.txt")"
else
	skip "live -z" "/proc/zoneinfo not readable"
fi

# missing input, bad output
mkdir "$TMPD/empty"
"$ZONESTAT" -z --root "$TMPD/empty" >"$TMPD/e.out" 2>"$TMPD/e.err"
check_eq "no zoneinfo: exit 1" 1 $?
grep -q zoneinfo "$TMPD/e.err" && ok "no zoneinfo: the message names the file" || not_ok "no zoneinfo: the message names the file" "$(cat "$TMPD/e.err")"
check_eq "no zoneinfo: no output" "" "$(cat "$TMPD/e.out")"
"$ZONESTAT" -z --root "$D0" >/dev/full 2>"$TMPD/full.err"
check_eq "-z to a full disk exits 1" 1 $?
grep -q 'write error' "$TMPD/full.err" && ok "full disk: write error reported" || not_ok "full disk: write error reported" "$(cat "$TMPD/full.err")"
( "$ZONESTAT" -z --root "$D0" 1 4; echo $? >"$TMPD/pipe.rc" ) 2>"$TMPD/pipe.err" | head -1 >/dev/null
check_eq "closed pipe: exit 0" 0 "$(cat "$TMPD/pipe.rc")"
check_eq "closed pipe: quiet" "" "$(cat "$TMPD/pipe.err")"
tap_done
