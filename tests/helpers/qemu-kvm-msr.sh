#!/usr/bin/env bash
# A qemu for tests (TRACECAL_QEMU=this): a nested /dev/kvm as CI machines
# sometimes have it, on a machine that may have no KVM at all.
#   -accel kvm -cpu host                     aborts as qemu does when the outer
#                                            hypervisor refuses IA32_ARCH_CAPABILITIES
#   -accel kvm -cpu host,-arch-capabilities  works: the real qemu, under TCG
#                                            (single-threaded), stands in for KVM
#   anything else                            the real qemu, as given
# FAKE_QEMU_LOG=FILE: each call's accelerator, CPU model and guest CPUs, one
# a line ("kvm host 2", "tcg - 1"), to check which candidates were tried, in
# what order, and what the boot asked for. Standing in for KVM, TCG gets at
# most 2 guest CPUs: in one host thread, a CPU each of a big CI machine's
# would crawl through the boot.
# FAKE_QEMU_BROKEN=1: every call fails, KVM or TCG, as a qemu that cannot
# even set up guest memory does, with its own error on stderr.
set -euo pipefail

real=${FAKE_QEMU_REAL:-$(command -v qemu-system-x86_64)}
args=("$@")
accel=- cpu=- smp=1
for i in "${!args[@]}"; do
	case ${args[$i]} in
	-accel) accel=${args[$((i + 1))]:-} ;;
	-cpu) cpu=${args[$((i + 1))]:-} ;;
	-smp) smp=${args[$((i + 1))]:-} ;;
	esac
done
case $accel in tcg*) accel=tcg ;; esac
[ "$accel" = - ] || [ -z "${FAKE_QEMU_LOG:-}" ] || echo "$accel $cpu $smp" >>"$FAKE_QEMU_LOG"

if [ "${FAKE_QEMU_BROKEN:-0}" = 1 ] && [ "$accel" != - ]; then
	if [ "$accel" = kvm ]; then
		echo "qemu-system-x86_64: -accel kvm: failed to initialize kvm: Operation not permitted" >&2
	else
		echo "qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory" >&2
	fi
	exit 1
fi

if [ "$accel" = kvm ] && [ "$cpu" = host ]; then
	echo "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69" >&2
	echo "qemu-system-x86_64: ../../target/i386/kvm/kvm.c:3183: kvm_buf_set_msrs: Assertion \`ret == cpu->kvm_msr_buf->nmsrs' failed." >&2
	exit 134
fi
if [ "$accel" = kvm ] && [ "$cpu" = host,-arch-capabilities ]; then
	# -accel kvm -cpu CPU becomes -accel tcg,thread=single.
	out=()
	skip=0
	for i in "${!args[@]}"; do
		if [ $skip -gt 0 ]; then
			skip=$((skip - 1))
			continue
		fi
		case ${args[$i]} in
		-accel) out+=(-accel 'tcg,thread=single'); skip=1 ;;
		-cpu) skip=1 ;;
		-smp) out+=(-smp $((smp > 2 ? 2 : smp))); skip=1 ;;
		*) out+=("${args[$i]}") ;;
		esac
	done
	exec "$real" "${out[@]}"
fi
exec "$real" "$@"
