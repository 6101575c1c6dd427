#!/bin/sh
# Real captures for tests/corpus/pasted/paragraph/: runs each script here with a real
# interpreter and writes its stdout+stderr, as printed, to raw/NAME.pyX.Y.txt.  shape.sh
# then makes the pasted shapes from them.  Addresses change from run to run: rerun only the
# scripts named.  Usage: tests/captures/pasted/paragraph/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/raw"
. "$here/../../capture-lib.sh"

# script  project-directory  versions
matrix='
unguarded_start      /srv/ingest         3.8 3.12
nested_worker        /home/dev/indexer   3.10 3.12
redefined_function   /home/dev/tools     3.11
renamed_task         /opt/survey         3.8
unrebuildable_error  /opt/crawler        2.7
open_file_task       /srv/reports        3.7
'

capture_underscores=keep
capture_matrix "$here/raw/" "$matrix" "$@"
