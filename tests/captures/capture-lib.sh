# capture-lib.sh: what the capture scripts share, sourced by them (never run): which
# interpreter a version names, whether a script was asked for, and the clean environment
# every capture runs in.

pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}

# interp VERSION: the pyenv build of VERSION (2.7, 3.6 ... 3.13), or Debian's
# /usr/bin/pythonX.Y for "debX.Y" (the one with Debian's library packages).
interp() {
	case $1 in
	deb*) [ -x "/usr/bin/python${1#deb}" ] && { echo "/usr/bin/python${1#deb}"; return; } ;;
	*) for d in "$pyenv_root"/versions/"$1".*; do
		[ -x "$d/bin/python" ] && { echo "$d/bin/python"; return; }
	done ;;
	esac
	echo "no interpreter for $1" >&2
	return 1
}

# wanted NAME [ASKED...]: true when nothing was asked for or NAME was.
wanted() {
	[ $# -eq 1 ] && return 0
	_wanted=$1
	shift
	case " $* " in *" $_wanted "*) return 0 ;; esac
	return 1
}

# run_clean DIR [VAR=VALUE...] PROGRAM [ARG...]: runs PROGRAM in DIR with a clean
# environment (plus the VARs given), no input, killed after 60 s.
run_clean() {
	(dir=$1; shift; cd "$dir" && timeout -s KILL 60 env -i PATH=/usr/bin:/bin HOME=/root \
		LANG=C.UTF-8 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 "$@" </dev/null)
}
