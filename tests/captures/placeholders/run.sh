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

# name:script  project-directory  versions  command (the script run by its name, from its
# directory, with the kind of comprehension)
matrix='
listcomp-lambda:comprehension_lambda  $work/srv/jobs  2.7 3.6 3.11 3.12 3.13  "$python" comprehension_lambda.py listcomp
genexpr-lambda:comprehension_lambda   $work/srv/jobs  3.6 3.11 3.13         "$python" comprehension_lambda.py genexpr
dictcomp-lambda:comprehension_lambda  $work/srv/jobs  3.6 3.11 3.13         "$python" comprehension_lambda.py dictcomp
setcomp-lambda:comprehension_lambda   $work/srv/jobs  3.6 3.11 3.13         "$python" comprehension_lambda.py setcomp
deep-tree                             $work/srv/jobs  3.6 3.12              "$python" deep-tree.py
method-result:method_result           $work/srv/jobs  3.8 3.12              "$python" method_result.py
'

capture_matrix "$out/" "$matrix" "$@"
