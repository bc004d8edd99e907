#!/bin/sh
# run.sh — byte compatibility with procps-ng vmstat: for every option and combination, and for recorded
# and deliberately broken /proc data, `vmstat ARGS` and `zonestat --compat=VERSION ARGS` must print the
# same stdout and stderr and exit with the same status.
#
# Both programs run in a private mount namespace (unshare -m) in which a tmpfs holding the recorded files
# is mounted over /proc (and one holding the recorded disk names over /sys/block), with the LD_PRELOAD
# shim of tests/compat/shim.c: each sleep installs the next recorded sample and advances a fake clock,
# so interval runs are instant and -t timestamps agree.  Both are called through PATH as "vmstat",
# because getopt's messages print argv[0].
#
# Fixtures: tests/data/compat/NAME/SEQ/ (see the README there).  ZS_COMPAT_REF=PROG compares PROG with
# the reference instead of zonestat (ZS_COMPAT_REF=/usr/bin/vmstat proves the harness itself).
# ZONESTAT_CORPUS=DIR also replays every DIR/*/proc tree that has the files vmstat needs.
. "$top_srcdir/tests/cli/tap.sh"

REF=${ZS_REF_VMSTAT:-/usr/bin/vmstat}
DATA=$top_srcdir/tests/data/compat
EPOCH=1700000000

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

[ -x "$REF" ] || skip_all "$REF not found"
refver=$("$REF" -V 2>/dev/null | sed -n 's/^vmstat from procps-ng \(4\.0\.[0-9]*\)$/\1/p')
[ -n "$refver" ] || skip_all "$REF is not procps-ng 4.0.x"
[ "$(id -u)" = 0 ] || skip_all "needs root (unshare -m and mount)"
mkdir "$TMPD/mnt"
unshare -m sh -c "mount -t tmpfs zs-test '$TMPD/mnt'" 2>/dev/null || skip_all "unshare -m or mount not permitted"

# The shim, built without the project's flags (it must not carry a second sanitizer runtime).
${CC:-cc} -O2 -shared -fPIC -o "$TMPD/shim.so" "$top_srcdir/tests/compat/shim.c" -ldl 2>"$TMPD/cc.err" ||
	skip_all "cannot build the shim: $(head -1 "$TMPD/cc.err")"

# Two directories that each hold one "vmstat": the reference, and the program under test.
mkdir "$TMPD/ref" "$TMPD/test" "$TMPD/fx" "$TMPD/o"
ln -s "$REF" "$TMPD/ref/vmstat"
if [ -n "${ZS_COMPAT_REF:-}" ]; then
	ln -s "$ZS_COMPAT_REF" "$TMPD/test/vmstat"
	TESTARGS=
else
	ln -s "$ZONESTAT" "$TMPD/test/vmstat"
	TESTARGS=--compat=$refver
fi

# What runs inside the namespace: FIXDIR OUTPREFIX BINDIR [ARGS…].  Exit 97: the namespace could not be
# set up (reported as a failure of the harness, never as a difference).
cat >"$TMPD/inns.sh" <<'EOF'
fx=$1 out=$2 bin=$3
shift 3
mount -t tmpfs -o mode=0755 zs-proc /proc || exit 97
# /proc/self for the sanitizers' runtime (it reads /proc/self/maps); vmstat itself never looks there
if mkdir /proc/.real && mount -t proc proc /proc/.real; then
	ln -s .real/self /proc/self
	ln -s .real/thread-self /proc/thread-self
fi
for f in "$fx"/0/*; do
	[ -e "$f" ] || continue
	[ "${f##*/}" = sysblock ] || cp "$f" /proc/ || exit 97
done
if [ -f "$fx/0/sysblock" ]; then
	mount -t tmpfs zs-block /sys/block || exit 97
	while read -r n; do mkdir "/sys/block/$n" || exit 97; done <"$fx/0/sysblock"
elif [ -f "$fx/no-sys-block" ]; then
	mount -t tmpfs zs-sys /sys || exit 97
fi
cd /
# LeakSanitizer reads /proc/PID/task of the program: give it its own /proc/PID (the shell that execs it)
own='[ -d /proc/.real/$$ ] && mkdir -p /proc/$$ && mount --bind /proc/.real/$$ /proc/$$;'
if [ -n "${PTY_ROWS:-}" ]; then
	# on a terminal of PTY_ROWS rows (header repetition); stderr comes through the terminal too
	PATH=$bin:$PATH LD_PRELOAD=$SHIM ZS_SHIM_SNAPS=$fx ZS_SHIM_DEST=/proc ZS_SHIM_EPOCH=$EPOCH \
		script -qefc "$own stty rows $PTY_ROWS cols 250 && exec vmstat $*" /dev/null >"$out.out" 2>"$out.err"
else
	PATH=$bin:$PATH LD_PRELOAD=$SHIM ZS_SHIM_SNAPS=$fx ZS_SHIM_DEST=/proc ZS_SHIM_EPOCH=$EPOCH \
		sh -c "$own"' exec vmstat "$@"' vmstat "$@" >"$out.out" 2>"$out.err"
fi
echo $? >"$out.rc"
EOF

# fixture NAME: assemble tests/data/compat/NAME into $TMPD/fx/NAME (once) and print that path.
# A variant names its base recording in a file BASE; its SEQ/ directories replace single files of the
# base's samples, its ALL/ directory replaces files in every sample, and the file names listed in REMOVE
# are taken out of every sample (a missing /proc file).
fixture() {
	f_dst=$TMPD/fx/$1
	if [ ! -d "$f_dst" ]; then
		f_src=$DATA/$1
		mkdir "$f_dst"
		if [ -f "$f_src/BASE" ]; then
			cp -R "$DATA/$(cat "$f_src/BASE")/." "$f_dst/"
		fi
		for f_s in "$f_src"/[0-9]*; do
			[ -d "$f_s" ] || continue
			mkdir -p "$f_dst/${f_s##*/}"
			cp -R "$f_s/." "$f_dst/${f_s##*/}/"
		done
		if [ -d "$f_src/ALL" ]; then
			for f_s in "$f_dst"/[0-9]*; do
				for f_f in "$f_src/ALL"/*; do
					# later samples hold only the files that change; add it where the base has it
					if [ "${f_s##*/}" = 0 ] || [ -e "$f_s/${f_f##*/}" ]; then cp "$f_f" "$f_s/"; fi
				done
			done
		fi
		if [ -f "$f_src/REMOVE" ]; then
			for f_f in $(cat "$f_src/REMOVE"); do
				if [ "$f_f" = sys-block ]; then
					: >"$f_dst/no-sys-block"
					rm -f "$f_dst/0/sysblock"
				else
					rm -f "$f_dst"/[0-9]*/"$f_f"
				fi
			done
		fi
		chmod -R u+w "$f_dst"
	fi
	echo "$f_dst"
}

# run WHICH FIXTURE ARGS…: one run in a fresh namespace; result in $TMPD/o/WHICH.{out,err,rc}
run() {
	r_which=$1 r_fx=$2
	shift 2
	r_bin=$TMPD/ref
	if [ "$r_which" = test ]; then
		r_bin=$TMPD/test
		[ -n "$TESTARGS" ] && set -- "$TESTARGS" "$@"
	fi
	rm -f "$TMPD/o/$r_which".*
	env -u LANGUAGE -u LANG SHIM="$TMPD/shim.so" EPOCH=$EPOCH TZ="${RUN_TZ:-UTC}" LC_ALL=C \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		timeout 60 unshare -m sh "$TMPD/inns.sh" "$r_fx" "$TMPD/o/$r_which" "$r_bin" "$@" </dev/null
}

# The program under test exists only once the vmstat view is written.
pending=0
run test "$(fixture idle)"
grep -q "not available yet" "$TMPD/o/test.err" 2>/dev/null && pending=1

# same NAME FIXTURE ARGS…: both programs, identical stdout, stderr and exit status.
same() {
	s_name=$1 s_fx=$(fixture "$2")
	shift 2
	if [ "$pending" = 1 ]; then
		skip "$s_name" "the vmstat view is not written yet"
		return
	fi
	run ref "$s_fx" "$@"
	run test "$s_fx" "$@"
	if ! [ -s "$TMPD/o/ref.rc" ] || ! [ -s "$TMPD/o/test.rc" ] ||
	   [ "$(cat "$TMPD/o/ref.rc")" = 97 ] || [ "$(cat "$TMPD/o/test.rc")" = 97 ]; then
		not_ok "$s_name" "the namespace could not be set up, or a program ran for a minute"
		return
	fi
	s_diag=
	for s_k in out err rc; do
		if ! cmp -s "$TMPD/o/ref.$s_k" "$TMPD/o/test.$s_k"; then
			s_diag="$s_diag$(printf '%s differs (--- vmstat, +++ %s):' "$s_k" "${ZS_COMPAT_REF:-zonestat}")
$(diff -u "$TMPD/o/ref.$s_k" "$TMPD/o/test.$s_k" | sed 1,2d | head -40)
"
		fi
	done
	if [ -z "$s_diag" ]; then ok "$s_name"; else not_ok "$s_name" "$s_diag"; fi
}

# same_pty ROWS NAME FIXTURE ARGS…: the same on a terminal of ROWS rows (ARGS without spaces)
same_pty() {
	if ! command -v script >/dev/null 2>&1; then
		skip "$2" "no script(1) for a terminal"
		return
	fi
	PTY_ROWS=$1
	export PTY_ROWS
	shift
	same "$@"
	unset PTY_ROWS
}

# same_posix NAME FIXTURE ARGS…: the same with POSIXLY_CORRECT set (option parsing stops at an operand)
same_posix() {
	POSIXLY_CORRECT=1
	export POSIXLY_CORRECT
	same "$@"
	unset POSIXLY_CORRECT
}

# same_tz TZ NAME FIXTURE ARGS…: the same in another time zone (-t's header and stamps)
same_tz() {
	RUN_TZ=$1
	shift
	same "$@"
	RUN_TZ=
}

# The harness must be able to fail: the reference against itself on two different recordings differs.
fa=$(fixture idle) fb=$(fixture load)
run ref "$fa"; cp "$TMPD/o/ref.out" "$TMPD/o/a.out"
run ref "$fb"
if [ -s "$TMPD/o/a.out" ] && ! cmp -s "$TMPD/o/a.out" "$TMPD/o/ref.out"; then
	ok "harness: two recordings give two different outputs"
else
	not_ok "harness: two recordings give two different outputs" "$(cat "$TMPD/o/ref.err")"
fi
# … and replays: the reference's interval lines follow the recorded samples (bi of line 2 = Δpgpgin).
run ref "$fb" 1 2
want=$(( $(sed -n 's/^pgpgin //p' "$fb/1/vmstat") - $(sed -n 's/^pgpgin //p' "$fb/0/vmstat") ))
got=$(awk 'NR == 4 { print $9 }' "$TMPD/o/ref.out")
check_eq "harness: the second sample is installed at the first sleep (bi = delta pgpgin)" "$want" "$got"
run ref "$fb" -t 2 2
got=$(awk 'NR == 4 { print $(NF-1), $NF }' "$TMPD/o/ref.out")
check_eq "harness: the fake clock advances by the delay" "2023-11-14 22:13:22" "$got"

. "$top_srcdir/tests/compat/cases.sh"

tap_done
