# libbpf-tools' log2 histograms (print_log2_hist: "LO -> HI : COUNT |***|",
# LO and HI inclusive, in the unit its header names) as a Prometheus
# histogram in ns: cumulative NAME_bucket{le=...}, le="+Inf" and NAME_count.
#
#   awk -v metric=disk_latency_ns -v labels='dev="loop0"' -v key=op -f log2hist.awk
#
# key=LABEL: a line "WORD = 'VALUE'" or "WORD = VALUE" (fsdist's
# "operation = 'read'", biolatency -D's "disk = 'sda'") starts a histogram
# whose LABEL is VALUE. flags=1 with key=op: the VALUE is biolatency -F's
# set of request flags ("Idle-Sync-Read", "PreFlush-Flush"): its last word
# gives op="read" or op="write", and the other histograms (flushes,
# discards) are left out, as /proc/diskstats leaves them out of its reads
# and writes. Units: usecs, msecs, nsecs; a value of HI units is
# below (HI + 1) units, so le is (HI + 1) * unit - 1 ns. Printed more than
# once (an interval), the printings are added up: the tools clear their
# histograms after each.
function unit_ns(u)
{
	return u == "msecs" ? 1000000 : u == "nsecs" ? 1 : 1000
}
function labelset(k)
{
	s = labels
	if (k != "")
		s = s (s == "" ? "" : ",") key "=\"" k "\""
	return s
}
key != "" && $2 == "=" && NF == 3 {
	cur = $3
	gsub(/'/, "", cur)
	skip = 0
	if (flags) {
		nw = split(cur, w, "-")
		cur = w[nw] == "Read" ? "read" : w[nw] == "Write" ? "write" : ""
		skip = cur == ""
	}
	next
}
$2 == ":" && $3 == "count" && $4 == "distribution" {
	unit = unit_ns($1)
	next
}
!skip && $2 == "->" && $4 == ":" && $1 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ && $5 ~ /^[0-9]+$/ {
	n[cur, $3 + 1] += $5
	tot[cur] += $5
	seen[cur] = 1
}
# Buckets in order: HI + 1 is a power of two (1, 2, 4, ...), whichever
# printing a row came from.
END {
	for (c in seen) {
		cum = 0
		for (p = 1; p <= 2 ^ 62; p *= 2) {
			if (!((c, p) in n))
				continue
			cum += n[c, p]
			printf "%s_bucket{%s%sle=\"%.0f\"} %d\n", metric, labelset(c),
			       labelset(c) == "" ? "" : ",", p * unit - 1, cum
		}
		printf "%s_bucket{%s%sle=\"+Inf\"} %d\n", metric, labelset(c),
		       labelset(c) == "" ? "" : ",", tot[c]
		printf "%s_count{%s} %d\n", metric, labelset(c), tot[c]
	}
}
