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

# script  ways  project-directory  versions
matrix='
cf_worker_signal       TERM,ABRT             /srv/thumbnails  3.8 3.11 3.13
loky_worker_signal     SEGV,ABRT,TERM,KILL   /srv/scores      deb3.11
billiard_worker_signal TERM,SEGV             /srv/thumbnails  deb3.11
torch_spawn_death      SEGV,TERM,EXIT1       /home/ana/train  deb3.11
torch_loader_death     TERM,SEGV             /home/ana/train  deb3.11
torchrun_rank          EXIT1,KILL            /home/ana/train  deb3.11
dask_killed_worker     KILL,SEGV             /srv/parse       deb3.11
'

echo "$matrix" | while read -r name ways dir vers; do
	[ -n "$name" ] && wanted "$name" "$@" || continue
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/$name.py"
	for way in $(echo "$ways" | tr , ' '); do
		for v in $vers; do
			py=$(interp "$v") || continue
			dest="$out/$(echo "$name" | tr _ -)-$(echo "$way" | tr A-Z a-z).py${v#deb}.txt"
			if [ "$name" = torchrun_rank ]; then
				# Debian's torch 1.13 under 3.11 cannot read --redirects 0 (the
				# default: IntFlag iteration skips NONE), so the ranks' stderr goes
				# through --redirects 2 --tee 2, which prefixes it with [defaultN]:
				run_clean "$dir" "$py" -m torch.distributed.run --nproc_per_node=2 \
					--redirects 2 --tee 2 "$dir/$name.py" "$way" >"$dest" 2>&1
			else
				run_clean "$dir" "$py" "$dir/$name.py" "$way" >"$dest" 2>&1
			fi
			echo "$(basename "$dest"): exit $?"
		done
	done
done
