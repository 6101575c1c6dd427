#!/bin/sh
# Real captures for tests/corpus/storm/: a spawn Pool whose workers keep dying and being
# replaced (a respawn storm), killed after 3 s since the pool never gives up. The children
# share one stderr, so their tracebacks come out interleaved line by line.
# storm_noguard.py has no main guard (each child fails to bootstrap); storm_stdin.py is
# piped to `python -` (a child cannot re-run a main read from stdin).
# Usage: tests/captures/storm/run.sh [NAME...]   (NAME: noguard, stdin)
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/storm
. "$here/../capture-lib.sh"
dir=/srv/storm
mkdir -p "$out" "$dir"
cp "$here/storm_noguard.py" "$here/storm_stdin.py" "$dir/"
storm() { # OUT DIR PROGRAM [ARG...]: as run_clean (input from ours), output to OUT,
	  # killed after 3 s; the shell's own "Killed" stays out of OUT
	(o=$1 d=$2; shift 2; cd "$d" && timeout -s KILL 3 env -i PATH=/usr/bin:/bin HOME=/root \
		LANG=C.UTF-8 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 "$@" >"$o" 2>&1)
}
for v in 3.8 3.11 3.12 3.13; do
	py=$(interp "$v") || continue
	if wanted noguard "$@"; then
		storm "$out/noguard.py$v.txt" "$dir" "$py" storm_noguard.py </dev/null 2>/dev/null
		echo "noguard.py$v.txt: exit $?"
	fi
	if wanted stdin "$@"; then
		storm "$out/stdin.py$v.txt" "$dir" "$py" - <"$dir/storm_stdin.py" 2>/dev/null
		echo "stdin.py$v.txt: exit $?"
	fi
done
