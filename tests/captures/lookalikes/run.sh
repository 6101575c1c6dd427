#!/bin/sh
# Captures of look-alikes of a worker's death that must get no finding: a task slower than
# the timeout its caller gives (concurrent.futures' future.result(timeout=) in a thread
# and a process pool, multiprocessing's AsyncResult.get(timeout=)), where the module path
# of TimeoutError differs by version (3.6-3.10 concurrent.futures._base.TimeoutError,
# 3.11+ the built-in TimeoutError), and a numpy _ArrayMemoryError a pool worker raised and
# reported (under prlimit --as; the worker was not killed). Runs each script of this
# directory from a project-like directory and writes stdout+stderr, as printed, to
# tests/corpus/lookalikes/<script, dashes for underscores>.py<X.Y>.txt.
# Interpreters: the pyenv builds; "deb3.11" is Debian's /usr/bin/python3.11 (python3-numpy).
# Usage: tests/captures/lookalikes/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/lookalikes
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  versions  [prefix command...]
matrix='
future_timeout_thread      /srv/reports        3.6 3.8 3.11 3.12
future_timeout_process     /srv/simulation     3.6 3.8 3.11 3.12
pool_get_timeout           /srv/simulation     3.6 3.12
pool_numpy_memory_error    /srv/tiles          deb3.11   prlimit --as=3000000000
'

capture_matrix "$out/" "$matrix" "$@"
