#!/bin/sh
# Captures for oom-killed and its look-alikes: runs each script of this directory from a
# project-like directory and writes stdout+stderr, as printed, to
# tests/corpus/extra/<script, dashes for underscores>.py<X.Y>.txt.
# A real OOM kill needs a memory cgroup, which this machine does not give (no systemd-run
# scope): the kills here are SIGKILL sent by the process to itself, which is what the
# carriers see of an OOM kill. The MemoryError look-alike runs under prlimit --as.
# Interpreters: the pyenv builds; "deb3.11" is Debian's /usr/bin/python3.11 (python3-torch 1.13).
# Usage: tests/captures/oom/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/extra
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  versions  [prefix command...]
matrix='
torch_spawn_killed   /home/ana/train      deb3.11
pool_memory_error    /srv/tiles           3.8 3.12 3.13   prlimit --as=1500000000
'

capture_matrix "$out/" "$matrix" "$@"
