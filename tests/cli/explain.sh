#!/bin/sh
# explain.sh — zonestat --explain on trees captured on a 6.18 VM (tests/data/live-*): every derived number
# agrees (exit 0); a copy with one wrong watermark disagrees (exit 2, the field named); a tree captured
# right after `echo 90112 > /proc/sys/vm/min_free_kbytes` is explained as user-set (exit 0); broken trees
# give exit 1 with a message.  Expected watermarks are recomputed here with awk from the tree's own files.
. "$top_srcdir/tests/cli/tap.sh"

LIVE=$top_srcdir/tests/data/live-6.18.44-fc-v669
USER=$top_srcdir/tests/data/live-6.18.44-fc-v669-min-free-user

# expected_min TREE ZONE: ⌊pages_min·managed/lowmem⌋ from the tree's min_free_kbytes and zoneinfo
expected_min() {
	awk -v zone="$2" -v mfk="$(cat "$1/proc/sys/vm/min_free_kbytes")" '
		/^Node/ { name = $4 }
		/^ +managed / { m[name] = $2; if (name != "Movable" && name != "HighMem") low += $2 }
		END { pm = int(mfk / 4); printf "%d\n", int(pm * m[zone] / low) }' "$1/proc/zoneinfo"
}

# field TREE ZONE FIELD COLUMN: one column of explain's CSV row (5 node … 10 agrees)
field() {
	"$ZONESTAT" --explain -o csv --root "$1" | awk -F, -v z="$2" -v f="$3" -v c="$4" \
		'$4 == z && $5 == f { print $c; exit }'
}

"$ZONESTAT" --explain --root "$LIVE" >"$TMPD/t" 2>"$TMPD/e"
check_eq "captured tree: exit 0" 0 $?
check "captured tree: summary says 0 disagree" grep -q '^# .* 0 disagree' "$TMPD/t"
check "captured tree: formula with numbers shown" grep -q 'pages_min\*managed/lowmem_pages = 16896\*772915/6171021' "$TMPD/t"
check_eq "captured tree: nothing on stderr" "" "$(cat "$TMPD/e")"

for z in DMA DMA32 Normal; do
	want=$(expected_min "$LIVE" $z)
	check_eq "captured tree: $z min derived as awk computes it" "$want" "$(field "$LIVE" $z min 7)"
	check_eq "captured tree: $z min agrees" yes "$(field "$LIVE" $z min 8)"
done
check_eq "captured tree: Movable min capped at 32" 32 "$(field "$LIVE" Movable min 7)"
check_eq "csv header" "timestamp,epoch_s,node,zone,field,kernel_value,derived_value,agrees,formula,note" \
	"$("$ZONESTAT" --explain -o csv --root "$LIVE" | head -1 | tr -d '\r')"

# one wrong watermark
cp -R "$LIVE" "$TMPD/bad"
sed 's/^        min      2116$/        min      2117/' "$LIVE/proc/zoneinfo" >"$TMPD/bad/proc/zoneinfo"
if cmp -s "$LIVE/proc/zoneinfo" "$TMPD/bad/proc/zoneinfo"; then
	not_ok "wrong watermark: the copy differs" "sed changed nothing"
else
	"$ZONESTAT" --explain --root "$TMPD/bad" >"$TMPD/t" 2>&1
	check_eq "wrong watermark: exit 2" 2 $?
	check "wrong watermark: the DMA32 min row says no" grep -q '^ *0 DMA32 *min *2117 *2116 no ' "$TMPD/t"
	check "wrong watermark: a cause is given" grep -q 'DMA32 *min .*2116 no .*\(managed pages\|min_free_kbytes\)' "$TMPD/t"
	check_eq "wrong watermark: other zones still agree" yes "$(field "$TMPD/bad" Normal min 8)"
fi

# min_free_kbytes written by a user: the watermarks follow it, explain says so and agrees
"$ZONESTAT" --explain --root "$USER" >"$TMPD/t" 2>&1
check_eq "user-set min_free_kbytes: exit 0" 0 $?
check "user-set min_free_kbytes: explained as user-set" grep -q 'min_free_kbytes *90112 *67584 explained .*user-set' "$TMPD/t"
check_eq "user-set min_free_kbytes: DMA32 min derived from 90112" "$(expected_min "$USER" DMA32)" \
	"$(field "$USER" DMA32 min 7)"
check "user-set min_free_kbytes: a stale pcp high is explained, not a disagreement" \
	grep -q 'DMA32 *high .*explained.*next use' "$TMPD/t"

# the same tree with the sysctl file removed: min_free_kbytes is solved from the watermarks
cp -R "$USER" "$TMPD/nosys"
rm "$TMPD/nosys/proc/sys/vm/min_free_kbytes"
"$ZONESTAT" --explain --root "$TMPD/nosys" >"$TMPD/t" 2>&1
check_eq "no min_free_kbytes file: exit 0" 0 $?
check "no min_free_kbytes file: inferred 90112" grep -q 'min_free_kbytes *- *90112 ' "$TMPD/t"

# broken input: exit 1 with a message naming the file
mkdir -p "$TMPD/empty/proc"
: >"$TMPD/empty/proc/zoneinfo"
"$ZONESTAT" --explain --root "$TMPD/empty" >"$TMPD/t" 2>"$TMPD/e"
check_eq "empty zoneinfo: exit 1" 1 $?
check "empty zoneinfo: message names the file" grep -q 'zoneinfo' "$TMPD/e"
mkdir -p "$TMPD/none"
"$ZONESTAT" --explain --root "$TMPD/none" >"$TMPD/t" 2>"$TMPD/e"
check_eq "missing zoneinfo: exit 1" 1 $?
check "missing zoneinfo: message" grep -q 'zoneinfo' "$TMPD/e"
head -c 3000 "$LIVE/proc/zoneinfo" >"$TMPD/bad/proc/zoneinfo"
"$ZONESTAT" --explain --root "$TMPD/bad" >"$TMPD/t" 2>"$TMPD/e"
rc=$?
case $rc in 0 | 2) ok "truncated zoneinfo: exit 0 or 2 ($rc)" ;; *) not_ok "truncated zoneinfo: exit 0 or 2" "rc $rc" ;; esac

# this machine: 0 (all agree) or 2, and then every disagreeing row names a likely cause
if [ -r /proc/zoneinfo ]; then
	"$ZONESTAT" --explain -o csv >"$TMPD/live.csv" 2>"$TMPD/live.err"
	rc=$?
	case $rc in 0 | 2) ok "live: exit 0 or 2 ($rc)" ;; *) not_ok "live: exit 0 or 2" "rc $rc: $(cat "$TMPD/live.err")" ;; esac
	if command -v python3 >/dev/null 2>&1; then
		check_eq "live: the exit status says whether a row disagrees" "$rc" "$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(2 if any(r["agrees"] == "no" for r in rows) else 0)' "$TMPD/live.csv")"
		check_eq "live: every disagreement has a cause" "" "$(python3 -c '
import csv, sys
print(" ".join(r["field"] for r in csv.DictReader(open(sys.argv[1])) if r["agrees"] == "no" and not r["note"]))' "$TMPD/live.csv")"
	fi
else
	skip "live --explain" "/proc/zoneinfo not readable"
fi

# a full output device is an error, not silence
if [ -w /dev/full ]; then
	"$ZONESTAT" --explain --root "$LIVE" >/dev/full 2>"$TMPD/e"
	check_eq "write error: exit 1" 1 $?
	check "write error: message" grep -q 'write error' "$TMPD/e"
else
	skip "write error: exit 1" "no /dev/full"
fi

tap_done
