#!/bin/sh
# Real captures for tests/corpus/messy/: runs each script here with a real interpreter and writes
# stdout+stderr, as printed, to tests/corpus/messy/. Usage: tests/captures/messy/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/messy
mkdir -p "$out"
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
run() { # script version directory output [VAR=value...]
	name=$1 v=$2 dir=$3 dest=$4
	shift 4
	py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python | head -n 1)
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/$name.py"
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONUNBUFFERED=1 \
		PYTHONDONTWRITEBYTECODE=1 "$@" timeout -s KILL 60 "$py" "$dir/$name.py") \
		>"$out/$dest" 2>&1
	echo "$dest: exit $?"
}
run sixty_workers 3.11 /srv/crawler sixty-workers.py3.11.log
run two_failures 3.9 /opt/batch two-failures.py3.9.log
run two_failures 2.7 /opt/batch two-failures.py2.7.log
run color_pickle 3.13 /home/dev/validators color-local-object.py3.13.log PYTHON_COLORS=1
