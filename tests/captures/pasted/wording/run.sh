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
attr_dict        srv/settings       2.7 3.10
record_fields    srv/records        3.8 3.12
auto_dict        opt/configs        2.7 3.9
span_new         home/dev/seqtools  3.7 3.12
reading_state    srv/telemetry      3.8 3.13
login_error      home/dev/client    2.7 3.9 3.13
type_registry    opt/plugins        3.6 3.12
sandbox_builtin  srv/sandbox        3.11
billiard_terminate srv/tasks        deb3.11
celery_lost      srv/photos         deb3.11
newtype_alias    srv/accounts       3.10 3.13
registry_removed opt/hooks          2.7 3.12
rebuild_error    srv/store          3.8 3.12
block_cast       home/dev/rtl       3.9
widget_args      srv/dashboard      3.9
auto_dict_stdin  opt/configs        3.6
tree_defaultdict home/dev/catalog   3.11 3.13
'

echo "$matrix" | while read -r script dir versions; do
	[ -n "$script" ] && wanted "$script" "$@" || continue
	mkdir -p "$work/$dir"
	cp "$here/$script.py" "$work/$dir/"
	for v in $versions; do
		py=$(interp "$v") || continue
		run_clean "$work/$dir" "$py" "$work/$dir/$script.py" >"$out/$script.py${v#deb}.txt" 2>&1
	done
done
rm -rf "$work"
