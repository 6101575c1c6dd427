#!/bin/sh
# Real captures for tests/corpus/fresh/: runs each scenario script here with a real interpreter
# from a project-like directory and writes its stdout+stderr, as printed, to
# tests/corpus/fresh/NAME.pyX.Y.txt. Nothing is edited afterwards; the wrapped copies are made
# from these files by wrap.sh. Usage: tests/captures/fresh/run.sh [NAME...]
#   (no NAME: every row of the matrix below). Rerunning gives new addresses, PIDs and times.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/fresh
mkdir -p "$out"
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
dist=/usr/lib/python3/dist-packages
only=" $* "

# python VERSION: the interpreter. "deb" is Debian's /usr/bin/python3 (3.11.2), whose
# dist-packages holds cloudpickle 2.2.0, dill 0.3.6, joblib 1.2.0, numpy 1.24.2, dask 2022.12.1
# and torch 1.13; the other versions are the pyenv builds.
python() {
	if [ "$1" = deb ]; then echo /usr/bin/python3; return; fi
	ls -d "$pyenv_root"/versions/"$1".*/bin/python | head -n 1
}

# run NAME VERSION DIR [LIBS [ARG...]]: copy NAME.py into DIR and run it there. LIBS is a
# comma-separated list of packages copied from Debian's dist-packages into
# DIR/.venv/lib/pythonX.Y/site-packages, which is put on PYTHONPATH (as a virtualenv would);
# "-" for none. The output is NAME-with-dashes.pyX.Y.txt (.py3.11-deb.txt for Debian's python).
run() {
	name=$1 v=$2 dir=$3 libs=${4:--}
	shift 3
	[ $# -gt 0 ] && shift
	case "$only" in "  ") ;; *" $name "*) ;; *) return 0 ;; esac
	py=$(python "$v")
	ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
	tag=py$ver
	[ "$v" = deb ] && tag=py$ver-deb
	dest=$(echo "$name" | tr _ -).$tag.txt
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/$name.py"
	pythonpath=
	if [ "$libs" != - ]; then
		site=$dir/.venv/lib/python$ver/site-packages
		mkdir -p "$site"
		for lib in $(echo "$libs" | tr , ' '); do
			rm -rf "${site:?}/$lib"
			cp -r "$dist/$lib" "$site/$lib"
		done
		pythonpath=PYTHONPATH=$site
	fi
	(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONUNBUFFERED=1 \
		PYTHONDONTWRITEBYTECODE=1 $pythonpath timeout -s KILL 60 "$py" "$dir/$name.py" "$@") \
		>"$out/$dest" 2>&1
	echo "$dest: exit $?"
}

# torch_checkpoint_rename needs a checkpoint written by the old class first (not captured).
prepare_torch() {
	case "$only" in "  ") ;; *" torch_checkpoint_rename "*) ;; *) return 0 ;; esac
	mkdir -p /home/mira/code/tinynet
	cp "$here/torch_checkpoint_rename.py" /home/mira/code/tinynet/
	(cd /home/mira/code/tinynet && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
		/usr/bin/python3 torch_checkpoint_rename.py train) || echo "torch train step failed" >&2
}

run rate_limiter 3.9 /srv/crawlbot
run rate_limiter 3.10 /srv/crawlbot
run rate_limiter 3.13 /srv/crawlbot
run manager_handoff 3.6 /opt/importer/bin
run manager_handoff 3.12 /opt/importer/bin
run manager_handoff 3.13 /opt/importer/bin
run epoll_pipe 3.6 /srv/edge-watch
run epoll_pipe 3.12 /srv/edge-watch
run epoll_pipe 3.13 /srv/edge-watch
run cached_lookup 3.6 /home/lucia/code/geo
run cached_lookup 3.12 /home/lucia/code/geo
run cached_lookup 3.13 /home/lucia/code/geo
run pool_init_lambda 3.6 /home/tomas/projects/montecarlo
run pool_init_lambda 3.12 /home/tomas/projects/montecarlo
run pool_init_lambda 3.13 /home/tomas/projects/montecarlo
run quota_error 3.6 /srv/billing/app
run quota_error 3.11 /srv/billing/app
run quota_error 3.13 /srv/billing/app
run shard_spawn 3.8 /opt/searchd/tools
run shard_spawn 3.11 /opt/searchd/tools
run shard_spawn 3.13 /opt/searchd/tools
run lazy_config 3.6 /home/priya/code/webapp
run lazy_config 3.11 /home/priya/code/webapp
run lazy_config 3.13 /home/priya/code/webapp
run sqlite_cursor_fanout 3.6 /srv/catalog/jobs
run sqlite_cursor_fanout 3.9 /srv/catalog/jobs
run sqlite_cursor_fanout 3.12 /srv/catalog/jobs
run apply_async_generator 3.8 /opt/logship
run apply_async_generator 3.10 /opt/logship
run apply_async_generator 3.12 /opt/logship
run spawn_closure_scaler 3.9 /home/kenji/work/features
run spawn_closure_scaler 3.12 /home/kenji/work/features
run spawn_closure_scaler 3.13 /home/kenji/work/features
run report_buffer_py27 2.7 /opt/legacy-reports
run py27_pool_sockets 2.7 /opt/legacy-health
run b64_session_cache 2.7 /srv/shop
run b64_session_cache 3.8 /srv/shop
run b64_session_cache 3.13 /srv/shop
run parallel_decorator 3.8 /home/oliver/code/hashing
run parallel_decorator 3.10 /home/oliver/code/hashing
run parallel_decorator 3.13 /home/oliver/code/hashing
run init_config_missing 3.8 /srv/scorer
run init_config_missing 3.12 /srv/scorer
run init_config_missing 3.13 /srv/scorer
run manager_toplevel 3.8 /srv/metrics
run manager_toplevel 3.12 /srv/metrics
run manager_toplevel 3.13 /srv/metrics
run money_newargs 3.6 /home/fatima/code/ledger
run money_newargs 3.8 /home/fatima/code/ledger
run money_newargs 3.13 /home/fatima/code/ledger
run record_namedtuple 3.6 /opt/csvtools
run record_namedtuple 3.8 /opt/csvtools
run record_namedtuple 3.13 /opt/csvtools
prepare_torch
run torch_checkpoint_rename deb /home/mira/code/tinynet
run dask_archive_closure deb /srv/invoices
run joblib_dump_model deb /home/sam/code/online-model
run joblib_dump_model 3.11 /home/sam/code/online-model joblib,numpy
run cloudpickle_global_handler deb /opt/spool
run cloudpickle_global_handler 3.11 /opt/spool
run cloudpickle_global_handler 3.9 /opt/spool cloudpickle
run dill_request_context deb /srv/mailer
run dill_request_context 3.9 /srv/mailer dill
run dill_request_context 3.10 /srv/mailer dill
run word_tally_lambda 2.7 /home/ivan/code/wordcount
run word_tally_lambda 3.6 /home/ivan/code/wordcount
run word_tally_lambda 3.12 /home/ivan/code/wordcount
run thread_queue_spawn 3.8 /home/noor/code/pipeline
run thread_queue_spawn 3.12 /home/noor/code/pipeline
run control_group_average 3.9 /srv/reports
run control_group_average 3.13 /srv/reports
run control_feature_key 3.8 /opt/features
run control_feature_key 3.12 /opt/features
run control_org_chart 3.10 /home/hr/code/orgchart
run control_org_chart 3.12 /home/hr/code/orgchart
