# libbpf-tools' biotop 0.26: block requests and bytes per process and disk,
# from kprobes (blk_account_io_start or __blk_account_io_start,
# blk_mq_start_request, blk_account_io_done), printed every second and
# cleared: the blocks are summed. Kbytes is whole KiB (bytes / 1024, cut)
# per row and second. -r: every row (it drops the rest without a word).
# It prints nothing until its first interval has passed: READY is its header.
TOOL libbpf-biotop
DESCRIPTION biotop -C from libbpf-tools: block requests and bytes per process, every second
LEVEL disk
REQUIRES program biotop
REQUIRES program stdbuf
REQUIRES btf
REQUIRES kprobe blk_mq_start_request
COMMAND stdbuf -oL biotop -C -r 10240 1
VERSION biotop --version
READY ^PID +COMM +D +MAJ
PARSER table
HEADER PID COMM D MAJ MIN DISK I/O Kbytes AVGms
COLUMN PID label=pid
COLUMN COMM label=comm spaces
COLUMN D label=dir
COLUMN DISK label=dev
COLUMN I/O metric=disk_ios_total
COLUMN Kbytes metric=disk_read_bytes scale=1024
BLOCKS sum
MAP disk_ios_total disk_ios_total pid=pid comm=comm dev=dev
MAP disk_ios_total disk_read_ios pid=pid comm=comm dev=dev dir==R
MAP disk_ios_total disk_write_ios pid=pid comm=comm dev=dev dir==W
MAP disk_read_bytes disk_read_bytes pid=pid comm=comm dev=dev dir==R
MAP disk_read_bytes disk_write_bytes pid=pid comm=comm dev=dev dir==W
NOTE the Kbytes column is read as disk_read_bytes and MAPped by its D column to reads or writes
