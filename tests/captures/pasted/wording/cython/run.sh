#!/bin/sh
# Cython's generated pickling refusing two cdef classes, as Debian's python3.11 and cython3
# (0.29) print it: spool.pyx has a __cinit__ that takes an argument (pickled by a Pool's
# task), handle.pyx a C pointer attribute (pickled directly).  Compiles each module in a
# scratch directory, runs its script there and writes what it printed, unchanged, to
# tests/corpus/pasted/wording/cython_<name>.py3.11.txt.  Needs cython3, python3-dev, gcc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../../../corpus/pasted/wording" && pwd)
work=${TMPDIR:-/tmp}/pickdoc-wording/cython
rm -rf "$work"
mkdir -p "$work"
cp "$here"/*.pyx "$here"/*.py "$work"/
cd "$work"
for name in spool handle; do
	cython3 -3 "$name.pyx" -o "$name.c" 2>/dev/null
	gcc -shared -fPIC -O1 $(python3-config --includes) "$name.c" \
		-o "$name$(python3-config --extension-suffix)"
	/usr/bin/python3 "use_$name.py" >"$out/cython_$name.py3.11.txt" 2>&1 || true
done
