#!/bin/sh
# Captures for the daemonic-children, start-method-conflict and payload-too-large playbooks
# and two look-alikes: runs each script of this directory from a project-like directory and
# writes stdout+stderr, as printed, to tests/corpus/limits/<script, dashes for
# underscores>.py<X.Y>.txt.
# The payload scripts allocate 2-4 GiB (twice that while pickling): run them one at a time,
# on a machine with at least 12 GiB free.
# Interpreters: the pyenv builds; "deb3.11" is Debian's /usr/bin/python3.11, which has
# python3-billiard (4.1.0).
# Usage: tests/captures/kb-limits/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/limits
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  versions
matrix='
pool_in_pool_worker             /srv/thumbnails     2.7 3.6 3.8 3.12
daemon_process_child            /opt/uploader       3.7 3.13
executor_in_pool_worker         /home/ana/scoring   3.9 3.13
billiard_worker_mp_pool         /srv/celery-tasks   deb3.11
set_start_method_twice          /srv/etl            3.6 3.8 3.11 3.13
set_start_method_module_level   /srv/etl            3.7 3.12
pipe_send_over_4gib             /data/frames        3.6 3.7
pool_result_over_2gib           /data/render        2.7 3.6
pool_arg_over_2gib              /data/render        2.7 3.7
user_struct_pack                /srv/protocol       3.6 3.12
checkpoint_disk_full            /home/ana/train     3.12
'

capture_matrix "$out/" "$matrix" "$@"
