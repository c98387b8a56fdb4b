# bpftrace's own syscount.bt: syscalls by id and by process, at
# raw_syscalls:sys_enter. It prints the top 10 of each only.
TOOL bpftrace-syscount
DESCRIPTION syscount.bt from the bpftrace package: syscalls per process
LEVEL syscall
REQUIRES program bpftrace
REQUIRES file /usr/sbin/syscount.bt
COMMAND bpftrace -B none /usr/sbin/syscount.bt
VERSION bpftrace --version
READY ^Counting syscalls
STOP_REPEAT 2s
NOTE STOP_REPEAT: in one audit of many, bpftrace did not exit on one SIGINT.
PARSER bpftrace
MAP @process syscalls_total comm=k0
ATTACH_WARNING could not attach probe .*skipping
NOTE it prints only the 10 busiest processes: a quiet workload may not be among them
