#!/bin/sh
# Real captures for tests/corpus/layering/: two unrelated programs writing into one log,
# each line timed by logging. apart.py3.12.log: nightly_export.py fails to pickle a lock,
# run under faketime two hours in the past, then resize_images.py, run now, loses a worker
# to SIGKILL: its BrokenProcessPool is no consequence of the export's failure.
# Needs faketime (Debian package faketime). Usage: tests/captures/layering/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/layering
. "$here/../capture-lib.sh"
dir=/srv/jobs
mkdir -p "$out" "$dir"
cp "$here/nightly_export.py" "$here/resize_images.py" "$dir/"
py=$(interp 3.12) || exit 1
{
	run_clean "$dir" /usr/bin/faketime -f -2h "$py" nightly_export.py
	run_clean "$dir" "$py" resize_images.py
} >"$out/apart.py3.12.log" 2>&1
echo "apart.py3.12.log: exit $?"
