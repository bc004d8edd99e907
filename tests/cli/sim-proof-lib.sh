# sim-proof-lib.sh — helpers of the simulator's proof tests (sourced after tap.sh).  Everything here reads
# /proc texts with awk, independently of zonestat's own parsers.

# zi_flat FILE: a zoneinfo as "NODE/ZONE FIELD VALUE" lines, one per field of each zone, by name.
# Per-CPU pageset fields are "cpuN.count", "cpuN.high", "cpuN.batch", "cpuN.high_min", "cpuN.high_max",
# "cpuN.threshold"; the protection array is one field "protection" ("0,1234,…"); the per-node stats
# (printed in the first populated zone of a node) are left out.
zi_flat() {
	awk '
		/^Node [0-9]+, zone/ { n = $2; sub(/,/, "", n); key = n "/" $4; cpu = ""; pernode = 0
			print key, "zone", "1"; next }
		/^ *per-node stats/ { pernode = 1; next }
		/^ *pages free/ { pernode = 0; print key, "free", $3; next }
		pernode { next }
		/^ *protection:/ { s = $0; sub(/^[^(]*\(/, "", s); sub(/\).*$/, "", s); gsub(/ /, "", s)
			print key, "protection", s; next }
		/^ *pagesets/ { next }
		/^ *cpu: / { cpu = $2; print key, "cpu" cpu, "1"; next }
		/^ *vm stats threshold:/ { print key, (cpu == "" ? "" : "cpu" cpu ".") "threshold", $4; next }
		cpu != "" && /^ *(count|high|batch|high_min|high_max):/ { f = $1; sub(/:$/, "", f)
			print key, "cpu" cpu "." f, $2; next }
		NF == 2 { f = $1; sub(/:$/, "", f); print key, f, $2 }' "$1"
}

# zi_derived FILE: the fields of a zoneinfo that the kernel derives from the machine and its sysctls, as
# "NODE/ZONE:FIELD VALUE" lines — min, low, high and promo without the boost (the kernel prints watermark
# + boost), the page counts, start_pfn, cma, protection, and per CPU the pageset batch, high_min, high_max
# and the vm stats threshold.  Left out, because they are the machine's state rather than derived: the
# boost itself, free pages, every counter, and the pagesets' count and current high (lazily clamped into
# [high_min, high_max] when a CPU first frees into the zone, then grown and decayed).
zi_derived() {
	zi_flat "$1" | awk '
		{ k = $1 " " $2; if (!(k in v)) order[++n] = k; v[k] = $3 }
		END {
			for (i = 1; i <= n; i++) {
				split(order[i], kf, " "); z = kf[1]; f = kf[2]
				b = ((z " boost") in v) ? v[z " boost"] : 0
				if (f ~ /^(min|low|high|promo)$/) print z ":" f, v[order[i]] - b
				else if (f ~ /^(zone|spanned|present|managed|cma|start_pfn|protection)$/ ||
					 f ~ /^cpu[0-9]+(\.(batch|high_min|high_max|threshold))?$/) print z ":" f, v[order[i]]
			}
		}'
}

# zi_compare WANT GOT: prints every derived field whose value differs between the zoneinfo files WANT
# and GOT, or that only one of them has, as "FIELD WANT GOT" (nothing when they agree).
zi_compare() {
	zi_derived "$1" >"$TMPD/zic.want"
	zi_derived "$2" >"$TMPD/zic.got"
	awk 'NR == FNR { w[$1] = $2; next } { g[$1] = $2 }
		END {
			for (k in w) if (!(k in g)) print k, w[k], "(missing)"; else if (w[k] != g[k]) print k, w[k], g[k]
			for (k in g) if (!(k in w)) print k, "(missing)", g[k]
		}' "$TMPD/zic.want" "$TMPD/zic.got" | sort | head -20
}

# zi_boosts FILE: "NODE/ZONE BOOST" for every zone that prints a nonzero boost
zi_boosts() {
	zi_flat "$1" | awk '$2 == "boost" && $3 != 0 { print $1, $3 }'
}
