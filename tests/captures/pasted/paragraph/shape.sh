#!/bin/sh
# Makes tests/corpus/pasted/paragraph/ from the real captures in raw/ (run.sh): each file is
# a part of a capture, cut and changed the way people paste it, between sentences of our
# own.  README.md says per file which capture and which change.
# Usage: tests/captures/pasted/paragraph/shape.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../../corpus/pasted" && pwd)/paragraph
mkdir -p "$out"
raw=$here/raw

# The exception line of the last report in FILE whose type is TYPE, and its message: the
# indented and blank lines after it, trailing blank lines dropped.
exception_paragraph() { # file type
	awk -v t="$2" '
		index($0, t ":") == 1 { n = 0; keep = 1; lines[n++] = $0; next }
		keep && ($0 ~ /^[ \t]/ || $0 == "") { lines[n++] = $0; next }
		keep { keep = 0; last = n; for (i = 0; i < n; i++) saved[i] = lines[i] }
		END {
			if (keep) { last = n; for (i = 0; i < n; i++) saved[i] = lines[i] }
			while (last > 0 && saved[last - 1] ~ /^[ \t]*$/) last--
			for (i = 0; i < last; i++) print saved[i]
		}' "$1"
}

# The source line printed above that exception line (the frame's "raise ...").
raise_line() { # file type
	awk -v t="$2" 'index($0, t ":") == 1 { print prev } { prev = $0 }' "$1" | tail -n 1
}

# 1. The paragraph alone, as in an issue body: a sentence, the exception, a sentence.
{
	echo "Running the ingest script on my Windows laptop fails right away with this:"
	echo
	exception_paragraph "$raw/unguarded_start.py3.12.txt" RuntimeError
	echo
	echo "Same script works fine on the Linux server. Any idea?"
} >"$out/bootstrap-paragraph.py3.12.txt"

# 2. The paragraph indented two more blanks, as a list item or a quoted block renders it.
{
	echo "The worker never starts, the console shows:"
	echo
	exception_paragraph "$raw/unguarded_start.py3.8.txt" RuntimeError | sed 's/^/  /'
} >"$out/bootstrap-indented.py3.8.txt"

# 3. Copied from the middle of the last frame: its source line, then the exception.
{
	raise_line "$raw/unguarded_start.py3.8.txt" RuntimeError
	exception_paragraph "$raw/unguarded_start.py3.8.txt" RuntimeError
} >"$out/bootstrap-from-raise.py3.8.txt"
