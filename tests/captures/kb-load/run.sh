#!/bin/sh
# Real captures for the load-side and identity playbooks (not-same-object, recursion,
# unpickle-missing, unpickle-corrupt): runs each script here with a real interpreter, from a
# project-like directory it is copied into, and writes stdout+stderr as printed to
# tests/corpus/extra/NAME.txt. A producer script, when given, runs first in the same
# directory (its output is not kept). Usage: tests/captures/kb-load/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/extra
mkdir -p "$out"
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
py() { ls -d "$pyenv_root"/versions/"$1".*/bin/python | head -n 1; }
clean_env() {
	env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 "$@"
}
# run SCRIPT VERSION DIRECTORY OUTPUT [PRODUCER PRODUCER_VERSION]
run() {
	name=$1 v=$2 dir=$3 dest=$4
	mkdir -p "$dir"
	cp "$here"/*.py "$dir/"
	if [ $# -ge 6 ]; then
		(cd "$dir" && clean_env timeout -s KILL 60 "$(py "$6")" "$dir/$5.py") >/dev/null 2>&1
	fi
	(cd "$dir" && clean_env timeout -s KILL 60 "$(py "$v")" "$dir/$name.py") >"$out/$dest" 2>&1
	echo "$dest: exit $?"
}
# not-same-object
run reload_pickle 3.12 /home/dev/pricing reload-pickle.py3.12.txt
run reload_pickle 3.8 /home/dev/pricing reload-pickle.py3.8.txt
run reload_pickle 2.7 /home/dev/pricing reload-pickle.py2.7.txt
run reload_pool 3.11 /srv/scoring reload-pool.py3.11.txt
run decorator_registry 3.12 /srv/thumbnails decorator-registry.py3.12.txt
run decorator_registry 3.9 /srv/thumbnails decorator-registry.py3.9.txt
run test_mock_patch 3.10 /home/dev/billing mock-patch-test.py3.10.txt
run test_mock_patch 3.13 /home/dev/billing mock-patch-test.py3.13.txt
# recursion
run getattr_proxy_load 3.12 /home/dev/proxy getattr-proxy-load.py3.12.txt
run getattr_proxy_load 3.13 /home/dev/proxy getattr-proxy-load.py3.13.txt
run getattr_proxy_load 3.8 /home/dev/proxy getattr-proxy-load.py3.8.txt
run getattr_proxy_load 2.7 /home/dev/proxy getattr-proxy-load.py2.7.txt
run getattr_proxy_deepcopy 3.11 /home/dev/proxy getattr-proxy-deepcopy.py3.11.txt
run getattr_proxy_pool 3.12 /srv/handles getattr-proxy-pool.py3.12.txt
run deep_linked_list_pool 3.10 /srv/graph deep-linked-list-pool.py3.10.txt
run deep_tree_purepython 3.9 /home/dev/trees deep-tree-purepython.py3.9.txt
run fast_mode_cycle 3.12 /home/dev/graph fast-mode-cycle.py3.12.txt
run fast_mode_cycle 3.7 /home/dev/graph fast-mode-cycle.py3.7.txt
# unpickle-missing
run renamed_class_load 3.11 /srv/shop renamed-class-load.py3.11.txt
run renamed_class_load 3.13 /srv/shop renamed-class-load.py3.13.txt
run serve_main 3.12 /srv/api serve-main-class.py3.12.txt train_main 3.12
run serve_main 3.6 /srv/api serve-main-class.py3.6.txt train_main 3.6
run missing_module_load 3.12 /srv/ml missing-module-load.py3.12.txt
run missing_module_shelve 3.9 /srv/ml missing-module-shelve.py3.9.txt
run missing_class_purepython 3.10 /srv/shop missing-class-purepython.py3.10.txt
run missing_class_purepython 3.13 /srv/shop missing-class-purepython.py3.13.txt
run missing_module_purepython 3.8 /srv/ml missing-module-purepython.py3.8.txt
# unpickle-corrupt
run lfs_pointer 3.12 /home/dev/recsys lfs-pointer.py3.12.txt
run lfs_pointer 3.8 /home/dev/recsys lfs-pointer.py3.8.txt
run html_page 3.10 /home/dev/search html-page.py3.10.txt
run gzip_pickle 3.11 /home/dev/features gzip-pickle.py3.11.txt
run zip_archive 3.9 /home/dev/vision zip-archive.py3.9.txt
run zip_archive 3.12 /home/dev/vision zip-archive.py3.12.txt
run zip_archive 3.13 /home/dev/vision zip-archive.py3.13.txt
run npy_as_pickle 3.9 /home/dev/vision npy-as-pickle.py3.9.txt
run npy_as_pickle 3.12 /home/dev/vision npy-as-pickle.py3.12.txt
run read_newer_protocol 3.7 /srv/reports newer-protocol.py3.7.txt write_newer_protocol 3.12
run read_newer_protocol 2.7 /srv/reports newer-protocol.py2.7.txt write_newer_protocol 3.8
run empty_cache 3.13 /home/dev/crawler empty-cache.py3.13.txt
run read_too_many 3.10 /home/dev/events read-too-many.py3.10.txt
run partial_copy 3.11 /home/dev/tables partial-copy.py3.11.txt
run read_py2_pickle 3.12 /home/dev/legacy py2-pickle-file.py3.12.txt write_py2_pickle 2.7
run text_mode_read 3.12 /home/dev/web text-mode-read.py3.12.txt
run text_mode_read 3.8 /home/dev/web text-mode-read.py3.8.txt
run lfs_pointer_purepython 3.10 /home/dev/recsys lfs-pointer-purepython.py3.10.txt
run empty_purepython 3.11 /home/dev/crawler empty-purepython.py3.11.txt
# ordinary errors that only look alike (no finding, or recursion for __getattr__)
run ordinary_import_error 3.12 /home/dev/tools ordinary-import-error.py3.12.txt
run ordinary_module_attribute 3.12 /home/dev/tools ordinary-module-attribute.py3.12.txt
run ordinary_module_attribute_py2 2.7 /home/dev/tools ordinary-module-attribute.py2.7.txt
run ordinary_ascii_read 3.12 /home/dev/tools ordinary-ascii-read.py3.12.txt
run ordinary_pipe_eof 3.12 /home/dev/tools ordinary-pipe-eof.py3.12.txt
run ordinary_identity_assert 3.12 /home/dev/tools ordinary-identity-assert.py3.12.txt
run ordinary_getattr_recursion 3.11 /home/dev/tools ordinary-getattr-recursion.py3.11.txt
# a spawned child's EOF (child-eof, not unpickle-corrupt)
run spawn_child_eof 3.12 /home/dev/jobs spawn-child-eof.py3.12.txt
run spawn_child_eof 3.8 /home/dev/jobs spawn-child-eof.py3.8.txt
