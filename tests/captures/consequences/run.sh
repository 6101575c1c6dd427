#!/bin/sh
# Captures of what follows a process's death: the pipe and Manager errors of the processes
# still talking to it (BrokenPipeError, ConnectionResetError, EOFError; 2.7's IOError) and
# the resource tracker's leaked semaphore / shared_memory warnings. Some runs print the
# death itself too (BrokenProcessPool, torch's ProcessExitedException), some only its
# consequence. Runs each script of this directory from a project-like directory and
# writes stdout+stderr, as printed, to
# tests/corpus/consequences/<script, dashes for underscores>.py<X.Y>.txt.
# The kills are SIGKILL sent by a process to itself or to its peer, which is what the
# other processes see of an OOM kill (no memory cgroup here). pool_parent_killed's parent
# dies at once: its workers write after it, so the run waits for them.
# Interpreters: the pyenv builds; "deb3.11" is Debian's /usr/bin/python3.11 (python3-torch 1.13).
# Usage: tests/captures/consequences/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/consequences
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  versions
matrix='
manager_killed_mid_call    /srv/etl            2.7 3.6 3.8 3.12 3.13
manager_call_after_kill    /srv/etl            2.7 3.8 3.13
manager_reset              /srv/etl            2.7 3.8 3.12
pipe_reader_killed         /opt/ingest         3.8 3.12
pool_parent_killed         /srv/scoring        3.8 3.12
cf_worker_killed_lock      /srv/render         3.7 3.8 3.12 3.13
cf_worker_killed_shm       /srv/render         3.8 3.13
torch_spawn_killed_lock    /home/ana/train     deb3.11
torch_spawn_rank_lost      /home/ana/train     deb3.11
'

capture_wait=pool_parent_killed
capture_matrix "$out/" "$matrix" "$@"
