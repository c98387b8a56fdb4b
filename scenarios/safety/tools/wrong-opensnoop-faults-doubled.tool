# PLANTED, for the fault scenario: counts each read fault twice, as a tool
# that reads the path at the call's entry and again at its exit and counts
# both failures would. The suite must say FAIL, doubled.
TOOL wrong-opensnoop-faults-doubled
DESCRIPTION planted: tracecal trace opensnoop with its read faults doubled
LEVEL syscall
REQUIRES btf
COMMAND {TRACECAL} trace opensnoop -c {COMM} --prom
READY ^Tracing
PARSER filter awk '/^read_faults_total/ { $2 = $2 * 2 } { print }'
PROVIDES read_faults_total probe
