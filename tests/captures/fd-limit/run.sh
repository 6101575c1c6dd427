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

# script  project-directory  ulimit-n  name-the-limit  versions
matrix='
process_per_job              /srv/simulate       64    no   3.7 3.9 3.13
process_per_job_cancel       /srv/simulate       64    no   3.8
billiard_process_per_job     /srv/simulate       64    no   deb3.11
pool_per_call                /home/ana/scoring   60    yes  3.9 3.12
pool_per_call                /home/ana/scoring   48    yes  3.7 3.13
pool_worker_open_leak        /srv/ingest         64    no   3.10 3.12
loader_keep_batches          /data/frames        128   no   deb3.11
queue_keep_tensors           /data/frames        1024  yes  deb3.11
queue_keep_tensors           /data/frames        128   yes  deb3.11
loader_dataset_open_leak     /data/samples       128   no   deb3.11
open_per_record              /srv/export         64    no   3.7 3.12
'

echo "$matrix" | while read -r name dir limit named vers; do
	[ -n "$name" ] && wanted "$name" "$@" || continue
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/$name.py"
	suffix=
	[ "$named" = yes ] && suffix=-$limit
	for v in $vers; do
		py=$(interp "$v") || continue
		dest="$out/$(echo "$name" | tr _ -)$suffix.py${v#deb}.txt"
		(ulimit -n "$limit" && run_clean "$dir" "$py" "$dir/$name.py") >"$dest" 2>&1
		echo "$(basename "$dest"): exit $?"
	done
done
