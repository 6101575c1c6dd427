#!/bin/sh
# Re-captures the example logs: runs each examples/NAME.py with a real interpreter from a
# project-like directory and writes stdout+stderr, as printed, to examples/NAME.log.
# Usage: examples/capture.sh   (needs pyenv interpreters 3.11, 3.12, 3.13)
set -u
here=$(cd "$(dirname "$0")" && pwd)
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
run() { # name version directory
	py=$(ls -d "$pyenv_root"/versions/"$2".*/bin/python | head -n 1)
	mkdir -p "$3"
	cp "$here/$1.py" "$3/$1.py"
	(cd "$3" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONUNBUFFERED=1 \
		PYTHONDONTWRITEBYTECODE=1 timeout -s KILL 60 "$py" "$3/$1.py") >"$here/$1.log" 2>&1
	echo "$1.log: exit $?"
}
run scraper-pool 3.12 /srv/scraper
run indexer-lock 3.11 /home/app/search
run spawn-no-guard 3.13 /opt/reports
run model-loader 3.12 /srv/ranker
