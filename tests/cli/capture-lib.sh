#!/bin/sh
# capture_matrix, the loop the capture scripts share (tests/captures/capture-lib.sh), run on
# a matrix of made-up rows with a stand-in interpreter that prints how it was started: which
# file each row writes, which script runs where, the command put before the interpreter, the
# environment settings, the whole command line and the ulimit of a row, the rows asked for
# by name, a directory naming a variable, names kept as written, and a version with no interpreter skipped.
# Usage: tests/cli/capture-lib.sh   (POSIX sh)
. "$(dirname "$0")/setup.sh"

# A pyenv root with two versions, whose "python" tells its script, directory, $FOO and
# descriptor limit, and the argument given after the script.
for v in 3.98.1 3.99.0; do
	mkdir -p "$WORK/pyenv/versions/$v/bin"
	printf '#!/bin/sh\necho "script=$1 cwd=$(pwd) foo=${FOO:-} nofile=$(ulimit -n)${2:+ args=$2}"\n' \
		>"$WORK/pyenv/versions/$v/bin/python"
	chmod +x "$WORK/pyenv/versions/$v/bin/python"
done
PYENV_ROOT=$WORK/pyenv
. "$ROOT/tests/captures/capture-lib.sh"
here=$WORK/scripts
mkdir -p "$here"
for s in alpha_one beta_two gamma delta epsilon; do : >"$here/$s.py"; done
proj=$WORK/proj
wrap='echo wrapped; exec "$0" "$@"'
label='two words'
matrix="
alpha_one         $proj/a   3.98 3.99 3.97
beta_two_5:beta_two   \$proj/b   3.99   FOO=bar
gamma             $proj/c   3.99   sh -c \"\$wrap\"
delta             $proj/d   3.99   ulimit -n 50
epsilon_term:epsilon  $proj/e   3.99   FOO=\"\$label\" \"\$python\" \"\$script\" TERM
"

# expect FILE LINE...: FILE holds these lines.
expect() {
	file=$1
	shift
	printf '%s\n' "$@" >"$WORK/want"
	if [ -f "$file" ] && diff -u "$WORK/want" "$file" >"$WORK/diff"; then pass; else
		fail "${file#"$WORK"/}" "$(cat "$WORK/diff" 2>/dev/null || echo missing)"
	fi
}

out=$WORK/out
mkdir -p "$out"
capture_matrix "$out/pre-" "$matrix" >"$WORK/printed" 2>"$WORK/errors"
expect "$WORK/printed" "pre-alpha-one.py3.98.txt: exit 0" "pre-alpha-one.py3.99.txt: exit 0" \
	"pre-beta-two-5.py3.99.txt: exit 0" "pre-gamma.py3.99.txt: exit 0" \
	"pre-delta.py3.99.txt: exit 0" "pre-epsilon-term.py3.99.txt: exit 0"
expect "$WORK/errors" "no interpreter for 3.97"
expect "$out/pre-alpha-one.py3.98.txt" "script=$proj/a/alpha_one.py cwd=$proj/a foo= nofile=$(ulimit -n)"
expect "$out/pre-beta-two-5.py3.99.txt" "script=$proj/b/beta_two.py cwd=$proj/b foo=bar nofile=$(ulimit -n)"
expect "$out/pre-gamma.py3.99.txt" wrapped "script=$proj/c/gamma.py cwd=$proj/c foo= nofile=$(ulimit -n)"
expect "$out/pre-delta.py3.99.txt" "script=$proj/d/delta.py cwd=$proj/d foo= nofile=50"
expect "$out/pre-epsilon-term.py3.99.txt" "script=$proj/e/epsilon.py cwd=$proj/e foo=two words nofile=$(ulimit -n) args=TERM"

# Asked for by its script's name or its own, a row runs; the others do not.
rm -rf "$out" && mkdir -p "$out"
capture_matrix "$out/" "$matrix" beta_two >"$WORK/printed" 2>&1
capture_matrix "$out/" "$matrix" delta >>"$WORK/printed" 2>&1
expect "$WORK/printed" "beta-two-5.py3.99.txt: exit 0" "delta.py3.99.txt: exit 0"
ls "$out" >"$WORK/files"
expect "$WORK/files" beta-two-5.py3.99.txt delta.py3.99.txt

# capture_underscores=keep: the names as written.
rm -rf "$out" && mkdir -p "$out"
capture_underscores=keep capture_matrix "$out/" "$matrix" alpha_one >/dev/null 2>&1
ls "$out" >"$WORK/files"
expect "$WORK/files" alpha_one.py3.98.txt alpha_one.py3.99.txt

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
