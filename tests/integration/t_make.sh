# `make` on a machine without the build packages names them and says to run
# `make deps`, instead of failing in the compiler: no compiler in PATH, and
# a compiler that finds none of the libraries' headers. Nothing is built.
. tests/integration/lib.sh
plan 4

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

# make fuzz builds the whole library with clang (-Wall -Wextra -Werror), and
# make test with gcc: what only clang refuses (gcc's noclone, positional
# initializers that stop early) broke make fuzz unseen. Every C file of the
# tree that make fuzz builds (all but the BPF programs, the unit tests, the
# benchmarks and the guest's helper, which gcc alone builds), checked by
# clang here: git's list, so a new folder is in it without a word here.
# (build/: the generated headers and skeletons of make test's own build.)
command -v clang >/dev/null || { echo "Bail out! clang is needed (ci/deps installs it)"; exit 1; }
files=$(git ls-files '*.c' ':!:*.bpf.c' ':!:tests/unit' ':!:tests/bench' ':!:tests/helpers' ':!:vm-images')
[ -n "$files" ] || { echo "Bail out! git ls-files listed no C file (not a git checkout?)"; exit 1; }
bad=
for f in $files; do
	clang -fsyntax-only -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Ibuild \
		-DTC_VERSION='"0"' "$f" >>"$T_DIR/clang.err" 2>&1 || bad="$bad $f"
done
if [ -z "$bad" ]; then ok "every C file compiles with clang -Wall -Wextra -Werror (make fuzz's compiler)"
else not_ok "every C file compiles with clang (make fuzz's compiler)" "refused:$bad
$(grep -m5 'error:' "$T_DIR/clang.err")"; fi
finish
