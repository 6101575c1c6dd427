#!/bin/sh
# Captures whole logs of a concurrent.futures pool whose worker dies: killed with SIGKILL
# (os.kill(os.getpid(), 9)), exiting with os._exit(1), crashing in native code (ctypes reads
# address 0), each under 3.8, 3.11 and 3.13, and the crash again with PYTHONFAULTHANDLER=1
# (cf_worker_segfault_faulthandler), whose worker prints its stack.  Writes stdout+stderr,
# as printed, to tests/corpus/pool-death/<name, dashes for underscores>.py<X.Y>.txt.
# Usage: tests/captures/pool-death/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/pool-death
mkdir -p "$out"
. "$here/../capture-lib.sh"

dir=/srv/thumbnails
mkdir -p "$dir"
for name in cf_worker_sigkill cf_worker_exit cf_worker_segfault \
	    cf_worker_segfault_faulthandler; do
	wanted "$name" "$@" || continue
	script=$name extra=
	if [ "$name" = cf_worker_segfault_faulthandler ]; then
		script=cf_worker_segfault extra=PYTHONFAULTHANDLER=1
	fi
	cp "$here/$script.py" "$dir/$script.py"
	for v in 3.8 3.11 3.13; do
		py=$(interp "$v") || continue
		dest="$out/$(echo "$name" | tr _ -).py$v.txt"
		run_clean "$dir" $extra "$py" "$dir/$script.py" >"$dest" 2>&1
		echo "$(basename "$dest"): exit $?"
	done
done
