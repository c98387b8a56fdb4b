# The reports of SystemTap's shipped I/O scripts as Prometheus text, for the
# descriptors beside this file: awk -v fmt=FORMAT -f stapout.awk
#
#   fmt=disktop  disktop.stp: every 5 s (cleared after), the top ten rows
#                "UID PID PPID CMD DEVICE T BYTES", T = R or W: the blocks
#                are added up into disk_read_bytes / disk_write_bytes by
#                CMD and DEVICE (what the script claims: disk I/O).
#   fmt=iotop    iotop.stp: every 5 s (cleared after), the top ten
#                "Process<TAB>KB Read<TAB>KB Written", whole KiB: added up,
#                times 1024, into vfs_read_bytes / vfs_write_bytes by comm.
#   fmt=traceio  traceio.stp: every second, cumulative since its start, the
#                top ten "PID COMM r: N UNIT w: N UNIT" (B, KiB, MiB, GiB,
#                cut): the last printing of each PID and COMM counts.
#   fmt=hist     vfsrlat.stp: at its end, per file-system type "   FS (ns):"
#                and a @hist_log table "VALUE |@@@ COUNT": vfs_latency_ns
#                buckets by fs, op="read" (a row of VALUE holds VALUE to
#                2 * VALUE - 1 ns).
#   fmt=pidkeys  pidkeys.stp: at its end, "syscalls COMM PID COUNT" a pid:
#                syscalls_total by comm and pid.
#   fmt=events   openat_events.stp: "openat COMM PID RET" a call, as it
#                returns: opens_total by comm, a line each.
#   fmt=errors   openat_heavy.stp: at its end, "errors COMM CALL N":
#                syscall_errors_total by comm and name.
fmt == "disktop" && NF == 7 && $1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ && $6 ~ /^[RW]$/ && $7 ~ /^[0-9]+$/ {
	k = "comm=\"" $4 "\",dev=\"" $5 "\""
	if ($6 == "R")
		rd[k] += $7
	else
		wr[k] += $7
	next
}
fmt == "iotop" && NF == 3 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ {
	k = "comm=\"" $1 "\""
	rd[k] += $2 * 1024
	wr[k] += $3 * 1024
	next
}
function bytes(n, u)
{
	return n * (u == "GiB" ? 1073741824 : u == "MiB" ? 1048576 : u == "KiB" ? 1024 : 1)
}
fmt == "traceio" && NF == 8 && $1 ~ /^[0-9]+$/ && $3 == "r:" && $6 == "w:" {
	k = "comm=\"" $2 "\",pid=\"" $1 "\""
	rd[k] = bytes($4, $5)
	wr[k] = bytes($7, $8)
	next
}
fmt == "hist" && NF == 2 && $2 == "(ns):" {
	fs = $1
	next
}
fmt == "hist" && fs != "" && $2 ~ /^\|/ && $1 ~ /^[0-9]+$/ && $NF ~ /^[0-9]+$/ {
	# "~" rows (a run of empty buckets elided) have no count and no value
	h[fs, $1] = $NF
	le[fs] = le[fs] " " $1
	next
}
fmt == "pidkeys" && NF == 4 && $1 == "syscalls" && $3 ~ /^[0-9]+$/ && $4 ~ /^[0-9]+$/ {
	printf "syscalls_total{comm=\"%s\",pid=\"%s\"} %d\n", $2, $3, $4
	next
}
fmt == "events" && NF == 4 && $1 == "openat" && $3 ~ /^[0-9]+$/ && $4 ~ /^-?[0-9]+$/ {
	opens[$2]++
	next
}
fmt == "errors" && NF == 4 && $1 == "errors" && $4 ~ /^[0-9]+$/ {
	printf "syscall_errors_total{comm=\"%s\",name=\"%s\"} %d\n", $2, $3, $4
	next
}
END {
	if (fmt !~ /^(disktop|iotop|traceio|hist|pidkeys|events|errors)$/) {
		print "stapout.awk: fmt must be disktop, iotop, traceio, hist, pidkeys, events or errors, not '" fmt "'" >"/dev/stderr"
		exit 2
	}
	for (c in opens)
		printf "opens_total{comm=\"%s\"} %d\n", c, opens[c]
	rm = fmt == "disktop" ? "disk_read_bytes" : "vfs_read_bytes"
	wm = fmt == "disktop" ? "disk_write_bytes" : "vfs_write_bytes"
	for (k in rd)
		printf "%s{%s} %d\n", rm, k, rd[k]
	for (k in wr)
		printf "%s{%s} %d\n", wm, k, wr[k]
	for (f in le) {
		n = split(substr(le[f], 2), v, " ")
		c = 0
		for (i = 1; i <= n; i++) {
			c += h[f, v[i]]
			# VALUE 0 holds 0 ns; VALUE v holds v to 2v - 1 ns
			printf "vfs_latency_ns_bucket{fs=\"%s\",op=\"read\",le=\"%d\"} %d\n", f,
				v[i] == 0 ? 0 : 2 * v[i] - 1, c
		}
		printf "vfs_latency_ns_bucket{fs=\"%s\",op=\"read\",le=\"+Inf\"} %d\n", f, c
		printf "vfs_latency_ns_count{fs=\"%s\",op=\"read\"} %d\n", f, c
	}
}
