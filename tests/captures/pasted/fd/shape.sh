#!/bin/sh
# Shapes a real capture the way the speechbrain paste of NOTES.md (c034) arrived: the last
# frames of tests/corpus/fd-limit/queue-keep-tensors-1024.py3.11.txt after a "..." line,
# indentation and caret lines lost, each frame wrapped before its "in FUNCTION", the paste
# ending at the raise line (no exception line). Writes
# tests/corpus/pasted/fd/ancdata-elided-raise.txt.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(cd "$here/../../../corpus" && pwd)
src=$corpus/fd-limit/queue-keep-tensors-1024.py3.11.txt
{
	echo '...'
	sed -n '/multiprocessing\/reduction.py", line 189/,/raise RuntimeError/p' "$src" |
		grep -v '^ *\^*$' | sed 's/^ *//; s/^\(File ".*", line [0-9]*,\) \(in .*\)$/\1\n\2/'
} >"$corpus/pasted/fd/ancdata-elided-raise.txt"
