#!/bin/sh
# Captures for shm-exhausted: runs each script of this directory from a project-like
# directory, in a mount namespace whose /dev/shm is a 1 MiB tmpfs (unshare -rm; empty, or
# "full": filled by a leftover file first, as segments of crashed runs fill it), and writes
# stdout+stderr, as printed, to tests/corpus/shm/<script, dashes for underscores>.py<X.Y>.txt.
# Interpreters: the pyenv builds; "deb3.11" is Debian's /usr/bin/python3.11 (python3-torch 1.13).
# torch 1.13 writes shared tensors without posix_fallocate, so a full /dev/shm is SIGBUS
# there; torch 2.x's "unable to write to file </torch_...>: No space left on device (28)"
# cannot be produced here (tests/corpus/pasted/shm/ has it, from pastes).
# Usage: tests/captures/shm/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/shm
mkdir -p "$out"
. "$here/../capture-lib.sh"

# The namespace's own /dev/shm, empty or filled first, then the interpreter ($0) with its
# script ($1).
empty='mount -t tmpfs -o size=1m tmpfs /dev/shm && exec "$0" "$@"'
full='mount -t tmpfs -o size=1m tmpfs /dev/shm && dd if=/dev/zero of=/dev/shm/leftover bs=64k count=16 2>/dev/null; exec "$0" "$@"'

# script  project-directory  versions  namespace
matrix='
dataloader_bus_error   /home/ana/vision   deb3.11                   unshare -rm sh -c "$empty"
queue_lock_shm_full    /srv/ingest        2.7 3.6 3.8 3.12 3.13     unshare -rm sh -c "$full"
'

capture_matrix "$out/" "$matrix" "$@"
