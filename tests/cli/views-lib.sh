# views-lib.sh — helpers of the zone-view tests (sourced after tap.sh).
VIEWS_DATA=$top_srcdir/tests/data/views-load
CHECKPY=$top_srcdir/tests/cli/views-check.py

have_python() {
	command -v python3 >/dev/null 2>&1
}

# pycheck ARGS…: run views-check.py, one TAP line per PASS/FAIL line it prints
pycheck() {
	if ! have_python; then
		skip "views-check.py $1" "python3 not found"
		return
	fi
	python3 "$CHECKPY" "$@" >"$TMPD/py.out" 2>&1 || { not_ok "views-check.py $1 ran" "$(cat "$TMPD/py.out")"; return; }
	while IFS= read -r line; do
		case $line in
		"PASS "*) ok "${line#PASS }" ;;
		"FAIL "*) l=${line#FAIL }; not_ok "${l%% :: *}" "${l#* :: }" ;;
		*) not_ok "views-check.py output" "$line" ;;
		esac
	done <"$TMPD/py.out"
}

# A tree whose files can change between two reads of one run: every file the views read lives flat in
# $TMPD/flat (where the shim of tests/compat/shim.c rewrites them in place at the first sleep), and
# $TMPD/root holds symbolic links to them in the bare /proc layout --root expects.
# shim_tree FROM_DIR TO_DIR: $TMPD/root shows FROM_DIR; after the first sleep, TO_DIR.
shim_tree() {
	rm -rf "$TMPD/flat" "$TMPD/root" "$TMPD/snaps"
	mkdir -p "$TMPD/flat" "$TMPD/root/pressure" "$TMPD/root/sys/devices/system/cpu" "$TMPD/snaps/1"
	for f in zoneinfo buddyinfo vmstat uptime version meminfo stat; do
		[ -f "$1/$f" ] || continue
		cp "$1/$f" "$TMPD/flat/$f"
		ln -s "$TMPD/flat/$f" "$TMPD/root/$f"
		[ -f "$2/$f" ] && cp "$2/$f" "$TMPD/snaps/1/$f"
	done
	if [ -f "$1/pressure/memory" ]; then
		cp "$1/pressure/memory" "$TMPD/flat/memory"
		ln -s "$TMPD/flat/memory" "$TMPD/root/pressure/memory"
		[ -f "$2/pressure/memory" ] && cp "$2/pressure/memory" "$TMPD/snaps/1/memory"
	fi
	[ -f "$1/sys/devices/system/cpu/online" ] &&
		cp "$1/sys/devices/system/cpu/online" "$TMPD/root/sys/devices/system/cpu/online"
	return 0
}

# build_shim: $TMPD/shim.so, or false (built without the project's flags: one sanitizer runtime only)
build_shim() {
	[ -f "$TMPD/shim.so" ] && return 0
	${CC:-cc} -O2 -shared -fPIC -o "$TMPD/shim.so" "$top_srcdir/tests/compat/shim.c" -ldl 2>/dev/null
}

# shim_run ARGS…: run zonestat under the shim: sleeps return at once, the clock advances by them
shim_run() {
	env LD_PRELOAD="$TMPD/shim.so" ZS_SHIM_EPOCH=1795500000 ZS_SHIM_SNAPS="$TMPD/snaps" \
		ZS_SHIM_DEST="$TMPD/flat" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "$ZONESTAT" "$@"
}

# pending VIEW_OPT: true when the parsers this view needs are not written yet (then tests skip)
parser_pending() {
	"$ZONESTAT" "$1" --root "$VIEWS_DATA/0" >/dev/null 2>"$TMPD/pending.err"
	grep -q "parser not written yet" "$TMPD/pending.err"
}
