# perf stat counting block:block_rq_complete on the fixture's disk, twice:
# with an ftrace filter on reads (rwbs holds R) and on writes (W), in that
# order (perf prints the counts in the order of -e), of at least a sector.
# Requests completed, as /proc/diskstats counts reads and writes: a flush
# (rwbs FF) is neither, and neither is the empty write that a journal
# commit's flush completes with (rwbs WS or WSM, no sector: diskstats
# leaves the flush sequence out).
TOOL perf-stat-block
DESCRIPTION perf stat -e block:block_rq_complete --filter 'dev == ...': read and write requests of one disk
LEVEL disk
REQUIRES program perf
REQUIRES tracepoint block:block_rq_complete
COMMAND perf stat -a -x, -e block:block_rq_complete --filter 'dev == {DEVNUM} && nr_sector > 0 && rwbs ~ "*R*"' -e block:block_rq_complete --filter 'dev == {DEVNUM} && nr_sector > 0 && rwbs ~ "*W*"' -- sh -c 'echo READY; exec sleep 86400'
VERSION perf --version
READY ^READY$
OUTPUT stderr
PARSER filter awk -F, '$3 == "block:block_rq_complete" && $1 ~ /^[0-9]+$/ { printf "%s{dev=\"{DEV}\"} %d\n", ++i == 1 ? "disk_read_ios" : "disk_write_ios", $1 }'
PROVIDES disk_read_ios dev
PROVIDES disk_write_ios dev
