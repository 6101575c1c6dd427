#!/bin/sh
# Captures whole logs of a concurrent.futures pool whose worker dies: killed with SIGKILL
# (os.kill(os.getpid(), 9)), exiting with os._exit(1), crashing in native code (ctypes reads
# address 0), each under 3.8, 3.11 and 3.13, and the crash again with PYTHONFAULTHANDLER=1
# (cf_worker_segfault_faulthandler), whose worker prints its stack.  Writes stdout+stderr,
# as printed, to tests/corpus/pool-death/<name, dashes for underscores>.py<X.Y>.txt.
# Usage: tests/captures/pool-death/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/pool-death
mkdir -p "$out"
. "$here/../capture-lib.sh"

# name[:script]  project-directory  versions  [VAR=value...]
matrix='
cf_worker_sigkill                               /srv/thumbnails  3.8 3.11 3.13
cf_worker_exit                                  /srv/thumbnails  3.8 3.11 3.13
cf_worker_segfault                              /srv/thumbnails  3.8 3.11 3.13
cf_worker_segfault_faulthandler:cf_worker_segfault  /srv/thumbnails  3.8 3.11 3.13  PYTHONFAULTHANDLER=1
'

capture_matrix "$out/" "$matrix" "$@"
