#!/bin/sh
# Real captures for tests/corpus/placeholders/: facts that feed commands. A lambda made in a
# comprehension inside main() (its enclosing function is main whatever the comprehension:
# <listcomp>, <genexpr>, <dictcomp>, <setcomp>) under 2.7, 3.6, 3.11, 3.12 and 3.13, and a
# script whose file name cannot be imported (deep-tree.py), and a bound method as the task
# (method_result.py), which names no function of the script's module. Each runs in a copy of the script
# in a project-like directory; stdout and stderr are written as printed to
# tests/corpus/placeholders/NAME.pyX.Y.txt. Usage: run.sh [NAME...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/placeholders
. "$here/../capture-lib.sh"
mkdir -p "$out"
# A fixed directory, so that the paths in the logs stay the same on a re-capture.
work=/tmp/pickdoc-placeholders
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

# capture SCRIPT VERSION OUTNAME [ARG...]
capture() {
	script=$1 v=$2 name=$3
	shift 3
	wanted "$name" $asked || return 0
	py=$(interp "$v") || return 0
	mkdir -p "$work/srv/jobs"
	cp "$here/$script" "$work/srv/jobs/$script"
	run_clean "$work/srv/jobs" "$py" "$script" "$@" >"$out/$name.py$v.txt" 2>&1
	echo "$name.py$v.txt: exit $?"
}

asked="$*"
for v in 2.7 3.6 3.11 3.12 3.13; do
	capture comprehension_lambda.py "$v" listcomp-lambda listcomp
done
for v in 3.6 3.11 3.13; do
	for kind in genexpr dictcomp setcomp; do
		capture comprehension_lambda.py "$v" "$kind-lambda" "$kind"
	done
done
for v in 3.6 3.12; do
	capture deep-tree.py "$v" deep-tree
done
for v in 3.8 3.12; do
	capture method_result.py "$v" method-result
done
