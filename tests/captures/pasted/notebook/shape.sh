#!/bin/sh
# Makes tests/corpus/pasted/notebook/ from the real captures in raw/ (run.sh): each file is
# a part of a capture, cut and changed the way people paste it from a notebook, between
# sentences of our own.  README.md says per file which capture and which change.
# Usage: tests/captures/pasted/notebook/shape.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../../corpus/pasted" && pwd)/notebook
mkdir -p "$out"
raw=$here/raw

# The cell output of FILE as a notebook shows it: from the row of dashes to the last
# exception line, prompts and the terminal's title escapes left out.
cell_output() { # file
	sed -e 's/\x1b\][^\x07]*\x07//g' -e 's/\x1b\[2[23];0t//g' "$1" |
		sed -e 's/^In \[[0-9]*\]: \(   \.\.\.: \)*//' |
		awk '{ plain = $0; gsub(/\033\[[0-9;]*m/, "", plain) }
		     plain ~ /^-----/ { on = 1 }
		     on { lines[++n] = $0 }
		     on && plain ~ /^[A-Za-z_.]*(Error|Exception): / { last = n }
		     END { for (i = 1; i <= last; i++) print lines[i] }'
}

# 1. A notebook cell's output pasted under a sentence (IPython 8.12, no colour).
{
	echo "Loading last night's results in the notebook fails:"
	echo
	cell_output "$raw/session_load.ipython8.12.txt"
	echo
	echo "The file is there and not empty, so I don't get what is wrong."
} >"$out/ipython-load.ipython8.12.txt"

# 2. The recursion through __getattr__, with IPython's "skipping similar frames" line.
{
	echo "Round-tripping the proxy through pickle never returns, I get"
	echo
	cell_output "$raw/session_recursion.ipython8.12.txt"
} >"$out/ipython-recursion.ipython8.12.txt"

# 3. A pool started from a cell with a lambda.
{
	echo "Trying to parallelise the squares in Jupyter:"
	cell_output "$raw/session_pool.ipython8.12.txt"
} >"$out/ipython-pool-lambda.ipython8.12.txt"

# 4. The chained output: the worker's _RemoteTraceback, then the cell's own traceback.
{
	echo "submit() works for plain functions but this one blows up:"
	echo
	cell_output "$raw/session_result.ipython8.12.txt"
} >"$out/ipython-result-chain.ipython8.12.txt"

# 5. The whole terminal session (prompts kept), quoted with "> " in a reply (IPython 8.5).
{
	echo "Same here with IPython 8.5:"
	echo
	sed -e 's/\x1b\][^\x07]*\x07//g' -e 's/\x1b\[2[23];0t//g' \
		-e '/Do you really want to exit/d' "$raw/session_load.ipython8.5.txt" |
		sed -e 's/^/> /' -e 's/ *$//'
} >"$out/ipython-load-quoted.ipython8.5.txt"

# 6. With IPython's colours, as a notebook's text export keeps the escape sequences.
{
	echo "Output of the cell (copied from the exported notebook):"
	cell_output "$raw/session_recursion.ipython8.5.color.txt"
} >"$out/ipython-recursion-ansi.ipython8.5.txt"

# 7. The file frame's line broken after its comma, as a narrow window wraps it.
{
	echo "this is what I see:"
	cell_output "$raw/session_load.ipython8.12.txt" |
		sed 's/^\(File [^ ]*:[0-9]*,\) \(in .*\)$/\1\n\2/'
} >"$out/ipython-load-wrapped.ipython8.12.txt"

# The interactive interpreter's lines from the prompt of STATEMENT (its first words) to the
# first exception line after it, carriage returns dropped as a copy from a terminal does.
repl_part() { # file statement
	tr -d '\r' <"$1" | awk -v st=">>> $2" '
		index($0, st) == 1 { on = 1 }
		on { print }
		on && /^[A-Za-z_.]*(Error|Exception): / { exit }'
}

# 8. A REPL session: a with-statement over two prompts, the frame "<stdin>", line 2.
{
	echo "Reading the cache back in the interpreter:"
	echo
	repl_part "$raw/repl_load.py3.9.txt" "with open"
	echo
	echo "the file was written by the nightly job, which reported no error."
} >"$out/repl-load.py3.9.txt"

# 9. The REPL's recursion (3.12 folds the repeated frames).
{
	echo "minimal repro:"
	repl_part "$raw/repl_recursion.py3.12.txt" "class Proxy"
} >"$out/repl-recursion.py3.12.txt"

# 10. Python 2's REPL prints every frame of the recursion: the whole statement's output.
{
	echo "On Python 2.7 the same class gives"
	repl_part "$raw/repl_recursion.py2.7.txt" "copy ="
} >"$out/repl-recursion.py2.7.txt"

# 11. pdb (3.8) running a spawn pool: the session from the prompt the traceback is glued
# to, to the post-mortem prompt.  Not a pickling failure: no finding.
{
	echo "Debugging it with python -m pdb, after 'c':"
	echo
	awk '/^\(Pdb\) Traceback/ { on = 1 } on { print } /^\(Pdb\) Post mortem/ { exit }' \
		"$raw/spawn_job.pdb.py3.8.txt"
} >"$out/pdb-spawn-session.py3.8.txt"

# 12. The same, only the last frame and the exception, the frame line's indentation lost.
{
	echo "Under the debugger I get:"
	grep -A 2 'spawn.py", line' "$raw/spawn_job.pdb.py3.8.txt" | head -n 3 | sed '1s/^ *//'
} >"$out/pdb-spawn-last-frame.py3.8.txt"

# pytest's FAILURES section, from its first test's rule to the short summary (kept).
failures() { # file
	awk '/^=+ FAILURES =+$/ { on = 1; next } on && /^=+ [0-9]+ failed/ { exit } on { print }' "$1"
}

# 13. pytest's default (long) form of a failed load, pasted from CI with a sentence.
{
	echo "The test for the state file fails on CI:"
	echo
	failures "$raw/test_store.pytest-long.py3.11.txt"
} >"$out/pytest-load-long.py3.11.txt"

# 14. pytest --tb=short of two failures (a local function sent to a pool, a recursion).
{
	echo "Output of pytest --tb=short:"
	failures "$raw/test_workers.pytest-short.py3.11.txt"
} >"$out/pytest-workers-short.py3.11.txt"

# 15. The same in the default form, the whole terminal output.
{
	echo "full pytest run:"
	echo
	cat "$raw/test_workers.pytest-long.py3.11.txt"
} >"$out/pytest-workers-long.py3.11.txt"

# 16. pytest --tb=line: one line per failure.
{
	echo "With --tb=line it says"
	failures "$raw/test_store.pytest-line.py3.11.txt"
} >"$out/pytest-load-line.py3.11.txt"

# 17. unittest's ERROR blocks, the whole run.
{
	echo "python -m unittest gives:"
	cat "$raw/test_workers.unittest.py3.11.txt"
} >"$out/unittest-workers.py3.11.txt"

# VS Code's debugger shows an uncaught exception as "Exception has occurred: Type", the
# message on the next line, then the frames.  Shaped from the plain traceback of a real
# capture (pytest --tb=native): its type, message and frames, in the capture's order, put
# in that layout; the rest of the capture left out.
vscode_form() { # file type
	sed -n '/^Traceback/,/^'"$2"':/p' "$1" | awk -v t="$2" '
		index($0, t ": ") == 1 { msg = substr($0, length(t) + 3); next }
		/^Traceback/ { next }
		{ frames[++n] = $0 }
		END {
			print "Exception has occurred: " t
			print msg
			for (i = 1; i <= n; i++) print frames[i]
		}'
}

# 18. The load failure as VS Code shows it, pasted from the exception widget.
{
	echo "VS Code stops here:"
	echo
	vscode_form "$raw/test_store.pytest-native.py3.11.txt" EOFError
} >"$out/vscode-load.py3.11.txt"

# 19. pytest's INTERNALERROR (every line under "INTERNALERROR> "), the whole output.
{
	echo "pytest dies before running anything:"
	cat "$raw/conftest_modifyitems.internalerror.py3.11.txt"
} >"$out/pytest-internalerror.py3.11.txt"

# 20. An ExceptionGroup (3.13) pasted with its indentation lost: the "|" margins at the
# start of the lines.
{
	echo "Saving the jobs reports both failures at once:"
	sed 's/^ *//' "$raw/save_jobs.py3.13.txt"
} >"$out/exceptiongroup-flat.py3.13.txt"

# 21. The same group (3.11) as printed.
{
	echo "on 3.11:"
	cat "$raw/save_jobs.py3.11.txt"
} >"$out/exceptiongroup.py3.11.txt"

# 22. The message as an issue's title, its exception class left out, then prose.
{
	sed -n 's/^_pickle\.PicklingError: //p' "$raw/rerun_cell.py3.12.txt"
	echo
	echo "I get this in my notebook after running the settings cell again, then the pool cell."
} >"$out/title-not-same-object.py3.12.txt"
