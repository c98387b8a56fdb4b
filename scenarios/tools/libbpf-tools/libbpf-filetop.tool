# libbpf-tools' filetop 0.26: reads and writes per thread and file, from
# kprobes on vfs_read and vfs_write, regular files only (no -a), printed
# every second and cleared: the blocks are summed. R_Kb and W_Kb are whole
# KiB (bytes / 1024, cut) per row and second. -r: every row (the rest are
# dropped without a word). It prints nothing until its first interval has
# passed: READY is its header.
TOOL libbpf-filetop
DESCRIPTION filetop -C from libbpf-tools: file reads and writes per thread, every second
LEVEL vfs
REQUIRES program filetop
REQUIRES program stdbuf
REQUIRES btf
REQUIRES kprobe vfs_read
COMMAND stdbuf -oL filetop -C -r 10240 1
VERSION filetop --version
READY ^TID +COMM +READS
PARSER table
HEADER TID COMM READS WRITES R_Kb W_Kb T FILE
COLUMN COMM label=comm
COLUMN READS metric=vfs_read_ops
COLUMN WRITES metric=vfs_write_ops
COLUMN R_Kb metric=vfs_read_bytes scale=1024
COLUMN W_Kb metric=vfs_write_bytes scale=1024
COLUMN FILE label=file spaces
BLOCKS sum
NOTE TID is a thread, not a process: it is left out, and rows of one process name are added up
