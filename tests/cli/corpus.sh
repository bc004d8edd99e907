#!/bin/sh
# corpus.sh — every parser and --explain on every capture of the real-kernel corpus in $ZONESTAT_CORPUS
# (2.6.x to 6.15+, many architectures): each non-empty file parses, an empty one gives a message, explain
# exits 0 or 2 (1 with a message only when there is no zoneinfo), nothing crashes or trips a sanitizer.
# The _bad-input captures must give a clear error or a tolerant parse.  Skipped without ZONESTAT_CORPUS.
. "$top_srcdir/tests/cli/tap.sh"

if [ -z "${ZONESTAT_CORPUS:-}" ] || [ ! -d "$ZONESTAT_CORPUS" ]; then
	echo "1..0 # SKIP ZONESTAT_CORPUS not set"
	exit 0
fi
: "${top_builddir:=.}"
PT=$top_builddir/tests/cli/parse-tree
if [ ! -x "$PT" ]; then
	make -s -C "$top_builddir" tests/cli/parse-tree >/dev/null 2>&1
fi

sanitizer_clean() {  # NAME FILE
	if grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$2"; then
		not_ok "$1: sanitizer clean" "$(head -c 1500 "$2")"
	fi
}

for d in "$ZONESTAT_CORPUS"/*/ "$ZONESTAT_CORPUS"/_bad-input/*/; do
	d=${d%/}
	name=${d##*/}
	[ "$name" = _bad-input ] && continue
	case $d in */_bad-input/*) bad=1 ;; *) bad=0 ;; esac

	if [ -x "$PT" ]; then
		"$PT" "$d" >"$TMPD/parts" 2>"$TMPD/err"
		rc=$?
		check_eq "$name: parse-tree exit 0" 0 "$rc"
		sanitizer_clean "$name parse-tree" "$TMPD/err"
		for f in zoneinfo buddyinfo pagetypeinfo pressure/memory vmstat meminfo stat; do
			[ -f "$d/$f" ] || continue
			line=$(grep "^$f " "$TMPD/parts")
			if [ -s "$d/$f" ] && [ $bad = 0 ]; then
				check_eq "$name: $f parses" "$f ok" "$line"
			else
				case $line in
				"$f ok" | "$f error "?*) ok "$name: $f: parsed or a clear error" ;;
				*) not_ok "$name: $f: parsed or a clear error" "$line" ;;
				esac
			fi
		done
	else
		skip "$name: parse-tree" "helper not built"
	fi

	for fmt in table csv; do
		"$ZONESTAT" --explain --pagetypeinfo -o $fmt --root "$d" >"$TMPD/out" 2>"$TMPD/err"
		rc=$?
		if [ -f "$d/zoneinfo" ] && [ $bad = 0 ]; then
			case $rc in
			0 | 2) ok "$name: explain $fmt exit 0 or 2" ;;
			*) not_ok "$name: explain $fmt exit 0 or 2" "rc $rc: $(head -c 1500 "$TMPD/err")" ;;
			esac
			if [ $fmt = csv ]; then
				# one min row per zone printed in zoneinfo
				want=$(grep -c '^Node' "$d/zoneinfo")
				got=$(awk -F, '$5 == "min"' "$TMPD/out" | wc -l)
				check_eq "$name: a min row for each of the $want zones" "$want" "$got"
			fi
		else
			case $rc in
			0 | 2) ok "$name: explain $fmt tolerant parse" ;;
			1) if [ -s "$TMPD/err" ]; then ok "$name: explain $fmt clear error"
			   else not_ok "$name: explain $fmt clear error" "no message"; fi ;;
			*) not_ok "$name: explain $fmt exit 0, 1 or 2" "rc $rc" ;;
			esac
		fi
		sanitizer_clean "$name explain $fmt" "$TMPD/err"
	done
done

tap_done
