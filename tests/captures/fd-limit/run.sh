#!/bin/sh
# Captures for the fd-exhausted playbook and its look-alike: runs each script of this
# directory from a project-like directory under the file-descriptor limit of its row
# (`ulimit -n`, in the shell that starts it, as a user or a container sets it) and writes
# stdout+stderr, as printed, to tests/corpus/fd-limit/<script, dashes for
# underscores>[-<limit>].py<X.Y>.txt (the limit is in the name when a script runs under
# two, which fail in different places).
# Interpreters: the pyenv builds; "deb3.11" is Debian's /usr/bin/python3.11, which has
# torch 1.13 and python3-billiard (4.1.0).
# Usage: tests/captures/fd-limit/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/fd-limit
mkdir -p "$out"
. "$here/../capture-lib.sh"

# name[:script]  project-directory  versions  limit (a script run under two limits has
# each in its name)
matrix='
process_per_job                        /srv/simulate      3.7 3.9 3.13   ulimit -n 64
process_per_job_cancel                 /srv/simulate      3.8            ulimit -n 64
billiard_process_per_job               /srv/simulate      deb3.11        ulimit -n 64
pool_per_call_60:pool_per_call         /home/ana/scoring  3.9 3.12       ulimit -n 60
pool_per_call_48:pool_per_call         /home/ana/scoring  3.7 3.13       ulimit -n 48
pool_worker_open_leak                  /srv/ingest        3.10 3.12      ulimit -n 64
loader_keep_batches                    /data/frames       deb3.11        ulimit -n 128
queue_keep_tensors_1024:queue_keep_tensors  /data/frames  deb3.11        ulimit -n 1024
queue_keep_tensors_128:queue_keep_tensors   /data/frames  deb3.11        ulimit -n 128
loader_dataset_open_leak               /data/samples      deb3.11        ulimit -n 128
open_per_record                        /srv/export        3.7 3.12       ulimit -n 64
'

capture_matrix "$out/" "$matrix" "$@"
