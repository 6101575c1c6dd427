#!/bin/sh
# Real captures for the pickle-messages catalogue checklist (tests/corpus/catalogue/): the
# wordings the reference examples had no run of. Each script runs with a real interpreter from
# a project-like directory it is copied into; stdout+stderr are written as printed to
# tests/corpus/extra/NAME.txt, no text replaced afterwards. Interpreters:
#   - pyenv CPython builds ($PYENV_ROOT/versions/X.Y.*/bin/python);
#   - Python 3.14.2 as Pyodide 314.0.7 (npm install pyodide@314.0.7 in $PYODIDE_DIR, default
#     /tmp/kb-libs/pyo), run by tests/corpus/reference/scripts/pyodide-3.14/run314.mjs (stdlib frames show
#     /lib/python314.zip/, the script is /home/user/app/NAME.py).
# Usage: tests/captures/catalogue/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/extra
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
pyodide_dir=${PYODIDE_DIR:-/tmp/kb-libs/pyo}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# run SCRIPT VERSION DIRECTORY OUTPUT
run() {
	name=$1 v=$2 dir=$3 dest=$4
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/"
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 \
		timeout -s KILL 60 "$(ls -d "$pyenv_root"/versions/"$v".*/bin/python | head -n 1)" \
		"$dir/$name.py") >"$out/$dest" 2>&1
	echo "$dest: exit $?"
}
# py314 SCRIPT OUTPUT CASE: under Pyodide; CASE replaces the script's CASE line.
py314() {
	name=$1 dest=$2
	sed "s/^CASE = .*/CASE = \"$3\"/" "$here/$name.py" >"$pyodide_dir/$name.py"
	cp "$here/../../corpus/reference/scripts/pyodide-3.14/run314.mjs" "$pyodide_dir/"
	(cd "$pyodide_dir" && timeout -s KILL 120 node run314.mjs "$name.py" "$name") >"$out/$dest" 2>&1
	echo "$dest: exit $?"
}
run retry_error 3.8 /srv/crawler retry-error-init.py3.8.txt
run retry_error 3.9 /srv/crawler retry-error-init.py3.9.txt
run frame_length 3.12 /srv/cache-loader frame-length-overflow.py3.12.txt
rm -rf /srv/crawler /srv/cache-loader
py314 notes_314 note-path-state-setter.py3.14.txt state-setter
py314 notes_314 note-path-reconstructor.py3.14.txt reconstructor
