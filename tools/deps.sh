#!/bin/sh
# tools/deps.sh: checks (or, with "install", installs) what pickdoc needs to build and test.
# Knows the Debian package behind each pkg-config module and tool; installs only what is
# missing, after one apt-get update, through sudo when not root.
set -u
mode=${1:-check}
shift 2>/dev/null || true
extra="$*"

# pkg-config module : Debian package
modules="libpcre2-8:libpcre2-dev yaml-0.1:libyaml-dev readline:libreadline-dev jansson:libjansson-dev zlib:zlib1g-dev libzstd:libzstd-dev cmocka:libcmocka-dev"
# command (or a file, when it holds a "/") : Debian package
tools="cc:gcc make:make pkg-config:pkg-config"

missing=""
for t in $tools $extra; do
	cmd=${t%%:*}; pkg=${t#*:}
	case $cmd in
	*/*) [ -e "$cmd" ] || missing="$missing $pkg" ;;   # a file, e.g. a runtime library
	*) command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg" ;;
	esac
done
if command -v pkg-config >/dev/null 2>&1; then
	for m in $modules; do
		mod=${m%%:*}; pkg=${m#*:}
		pkg-config --exists "$mod" 2>/dev/null || missing="$missing $pkg"
	done
else
	for m in $modules; do missing="$missing ${m#*:}"; done
fi

[ -z "$missing" ] && exit 0

if [ "$mode" != install ]; then
	for p in $missing; do
		echo "pickdoc: missing build dependency: Debian package '$p' (run 'make deps')" >&2
	done
	exit 1
fi

if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
echo "pickdoc: installing:$missing" >&2
$sudo apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2 || exit 1
