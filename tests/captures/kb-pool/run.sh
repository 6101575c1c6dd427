#!/bin/sh
# Captures for the result-unpicklable, child-eof and broken-pool playbooks: runs each script
# of this directory from a project-like directory and writes stdout+stderr, as printed, to
# tests/corpus/extra/<script, dashes for underscores>.py<X.Y>.txt.
# Interpreters: the pyenv builds; "deb3.11" is Debian's /usr/bin/python3.11, which has the
# Debian packages python3-joblib (1.2.0) and python3-billiard (4.1.0), and python3-torch (1.13).
# Usage: tests/captures/kb-pool/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/extra
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  versions  [VAR=value...]  (cf_segfault_faulthandler is
# cf_segfault.py run with PYTHONFAULTHANDLER=1)
matrix='
pool_result_local           /srv/etl/scalers        2.7 3.6 3.8 3.12 3.13
pool_result_lambda          /opt/pricing            3.9 3.12
pool_result_file            /home/deploy/exports    3.7 3.10 3.12
pool_exception_lock         /srv/sync               2.7 3.8 3.12
cf_result_local             /srv/validators         3.6 3.8 3.12 3.13
cf_exception_lock           /srv/sync               3.7 3.12
cf_result_generator         /home/ana/nlp           3.9 3.13
manager_unserializable      /opt/catalog            3.6 3.12
cf_segfault                 /srv/ingest             3.8 3.12
cf_segfault_faulthandler:cf_segfault  /srv/ingest    3.12   PYTHONFAULTHANDLER=1
cf_sigkill                  /srv/indexer            3.10 3.13
cf_submit_after_broken      /srv/batch              3.9 3.12
cf_initializer              /opt/reports            3.8 3.13
joblib_segfault             /home/ana/features      deb3.11
joblib_exit                 /home/ana/features      deb3.11
joblib_result_generator     /home/ana/nlp           deb3.11
joblib_exception_init       /home/ana/features      deb3.11
billiard_exit               /srv/celery-tasks       deb3.11
billiard_result             /srv/celery-tasks       deb3.11
torch_loader_killed         /home/ana/vision        deb3.11
torch_loader_exit           /home/ana/vision        deb3.11
torch_spawn_segfault        /home/ana/train         deb3.11
spawn_parent_killed         /srv/model-server       3.8 3.12 3.13
spawn_parent_killed_early   /srv/model-server       3.8 3.12
forkserver_parent_killed    /srv/model-server       3.13
spawn_failfast              /opt/supervisor         3.9 3.12 3.13
direct_init_call            /srv/exports            3.8 3.12
input_eof                   /srv/exports            3.12
nested_pool                 /srv/etl                3.12
'

# a child can outlive a killed parent: let it finish writing
capture_wait=all
capture_matrix "$out/" "$matrix" "$@"
