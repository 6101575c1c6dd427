#!/bin/sh
# Real captures for tests/corpus/pasted/paragraph/: runs each script here with a real
# interpreter and writes its stdout+stderr, as printed, to raw/NAME.pyX.Y.txt.  shape.sh
# then makes the pasted shapes from them.  Addresses change from run to run: rerun only the
# scripts named.  Usage: tests/captures/pasted/paragraph/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/raw"
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
only="$*"
run() { # script version directory
	name=$1 v=$2 dir=$3
	if [ -n "$only" ] && ! echo " $only " | grep -q " $name "; then
		return
	fi
	py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python | head -n 1)
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/$name.py"
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONUNBUFFERED=1 \
		PYTHONDONTWRITEBYTECODE=1 timeout -s KILL 60 "$py" "$dir/$name.py") \
		>"$here/raw/$name.py$v.txt" 2>&1
	echo "raw/$name.py$v.txt: exit $?"
}
run unguarded_start 3.8 /srv/ingest
run unguarded_start 3.12 /srv/ingest
run nested_worker 3.10 /home/dev/indexer
run nested_worker 3.12 /home/dev/indexer
run redefined_function 3.11 /home/dev/tools
run renamed_task 3.8 /opt/survey
run unrebuildable_error 2.7 /opt/crawler
run open_file_task 3.7 /srv/reports
