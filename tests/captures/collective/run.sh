#!/bin/sh
# Captures for collective-timeout: torch.distributed on CPU with the gloo backend (Debian's
# python3-torch 1.13 under /usr/bin/python3.11, the only torch here; NCCL needs GPUs, so
# its wordings are pastes: tests/corpus/pasted/collective/). Runs each script of this
# directory from a project-like directory and writes stdout+stderr, as printed, to
# tests/corpus/collective/<script, dashes for underscores>.py3.11.txt.
# Each script starts its two ranks itself with torch.multiprocessing.spawn: Debian's
# torchrun (torch.distributed.run) of 1.13 fails under 3.11 before it starts a worker
# (AttributeError: 'NoneType' object has no attribute 'get', in elastic's to_map).
# Usage: tests/captures/collective/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/collective
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory
matrix='
store_rank_missing        /home/ana/train
allreduce_rank_skips      /home/ana/train
monitored_barrier_stuck   /srv/ddp-eval
'

echo "$matrix" | while read -r name dir; do
	[ -n "$name" ] && wanted "$name" "$@" || continue
	py=$(interp deb3.11) || exit 1
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/$name.py"
	dest="$out/$(echo "$name" | tr _ -).py3.11.txt"
	run_clean "$dir" "$py" "$dir/$name.py" >"$dest" 2>&1
	echo "$(basename "$dest"): exit $?"
done
