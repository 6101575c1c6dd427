#!/bin/sh
# Captures the holdout set: runs each script of this directory from a project-like directory
# with real pyenv interpreters and writes stdout+stderr, as printed, to
# tests/corpus/holdout/<script>.py<X.Y>.txt.  Usage: tests/captures/holdout/run.sh [SCRIPT...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../corpus" && pwd)/holdout
mkdir -p "$out"
. "$here/../capture-lib.sh"

# script  project-directory  versions  [command: the script run by its name, from its
# directory, where the matrix says so]
matrix='
etl_loader        /srv/jobs/etl                      3.8 3.12 3.13
thumbnailer       /home/deploy/apps/media-thumbs     2.7 3.6 3.13  "$python" thumbnailer.py
report_mailer     /opt/acme/billing/reports          3.10 3.12
ledger_sync       /tmp/ledger-sync-2024              3.6 3.13
socket_fanout     /srv/relay                         3.6 3.12      "$python" socket_fanout.py
invoice_codec     /opt/acme/billing/codec            2.7 3.10 3.13
geo_tiles         /home/deploy/apps/geo-tiles/src    3.8 3.12
price_partial     /srv/jobs/pricing                  3.10 3.13     "$python" price_partial.py
nightly_job       /var/lib/nightly-export            2.7 3.6 3.12
proc_prefix       /srv/cache-snapshots               2.7 3.8 3.13
spawn_heartbeat   /opt/monitor                       3.8 3.12 3.13
crawl_unguarded   /tmp/crawler-proj/crawler          3.10 3.13
queue_consumer    /srv/orders/consumers              3.6 3.12      "$python" queue_consumer.py
job_spec          /home/deploy/apps/reindexer        3.8 3.13
handler_registry  /srv/jobs/etl/handlers             2.7 3.10 3.12
cache_entry       /opt/acme/cachekit                 2.7 3.6 3.12  "$python" cache_entry.py
sensor_reading    /srv/telemetry                     3.8 3.13
stats_worker      /srv/jobs/stats                    3.6 3.12
'

capture_underscores=keep
capture_matrix "$out/" "$matrix" "$@"
