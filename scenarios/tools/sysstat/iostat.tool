# sysstat's iostat (Debian sysstat 12.6) as a tool under test, before and
# after: `iostat -d -k DEV` prints the disk's kB read and written since
# boot; it runs once when the tool starts and once when it is stopped, and
# the filter takes the difference, in bytes. (Its interval mode,
# `iostat -d -k -y 1 DEV` summed, loses the interval it is stopped in: see
# NOTE beside this file.)
TOOL iostat
DESCRIPTION iostat -d -k DEV, before and after: kB read and written by one disk
LEVEL disk
REQUIRES program iostat
REQUIRES file /proc/diskstats
COMMAND sh -c 'iostat -d -k {DEV}; echo READY; trap "iostat -d -k {DEV}; exit 0" INT TERM; while :; do sleep 1; done'
VERSION iostat -V
READY ^READY$
PARSER filter awk '$1 == "{DEV}" && $6 ~ /^[0-9]+$/ { n++; r[n] = $6; w[n] = $7 } END { if (n >= 2) printf "disk_read_bytes{dev=\"{DEV}\"} %d\ndisk_write_bytes{dev=\"{DEV}\"} %d\n", (r[n] - r[1]) * 1024, (w[n] - w[1]) * 1024 }'
PROVIDES disk_read_bytes dev
PROVIDES disk_write_bytes dev
NOTE kB_read and kB_wrtn are whole KiB (sectors / 2): the difference is exact when the disk moves whole KiB, as a file system of 1 KiB blocks does
