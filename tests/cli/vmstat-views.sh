#!/bin/sh
# vmstat-views.sh — the vmstat views (4.0.6 behaviour, zonestat's default) on captured trees, against
# lines derived by hand from the procps-ng formulas (the arithmetic is in the comments), and their
# handling of bad input: exit 1 and a message that names the file.
. "$top_srcdir/tests/cli/tap.sh"

LIVE=$top_srcdir/tests/data/vmstat-live
EDGE=$top_srcdir/tests/data/vmstat-edge
KPP=$(($(getconf PAGESIZE) / 1024))
TZ=UTC
export TZ

# same NAME EXPECTED ARGS…: stdout is exactly EXPECTED (plus its newline), status 0, nothing on stderr
same() {
	name=$1 exp=$2
	shift 2
	"$ZONESTAT" "$@" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	printf '%s\n' "$exp" >"$TMPD/exp"
	if [ "$rc" -ne 0 ] || [ -s "$TMPD/err" ]; then
		not_ok "$name" "status $rc: $(head -c 500 "$TMPD/err")"
	elif cmp -s "$TMPD/exp" "$TMPD/out"; then
		ok "$name"
	else
		not_ok "$name" "$(diff "$TMPD/exp" "$TMPD/out" | head -20)"
	fi
}

# refused NAME WORD ARGS…: status 1, no stdout, a message naming WORD
refused() {
	name=$1 word=$2
	shift 2
	timeout 30 "$ZONESTAT" "$@" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	if [ "$rc" -ne 1 ]; then
		not_ok "$name" "status $rc: $(head -c 500 "$TMPD/err")"
	elif [ -s "$TMPD/out" ]; then
		not_ok "$name" "stdout: $(head -c 300 "$TMPD/out")"
	elif ! sed 's/^[^:]*: //' "$TMPD/err" | grep -Eq "(^|[^a-z_])$word([^a-z_]|\$)"; then
		not_ok "$name" "message does not name $word: $(cat "$TMPD/err")"
	else
		ok "$name"
	fi
}

H1='procs -----------memory---------- ---swap-- -----io---- -system-- -------cpu-------'
H2=' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st gu'

# --- this machine, captured.  procs_running 9 -> r 8 (4.0.4+ do not count vmstat itself);
# cache 270256 + 59944 = 330200; uptime 10352.78: bi 8745729/up = 844.8, bo 6797592/up = 656.6,
# in 658988/up = 63.7; ticks: Div = 24100+20693+154+2023192+765+16 = 2068920, h = 1034460,
# cs = 6158232 / Div = 2; us (2410000+h)/Div = 1, sy (2084700+h)/Div = 1, id 98, wa (76500+h)/Div = 0.
# free 24156716 is 2 wider than its column; buff gives those 2 back (skew).
same "live tree: since-boot line" "$H1
$H2
 8  0      0 24156716 7808 330200    0    0   844   656   63    2  1  1 98  0  0  0" --root "$LIVE"
"$ZONESTAT" --root "$LIVE" -s >"$TMPD/out" 2>&1
check_eq "live tree -s: used memory = MemTotal - MemAvailable (24684084 - 24146692)" \
	"       537392 K used memory" "$(sed -n 2p "$TMPD/out")"
check_eq "live tree -s: swap cache = Cached + SReclaimable" "       330200 K swap cache" "$(sed -n 7p "$TMPD/out")"
check_eq "live tree -s: 34 lines with 4.0.5's page allocation lines" 34 "$(wc -l <"$TMPD/out" | tr -d ' ')"
same "live tree -f" "       297949 forks" --root "$LIVE" -f

# --- the edge tree: values wider than their columns, swap in use, uptime 100 s.
# Div = 100+100+700+100 = 1000, h = 500: us 10 sy 10 id 70 wa 10; r = 1 - 1 = 0, b 2;
# swpd 1000000 - 400000; bi 123456/100 = 1234, bo 6543, in 5000/100 = 50, cs 90000/Div = 90;
# si = 2500 pages * KPP / 100, so = 25 * KPP / 100.  free (13 digits) is 7 too wide: buff and cache give
# back 2 each, si 1, so 2.
if [ "$KPP" = 4 ]; then
	same "edge tree: skewed line" "$H1
$H2
 0  2 600000 1500000000000 1000 2500 100  1  1234  6543   50   90 10 10 70 10  0  0" --root "$EDGE"
	same "edge tree -a: Inactive and Active" "$H1
 r  b   swpd   free  inact active   si   so    bi    bo   in   cs us sy id wa st gu
 0  2 600000 1500000000000 4000 3000 100  1  1234  6543   50   90 10 10 70 10  0  0" --root "$EDGE" -a
	same "edge tree -w" "--procs-- -----------------------memory---------------------- ---swap-- -----io---- -system-- ----------cpu----------
   r    b         swpd         free         buff        cache   si   so    bi    bo   in   cs  us  sy  id  wa  st  gu
   0    2       600000 1500000000000        1000         2500  100    1  1234  6543   50   90  10  10  70  10   0   0" --root "$EDGE" -w
	# MiB: 600000/1024 = 585.9, 1500000000000/1024 = 1464843750, 1000/1024 = 0, 2500/1024 = 2;
	# si: 10000 KiB -> 9 MiB, / 100 s = 0
	same "edge tree -S M" "$H1
$H2
 0  2    585 1464843750  0      2    0    0  1234  6543   50   90 10 10 70 10  0  0" --root "$EDGE" -S M
else
	skip "edge tree lines" "page size is not 4 KiB"
fi
same "edge tree -t -y 1 0: the header only, with the time zone" "$H1 -----timestamp-----
$H2                 UTC" --root "$EDGE" -t -y 1 0
if [ "$KPP" = 4 ]; then
	same "edge tree 1 0: the since-boot line only" "$H1
$H2
 0  2 600000 1500000000000 1000 2500 100  1  1234  6543   50   90 10 10 70 10  0  0" --root "$EDGE" 1 0
fi

same "edge tree -s" "2000000000000 K total memory
 400000000000 K used memory
         3000 K active memory
         4000 K inactive memory
1500000000000 K free memory
         1000 K buffer memory
         2500 K swap cache
      1000000 K total swap
       600000 K used swap
       400000 K free swap
          100 non-nice user cpu ticks
            0 nice user cpu ticks
          100 system cpu ticks
          700 idle cpu ticks
          100 IO-wait cpu ticks
            0 IRQ cpu ticks
            0 softirq cpu ticks
            0 stolen cpu ticks
            0 non-nice guest cpu ticks
            0 nice guest cpu ticks
       123456 K paged in
       654321 K paged out
         2500 pages swapped in
           25 pages swapped out
            0 pages alloc in dma
            0 pages alloc in dma32
            0 pages alloc in high
            0 pages alloc in movable
            0 pages alloc in normal
            0 pages free
         5000 interrupts
        90000 CPU context switches
   1700000000 boot time
         4242 forks" --root "$EDGE" -s
# -S M on -s: 2000000000000 KiB / 1024 = 1953125000 MiB
"$ZONESTAT" --root "$EDGE" -s -S M >"$TMPD/out" 2>&1
check_eq "edge tree -s -S M" "   1953125000 M total memory" "$(sed -n 1p "$TMPD/out")"

# disks: vda and nvme0n1 are in sys/block, vda1 is not; cur = in_flight/1000, sec = io_ms/1000
same "edge tree -d" "disk- ------------reads------------ ------------writes----------- -----IO------
       total merged sectors      ms  total merged sectors      ms    cur    sec
vda     1000     20  300000    4000    500     60  700000    8000      2      9
nvme0n1 123456789 12345678 98765432109 1234567 7654321 765432 1234567890123 999999999      2   3600" --root "$EDGE" -d
same "edge tree -d -w" "disk- -------------------reads------------------- -------------------writes------------------ ------IO-------
          total    merged     sectors          ms     total    merged     sectors          ms     cur     sec
vda        1000        20      300000        4000       500        60      700000        8000       2       9
nvme0n1 123456789  12345678 98765432109     1234567   7654321    765432 1234567890123   999999999       2    3600" --root "$EDGE" -dw
# sums over the two disks; the divisions by 1000 are done per disk (2+2, 9+3600, 12+7200)
same "edge tree -D" "            2 disks
            1 partitions
    123457789 total reads
     12345698 merged reads
  98765732109 read sectors
      1238567 milli reading
      7654821 writes
       765492 merged writes
1234568590123 written sectors
   1000007999 milli writing
            4 inprogress IO
         3609 milli spent IO
         7212 milli weighted IO" --root "$EDGE" -D
same "edge tree -p /dev/vda1" "vda1            reads      read sectors      writes  requested writes
                   10                80           2                16" --root "$EDGE" -p /dev/vda1
# slabs by name in byte order; names cut to 24; the "Pages" column is objects per slab
same "edge tree -m" "Cache                       Num  Total   Size  Pages
AF_VSOCK                     36     36   1280     12
Acpi-State                  102    102     80     51
_underscore                   1      2      3      4
a_very_long_slab_cache_n      5      6      7      8
kmalloc-8k               4294967295 1234567   8192      4
zeta_cache                   10     20    128     32" --root "$EDGE" -m

# --- CSV: one header, units in the names, values in KiB whatever -S says
"$ZONESTAT" --root "$EDGE" -o csv -S M >"$TMPD/out" 2>&1
check_eq "CSV header" "timestamp,epoch_s,line,r,b,swpd_kib,free_kib,buff_kib,cache_kib,si_kib_per_s,so_kib_per_s,bi_kib_per_s,bo_kib_per_s,in_per_s,cs_per_s,us_pct,sy_pct,id_pct,wa_pct,st_pct,gu_pct" \
	"$(sed -n 1p "$TMPD/out" | tr -d '\r')"
check_eq "CSV row" "since_boot,0,2,600000,1500000000000,1000,2500,$((2500 * KPP / 100)),$((25 * KPP / 100)),1234,6543,50,90,10,10,70,10,0,0" \
	"$(sed -n 2p "$TMPD/out" | tr -d '\r' | cut -d, -f3-)"
"$ZONESTAT" --root "$EDGE" --csv -d >"$TMPD/out" 2>&1
check_eq "CSV -d: in_flight and io_ms undivided" "nvme0n1,123456789,12345678,98765432109,1234567,7654321,765432,1234567890123,999999999,2000,3600000,7200000" \
	"$(sed -n 3p "$TMPD/out" | tr -d '\r' | cut -d, -f3-)"

# --- bad input: a clear message naming the file, status 1, nothing on stdout
# bad TREE: a copy of the edge tree
bad() {
	rm -rf "$TMPD/bad"
	cp -r "$EDGE" "$TMPD/bad"
	chmod -R u+w "$TMPD/bad"
}
bad; rm "$TMPD/bad/proc/diskstats"
refused "-d without /proc/diskstats" diskstats --root "$TMPD/bad" -d
refused "-D without /proc/diskstats" diskstats --root "$TMPD/bad" -D
bad; echo "   8       1 sda1 5 40 6 48" >>"$TMPD/bad/proc/diskstats"
refused "-d with an old 4-number partition line" diskstats --root "$TMPD/bad" -d
bad; echo " 8 3 abcdefghijabcdefghijabcdefghijabcdefghij 1 2 3 4 5 6 7 8 9 10 11" >>"$TMPD/bad/proc/diskstats"
refused "-p with a 40-character device name" diskstats --root "$TMPD/bad" -p vda
bad; head -c 3000 /dev/urandom >"$TMPD/bad/proc/diskstats"
refused "-d on random bytes" diskstats --root "$TMPD/bad" -d
bad
refused "-p on a device that is not there" nosuch --root "$TMPD/bad" -p nosuch
bad; rm "$TMPD/bad/proc/slabinfo"
refused "-m without /proc/slabinfo" slabinfo --root "$TMPD/bad" -m
bad; sed -i 's/version: 2.1/version: 1.1/' "$TMPD/bad/proc/slabinfo"
refused "-m on slabinfo 1.1" slabinfo --root "$TMPD/bad" -m
bad; echo "broken" >>"$TMPD/bad/proc/slabinfo"
refused "-m with a line that is not a cache" slabinfo --root "$TMPD/bad" -m
bad; : >"$TMPD/bad/proc/stat"
refused "-s on an empty /proc/stat" stat --root "$TMPD/bad" -s
refused "-f on an empty /proc/stat" stat --root "$TMPD/bad" -f
bad; printf 'cpu  1 2 3 4 5 6 7\nintr 5\n' >"$TMPD/bad/proc/stat"
refused "a cpu line with 7 numbers (libproc2 wants 8)" stat --root "$TMPD/bad"
bad; rm "$TMPD/bad/proc/uptime"
refused "no /proc/uptime (4.0.3+ need it)" uptime --root "$TMPD/bad"
bad; echo "garbage" >"$TMPD/bad/proc/uptime"
refused "garbage in /proc/uptime" uptime --root "$TMPD/bad"
bad; rm "$TMPD/bad/proc/vmstat"
refused "-s without /proc/vmstat" vmstat --root "$TMPD/bad" -s
bad; rm "$TMPD/bad/proc/meminfo"
refused "-s without /proc/meminfo" meminfo --root "$TMPD/bad" -s
# what procps tolerates, so do we: a /proc/meminfo it cannot read is all zeros
bad; head -c 2000 /dev/zero >"$TMPD/bad/proc/meminfo"
"$ZONESTAT" --root "$TMPD/bad" >"$TMPD/out" 2>"$TMPD/err"
check_eq "NUL bytes as /proc/meminfo: zeros (status)" 0 "$?"
check_eq "NUL bytes as /proc/meminfo: zeros (free)" 0 "$(sed -n 3p "$TMPD/out" | awk '{print $4}')"
# the cpuinfo rule of 4.0.2 is not applied in 4.0.6 mode
bad; printf 'processor\t: 0\nvendor\t: x\n' >"$TMPD/bad/proc/cpuinfo"
"$ZONESTAT" --root "$TMPD/bad" >/dev/null 2>&1
check_eq "an open processor block in /proc/cpuinfo is fine for 4.0.6" 0 "$?"

# --- output: a full disk is a write error (status 1); a closed pipe ends quietly (status 0)
if [ -w /dev/full ]; then
	"$ZONESTAT" --root "$EDGE" >/dev/full 2>"$TMPD/err"
	rc=$?
	check_eq "stdout on a full disk: status 1" 1 "$rc"
	check_eq "stdout on a full disk: message" "$(basename "$ZONESTAT"): write error" "$(cat "$TMPD/err")"
else
	skip "stdout on a full disk" "no /dev/full"
fi
rc=$( { "$ZONESTAT" --root "$EDGE" 1 3 2>"$TMPD/err"; echo $? >"$TMPD/rc"; } | head -1 >/dev/null; cat "$TMPD/rc")
check_eq "a closed pipe: status 0" 0 "$rc"
check_eq "a closed pipe: no message" "" "$(cat "$TMPD/err")"

tap_done
