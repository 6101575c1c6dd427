#!/bin/sh
# tools/bench_log.sh MIB OUT: writes the benchmark's service log, MIB MiB of it, to OUT.
# The log is what a pool of worker processes leaves behind: mostly chatter (items processed,
# heartbeats, retries), and now and then a real traceback captured from CPython 3.12
# (tests/corpus/reference/*.py3.12.txt, one or more per playbook, plus a failure no playbook
# covers) that some worker printed.  The same few failures come back from many workers, as
# they do when every worker runs the same broken task.
#
# Four kinds of workers write into the one file, each the way its system writes lines:
#   - Python logging (format "%(asctime)s %(levelname)s [%(processName)s] %(message)s"):
#     logger.exception prints its message under the prefix and the traceback bare after it;
#   - Celery workers ("[%(asctime)s: %(levelname)s/%(processName)s] %(message)s"), likewise;
#   - kubectl logs --prefix: every line, traceback lines too, behind "[pod/NAME/CONTAINER] ";
#   - docker compose logs: every line behind "worker-N  | ".
# A logger that printed only the exception (logger.error("%s: %s", type, message)) leaves
# the last line of a capture alone under its prefix: a bare exception line.
# A traceback is written whole, as one write(2) of a logging record is.  One traceback comes
# every 1500 chatter lines on average (about 2.5% of the lines).  The output depends only on
# MIB (a fixed seed), so a smaller log is the start of a bigger one.
set -eu
mib=$1
out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
ref=$top/tests/corpus/reference
captures="mp-pool-worker-exception reduce-bad-return billiard-worker-lost cf-lambda
mp-pool-local-function mp-spawn-guarded-function mp-spawn-no-main-guard not-same-object
recursion cf-unpicklable-result cloudpickle-lock-closure copy-deepcopy-lock invalid-load-key
unpickle-missing-class"

# One capture after another, each line tagged with its capture's number.
list=$(mktemp "${TMPDIR:-/tmp}/bench_log.XXXXXX")
trap 'rm -f "$list"' EXIT
n=0
for c in $captures; do
	awk -v n=$n '{ print n "\t" $0 }' "$ref/$c.py3.12.txt" >>"$list"
	n=$((n + 1))
done

LC_ALL=C gawk -F'\t' -v limit=$((mib * 1048576)) '
function stamp(style,    t) {
	t = i / 40                                  # 40 lines a second
	if (style == 0)
		return sprintf("2024-05-01 %02d:%02d:%02d,%03d", 8 + int(t / 3600) % 14,
			       int(t / 60) % 60, int(t) % 60, (i * 7) % 1000)
	return sprintf("2024-05-01T%02d:%02d:%02d.%03dZ", 8 + int(t / 3600) % 14,
		       int(t / 60) % 60, int(t) % 60, (i * 7) % 1000)
}
# The prefix worker W puts before a line of LEVEL (an empty string for a bare traceback
# line when LEVEL is "").
function prefix(w, level,    style) {
	style = w % 4
	if (style == 0)
		return level == "" ? "" : stamp(0) " " level " [ForkPoolWorker-" w "] "
	if (style == 1)
		return level == "" ? "" : "[" stamp(0) ": " level "/ForkPoolWorker-" w "] "
	if (style == 2)
		return "[pod/ingest-7d9f" w "-x2k/worker] " (level == "" ? "" : stamp(1) " " level " ")
	return "worker-" w "  | " (level == "" ? "" : stamp(0) " " level " ")
}
function emit(s) { print s; size += length(s) + 1; i++ }
function chatter(w,    r) {
	r = rand()
	if (r < 0.70)
		emit(prefix(w, "INFO") "processed item " i " in " int(rand() * 500) " ms (queue depth " int(rand() * 40) ")")
	else if (r < 0.85)
		emit(prefix(w, "DEBUG") "fetched https://api.example.com/v2/items/" i "?page=" int(rand() * 9) ": 200 OK, " int(rand() * 90000) " bytes")
	else if (r < 0.95)
		emit(prefix(w, "INFO") "heartbeat: rss=" int(rand() * 900) "MiB open_files=" int(rand() * 60) " tasks_done=" i)
	else
		emit(prefix(w, "WARNING") "retrying item " i " after timeout (attempt " int(rand() * 3 + 1) " of 3)")
}
function traceback(w, c,    k) {
	if (rand() < 0.15) {                        # the logger printed only the exception
		emit(prefix(w, "ERROR") line[c, len[c] - 1])
		return
	}
	emit(prefix(w, "ERROR") "task " i " failed")
	for (k = 0; k < len[c]; k++)
		emit(prefix(w, "") line[c, k])
}
{ line[$1, len[$1]++] = substr($0, index($0, "\t") + 1); if ($1 + 1 > nc) nc = $1 + 1 }
END {
	srand(42); size = 0; i = 0
	while (size < limit) {
		w = int(rand() * 48) + 1
		if (rand() < 1 / 1500)
			traceback(w, int(rand() * nc))
		else
			chatter(w)
	}
}' "$list" >"$out"
