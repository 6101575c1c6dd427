#!/bin/sh
# Captures the wording set: runs each script of this directory from a project-like
# directory with real interpreters (pyenv's; "debX.Y": Debian's, with its library
# packages) and writes stdout+stderr, as printed, to
# tests/corpus/pasted/wording/<script>.py<X.Y>.txt; then shape.sh makes the pasted shapes.
# Usage: tests/captures/pasted/wording/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../../corpus/pasted" && pwd)/wording
mkdir -p "$out"
. "$here/../../capture-lib.sh"
work=${TMPDIR:-/tmp}/pickdoc-wording

# script  project-directory  versions
matrix='
attr_dict          $work/srv/settings       2.7 3.10
record_fields      $work/srv/records        3.8 3.12
auto_dict          $work/opt/configs        2.7 3.9
span_new           $work/home/dev/seqtools  3.7 3.12
reading_state      $work/srv/telemetry      3.8 3.13
login_error        $work/home/dev/client    2.7 3.9 3.13
type_registry      $work/opt/plugins        3.6 3.12
sandbox_builtin    $work/srv/sandbox        3.11
billiard_terminate $work/srv/tasks          deb3.11
celery_lost        $work/srv/photos         deb3.11
newtype_alias      $work/srv/accounts       3.10 3.13
registry_removed   $work/opt/hooks          2.7 3.12
rebuild_error      $work/srv/store          3.8 3.12
block_cast         $work/home/dev/rtl       3.9
widget_args        $work/srv/dashboard      3.9
auto_dict_stdin    $work/opt/configs        3.6
tree_defaultdict   $work/home/dev/catalog   3.11 3.13
'

capture_underscores=keep
capture_matrix "$out/" "$matrix" "$@"
rm -rf "$work"
