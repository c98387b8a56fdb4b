# `make` on a machine without the build packages names them and says to run
# `make deps`, instead of failing in the compiler: no compiler in PATH, and
# a compiler that finds none of the libraries' headers. Nothing is built.
. tests/integration/lib.sh
plan 3

# mk VAR=VALUE...: the last line make prints, run with those in its environment.
MAKE_BIN=$(command -v make)
mk() { env "$@" "$MAKE_BIN" --no-print-directory O="$T_DIR/build" 2>&1 | tail -1; }

out=$(mk PATH=/nonexistent)
like <(echo "$out") 'missing: bpftool clang gcc llvm\. Run `make deps`' \
	"no compiler nor BPF tools in PATH: their packages named, and make deps"
out=$(mk CC="cc -nostdinc")
like <(echo "$out") 'missing: libbpf-dev libelf-dev libjson-c-dev liburing-dev zlib1g-dev\. Run `make deps`' \
	"no library headers: each library's -dev package named, and make deps"
[ ! -e "$T_DIR/build" ] && ok "nothing was built or made" || not_ok "nothing was built" "$(ls "$T_DIR/build")"
finish
