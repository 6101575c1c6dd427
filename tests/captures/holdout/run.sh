#!/bin/sh
# Captures the holdout set: runs each script of this directory from a project-like directory
# with real pyenv interpreters and writes stdout+stderr, as printed, to
# tests/corpus/holdout/<script>.py<X.Y>.txt.  Usage: tests/captures/holdout/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/holdout
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  how-invoked(abs|rel)  versions
matrix='
etl_loader        /srv/jobs/etl                      abs 3.8 3.12 3.13
thumbnailer       /home/deploy/apps/media-thumbs     rel 2.7 3.6 3.13
report_mailer     /opt/acme/billing/reports          abs 3.10 3.12
ledger_sync       /tmp/ledger-sync-2024              abs 3.6 3.13
socket_fanout     /srv/relay                         rel 3.6 3.12
invoice_codec     /opt/acme/billing/codec            abs 2.7 3.10 3.13
geo_tiles         /home/deploy/apps/geo-tiles/src    abs 3.8 3.12
price_partial     /srv/jobs/pricing                  rel 3.10 3.13
nightly_job       /var/lib/nightly-export            abs 2.7 3.6 3.12
proc_prefix       /srv/cache-snapshots               abs 2.7 3.8 3.13
spawn_heartbeat   /opt/monitor                       abs 3.8 3.12 3.13
crawl_unguarded   /tmp/crawler-proj/crawler          abs 3.10 3.13
queue_consumer    /srv/orders/consumers              rel 3.6 3.12
job_spec          /home/deploy/apps/reindexer        abs 3.8 3.13
handler_registry  /srv/jobs/etl/handlers             abs 2.7 3.10 3.12
cache_entry       /opt/acme/cachekit                 rel 2.7 3.6 3.12
sensor_reading    /srv/telemetry                     abs 3.8 3.13
stats_worker      /srv/jobs/stats                    abs 3.6 3.12
'

echo "$matrix" | while read -r name dir how vers; do
	[ -n "$name" ] && wanted "$name" "$@" || continue
	mkdir -p "$dir"
	cp "$here/$name.py" "$dir/$name.py"
	for v in $vers; do
		py=$(interp "$v") || continue
		if [ "$how" = abs ]; then arg="$dir/$name.py"; else arg="$name.py"; fi
		run_clean "$dir" "$py" "$arg" >"$out/$name.py$v.txt" 2>&1
		echo "$name.py$v: exit $?"
	done
done
