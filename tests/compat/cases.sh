# cases.sh — the comparisons of tests/compat/run.sh (sourced by it): `same NAME FIXTURE ARGS…` runs
# procps vmstat and the program under test with ARGS on the recorded FIXTURE and requires identical
# stdout, stderr and exit status.

# --- the VM view and its flags, one sample (the since-boot line)
for a in "" -a -n -w -t -y -wt -at -aw -awt -S_k -S_K -S_m -S_M -S_kilo -S_b -S_B -wS_M -aS_m; do
	# "-S_M" stands for the two words "-S M"
	set -- $(printf '%s' "$a" | tr _ ' ')
	same "vmstat $*" load "$@"
done
same "vmstat --unit=M --wide --active --timestamp" load --unit=M --wide --active --timestamp
same "vmstat --act --w --time (abbreviations)" load --act --w --time
same "vmstat -- 1 0" load -- 1 0
same "vmstat 1 0" load 1 0
same "vmstat -y 1 0" load -y 1 0
same "vmstat -y (sleeps once)" load -y

# --- interval runs: every line from a different recorded sample
same "vmstat 1 8" load 1 8
same "vmstat 2 8" load 2 8
same "vmstat 3 5" load 3 5
same "vmstat -a 1 8" load -a 1 8
same "vmstat -w 1 8" load -w 1 8
same "vmstat -t 1 8" load -t 1 8
same "vmstat -wt 2 6" load -wt 2 6
same "vmstat -y 1 7" load -y 1 7
same "vmstat -n 1 8" load -n 1 8
same "vmstat -S M 1 8" load -S M 1 8
same "vmstat -S k -a 1 8" load -S k -a 1 8
same "vmstat 1 -a 4 (options after operands)" load 1 -a 4
same "vmstat +1 3 (strtol syntax)" load +1 3
same "vmstat ' 1' 3 (leading space)" load " 1" 3
same_posix "POSIXLY_CORRECT: vmstat 1 -a 4" load 1 -a 4
same_posix "POSIXLY_CORRECT: vmstat -a 1 4" load -a 1 4
same "vmstat 010 2 (decimal, not octal)" load 010 2
same "vmstat idle 1 4" idle 1 4
# header repetition: 21 lines per screen when stdout is not a terminal
same "vmstat 1 25 (header repeats)" load 1 25
same "vmstat 1 44 (header repeats twice)" idle 1 44
same "vmstat -n 1 25" load -n 1 25
same "vmstat -y 1 25" load -y 1 25
same "vmstat -t 1 23" load -t 1 23
# -t in other time zones: the header shows the zone's abbreviation (cut to 19 characters)
same_tz America/New_York "TZ=America/New_York vmstat -t 1 3" load -t 1 3
same_tz Asia/Kolkata "TZ=Asia/Kolkata vmstat -tw 1 3" load -tw 1 3
same_tz "<+0530>-5:30" "TZ=<+0530>-5:30 vmstat -dt" load -dt
same_tz ABCDEFGHIJKLMNOPQRSTUVWXYZA "TZ=(27 letters) vmstat -t" load -t
same_tz Europe/Berlin "TZ=Europe/Berlin vmstat -t -y 3600 3" load -t -y 3600 3

# on a terminal the height is its rows - 3 (22 when that is not positive)
same_pty 6 "pty 6 rows: vmstat 1 8" load 1 8
same_pty 6 "pty 6 rows: vmstat -y 1 8" load -y 1 8
same_pty 6 "pty 6 rows: vmstat -n 1 8" load -n 1 8
same_pty 6 "pty 6 rows: vmstat -t -w 1 5" load -t -w 1 5
same_pty 4 "pty 4 rows: vmstat 1 4 (a header before every line)" load 1 4
same_pty 2 "pty 2 rows: vmstat 1 25" load 1 25
same_pty 6 "pty 6 rows: vmstat -d 1 2 (partitions count)" parts -d 1 2
same_pty 6 "pty 6 rows: vmstat -dn 1 2" parts -dn 1 2
same_pty 40 "pty 40 rows: vmstat -m 1 2" load -m 1 2
same_pty 6 "pty 6 rows: vmstat -p vda 1 5" load -p vda 1 5
same_pty 6 "pty 6 rows: vmstat -x" load -x

# --- the other modes
same "vmstat -s" load -s
same "vmstat -s -S M" load -s -S M
same "vmstat -s -S k" load -s -S k
same "vmstat -s -S m" load -s -S m
same "vmstat -s -S kilo" load -s -S kilo
same "vmstat -s 1 3 (delay ignored)" load -s 1 3
same "vmstat -s -a -n -w -t -y (ignored flags)" load -s -a -n -w -t -y
same "vmstat --stats" load --stats
same "vmstat -f" load -f
same "vmstat --forks" load --forks
same "vmstat -f 0 (operands not looked at)" load -f 0
same "vmstat -f -x (acts at once)" load -f -x
same "vmstat -d" load -d
same "vmstat -dw" load -dw
same "vmstat -dt" load -dt
same "vmstat -dwt" load -dwt
same "vmstat -d 1 4" load -d 1 4
same "vmstat -dt 2 3" load -dt 2 3
same "vmstat -dn 1 3" load -dn 1 3
same "vmstat -d 1 3 (partitions)" parts -d 1 3
same "vmstat -dw (partitions)" parts -dw
same "vmstat -D" load -D
same "vmstat -D (partitions)" parts -D
same "vmstat --disk-sum 1 3" load --disk-sum 1 3
same "vmstat -p vda" load -p vda
same "vmstat -p /dev/vda" load -p /dev/vda
same "vmstat --partition=vda 1 4" load --partition=vda 1 4
same "vmstat -p vda1 (partition)" parts -p vda1
same "vmstat -p nvme0n1p1 -t -w (ignored flags)" parts -p nvme0n1p1 -t -w
same "vmstat -p nosuch" load -p nosuch
same "vmstat -p dev/vda" load -p dev/vda
same "vmstat -m" load -m
same "vmstat -m 1 2" load -m 1 2
same "vmstat -mn 1 2" load -mn 1 2
same "vmstat --slabs" load --slabs

# --- help, version, usage errors
same "vmstat -V" load -V
same "vmstat --version" load --version
same "vmstat --vers" load --vers
same "vmstat -V -x" load -V -x
same "vmstat -h" load -h
same "vmstat --help" load --help
same "vmstat --he" load --he
same "vmstat -x" load -x
same "vmstat -x -f" load -x -f
same "vmstat --foo" load --foo
same "vmstat --active=1" load --active=1
same "vmstat --dis (ambiguous)" load --dis
same "vmstat --s (ambiguous)" load --s
same "vmstat -p (no argument)" load -p
same "vmstat -S (no argument)" load -S
same "vmstat --unit (no argument)" load --unit
same "vmstat -S x" load -S x
same "vmstat -S ''" load -S ""
same "vmstat -S x -V (fails first)" load -S x -V
same "vmstat abc" load abc
same "vmstat ''" load ""
same "vmstat 1 ''" load 1 ""
same "vmstat 0" load 0
same "vmstat -- -1" load -- -1
same "vmstat -5" load -5
same "vmstat 0x10" load 0x10
same "vmstat 1x" load 1x
same "vmstat 99999999999999999999" load 99999999999999999999
same "vmstat 4294967296" load 4294967296
same "vmstat 4294967295 0" load 4294967295 0
same "vmstat 1 abc" load 1 abc
same "vmstat 1 99999999999999999999" load 1 99999999999999999999
same "vmstat 1 2 3" load 1 2 3
same "vmstat -d -D" load -d -D
same "vmstat -d -s" load -d -s
same "vmstat -m -s" load -m -s
same "vmstat -p vda -d" load -p vda -d
same "vmstat -D -m 1 2 3 (operands checked first)" load -D -m 1 2 3
same "vmstat -d -D abc" load -d -D abc

# --- edited recordings (tests/data/compat/README)
for fx in swap wide backwards; do
	same "$fx: vmstat" $fx
	same "$fx: vmstat 1 8" $fx 1 8
	same "$fx: vmstat -w 1 8" $fx -w 1 8
	same "$fx: vmstat -a -S M 2 8" $fx -a -S M 2 8
	same "$fx: vmstat -S k 1 8" $fx -S k 1 8
	same "$fx: vmstat -s" $fx -s
	same "$fx: vmstat -s -S m" $fx -s -S m
done
same "parts: vmstat -d 1 8" parts -d 1 8
same "parts: vmstat -p nvme0n1p1 1 8" parts -p nvme0n1p1 1 8
# devices that disappear and come back.  libproc2 4.0.2 keeps one node per name, in the order first
# seen; each read of /proc/diskstats stamps the nodes of the lines it finds with time(NULL).  A device
# missing from a read keeps its node and its last values (-d still prints it).  Whenever a node is looked
# up by name — for each line of a read, and for -p's device — and it was stamped neither by this read nor
# by the previous one, it is dropped: a line brings a new node appended at the end of the list (classified
# again against /sys/block), and -p reports "Disk/Partition NAME not found".
same "disk-hotplug: vmstat -d 1 8" disk-hotplug -d 1 8
same "disk-hotplug: vmstat -dw 2 8" disk-hotplug -dw 2 8
same "disk-hotplug: vmstat -p vda 1 5" disk-hotplug -p vda 1 5
same "disk-hotplug: vmstat -p zram0 1 8" disk-hotplug -p zram0 1 8
same "wide: vmstat -d" wide -d
same "wide: vmstat -dw" wide -dw
same "wide: vmstat -D" wide -D
same "wide: vmstat -p vda 1 3" wide -p vda 1 3
same "wide: vmstat -f" wide -f
same "wide: vmstat -y 1 3" wide -y 1 3
same "swap: vmstat -y -S M 3 4" swap -y -S M 3 4
for fx in old-kernel stat-no-intr zero-ticks mem-odd long-files cut-8191 swap-backwards; do
	same "$fx: vmstat" $fx
	same "$fx: vmstat -a -w 1 8" $fx -a -w 1 8
	same "$fx: vmstat -S m 2 4" $fx -S m 2 4
	same "$fx: vmstat -s" $fx -s
	same "$fx: vmstat -s -S M" $fx -s -S M
done
same "old-kernel: vmstat -d 1 3" old-kernel -d 1 3
same "old-kernel: vmstat -D" old-kernel -D
same "old-kernel: vmstat -p vda 1 3" old-kernel -p vda 1 3
same "old-kernel: vmstat -f" old-kernel -f
for fx in stat-cpu-7 slab-bad-line; do
	same "$fx: vmstat" $fx
	same "$fx: vmstat -s" $fx -s
	same "$fx: vmstat -f" $fx -f
	same "$fx: vmstat -d" $fx -d
	same "$fx: vmstat -m" $fx -m
done
for fx in no-uptime no-cpuinfo no-meminfo no-stat no-vmstat no-diskstats no-slabinfo no-sys-block \
	  empty-meminfo empty-stat empty-vmstat empty-diskstats empty-cpuinfo cpuinfo-open-block \
	  stat-cut-cpu stat-cut-lines garbage-vmstat garbage-meminfo disk-7-fields disk-long-name \
	  slab-version slab-empty; do
	same "$fx: vmstat" $fx
	same "$fx: vmstat 1 3" $fx 1 3
	same "$fx: vmstat -s" $fx -s
	same "$fx: vmstat -f" $fx -f
	same "$fx: vmstat -d" $fx -d
	same "$fx: vmstat -D" $fx -D
	same "$fx: vmstat -p vda" $fx -p vda
	same "$fx: vmstat -m" $fx -m
done

# --- optional: every captured tree of the shared corpus that holds the files vmstat needs
if [ -n "${ZONESTAT_CORPUS:-}" ] && [ -d "$ZONESTAT_CORPUS" ]; then
	for tree in "$ZONESTAT_CORPUS"/*; do
		p=$tree/proc
		[ -d "$p" ] || p=$tree
		[ -f "$p/stat" ] && [ -f "$p/meminfo" ] && [ -f "$p/vmstat" ] || continue
		name=corpus-${tree##*/}
		mkdir -p "$TMPD/fx/$name/0"
		for f in stat meminfo vmstat uptime cpuinfo diskstats slabinfo loadavg; do
			[ -f "$p/$f" ] && cp "$p/$f" "$TMPD/fx/$name/0/"
		done
		[ -d "$tree/sys/block" ] && ls "$tree/sys/block" >"$TMPD/fx/$name/0/sysblock"
		for a in "" -a -w -s -d -D -m; do
			same "$name: vmstat $a" "$name" $a
		done
	done
fi
