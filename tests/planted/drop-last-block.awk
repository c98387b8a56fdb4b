# The filter of planted-interval-*: tracecal trace syscount -i --prom prints
# a Prometheus block every interval (counts since it started) and one more
# at its exit, each ending in "# EOF". The last block is thrown away, and
# the one before it is the report: what was counted after the last
# interval's print is lost, as a tool that prints nothing at its end loses it.
BEGIN { n = 0 }
/^# EOF/ {
	n++
	next
}
/^#/ || NF != 2 { next }
{ v[n, $1] = $2 }
END {
	for (key in v) {
		split(key, p, SUBSEP)
		if (p[1] == n - 2)
			printf "%s %s\n", p[2], v[key]
	}
}
