#!/bin/sh
# Captures for cuda-fork: runs each script of this directory from a project-like directory
# and writes stdout+stderr, as printed, to tests/corpus/extra/cuda-fork-<script, dashes for
# underscores>.py<X.Y>.txt.
# There is no GPU here, so CUDA cannot be initialised in a parent: each script sets torch's
# bad-fork flag (torch.cuda._is_in_bad_fork, what torch's fork handler sets in a child
# forked after CUDA was initialised) before the child's first CUDA call; the message, the
# frames and the DataLoader's re-raise are torch 1.13's own.
# Interpreter: "deb3.11" is Debian's /usr/bin/python3.11 (python3-torch 1.13).
# Usage: tests/captures/cuda-fork/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/extra
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  versions
matrix='
process_model_cuda      /home/ana/train      deb3.11
dataloader_cuda_item    /srv/vision          deb3.11
'

capture_matrix "$out/cuda-fork-" "$matrix" "$@"
