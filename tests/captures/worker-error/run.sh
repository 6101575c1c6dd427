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
# name:script  project-directory (as a user's would be)  versions  command (the kind of pool)
matrix='
worker-error-pool:worker_error      /srv/ledger   3.8 3.12   "$python" "$script" pool
worker-error-executor:worker_error  /srv/ledger   3.9 3.13   "$python" "$script" executor
'

capture_matrix "$out/" "$matrix" "$@"
