# capture-lib.sh: what the capture scripts share, sourced by them (never run): which
# interpreter a version names, whether a script was asked for, the clean environment
# every capture runs in, and the loop that runs a matrix of scripts under their versions.

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

# capture_matrix OUT MATRIX [ASKED...]: the loop of the run scripts. Each row of MATRIX is
#   NAME[:SCRIPT]  DIRECTORY  VERSION...  [WORD...]
# and is run when NAME or SCRIPT was asked for (every row when nothing was): SCRIPT.py
# (NAME.py when no SCRIPT is given) of the calling script's directory ($here) is copied into
# DIRECTORY and run there, by its path, under each VERSION with run_clean; what it printed
# goes to OUT<NAME, dashes for underscores>.py<X.Y>.txt (OUT is a directory and '/', or that
# and the start of every name), and "FILE: exit N" is printed. DIRECTORY may name the run
# script's $variables. The WORDs are read as the shell reads a command line (quotes, and the
# run script's $variables): a command put before the interpreter with its arguments
# (prlimit, unshare) or VAR=VALUE settings of its environment; the whole command line when
# they name "$python", the interpreter, and "$script", the copied script's path (arguments
# after it, options or a launcher module before it); or, when they start with ulimit (a
# shell builtin, which env cannot run), the limit the shell sets before it starts the run.
# capture_underscores=keep keeps the NAMEs' underscores in the files' names.
# capture_wait lists the NAMEs after each of whose runs the loop waits 3 s ("all": every
# row), for the children that outlive a killed parent and write on into its file.
capture_matrix() {
	_out=$1 _matrix=$2
	shift 2
	echo "$_matrix" | while read -r _name _dir _rest; do
		[ -n "$_name" ] || continue
		eval "_dir=$_dir"
		_script=${_name#*:} _name=${_name%%:*}
		wanted "$_name" "$@" || wanted "$_script" "$@" || continue
		_versions='' _words=$_rest
		while :; do
			_words=${_words#"${_words%%[! 	]*}"}
			_v=${_words%%[ 	]*}
			case $_v in
			[0-9]*.[0-9]*|deb[0-9]*) _versions="$_versions $_v" _words=${_words#"$_v"} ;;
			*) break ;;
			esac
		done
		mkdir -p "$_dir"
		cp "$here/$_script.py" "$_dir/$_script.py"
		for _v in $_versions; do
			python=$(interp "$_v") || continue
			script=$_dir/$_script.py
			_file=$_name
			[ "${capture_underscores:-}" = keep ] || _file=$(echo "$_name" | tr _ -)
			_dest="$_out$_file.py${_v#deb}.txt"
			case $_words in
			ulimit*) (eval "$_words" && run_clean "$_dir" "$python" "$script") ;;
			*'$python'*) eval "run_clean \"\$_dir\" $_words" ;;
			*) eval "run_clean \"\$_dir\" $_words \"\$python\" \"\$script\"" ;;
			esac >"$_dest" 2>&1
			echo "$(basename "$_dest"): exit $?"
			case " ${capture_wait:-} " in *" all "*|*" $_name "*) sleep 3 ;; esac
		done
	done
}
