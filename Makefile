# tracecal: validate tracing tools against workloads whose effect is known.
# `make help` lists the targets. Everything built goes to build/ (O=DIR to
# change), except the tracecal binary itself, at the top.

VERSION := 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DESTDIR ?=
O ?= build

CLANG ?= clang
LLVM_STRIP ?= llvm-strip
BPFTOOL ?= bpftool
ARCH := $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/' \
	-e 's/ppc64le/powerpc/' -e 's/s390x/s390/' -e 's/riscv64/riscv/')

# vmlinux.h holds the kernel's types for the BPF programs. It is dumped by
# bpftool from the running kernel's BTF into $(O)/, never committed: CO-RE
# relocations fix up field offsets at load time, so objects built against
# it run on other kernels with BTF too. VMLINUX_BTF=FILE builds against
# another kernel's BTF.
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux

CFLAGS ?= -O2 -g
override CFLAGS += -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -I$(O) \
	-DTC_VERSION='"$(VERSION)"' -MMD -MP
LDLIBS := -lbpf -lelf -lz -ljson-c -luring -lpthread -lm
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_$(ARCH) -Wall -Werror \
	-I$(O) -Itracer/bpf -Itracer/tools -Itracer

TOOLS := disktop iolatency opensnoop profile syscount ucalls vfslatency vfstop
CORE := session args guard hooks ufuncs maps report result hist output tools
CORE_OBJS := $(patsubst %,$(O)/obj/tracer/%.o,$(CORE))
TOOL_OBJS := $(patsubst %,$(O)/obj/tracer/tools/%.o,$(TOOLS))
# The ground floor every part shares (option parsing, number formatting, metric
# names, kernel features, syscall names, version), then the harness: workload
# generators, oracles, the readers of tools' reports, the scenario runner, reports.
HARNESS_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(filter-out %.bpf.c,$(wildcard common/*.c workloads/*.c \
	oracles/*.c readers/*.c harness/*.c reports/*.c)))
CMD_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(wildcard cmd/*.c))
SKELS := $(patsubst %,$(O)/%.skel.h,$(TOOLS))

.PHONY: all clean install uninstall help deps deps-quiet test unit integration bench docs audit \
	vm-images vm-test vm-stap fuzz fuzz-targets

# A machine without the build packages is told to run `make deps`, not left
# to a compiler error: each program and header is looked for as the build
# would (in PATH, through $(CC)), its Debian package named. test, audit and
# vm-test install them first (deps-quiet), and their sub-make checks after.
BUILD_PROGRAMS := $(firstword $(CC)):gcc $(CLANG):clang $(LLVM_STRIP):llvm $(BPFTOOL):bpftool
BUILD_HEADERS := bpf/libbpf.h:libbpf-dev libelf.h:libelf-dev zlib.h:zlib1g-dev \
	json-c/json.h:libjson-c-dev liburing.h:liburing-dev
NO_BUILD_GOALS := deps deps-quiet help clean uninstall test audit vm-test vm-images vm-stap
ifneq ($(filter-out $(NO_BUILD_GOALS),$(or $(MAKECMDGOALS),all)),)
missing_programs := $(foreach p,$(BUILD_PROGRAMS),$(if $(shell command -v $(firstword $(subst :, ,$(p))) \
	2>/dev/null),,$(lastword $(subst :, ,$(p)))))
missing_headers := $(if $(filter gcc,$(missing_programs)),,$(foreach h,$(BUILD_HEADERS),$(if $(shell \
	$(CC) -E -x c -include $(firstword $(subst :, ,$(h))) /dev/null >/dev/null 2>&1 && echo y),,\
	$(lastword $(subst :, ,$(h))))))
missing_packages := $(sort $(missing_programs) $(missing_headers))
ifneq ($(missing_packages),)
$(error the build needs Debian packages that are missing: $(missing_packages). Run `make deps` \
	(as root, or with sudo) to install them, then `make` again)
endif
endif
.DELETE_ON_ERROR:
.SECONDARY:

all: tracecal

help:
	@echo 'make              build tracecal (and its BPF objects) into build/'
	@echo 'make deps         install the Debian packages tracecal needs (if missing)'
	@echo 'make audit        the default suite against every tool usable here (as root)'
	@echo 'make test         unit tests, then integration tests (as root)'
	@echo 'make bench        startup and per-event cost, side by side, as ratios; VM boot, KVM vs TCG'
	@echo 'make vm-test      the suite on the host and in a VM of each kernel: a matrix (as root)'
	@echo '                  (KERNELS="linux-image-cloud-amd64 ..." to choose; ACCEL=kvm|tcg to force'
	@echo '                  an accelerator, default auto: KVM if a probe boots, else TCG; see vm-images/)'
	@echo 'make vm-images    only build the VM images (kernels of vm-images/kernels.list)'
	@echo 'make vm-stap      SystemTap'"'"'s disktop.stp and siblings compiled for each VM kernel:'
	@echo '                  built, or SKIP with stap'"'"'s error and the time (vm-images/stap.sh);'
	@echo '                  STAP_SUITE=sid: with sid'"'"'s SystemTap, and the guest image; STAP_VM=1:'
	@echo '                  then the default suite against them in a VM of each kernel'
	@echo '                  (STAP_SCENARIOS="scenarios/safety/safety.scn scenarios/safety/overload.scn":'
	@echo '                  SystemTap'"'"'s safety messages, provoked, instead)'
	@echo 'make fuzz         the parsers under libFuzzer, FUZZ_SECONDS (60) each (not in make test)'
	@echo 'make docs         regenerate the metric table of docs/metrics.md'
	@echo 'make install      install under $$(DESTDIR)$$(PREFIX) (default /usr/local)'
	@echo 'make clean        remove what the build made'

# Installs only what is missing, and says so; a no-op when all is there.
deps:
	@bash ci/deps

tracecal: $(CMD_OBJS) $(CORE_OBJS) $(TOOL_OBJS) $(HARNESS_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/vmlinux.h: | $(O)
	$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@

# Syscall numbers to names, from the C library's headers for this architecture.
$(O)/syscall_names.inc: | $(O)
	echo '#include <sys/syscall.h>' | $(CC) -E -dM -x c - | \
	awk '$$1 == "#define" && $$2 ~ /^__NR_/ && $$3 ~ /^[0-9]+$$/ \
		{ printf "\t[%s] = \"%s\",\n", $$3, substr($$2, 6) }' | sort > $@

$(O)/%.bpf.o: tracer/tools/%.bpf.c $(O)/vmlinux.h | $(O)
	$(CLANG) $(BPF_CFLAGS) -MMD -MP -c $< -o $@
	$(LLVM_STRIP) -g $@

$(O)/%.skel.h: $(O)/%.bpf.o
	$(BPFTOOL) gen skeleton $< > $@

# The harness's own BPF program: the witness of a traced window (harness/witness.h).
$(O)/witness.bpf.o: harness/witness.bpf.c $(O)/vmlinux.h | $(O)
	$(CLANG) $(BPF_CFLAGS) -MMD -MP -c $< -o $@
	$(LLVM_STRIP) -g $@

$(O)/obj/harness/witness.o: $(O)/witness.skel.h
$(O)/obj/common/syscalls.o: $(O)/syscall_names.inc
$(TOOL_OBJS): $(O)/obj/tracer/tools/%.o: $(O)/%.skel.h

$(O)/obj/%.o: %.c | $(O)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(O):
	mkdir -p $@

# The tables of docs/ come from the code's own tables: the hand-written
# head of each page, up to <!-- table -->, then the table.
DOCS_TABLES := metrics.md:"list --metrics --markdown" \
	scenarios.md:"list --directives scenario --markdown" \
	descriptors.md:"list --directives descriptor --markdown" \
	tapsets.md:"list --directives tapset --markdown" \
	workloads.md:"workload --list --markdown"
docs: tracecal
	@for d in $(DOCS_TABLES); do \
		page=docs/$${d%%:*}; cmd=$${d#*:}; cmd=$${cmd#\"}; cmd=$${cmd%\"}; \
		sed -n '1,/^<!-- table -->$$/p' $$page > $$page.tmp && \
		./tracecal $$cmd >> $$page.tmp && mv $$page.tmp $$page && echo "docs: $$page"; \
	done

# The core and the tools as a library, for the tests to link against.
LIB := $(O)/libtracecal.a
$(LIB): $(CORE_OBJS) $(TOOL_OBJS) $(HARNESS_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

# Unit tests (cmocka) of the pure parts. A test that wraps functions lists
# the linker options in tests/unit/NAME.wrap.
UNIT_BINS := $(patsubst tests/unit/%.c,$(O)/tests/%,$(wildcard tests/unit/test_*.c))
.SECONDEXPANSION:
$(O)/tests/test_%: tests/unit/test_%.c $(LIB) $$(wildcard tests/unit/test_$$*.wrap)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(LIB) $(LDLIBS) -lcmocka \
		$$(cat tests/unit/test_$*.wrap 2>/dev/null)

$(O)/tests/tc_testload: tests/helpers/tc_testload.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< -luring

unit: $(UNIT_BINS)
	@cd tests/unit && prove --exec '' $(abspath $(UNIT_BINS))

# As root: they load BPF programs and make loop devices. Each failed check
# with its why is gathered in $(O)/integration-failures.log and printed
# after prove's summary: the end of a long log is what a CI page shows.
# ITESTS: some of them only (make integration ITESTS=tests/integration/t_calls.sh).
FAILLOG := $(abspath $(O))/integration-failures.log
ITESTS ?= tests/integration/t_*.sh
integration: tracecal $(O)/tests/tc_testload
	@rm -f $(FAILLOG)
	@T_FAILLOG=$(FAILLOG) prove --exec bash $(ITESTS) || { \
		echo "== the checks that failed, and why ($(FAILLOG)):"; \
		cat $(FAILLOG) 2>/dev/null || echo "(none said why: a script bailed out or died)"; \
		exit 1; }

# The default suite against every tool usable here: a matrix and reports in reports/out/.
# A green audit that judged too little means nothing: at least MIN_JUDGED cells
# must get a verdict other than SKIP (154 do on a Debian 12 machine like CI's).
MIN_JUDGED ?= 100
audit: deps-quiet
	@$(MAKE) --no-print-directory all
	./tracecal audit --min-judged $(MIN_JUDGED)

test: deps-quiet
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory integration

deps-quiet:
	@bash ci/deps --quiet

# Benchmarks: ratios measured side by side in one run (see tests/bench/).
$(O)/%.bpf.o: tests/bench/%.bpf.c $(O)/vmlinux.h | $(O)
	$(CLANG) $(BPF_CFLAGS) -MMD -MP -c $< -o $@
	$(LLVM_STRIP) -g $@

$(O)/tests/bench: tests/bench/bench.c common/sigpipe.c $(O)/bench_floor.skel.h \
		$(O)/tests/tc_testload
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ tests/bench/bench.c common/sigpipe.c $(LDLIBS) -lm

# Then boot to first result of each kernel of the matrix, KVM beside TCG.
bench: tracecal $(O)/tests/bench
	@$(O)/tests/bench
	@bash tests/bench/vm-boot.sh

install: tracecal
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 tracecal $(DESTDIR)$(BINDIR)/tracecal

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tracecal

clean:
	rm -rf $(O) tracecal

-include $(wildcard $(O)/obj/*/*.d $(O)/obj/*/*/*.d $(O)/*.d $(O)/tests/*.d)

# The kernel matrix: the default suite on the host and in a VM of each
# kernel (vm-images/kernels.list, or KERNELS="metapackage ..."), merged.
# ACCEL=auto|kvm|tcg chooses the VMs' accelerator (vm-images/run.sh --accel);
# VM_TOOLS=SETS the tools under test the guests carry (vm-images/tools.list).
vm-images:
	@bash vm-images/build.sh $(KERNELS)

# SystemTap's shipped scripts compiled on the host for each VM kernel, with
# its headers and debuginfo (vm-images/stap.sh): the kernels first. With
# STAP_SUITE, the guest's SystemTap image too; with STAP_VM=1, the suite
# against the scripts in a VM of each kernel (the kernel matrix).
vm-stap: vm-images
	@bash vm-images/stap.sh $(if $(STAP_SUITE),--suite $(STAP_SUITE)) $(if $(STAP_VM),--vm) \
		$(foreach s,$(STAP_SCENARIOS),--scenarios $(s)) $(KERNELS)

vm-test: deps-quiet
	@$(MAKE) --no-print-directory all
	@bash ci/vm-test $(if $(KERNELS),--kernels "$(KERNELS)") $(if $(ACCEL),--accel "$(ACCEL)") \
		$(if $(VM_TOOLS),--tools "$(VM_TOOLS)")

# A static tracecal for the VM guests of vm-images/ (run.sh puts it in each
# payload): the same sources, compiled into their own objects under
# $(O)/vm-obj/ by a sub-make, linked into $(O)/vm/tracecal; neither
# ./tracecal nor $(O)/obj is touched. The BPF objects are embedded through
# the skeletons and CO-RE relocated at load time, so one binary serves every
# guest kernel with BTF. libelf.a needs only libz.a here (checked with nm).
VM_LDLIBS := -lbpf -lelf -lz -ljson-c -luring -lpthread -lm
.PHONY: vm-tracecal
vm-tracecal:
	@$(MAKE) --no-print-directory O=$(O)/vm-obj VM_TRACECAL=$(O)/vm/tracecal $(O)/vm/tracecal

ifdef VM_TRACECAL
$(VM_TRACECAL): $(CMD_OBJS) $(CORE_OBJS) $(TOOL_OBJS) $(HARNESS_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -static -o $@ $^ $(VM_LDLIBS)
endif

# Fuzzing, not part of make test: a libFuzzer target per parser
# (tests/fuzz/fuzz_*.c), built by a sub-make into $(O)/fuzz-obj/ with clang
# and AddressSanitizer, each run FUZZ_SECONDS from a seed corpus of the
# repository's own files; tests/fuzz/run.sh says what to install if clang's
# fuzzer runtime is missing, and reports executions and coverage.
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
fuzz:
	@bash tests/fuzz/run.sh --check
	@$(MAKE) --no-print-directory O=$(O)/fuzz-obj CC=clang FUZZ_BUILD=1 \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer" fuzz-targets
	@bash tests/fuzz/run.sh $(O)/fuzz-obj/bin $(FUZZ_SECONDS) $(FUZZ_TARGETS)

ifdef FUZZ_BUILD
fuzz-targets: $(patsubst %,$(O)/bin/%,$(FUZZ_TARGETS))
$(O)/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fsanitize=fuzzer,address -o $@ $< $(LIB) $(LDLIBS)
endif
