#!/bin/sh
# Makes the wrapped-log fixtures of tests/corpus/wrapped/ from real captures in
# tests/corpus/reference/ and tests/corpus/extra/: each capture is written the way a log
# system stores a program's stderr (Docker's json-file driver, journalctl -o json,
# python-json-logger, rsyslog, a logger printing repr() of a traceback, kubectl logs --prefix
# of three pods, GitHub Actions' and GitLab CI's timestamped job logs, three workers told
# apart by their pids, gzip, zstd, a logrotate set, a rotation that cut a traceback in two).  tests/corpus/wrapped/README.md documents each
# file; sources.tsv names the raw capture(s) each one must be diagnosed like.
# Deterministic: running it again rewrites the same bytes (gzip -n, fixed times and ids).
# Needs jq, gzip, zstd and python3 (for repr()).  Usage: tests/captures/make-wrapped.sh
set -eu
corpus=$(cd "$(dirname "$0")/../corpus" && pwd)
out=$corpus/wrapped
mkdir -p "$out" "$out/rotation"
export LC_ALL=C
cd "$corpus"

# Docker's json-file driver: one JSON object per line the program wrote, the line with its
# newline in "log", the stream, and a nanosecond time.
docker_json() {
	jq -R -c '{log: (. + "\n"), stream: "stderr",
		time: ("2024-05-01T12:00:03.\(1000000 + input_line_number | tostring | .[1:])000Z")}' "$1"
}
docker_json reference/cf-lambda.py3.12.txt >"$out/docker.cf-lambda.py3.12.log"

# journalctl -o json of a service's stderr: one entry per line, journald's fields, the line
# in MESSAGE (ASCII here, so a string), with a start-up line of another unit before it.
journal_json() {
	jq -R -c --arg unit "$2" --arg ident "$3" --arg pid "$4" --argjson n "$5" '
		{__CURSOR: "s=6f1e;i=\($n + input_line_number)",
		 __REALTIME_TIMESTAMP: "\(1714564803000000 + $n + input_line_number)",
		 _BOOT_ID: "4b8c0e6d2f1a4e7c9d3b5a6f8e0c1d2b", PRIORITY: "3", _TRANSPORT: "stdout",
		 _SYSTEMD_UNIT: $unit, SYSLOG_IDENTIFIER: $ident, _PID: $pid, _COMM: $ident,
		 MESSAGE: .}' "$1"
}
{
	printf 'Started worker.service - batch worker.\n' |
		journal_json /dev/stdin init.scope systemd 1 1000
	journal_json reference/lock.py2.7.txt worker.service worker 4242 1001
} >"$out/journald.lock.py2.7.log"

# python-json-logger: logger.exception("job failed") writes one JSON line; the formatted
# traceback is exc_info, with real newlines inside the string.
{
	printf '{"asctime": "2024-05-01 12:00:02,998", "levelname": "INFO", "name": "app", "message": "job started"}\n'
	jq -R -s -c '{asctime: "2024-05-01 12:00:03,123", levelname: "ERROR", name: "app",
		message: "job failed", exc_info: (. | rtrimstr("\n"))}' reference/file-handle.py3.8.txt
} >"$out/json-logger.file-handle.py3.8.log"

# rsyslog with its default $EscapeControlCharactersOnReceive: a message that held newlines
# arrives as one line, each newline as #012 and each tab as #011.
{
	printf 'May  1 12:00:02 host app[4242]: starting\n'
	awk 'BEGIN { printf "May  1 12:00:03 host app[4242]: " }
	     { gsub(/\t/, "#011"); printf "%s%s", (NR > 1 ? "#012" : ""), $0 }
	     END { print "" }' extra/note-path-method.py3.14.txt
	printf 'May  1 12:00:04 host app[4242]: exiting\n'
} >"$out/rsyslog.note-path-method.py3.14.log"

# A logger that printed repr() of the captured traceback text: one line, literal \n.
python3 -c 'import sys; sys.stdout.write("2024-05-01 12:00:03,123 ERROR job 7 failed: %r\n" % sys.stdin.read())' \
	<reference/copy-deepcopy-lock.py3.13.txt >"$out/escaped.copy-deepcopy-lock.py3.13.log"

# kubectl logs --prefix over three pods whose lines arrived interleaved, one line of each in
# turn: each line carries its pod's [pod/NAME/CONTAINER] prefix.
awk 'function emit(pod, line) { printf "[pod/%s/worker] %s\n", pod, line }
	BEGIN {
		a = ARGV[1]; b = ARGV[2]; c = ARGV[3]
		for (;;) {
			ra = (getline la < a) > 0; rb = (getline lb < b) > 0; rc = (getline lc < c) > 0
			if (!ra && !rb && !rc) break
			if (ra) emit("batch-7d9f8b6c4-x2x9k", la)
			if (rb) emit("batch-7d9f8b6c4-q8w4m", lb)
			if (rc) emit("batch-7d9f8b6c4-h5t2z", lc)
		}
	}' reference/cf-lambda.py3.12.txt reference/mp-pool-unpicklable-arg.py3.13.txt \
	reference/mp-pool-local-function.py3.8.txt >"$out/kubectl-prefix.3-pods.log"

# A CI job's log as GitHub Actions' raw log keeps it: each line after its UTC time with
# seven decimals; and as GitLab keeps it with timestamps on: the time with six decimals,
# then the stream's id and kind ("01E": stream 1, stderr).
awk '{ printf "2024-05-01T12:00:%02d.%07dZ %s\n", NR % 60, NR * 1234567 % 10000000, $0 }' \
	reference/mp-pool-local-function.py3.12.txt >"$out/github-actions.mp-pool-local-function.py3.12.log"
awk '{ printf "2024-05-01T12:00:%02d.%06dZ 01E %s\n", NR % 60, NR * 123457 % 1000000, $0 }' \
	reference/cf-unpicklable-result.py3.13.txt >"$out/gitlab-ci.cf-unpicklable-result.py3.13.log"

# Three worker processes of one service writing to one file, each line stamped with the
# time and the writer's pid in brackets (a per-line "%(asctime)s [%(process)d]" format), the
# lines interleaved one of each in turn: only the pid tells the workers apart.
awk 'function emit(pid, line) { printf "2024-05-01 12:00:03,%03d [%d] %s\n", ++n % 1000, pid, line }
	BEGIN {
		a = ARGV[1]; b = ARGV[2]; c = ARGV[3]
		for (;;) {
			ra = (getline la < a) > 0; rb = (getline lb < b) > 0; rc = (getline lc < c) > 0
			if (!ra && !rb && !rc) break
			if (ra) emit(4242, la)
			if (rb) emit(4243, lb)
			if (rc) emit(4318, lc)
		}
	}' reference/mp-pool-lambda.py3.12.txt reference/file-handle.py3.8.txt \
	reference/local-class.py3.12.txt >"$out/pid-prefix.3-workers.log"

# gzip, as logrotate's compress leaves it; two members (the first half of the lines, then the
# rest), as appending to a .gz or cat a.gz b.gz makes it.
lines=$(wc -l <reference/mp-pool-unpicklable-arg.py3.13.txt)
{
	head -n $((lines / 2)) reference/mp-pool-unpicklable-arg.py3.13.txt | gzip -n -9
	tail -n +$((lines / 2 + 1)) reference/mp-pool-unpicklable-arg.py3.13.txt | gzip -n -9
} >"$out/gzip-members.mp-pool-unpicklable-arg.py3.13.log.gz"

# zstd, as logrotate with compresscmd zstd leaves it.
zstd -q -19 -c reference/generator.py3.14.txt >"$out/zstd.generator.py3.14.log.zst"

# A logrotate set: app.log (newest, plain), app.log.1 (plain), app.log.2.gz; a failure in
# each, every line under the logging module's default prefix.
prefix() { sed "s/^/2024-05-0$2 12:00:03,123 ERROR app: /" "$1"; }
prefix reference/mp-pool-lambda.py3.12.txt 3 >"$out/rotation/app.log"
prefix reference/ctypes-pointer.py2.7.txt 2 >"$out/rotation/app.log.1"
prefix reference/local-class.py3.12.txt 1 | gzip -n -9 >"$out/rotation/app.log.2.gz"

# A rotation that cut a traceback in two: logrotate moved app.log to app.log.1 (gzipped)
# after the first half of the lines of a traceback, the rest went to the new app.log.
mkdir -p "$out/rotation-cut"
lines=$(wc -l <reference/cf-lambda.py3.12.txt)
{
	echo "2024-05-01 23:59:59,870 INFO app: processed item 9 in 12 ms"
	head -n $((lines / 2)) reference/cf-lambda.py3.12.txt | sed "s/^/2024-05-01 23:59:59,871 ERROR app: /"
} | gzip -n -9 >"$out/rotation-cut/app.log.1.gz"
{
	tail -n +$((lines / 2 + 1)) reference/cf-lambda.py3.12.txt | sed "s/^/2024-05-02 00:00:00,002 ERROR app: /"
	echo "2024-05-02 00:00:00,105 INFO app: processed item 10 in 9 ms"
} >"$out/rotation-cut/app.log"

# Which raw captures each fixture must be diagnosed like (read by tests/cli/wrapped.sh).
cat >"$out/sources.tsv" <<'EOF'
# wrapped fixture	raw captures (space-separated), relative to tests/corpus/
docker.cf-lambda.py3.12.log	reference/cf-lambda.py3.12.txt
journald.lock.py2.7.log	reference/lock.py2.7.txt
json-logger.file-handle.py3.8.log	reference/file-handle.py3.8.txt
rsyslog.note-path-method.py3.14.log	extra/note-path-method.py3.14.txt
escaped.copy-deepcopy-lock.py3.13.log	reference/copy-deepcopy-lock.py3.13.txt
kubectl-prefix.3-pods.log	reference/cf-lambda.py3.12.txt reference/mp-pool-unpicklable-arg.py3.13.txt reference/mp-pool-local-function.py3.8.txt
github-actions.mp-pool-local-function.py3.12.log	reference/mp-pool-local-function.py3.12.txt
gitlab-ci.cf-unpicklable-result.py3.13.log	reference/cf-unpicklable-result.py3.13.txt
pid-prefix.3-workers.log	reference/mp-pool-lambda.py3.12.txt reference/file-handle.py3.8.txt reference/local-class.py3.12.txt
gzip-members.mp-pool-unpicklable-arg.py3.13.log.gz	reference/mp-pool-unpicklable-arg.py3.13.txt
zstd.generator.py3.14.log.zst	reference/generator.py3.14.txt
rotation/*	reference/mp-pool-lambda.py3.12.txt reference/ctypes-pointer.py2.7.txt reference/local-class.py3.12.txt
rotation-cut/*	reference/cf-lambda.py3.12.txt
EOF
