# churn-lib.sh — variant trees for tests/cli/churn.sh: two samples of tests/data/views-load with one
# thing changed between them by a small scripted edit (sourced after tap.sh and views-lib.sh).

# drop_pageset CPU < zoneinfo: the zoneinfo without CPU's pageset entries ("cpu: N" … "vm stats threshold")
drop_pageset() {
	awk -v c="$1" '$1 == "cpu:" { skip = ($2 == c) } !skip { print } skip && $1 == "vm" { skip = 0 }'
}

# drop_zone NAME < zoneinfo|buddyinfo: without node 0's zone NAME (its block, or its buddyinfo line)
drop_zone() {
	awk -v z="$1" '/^Node / { skip = ($2 == "0," && $4 == z) } !skip { print }'
}

# add_node1 ZONEINFO BUDDYINFO DIR: DIR/zoneinfo and DIR/buddyinfo gain a node 1 holding a copy of node 0's
# Normal zone (what a node brought online, or a second socket's memory, looks like)
add_node1() {
	{ cat "$1"; awk '/^Node / { p = ($2 == "0," && $4 == "Normal") } p { sub(/^Node 0,/, "Node 1,"); print }' "$1"; } \
		>"$3/zoneinfo.new"
	{ cat "$2"; awk '$2 == "0," && $4 == "Normal" { sub(/^Node 0,/, "Node 1,"); print }' "$2"; } >"$3/buddyinfo.new"
	mv "$3/zoneinfo.new" "$3/zoneinfo"
	mv "$3/buddyinfo.new" "$3/buddyinfo"
}

# set_key FILE NAME VALUE: a "name value" line (vmstat) gets VALUE
set_key() {
	awk -v k="$2" -v v="$3" '$1 == k { $0 = k " " v } { print }' "$1" >"$1.new" && mv "$1.new" "$1"
}

# copy_sample FROM TO: the files the views read
copy_sample() {
	mkdir -p "$2/pressure" "$2/sys/devices/system/cpu"
	for f in zoneinfo buddyinfo vmstat uptime version meminfo stat pressure/memory sys/devices/system/cpu/online; do
		cp "$1/$f" "$2/$f"
	done
}

# churn_tree FROM TO: like shim_tree (views-lib.sh), and devices/system/cpu/online changes too
churn_tree() {
	shim_tree "$1" "$2"
	rm -f "$TMPD/root/sys/devices/system/cpu/online"
	cp "$1/sys/devices/system/cpu/online" "$TMPD/flat/online"
	ln -s "$TMPD/flat/online" "$TMPD/root/sys/devices/system/cpu/online"
	cp "$2/sys/devices/system/cpu/online" "$TMPD/snaps/1/online"
}

# csv_val FILE SAMPLE COLUMN [NODE ZONE]: COLUMN of the row of sample SAMPLE (1, 2 …, told apart by their
# epoch second), of zone NODE ZONE in the zone views
csv_val() {
	awk -F, -v s="$2" -v col="$3" -v node="${4:-}" -v zone="${5:-}" '
	{ sub(/\r$/, "") }
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ e = int($c["epoch_s"]); if (!(e in seen)) seen[e] = ++ns }
	seen[e] == s && (node == "" || ($c["node"] == node && $c["zone"] == zone)) { print $c[col] }' "$1"
}

# csv_zones FILE SAMPLE: "NODE,ZONE" of each row of that sample, one line each
csv_zones() {
	awk -F, -v s="$2" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ e = int($c["epoch_s"]); if (!(e in seen)) seen[e] = ++ns }
	seen[e] == s { print $c["node"] "," $c["zone"] }' "$1"
}

# csv_huge FILE: the cells (but the clock's) of 10^9 or more, or below -10^9: what a wrapped unsigned
# difference looks like (none of the captured values comes near)
csv_huge() {
	awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) n[i] = $i; next }
	{ for (i = 1; i <= NF; i++) if (n[i] != "epoch_s" && $i ~ /^-?[0-9.]+$/ && ($i + 0 >= 1e9 || $i + 0 <= -1e9))
		print n[i] "=" $i }' "$1"
}

# zi_field FILE NODE ZONE FIELD: a zone's header field ("managed", "threshold" for the vm stats
# threshold), or "pcp" for the sum of its pageset counts, read from a zoneinfo file
zi_field() {
	awk -v n="$2," -v z="$3" -v f="$4" '
	/^Node / { in_z = ($2 == n && $4 == z); next }
	!in_z { next }
	f == "pcp" && $1 == "count:" { s += $2; found = 1 }
	f == "threshold" && $1 == "vm" { print $4; exit }
	$1 == f { print $2; exit }
	END { if (f == "pcp" && found) print s }' "$1"
}

# zi_populated FILE: "NODE,ZONE" of every zone with managed pages, in file order
zi_populated() {
	awk '/^Node / { n = $2; sub(/,$/, "", n); z = $4 } $1 == "managed" && $2 > 0 { print n "," z }' "$1"
}
