# Sourced by run.sh (section 9): input that tries to hurt. A log that writes escape
# sequences, C1 controls and bidirectional overrides, or breaks out of Markdown; a line
# that made the parser quadratic; a traceback too long to keep; knowledge bases with a
# runaway pattern, or escapes in their names or patterns. Uses run.sh's pass, fail,
# excerpt, json_expect and pickdoc (bounded by the timeout of setup.sh).

HOSTILE=$ROOT/tests/cli/cases/hostile/hostile.log

# terminal_safe FILE: valid UTF-8, no control character but newline and tab, no C1 control
# (as a byte or as UTF-8), no bidirectional override or isolate.
terminal_safe() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || return 1
	! tr -d '\n\t' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]' || return 1
	! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" || return 1
	! LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" "$1" || return 1
	! LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$1"
}

# JSON keeps every character but writes those a terminal acts on as \u escapes, since
# reports are read with cat and tail -f too (-b and --full shape text and Markdown only).
for fmt in text markdown json ndjson; do
	for brief in "" -b --full; do
		case $fmt$brief in json-* | ndjson-*) continue ;; esac
		pickdoc -f "$fmt" $brief "$HOSTILE" >"$WORK/out" 2>"$WORK/err"
		rc=$?
		if [ "$rc" -eq 0 ] && terminal_safe "$WORK/out" && grep -q unpicklable-object "$WORK/out"; then
			pass
		else
			fail "hostile log, $fmt $brief" \
				"exit $rc; expected 0, the finding, and no byte that acts on a terminal" \
				"$(excerpt "$WORK/out" stdout)"
		fi
	done
done
# With colour asked for, pickdoc's own SGR sequences are the only escapes.
pickdoc --color=always "$HOSTILE" >"$WORK/out" 2>&1
if ! LC_ALL=C grep -q "$(printf '\033')[^[]" "$WORK/out" &&
	! LC_ALL=C grep -q "$(printf '\033')\[[0-9;]*[^0-9;m]" "$WORK/out"; then pass; else
	fail "hostile log, --color=always" "an escape sequence other than SGR colours came out" \
		"$(excerpt "$WORK/out" stdout)"
fi
# The log's backticks and HTML stay inside one code span, fenced longer than they are.
pickdoc -f markdown "$HOSTILE" >"$WORK/out" 2>"$WORK/err"
if grep -Fq '| ````ValueError: ``` <img src=x onerror=alert(1)> \| cell \u202e' "$WORK/out"; then
	pass
else
	fail "hostile log, Markdown code span" "the ValueError message is not fenced with 4 backticks" \
		"$(excerpt "$WORK/out" stdout)"
fi
json_expect "hostile log, JSON" "$HOSTILE" \
	'(.findings[0].subject == "_thread.lock") and (.unmatched[0].message | test("\ufffd"))
	 and (.findings[0].facts.user_source | test("\u0085"))' \
	"valid JSON, the finding reported, invalid bytes replaced, other characters kept"

# One line of 'File "' repeated: the frame search once cost the square of its length
# (minutes for a megabyte); it must now end within the suite's timeout (exit 124 if not).
awk 'BEGIN { for (i = 0; i < 170000; i++) printf "File \""; print "" }' >"$WORK/file-quotes"
cat "$WORK/file-quotes" "$CORPUS/reference/lock.py3.12.txt" >"$WORK/file-quotes-then-tb"
pickdoc -f json "$WORK/file-quotes-then-tb" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 0 ] &&
	jq -e '.findings[0].subject == "_thread.lock"' "$WORK/out" >/dev/null 2>&1; then pass; else
	fail "1 MB of 'File \"'" "exit $rc, expected 0 and the lock (124: no end within ${TIMEOUT}s)" \
		"$(excerpt "$WORK/err" stderr)"
fi

# A traceback longer than pickdoc keeps: what it left out is counted in every format.
awk 'BEGIN { print "Traceback (most recent call last):"
	for (i = 0; i < 300; i++) printf "  File \"/srv/app/m%d.py\", line %d, in f%d\n    f%d()\n", i, i + 1, i, i + 1
	print "TypeError: cannot pickle '\''_thread.lock'\'' object" }' >"$WORK/deep"
json_expect "traceback too long to keep, JSON" "$WORK/deep" \
	'.findings[0].truncated == true and .findings[0].dropped.frames == 172' \
	"300 frames: the first 64 and the last 64 kept, 172 counted as dropped"
pickdoc "$WORK/deep" >"$WORK/out" 2>"$WORK/err"
if grep -q '^  truncated: longer than pickdoc keeps; 172 frames left out$' "$WORK/out"; then pass; else
	fail "traceback too long to keep, text" "expected a 'truncated:' line" "$(excerpt "$WORK/out" stdout)"
fi

# A knowledge base with a pattern that backtracks without bound: --lint fails it with its
# position; a run where it gives up warns once and still diagnoses the rest.
SLOW=$ROOT/tests/cli/cases/kb-slow-pattern
pickdoc --lint "$SLOW" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "kb-slow-pattern/cli-missing-setting\.yaml:11:15: error: pattern hits the match limit" "$WORK/err"; then
	pass
else
	fail "--lint, runaway pattern" "exit $rc, expected 2 and the pattern's file:line:col" \
		"$(excerpt "$WORK/err" stderr)"
fi
near=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
{
	printf 'Traceback (most recent call last):\n  File "a.py", line 1, in <module>\n'
	printf 'LookupError: no such setting: %s!\n\n' "$near"
	printf 'Traceback (most recent call last):\n  File "b.py", line 2, in <module>\n'
	printf 'LookupError: no such setting: %s%s!\n\n' "$near" "$near"
	cat "$CORPUS/reference/lock.py3.12.txt"
} >"$WORK/gives-up"
pickdoc -f json -k "$SLOW" "$WORK/gives-up" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(grep -c 'warning: pattern gave up' "$WORK/err")" -eq 1 ] &&
	grep -q 'kb-slow-pattern/cli-missing-setting\.yaml:11:15: warning:' "$WORK/err" &&
	jq -e '(.findings[0].subject == "_thread.lock") and (.unmatched | length) == 2' \
		"$WORK/out" >/dev/null 2>&1; then
	pass
else
	fail "runaway pattern at run time" \
		"exit $rc; expected 0, one warning naming the pattern, the lock still found" \
		"$(excerpt "$WORK/err" stderr)" "$(excerpt "$WORK/out" stdout)"
fi

# Escapes in a knowledge file's tag reach the error masked.
pickdoc --lint "$ROOT/tests/cli/cases/kb-hostile" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 2 ] && terminal_safe "$WORK/err" &&
	grep -q "escapes\.yaml:4:8: error: tag '?\]0;owned?' is not supported" "$WORK/err"; then pass; else
	fail "knowledge file with escapes" "exit $rc, expected 2 and the tag shown masked" \
		"$(excerpt "$WORK/err" stderr)"
fi

# A pattern holding an OSC sequence that does not compile: the error, the pattern and its
# caret reach stderr escaped, the caret under the unclosed group's end as the pattern is shown.
pickdoc -k "$ROOT/tests/cli/cases/kb-escape-pattern" "$CORPUS/reference/lock.py3.12.txt" \
	>"$WORK/out" 2>"$WORK/err"
rc=$?
caret_at=$(awk '/^ +\^$/ { print index($0, "^") }' "$WORK/err")
end_at=$(awk '/^ +\^$/ { print length(prev) } { prev = $0 }' "$WORK/err")
if [ "$rc" -eq 2 ] && terminal_safe "$WORK/err" &&
	grep -q 'kb-escape-pattern/cli-missing-setting\.yaml:11:[0-9]*: error: pattern does not compile' \
		"$WORK/err" &&
	grep -Fqx '    ^no such setting\x1b]0;pwned\x07: (?<subject>[\w.-]+$' "$WORK/err" &&
	[ -n "$caret_at" ] && [ "$caret_at" -eq $((end_at + 1)) ]; then pass; else
	fail "pattern with escapes that does not compile" \
		"exit $rc; expected 2, the pattern escaped and the caret after its end" \
		"$(excerpt "$WORK/err" stderr)"
fi

# A user's playbook whose title holds an OSC sequence: --list and --show write it escaped
# (Markdown escapes the ']' as well).
ESC_TITLE=$ROOT/tests/cli/cases/kb-escape-title
for action in --list "--show=cli-missing-setting" "--show=cli-missing-setting -f markdown"; do
	# shellcheck disable=SC2086 # the action may be two words
	pickdoc -k "$ESC_TITLE" $action >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ "$rc" -eq 0 ] && terminal_safe "$WORK/out" && grep -Eq 'missing \\x1b\\?]0;pwned\\x07 from' "$WORK/out"; then
		pass
	else
		fail "escapes in a playbook's title, $action" "exit $rc; expected 0 and the title escaped" \
			"$(excerpt "$WORK/out" stdout)"
	fi
done
