#!/bin/sh
# Captures of workers that die for a reason other than a memory kill (SIGTERM, SIGSEGV,
# SIGABRT, exit 1) through every carrier that can run here, and the same carriers with
# SIGKILL (what an OOM kill looks like to them): concurrent.futures (pyenv 3.8, 3.11, 3.13),
# joblib/loky, billiard, torch.multiprocessing.spawn, the DataLoader, torchrun and a Dask
# LocalCluster (Debian's /usr/bin/python3.11, "deb3.11", which has those libraries).
# Writes stdout+stderr, as printed, to
# tests/corpus/worker-death/<script, dashes for underscores>-<way>.py<X.Y>.txt.
# Usage: tests/captures/worker-death/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/worker-death
mkdir -p "$out"
. "$here/../capture-lib.sh"

# name:script  project-directory  versions  command (the script's argument: the way its
# worker dies). Debian's torch 1.13 under 3.11 cannot read torchrun's --redirects 0 (the
# default: IntFlag iteration skips NONE), so the ranks' stderr goes through --redirects 2
# --tee 2, which prefixes it with [defaultN]:
torchrun='-m torch.distributed.run --nproc_per_node=2 --redirects 2 --tee 2'
matrix='
cf_worker_signal_term:cf_worker_signal             /srv/thumbnails  3.8 3.11 3.13 "$python" "$script" TERM
cf_worker_signal_abrt:cf_worker_signal             /srv/thumbnails  3.8 3.11 3.13 "$python" "$script" ABRT
loky_worker_signal_segv:loky_worker_signal         /srv/scores      deb3.11       "$python" "$script" SEGV
loky_worker_signal_abrt:loky_worker_signal         /srv/scores      deb3.11       "$python" "$script" ABRT
loky_worker_signal_term:loky_worker_signal         /srv/scores      deb3.11       "$python" "$script" TERM
loky_worker_signal_kill:loky_worker_signal         /srv/scores      deb3.11       "$python" "$script" KILL
billiard_worker_signal_term:billiard_worker_signal /srv/thumbnails  deb3.11       "$python" "$script" TERM
billiard_worker_signal_segv:billiard_worker_signal /srv/thumbnails  deb3.11       "$python" "$script" SEGV
torch_spawn_death_segv:torch_spawn_death           /home/ana/train  deb3.11       "$python" "$script" SEGV
torch_spawn_death_term:torch_spawn_death           /home/ana/train  deb3.11       "$python" "$script" TERM
torch_spawn_death_exit1:torch_spawn_death          /home/ana/train  deb3.11       "$python" "$script" EXIT1
torch_loader_death_term:torch_loader_death         /home/ana/train  deb3.11       "$python" "$script" TERM
torch_loader_death_segv:torch_loader_death         /home/ana/train  deb3.11       "$python" "$script" SEGV
torchrun_rank_exit1:torchrun_rank                  /home/ana/train  deb3.11       "$python" $torchrun "$script" EXIT1
torchrun_rank_kill:torchrun_rank                   /home/ana/train  deb3.11       "$python" $torchrun "$script" KILL
dask_killed_worker_kill:dask_killed_worker         /srv/parse       deb3.11       "$python" "$script" KILL
dask_killed_worker_segv:dask_killed_worker         /srv/parse       deb3.11       "$python" "$script" SEGV
'

capture_matrix "$out/" "$matrix" "$@"
