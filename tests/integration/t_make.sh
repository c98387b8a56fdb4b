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
# harness, the tracer core and the fuzz targets, checked by clang here.
# (build/: the generated headers and skeletons of make test's own build.)
command -v clang >/dev/null || { echo "Bail out! clang is needed (ci/deps installs it)"; exit 1; }
bad=
for f in $(ls common/*.c workloads/*.c oracles/*.c readers/*.c harness/*.c reports/*.c \
	tracer/*.c tracer/tools/*.c cmd/*.c tests/fuzz/*.c | grep -v '\.bpf\.c$'); do
	clang -fsyntax-only -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Ibuild \
		-DTC_VERSION='"0"' "$f" >>"$T_DIR/clang.err" 2>&1 || bad="$bad $f"
done
if [ -z "$bad" ]; then ok "every C file compiles with clang -Wall -Wextra -Werror (make fuzz's compiler)"
else not_ok "every C file compiles with clang (make fuzz's compiler)" "refused:$bad
$(grep -m5 'error:' "$T_DIR/clang.err")"; fi
finish
