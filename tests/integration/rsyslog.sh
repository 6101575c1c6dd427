#!/bin/sh
# The rsyslog integration: a real rsyslogd, run as the current user from a throw-away
# directory (its own configuration, pid file and work directory; no system socket, no
# system log), tails a log file with imfile and pipes each line to
# "pickdoc --follow --format ndjson" with omprog, as a node of a fleet would.  Real
# captures (tests/corpus/reference) are appended to the log file as a program would write
# its stderr there; the findings must reach pickdoc's result file with the right playbooks
# and counts within a time limit.  rsyslogd is stopped at the end whatever happens.
# Prints "N passed, M failed", or one "SKIP" line when rsyslogd is not there (it is then
# counted as neither); exits 1 when M > 0.
# Usage: PICKDOC=path/to/pickdoc tests/integration/rsyslog.sh   (POSIX sh, jq)
. "$(dirname "$0")/../cli/setup.sh"

EXCERPT_END=tail   # rsyslogd and pickdoc say why they stopped at the end
RSYSLOGD=${RSYSLOGD:-$(command -v rsyslogd || echo /usr/sbin/rsyslogd)}
REF=$CORPUS/reference
LIMIT=${PICKDOC_RSYSLOG_SECONDS:-30}

if [ ! -x "$RSYSLOGD" ]; then
	echo "SKIP rsyslog integration: no rsyslogd (Debian package rsyslog could not be installed)"
	exit 0
fi
command -v jq >/dev/null 2>&1 || { echo "rsyslog.sh: jq is needed" >&2; exit 2; }

DIR=$WORK/rsyslog
mkdir -p "$DIR/work"
: >"$DIR/app.log"
# imfile hands each line over as it is, with no control character escaped (a traceback's
# tabs stay tabs, so the test does not depend on pickdoc decoding "#011"); the template
# writes the line alone, so pickdoc reads what the program wrote.
cat >"$DIR/rsyslog.conf" <<CONF
global(workDirectory="$DIR/work" parser.escapeControlCharactersOnReceive="off")
module(load="imfile" mode="polling" PollingInterval="1")
module(load="omprog")
template(name="line" type="string" string="%rawmsg%\n")
input(type="imfile" File="$DIR/app.log" Tag="app:" ruleset="pickdoc")
ruleset(name="pickdoc") {
	action(type="omprog" template="line" output="$DIR/result.ndjson"
	       binary="$PICKDOC --follow --format ndjson --label host=it-node")
}
CONF

# Stopped at the end whatever happens: the trap of setup.sh removes WORK after this.
rsyslog_pid=
stop_rsyslog() {
	if [ -n "$rsyslog_pid" ] && kill -0 "$rsyslog_pid" 2>/dev/null; then
		kill -TERM "$rsyslog_pid" 2>/dev/null
		i=0
		while kill -0 "$rsyslog_pid" 2>/dev/null && [ "$i" -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$rsyslog_pid" 2>/dev/null
	fi
	rsyslog_pid=
}
trap 'stop_rsyslog; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

"$RSYSLOGD" -n -f "$DIR/rsyslog.conf" -i "$DIR/rsyslogd.pid" >"$DIR/rsyslogd.out" 2>&1 &
rsyslog_pid=$!

# wait_for JQ-FILTER: up to LIMIT seconds for a result line the filter is true of.
wait_for() {
	i=0
	while [ "$i" -lt $((LIMIT * 10)) ]; do
		jq -e "$1" "$DIR/result.ndjson" 2>/dev/null | grep -q true && return 0
		kill -0 "$rsyslog_pid" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

sleep 1
cat "$REF/lock.py3.12.txt" >>"$DIR/app.log"
if wait_for 'select(.event == "finding") | .playbook == "unpicklable-object" and
		.labels.host == "it-node"'; then pass; else
	fail "rsyslog: the finding arrives" "no unpicklable-object finding within $LIMIT s" \
		"$(excerpt "$DIR/result.ndjson" result)" "$(excerpt "$DIR/rsyslogd.out" rsyslogd)"
fi
cat "$REF/lock.py3.11.txt" "$REF/local-object.py3.12.txt" >>"$DIR/app.log"
if wait_for 'select(.event == "finding") | .playbook == "local-object" and
		.subject == "make_adder.<locals>.add"'; then pass; else
	fail "rsyslog: a second failure" "no local-object finding within $LIMIT s" \
		"$(excerpt "$DIR/result.ndjson" result)"
fi
if wait_for 'select(.event == "repeat") | .playbook == "unpicklable-object" and
		.occurrences == 2'; then pass; else
	fail "rsyslog: the repeat is counted" "no repeat line with occurrences 2 within $LIMIT s" \
		"$(excerpt "$DIR/result.ndjson" result)"
fi
stop_rsyslog
# rsyslogd closes the pipe on its way out: pickdoc writes its summary then.
i=0
while ! grep -q '"event":"summary"' "$DIR/result.ndjson" 2>/dev/null && [ "$i" -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if jq -e -s 'map(select(.event == "summary"))[0] | .findings == 2 and .occurrences == 3' \
	"$DIR/result.ndjson" >/dev/null 2>&1; then pass; else
	fail "rsyslog: the summary when rsyslogd stops" "expected 2 findings, 3 occurrences" \
		"$(excerpt "$DIR/result.ndjson" result)"
fi
if jq -c . "$DIR/result.ndjson" >/dev/null 2>&1; then pass; else
	fail "rsyslog: every result line is JSON" "$(excerpt "$DIR/result.ndjson" result)"
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
