#!/bin/sh
# Real captures for tests/corpus/pasted/notebook/: runs each session here through a real
# IPython (8.12 under pyenv's 3.11, 8.5 of Debian's python3), the interactive interpreter on
# a pseudo-terminal, or pdb, in a scratch directory, and writes what the terminal got, as
# printed, to raw/.  shape.sh
# then makes the pasted shapes from them.  Usage: tests/captures/pasted/notebook/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/raw"
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
dir=/srv/notebooks
ipython() { # session python label colours
	name=$1 py=$2 label=$3 colors=$4
	mkdir -p "$dir"
	cp "$here/store.py" "$here/$name.ipy" "$dir/"
	out="$here/raw/$name.$label.txt"
	[ "$colors" = NoColor ] || out="$here/raw/$name.$label.color.txt"
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 TERM=xterm \
		PYTHONDONTWRITEBYTECODE=1 timeout -s KILL 60 "$py" -m IPython --quick \
		--no-banner --colors="$colors" --simple-prompt <"$dir/$name.ipy") >"$out" 2>&1
	echo "$out: exit $?"
}
# An interactive interpreter on a pseudo-terminal (script(1)), so that what was typed is
# echoed after its prompt as a terminal shows it; the lines of INPUT are typed one by one.
repl() { # input version
	name=$1 v=$2
	py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python | head -n 1)
	mkdir -p "$dir"
	out="$here/raw/$name.py$v.txt"
	(cd "$dir" && { sleep 1; while IFS= read -r line; do printf '%s\n' "$line"; sleep 0.3; done \
		<"$here/$name.txt"; printf 'exit()\n'; sleep 1; } |
		env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb \
		timeout -s KILL 60 script -q -c "$py" /dev/null) >"$out" 2>&1
	echo "$out: exit $?"
}
# The debugger: "c" runs the script, which fails, then the post-mortem prompt is left.
pdb() { # script version
	name=$1 v=$2
	py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python | head -n 1)
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/"
	(cd "$dir" && printf 'c\nq\n' | env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
		PYTHONDONTWRITEBYTECODE=1 timeout -s KILL 60 "$py" -m pdb "$name.py") \
		>"$here/raw/$name.pdb.py$v.txt" 2>&1
	echo "raw/$name.pdb.py$v.txt: exit $?"
}
# pytest (Debian's, on python3 3.11) in each traceback style, and unittest, on a test file.
pytest() { # test-file style
	name=$1 tb=$2
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/"
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 \
		timeout -s KILL 120 /usr/bin/python3 -m pytest -p no:cacheprovider --tb="$tb" \
		"$name.py") >"$here/raw/$name.pytest-$tb.py3.11.txt" 2>&1
	echo "raw/$name.pytest-$tb.py3.11.txt: exit $?"
}
unittest() { # test-file
	name=$1
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/"
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 \
		timeout -s KILL 120 /usr/bin/python3 -m unittest "$name") \
		>"$here/raw/$name.unittest.py3.11.txt" 2>&1
	echo "raw/$name.unittest.py3.11.txt: exit $?"
}
# A script run as it is, under pyenv's VERSION.
script_run() { # script version
	name=$1 v=$2
	py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python | head -n 1)
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/"
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 \
		timeout -s KILL 60 "$py" "$name.py") >"$here/raw/$name.py$v.txt" 2>&1
	echo "raw/$name.py$v.txt: exit $?"
}
# pytest's INTERNALERROR: a conftest hook that pickles a lambda, over a passing test.
internalerror() {
	ie=$dir/internalerror
	mkdir -p "$ie"
	cp "$here/conftest_modifyitems.py" "$ie/conftest.py"
	printf 'def test_ok():\n    assert True\n' >"$ie/test_ok.py"
	(cd "$ie" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 \
		timeout -s KILL 120 /usr/bin/python3 -m pytest -p no:cacheprovider) \
		>"$here/raw/conftest_modifyitems.internalerror.py3.11.txt" 2>&1
	echo "raw/conftest_modifyitems.internalerror.py3.11.txt: exit $?"
}
py311=$(ls -d "$pyenv_root"/versions/3.11.*/bin/python | head -n 1)
for s in session_load session_recursion session_pool session_result; do
	ipython "$s" "$py311" ipython8.12 NoColor
done
ipython session_load /usr/bin/python3 ipython8.5 NoColor
ipython session_recursion /usr/bin/python3 ipython8.5 Linux
repl repl_load 3.9
repl repl_recursion 2.7
repl repl_recursion 3.12
pdb spawn_job 3.8
for tb in long short line native; do
	pytest test_store "$tb"
	pytest test_workers "$tb"
done
unittest test_workers
internalerror
script_run save_jobs 3.11
script_run save_jobs 3.13
script_run rerun_cell 3.12
