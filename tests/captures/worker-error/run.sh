#!/bin/sh
# Real captures for tests/corpus/worker-error/: an ordinary exception (ZeroDivisionError)
# raised by a task in a worker and carried back to the parent, by multiprocessing.Pool and by
# ProcessPoolExecutor.  Writes tests/corpus/worker-error/worker-error-KIND.pyX.Y.txt, stdout
# and stderr as printed.  Usage: tests/captures/worker-error/run.sh [NAME...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/worker-error
. "$here/../capture-lib.sh"
mkdir -p "$out"
# The project directory the script runs from, as a user's would be.
app=/srv/ledger
mkdir -p "$app"
cp "$here/worker_error.py" "$app/worker_error.py"

asked="$*"
for row in "pool 3.8" "pool 3.12" "executor 3.9" "executor 3.13"; do
	kind=${row% *} version=${row#* }
	name=worker-error-$kind
	# shellcheck disable=SC2086 # one name per word
	wanted "$name" $asked || continue
	py=$(interp "$version") || continue
	run_clean "$app" "$py" "$app/worker_error.py" "$kind" >"$out/$name.py$version.txt" 2>&1
done
