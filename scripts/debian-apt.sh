# SPDX-License-Identifier: GPL-2.0-only
# scripts/debian-apt.sh - sourced by bash scripts that unpack packages of
# other Debian suites (kernel/source, tests/vm/daxctl-root) without
# installing them.
#
# A private apt configuration under $cache/apt reads bookworm, trixie and
# their backports: the system's sources and package database are never
# changed.  Needs $cache; the caller has set -e.
#
# apt runs with Debug::NoLocking (its own locks are root's, on the system
# state), so this file serialises it instead: every apt call and every
# unpack takes $apt_dir/.lock.  scripts/test builds kernels in the
# background while scenarios run, and both may reach here at once.

apt_dir=$cache/apt
apt_opts=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$apt_dir"
	  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	  -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root" -q)

# apt_cache ARGS...: apt-cache on the private configuration, under the lock
apt_cache() {
	flock "$apt_dir/.lock" apt-cache "${apt_opts[@]}" "$@"
}

apt_private() {
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	cat >"$apt_dir/daxlabel.sources" <<-EOF
	Types: deb
	URIs: http://deb.debian.org/debian
	Suites: bookworm bookworm-backports trixie trixie-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	# one update a day is enough: versions in a suite move slowly
	if [ -z "$(find "$apt_dir/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null)" ]; then
		echo "$(basename "$0"): reading Debian's package lists" >&2
		flock "$apt_dir/.lock" apt-get "${apt_opts[@]}" update >&2
	fi
}

# newest version of PKG in SUITE (by apt's ordering)
pkg_version() {
	apt_cache madison "$1" |
		awk -v s="$2" '$0 ~ " "s"/main " || $0 ~ " "s"/" { print $3 }' |
		sort -V | tail -1
}

fetch_deb() {	# DIR PKG=VERSION...: unpack the .debs into DIR (once)
	local dir=$1 deb lock
	shift
	[ -f "$dir/.unpacked" ] && return 0
	exec {lock}>"$apt_dir/.lock"
	flock "$lock"
	# another caller may have unpacked it while this one waited
	if [ ! -f "$dir/.unpacked" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		(cd "$dir" && apt-get "${apt_opts[@]}" -qq download "$@" >&2)
		for deb in "$dir"/*.deb; do
			dpkg-deb -x "$deb" "$dir"
		done
		rm -f "$dir"/*.deb
		touch "$dir/.unpacked"
	fi
	exec {lock}>&-
}
