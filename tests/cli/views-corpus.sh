#!/bin/sh
# views-corpus.sh — every zone view on every capture of the corpus in $ZONESTAT_CORPUS (real /proc files
# from many kernels): no crash, exit 0 or 1 with a message, a CSV whose rows match the input's zones.
# Skipped when ZONESTAT_CORPUS is not set.
. "$top_srcdir/tests/cli/tap.sh"
. "$top_srcdir/tests/cli/views-lib.sh"

if [ -z "${ZONESTAT_CORPUS:-}" ] || [ ! -d "$ZONESTAT_CORPUS" ]; then
	echo "1..0 # SKIP ZONESTAT_CORPUS not set"
	exit 0
fi

for d in "$ZONESTAT_CORPUS"/*/; do
	d=${d%/}
	name=${d##*/}
	for v in -z -r -b; do
		for fmt in table csv; do
			"$ZONESTAT" $v --root "$d" -o $fmt >"$TMPD/out" 2>"$TMPD/err"
			rc=$?
			case $rc in
			0) ok "$name $v $fmt: exit 0" ;;
			1) if [ -s "$TMPD/err" ]; then ok "$name $v $fmt: exit 1 with a message"
			   else not_ok "$name $v $fmt: exit 1 with a message" "stderr empty"; fi ;;
			*) not_ok "$name $v $fmt: exit 0 or 1" "rc $rc: $(head -c 1500 "$TMPD/err")" ;;
			esac
			if grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$TMPD/err"; then
				not_ok "$name $v $fmt: sanitizer clean" "$(head -c 1500 "$TMPD/err")"
			fi
			[ "$rc" = 0 ] && [ $fmt = csv ] || continue
			if [ $v = -z ] && [ -f "$d/zoneinfo" ]; then
				want=$(tr -d '\r' <"$d/zoneinfo" | awk '
					/^Node/ { if (z != "") n += (m != "" ? m : p) > 0; z = $0; m = ""; p = "" }
					/^ +managed / { m = $2 } /^ +present / { p = $2 }
					END { if (z != "") n += (m != "" ? m : p) > 0; print n + 0 }')
				pycheck shape "$TMPD/out" "$name -z" "$want"
				# every value, by the kernel's rules
				pycheck zones "$TMPD/out" "$d/zoneinfo"
			elif [ $v = -b ] && [ -f "$d/buddyinfo" ]; then
				pycheck shape "$TMPD/out" "$name -b" "$(grep -c '^Node' "$d/buddyinfo")"
				# every value, by the kernel's formulas (the watermark rule of the capture's kernel)
				[ -f "$d/zoneinfo" ] && pycheck buddy "$TMPD/out" "$d/buddyinfo" "$d/zoneinfo" "$d/version"
			elif [ $v = -r ]; then
				pycheck shape "$TMPD/out" "$name -r" 1
			fi
		done
	done
done
tap_done
