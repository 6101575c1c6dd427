#!/bin/sh
# Damaged copies for tests/corpus/fresh/: each transformation below turns one real capture
# made by run.sh (NAME.pyX.Y.txt) into WRAP.NAME.pyX.Y.log, imitating how the text arrives
# when it is shipped by a log collector or pasted by a person. Deterministic: the same capture
# always gives the same copy. Needs awk, sed and jq. Usage: tests/captures/fresh/wrap.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$(cd "$here/../../corpus" && pwd)/fresh
cd "$dir"

# stamp FMT START_MS STEP_MS: prefix every line with a timestamp that advances STEP_MS per
# line (a collector stamps lines as they arrive); FMT is printf's, with %s for the time.
stamp() {
	awk -v fmt="$1" -v ms="$2" -v step="$3" '{
		t = ms + (NR - 1) * step
		s = int(t / 1000); m = t % 1000
		hms = sprintf("%02d:%02d:%02d", int(s / 3600) % 24, int(s / 60) % 60, s % 60)
		printf fmt, hms, m, $0
		printf "\n"
	}'
}

# 1. systemd journal (journalctl -u scorer): "Mon DD HH:MM:SS host unit[pid]: " on every line.
#    (%.0s swallows the milliseconds, which journalctl's default format does not print)
stamp "Nov 25 %s scorer-01 python3[2817]: %.0s%s" 29677000 40 \
	<init-config-missing.py3.13.txt >journald.init-config-missing.py3.13.log

# 2. kubectl logs --timestamps: RFC 3339 time with nanoseconds and Z, then one space.
stamp "2024-05-14T%s.%03d417203Z %s" 34267412 3 \
	<rate-limiter.py3.10.txt >kubectl-ts.rate-limiter.py3.10.log

# 3. Python logging shipped line by line (a handler that logs each stderr line of the child):
#    "YYYY-MM-DD HH:MM:SS,mmm LEVEL [process] " on every line, milliseconds advancing.
stamp "2024-05-14 %s,%03d ERROR [MainProcess] billing.worker: %s" 34267004 7 \
	<quota-error.py3.13.txt >log-prefix.quota-error.py3.13.log

# 4. docker compose v2: "service-N  | " before every line of the container's output.
sed 's/^/metrics-1  | /' <manager-toplevel.py3.12.txt >compose.manager-toplevel.py3.12.log

# 5. A GitHub reply quoting the original report: prose, then the report's fenced block with
#    "> " before every line (">" alone on empty lines, as GitHub's "Quote reply" does).
{
	printf 'Same here on 3.11 after moving the settings cache to pickle:\n\n'
	{
		printf '```\n'
		cat lazy-config.py3.11.txt
		printf '```\n'
	} | sed 's/^/> /; s/^> $/>/'
	printf '\nDid you find a workaround? Reverting to json for now.\n'
} >gh-quote.lazy-config.py3.11.log

# 6. An unfenced paste rendered as Markdown and copied back through an HTML-to-Markdown
#    converter: leading indentation lost, dunders turned into bold (__main__ -> **main**),
#    the remaining "_" and "<" escaped with a backslash.
sed 's/^[[:space:]]*//; s/__\([A-Za-z0-9]*\)__/**\1**/g; s/_/\\_/g; s/</\\</g' \
	<parallel-decorator.py3.10.txt >markdown-damaged.parallel-decorator.py3.10.log

# 7. CR LF line endings (a log file written on or copied through Windows).
sed 's/$/\r/' <cached-lookup.py3.12.txt >crlf.cached-lookup.py3.12.log

# 8. Pastes that start mid-traceback: everything before the first line matching the pattern
#    is lost (the "Traceback" header and the user's frames, or the first child's header).
sed -n '/, in next$/,$p' <sqlite-cursor-fanout.py3.12.txt >mid-traceback.sqlite-cursor-fanout.py3.12.log
sed -n '/, in _process_worker$/,$p' <shard-spawn.py3.13.txt >mid-traceback.shard-spawn.py3.13.log

# 9. A structured (JSON lines) logger: two INFO records, then the failure with the whole
#    traceback in one JSON string, newlines as \n.
{
	printf '{"ts":"2024-05-14T09:31:06.870Z","level":"INFO","logger":"edge.watch","msg":"watcher edge-1 started"}\n'
	printf '{"ts":"2024-05-14T09:31:06.902Z","level":"INFO","logger":"edge.watch","msg":"handing state to supervisor"}\n'
	jq -Rsc '{ts: "2024-05-14T09:31:06.915Z", level: "ERROR", logger: "edge.watch",
		msg: "supervisor handoff failed", exc_info: (. | rtrimstr("\n"))}' <epoll-pipe.py3.12.txt
} >json-log.epoll-pipe.py3.12.log

# 10. A question in a forum, in Spanish, with the traceback fenced in the middle.
{
	printf 'Hola, al recuperar la sesión del almacén me sale este error y no entiendo por qué:\n\n'
	printf '```python\n'
	cat b64-session-cache.py3.13.txt
	printf '```\n\n¿Alguna idea? Con la versión anterior funcionaba. Gracias\n'
} >forum-es.b64-session-cache.py3.13.log
