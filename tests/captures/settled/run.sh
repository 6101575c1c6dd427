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
obj_method     srv/thumbnails     2.7 3.6 3.8 3.12
build_report   opt/reports        3.6 3.9 3.12 3.13
yaml_load_key  home/dev/deployer  2.7 3.6 3.12
cf_result      srv/pricing        3.8 3.12 3.13
cf_map_iter    srv/pricing        3.12 3.13
async_get      srv/billing        3.6 3.12
feeder_put     home/dev/pipeline  2.7 3.8 3.12
'

echo "$matrix" | while read -r script dir versions; do
	[ -n "$script" ] && wanted "$script" "$@" || continue
	mkdir -p "$work/$dir"
	cp "$here/$script.py" "$work/$dir/"
	for v in $versions; do
		py=$(interp "$v") || continue
		run_clean "$work/$dir" "$py" "$work/$dir/$script.py" >"$out/$script.py$v.txt" 2>&1
		echo "$script.py$v.txt: exit $?"
	done
done
rm -rf "$work"
