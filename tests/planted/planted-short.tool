# PLANTED ERROR: a disk-top whose per-process bytes are 1% short (a filter
# drops them), and that says nothing of it (nor of completions it missed). Metadata only adds bytes, so the
# +2% allowed on a process's disk bytes is one-sided: 1% short is a LOSS (a
# ±2% let it pass). It reports no per-device total, so only that check applies.
TOOL planted-short
DESCRIPTION planted: per-process disk bytes 1% short, said nowhere
COMMAND {TRACECAL} trace disktop -d {DEV} --prom
READY ^Tracing
GRACE 5s
PARSER filter awk '/_missed_total/ { next } /^disk_read_bytes[{]/ { sub(/,dev="[^"]*"/, ""); $2 = int($2 * 0.99) } { print }'
PROVIDES disk_read_bytes pid,comm
