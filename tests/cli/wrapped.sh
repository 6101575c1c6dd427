#!/bin/sh
# The wrapped-log suite: runs the real binary ($PICKDOC, default ./pickdoc) over the fixtures
# of tests/corpus/wrapped/ (real captures as Docker, journald, JSON loggers, rsyslog,
# kubectl --prefix, CI runners, pid-tagged workers, gzip, zstd and logrotate store them;
# tests/captures/make-wrapped.sh) and checks that each is diagnosed as its raw capture is:
# the labelled primary finding, the same findings, the same parsed records; then --input,
# compressed stdin, a corrupt member of a rotation set, a rotation set's order, and the
# times logs and containers say.  Ends with "N passed, M failed" and exits 1 when M > 0.
# Usage: PICKDOC=path/to/pickdoc tests/cli/wrapped.sh   (POSIX sh, jq, timeout, gzip)
. "$(dirname "$0")/setup.sh"

WRAPPED=$CORPUS/wrapped

finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
	exit
}

if [ ! -x "$PICKDOC" ]; then
	fail "binary" "$PICKDOC is not an executable file (build it with make, or set PICKDOC)"
	finish
fi
command -v jq >/dev/null 2>&1 || { echo "wrapped.sh: jq is needed" >&2; exit 2; }

# findings FILE...: each finding's playbook, subject and count, sorted, one per line.
findings() {
	pickdoc -f json "$@" 2>/dev/null |
		jq -r '.findings[] | "\(.playbook) \(.subject) \(.occurrences)"' | sort
}

# records FILE...: the parsed exceptions, their frames and messages, without line numbers
# or channels (which a wrapper may change), sorted.
records() {
	pickdoc --dump=records "$@" 2>/dev/null |
		sed -e 's/ line [0-9]*//; s/ (input line [0-9]*)//; s/ channel=.*//' -e '/^record /d' |
		sort
}

# 1. Each labelled fixture: exit 0 and the primary finding of its label.
while IFS='	' read -r file playbook subject note occurrences first_line; do
	case $file in '#'* | '') continue ;; esac
	pickdoc -f json "$WRAPPED/$file" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ "$rc" -eq 0 ] && jq -e --arg pb "$playbook" --arg subj "$subject" \
		--arg occ "${occurrences:-}" --arg first "${first_line:-}" '
		.findings[0] as $f
		| ($pb | split("|") | index($f.playbook) != null)
		and ($subj == "*" or ($subj | split("|") | index($f.subject // "-") != null))
		and ($occ == "" or $f.occurrences == ($occ | tonumber))
		and ($first == "" or $f.first_line == ($first | tonumber))' \
		"$WORK/out" >/dev/null 2>&1; then
		pass
	else
		fail "wrapped/$file ($note)" \
			"exit $rc; expected 0 and $playbook, subject $subject${occurrences:+, $occurrences x from line $first_line}" \
			"got: $(jq -c '[.findings[] | [.playbook, .subject, .occurrences, .first_line]]' "$WORK/out" 2>/dev/null)" \
			"$(head -n 3 "$WORK/err")"
	fi
done <"$WRAPPED/labels.tsv"

# 2. Each fixture against its raw captures: the same findings and the same records.
while IFS='	' read -r fixture raws; do
	case $fixture in '#'* | '') continue ;; esac
	# shellcheck disable=SC2086 # a glob and lists of files, split on purpose
	set -- $(cd "$CORPUS" && for r in $raws; do printf '%s ' "$CORPUS/$r"; done)
	cat "$@" >"$WORK/raw"
	# shellcheck disable=SC2086
	set -- $(for w in "$WRAPPED"/$fixture; do printf '%s ' "$w"; done)
	findings "$WORK/raw" >"$WORK/want"
	findings "$@" >"$WORK/got"
	if [ -s "$WORK/want" ] && cmp -s "$WORK/want" "$WORK/got"; then pass; else
		fail "wrapped/$fixture: findings differ from the raw capture's" \
			"$(diff -u "$WORK/want" "$WORK/got" | tail -n +3)"
	fi
	records "$WORK/raw" >"$WORK/want"
	records "$@" >"$WORK/got"
	if [ -s "$WORK/want" ] && cmp -s "$WORK/want" "$WORK/got"; then pass; else
		fail "wrapped/$fixture: parsed records differ from the raw capture's" \
			"$(diff -u "$WORK/want" "$WORK/got" | head -n 20 | tail -n +3)"
	fi
done <"$WRAPPED/sources.tsv"

# 3. A container that keeps one line per line keeps the line numbers: the whole dump of the
# records is the raw capture's.
for pair in docker.cf-lambda.py3.12.log:reference/cf-lambda.py3.12.txt \
	gzip-members.mp-pool-unpicklable-arg.py3.13.log.gz:reference/mp-pool-unpicklable-arg.py3.13.txt \
	zstd.generator.py3.14.log.zst:reference/generator.py3.14.txt; do
	pickdoc --dump=records "$WRAPPED/${pair%%:*}" 2>&1 | sed 's/^record \([0-9-]*\).*/record \1/' >"$WORK/got"
	pickdoc --dump=records "$CORPUS/${pair#*:}" 2>&1 | sed 's/^record \([0-9-]*\).*/record \1/' >"$WORK/want"
	if cmp -s "$WORK/want" "$WORK/got"; then pass; else
		fail "wrapped/${pair%%:*}: records or line numbers differ" \
			"$(diff -u "$WORK/want" "$WORK/got" | head -n 20 | tail -n +3)"
	fi
done

# 4. --input: told text, a Docker log's JSON is not decoded (only exception lines seen alone,
# no frame, are found in it); told json, it is read as guessed; an unknown format is a usage
# error.
DOCKER=$WRAPPED/docker.cf-lambda.py3.12.log
pickdoc --input=text --dump=records "$DOCKER" >"$WORK/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^exc .* noheader$' "$WORK/out" && ! grep -q '^  frame ' "$WORK/out"; then
	pass
else
	fail "--input=text on a Docker log" "exit $rc; expected records without frames" \
		"$(head -n 5 "$WORK/out")"
fi
findings "$DOCKER" >"$WORK/want"
pickdoc --input json -f json "$DOCKER" 2>/dev/null |
	jq -r '.findings[] | "\(.playbook) \(.subject) \(.occurrences)"' | sort >"$WORK/got"
if [ -s "$WORK/want" ] && cmp -s "$WORK/want" "$WORK/got"; then pass; else
	fail "--input json on a Docker log" "expected the findings of the guessed format"
fi
pickdoc --input=escaped -f json "$WRAPPED/escaped.copy-deepcopy-lock.py3.13.log" >"$WORK/out" 2>&1
if jq -e '.findings[0].subject == "_thread.lock"' "$WORK/out" >/dev/null 2>&1; then pass; else
	fail "--input=escaped" "expected the lock"
fi
pickdoc --input=xml "$DOCKER" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "^pickdoc: unknown --input value 'xml'" "$WORK/err"; then pass; else
	fail "--input=xml" "exit $rc; expected 2 and a usage error" "$(head -n 3 "$WORK/err")"
fi

# 5. Compressed standard input, told by its magic.
pickdoc -f json <"$WRAPPED/zstd.generator.py3.14.log.zst" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 0 ] && jq -e '.findings[0].subject == "generator"' "$WORK/out" >/dev/null 2>&1; then
	pass
else
	fail "zstd on standard input" "exit $rc; expected 0 and the generator" "$(head -n 3 "$WORK/err")"
fi

# 6. A rotation set whose oldest file is cut short: one line naming it and where, exit 3,
# and the other files still diagnosed.
mkdir -p "$WORK/rot"
cp "$WRAPPED/rotation/app.log" "$WRAPPED/rotation/app.log.1" "$WORK/rot/"
size=$(wc -c <"$WRAPPED/rotation/app.log.2.gz")
head -c $((size - 20)) "$WRAPPED/rotation/app.log.2.gz" >"$WORK/rot/app.log.2.gz"
pickdoc -f json "$WORK/rot"/* >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 3 ] && [ "$(wc -l <"$WORK/err")" -eq 1 ] &&
	grep -q "^pickdoc: $WORK/rot/app.log.2.gz:.*error: .*corrupt gzip data near byte [0-9]" "$WORK/err" &&
	jq -e '[.findings[].playbook] | index("lambda") != null and index("unpicklable-object") != null' \
		"$WORK/out" >/dev/null 2>&1; then
	pass
else
	fail "rotation set with a cut .gz" "exit $rc; expected 3, one error line, the other findings" \
		"$(head -n 3 "$WORK/err")"
fi

# 7. A rotation set is read oldest first, and each failure was first seen when its log line
# says: the order and the times of the files, not of the run.
pickdoc -f json "$WRAPPED"/rotation/* >"$WORK/out" 2>"$WORK/err"
if jq -e '[.findings[] | [.playbook, .first_seen]] == [
		["local-object", "2024-05-01T12:00:03Z"],
		["unpicklable-object", "2024-05-02T12:00:03Z"],
		["lambda", "2024-05-03T12:00:03Z"]]' "$WORK/out" >/dev/null 2>&1; then
	pass
else
	fail "rotation set: order and times" "expected oldest first, first_seen from the log" \
		"got: $(jq -c '[.findings[] | [.playbook, .first_seen]]' "$WORK/out" 2>/dev/null)"
fi
# The time a container entry says (Docker's "time", journald's __REALTIME_TIMESTAMP, a JSON
# logger's "asctime"), and a CI runner's time before each line.
for f in docker.cf-lambda.py3.12.log journald.lock.py2.7.log json-logger.file-handle.py3.8.log \
	gitlab-ci.cf-unpicklable-result.py3.13.log; do
	pickdoc -f json "$WRAPPED/$f" >"$WORK/out" 2>/dev/null
	if jq -e '.findings[0].first_seen | startswith("2024-05-01T12:00:0")' "$WORK/out" >/dev/null 2>&1
	then
		pass
	else
		fail "wrapped/$f: first_seen" "expected the log's time, 2024-05-01T12:00:0x" \
			"got: $(jq -c '.findings[0].first_seen' "$WORK/out" 2>/dev/null)"
	fi
done

finish
