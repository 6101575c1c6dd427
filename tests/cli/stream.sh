#!/bin/sh
# Streaming and fleets through the real binary: --follow on a pipe a writer keeps open (the
# finding must arrive before the writer closes it), repeats updating counts, ndjson lines
# that each parse, SIGTERM and SIGINT ending a run with its summary; --merge of reports of
# three hosts (summed counts, earliest occurrence, hosts) and of bad reports. The input is
# real captures (tests/corpus/reference) written as a program's stderr reaches a pipe, as in
# "python app.py 2>&1 | pickdoc --follow". Ends with "N passed, M failed", exits 1 when M > 0.
# Usage: PICKDOC=path/to/pickdoc tests/cli/stream.sh   (POSIX sh, jq, timeout, mkfifo)
. "$(dirname "$0")/setup.sh"

REF=$CORPUS/reference
LOCK=$REF/lock.py3.12.txt
LOCAL=$REF/local-object.py3.12.txt

# check NAME CONDITION... : passes when the command succeeds, else fails with the output.
check() {
	check_name=$1
	shift
	if "$@" >/dev/null; then pass; else fail "$check_name" "$(excerpt "$WORK/out" stdout)" \
		"$(excerpt "$WORK/err" stderr)"; fi
}

# wait_for FILE JQ-OR-GREP PATTERN: up to 10 s for FILE to hold a line matching PATTERN
# (a jq filter over each ndjson line, or a grep pattern); the pipe's writer is still open.
wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		case $2 in
		jq) jq -e "$3" "$1" 2>/dev/null | grep -q true && return 0 ;;
		*) grep -q -- "$3" "$1" 2>/dev/null && return 0 ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# start_follow ARG...: pickdoc --follow ARG... reading the FIFO $WORK/in, which this shell
# holds open on descriptor 3 until stop_writer; its pid in $follower.
start_follow() {
	rm -f "$WORK/in"
	mkfifo "$WORK/in"
	"$PICKDOC" --follow --quiet-period=200 "$@" <"$WORK/in" >"$WORK/out" 2>"$WORK/err" &
	follower=$!
	exec 3>"$WORK/in"
}

# end_follow [SIGNAL]: closes the writer (or sends SIGNAL first) and waits, at most
# TIMEOUT seconds, for pickdoc; its status in $rc.
end_follow() {
	[ -n "${1:-}" ] && kill "-$1" "$follower"
	exec 3>&-
	i=0
	while kill -0 "$follower" 2>/dev/null && [ "$i" -lt $((TIMEOUT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$follower" 2>/dev/null && kill -KILL "$follower"
	wait "$follower"
	rc=$?
}

command -v jq >/dev/null 2>&1 || { echo "stream.sh: jq is needed" >&2; exit 2; }

# --- 1. --follow, ndjson: the finding before the pipe closes, repeats, the summary --------
start_follow -f ndjson --label host=web-1
cat "$LOCK" >&3
if wait_for "$WORK/out" jq 'select(.event == "finding") | .playbook == "unpicklable-object"'
then pass; else fail "follow: finding while the pipe is open" \
	"no finding line within 10 s of writing $LOCK" "$(excerpt "$WORK/out" stdout)"; fi
cat "$LOCK" "$LOCK" >&3
if wait_for "$WORK/out" jq 'select(.event == "repeat") | .occurrences == 3'; then pass; else
	fail "follow: repeats update the count" "no repeat line with occurrences 3" \
		"$(excerpt "$WORK/out" stdout)"
fi
cat "$LOCAL" >&3
if wait_for "$WORK/out" jq 'select(.event == "finding") | .playbook == "local-object"'; then
	pass; else fail "follow: a second failure" "$(excerpt "$WORK/out" stdout)"; fi
end_follow
check "follow: exit 0 at end of input" [ "$rc" -eq 0 ]
check "follow: every line is one JSON object" \
	sh -c '[ "$(jq -c . "$1" | wc -l)" -eq "$(wc -l <"$1")" ]' sh "$WORK/out"
check "follow: one finding line per failure, repeats not printed again" \
	[ "$(jq -r 'select(.event == "finding") | .playbook' "$WORK/out" | sort | tr '\n' ' ')" = \
	"local-object unpicklable-object " ]
check "follow: the summary is last, with the counts" \
	jq -e -s '.[-1] | .event == "summary" and .findings == 2 and .occurrences == 4 and
		(.counts | map(select(.playbook == "unpicklable-object"))[0].occurrences == 3)' \
	"$WORK/out"
check "follow: labels and fingerprint on every finding" \
	jq -e -s 'map(select(.event == "finding")) | all(.labels.host == "web-1" and
		(.fingerprint | test("^[0-9a-f]{16}$")) and .hosts == ["web-1"])' "$WORK/out"
cp "$WORK/out" "$WORK/web-1.ndjson"

# --- 2. --follow, text and Markdown: each finding at once, the summary on a signal --------
start_follow
cat "$LOCAL" >&3
if wait_for "$WORK/out" grep '^local-object '; then pass; else
	fail "follow, text: finding while the pipe is open" "$(excerpt "$WORK/out" stdout)"; fi
check "follow, text: no summary before the end" sh -c '! grep -q "^Summary" "$1"' sh "$WORK/out"
end_follow TERM
check "follow, text: SIGTERM ends with exit 0" [ "$rc" -eq 0 ]
check "follow, text: SIGTERM writes the summary" \
	grep -q '^<stdin>:1: local-object: make_adder.<locals>.add (x1)' "$WORK/out"

# Both copies in one write: written apart, a busy machine can let the quiet period end the
# first and the signal come before the second is read.
cat "$LOCK" "$LOCK" >"$WORK/lock-twice"
start_follow -f markdown
cat "$WORK/lock-twice" >&3
if wait_for "$WORK/out" grep '^## unpicklable-object'; then pass; else
	fail "follow, markdown: finding while the pipe is open" "$(excerpt "$WORK/out" stdout)"; fi
end_follow INT
check "follow, markdown: SIGINT ends with exit 0" [ "$rc" -eq 0 ]
check "follow, markdown: the summary table has the count" \
	grep -q '^| `unpicklable-object` | `<stdin>:1` | `_thread.lock` | 2 |$' "$WORK/out"

# A line only partly written (a progress bar that ends in '\r', never in '\n') holds back
# neither the finding before it nor a signal.
start_follow -f ndjson
cat "$LOCK" >&3
printf 'progress 10%%\r' >&3
if wait_for "$WORK/out" jq 'select(.event == "finding") | .playbook == "unpicklable-object"'
then pass; else fail "follow: a half-written line after the traceback" \
	"no finding within 10 s while the last line has no end" "$(excerpt "$WORK/out" stdout)"; fi
end_follow TERM
check "follow: SIGTERM while a line is half written ends with the summary" \
	jq -e -s '.[-1].event == "summary"' "$WORK/out"

# json: nothing before the end, then the one document.
start_follow -f json
cat "$LOCK" >&3
sleep 1
check "follow, json: nothing before the end" [ ! -s "$WORK/out" ]
end_follow
check "follow, json: one document at the end" \
	jq -e -s 'length == 1 and (.[0].findings | length) == 1' "$WORK/out"

# --- 3. ndjson without --follow: a line per finding, flushed, then the summary ----------
pickdoc -f ndjson "$LOCK" "$LOCAL" "$LOCK" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "ndjson: exit 0" [ "$rc" -eq 0 ]
check "ndjson: two findings then the summary, each line an object" \
	jq -e -s 'map(.event) == ["finding", "finding", "summary"] and .[0].occurrences == 2' \
	"$WORK/out"

# --- 4. --merge: three hosts, overlapping failures ------------------------------------------
pickdoc -f json --label host=web-2 "$LOCK" "$REF/lock.py3.11.txt" >"$WORK/web-2.json"
pickdoc -f json --label host=web-3 --label dc=eu "$LOCAL" "$LOCAL" >"$WORK/web-3.raw"
# web-3 saw local-object first: its report says so (the runs here are all from now).
jq '.findings[0].first_seen = "2020-01-02T03:04:05Z"' "$WORK/web-3.raw" >"$WORK/web-3.json"
pickdoc --merge -f json --label fleet=prod "$WORK/web-1.ndjson" "$WORK/web-2.json" \
	"$WORK/web-3.json" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "merge: exit 0" [ "$rc" -eq 0 ]
check "merge: counts add up by fingerprint" \
	jq -e '(.findings | length) == 2 and
		(.findings[] | select(.playbook == "unpicklable-object") | .occurrences) == 5 and
		(.findings[] | select(.playbook == "local-object") | .occurrences) == 3' "$WORK/out"
check "merge: the hosts that saw each failure" \
	jq -e '(.findings[] | select(.playbook == "unpicklable-object") | .hosts) ==
		["web-1", "web-2"] and
		(.findings[] | select(.playbook == "local-object") | .hosts) == ["web-1", "web-3"]' \
	"$WORK/out"
check "merge: the earliest occurrence and its host" \
	jq -e '.findings[] | select(.playbook == "local-object") |
		.first_host == "web-3" and .first_seen == "2020-01-02T03:04:05Z"' "$WORK/out"
check "merge: the merge's own labels" jq -e '.labels == {"fleet": "prod"}' "$WORK/out"
pickdoc --merge -b "$WORK/web-1.ndjson" "$WORK/web-2.json" "$WORK/web-3.json" \
	>"$WORK/out" 2>"$WORK/err"
check "merge, brief text: hosts shown" \
	grep -q 'local-object: make_adder.<locals>.add (x3) .* \[hosts: web-1, web-3 (first on web-3)\]' \
	"$WORK/out"
# Host names are labels, any text: in Markdown each is a code span of its own, so a
# backtick in one does not pair with one in the next.
pickdoc -f json --label 'host=web`1 *x*' "$LOCAL" >"$WORK/tick-1.json" 2>"$WORK/err"
pickdoc -f json --label 'host=db`2' "$LOCAL" >"$WORK/tick-2.json" 2>"$WORK/err"
pickdoc --merge -f markdown "$WORK/tick-1.json" "$WORK/tick-2.json" >"$WORK/out" 2>"$WORK/err"
check "merge, Markdown: each host its own code span" \
	grep -Fqx -- '- **Hosts:** ``web`1 *x*``, ``db`2`` (first on ``web`1 *x*``)' "$WORK/out"

# A file a restarted --follow appended to holds two runs: each finding has its own run's count.
pickdoc -f ndjson --label host=web-4 "$LOCK" "$LOCK" "$LOCK" >"$WORK/web-4.ndjson" 2>"$WORK/err"
pickdoc -f ndjson --label host=web-4 "$LOCK" >>"$WORK/web-4.ndjson" 2>"$WORK/err"
pickdoc --merge -f json "$WORK/web-4.ndjson" >"$WORK/out" 2>"$WORK/err"
check "merge: two runs appended to one ndjson file add up" \
	jq -e '.findings | length == 1 and .[0].occurrences == 4' "$WORK/out"

# --- 5. --merge of bad reports: one line naming each, the others still merged --------------
pickdoc --merge -f json "$WORK/web-2.json" "$LOCK" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "merge: a log is no report: exit 2" [ "$rc" -eq 2 ]
check "merge: the error names the file, line and column" \
	grep -Eq "^pickdoc: $LOCK:1:[0-9]+: error: not a pickdoc report" "$WORK/err"
check "merge: one line per bad file" [ "$(wc -l <"$WORK/err")" -eq 1 ]
check "merge: the good report is merged all the same" \
	jq -e '.findings[0].occurrences == 2' "$WORK/out"
echo '{"pickdoc": "0.1.0"}' >"$WORK/other.json"
pickdoc --merge -f json "$WORK/other.json" "$WORK/missing.json" "$WORK/web-2.json" \
	>"$WORK/out" 2>"$WORK/err"
rc=$?
check "merge: unreadable wins: exit 3" [ "$rc" -eq 3 ]
check "merge: unreadable and not a report, each named" \
	sh -c 'grep -q "other.json: error: not a pickdoc report" "$1" &&
		grep -q "missing.json: error: cannot read: No such file" "$1"' sh "$WORK/err"
check "merge: still the good one" jq -e '.findings[0].occurrences == 2' "$WORK/out"
pickdoc --merge >"$WORK/out" 2>"$WORK/err"
rc=$?
check "merge: no report given: exit 2" [ "$rc" -eq 2 ]

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
