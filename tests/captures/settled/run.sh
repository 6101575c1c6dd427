#!/bin/sh
# Captures the "settled facts" set (issue 11, items 1, 2, 3, 6, 7): runs each script of this
# directory from a project-like directory with real interpreters and writes stdout+stderr, as
# printed, to tests/corpus/settled/<script>.py<X.Y>.txt. Nothing is edited afterwards.
# Usage: tests/captures/settled/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/settled
mkdir -p "$out"
. "$here/../capture-lib.sh"
work=${TMPDIR:-/tmp}/pickdoc-settled

# script  project-directory  versions
matrix='
obj_method     $work/srv/thumbnails     2.7 3.6 3.8 3.12
build_report   $work/opt/reports        3.6 3.9 3.12 3.13
yaml_load_key  $work/home/dev/deployer  2.7 3.6 3.12
cf_result      $work/srv/pricing        3.8 3.12 3.13
cf_map_iter    $work/srv/pricing        3.12 3.13
async_get      $work/srv/billing        3.6 3.12
feeder_put     $work/home/dev/pipeline  2.7 3.8 3.12
'

capture_underscores=keep
capture_matrix "$out/" "$matrix" "$@"
rm -rf "$work"
