# tracecal's ucalls on every function of tracecal (about 470, two probes
# each) with a probe limit of 512: it must refuse before attaching any, and
# name the limit.
TOOL tracecal-ucalls-all-512
DESCRIPTION tracecal trace ucalls '{TRACECAL}:*' --max-probes 512: more probes than allowed
LEVEL user
REQUIRES btf
REQUIRES uprobe
COMMAND {TRACECAL} trace ucalls '{TRACECAL}:*' --max-probes 512 -c {COMM} --prom
VERSION {TRACECAL} --version
READY ^Tracing
GRACE 120s
PARSER prom
PROVIDES user_calls_total pid,comm,func
