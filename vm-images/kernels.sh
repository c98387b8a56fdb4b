# vm-images/kernels.sh, sourced by build.sh and stap.sh: which kernels a run
# is about, from its command line or from a kernel list, the same way in both.
# The caller defines misuse() (a message and exit 2) and the array names.

# kernel_names LISTFILE: with no NAME given, the names of LISTFILE (default
# vm-images/kernels.list), one a line, # for comments.
kernel_names() { # LISTFILE (may be empty)
	local file=$1 line
	if [ ${#names[@]} -gt 0 ] && [ -n "$file" ]; then
		misuse "give kernel names or --kernels FILE, not both"
	fi
	[ ${#names[@]} -eq 0 ] || return 0
	file=${file:-$(dirname "${BASH_SOURCE[0]}")/kernels.list}
	[ -r "$file" ] || misuse "cannot read the kernel list '$file'"
	while read -r line; do
		line=${line%%#*}
		line=${line//[[:space:]]/}
		[ -z "$line" ] || names+=("$line")
	done <"$file"
	[ ${#names[@]} -gt 0 ] || misuse "no kernel named in '$file'"
}
