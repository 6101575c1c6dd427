#!/bin/sh
# Real captures for the library- and platform-specific causes of the six first playbooks
# (local-object, lambda, main-lookup, unpicklable-object, missing-main-guard, bad-reduce):
# runs each script here with a real interpreter, from a project-like directory it is copied
# into, and writes stdout+stderr as printed to tests/corpus/extra/NAME.txt. No text is
# replaced afterwards. Interpreters:
#   - pyenv CPython builds ($PYENV_ROOT/versions/X.Y.*/bin/python; IPython 8.12.3 is in 3.11);
#   - Debian 12's /usr/bin/python3 (3.11.2) with Debian's python3-torch 1.13.1,
#     python3-joblib 1.2.0 (vendored loky and cloudpickle), python3-cloudpickle 2.2.0,
#     python3-dill 0.3.6, python3-billiard 4.1.0, python3-dask/python3-distributed 2022.12.1,
#     python3-kombu 5.2.4
#     (apt-get install -y --no-install-recommends python3-torch python3-joblib ...);
#   - Python 3.14.2 as Pyodide 314.0.7 (npm install pyodide@314.0.7 in $PYODIDE_DIR, default
#     /tmp/kb-libs/pyo), run by the reference harness
#     tests/corpus/reference/scripts/pyodide-3.14/run314.mjs (stdlib frames show
#     /lib/python314.zip/, the script is /home/user/app/NAME.py; no processes or threads).
# Usage: tests/captures/kb-libs/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/extra
mkdir -p "$out"
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
pyodide_dir=${PYODIDE_DIR:-/tmp/kb-libs/pyo}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
py() {
	case $1 in
	debian) echo /usr/bin/python3 ;;
	ipython) echo "$pyenv_root"/versions/3.11.7/bin/ipython ;;
	*) ls -d "$pyenv_root"/versions/"$1".*/bin/python | head -n 1 ;;
	esac
}
clean_env() {
	env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 "$@"
}
# run SCRIPT INTERPRETER DIRECTORY OUTPUT
run() {
	name=$1 v=$2 dir=$3 dest=$4
	mkdir -p "$dir"
	cp "$here"/*.py "$here"/*.txt "$dir/"
	(cd "$dir" && clean_env timeout -s KILL 60 "$(py "$v")" "$dir/$name.py") >"$out/$dest" 2>&1
	echo "$dest: exit $?"
}
# ipython SESSION DIRECTORY OUTPUT: the session's statements fed to IPython on stdin.
ipython() {
	name=$1 dir=$2 dest=$3
	mkdir -p "$dir"
	cp "$here/$name.txt" "$dir/"
	(cd "$dir" && clean_env timeout -s KILL 60 "$(py ipython)" --simple-prompt --no-banner \
		--colors=NoColor <"$dir/$name.txt") >"$out/$dest" 2>&1
	echo "$dest: exit $?"
}
# py314 SCRIPT OUTPUT [CASE]: under Pyodide; CASE replaces the script's default case.
py314() {
	name=$1 dest=$2
	sed "s/^case = .*/case = \"${3:-}\"/" "$here/$name.py" >"$pyodide_dir/$name.py"
	[ $# -ge 3 ] || cp "$here/$name.py" "$pyodide_dir/$name.py"
	cp "$here/../../corpus/reference/scripts/pyodide-3.14/run314.mjs" "$pyodide_dir/"
	(cd "$pyodide_dir" && timeout -s KILL 120 node run314.mjs "$name.py" "$name") >"$out/$dest" 2>&1
	echo "$dest: exit $?"
}
# PyTorch DataLoader and torch.multiprocessing (Debian python3-torch)
run torch_collate_lambda debian /home/dev/vision torch-collate-lambda.py3.11.txt
run torch_transform_local debian /home/dev/vision torch-transform-local.py3.11.txt
run torch_dataset_file debian /home/dev/vision torch-dataset-file.py3.11.txt
run torch_mp_spawn_lambda debian /home/dev/vision torch-mp-spawn-lambda.py3.11.txt
run torch_queue_grad debian /home/dev/vision torch-queue-grad.py3.11.txt
run torch_no_guard debian /home/dev/vision torch-no-guard.py3.11.txt
# joblib/loky, cloudpickle, dill, billiard, dask.distributed, kombu (Debian packages)
run joblib_lambda_lock debian /srv/etl joblib-lambda-lock.py3.11.txt
run joblib_closure_logfile debian /srv/etl joblib-closure-logfile.py3.11.txt
run cloudpickle_socket_closure debian /srv/etl cloudpickle-socket-closure.py3.11.txt
run dill_sqlite_closure debian /srv/etl dill-sqlite-closure.py3.11.txt
run billiard_spawn_lock debian /srv/etl billiard-spawn-lock.py3.11.txt
run dask_submit_lock debian /srv/etl dask-submit-lock.py3.11.txt
run dask_map_generator debian /srv/etl dask-map-generator.py3.11.txt
run dask_scatter_lock debian /srv/etl dask-scatter-lock.py3.11.txt
run kombu_json_arg debian /srv/etl kombu-json-arg.py3.11.txt
run kombu_pickle_lock debian /srv/etl kombu-pickle-lock.py3.11.txt
# start methods, connections, notebooks (pyenv)
run forkserver_bound_method 3.12 /home/dev/crawler forkserver-bound-method.py3.12.txt
run forkserver_bound_method 3.8 /home/dev/crawler forkserver-bound-method.py3.8.txt
run sqlite_pool_arg 3.10 /srv/reports sqlite-pool-arg.py3.10.txt
run sqlite_pool_arg 3.13 /srv/reports sqlite-pool-arg.py3.13.txt
ipython ipython_session /home/dev/notebooks ipython-spawn-process.py3.11.txt
# Python 3.14 notes (Pyodide)
py314 forkserver_process_314 forkserver-process.py3.14.txt
for c in config method set newargs reduce partial; do
	py314 note_paths_314 "note-path-$c.py3.14.txt" "$c"
done
